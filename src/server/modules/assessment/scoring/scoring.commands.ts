/**
 * 评分: the changes — one score (optimistic version, 409 with the other person's score), clearing a score,
 * submission (lock), reopening, reminders, a city's self-report — and their preconditions. Every change takes
 * the change context {trx, audit, user} (core/change.ts) first; the route runs it inside `ctx.tx`.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import { onDuplicate } from '../../../db/errors';
import type { Framework } from '../../../../shared/scoring/framework-schema';
import { checkEnteredAnswer, pointsLost, reasonProblem } from '../../../../shared/scoring';
import type { PutScoreBody, PutSelfReportBody, ReopenBody } from '../../../../shared/contracts/scoring';
import { REMIND_AGAIN_MINUTES, remindedJustNow, SCORE_SUBMISSION_WORKFLOW, SUBMISSION_EDITABLE, type SubmissionStatus } from '../../../../shared/workflow/assessment';
import type { Change } from '../../../core/change';
import { badRequest, conflict, forbidden, notFound } from '../../../core/errors';
import { assertTransition, transition } from '../../../core/transition';
import { personAt, requestedBy } from '../../../core/user-names';
import { byWhomWhen, recordedChanges, type RecordedChange } from '../../../core/audit';
import { addTodo, closeTodos } from '../../todos';
import { ensure, mayScoreCriterion, maySelfReport, scoreRefusal, scoringPhaseRefusal, type CycleAccess } from '../assessment.policy';
import { currentScheme, cycleUnits, listEvidence, lockCycle, publishedScheme, publishedSchemeId, type CycleRow } from '../assessment.queries';
import { evaluatorsOf, keyPointInScheme, scoreCellInScheme } from '../framework';
import {
  deleteScoreRow,
  ensureSubmission,
  evaluatingOrgs,
  findCycleUnit,
  findOrg,
  findScore,
  lastClearing,
  findSelfReport,
  insertScore,
  insertSelfReport,
  lastReopenings,
  loadScoreRows,
  lockSubmission,
  lockSubmissions,
  lockSubmitted,
  missingAmong,
  missingOf,
  orgsByCode,
  presentCells,
  presentSelfReports,
  scoreHasEvidence,
  submissionOf,
  submissionsOf,
  updateScore,
  updateSelfReport,
  type Cell,
  type Unit,
} from './scoring.queries';
import { presentCell, presentSubmission } from './scoring.presenter';

/**
 * to-do kinds of scoring: the reminder (催办) is a stored notice; 评分 (score.enter), 已重新开放 (scoring.reopened) and
 * the office's 已全部提交 are derived from the submissions (src/shared/workflow/todos.ts), and stored rows of those
 * kinds (written before) are closed with the reminder when the department submits
 */
export const TODO = {
  fill: 'score.enter',
  remind: 'scoring.remind',
  reopened: 'scoring.reopened',
} as const;
export const submissionSource = (cycleId: number, departmentId: number) => ({ sourceType: 'score_submission', sourceId: `${cycleId}:${departmentId}` });

/** the 409 of a score change after the department's submission */
// (a city's office runs its own counties' cycle: the message names the organiser by its part, not as 省质强办)
export const SUBMISSION_LOCKED = '本部门的评分已提交锁定，不能再修改；如需修改，请联系组织本次考核的质强办重新开放评分';
/** the 403 of a self-report change once the results are out */
export const SELF_REPORT_LOCKED = '结果公示或发布后，自评材料不能再修改';

const submissionEditable = (status: SubmissionStatus) => SUBMISSION_EDITABLE.includes(status);

// ------------------------------------------------------------------------------------------------ preconditions

/** The published scheme, or 409: scores are entered only against a published scheme. */
export async function requirePublished(db: Kysely<Database>, cycleId: number) {
  const s = await publishedScheme(db, cycleId);
  if (!s) throw conflict('考核方案尚未发布，暂不能评分');
  return s;
}

/** One score of one assessed unit, as checked by checkScoreWrite. */
export interface ScoreTarget {
  a: CycleAccess;
  /** the published scheme the write was checked against (its id is re-checked inside the transaction) */
  schemeId: number;
  fw: Framework;
  unit: Unit;
  unitId: number;
  itemCode: string;
  criterionCode: string;
}

/**
 * Everything that must hold before the caller changes one score: the caller may score (policy), the scheme
 * is published, the criterion exists and is the caller's, the unit is assessed in the cycle. A quick answer before
 * any transaction; the change itself re-reads what can change under it with lockScoring — the submission's status
 * only there (lockOpenScoring, the same 409): read here too, it was one more statement on every save for an answer
 * the transaction gives a moment later. (An upload of evidence asks requireOpenSubmission first, before the file.)
 */
export async function checkScoreWrite(db: Kysely<Database>, a: CycleAccess, unitId: number, itemCode: string, criterionCode: string): Promise<ScoreTarget> {
  ensure(scoreRefusal(a));
  const scheme = await requirePublished(db, a.cycle.id);
  const evaluators = evaluatorsOf(scheme.framework, itemCode, criterionCode);
  if (!evaluators) throw notFound(`考核方案中没有考核要点${keyPointInScheme(scheme.framework, itemCode, criterionCode)}`);
  if (!mayScoreCriterion(a, evaluators)) {
    const names = [...(await orgsByCode(db, evaluators, a.cycle.office_org_id)).values()].map((o) => o.name);
    throw forbidden(`考核要点${keyPointInScheme(scheme.framework, itemCode, criterionCode)}由${names.join('、') || '其他部门'}评分，您无权评分`);
  }
  const unit = await findCycleUnit(db, a.cycle.id, unitId);
  if (!unit) throw notFound(`被考核单位${unitId}不在本次考核范围内`);
  return { a, schemeId: scheme.row.id, fw: scheme.framework, unit, unitId, itemCode, criterionCode };
}

/**
 * The caller's submission is still open (409 otherwise), read before a transaction: for what must not start on a
 * locked submission, such as receiving an evidence file. The change re-reads it under lock (lockOpenScoring).
 */
export async function requireOpenSubmission(db: Kysely<Database>, a: CycleAccess): Promise<void> {
  const sub = await submissionOf(db, a.cycle.id, a.orgUnitId);
  if (sub && !submissionEditable(sub.status)) throw conflict(SUBMISSION_LOCKED);
}

/**
 * The preconditions of every change to a department's scores, read inside the change's transaction under
 * lock: the cycle (FOR SHARE) is still scoring, the scheme the caller was checked against is still the
 * published one, and the department's submission row (FOR UPDATE; created 'open' if missing) — which
 * serialises score writes against the submission. Returns the locked submission; the caller checks its status.
 */
export async function lockScoring(c: Pick<Change, 'trx' | 'clock'>, a: CycleAccess, schemeId: number, departmentId = a.orgUnitId, mode: 'share' | 'update' = 'update') {
  const { trx } = c;
  const cycle = await lockCycle(trx, a.cycle.id, 'share');
  ensure(scoringPhaseRefusal({ ...a, cycle }));
  const published = await publishedSchemeId(trx, a.cycle.id);
  if (published === undefined) throw conflict('考核方案尚未发布，暂不能评分');
  if (published !== schemeId) throw conflict('考核方案已发布新版本，请刷新页面后按新版本评分');
  // one read in the usual case (the publication made the row); created 'open' on first use otherwise
  const row = await lockSubmission(trx, a.cycle.id, departmentId, mode);
  if (row) return row;
  await ensureSubmission(trx, a.cycle.id, departmentId, c.clock.at);
  return (await lockSubmission(trx, a.cycle.id, departmentId, mode))!;
}

/** lockScoring, and 409 unless the department's submission is still open. */
export async function lockOpenScoring(c: Pick<Change, 'trx' | 'clock'>, a: CycleAccess, schemeId: number, mode: 'share' | 'update' = 'update') {
  const sub = await lockScoring(c, a, schemeId, a.orgUnitId, mode);
  if (!submissionEditable(sub.status)) throw conflict(SUBMISSION_LOCKED);
  return sub;
}

// ------------------------------------------------------------------------------------------------ scores

/** the score a change is about, named in its messages: 长沙市「7.a 产品质量安全保障」 (from the scheme the write was checked against: no read) */
const cellLabel = (t: Pick<ScoreTarget, 'fw' | 'unit' | 'itemCode' | 'criterionCode'>) => scoreCellInScheme(t.fw, t.unit.name, t.itemCode, t.criterionCode);

/** the stored score, as the other person left it (for a 409) */
async function currentCell(db: Kysely<Database>, t: ScoreTarget) {
  const row = await findScore(db, t.a.cycle.id, t.unitId, t.itemCode, t.criterionCode);
  if (!row) return null;
  return (await presentCells(db, t.a.cycle.id, t.fw, [t.unit], [row]))[0];
}

/** a first score that found the cell already scored: by whom and when, in the caller's words (the same person in another window, or someone else) */
const alreadyScored = async (db: Kysely<Database>, t: ScoreTarget, row: { updated_by: number | null; updated_at: string } | undefined, me: number) =>
  `${cellLabel(t)}已由${row ? `${await personAt(db, row.updated_by, row.updated_at, me)}` : '他人'}评分，请查看当前评分后再修改`;

/** a cell cleared since the caller read it: by whom and when (its score.delete audit row; 您在其他窗口 when it was `me`); null when no clearing is recorded */
const clearedBy = async (db: Kysely<Database>, t: ScoreTarget, me: number): Promise<string | null> => {
  const last = await lastClearing(db, t.a.cycle.id, t.unit.name, `${t.itemCode}.${t.criterionCode}`);
  return last ? `${cellLabel(t)}的评分已由${byWhomWhen(last, me)}清除` : null;
};
const cleared = async (db: Kysely<Database>, t: ScoreTarget, me: number) => (await clearedBy(db, t, me)) ?? `${cellLabel(t)}的评分已被他人清除`;

/** a cell changed since the caller read it: who changed it last and when (the row as it now stands, read after the miss; 您在其他窗口 when it was `me`) */
const changedBy = async (db: Kysely<Database>, t: ScoreTarget, me: number) => {
  const row = await findScore(db, t.a.cycle.id, t.unitId, t.itemCode, t.criterionCode);
  return row ? `${cellLabel(t)}已由${await personAt(db, row.updated_by, row.updated_at, me)}修改` : cleared(db, t, me);
};

/** The engine's verdict on one answer: its score and explanation, and the points it loses (null: none). */
export interface ScoreVerdict {
  score: string;
  explanation: string;
  lost: string | null;
}

/** The engine's check of a score's answer (and its two decimals at most): 400 with the engine's own message, naming the unit and the key point as the other score errors do. */
export function checkScoreAnswer(t: Pick<ScoreTarget, 'fw' | 'unit' | 'itemCode' | 'criterionCode'>, answer: unknown): ScoreVerdict {
  const r = checkEnteredAnswer(t.fw, t.itemCode, t.criterionCode, answer);
  if (!r.ok) throw badRequest(`${cellLabel(t)}的评分有误：${r.message}`, [{ field: 'answer', message: r.message }]);
  return { score: r.score, explanation: r.explanation, lost: pointsLost(t.fw, t.itemCode, r, answer) };
}

/** Every point deducted has a written reason: 400 naming 扣分理由 (the shared rule, reasonProblem). */
export function requireReason(key: string, verdict: ScoreVerdict, reason: string | null): void {
  const message = reasonProblem(key, verdict.lost, reason);
  if (message) throw badRequest(message, [{ field: 'comment', message }]);
}

/**
 * Enter (version null) or change one score; returns the stored cell, built from what was written (the caller's
 * answer, the engine's verdict on it from checkScoreAnswer, its evidence) rather than read back and re-scored.
 */
export async function saveScore(c: Change, t: ScoreTarget, body: PutScoreBody, verdict: ScoreVerdict) {
  const { trx, audit, user: me } = c;
  const { a, unit, unitId, itemCode, criterionCode } = t;
  const answer = body.answer;
  const now = c.clock.at;
  const key = cellLabel(t);
  const lost = async (msg: string) => conflict(msg, await currentCell(trx, t));
  await lockOpenScoring(c, a, t.schemeId, 'share');
  const before = await findScore(trx, a.cycle.id, unitId, itemCode, criterionCode);
  const comment = body.comment === undefined ? (before?.comment ?? null) : body.comment?.trim() || null;
  requireReason(key, verdict, comment);
  const version = before ? body.version! + 1 : 1;
  let id: number;
  if (body.version === null) {
    if (before) throw await lost(await alreadyScored(trx, t, before, me.id));
    id = (await insertScore(trx, { cycleId: a.cycle.id, unitId, itemCode, criterionCode, departmentId: a.orgUnitId, answer, comment, by: me.id, at: now })).id;
  } else {
    if (!before) throw await lost(`${await cleared(trx, t, me.id)}，请刷新后重新评分`);
    if (!(await updateScore(trx, before.id, body.version, { answer, comment, departmentId: a.orgUnitId, by: me.id, at: now }))) {
      throw await lost(`${await changedBy(trx, t, me.id)}，请查看对方的评分后决定保留哪一个`);
    }
    id = before.id;
  }
  await audit({
    action: before ? 'score.update' : 'score.create',
    entityType: 'score',
    entityId: id,
    cycleId: a.cycle.id,
    before: before ? { unit: unit.name, criterion: `${itemCode}.${criterionCode}`, answer: JSON.parse(before.answer_json), comment: before.comment, version: before.version } : undefined,
    after: { unit: unit.name, criterion: `${itemCode}.${criterionCode}`, answer, comment, version },
  });
  // a new score has no evidence yet; a changed one keeps its own
  const evidence = before ? ((await listEvidence(trx, a.cycle.id, 'score', [id])).get(id) ?? []) : [];
  const row = { id, unit_id: unitId, item_code: itemCode, criterion_code: criterionCode, comment, version, updated_by: me.id, updated_at: now };
  return presentCell(row, answer, verdict, new Map([[me.id, me.displayName]]), evidence);
}

/**
 * A score entered by someone else (or by the caller in another window) at the same moment (the unique key caught
 * it; the transaction is gone): the 409 with that score. Wraps a save run by ctx.tx.
 */
export const scoreTaken = <T>(db: Kysely<Database>, t: ScoreTarget, me: number, save: () => Promise<T>): Promise<T> =>
  onDuplicate(save, async () => {
    const row = await findScore(db, t.a.cycle.id, t.unitId, t.itemCode, t.criterionCode);
    return conflict(await alreadyScored(db, t, row, me), await currentCell(db, t));
  });

/** Clear one score (at the version the caller saw; not while it has evidence). */
export async function deleteScore(c: Change, t: ScoreTarget, version: number): Promise<void> {
  const { trx, audit } = c;
  const { a, unit, unitId, itemCode, criterionCode } = t;
  const key = cellLabel(t);
  await lockOpenScoring(c, a, t.schemeId);
  const row = await findScore(trx, a.cycle.id, unitId, itemCode, criterionCode);
  // gone: cleared since the page showed it (a double click, two windows, a colleague) — by whom is said (409); a cell
  // with no clearing recorded was never scored (404)
  if (!row) {
    const by = await clearedBy(trx, t, c.user.id);
    throw by ? conflict(`${by}，无需再清除`) : notFound(`${key}尚未评分，无需清除`);
  }
  if (await scoreHasEvidence(trx, row.id)) throw conflict(`${key}的评分附有佐证材料，请先删除佐证材料再清除评分`);
  if (!(await deleteScoreRow(trx, row.id, version))) {
    throw conflict(`${await changedBy(trx, t, c.user.id)}，请查看对方的评分后再决定是否清除`, await currentCell(trx, t));
  }
  await audit({
    action: 'score.delete',
    entityType: 'score',
    entityId: row.id,
    cycleId: a.cycle.id,
    before: { unit: unit.name, criterion: `${itemCode}.${criterionCode}`, answer: JSON.parse(row.answer_json), comment: row.comment, version: row.version },
  });
}

// ------------------------------------------------------------------------------------------------ submissions

/** What a submission needs: the published scheme and the caller's own criteria (403 when it has none). */
export async function checkSubmit(db: Kysely<Database>, a: CycleAccess, own: (fw: Framework) => Cell[]) {
  ensure(scoreRefusal(a, '只有评价部门可以提交评分'));
  const scheme = await requirePublished(db, a.cycle.id);
  const cells = own(scheme.framework);
  if (!cells.length) throw forbidden('本部门在本次考核方案中没有需要评分的考核要点');
  return { id: scheme.row.id, framework: scheme.framework, own: cells };
}

/** what each recorded move of a department's submission did, as the loser of a race on it reads it */
const SUBMISSION_DONE: Record<string, string> = { 'scoreSubmission.submit': '提交', 'scoreSubmission.reopen': '重新开放' };

/** A submission another user (or the caller, `me`, in another window) moved first (submitted, or reopened): who and when, from its audit rows read under its lock. */
async function submissionMoved(db: Kysely<Database>, me: number, cycleId: number, departmentId: number, subject: string, tail: string) {
  const [last] = await recordedChanges(db, 'score_submission', `${cycleId}:${departmentId}`, { family: SCORE_SUBMISSION_WORKFLOW.name });
  return conflict(last ? `${subject}已由${byWhomWhen(last, me)}${SUBMISSION_DONE[last.action] ?? '处理'}，${tail}` : `${subject}已被他人处理，${tail}`);
}

/**
 * Submit the caller's scores (all of them must be entered; submission locks them). When every evaluating
 * department has submitted, the office's 待办 says so (derived from the submissions). Completeness is read after
 * the submission row is locked, so no score write of the department can come in between.
 */
export async function submitScores(c: Change, a: CycleAccess, scheme: { id: number; framework: Framework; own: Cell[] }) {
  const { trx } = c;
  const { own } = scheme;
  const sub = await lockScoring(c, a, scheme.id);
  if (sub.status === 'submitted') throw await submissionMoved(trx, c.user.id, a.cycle.id, a.orgUnitId, '本部门的评分', '无需重复提交');
  assertTransition(SCORE_SUBMISSION_WORKFLOW, sub.status, 'submit', '本部门的评分已提交，无需重复提交');
  const units = await cycleUnits(trx, a.cycle.id);
  const missing = await missingOf(trx, a.cycle.id, scheme.framework, own, units);
  if (missing.length) {
    throw badRequest(
      `还有${missing.length}项未评分，不能提交：${missing
        .slice(0, 20)
        .map((m) => m.label)
        .join('；')}${missing.length > 20 ? '……' : ''}`,
      missing.map((m) => ({ field: `${m.unit.id}/${m.key}`, message: m.label })),
    );
  }
  await transition(c, {
    workflow: SCORE_SUBMISSION_WORKFLOW,
    table: 'score_submission',
    key: { cycle_id: a.cycle.id, department_id: a.orgUnitId },
    from: sub.status,
    event: 'submit',
    set: { submitted_at: c.clock.at, reopen_reason: null, updated_at: c.clock.at },
    entityId: `${a.cycle.id}:${a.orgUnitId}`,
    detail: { scores: own.length * units.length },
  });
  // the department's 评分 to-do and, once everyone has submitted, the office's are derived from the submissions
  await closeScoringTodos(c, a.cycle.id, a.orgUnitId);
  return presentSubmission((await submissionOf(trx, a.cycle.id, a.orgUnitId))!);
}

/**
 * A department's submission back to open (the office's reopen, or a new scheme version that leaves it incomplete):
 * the workflow transition with its audit row; the department's to-do says why (derived from reopen_reason). The
 * caller holds the locks.
 */
export async function reopenSubmission(
  c: Change,
  cycle: CycleRow,
  org: { id: number; name: string },
  from: SubmissionStatus,
  r: { reason: string; detail: Record<string, unknown> },
): Promise<void> {
  await transition(c, {
    workflow: SCORE_SUBMISSION_WORKFLOW,
    table: 'score_submission',
    key: { cycle_id: cycle.id, department_id: org.id },
    from,
    event: 'reopen',
    set: { reopen_reason: r.reason, submitted_at: null, updated_at: c.clock.at },
    entityId: `${cycle.id}:${org.id}`,
    detail: r.detail,
  });
  // the department's to-do (已重新开放，原因) is derived from the reopened submission (src/shared/workflow/todos.ts)
}

/** Reopen a department's submitted scores; the reason reaches the department as a 待办. */
export async function reopenScoring(c: Change, a: CycleAccess, body: ReopenBody) {
  const { trx } = c;
  // the phase and the submission's state, read under lock: a reopening never lands in a cycle in review
  ensure(scoringPhaseRefusal({ ...a, cycle: await lockCycle(trx, a.cycle.id, 'share') }, '不能重新开放评分'));
  const sub = await lockSubmission(trx, a.cycle.id, body.departmentId);
  if (!sub) throw badRequest('该部门不是本次考核的评价部门，或尚未开始评分', [{ field: 'departmentId', message: '不是本次考核的评价部门' }]);
  const org = await findOrg(trx, body.departmentId);
  // reopened already (two reopenings at once, or a page from before): who did, and when
  if (sub.status === 'open' && sub.submitted_at === null && sub.reopen_reason !== null) throw await submissionMoved(trx, c.user.id, a.cycle.id, org.id, `${org.name}的评分`, '无需重复操作');
  await reopenSubmission(c, a.cycle, org, sub.status, {
    reason: body.reason,
    detail: { department: org.name },
  });
  return presentSubmission((await submissionOf(trx, a.cycle.id, org.id))!);
}

/**
 * For the scheme publication, in the scoring phase: a new version can remove stored scores (pruned) or add key
 * points, leaving a submitted department incomplete. Such a submission is reopened (audited, with the reason as
 * a 待办), so a submitted submission is always complete. The caller holds the cycle FOR UPDATE; the submissions
 * are locked here. Returns the reopened departments' codes.
 */
export async function reopenIncomplete(c: Change, a: CycleAccess, fw: Framework, versionNo: number): Promise<string[]> {
  const { trx } = c;
  const subs = await lockSubmitted(trx, a.cycle.id);
  if (!subs.length) return [];
  const units = await cycleUnits(trx, a.cycle.id);
  const orgs = await evaluatingOrgs(trx, a, fw);
  const reopened: string[] = [];
  for (const s of subs) {
    const org = orgs.find((o) => o.id === s.department_id);
    const missing = org ? await missingOf(trx, a.cycle.id, fw, org.criteria, units) : [];
    if (!org || !missing.length) continue;
    const reason = `考核方案第${versionNo}版发布后，本部门有${missing.length}项评分需要补充或重新评分`;
    await reopenSubmission(c, a.cycle, org, 'submitted', {
      reason,
      detail: { department: org.name, schemeVersion: versionNo, missing: missing.slice(0, 50).map((m) => m.label) },
    });
    reopened.push(org.code);
  }
  return reopened;
}

async function closeScoringTodos(c: Change, cycleId: number, departmentId: number): Promise<void> {
  for (const kind of [TODO.fill, TODO.remind, TODO.reopened]) await closeTodos(c.trx, { by: c.user.id, at: c.clock.at }, { kind, ...submissionSource(cycleId, departmentId) });
}

/**
 * Open scoring — one 'open' submission per evaluating department (and the office when it scores); the 待办 of
 * each is derived from it. Idempotent. (Tests set a cycle up with it; the scheme publication uses schemes' openSubmissions.)
 */
export async function openScoring(db: Kysely<Database>, a: CycleAccess, fw: Framework, at: string): Promise<void> {
  for (const org of await evaluatingOrgs(db, a, fw)) {
    const existing = await submissionOf(db, a.cycle.id, org.id);
    if (existing) continue;
    await ensureSubmission(db, a.cycle.id, org.id, at);
  }
}

/** What a reminder needs, read before the change: the published scheme (409 before publication). */
export async function planReminders(db: Kysely<Database>, a: CycleAccess, wanted: number[] | undefined) {
  const fw = (await requirePublished(db, a.cycle.id)).framework;
  const units = await cycleUnits(db, a.cycle.id);
  const orgs = await evaluatingOrgs(db, a, fw);
  if (wanted) {
    const bad = wanted.filter((id) => !orgs.some((o) => o.id === id));
    if (bad.length) throw badRequest(`部门${bad.join('、')}不是本次考核的评价部门`, [{ field: 'departmentIds', message: `不是评价部门：${bad.join('、')}` }]);
    if (wanted.includes(a.cycle.office_org_id)) {
      const message = '本办不向自己催办：本办负责的考核要点请在「本单位评分」中评分并提交';
      throw badRequest(message, [{ field: 'departmentIds', message }]);
    }
  }
  const subs = await submissionsOf(db, a.cycle.id);
  const submitted = (o: (typeof orgs)[number]) => subs.find((s) => s.department_id === o.id)?.status === 'submitted';
  // the office reminds the others; its own key points it scores itself (本单位评分), with its own 评分 to-do
  const asked = orgs.filter((o) => o.id !== a.cycle.office_org_id && (!wanted || wanted.includes(o.id)));
  const targets = asked.filter((o) => !submitted(o));
  const plans: { org: (typeof orgs)[number]; missingUnits: string[]; detail: string }[] = [];
  // the cycle's scores read once for every department reminded (missingAmong), not once each
  const scored = targets.length ? await loadScoreRows(db, a.cycle.id) : [];
  for (const o of targets) {
    const missing = missingAmong(scored, fw, o.criteria, units);
    const byUnit = new Map<string, number>();
    for (const m of missing) byUnit.set(m.unit.name, (byUnit.get(m.unit.name) ?? 0) + 1);
    plans.push({ org: o, missingUnits: [...byUnit.keys()], detail: byUnit.size ? `尚未评完：${[...byUnit].map(([n, k]) => `${n}（缺${k}项）`).join('、')}。评完后请提交评分。` : '已全部评分，请尽快提交评分（提交后锁定）。' });
  }
  // the departments asked for by name that have submitted already: said so when nobody else is reminded
  return { plans, submitted: wanted ? asked.filter(submitted).map((o) => ({ id: o.id, name: o.name })) : [] };
}

/**
 * The 409 of a 催办 that reminds nobody: each department asked for has submitted (who submitted, and when — a 催办
 * racing the submission lost to it), or was reminded in the last REMIND_AGAIN_MINUTES (by whom, when: 您于 … when it was the caller, requestedBy); asked for all,
 * every department has submitted. Never a 200 that reminded no one, with an audit row of a 催办 sent to no one.
 */
async function nobodyToRemind(c: Change, cycleId: number, done: { id: number; name: string }[], held: { name: string; by: string }[]) {
  const parts: string[] = [];
  if (done.length) {
    const each = await Promise.all(
      done.map(async (d) => {
        const [last] = await recordedChanges(c.trx, 'score_submission', `${cycleId}:${d.id}`, { action: 'scoreSubmission.submit' });
        return last ? `${d.name}已由${byWhomWhen(last, c.user.id)}提交评分` : `${d.name}已提交评分`;
      }),
    );
    parts.push(`${each.join('；')}，无需催办`);
  }
  if (held.length) parts.push(`${held.map((h) => `${h.name}已由${h.by}催办`).join('；')}，${REMIND_AGAIN_MINUTES}分钟内不再重复催办`);
  return conflict(parts.length ? parts.join('；') : '各评价部门均已提交评分，无需催办');
}

/** The latest 催办 of each department in the cycle's scoring (its audit rows, newest first; the last 50 are ample for one cycle's departments). */
async function lastScoringReminders(db: Kysely<Database>, cycleId: number): Promise<Map<number, RecordedChange>> {
  const byDept = new Map<number, RecordedChange>();
  for (const r of await recordedChanges(db, 'assessment_cycle', cycleId, { action: 'scoring.remind', limit: 50 })) {
    const after = r.after_json ? (JSON.parse(r.after_json) as { departments?: { id: number }[] }) : {};
    for (const d of after.departments ?? []) if (!byDept.has(d.id)) byDept.set(d.id, r);
  }
  return byDept;
}

/** Remind the departments (all, or those asked for) that have not submitted, listing the units they still miss. */
export async function remindScoring(c: Change, a: CycleAccess, { plans, submitted }: Awaited<ReturnType<typeof planReminders>>) {
  const { trx, audit, user: me } = c;
  ensure(scoringPhaseRefusal({ ...a, cycle: await lockCycle(trx, a.cycle.id, 'share') }, '不能催办'));
  const sent: typeof plans = [];
  // asked for, and found submitted: before this 催办 (planReminders) or while it waited for the submission's lock
  const done = [...submitted];
  const held: { departmentId: number; name: string; by: string }[] = [];
  // the departments' submissions, locked (one statement for all, whatever their number): reminders sent at once follow
  // each other (the later one closes the earlier one's to-do, so one stays open), and a department that has just
  // submitted is not reminded. A department's first 催办 makes its submission row first.
  const ids = plans.map((p) => p.org.id);
  const subs = new Map((await lockSubmissions(trx, a.cycle.id, ids)).map((s) => [s.department_id, s]));
  const unmade = ids.filter((id) => !subs.has(id));
  for (const id of unmade) await ensureSubmission(trx, a.cycle.id, id, c.clock.at);
  for (const s of await lockSubmissions(trx, a.cycle.id, unmade)) subs.set(s.department_id, s);
  // a second 催办 moments after the first (a double click, two windows, a colleague at once) is not another one, as
  // for a declaration (remindedJustNow): read once the submissions are locked, so one sent at once has committed first
  const open = plans.filter((p) => subs.get(p.org.id)?.status !== 'submitted');
  const recent = open.length ? await lastScoringReminders(trx, a.cycle.id) : new Map<number, RecordedChange>();
  // a 重新开放 starts afresh: a 催办 from before it holds none (remindedJustNow)
  const reopened = await lastReopenings(trx, a.cycle.id, open.filter((p) => recent.has(p.org.id)).map((p) => p.org.id));
  for (const p of plans) {
    if (subs.get(p.org.id)?.status === 'submitted') {
      done.push({ id: p.org.id, name: p.org.name });
      continue;
    }
    const last = recent.get(p.org.id);
    if (last && remindedJustNow(last.at, Date.now(), reopened.get(p.org.id))) {
      // named from the 催办's own audit row (who, of which unit), not read again per department
      held.push({ departmentId: p.org.id, name: p.org.name, by: requestedBy(last, me.id) });
      continue;
    }
    sent.push(p);
    await closeTodos(trx, { by: me.id, at: c.clock.at }, { kind: TODO.remind, ...submissionSource(a.cycle.id, p.org.id) });
    await addTodo(trx, {
      at: c.clock.at,
      role: 'department',
      orgUnitId: p.org.id,
      kind: TODO.remind,
      title: `催办：请完成${a.cycle.year}年度质量工作考核评分`,
      detail: p.detail,
      link: `/assessment/${a.cycle.id}?tab=scoring`,
      ...submissionSource(a.cycle.id, p.org.id),
    });
  }
  if (!sent.length) throw await nobodyToRemind(c, a.cycle.id, done, held);
  await audit({
    action: 'scoring.remind',
    entityType: 'assessment_cycle',
    entityId: a.cycle.id,
    after: { departments: sent.map((p) => ({ id: p.org.id, name: p.org.name, missingUnits: p.missingUnits })) },
  });
  return { reminded: sent.map((p) => ({ departmentId: p.org.id, name: p.org.name, missingUnits: p.missingUnits })), held };
}

// ------------------------------------------------------------------------------------------------ self-reports

/** The item a self-report is written on, from the scheme in force (404 when there is none). */
export async function selfReportItemCode(db: Kysely<Database>, a: CycleAccess, itemCode: string) {
  const scheme = await currentScheme(db, a.cycle.id);
  const item = scheme?.framework.sections.flatMap((s) => s.items).find((i) => i.code === itemCode);
  if (!item) throw notFound(`考核方案中没有第${itemCode}项考核内容`);
  return item.code;
}

const currentSelfReport = (db: Kysely<Database>, a: CycleAccess, itemCode: string) =>
  presentSelfReports(db, a.cycle.id, { unitIds: [a.orgUnitId], itemCodes: [itemCode] }).then((r) => r[0] ?? null);

/** A self-report written or changed by someone else (or the caller in another window) since the caller read it: who and when (read after the miss), with it as it stands. */
async function selfReportChanged(db: Kysely<Database>, a: CycleAccess, itemCode: string, done: string) {
  const row = await findSelfReport(db, a.cycle.id, a.orgUnitId, itemCode);
  const who = row ? `已由${await personAt(db, row.updated_by, row.updated_at, a.user.id)}` : '已被他人';
  return conflict(`第${itemCode}项的自评材料${who}${done}`, await currentSelfReport(db, a, itemCode));
}

/** Write (version null) or change the caller's own self-report on one item; returns it as stored. */
export async function saveSelfReport(c: Change, a: CycleAccess, itemCode: string, body: PutSelfReportBody) {
  const { trx, audit, user: me } = c;
  const now = c.clock.at;
  const { text, version } = body;
  // the phase, read under lock: no self-report changes once the results are out for review
  if (!maySelfReport({ ...a, cycle: await lockCycle(trx, a.cycle.id, 'share') })) throw forbidden(SELF_REPORT_LOCKED);
  const before = await findSelfReport(trx, a.cycle.id, a.orgUnitId, itemCode);
  let id: number;
  if (version === null) {
    if (before) throw await selfReportChanged(trx, a, itemCode, '填写，请查看后再修改');
    id = (await insertSelfReport(trx, { cycleId: a.cycle.id, unitId: a.orgUnitId, itemCode, text, by: me.id, at: now })).id;
  } else {
    if (!before) throw conflict(`第${itemCode}项的自评材料不存在，请刷新后重试`, null);
    if (!(await updateSelfReport(trx, before.id, version, { text, by: me.id, at: now }))) {
      throw await selfReportChanged(trx, a, itemCode, '修改，请查看后再保存');
    }
    id = before.id;
  }
  await audit({
    action: before ? 'selfReport.update' : 'selfReport.create',
    entityType: 'self_report',
    entityId: id,
    before: before ? { itemCode, text: before.text, version: before.version } : undefined,
    after: { itemCode, text, version: before ? version! + 1 : 1 },
  });
  return (await currentSelfReport(trx, a, itemCode))!;
}

/** A self-report written by someone else at the same moment (the unique key caught it): the 409 with theirs. */
export const selfReportTaken = <T>(db: Kysely<Database>, a: CycleAccess, itemCode: string, save: () => Promise<T>): Promise<T> =>
  onDuplicate(save, () => selfReportChanged(db, a, itemCode, '填写，请查看后再修改'));
