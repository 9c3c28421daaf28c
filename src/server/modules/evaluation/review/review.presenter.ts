/** The plan, the panel and an expert's sheet → the response shapes of src/shared/contracts/evaluation.ts. */
import type { ExpertView, ItemEvidenceView, PlanView, SheetView } from '../../../../shared/contracts/evaluation';
import { COMBINE_METHOD_LABELS, splitKey, type AgreedScore, type Consolidation } from '../../../../shared/evaluation/consolidate';
import { scoreUnit } from '../../../../shared/scoring';
import type { Framework } from '../../../../shared/scoring/framework-schema';
import { PLAN_WORKFLOW, RECUSAL_WORKFLOW, SHEET_WORKFLOW } from '../../../../shared/workflow/evaluation';
import type { ApplicationRow, Org } from '../evaluation.queries';
import { itemsOf, naKeysOf, NO_LEADER_ACTS, sheetAnswers } from './review.policy';
import type { ExpertRow, MemberRow, PlanRow, SheetRow } from './review.queries';
import type { ScoreRevisionTable } from '../../../db/schema';
import type { Selectable } from 'kysely';

export function presentExpert(e: ExpertRow, orgs: Map<number, Org>, usernames: Map<number, string> = new Map()): ExpertView {
  const region = e.region_org_id ? orgs.get(e.region_org_id) : undefined;
  return {
    id: e.id,
    version: e.version,
    active: e.active === 1,
    username: e.user_id ? (usernames.get(e.user_id) ?? null) : null,
    name: e.name,
    organisation: e.organisation,
    region: region ? { id: region.id, name: region.name } : null,
    field: e.field,
    title: e.title,
    hasAccount: e.user_id !== null,
  };
}

/** The expert's organisation sits in the applicant's region, or the applicant in the expert's (回避 to look into). */
export function regionFlag(e: ExpertRow, applicantLineage: Org[], orgs: Map<number, Org>): boolean {
  if (!e.region_org_id) return false;
  if (applicantLineage.some((o) => o.id === e.region_org_id)) return true;
  // the expert's region is inside the applicant (a county of the applying city)
  const region = orgs.get(e.region_org_id);
  return !!region && region.parent_id === applicantLineage[0]?.id;
}

/**
 * The confirmed 综合评价 as the applicant reads it: the result, the agreed scores and their reasons, never one
 * expert's score (neither by name nor by id: the scores, the outliers, the scores an agreed figure was decided on).
 */
export function applicantConsolidation(stored: Consolidation): Consolidation {
  const plain = (a: AgreedScore | null): AgreedScore | null => (a ? { score: a.score, reason: a.reason } : null);
  return { ...stored, items: stored.items.map((i) => ({ ...i, scores: [], outliers: [], basis: {}, agreed: plain(i.agreed), staleAgreed: plain(i.staleAgreed ?? null) })) };
}

/**
 * The 综合评价 as the applicant reads it once confirmed and fed back: the result, never one expert's scores by name,
 * and on each item that lost points the experts' opinions as the 评价报告 prints them (`opinions`, lostItemOpinions).
 */
export const presentApplicantConsolidation = (app: ApplicationRow, stored: Consolidation, opinions: Record<string, string[]>) => ({
  consolidation: applicantConsolidation(stored),
  opinions,
  experts: {},
  pending: [],
  evidence: [],
  abilities: NO_LEADER_ACTS,
  version: app.version,
});

/**
 * The 综合评价 as the organiser, a leader or an expert of the panel reads it: the confirmed one once stored, else as it
 * stands now (`now`: null without an approved plan), the experts by name, who is still to submit, the registers'
 * evidence and what the caller may do.
 */
export function presentConsolidation(
  app: ApplicationRow,
  now: { result: Consolidation; names: Map<string, string>; pending: string[] } | null,
  evidence: ItemEvidenceView[],
  abilities: { agree: boolean; confirm: boolean; waiting: string | null },
) {
  return { consolidation: app.consolidation_json ? JSON.parse(app.consolidation_json) : (now?.result ?? null), experts: Object.fromEntries(now?.names ?? []), pending: now?.pending ?? [], evidence, abilities, version: app.version };
}

/** The peer table a plan ranks against, as named in the plan (an approved plan: as named when approved). */
export const peerTableOf = (plan: Pick<PlanRow, 'peer_table_id' | 'peer_table_title'>) => (plan.peer_table_id ? { id: plan.peer_table_id, title: plan.peer_table_title ?? `同级比较表${plan.peer_table_id}` } : null);

export function presentPlan(
  plan: PlanRow,
  fw: Framework,
  members: MemberRow[],
  experts: Map<number, ExpertRow>,
  orgs: Map<number, Org>,
  applicantLineage: Org[],
  sheets: SheetRow[],
  problems: string[],
  warnings: string[],
  mine: ReadonlySet<number>,
  /** the reader may see this expert's 回避声明 (mayReadRecusal); otherwise only its outcome */
  readsRecusal: (expertId: number) => boolean,
): PlanView {
  const criteria = new Map<string, { title: string; points: string }>(fw.sections.flatMap((s) => s.items.flatMap((i) => i.criteria.map((c) => [`${i.code}.${c.code}`, { title: `${i.title}：${c.title}`, points: String(c.points) }] as const))));
  return {
    id: plan.id,
    applicationId: plan.application_id,
    versionNo: plan.version_no,
    status: plan.status,
    statusLabel: PLAN_WORKFLOW.states[plan.status],
    reason: plan.reason,
    notApplicable: (JSON.parse(plan.not_applicable_json) as { key: string; reason: string }[]).map((x) => ({ key: x.key, title: criteria.get(x.key)?.title ?? x.key, points: criteria.get(x.key)?.points ?? '0', reason: x.reason })),
    method: plan.method,
    methodLabel: COMBINE_METHOD_LABELS[plan.method],
    threshold: plan.threshold,
    schedule: { documentReviewStart: plan.document_review_start, documentReviewEnd: plan.document_review_end, siteReviewStart: plan.site_review_start, siteReviewEnd: plan.site_review_end },
    peers: JSON.parse(plan.peers_json),
    peerTable: peerTableOf(plan),
    members: members.map((m) => {
      const e = experts.get(m.expert_id)!;
      const sheet = sheets.find((s) => s.expert_id === m.expert_id);
      return {
        id: m.id,
        expert: presentExpert(e, orgs),
        leader: m.leader === 1,
        items: itemsOf(m),
        recusalStatus: m.status,
        recusalLabel: RECUSAL_WORKFLOW.states[m.status],
        recusal: m.recusal_json && readsRecusal(m.expert_id) ? JSON.parse(m.recusal_json) : null,
        declaredAt: m.declared_at,
        regionFlag: regionFlag(e, applicantLineage, orgs),
        sheetStatus: sheet?.status ?? 'none',
        version: m.version,
        mine: mine.has(m.expert_id),
      };
    }),
    problems,
    warnings,
    approvedAt: plan.approved_at,
    version: plan.version,
  };
}

/** The expert's own sheet: their items, with the engine's score of what they answered so far. */
export function presentSheet(
  applicationId: number,
  expert: { id: number; name: string },
  fw: Framework,
  plan: PlanRow,
  member: MemberRow,
  sheet: SheetRow | undefined,
  missing: string[],
  revisions: Selectable<ScoreRevisionTable>[],
  selfSubmitted: boolean,
  abilities: SheetView['abilities'],
  evidence: ItemEvidenceView[] = [],
): SheetView {
  const answers = sheetAnswers(plan, sheet);
  const reasons = sheet ? (JSON.parse(sheet.reasons_json) as Record<string, string>) : {};
  const na = new Set(naKeysOf(plan));
  const mine = new Set(itemsOf(member));
  const input: Record<string, Record<string, unknown>> = {};
  for (const code of mine) input[code] = { ...(answers[code] ?? {}) };
  for (const key of na) {
    const { item, criterion } = splitKey(key);
    if (mine.has(item)) input[item] = { ...(input[item] ?? {}), [criterion]: 'na' };
  }
  const scored = scoreUnit(fw, { unit: 'sheet', answers: input as never });
  const byItem = new Map(scored.sections.flatMap((s) => s.items.map((i) => [i.code, i] as const)));
  return {
    applicationId,
    expert,
    status: sheet?.status ?? 'open',
    statusLabel: SHEET_WORKFLOW.states[sheet?.status ?? 'open'],
    stage: sheet?.stage ?? 'document',
    selfSubmitted,
    items: fw.sections.flatMap((s) =>
      s.items
        .filter((i) => mine.has(i.code))
        .map((i) => {
          const r = byItem.get(i.code)!;
          return {
            code: i.code,
            title: i.title,
            points: String(i.points),
            score: r.score,
            criteria: i.criteria.map((c) => {
              const key = `${i.code}.${c.code}`;
              const cr = r.criteria.find((x) => x.code === key);
              const answered = answers[i.code]?.[c.code];
              return {
                code: c.code,
                title: c.title,
                points: String(c.points),
                notApplicable: na.has(key),
                answer: answered ?? null,
                reason: reasons[key] ?? null,
                score: answered === undefined && !na.has(key) ? null : (cr?.score ?? null),
                explanation: answered === undefined ? null : (cr?.explanation ?? null),
              };
            }),
          };
        }),
    ),
    peerTable: peerTableOf(plan),
    evidence,
    missing,
    revisions: revisions.map((r) => ({ key: `${r.item_code}.${r.criterion_code}`, before: r.before_json ? JSON.parse(r.before_json) : null, after: JSON.parse(r.after_json), reason: r.reason, at: r.revised_at })),
    abilities,
    version: sheet?.version ?? null,
  };
}
