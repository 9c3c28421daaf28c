/**
 * Results: the office's two moves — scoring → review (publish the preliminary results, open the objection
 * window) and review → published (compute, freeze, tell every unit). Each takes the change context first and
 * reads its preconditions under the cycle's lock.
 */
import type { PublishPreliminaryBody } from '../../../../shared/contracts/results';
import { CYCLE_WORKFLOW, OBJECTION_WORKFLOW, objectionWindowRefusal } from '../../../../shared/workflow/assessment';
import type { Change } from '../../../core/change';
import { badRequest, conflict } from '../../../core/errors';
import { assertTransition, transition } from '../../../core/transition';
import { addTodo, closeTodos } from '../../todos';
import { cycleStatusLabel, type CycleAccess } from '../assessment.policy';
import { findCycle, lockCycle, publishedScheme, type CycleRow } from '../assessment.queries';
import { cycleChanged } from '../cycles/cycles.commands';
import { keyPointInScheme } from '../framework';
import { openObjections } from '../objections/objections.queries';
import { tellObjector } from '../objections/objections.commands';
import { assessmentName } from '../declarations/declarations.queries';
import { computeResults, freezeResults, submittedDepartments, unsubmittedDepartments } from './results.queries';

/** the answer an objection unanswered at the final results' publication is closed with */
const CLOSED_AT_PUBLICATION = '最终结果发布时尚未答复，经质强办确认，维持原评分';

/** the cycle moved on since the caller read it (another publication, say): who did what, when */
const stale = (c: Change, cycleId: number) => cycleChanged(c.trx, c.user.id, cycleId, '请刷新后重试');

const cycleLink = (id: number) => `/assessment/${id}?tab=results`;

/** scoring → review: set the objection window (every assessed unit's 待办 follows from it). */
export async function openReview(c: Change, a: CycleAccess, body: { objectionStart: string; objectionEnd: string; version: number }): Promise<CycleRow> {
  // every precondition read under the cycle's lock: submissions and reopenings hold it shared
  const cycle = await lockCycle(c.trx, a.cycle.id, 'update');
  // the version first: the loser of two publications is told who published, not only the state it left
  if (cycle.version !== body.version) throw await stale(c, cycle.id);
  assertTransition(CYCLE_WORKFLOW, cycle.status, 'openReview', `当前状态为「${cycleStatusLabel(cycle.status)}」，只有评分阶段才能公布初步结果`);
  // a window that has already closed would open review with no one able to object; one without a real end (9999-12-31) would print everywhere
  const odd = objectionWindowRefusal({ start: body.objectionStart, end: body.objectionEnd, today: c.clock.today, opening: true });
  if (odd) throw badRequest(odd.message, [odd]);
  const scheme = await publishedScheme(c.trx, a.cycle.id);
  if (!scheme) throw conflict('本次考核尚未发布考核方案');
  const pending = await unsubmittedDepartments(c.trx, cycle, scheme.framework);
  if (pending.length) {
    throw conflict(
      `以下评价部门尚未提交评分，不能公布初步结果：${pending.map((d) => d.name).join('、')}`,
      pending.map(({ id, name }) => ({ id, name })),
    );
  }
  await transition(c, {
    workflow: CYCLE_WORKFLOW,
    table: 'assessment_cycle',
    key: { id: cycle.id, version: body.version },
    from: cycle.status,
    event: 'openReview',
    set: { objection_start: body.objectionStart, objection_end: body.objectionEnd, updated_at: c.clock.at },
    entityId: cycle.id,
  });
  // each assessed unit's 待办 (查看初步结果，异议期) is derived from the cycle's state and window
  return (await findCycle(c.trx, cycle.id))!;
}

/**
 * scoring → scoring: before every department has submitted, the office shows the cities the scores of the
 * departments that have (with a reason, audited). The cycle stays in scoring: the others keep scoring, and the
 * objection window opens only with openReview, once all have submitted. Each call replaces the previous one
 * (the departments submitted by then, the new reason).
 */
export async function publishPreliminary(c: Change, a: CycleAccess, body: PublishPreliminaryBody): Promise<CycleRow> {
  // submissions and reopenings hold the cycle's lock shared: the list below is the committed one
  const cycle = await lockCycle(c.trx, a.cycle.id, 'update');
  if (cycle.version !== body.version) throw await stale(c, cycle.id);
  assertTransition(CYCLE_WORKFLOW, cycle.status, 'publishPreliminary', `当前状态为「${cycleStatusLabel(cycle.status)}」，只有评分阶段才能提前公布已提交部门的初步结果`);
  const scheme = await publishedScheme(c.trx, a.cycle.id);
  if (!scheme) throw conflict('本次考核尚未发布考核方案');
  const pending = await unsubmittedDepartments(c.trx, cycle, scheme.framework);
  if (!pending.length) throw conflict('全部评价部门已提交评分，请直接「公布初步结果，开放异议」');
  const submitted = await submittedDepartments(c.trx, cycle.id);
  if (!submitted.length) throw conflict('还没有评价部门提交评分，没有可公布的初步结果');
  const now = c.clock.at;
  await transition(c, {
    workflow: CYCLE_WORKFLOW,
    table: 'assessment_cycle',
    key: { id: cycle.id, version: body.version },
    from: cycle.status,
    event: 'publishPreliminary',
    set: {
      preliminary_published_at: now,
      preliminary_reason: body.reason,
      preliminary_departments_json: JSON.stringify(submitted.map((d) => d.id)),
      updated_at: now,
    },
    entityId: cycle.id,
    detail: { departments: submitted.map((d) => d.name), pending: pending.map((d) => d.name) },
  });
  return (await findCycle(c.trx, cycle.id))!;
}

/**
 * review → published: compute, freeze into cycle_result, tell every assessed unit. While objections are
 * unanswered the office must confirm (the answer names how many); confirmed, they are closed as 维持原评分.
 */
export async function publishResults(c: Change, a: CycleAccess, version: number, confirm = false): Promise<CycleRow> {
  // every precondition read under the cycle's lock: raising and answering objections hold it
  const cycle = await lockCycle(c.trx, a.cycle.id, 'update');
  if (cycle.version !== version) throw await stale(c, cycle.id);
  assertTransition(CYCLE_WORKFLOW, cycle.status, 'publishResults', `当前状态为「${cycleStatusLabel(cycle.status)}」，只有结果公示（异议期）阶段才能发布最终结果`);
  const open = await openObjections(c.trx, a.cycle.id);
  const framework = open.length ? (await publishedScheme(c.trx, cycle.id))?.framework : undefined;
  if (open.length && !confirm) {
    // each named by its key point as the objections' to-dos name it (长沙市对「7.a 产品质量安全保障」), not 第7项a
    throw conflict(
      `还有${open.length}条异议尚未答复：${open.map((o) => `${o.unit_name}对${keyPointInScheme(framework, o.item_code, o.criterion_code)}（${o.dept_name}答复）`).join('；')}。确认发布后这些异议按维持原评分办结`,
      open.map((o) => ({ id: o.id, unit: o.unit_name, itemCode: o.item_code, criterionCode: o.criterion_code, department: o.dept_name })),
    );
  }
  // a county's notices name its city's assessment, as its other result to-dos do (assessmentName)
  const assessment = await assessmentName(c.trx, cycle);
  for (const o of open) {
    await transition(c, {
      workflow: OBJECTION_WORKFLOW,
      table: 'objection',
      key: { id: o.id },
      from: 'open',
      event: 'closeAtPublication',
      set: { response: CLOSED_AT_PUBLICATION, answered_by: c.user.id, answered_at: c.clock.at },
      entityId: o.id,
      detail: { cycleId: cycle.id },
    });
    await closeTodos(c.trx, { by: c.user.id, at: c.clock.at }, { kind: 'objection.answer', sourceType: 'objection', sourceId: String(o.id) });
    // the unit hears of it as of an answered one (it would otherwise learn only by opening the results)
    if (framework) await tellObjector(c, o, { framework, assessment }, '已办结：维持原评分（最终结果发布时尚未答复）', CLOSED_AT_PUBLICATION);
  }
  const computed = await computeResults(c.trx, cycle);
  const now = c.clock.at;
  await transition(c, {
    workflow: CYCLE_WORKFLOW,
    table: 'assessment_cycle',
    key: { id: cycle.id, version },
    from: cycle.status,
    event: 'publishResults',
    set: { published_at: now, updated_at: now },
    entityId: cycle.id,
    detail: { schemeVersion: computed.schemeVersion },
  });
  await freezeResults(c.trx, cycle.id, computed.units, now);
  await c.audit({
    action: 'result.freeze',
    entityType: 'assessment_cycle',
    entityId: cycle.id,
    after: { schemeVersion: computed.schemeVersion, ranking: computed.units.map((u) => ({ unit: u.unitCode, total: u.total, rank: u.rank, grade: u.grade })) },
  });
  await closeTodos(c.trx, { by: c.user.id, at: c.clock.at }, { kind: 'result.review', sourceType: 'assessment_cycle', sourceId: String(cycle.id) });
  for (const u of computed.units) {
    await addTodo(c.trx, {
      at: c.clock.at,
      role: 'unit',
      orgUnitId: u.unitId,
      kind: 'result.published',
      title: `${assessment}最终结果已发布：${u.unitName}总分${u.total}，第${u.rank}名，${u.grade}级`,
      link: cycleLink(cycle.id),
      sourceType: 'assessment_cycle',
      sourceId: String(cycle.id),
    });
  }
  return (await findCycle(c.trx, cycle.id))!;
}
