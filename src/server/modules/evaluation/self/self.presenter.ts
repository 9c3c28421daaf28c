/** The 自评 → its view: every item of the sheet, the applicant's answers and notes, the engine's scores and total. */
import type { FindingView, SelfAssessmentView } from '../../../../shared/contracts/evaluation';
import { splitKey } from '../../../../shared/evaluation/consolidate';
import { scoreUnit } from '../../../../shared/scoring';
import { rat, toDecimalString } from '../../../../shared/scoring/rational';
import type { Framework } from '../../../../shared/scoring/framework-schema';
import { selfStatusLabel } from '../../../../shared/workflow/evaluation';
import { RECTIFICATION_WORKFLOW } from '../../../../shared/workflow/rectification';
import type { RoundAccess } from '../evaluation.policy';
import { mayReadFindingRecorder, withoutUndeclaredNa } from '../review/review.policy';
import type { findingsOf, SelfRow } from './self.queries';

/** Criteria without a self-assessment answer (the plan's 合理缺项 excluded; a "na" the plan does not declare is none). */
export function selfMissing(fw: Framework, naKeys: readonly string[], stored: Record<string, Record<string, unknown>>): string[] {
  const na = new Set(naKeys);
  const answers = withoutUndeclaredNa(stored, naKeys, '自评');
  return fw.sections.flatMap((s) => s.items.flatMap((i) => i.criteria.map((c) => `${i.code}.${c.code}`).filter((k) => !na.has(k) && answers[splitKey(k).item]?.[splitKey(k).criterion] === undefined)));
}

export function presentSelf(
  applicationId: number,
  fw: Framework,
  naKeys: readonly string[],
  row: SelfRow | undefined,
  may: { editable: boolean; returnable: boolean; checkable: boolean },
  checkedBy: string | null,
): SelfAssessmentView {
  // a "na" the plan does not declare reads as unanswered: it neither excludes the criterion nor prorates the total
  const answers = withoutUndeclaredNa(row ? (JSON.parse(row.answers_json) as Record<string, Record<string, unknown>>) : {}, naKeys, '自评');
  const notes = row ? (JSON.parse(row.notes_json) as Record<string, string>) : {};
  const input: Record<string, Record<string, unknown>> = JSON.parse(JSON.stringify(answers));
  for (const key of naKeys) {
    const { item, criterion } = splitKey(key);
    input[item] = { ...(input[item] ?? {}), [criterion]: 'na' };
  }
  const r = scoreUnit(fw, { unit: 'self', answers: input as never });
  const byItem = new Map(r.sections.flatMap((s) => s.items.map((i) => [i.code, i] as const)));
  const na = new Set(naKeys);
  return {
    applicationId,
    status: row?.status ?? 'open',
    // 未开始 until the applicant saves something (the list's 自评 column says the same)
    statusLabel: selfStatusLabel(row?.status, row?.return_reason, !!row?.checked_at),
    // two decimals from the exact fraction, as the 综合评价 shows its total
    total: toDecimalString(exactOf(r.totalExact), 0, 2),
    score: r.score,
    items: fw.sections.flatMap((s) =>
      s.items.map((i) => {
        const ir = byItem.get(i.code)!;
        return {
          code: i.code,
          title: i.title,
          section: s.title,
          points: String(i.points),
          score: ir.score,
          criteria: i.criteria.map((c) => {
            const key = `${i.code}.${c.code}`;
            const answered = answers[i.code]?.[c.code];
            return {
              code: c.code,
              title: c.title,
              points: String(c.points),
              notApplicable: na.has(key),
              answer: answered ?? null,
              note: notes[key] ?? null,
              score: answered === undefined ? null : (ir.criteria.find((x) => x.code === key)?.score ?? null),
            };
          }),
        };
      }),
    ),
    missing: selfMissing(fw, naKeys, answers),
    editable: may.editable,
    returnReason: row?.return_reason ?? null,
    returnable: may.returnable,
    checked: row?.checked_at ? { by: checkedBy ?? '', at: row.checked_at } : null,
    checkable: may.checkable,
    version: row?.version ?? null,
  };
}

/** "p/q" or "p" (the engine's totalExact) → a rational */
function exactOf(text: string) {
  const [p, q] = text.split('/');
  return rat(BigInt(p), BigInt(q ?? '1'));
}

/**
 * The on-site findings, each with the 整改事项 raised from it (if any); who recorded each only for those who read the
 * panel's workings (mayReadFindingRecorder), not the applicant.
 */
export function presentFindings(
  a: Pick<RoundAccess, 'as'>,
  findings: Awaited<ReturnType<typeof findingsOf>>,
  raised: { id: number; source_ref: string; status: NonNullable<FindingView['rectification']>['status'] }[],
): { items: FindingView[] } {
  const byFinding = new Map(raised.map((r) => [r.source_ref, r]));
  const recorder = mayReadFindingRecorder(a);
  return {
    items: findings.map((f) => {
      const r = byFinding.get(String(f.id));
      return {
        id: f.id,
        itemCode: f.item_code,
        text: f.text,
        recordedBy: recorder ? f.display_name : null,
        recordedAt: f.recorded_at,
        rectification: r ? { id: r.id, status: r.status, statusLabel: RECTIFICATION_WORKFLOW.states[r.status] } : null,
      };
    }),
  };
}
