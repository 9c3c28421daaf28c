/**
 * Objections (异议): during the objection window a city objects to the score of one key point of its own
 * preliminary result; the evaluating department upholds the score or adjusts it with a reason. Every
 * adjustment changes the stored score (version + 1) and is audited with the answers before and after.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { AnswerObjectionBody, ObjectionView, RaiseObjectionBody } from '../../../shared/contracts/results';
import type { Answer } from '../../../shared/scoring/answers';
import { scoreUnit } from '../../../shared/scoring/engine';
import { ScoringInputError } from '../../../shared/scoring/errors';
import { OBJECTION_WORKFLOW } from '../../../shared/workflow/assessment';
import { badRequest, conflict, forbidden } from '../../core/errors';
import { transition } from '../../core/transition';
import { addTodo, closeTodos } from '../todos';
import { abilities, isWithinObjectionWindow, type CycleAccess } from './assessment.policy';
import { lockCycle, publishedScheme } from './assessment.repository';
import { criterionIndex, type ChangeCtx } from './results.service';

const link = (cycleId: number) => `/assessment/${cycleId}?tab=results`;

/** Why the caller cannot object now, or null. */
function objectionRefusal(a: CycleAccess): string | null {
  if (a.as !== 'unit') return '只有被考核的市州可以对本地区的考核结果提出异议';
  if (abilities(a).object) return null;
  const c = a.cycle;
  if (c.status !== 'review') return '当前不在异议期：初步结果公布后、最终结果发布前才能提出异议';
  if (!isWithinObjectionWindow(c)) return `当前不在异议期（异议期为 ${c.objection_start ?? '未设定'} 至 ${c.objection_end ?? '未设定'}），不能提出异议`;
  return '您没有提出异议的权限';
}

export async function raiseObjection(c: ChangeCtx, access: CycleAccess, body: RaiseObjectionBody): Promise<number> {
  // the window and the open objections, read under the cycle's lock (exclusive: two raises of the same
  // objection wait for each other; publication waits for both)
  const a = { ...access, cycle: await lockCycle(c.trx, access.cycle.id, 'update') };
  const why = objectionRefusal(a);
  if (why) throw forbidden(why);
  const scheme = await publishedScheme(c.trx, a.cycle.id);
  if (!scheme) throw conflict('本次考核尚未发布考核方案');
  const meta = criterionIndex(scheme.framework).get(`${body.itemCode}.${body.criterionCode}`);
  if (!meta) {
    const itemExists = scheme.framework.sections.some((s) => s.items.some((i) => i.code === body.itemCode));
    throw badRequest(
      itemExists ? `第${body.itemCode}项没有考核要点「${body.criterionCode}」` : `考核方案中没有第${body.itemCode}项`,
      [itemExists ? { field: 'criterionCode', message: '请选择该考核内容下的考核要点' } : { field: 'itemCode', message: '请选择考核方案中的考核内容' }],
    );
  }
  if (!meta.evaluator) throw conflict(`第${body.itemCode}项「${meta.title}」没有评价部门，请联系质强办`);
  const dept = await c.trx.selectFrom('org_unit').select(['id', 'name', 'kind']).where('code', '=', meta.evaluator).executeTakeFirst();
  if (!dept) throw conflict(`第${body.itemCode}项的评价部门（${meta.evaluator}）不存在，请联系质强办`);
  const open = await c.trx
    .selectFrom('objection')
    .select('id')
    .where('cycle_id', '=', a.cycle.id)
    .where('unit_id', '=', a.orgUnitId)
    .where('item_code', '=', body.itemCode)
    .where('criterion_code', '=', body.criterionCode)
    .where('status', '=', 'open')
    .executeTakeFirst();
  if (open) throw conflict(`您对第${body.itemCode}项「${meta.title}」的异议（编号 ${open.id}）尚待答复，请勿重复提出`);
  const now = new Date().toISOString();
  const row = await c.trx
    .insertInto('objection')
    .values({
      cycle_id: a.cycle.id,
      unit_id: a.orgUnitId,
      item_code: body.itemCode,
      criterion_code: body.criterionCode,
      department_id: dept.id,
      reason: body.reason,
      status: 'open',
      raised_by: c.user.id,
      raised_at: now,
      version: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await c.audit({ action: 'objection.raise', entityType: 'objection', entityId: row.id, after: { unitId: a.orgUnitId, ...body, departmentId: dept.id } });
  const unit = await c.trx.selectFrom('org_unit').select('name').where('id', '=', a.orgUnitId).executeTakeFirstOrThrow();
  await addTodo(c.trx, {
    role: dept.kind === 'office' ? 'office' : 'department',
    orgUnitId: dept.id,
    kind: 'objection.answer',
    title: `答复${unit.name}对第${body.itemCode}项「${meta.itemTitle}」评分的异议`,
    detail: body.reason,
    link: link(a.cycle.id),
    dueAt: a.cycle.objection_end ?? undefined,
    sourceType: 'objection',
    sourceId: String(row.id),
  });
  return row.id;
}

/** Objections the caller may see: a city its own, a department those addressed to it, the office and leaders all. */
export async function listObjections(db: Kysely<Database>, a: CycleAccess, onlyId?: number): Promise<ObjectionView[]> {
  let q = db
    .selectFrom('objection')
    .innerJoin('org_unit as u', 'u.id', 'objection.unit_id')
    .innerJoin('org_unit as d', 'd.id', 'objection.department_id')
    .selectAll('objection')
    .select(['u.code as unit_code', 'u.name as unit_name', 'd.code as dept_code', 'd.name as dept_name'])
    .where('objection.cycle_id', '=', a.cycle.id);
  if (a.as === 'unit') q = q.where('objection.unit_id', '=', a.orgUnitId);
  if (a.as === 'department') q = q.where('objection.department_id', '=', a.orgUnitId);
  if (onlyId !== undefined) q = q.where('objection.id', '=', onlyId);
  const rows = await q.orderBy('objection.id').execute();
  const scheme = await publishedScheme(db, a.cycle.id);
  const index = scheme ? criterionIndex(scheme.framework) : new Map();
  const ids = rows.map((r) => r.id);
  const files = ids.length
    ? await db
        .selectFrom('evidence')
        .select(['id', 'owner_id', 'file_name', 'size_bytes', 'mime_type'])
        .where('owner_type', '=', 'objection')
        .where('owner_id', 'in', ids)
        .orderBy('id')
        .execute()
    : [];
  return rows.map((r) => {
    const meta = index.get(`${r.item_code}.${r.criterion_code}`);
    return {
      id: r.id,
      cycleId: r.cycle_id,
      unit: { id: r.unit_id, code: r.unit_code, name: r.unit_name },
      department: { id: r.department_id, code: r.dept_code, name: r.dept_name },
      itemCode: r.item_code,
      criterionCode: r.criterion_code,
      itemTitle: meta?.itemTitle ?? '',
      criterionTitle: meta?.title ?? '',
      reason: r.reason,
      status: r.status,
      statusLabel: OBJECTION_WORKFLOW.states[r.status] ?? r.status,
      response: r.response,
      beforeAnswer: r.before_answer_json ? JSON.parse(r.before_answer_json) : null,
      afterAnswer: r.after_answer_json ? JSON.parse(r.after_answer_json) : null,
      raisedAt: r.raised_at,
      answeredAt: r.answered_at,
      evidence: files
        .filter((f) => f.owner_id === r.id)
        .map((f) => ({ id: f.id, fileName: f.file_name, sizeBytes: Number(f.size_bytes), mimeType: f.mime_type })),
      version: r.version,
    };
  });
}

export type ObjectionRow = NonNullable<Awaited<ReturnType<typeof findObjection>>>;
export const findObjection = (db: Kysely<Database>, id: number) => db.selectFrom('objection').selectAll().where('id', '=', id).executeTakeFirst();

/** Uphold or adjust: only the department the objection is addressed to (the office for its own key points). */
export async function answerObjection(c: ChangeCtx, access: CycleAccess, seen: ObjectionRow, body: AnswerObjectionBody): Promise<void> {
  // the phase (cycle, shared) and the objection's state and version (its row), read under lock
  const a = { ...access, cycle: await lockCycle(c.trx, access.cycle.id, 'share') };
  const o = (await c.trx.selectFrom('objection').selectAll().where('id', '=', seen.id).forUpdate().executeTakeFirst()) ?? seen;
  if ((a.as !== 'department' && a.as !== 'office') || a.orgUnitId !== o.department_id) {
    throw forbidden('该异议不由您单位答复：只有评价该考核要点的部门可以答复');
  }
  if (!abilities(a).answerObjections) throw forbidden('当前不在结果公示（异议）阶段，不能答复异议');
  if (o.status !== 'open') throw conflict(`该异议已答复（${OBJECTION_WORKFLOW.states[o.status]}），不能重复答复`);
  if (o.version !== body.version) throw conflict('该异议已被他人处理，请刷新后查看', { status: o.status, response: o.response });
  const scheme = (await publishedScheme(c.trx, a.cycle.id))!;
  const unit = await c.trx.selectFrom('org_unit').select(['code', 'name']).where('id', '=', o.unit_id).executeTakeFirstOrThrow();
  const now = new Date().toISOString();
  const score = await c.trx
    .selectFrom('score')
    .selectAll()
    .where('cycle_id', '=', o.cycle_id)
    .where('unit_id', '=', o.unit_id)
    .where('item_code', '=', o.item_code)
    .where('criterion_code', '=', o.criterion_code)
    .executeTakeFirst();
  const before: unknown = score ? JSON.parse(score.answer_json) : null;
  let after: unknown = null;
  if (body.decision === 'adjust') {
    const answer = body.answer as Answer;
    try {
      scoreUnit(scheme.framework, { unit: unit.code, answers: { [o.item_code]: { [o.criterion_code]: answer } } });
    } catch (err) {
      if (err instanceof ScoringInputError) {
        const msg = err.issues.map((i) => i.message).join('；');
        throw badRequest(`新的评分不符合第${o.item_code}项的评分方法：${msg}`, [{ field: 'answer', message: msg }]);
      }
      throw err;
    }
    if (JSON.stringify(answer) === JSON.stringify(before)) {
      throw badRequest('新的评分与原评分相同；如不调整请选择“维持原评分”', [{ field: 'answer', message: '与原评分相同' }]);
    }
    after = answer;
    if (score) {
      const r = await c.trx
        .updateTable('score')
        .set({ answer_json: JSON.stringify(answer), version: score.version + 1, updated_by: c.user.id, updated_at: now })
        .where('id', '=', score.id)
        .where('version', '=', score.version)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) throw conflict('该评分已被他人修改，请刷新后重试');
    } else {
      await c.trx
        .insertInto('score')
        .values({
          cycle_id: o.cycle_id,
          unit_id: o.unit_id,
          item_code: o.item_code,
          criterion_code: o.criterion_code,
          department_id: o.department_id,
          answer_json: JSON.stringify(answer),
          comment: null,
          version: 1,
          updated_by: c.user.id,
          updated_at: now,
        })
        .execute();
    }
    await c.audit({
      action: 'score.adjust',
      entityType: 'score',
      entityId: `${o.cycle_id}/${o.unit_id}/${o.item_code}.${o.criterion_code}`,
      before: { answer: before, version: score?.version ?? null },
      after: { answer: after, version: score ? score.version + 1 : 1, objectionId: o.id, reason: body.response },
    });
  }
  await transition({
    trx: c.trx,
    audit: c.audit,
    user: c.user,
    workflow: OBJECTION_WORKFLOW,
    table: 'objection',
    key: { id: o.id, version: body.version },
    from: 'open',
    event: body.decision,
    set: {
      response: body.response,
      answered_by: c.user.id,
      answered_at: now,
      before_answer_json: JSON.stringify(before),
      after_answer_json: body.decision === 'adjust' ? JSON.stringify(after) : null,
    },
    entityId: o.id,
    detail: { beforeScore: before, afterScore: body.decision === 'adjust' ? after : before },
  });
  await closeTodos(c.trx, c.user.id, { kind: 'objection.answer', sourceType: 'objection', sourceId: String(o.id) });
  const meta = criterionIndex(scheme.framework).get(`${o.item_code}.${o.criterion_code}`);
  await addTodo(c.trx, {
    role: 'unit',
    orgUnitId: o.unit_id,
    kind: 'objection.answered',
    title: `您对第${o.item_code}项「${meta?.itemTitle ?? ''}」的异议已答复：${OBJECTION_WORKFLOW.states[body.decision === 'adjust' ? 'adjusted' : 'upheld']}`,
    detail: body.response,
    link: link(o.cycle_id),
    sourceType: 'objection',
    sourceId: String(o.id),
  });
}

/** Open objections of a cycle (publishing waits for them), with names for the message. */
export async function openObjections(db: Kysely<Database>, cycleId: number) {
  return db
    .selectFrom('objection')
    .innerJoin('org_unit as u', 'u.id', 'objection.unit_id')
    .innerJoin('org_unit as d', 'd.id', 'objection.department_id')
    .select(['objection.id', 'objection.item_code', 'objection.criterion_code', 'u.name as unit_name', 'd.name as dept_name'])
    .where('objection.cycle_id', '=', cycleId)
    .where('objection.status', '=', 'open')
    .orderBy('objection.id')
    .execute();
}

