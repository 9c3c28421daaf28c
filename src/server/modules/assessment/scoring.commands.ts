/**
 * 评分: the changes — one score (optimistic version, 409 with the other person's score), clearing a score,
 * submission (lock), reopening, reminders, a city's self-report. The route has loaded the caller's access and
 * checked it; each command takes the db, the route's transaction runner (`ctx.tx`, which hands it the
 * transaction and the audit writer) and what it changes.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import type { Framework } from '../../../shared/scoring/framework-schema';
import type { PutScoreBody, PutSelfReportBody, ReopenBody, ScoreCell } from '../../../shared/contracts/scoring';
import { SCORE_SUBMISSION_WORKFLOW, type SubmissionStatus } from '../../../shared/workflow/assessment';
import type { SessionUser } from '../../core/session';
import type { AuditRecord } from '../../core/audit';
import { badRequest, conflict, forbidden, notFound } from '../../core/errors';
import { transition } from '../../core/transition';
import { addTodo, closeTodos } from '../todos/todos.service';
import { listEvidence } from '../evidence/evidence.repository';
import { abilities, type CycleAccess } from './assessment.policy';
import { currentScheme, cycleUnits, lockCycle } from './assessment.repository';

/** the 403 of a self-report change once the results are out */
export const SELF_REPORT_LOCKED = '结果公示或发布后，自评材料不能再修改';
import {
  closeScoringTodos,
  evaluatingOrgs,
  findScore,
  lockScoring,
  missingOf,
  presentCells,
  presentSelfReports,
  presentSubmission,
  reopenSubmission,
  requireScoringPhase,
  SUBMISSION_LOCKED,
  submissionSource,
  TODO,
  type Cell,
  type Unit,
} from './scoring.service';

export type Audit = (rec: AuditRecord) => Promise<void>;
/** A route's `ctx.tx`: runs a change in one transaction, handing it the audit writer. */
export type RunTx = <T>(fn: (trx: Transaction<Database>, audit: Audit) => Promise<T>) => Promise<T>;

const isUniqueViolation = (e: unknown) => {
  const m = String((e as { message?: string })?.message ?? '');
  const code = (e as { code?: string })?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed|duplicate key/.test(m);
};

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

/** the stored score, as the other person left it (for a 409) */
async function currentCell(db: Kysely<Database>, t: ScoreTarget) {
  const row = await findScore(db, t.a.cycle.id, t.unitId, t.itemCode, t.criterionCode);
  if (!row) return null;
  return (await presentCells(db, t.a.cycle.id, t.fw, [t.unit], [row]))[0];
}

/**
 * Enter (version null) or change one score; returns the stored cell, built from what was written (the caller's
 * answer, the engine's verdict on it from engineCheck, its evidence) rather than read back and re-scored.
 */
export async function saveScore(
  db: Kysely<Database>,
  tx: RunTx,
  me: SessionUser,
  t: ScoreTarget,
  body: PutScoreBody,
  verdict: { score: string; explanation: string },
): Promise<ScoreCell> {
  const { a, unit, unitId, itemCode, criterionCode } = t;
  const answer = body.answer;
  const commentOf = (prev: string | null | undefined) => (body.comment === undefined ? (prev ?? null) : body.comment?.trim() || null);
  const now = new Date().toISOString();
  const key = `${unit.name} · ${itemCode}.${criterionCode}`;
  const lost = async (on: Kysely<Database>, msg: string) => conflict(msg, await currentCell(on, t));
  try {
    return await tx(async (trx, audit) => {
      const sub = await lockScoring(trx, a, t.schemeId, a.orgUnitId, 'share');
      if (sub.status !== 'open') throw conflict(SUBMISSION_LOCKED);
      const before = await findScore(trx, a.cycle.id, unitId, itemCode, criterionCode);
      const comment = commentOf(before?.comment);
      const version = before ? body.version! + 1 : 1;
      let id: number;
      if (body.version === null) {
        if (before) throw await lost(trx, `${key} 已由${before.updated_by === me.id ? '您在其他窗口' : '他人'}评分，请查看当前评分后再修改`);
        const row = await trx
          .insertInto('score')
          .values({
            cycle_id: a.cycle.id,
            unit_id: unitId,
            item_code: itemCode,
            criterion_code: criterionCode,
            department_id: a.orgUnitId,
            answer_json: JSON.stringify(answer),
            comment,
            version: 1,
            updated_by: me.id,
            updated_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        id = row.id;
      } else {
        if (!before) throw await lost(trx, `${key} 的评分已被他人清除，请刷新后重新评分`);
        const r = await trx
          .updateTable('score')
          .set({ answer_json: JSON.stringify(answer), comment, version, updated_by: me.id, updated_at: now, department_id: a.orgUnitId })
          .where('id', '=', before.id)
          .where('version', '=', body.version)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) === 0) throw await lost(trx, `${key} 已被他人修改，请查看对方的评分后决定保留哪一个`);
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
      return {
        id,
        unitId,
        itemCode,
        criterionCode,
        answer: JSON.parse(JSON.stringify(answer)),
        comment,
        version,
        updatedBy: { id: me.id, name: me.displayName },
        updatedAt: now,
        score: verdict.score,
        explanation: verdict.explanation,
        evidence,
      };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw await lost(db, `${key} 已由他人评分，请查看当前评分后再修改`);
    throw e;
  }
}

/** Clear one score (at the version the caller saw; not while it has evidence). */
export async function deleteScore(tx: RunTx, t: ScoreTarget, version: number): Promise<void> {
  const { a, unit, unitId, itemCode, criterionCode } = t;
  const key = `${unit.name} · ${itemCode}.${criterionCode}`;
  await tx(async (trx, audit) => {
    const sub = await lockScoring(trx, a, t.schemeId);
    if (sub.status !== 'open') throw conflict(SUBMISSION_LOCKED);
    const row = await findScore(trx, a.cycle.id, unitId, itemCode, criterionCode);
    if (!row) throw notFound(`${key} 尚未评分，无需清除`);
    const ev = await trx.selectFrom('evidence').select('id').where('owner_type', '=', 'score').where('owner_id', '=', row.id).executeTakeFirst();
    if (ev) throw conflict(`${key} 的评分附有佐证材料，请先删除佐证材料再清除评分`);
    const r = await trx.deleteFrom('score').where('id', '=', row.id).where('version', '=', version).executeTakeFirst();
    if (Number(r.numDeletedRows) === 0) {
      throw conflict(`${key} 已被他人修改，请查看对方的评分后再决定是否清除`, await currentCell(trx, t));
    }
    await audit({
      action: 'score.delete',
      entityType: 'score',
      entityId: row.id,
      cycleId: a.cycle.id,
      before: { unit: unit.name, criterion: `${itemCode}.${criterionCode}`, answer: JSON.parse(row.answer_json), comment: row.comment, version: row.version },
    });
  });
}

/**
 * Submit the caller's scores (all of them must be entered; submission locks them). When every evaluating
 * department has submitted, the office gets a 待办. Completeness is read after the submission row is locked,
 * so no score write of the department can come in between.
 */
export async function submitScores(tx: RunTx, me: SessionUser, a: CycleAccess, scheme: { id: number; framework: Framework }, own: Cell[]) {
  const fw = scheme.framework;
  return tx(async (trx, audit) => {
    const sub = await lockScoring(trx, a, scheme.id);
    if (sub.status === 'submitted') throw conflict('本部门的评分已提交，无需重复提交');
    const units = await cycleUnits(trx, a.cycle.id);
    const missing = await missingOf(trx, a.cycle.id, own, units);
    if (missing.length) {
      throw badRequest(
        `还有 ${missing.length} 项未评分，不能提交：${missing
          .slice(0, 20)
          .map((m) => m.label)
          .join('；')}${missing.length > 20 ? '……' : ''}`,
        missing.map((m) => ({ field: `${m.unit.id}/${m.key}`, message: m.label })),
      );
    }
    await transition({
      trx,
      audit,
      user: me,
      workflow: SCORE_SUBMISSION_WORKFLOW,
      table: 'score_submission',
      key: { cycle_id: a.cycle.id, department_id: a.orgUnitId },
      from: sub.status as SubmissionStatus,
      event: 'submit',
      set: { submitted_at: new Date().toISOString(), reopen_reason: null, updated_at: new Date().toISOString() },
      entityId: `${a.cycle.id}:${a.orgUnitId}`,
      detail: { scores: own.length * units.length },
    });
    await closeScoringTodos(trx, me.id, a.cycle.id, a.orgUnitId);
    // everyone done → the office's 待办
    const orgs = await evaluatingOrgs(trx, a, fw);
    const subs = await trx.selectFrom('score_submission').select(['department_id', 'status']).where('cycle_id', '=', a.cycle.id).execute();
    const done = orgs.every((o) => subs.some((s) => s.department_id === o.id && s.status === 'submitted'));
    if (done) {
      await closeTodos(trx, me.id, { kind: TODO.allSubmitted, sourceType: 'assessment_cycle', sourceId: String(a.cycle.id) });
      await addTodo(trx, {
        role: 'office',
        orgUnitId: a.cycle.office_org_id,
        kind: TODO.allSubmitted,
        title: `${a.cycle.year}年度质量工作考核：各评价部门已全部提交评分`,
        detail: `共 ${orgs.length} 个评价部门已提交评分，可以公布初步结果、开放异议。`,
        link: `/assessment/${a.cycle.id}?tab=scoring`,
        sourceType: 'assessment_cycle',
        sourceId: String(a.cycle.id),
      });
    }
    return presentSubmission((await trx.selectFrom('score_submission').selectAll().where('cycle_id', '=', a.cycle.id).where('department_id', '=', a.orgUnitId).executeTakeFirstOrThrow()));
  });
}

/** Reopen a department's submitted scores; the reason reaches the department as a 待办. */
export async function reopenScoring(tx: RunTx, me: SessionUser, a: CycleAccess, body: ReopenBody) {
  return tx(async (trx, audit) => {
    // the phase and the submission's state, read under lock: a reopening never lands in a cycle in review
    requireScoringPhase({ ...a, cycle: await lockCycle(trx, a.cycle.id, 'share') });
    const sub = await trx
      .selectFrom('score_submission')
      .selectAll()
      .where('cycle_id', '=', a.cycle.id)
      .where('department_id', '=', body.departmentId)
      .forUpdate()
      .executeTakeFirst();
    if (!sub) throw badRequest('该部门不是本次考核的评价部门，或尚未开始评分', [{ field: 'departmentId', message: '不是本次考核的评价部门' }]);
    const org = await trx.selectFrom('org_unit').select(['id', 'name']).where('id', '=', body.departmentId).executeTakeFirstOrThrow();
    await reopenSubmission(trx, audit, me, a.cycle, org, sub.status as SubmissionStatus, {
      reason: body.reason,
      detail: { department: org.name },
      todoTitle: `${a.cycle.year}年度质量工作考核评分已重新开放，请修改后重新提交`,
      todoDetail: `重新开放原因：${body.reason}`,
    });
    return presentSubmission((await trx.selectFrom('score_submission').selectAll().where('cycle_id', '=', a.cycle.id).where('department_id', '=', org.id).executeTakeFirstOrThrow()));
  });
}

/** Remind the departments (all, or those asked for) that have not submitted, listing the units they still miss. */
export async function remindScoring(db: Kysely<Database>, tx: RunTx, me: SessionUser, a: CycleAccess, fw: Framework, wanted: number[] | undefined) {
  const units = await cycleUnits(db, a.cycle.id);
  const orgs = await evaluatingOrgs(db, a, fw);
  if (wanted) {
    const bad = wanted.filter((id) => !orgs.some((o) => o.id === id));
    if (bad.length) throw badRequest(`部门 ${bad.join('、')} 不是本次考核的评价部门`, [{ field: 'departmentIds', message: `不是评价部门：${bad.join('、')}` }]);
  }
  const subs = await db.selectFrom('score_submission').selectAll().where('cycle_id', '=', a.cycle.id).execute();
  const targets = orgs.filter((o) => (!wanted || wanted.includes(o.id)) && subs.find((s) => s.department_id === o.id)?.status !== 'submitted');
  const plans: { org: (typeof orgs)[number]; missingUnits: string[]; detail: string }[] = [];
  for (const o of targets) {
    const missing = await missingOf(db, a.cycle.id, o.criteria, units);
    const byUnit = new Map<string, number>();
    for (const m of missing) byUnit.set(m.unit.name, (byUnit.get(m.unit.name) ?? 0) + 1);
    plans.push({ org: o, missingUnits: [...byUnit.keys()], detail: byUnit.size ? `尚未评完：${[...byUnit].map(([n, k]) => `${n}（缺 ${k} 项）`).join('、')}。评完后请提交评分。` : '已全部评分，请尽快提交评分（提交后锁定）。' });
  }
  return tx(async (trx, audit) => {
    requireScoringPhase({ ...a, cycle: await lockCycle(trx, a.cycle.id, 'share') });
    for (const p of plans) {
      await closeTodos(trx, me.id, { kind: TODO.remind, ...submissionSource(a.cycle.id, p.org.id) });
      await addTodo(trx, {
        role: p.org.id === a.cycle.office_org_id ? 'office' : 'department',
        orgUnitId: p.org.id,
        kind: TODO.remind,
        title: `催办：请完成${a.cycle.year}年度质量工作考核评分`,
        detail: p.detail,
        link: `/assessment/${a.cycle.id}?tab=scoring`,
        ...submissionSource(a.cycle.id, p.org.id),
      });
    }
    await audit({
      action: 'scoring.remind',
      entityType: 'assessment_cycle',
      entityId: a.cycle.id,
      after: { departments: plans.map((p) => ({ id: p.org.id, name: p.org.name, missingUnits: p.missingUnits })) },
    });
    return { reminded: plans.map((p) => ({ departmentId: p.org.id, name: p.org.name, missingUnits: p.missingUnits })) };
  });
}

/** Write (version null) or change the caller's own self-report on one item; returns it as stored. */
export async function saveSelfReport(db: Kysely<Database>, tx: RunTx, me: SessionUser, a: CycleAccess, itemCode: string, body: PutSelfReportBody) {
  const scheme = await currentScheme(db, a.cycle.id);
  const item = scheme?.framework.sections.flatMap((s) => s.items).find((i) => i.code === itemCode);
  if (!item) throw notFound(`考核方案中没有第 ${itemCode} 项考核内容`);
  const now = new Date().toISOString();
  const { text, version } = body;
  const current = (on: Kysely<Database> = db) => presentSelfReports(on, a.cycle.id, { unitIds: [a.orgUnitId], itemCodes: [item.code] }).then((r) => r[0] ?? null);
  try {
    await tx(async (trx, audit) => {
      // the phase, read under lock: no self-report changes once the results are out for review
      if (!abilities({ ...a, cycle: await lockCycle(trx, a.cycle.id, 'share') }).selfReport) throw forbidden(SELF_REPORT_LOCKED);
      const before = await trx.selectFrom('self_report').selectAll().where('cycle_id', '=', a.cycle.id).where('unit_id', '=', a.orgUnitId).where('item_code', '=', item.code).executeTakeFirst();
      let id: number;
      if (version === null) {
        if (before) throw conflict(`第 ${item.code} 项的自评材料已由他人填写，请查看后再修改`, await current(trx));
        id = (
          await trx
            .insertInto('self_report')
            .values({ cycle_id: a.cycle.id, unit_id: a.orgUnitId, item_code: item.code, text, version: 1, updated_by: me.id, updated_at: now })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
      } else {
        if (!before) throw conflict(`第 ${item.code} 项的自评材料不存在，请刷新后重试`, null);
        const r = await trx.updateTable('self_report').set({ text, version: version + 1, updated_by: me.id, updated_at: now }).where('id', '=', before.id).where('version', '=', version).executeTakeFirst();
        if (Number(r.numUpdatedRows) === 0) throw conflict(`第 ${item.code} 项的自评材料已被他人修改，请查看后再保存`, await current(trx));
        id = before.id;
      }
      await audit({
        action: before ? 'selfReport.update' : 'selfReport.create',
        entityType: 'self_report',
        entityId: id,
        before: before ? { itemCode: item.code, text: before.text, version: before.version } : undefined,
        after: { itemCode: item.code, text, version: before ? version! + 1 : 1 },
      });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict(`第 ${item.code} 项的自评材料已由他人填写，请查看后再修改`, await current());
    throw e;
  }
  return (await current())!;
}
