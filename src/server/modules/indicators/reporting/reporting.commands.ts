/**
 * The changes of plan-indicator reporting (issue 12): the office opens a period; a reporter saves a value
 * (checked: hard errors block and nothing is saved) and submits it (warnings need an explanation); the
 * responsible department reviews, the plan's office accepts; either returns with a comment; the office reopens one
 * value for one unit after the lock, with a reason. Change context first; every change audited; a stale version
 * is a 409; states move through transition() on INDICATOR_VALUE_WORKFLOW.
 */
import { explanationProblem, windowState } from '../../../../shared/indicators/checks';
import { INDICATOR_VALUE_EDITABLE, INDICATOR_VALUE_WORKFLOW, type IndicatorValueEvent } from '../../../../shared/workflow/indicators';
import type { Kysely } from 'kysely';
import type { Change } from '../../../core/change';
import type { Database } from '../../../db/schema';
import { badRequest, conflict, forbidden, notFound, type AppError } from '../../../core/errors';
import { assertTransition, transition } from '../../../core/transition';
import { onDuplicate } from '../../../db/errors';
import { personAt } from '../../../core/user-names';
import { checkFacts, periodLabel, runChecks } from './reporting.presenter';
import { changeMessage, isPlanOffice, isReopened, rowMove, mayManagePeriods, periodDatesProblem, maySee, maySeePlan, moveRefusal, reopenRefusal, reportRefusal, returnRefusal, unitInPlan, valueChangedMessage, valueStatusLabel, type ValueMove } from './reporting.policy';
import { findPeriod, findUnit, findValue, indicatorScope, insertPeriod, insertValue, lastValueChange, loadPlanData, loadPlans, samePeriod, updateValue, valueAt, type PlanData, type PlanRow } from './reporting.queries';
import { recordedChanges } from '../../../core/audit';

export async function planOrThrow(db: Change['trx'], id: number): Promise<PlanRow> {
  const [plan] = await loadPlans(db, id);
  if (!plan) throw notFound(`规划${id}不存在`);
  return plan;
}

export interface PeriodInput {
  planId: number;
  year: number;
  quarter: number | null;
  opensOn: string;
  closesOn: string;
  lockDays: number;
}

/**
 * The 409 of a second period of a plan's year (or quarter): who opened the one there and when (您在其他窗口 when it was
 * the caller), read through `db`.
 */
async function periodOpened(db: Change['trx'] | Kysely<Database>, body: Pick<PeriodInput, 'planId' | 'year' | 'quarter'>, me: number): Promise<AppError> {
  const label = periodLabel({ year: body.year, quarter: body.quarter });
  const won = await samePeriod(db, body.planId, body.year, body.quarter);
  const by = won?.created_by != null ? `，已由${await personAt(db, won.created_by, won.created_at, me)}设置` : '';
  return conflict(`${label}填报期已存在${by}，请刷新后查看`, undefined, [{ field: 'year', message: '已存在' }]);
}

/**
 * A period that passed createPeriod's check while the same period, not yet committed, was being opened (a colleague,
 * or the caller's other window): the unique index indicator_period_one refused it (its transaction is gone, nothing of
 * it saved) and the 409 names who opened the one that won, read after the fact. Wraps the route's ctx.tx.
 */
export const periodTaken = <T>(db: Kysely<Database>, body: Pick<PeriodInput, 'planId' | 'year' | 'quarter'>, me: number, work: () => Promise<T>): Promise<T> =>
  onDuplicate(work, () => periodOpened(db, body, me));

export async function createPeriod(c: Change, body: PeriodInput): Promise<number> {
  const plan = await planOrThrow(c.trx, body.planId);
  if (!mayManagePeriods(c.user, plan)) throw forbidden(`只有${plan.ownerName}可以设置该规划的填报期`);
  if (body.year <= plan.baselineYear || body.year > plan.targetYear) {
    throw badRequest(`填报年度须在规划期${plan.baselineYear + 1}—${plan.targetYear}年内`, [{ field: 'year', message: `须在规划期${plan.baselineYear + 1}—${plan.targetYear}年内` }]);
  }
  if (body.closesOn < body.opensOn) throw badRequest('截止日期不能早于开始日期', [{ field: 'closesOn', message: '不能早于开始日期' }]);
  const label = periodLabel({ year: body.year, quarter: body.quarter });
  const odd = periodDatesProblem(body, label, c.clock.today);
  if (odd) throw badRequest(odd.message, [odd]);
  if (await samePeriod(c.trx, plan.id, body.year, body.quarter)) throw await periodOpened(c.trx, body, c.user.id);
  const at = c.clock.at;
  // the same period opened at once: the unique index decides, periodTaken() (around the route's transaction) tells the loser
  const { id } = await insertPeriod(c.trx, { plan_id: plan.id, year: body.year, quarter: body.quarter, opens_on: body.opensOn, closes_on: body.closesOn, lock_days: body.lockDays, created_by: c.user.id, created_at: at });
  await c.audit({ action: 'indicatorPeriod.create', entityType: 'indicator_period', entityId: id, after: { plan: plan.code, label, opensOn: body.opensOn, closesOn: body.closesOn, lockDays: body.lockDays } });
  return id;
}

/** The period, its plan's data, the indicator and the unit of one value, or 404s. */
async function valueContext(c: Change, periodId: number, indicatorId: number, orgId: number) {
  const period = await findPeriod(c.trx, periodId);
  if (!period) throw notFound(`填报期${periodId}不存在`);
  const plan = await planOrThrow(c.trx, period.plan_id);
  if (!maySeePlan(c.user, plan)) throw notFound(`填报期${periodId}不存在`);
  const data = await loadPlanData(c.trx, plan);
  const ind = data.indicators.find((i) => i.id === indicatorId);
  if (!ind) throw badRequest(`指标${indicatorId}不属于${plan.title}`, [{ field: 'indicatorId', message: '不属于该规划' }]);
  const unit = await findUnit(c.trx, orgId);
  if (!unit || !unitInPlan(plan, unit)) throw badRequest(`单位${orgId}不是该规划的填报单位`, [{ field: 'orgId', message: '不是该规划的填报单位' }]);
  return { period, plan, data, ind, unit, existing: data.values.find((v) => v.period_id === period.id && v.indicator_id === ind.id && v.org_id === unit.id) };
}

export interface SaveInput {
  periodId: number;
  indicatorId: number;
  orgId: number;
  value: number;
  sourceDoc: string | null;
  explanation: string | null;
  /** the stored value's version; absent for the first save */
  version?: number;
}

/**
 * The 409 of a change to a value that lost to another: who changed it, how and when (valueChangedMessage), read
 * after the miss so it sees the change that won; the value's version as it stands now.
 */
async function valueChanged(db: Change['trx'] | Kysely<Database>, id: number, doing: ValueMove | 'save' | 'reopen', me: number): Promise<AppError> {
  const now = await findValue(db, id);
  if (!now) return notFound(`数据${id}不存在`);
  const last = await lastValueChange(db, id);
  if (last) return conflict(valueChangedMessage(last, doing, me), { version: now.version });
  // no audit row tells of it (a demo figure, seeded as a row): its own columns say who moved it last and when
  const move = rowMove(now);
  return conflict(changeMessage(move?.event ?? '', move ? await personAt(db, move.by, move.at, me) : null, doing), { version: now.version });
}

/**
 * A value's first row (a first save, or the reopening of a value never saved) that met another made for the same
 * period, indicator and unit at the same moment (the unique key caught it; on PostgreSQL the transaction is gone, so
 * the winner is read through `db`): the 409 naming who made it, how and when. Wraps the route's ctx.tx.
 */
export const valueTaken = <T>(db: Kysely<Database>, key: { periodId: number; indicatorId: number; orgId: number }, doing: 'save' | 'reopen', me: number, work: () => Promise<T>): Promise<T> =>
  onDuplicate(work, async () => {
    const won = await valueAt(db, key.periodId, key.indicatorId, key.orgId);
    return won ? valueChanged(db, won.id, doing, me) : conflict('该数据已由他人同时填报或重新开放，请刷新后查看');
  });

function refuse(problems: { field: string; message: string }[]): never {
  throw badRequest(problems.map((p) => p.message).join('；'), problems);
}

/** Save (create or change) a value as a draft; hard errors block and nothing is saved. Returns the value's id. */
export async function saveValue(c: Change, body: SaveInput): Promise<number> {
  const { period, plan, data, ind, unit, existing } = await valueContext(c, body.periodId, body.indicatorId, body.orgId);
  // who may not report this value at all is refused as its 提交 is (403, recorded as a denied attempt), before any check
  const refusal = reportRefusal(c.user, plan, { ...indicatorScope(ind), name: ind.name }, unit);
  if (refusal) throw forbidden(refusal);
  const today = c.clock.today;
  const facts = checkFacts(data, period, ind, unit, today, existing);
  const result = runChecks(facts, body.value);
  if (result.errors.length) refuse(result.errors);
  const at = c.clock.at;
  const fields = { value: body.value, source_doc: body.sourceDoc, explanation: body.explanation, updated_at: at };
  if (!existing) {
    if (body.version !== undefined) throw conflict('该数据已被删除或尚未保存，请刷新后重试');
    // two first saves at once: the unique key (period, indicator, unit) decides, valueTaken() tells the loser
    const { id } = await insertValue(c.trx, {
        period_id: period.id,
        indicator_id: ind.id,
        org_id: unit.id,
        ...fields,
        status: 'draft',
        return_comment: null,
        reopen_reason: null,
        demo: 0,
        submitted_by: null,
        submitted_at: null,
        reviewed_by: null,
        reviewed_at: null,
        accepted_by: null,
      accepted_at: null,
      confirmed_value: null,
    });
    await c.audit({ action: 'indicatorValue.save', entityType: 'indicator_value', entityId: id, after: { period: periodLabel(period), indicator: ind.name, unit: unit.name, value: body.value, sourceDoc: body.sourceDoc, explanation: body.explanation, warnings: result.warnings.length } });
    return id;
  }
  if (!INDICATOR_VALUE_EDITABLE.includes(existing.status)) throw conflict(`该数据当前为「${valueStatusLabel(data.plan, indicatorScope(ind), unit, existing.status)}」，不能修改`);
  if (body.version !== existing.version) throw await valueChanged(c.trx, existing.id, 'save', c.user.id);
  if (!(await updateValue(c.trx, existing.id, existing.version, fields))) throw await valueChanged(c.trx, existing.id, 'save', c.user.id);
  await c.audit({
    action: 'indicatorValue.save',
    entityType: 'indicator_value',
    entityId: existing.id,
    before: { value: existing.value, sourceDoc: existing.source_doc, explanation: existing.explanation },
    after: { value: body.value, sourceDoc: body.sourceDoc, explanation: body.explanation, warnings: result.warnings.length },
  });
  return existing.id;
}

async function valueById(c: Change, id: number) {
  const row = await findValue(c.trx, id);
  if (!row) throw notFound(`数据${id}不存在`);
  const ctx = await valueContext(c, row.period_id, row.indicator_id, row.org_id);
  if (!maySee(c.user, ctx.plan, indicatorScope(ctx.ind), ctx.unit, ctx.existing?.status)) throw notFound(`数据${id}不存在`);
  return { ...ctx, value: ctx.existing! };
}

export interface MoveInput {
  event: Exclude<IndicatorValueEvent, 'reopen'>;
  version: number;
  comment?: string | null;
}

/**
 * submit / review / accept / return one value. Who may make the move comes first (a 403 whatever the version sent:
 * moveRefusal), then the version (409), the state (the workflow table, 409), a return's state-bound right
 * (returnRefusal) and the move's own checks.
 */
export async function moveValue(c: Change, id: number, body: MoveInput): Promise<void> {
  const { period, plan, data, ind, unit, value } = await valueById(c, id);
  const scope = indicatorScope(ind);
  const named = { ...scope, name: ind.name };
  const refusal = moveRefusal(c.user, plan, named, unit, body.event);
  if (refusal) throw forbidden(refusal);
  if (body.version !== value.version) throw await valueChanged(c.trx, value.id, body.event, c.user.id);
  // the state as the sheet names it (待质强办审核 where the office reviews, not the workflow's 待部门审核)
  assertTransition(INDICATOR_VALUE_WORKFLOW, value.status, body.event, { stateLabel: valueStatusLabel(plan, scope, unit, value.status) });
  const at = c.clock.at;
  let set: Record<string, unknown>;
  switch (body.event) {
    case 'submit': {
      const facts = checkFacts(data, period, ind, unit, c.clock.today, value);
      const result = runChecks(facts, value.value);
      if (result.errors.length) refuse(result.errors);
      const why = explanationProblem(result.warnings, value.explanation);
      if (why) refuse([why, ...result.warnings]);
      set = { submitted_by: c.user.id, submitted_at: at, return_comment: null, updated_at: at };
      break;
    }
    case 'review':
      set = { reviewed_by: c.user.id, reviewed_at: at, updated_at: at };
      break;
    case 'accept':
      // a correction accepted replaces the confirmed figure it was kept beside
      set = { accepted_by: c.user.id, accepted_at: at, confirmed_value: null, updated_at: at };
      break;
    case 'return': {
      const notNow = returnRefusal(c.user, plan, named, unit, value.status);
      if (notNow) throw forbidden(notNow);
      const comment = (body.comment ?? '').trim();
      if (comment.length < 2) throw badRequest('退回须写明意见（至少2个字）', [{ field: 'comment', message: '请填写退回意见' }]);
      set = { return_comment: comment, updated_at: at };
      break;
    }
  }
  await transition(c, {
    workflow: INDICATOR_VALUE_WORKFLOW,
    table: 'indicator_value',
    key: { id: value.id, version: value.version },
    from: value.status,
    event: body.event,
    set,
    entityId: value.id,
    detail: { period: periodLabel(period), indicator: ind.name, unit: unit.name, value: value.value, ...(value.confirmed_value !== null ? { confirmedValue: value.confirmed_value } : {}) },
    onStale: () => valueChanged(c.trx, value.id, body.event, c.user.id),
  });
}

/**
 * Reopen one value for one unit, with a reason (office of the plan): an accepted value goes back to its reporter
 * for correction (the workflow's reopen) — its confirmed figure and acceptance are kept beside the draft
 * (confirmed_value) and stay in force until the correction is accepted; after the lock, a value never submitted
 * (or returned) is opened again for its unit — the reason stored on the value (a row in draft when nothing was saved yet).
 */
export async function reopenValue(c: Change, periodId: number, body: { indicatorId: number; orgId: number; reason: string }): Promise<number> {
  const { period, plan, ind, unit, existing } = await valueContext(c, periodId, body.indicatorId, body.orgId);
  if (!isPlanOffice(c.user, plan)) throw forbidden(`只有${plan.ownerName}可以重新开放填报`);
  const reason = body.reason.trim();
  if (reason.length < 2) throw badRequest('重新开放须写明理由（至少2个字）', [{ field: 'reason', message: '请填写理由' }]);
  const at = c.clock.at;
  const label = periodLabel(period);
  if (existing?.status === 'accepted') {
    await transition(c, { workflow: INDICATOR_VALUE_WORKFLOW, table: 'indicator_value', key: { id: existing.id, version: existing.version }, from: 'accepted', event: 'reopen', set: { reopen_reason: reason, return_comment: reason, confirmed_value: existing.value, updated_at: at }, entityId: existing.id, detail: { period: label, indicator: ind.name, unit: unit.name, reason, confirmedValue: existing.value }, onStale: () => valueChanged(c.trx, existing.id, 'reopen', c.user.id) });
    return existing.id;
  }
  const state = windowState({ opensOn: period.opens_on, closesOn: period.closes_on, lockDays: period.lock_days }, c.clock.today);
  // reopened already (a second click, another office user first): who reopened it and when, as the lost races say it —
  // the reopening, not the reporter's save of its new draft since, which would read as a change to look at first
  if (existing && isReopened(existing)) {
    const [reopening] = await recordedChanges(c.trx, 'indicator_value', existing.id, { action: 'indicatorValue.reopen' });
    throw conflict(valueChangedMessage(reopening ?? (await lastValueChange(c.trx, existing.id)), 'reopen', c.user.id), { version: existing.version });
  }
  const notNow = reopenRefusal(existing?.status ?? null, state, isReopened(existing), { period: label, unit: unit.name, indicator: ind.name });
  if (notNow) throw conflict(notNow);
  let id: number;
  if (existing) {
    if (!(await updateValue(c.trx, existing.id, existing.version, { reopen_reason: reason, updated_at: at }))) throw await valueChanged(c.trx, existing.id, 'reopen', c.user.id);
    id = existing.id;
  } else {
    // a second reopening at once (a double click) finds the first's row on the unit key: valueTaken() tells it
    ({ id } = await insertValue(c.trx, { period_id: period.id, indicator_id: ind.id, org_id: unit.id, value: null, source_doc: null, explanation: null, status: 'draft', return_comment: null, reopen_reason: reason, demo: 0, submitted_by: null, submitted_at: null, reviewed_by: null, reviewed_at: null, accepted_by: null, accepted_at: null, confirmed_value: null, updated_at: at }));
  }
  await c.audit({ action: 'indicatorValue.reopen', entityType: 'indicator_value', entityId: id, before: { status: existing?.status ?? null }, after: { period: label, indicator: ind.name, unit: unit.name, reason } });
  return id;
}

export type { PlanData };
