/**
 * Objections (异议): during the objection window a city objects to the score of one key point of its own
 * preliminary result; the evaluating department upholds the score or adjusts it with a reason. Every
 * adjustment changes the stored score (version + 1) and is audited with the answers before and after.
 * Each change takes the change context first.
 */
import { formatAnswer, type AnswerObjectionBody, type RaiseObjectionBody } from '../../../../shared/contracts/results';
import { bareClause, joinClauses } from '../../../../shared/text';
import { OBJECTION_WORKFLOW } from '../../../../shared/workflow/assessment';
import type { Change } from '../../../core/change';
import { badRequest, conflict } from '../../../core/errors';
import { assertTransition, transition } from '../../../core/transition';
import { addTodo, closeTodos } from '../../todos';
import { ensure, objectionAnswerRefusal, objectionRefusal, repeatObjectionRefusal, type CycleAccess } from '../assessment.policy';
import { lockCycle, publishedScheme } from '../assessment.queries';
import { personAt } from '../../../core/user-names';
import { byWhomWhen, recordedChanges } from '../../../core/audit';
import { criterionIndex, evaluatorsOf, keyPointInScheme } from '../framework';
import type { Framework } from '../../../../shared/scoring/framework-schema';
import { lastClearing, orgsByCode } from '../scoring/scoring.queries';
import { checkEnteredAnswer, pointsLost } from '../../../../shared/scoring';
import { assessmentName } from '../declarations/declarations.queries';
import {
  adjustScore,
  insertAdjustedScore,
  insertObjection,
  lockObjection,
  objectedScore,
  orgOf,
  latestObjectionOf,
  type ObjectionRow,
} from './objections.queries';

const link = (cycleId: number) => `/assessment/${cycleId}?tab=results`;

export async function raiseObjection(c: Change, access: CycleAccess, body: RaiseObjectionBody): Promise<number> {
  // the window and the open objections, read under the cycle's lock (exclusive: two raises of the same
  // objection wait for each other; publication waits for both)
  const a = { ...access, cycle: await lockCycle(c.trx, access.cycle.id, 'update') };
  ensure(objectionRefusal(a));
  const scheme = await publishedScheme(c.trx, a.cycle.id);
  if (!scheme) throw conflict('本次考核尚未发布考核方案');
  const meta = criterionIndex(scheme.framework).get(`${body.itemCode}.${body.criterionCode}`);
  if (!meta) {
    const itemExists = scheme.framework.sections.some((s) => s.items.some((i) => i.code === body.itemCode));
    throw badRequest(
      `考核方案中没有考核要点${keyPointInScheme(scheme.framework, body.itemCode, body.criterionCode)}`,
      [itemExists ? { field: 'criterionCode', message: '请选择该考核内容下的考核要点' } : { field: 'itemCode', message: '请选择考核方案中的考核内容' }],
    );
  }
  // the key point as every to-do and refusal of objections names it: 「7.a 产品质量安全保障」, not the bare item 第7项
  const keyPoint = keyPointInScheme(scheme.framework, body.itemCode, body.criterionCode);
  // an objection contests lost points (认为扣分不当), as the results page offers it only on them: a key point scored
  // in full (or a bonus, which deducts nothing) has nothing to object to; unanswered it has (it counts as lost)
  const stored = await objectedScore(c.trx, { cycle_id: a.cycle.id, unit_id: a.orgUnitId, item_code: body.itemCode, criterion_code: body.criterionCode });
  if (stored) {
    const answer: unknown = JSON.parse(stored.answer_json);
    const check = checkEnteredAnswer(scheme.framework, body.itemCode, body.criterionCode, answer);
    if (check.ok && pointsLost(scheme.framework, body.itemCode, check, answer) === null) {
      throw badRequest(`考核要点${keyPoint}未失分（${check.score}/${check.maximum}分），无需提出异议；异议只针对失分的考核要点`, [
        { field: 'criterionCode', message: '请选择有失分的考核要点' },
      ]);
    }
  }
  // every evaluator of the key point answers for it: each gets the to-do, the first listed is named until one answers
  const codes = evaluatorsOf(scheme.framework, body.itemCode, body.criterionCode) ?? [];
  if (!codes.length) throw conflict(`考核要点${keyPoint}没有评价部门，请联系质强办`);
  const byCode = await orgsByCode(c.trx, codes, a.cycle.office_org_id);
  const unknown = codes.filter((code) => !byCode.has(code));
  if (unknown.length) throw conflict(`考核要点${keyPoint}的评价部门（${unknown.join('、')}）不存在，请联系质强办`);
  const evaluators = [...new Map(codes.map((code) => [byCode.get(code)!.id, byCode.get(code)!])).values()];
  const dept = evaluators[0];
  // one objection per score: not while one awaits its answer, nor to a score the review upheld (under the cycle's lock)
  const latest = await latestObjectionOf(c.trx, a.cycle.id, a.orgUnitId, body.itemCode, body.criterionCode);
  ensure(repeatObjectionRefusal(latest, keyPoint));
  const row = await insertObjection(c.trx, {
    cycleId: a.cycle.id,
    unitId: a.orgUnitId,
    itemCode: body.itemCode,
    criterionCode: body.criterionCode,
    departmentId: dept.id,
    reason: body.reason,
    by: c.user.id,
    at: c.clock.at,
  });
  await c.audit({
    action: 'objection.raise',
    entityType: 'objection',
    entityId: row.id,
    after: { unitId: a.orgUnitId, ...body, departmentId: dept.id, evaluatorIds: evaluators.map((e) => e.id) },
  });
  const unit = await orgOf(c.trx, a.orgUnitId);
  // a department may evaluate in the province's cycle and in a city's cycle of its counties in the same year: the
  // to-do names the assessment, as the unit's own to-dos do (assessedIn)
  const assessment = await assessmentName(c.trx, a.cycle);
  for (const e of evaluators) {
    await addTodo(c.trx, {
      at: c.clock.at,
      role: e.kind === 'office' ? 'office' : 'department',
      orgUnitId: e.id,
      kind: 'objection.answer',
      title: `答复${unit.name}对${assessment}${keyPoint}评分的异议`,
      detail: evaluators.length > 1 ? `${body.reason}（该考核要点由${evaluators.map((x) => x.name).join('、')}共同评价，任一单位答复即办结）` : body.reason,
      link: link(a.cycle.id),
      dueAt: a.cycle.objection_end ?? undefined,
      sourceType: 'objection',
      sourceId: String(row.id),
    });
  }
  return row.id;
}

/**
 * What a second answer is told: who answered, for which department, and when (of several evaluators, another one
 * may have answered first), in the words every lost race of the house uses (您在其他窗口 when it was the caller, `me`).
 */
async function answeredAlready(db: Change['trx'], o: ObjectionRow, me: number): Promise<string> {
  const dept = await orgOf(db, o.department_id);
  const who = await personAt(db, o.answered_by, o.answered_at, me, dept.short_name ?? dept.name);
  return `该异议已由${who}答复（${OBJECTION_WORKFLOW.states[o.status]}），不能重复答复`;
}

/** An objection at another version than the caller saw: who changed it last and when (its audit rows), with its state now. */
async function objectionChanged(db: Change['trx'], o: ObjectionRow, me: number) {
  const [last] = await recordedChanges(db, 'objection', o.id, { family: OBJECTION_WORKFLOW.name });
  const done = last?.action === 'objection.raise' ? '提出' : (OBJECTION_WORKFLOW.transitions.find((t) => `${OBJECTION_WORKFLOW.name}.${t.event}` === last?.action)?.label ?? '处理');
  return conflict(`该异议${last ? `已由${byWhomWhen(last, me)}${done}` : '已被他人处理'}，请刷新后查看`, { status: o.status, response: o.response });
}

/**
 * The objected score changed between the caller's read and the adjustment: who changed it and when (the row, read
 * after the miss), or who cleared it (the clearing's audit row).
 */
async function scoreChangedMeanwhile(db: Change['trx'], o: ObjectionRow, me: number) {
  const now = await objectedScore(db, o);
  if (now) return conflict(`该评分已由${await personAt(db, now.updated_by, now.updated_at, me)}修改，请刷新后重试`);
  const clearing = await lastClearing(db, o.cycle_id, (await orgOf(db, o.unit_id)).name, `${o.item_code}.${o.criterion_code}`);
  return conflict(`该评分已${clearing ? `由${byWhomWhen(clearing, me)}` : '被他人'}清除，请刷新后重试`);
}

/**
 * The 扣分理由 an adjusted score keeps: the one on record (written for the score before, 扣2.5分) followed by what the
 * objection changed and why — 抽查合格率未达目标，扣2.5分；经复核由12分调整为14分：复核抽查记录，补计2分 — so the
 * results and the 反馈意见书 never show a reason for the old loss beside the new score as if it were still lost,
 * and a score first entered by the answer (an unscored key point) has its reason too.
 */
export const adjustedReason = (comment: string | null, before: unknown, after: unknown, response: string): string =>
  joinClauses([comment, `经复核${before === null ? `评为${formatAnswer(after)}` : `由${formatAnswer(before)}调整为${formatAnswer(after)}`}：${bareClause(response)}`]);

/**
 * Uphold or adjust: any department that evaluates the key point (the office for its own key points). The first
 * answer is the answer: it closes every evaluator's to-do and the objection names the department that gave it.
 */
export async function answerObjection(c: Change, access: CycleAccess, seen: ObjectionRow, body: AnswerObjectionBody): Promise<void> {
  // the phase (cycle, shared) and the objection's state and version (its row), read under lock
  const a = { ...access, cycle: await lockCycle(c.trx, access.cycle.id, 'share') };
  const o = (await lockObjection(c.trx, seen.id)) ?? seen;
  const scheme = (await publishedScheme(c.trx, a.cycle.id))!;
  ensure(objectionAnswerRefusal(a, evaluatorsOf(scheme.framework, o.item_code, o.criterion_code) ?? []));
  const from = o.status;
  if (from !== 'open') throw conflict(await answeredAlready(c.trx, o, c.user.id));
  assertTransition(OBJECTION_WORKFLOW, from, body.decision, `该异议已答复（${OBJECTION_WORKFLOW.states[from]}），不能重复答复`);
  if (o.version !== body.version) throw await objectionChanged(c.trx, o, c.user.id);
  const now = c.clock.at;
  const score = await objectedScore(c.trx, o);
  const before: unknown = score ? JSON.parse(score.answer_json) : null;
  let after: unknown = null;
  if (body.decision === 'adjust') {
    const answer = body.answer;
    const check = checkEnteredAnswer(scheme.framework, o.item_code, o.criterion_code, answer);
    if (!check.ok) throw badRequest(`新的评分不符合考核要点${keyPointInScheme(scheme.framework, o.item_code, o.criterion_code)}的评分方法：${check.message}`, [{ field: 'answer', message: check.message }]);
    if (JSON.stringify(answer) === JSON.stringify(before)) {
      throw badRequest('新的评分与原评分相同；如不调整请选择“维持原评分”', [{ field: 'answer', message: '与原评分相同' }]);
    }
    after = answer;
    const comment = adjustedReason(score?.comment ?? null, before, after, body.response);
    if (score) {
      if (!(await adjustScore(c.trx, score.id, score.version, { answer, comment, by: c.user.id, at: now }))) throw await scoreChangedMeanwhile(c.trx, o, c.user.id);
    } else {
      await insertAdjustedScore(c.trx, o, { answer, comment, by: c.user.id, at: now });
    }
    await c.audit({
      action: 'score.adjust',
      entityType: 'score',
      entityId: `${o.cycle_id}/${o.unit_id}/${o.item_code}.${o.criterion_code}`,
      before: { answer: before, comment: score?.comment ?? null, version: score?.version ?? null },
      after: { answer: after, comment, version: score ? score.version + 1 : 1, objectionId: o.id, reason: body.response },
    });
  }
  await transition(c, {
    workflow: OBJECTION_WORKFLOW,
    table: 'objection',
    key: { id: o.id, version: body.version },
    from: 'open',
    event: body.decision,
    set: {
      // the department that answered (of several evaluators, the one that did)
      department_id: a.orgUnitId,
      response: body.response,
      answered_by: c.user.id,
      answered_at: now,
      before_answer_json: JSON.stringify(before),
      after_answer_json: body.decision === 'adjust' ? JSON.stringify(after) : null,
    },
    entityId: o.id,
    detail: { beforeScore: before, afterScore: body.decision === 'adjust' ? after : before },
  });
  await closeTodos(c.trx, { by: c.user.id, at: c.clock.at }, { kind: 'objection.answer', sourceType: 'objection', sourceId: String(o.id) });
  await tellObjector(c, o, { framework: scheme.framework, assessment: await assessmentName(c.trx, a.cycle) }, `已答复：${OBJECTION_WORKFLOW.states[body.decision === 'adjust' ? 'adjusted' : 'upheld']}`, body.response);
}

/**
 * The unit's notice that its objection was settled (`outcome`: 已答复：维持原评分, …), on its 待办: by the answering
 * department, or by the office's publication of the final results while it was unanswered (closeAtPublication).
 * It names the assessment (`assessment`: assessmentName), as the unit's other to-dos do: a county's leader, or a
 * unit's users, may read notices of the province's cycle and of its city's in the same year.
 */
export async function tellObjector(
  c: Change,
  o: { id: number; unit_id: number; cycle_id: number; item_code: string; criterion_code: string },
  cycle: { framework: Framework; assessment: string },
  outcome: string,
  detail: string,
): Promise<void> {
  await addTodo(c.trx, {
    at: c.clock.at,
    role: 'unit',
    orgUnitId: o.unit_id,
    kind: 'objection.answered',
    title: `您对${cycle.assessment}${keyPointInScheme(cycle.framework, o.item_code, o.criterion_code)}的异议${outcome}`,
    detail,
    link: link(o.cycle_id),
    sourceType: 'objection',
    sourceId: String(o.id),
  });
}
