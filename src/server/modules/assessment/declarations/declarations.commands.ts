/**
 * Declarations (申报, issue 4 §2): a department's Annex 1 / Annex 2 content, the strict submission checks
 * (shared: checkDeclaration), submission, the office's review and reopening. Each change takes the change
 * context first and re-reads the declaration and its cycle under lock. The deadline and edit rules are in
 * ../assessment.policy (declarationEditRefusal, declarationActions).
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../db/schema';
import {
  checkDeclaration,
  type DeclarationContent,
  type declarationTransitionBody,
  type reopenDeclarationBody,
} from '../../../../shared/contracts/declarations';
import { DECLARATION_EDITABLE, DECLARATION_WORKFLOW, declarationReopenPhaseRefusal, phaseAllows, reopenUntilRefusal } from '../../../../shared/workflow/assessment';
import { fieldLabel } from '../../../../shared/contracts/field-labels';
import type { Change } from '../../../core/change';
import { byWhomWhen, recordedChanges } from '../../../core/audit';
import { badRequest, conflict, type AppError, type FieldProblem } from '../../../core/errors';
import { transition } from '../../../core/transition';
import { addTodo, closeTodos } from '../../todos';
import { declarationEditRefusal, declarationMoveRefusal, dueDateOf, ensure, pastDeadline } from '../assessment.policy';
import { lastYearPoints, lockDeclaration, reload, setReopenedUntil, updateContent, type LastYearPoint, type LoadedDeclaration } from './declarations.queries';
import { parseContent, presentDetail } from './declarations.presenter';

type DeclarationTransitionBody = z.infer<typeof declarationTransitionBody>;
type ReopenDeclarationBody = z.infer<typeof reopenDeclarationBody>;

/**
 * The department's content with last year's points taken from the base (never from the client) and every
 * sourceCode checked to be one of this department's key points of last year.
 */
export function normalizeContent(
  content: DeclarationContent,
  map: Map<string, LastYearPoint>,
  deptCode: string,
  fieldOf: (row: number) => string = (i) => `content.indicators.${i}.sourceCode`,
): { content: DeclarationContent; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  const indicators = content.indicators.map((r, i) => {
    if (r.sourceCode === null) return { ...r, lastYearPoints: null };
    const last = map.get(r.sourceCode);
    if (!last || !last.evaluators.includes(deptCode)) {
      problems.push({ field: fieldOf(i), message: `${fieldLabel(['indicators', i])}的上年编号「${r.sourceCode}」不是本单位上年度的考核要点，请勿修改编号（新增指标请留空）` });
      return r;
    }
    if (seen.has(r.sourceCode)) {
      problems.push({ field: fieldOf(i), message: `${fieldLabel(['indicators', i])}的上年编号「${r.sourceCode}」重复，同一上年考核要点只能对应一条指标` });
    }
    seen.add(r.sourceCode);
    return { ...r, lastYearPoints: last.points };
  });
  return { content: { ...content, indicators }, problems };
}

/** what each recorded change of a declaration did, as its loser reads it */
const DECLARATION_DONE: Record<string, string> = {
  'declaration.save': '保存',
  'declaration.upload': '上传保存',
  'declaration.submit': '提交',
  'declaration.return': '退回',
  'declaration.accept': '接收',
  'declaration.reopen': '重新开放',
};

/**
 * The 409 of a declaration that moved on after the caller read it: who changed it last, when and how (its audit
 * rows, read after the miss; 您在其他窗口 when it was the caller, whose access `d` was loaded with), then `tail`;
 * with the declaration as it stands (`current`).
 */
export async function declarationChanged(db: Kysely<Database>, d: LoadedDeclaration, tail: string): Promise<AppError> {
  const [last] = await recordedChanges(db, 'declaration', d.row.id, { family: 'declaration' });
  const what = last ? `已由${byWhomWhen(last, d.access.user.id)}${DECLARATION_DONE[last.action] ?? '修改'}` : '已被他人修改（版本不一致）';
  return conflict(`申报表${what}，${tail}`, presentDetail(d));
}

/**
 * Save a draft's content (a form save or an Excel upload): the declaration under lock must still be editable,
 * then a version-checked replace (409 with the other person's declaration on conflict).
 */
export async function saveDeclaration(c: Change, seen: LoadedDeclaration, content: DeclarationContent, version: number, action: string) {
  const d = await lockDeclaration(c.trx, seen); // state, deadline and phase, read under lock
  ensure(declarationEditRefusal(d));
  const before = parseContent(d.row);
  if (!(await updateContent(c.trx, d.row.id, version, content, { id: c.user.id, at: c.clock.at }))) {
    const now = await reload(c.trx, d);
    if (!DECLARATION_EDITABLE.includes(now.row.status)) {
      throw conflict(`申报表当前状态为「${DECLARATION_WORKFLOW.states[now.row.status]}」，不能修改`, presentDetail(now));
    }
    throw await declarationChanged(c.trx, now, '请查看对方保存的内容后重新加载');
  }
  await c.audit({ action, entityType: 'declaration', entityId: d.row.id, before, after: content });
  return presentDetail(await reload(c.trx, d));
}

async function refreshReviewTodo(c: Change, d: LoadedDeclaration, late: boolean): Promise<void> {
  const src = { sourceType: 'declaration', sourceId: String(d.row.id) };
  await closeTodos(c.trx, { by: c.user.id, at: c.clock.at }, { kind: 'declaration.review', ...src });
  await addTodo(c.trx, {
    at: c.clock.at,
    role: 'office',
    orgUnitId: d.access.cycle.office_org_id,
    kind: 'declaration.review',
    title: `审核${d.dept.name}提交的${d.access.cycle.year}年度考核指标申报表${late ? '（逾期提交）' : ''}`,
    detail: `${d.access.cycle.title}：请接收或退回（须填写原因）`,
    link: `/assessment/${d.access.cycle.id}?tab=declarations&declaration=${d.row.id}`,
    ...src,
  });
}


/** Submit (the department, after every check), return (with a reason) or accept (the office). */
export async function moveDeclaration(c: Change, seen: LoadedDeclaration, body: DeclarationTransitionBody) {
  const { trx, user: me } = c;
  const { event, reason, version } = body;
  // state, version, content and the cycle's phase, read under lock
  const d = await lockDeclaration(trx, seen);
  const from = d.row.status;
  ensure(declarationMoveRefusal(d, event));
  if (version !== d.row.version) {
    throw await declarationChanged(trx, d, '请刷新后重试');
  }
  const now = c.clock.at;
  const set: Record<string, unknown> = { updated_at: now, updated_by: me.id };
  const src = { sourceType: 'declaration', sourceId: String(d.row.id) };
  let late = false;
  if (event === 'submit') {
    ensure(declarationEditRefusal(d));
    const normalized = normalizeContent(parseContent(d.row), await lastYearPoints(trx, d.access.cycle), d.dept.code, (i) => `indicators.${i}.sourceCode`);
    const content: DeclarationContent = normalized.content;
    const problems = [...normalized.problems, ...checkDeclaration(content)];
    if (problems.length) {
      throw badRequest(`申报表有${problems.length}处需要修改后才能提交：${problems.map((p) => p.message).join('；')}`, problems);
    }
    // Late: submitted after the cycle's deadline (a resubmission after the office's return keeps its flag).
    late = from === 'returned' ? d.row.late === 1 : pastDeadline(d.access.cycle, c.clock.today);
    Object.assign(set, { submitted_at: now, late: late ? 1 : 0, content_json: JSON.stringify(content) });
  } else {
    if (!phaseAllows(d.access.cycle.status, 'reviewDeclarations')) {
      throw conflict('考核已进入评分阶段，不能再审核申报表');
    }
    if (event === 'return') set.return_reason = reason!;
  }
  await transition(c, {
    workflow: DECLARATION_WORKFLOW,
    table: 'declaration',
    key: { id: d.row.id, version: d.row.version },
    from,
    event,
    set,
    entityId: d.row.id,
    detail: { department: d.dept.name, ...(reason ? { reason } : {}) },
  });
  if (event === 'submit') {
    await closeTodos(trx, { by: me.id, at: c.clock.at }, { kind: 'declaration.fill', ...src });
    await closeTodos(trx, { by: me.id, at: c.clock.at }, { kind: 'declaration.returned', ...src });
    await refreshReviewTodo(c, d, late);
  } else {
    await closeTodos(trx, { by: me.id, at: c.clock.at }, { kind: 'declaration.review', ...src });
    if (event === 'return') {
      await addTodo(trx, {
        at: c.clock.at,
        role: 'department',
        orgUnitId: d.dept.id,
        kind: 'declaration.returned',
        title: `${d.access.cycle.year}年度考核指标申报表被退回，请修改后重新提交`,
        detail: `退回原因：${reason}`,
        link: `/assessment/${d.access.cycle.id}?tab=declarations`,
        dueAt: dueDateOf(d.access.cycle, d.row),
        ...src,
      });
    }
  }
  return presentDetail(await reload(trx, d));
}

/** Reopen a department's declaration after the deadline, until a date (later submissions are late). */
export async function reopenDeclaration(c: Change, seen: LoadedDeclaration, body: ReopenDeclarationBody) {
  const { trx, audit, user: me } = c;
  const { until, reason } = body;
  const d = await lockDeclaration(trx, seen); // the phase and the declaration's state, read under lock
  const cy = d.access.cycle;
  const phaseRefusal = declarationReopenPhaseRefusal(cy.status);
  if (phaseRefusal) throw conflict(phaseRefusal);
  if (!pastDeadline(cy, c.clock.today)) throw conflict(`申报尚未截止（截止日期${cy.deadline}），无需重新开放`);
  const status = d.row.status;
  if (!DECLARATION_EDITABLE.includes(status)) {
    throw conflict(`申报表当前状态为「${DECLARATION_WORKFLOW.states[status]}」，无需重新开放；如需修改请退回`);
  }
  // the same reopening again (twice at once, or a second click) changes nothing: one audit row, one to-do
  if (d.row.reopened_until === until) throw conflict(`已为${d.dept.name}重新开放申报至${until}，无需重复操作`, presentDetail(d));
  const refusal = reopenUntilRefusal({ until, today: c.clock.today });
  if (refusal) throw badRequest(refusal.message, [refusal]);
  if (!(await setReopenedUntil(trx, d.row.id, d.row.version, until, { id: me.id, at: c.clock.at }))) throw await declarationChanged(trx, await reload(trx, d), '请刷新后重试');
  await audit({
    action: 'declaration.reopen',
    entityType: 'declaration',
    entityId: d.row.id,
    before: { reopenedUntil: d.row.reopened_until },
    after: { reopenedUntil: until, reason, department: d.dept.name },
  });
  const src = { sourceType: 'declaration', sourceId: String(d.row.id) };
  await closeTodos(trx, { by: me.id, at: c.clock.at }, { kind: 'declaration.fill', ...src });
  await addTodo(trx, {
    at: c.clock.at,
    role: 'department',
    orgUnitId: d.dept.id,
    kind: 'declaration.fill',
    title: `${cy.year}年度考核指标申报已为本单位重新开放，请于${until}前提交`,
    detail: `重新开放原因：${reason}（已过原定截止日期，此时提交记为逾期补报）`,
    link: `/assessment/${cy.id}?tab=declarations`,
    dueAt: until,
    ...src,
  });
  return presentDetail(await reload(trx, d));
}
