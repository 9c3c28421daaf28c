/**
 * Plan indicators (issue 12): the changes. loadIndicatorPlans() puts the plan files of frameworks/plan-indicators/
 * into the database on start when they are missing (reference data, like the frameworks): the province's
 * 14th five-year plan with its 24 indicators, the 2023 工作要点's targets as stored yearly overrides, and
 * Yueyang's own plan (its targets for the province's indicators, and its own indicators numbered from 101).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { REPO_ROOT } from '../../config';
import type { RevertTargetBody, SetTargetBody } from '../../../shared/contracts/indicators';
import type { Change } from '../../core/change';
import { badRequest, conflict, type AppError } from '../../core/errors';
import { ensure, manageRefusal, type PlanAccess } from './indicators.policy';
import { deleteTargetAt, findTarget, indicatorByCode, insertIndicator, insertPlan, insertTarget, insertTargetIfNone, orgIdByCode as orgId, planCodes, updateTargetAt, type IndicatorDbRow } from './indicators.queries';
import { personAt } from '../../core/user-names';
import { byWhomWhen, recordedChanges } from '../../core/audit';
import { pathOf, targetOf } from './indicators.presenter';
import { type Plan, type Target, type TargetSet, plan as planSchema, targetSet as targetSetSchema } from '../../../shared/indicators/schema';
import { openSdgThresholds, type Thresholds } from '../../../shared/indicators/status';
import { boundAgainstDirection, boundFor, round4, wordsOnNumeric } from '../../../shared/indicators/interpolate';
import { notWholeMessage } from '../../../shared/figures';
import { figureRange } from '../../../shared/indicators/checks';
import { BOUND_LABELS, boundDirectionMessage, DIRECTION_LABELS, targetText, wordedTargetMessage } from '../../../shared/indicators/format';

/**
 * Open SDG's thresholds, stored in the one shape the status code reads (`{onTrack, fair}`, read back by
 * thresholdsOf()): ≥ 95% of the required progress is on track (符合预期), 60–95% fair, below 60% limited.
 */
export const DEFAULT_THRESHOLDS: Thresholds = { ...openSdgThresholds };

const PLAN_DIR = path.join(REPO_ROOT, 'frameworks/plan-indicators');
const PROVINCE_CODE = '430000';
/** a city's own indicators (matching none of the province's) are numbered from here */
export const CITY_OWN_CODE_START = 101;

export function readPlanFile(id: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(PLAN_DIR, `${id}.json`), 'utf8'));
}

/** Loads the plan files that are not in the database yet; returns the codes it loaded. Idempotent. */
export async function loadIndicatorPlans(db: Kysely<Database>, now = new Date().toISOString()): Promise<string[]> {
  const loaded: string[] = [];
  const province: Plan = planSchema.parse(readPlanFile('hunan-14th'));
  const provinceOrg = await orgId(db, PROVINCE_CODE);
  const provinceOffice = await orgId(db, 'office');
  if (provinceOrg === null || provinceOffice === null) return loaded; // no org tree yet
  const thresholds = JSON.stringify(DEFAULT_THRESHOLDS);

  const existing = new Set(await planCodes(db));
  if (!existing.has(province.id)) {
    const { id: planId } = await insertPlan(db, {
      code: province.id,
      title: province.title,
      owner_org_id: provinceOffice,
      region_org_id: provinceOrg,
      baseline_year: province.baselineYear,
      target_year: province.targetYear,
      plan_json: JSON.stringify({ source: province.source, warnings: province.warnings }),
      thresholds_json: thresholds,
      created_at: now,
      version: 1,
    });
    for (const ind of province.indicators) {
      await insertIndicator(db, {
        plan_id: planId,
        code: ind.code,
        group_name: ind.group,
        name: ind.name,
        unit: ind.unit,
        baseline: ind.baseline,
        target_json: JSON.stringify(ind.target),
        nature: ind.nature,
        direction: ind.direction,
        measure: ind.measure,
        departments_json: JSON.stringify(ind.departments),
        assumed: ind.assumed ? 1 : 0,
        note: ind.note ?? null,
        source: ind.source,
      });
    }
    // the 2023 工作要点's targets override the interpolated path for 2023
    const work: TargetSet = targetSetSchema.parse(readPlanFile('hunan-2023-targets'));
    for (const t of work.targets) {
      const ind = await indicatorByCode(db, planId, t.indicator!);
      await insertTarget(db, { indicator_id: ind.id, year: work.year, target_json: JSON.stringify(t.target), origin: 'work-plan', reason: `${work.title}：${t.source}`, set_by: null, set_at: now, version: 1 });
    }
    loaded.push(province.id);
  }

  const yueyang: TargetSet = targetSetSchema.parse(readPlanFile('yueyang-2025'));
  const cityOrg = await orgId(db, '430600');
  const cityOffice = await orgId(db, 'office-430600');
  if (!existing.has(yueyang.id) && cityOrg !== null && cityOffice !== null) {
    const { id: planId } = await insertPlan(db, {
      code: yueyang.id,
      title: yueyang.title,
      owner_org_id: cityOffice,
      region_org_id: cityOrg,
      baseline_year: province.baselineYear,
      target_year: yueyang.year,
      plan_json: JSON.stringify({ source: yueyang.source, warnings: yueyang.warnings, plan: yueyang.plan }),
      thresholds_json: thresholds,
      created_at: now,
      version: 1,
    });
    const byCode = new Map(province.indicators.map((i) => [i.code, i]));
    let own = CITY_OWN_CODE_START;
    for (const t of [...yueyang.targets, ...yueyang.unmatched]) {
      const base = t.indicator === null ? undefined : byCode.get(t.indicator);
      await insertIndicator(db, {
        plan_id: planId,
        code: base ? base.code : own++,
        group_name: base ? base.group : '市级自定指标',
        name: t.name,
        unit: t.unit ?? base?.unit ?? '',
        // the seed gives Yueyang's targets, not its 2020 figures
        baseline: null,
        target_json: JSON.stringify(t.target),
        nature: base?.nature ?? '预期性',
        direction: base?.direction ?? 'higher',
        measure: t.measure ?? base?.measure ?? 'level',
        departments_json: JSON.stringify(base?.departments ?? []),
        assumed: base ? (base.assumed ? 1 : 0) : 1,
        note: t.note ?? (base ? null : '岳阳市自定指标：原文未写基期值、属性与责任单位，按预期性、越高越好、由岳阳市填报处理。'),
        source: t.source,
      });
    }
    loaded.push(yueyang.id);
  }
  return loaded;
}

/** a yearly target exists for the years after the baseline year up to the plan year (the set's and the revert's rule) */
function ensureTargetYear({ plan }: PlanAccess, year: number): void {
  if (year <= plan.baseline_year || year > plan.target_year) {
    throw badRequest(`年份${year}不在规划期内：可调整${plan.baseline_year + 1}—${plan.target_year}年的目标（${plan.baseline_year}年为基期值）`, [
      { field: 'year', message: `年份须在${plan.baseline_year + 1}至${plan.target_year}之间` },
    ]);
  }
}

/**
 * The 409 of a change to a year's target that lost to another (a stale version, a first target set meanwhile, a
 * target reverted meanwhile): who set it to what, or who put it back on the path, and when — as the house's other
 * lost races say it, 您在其他窗口 when the caller did it — with the stored target as it stands (for the form). Read after the miss, so it sees the winner.
 */
async function targetMoved(c: Change, ind: IndicatorDbRow, year: number): Promise<AppError> {
  const now = await findTarget(c.trx, ind.id, year);
  if (!now) {
    const revert = (await recordedChanges(c.trx, 'indicator', ind.id, { action: 'indicator.target.revert', limit: 20 })).find((r) => r.after_json !== null && (JSON.parse(r.after_json) as { year?: number }).year === year);
    return conflict(revert ? `${year}年目标已由${byWhomWhen(revert, c.user.id)}恢复为按路径插值，请刷新后查看` : `${year}年目标已是按路径插值（未单独设定，或已被他人恢复），请刷新后查看`);
  }
  const target = JSON.parse(now.target_json) as Target;
  return conflict(`${year}年目标已由${await personAt(c.trx, now.set_by, now.set_at, c.user.id)}设定为“${targetText(target)}”，请刷新后查看再调整`, { target, reason: now.reason, version: now.version });
}

/**
 * The office sets one year's target of an indicator (a figure, a bound, or the state's figure once known), with a
 * reason; it replaces the interpolated path for that year. The plan's owner office only; the year lies after the
 * baseline year and up to the plan year; a bound runs with the indicator's direction (≥ where higher is better);
 * words only where the indicator's own goal is worded (wordsOnNumeric);
 * a rate (%) stays within 0–100; a stale version is a 409.
 */
export async function setYearTarget(c: Change, a: PlanAccess, ind: IndicatorDbRow, year: number, body: SetTargetBody): Promise<void> {
  ensure(manageRefusal(a));
  ensureTargetYear(a, year);
  const t = body.target;
  if ('bound' in t && boundAgainstDirection(t, ind.direction)) {
    throw badRequest(boundDirectionMessage(ind.name, ind.direction, t), [{ field: 'target.bound', message: `${DIRECTION_LABELS[ind.direction]}的指标只能设${BOUND_LABELS[boundFor(ind.direction)]}或确定值` }]);
  }
  if (wordsOnNumeric(targetOf(ind), t)) {
    const why = wordedTargetMessage(ind.name, ind.unit, ind.direction);
    throw badRequest(why.message, [{ field: 'target', message: why.hint }]);
  }
  // the same range as a reported value's (figureRange, src/shared/indicators/checks.ts)
  const figure = 'value' in t ? t.value : null;
  switch (figure === null ? null : figureRange(ind, figure)) {
    case 'rate':
      throw badRequest(`“${ind.name}”是百分比，目标值须在0至100之间（填写的是${figure}），请改填百分数，如92.5`, [{ field: 'target.value', message: '百分比须在0至100之间' }]);
    case 'negative':
      throw badRequest(`“${ind.name}”的目标值不能为负数（填写的是${figure}）`, [{ field: 'target.value', message: '不能为负数' }]);
    case 'huge':
      throw badRequest(`“${ind.name}”的目标值${figure!.toExponential(2)}超出合理范围，请核对单位（${ind.unit}）`, [{ field: 'target.value', message: '超出合理范围' }]);
    case 'whole':
      throw badRequest(notWholeMessage(`“${ind.name}”的目标值`, ind.unit, figure!, ind.measure === 'stock'), [{ field: 'target.value', message: '须为整数' }]);
  }
  // as a reported value (checkValue): the tables print 4 decimals at most, and a status is judged on what they print
  if (figure !== null && round4(figure) !== figure) {
    throw badRequest(`“${ind.name}”的目标值最多保留4位小数（填写的是${figure}），如${round4(figure)}`, [{ field: 'target.value', message: '最多保留4位小数' }]);
  }
  const now = c.clock.at;
  const before = await findTarget(c.trx, ind.id, year);
  const json = JSON.stringify(t);
  if (before) {
    if (body.version !== before.version) throw await targetMoved(c, ind, year);
    const updated = await updateTargetAt(c.trx, before.id, before.version, { target_json: json, origin: 'office', reason: body.reason, set_by: c.user.id, set_at: now, version: before.version + 1 });
    if (!updated) throw await targetMoved(c, ind, year);
  } else {
    if (body.version !== undefined) throw await targetMoved(c, ind, year);
    const inserted = await insertTargetIfNone(c.trx, { indicator_id: ind.id, year, target_json: json, origin: 'office', reason: body.reason, set_by: c.user.id, set_at: now, version: 1 });
    if (!inserted) throw await targetMoved(c, ind, year);
  }
  await c.audit({
    action: 'indicator.target.set',
    entityType: 'indicator',
    entityId: ind.id,
    before: before ? { year, target: JSON.parse(before.target_json), origin: before.origin, reason: before.reason } : { year, target: null },
    after: { year, target: t, origin: 'office', reason: body.reason, indicator: `${ind.code} ${ind.name}` },
  });
}

/**
 * The office puts one year's target back on the interpolated path (恢复按路径插值): the stored target (its own edit
 * or the 工作要点's) is removed, with a reason, audited. The plan's owner office only; a stale version, or a year whose
 * stored target is already gone, is a 409 (someone changed or removed it meanwhile).
 */
export async function revertYearTarget(c: Change, a: PlanAccess, ind: IndicatorDbRow, year: number, body: RevertTargetBody): Promise<void> {
  ensure(manageRefusal(a));
  // a year outside the plan has nothing to revert: said so (a 409 would tell of someone reverting it meanwhile)
  ensureTargetYear(a, year);
  const before = await findTarget(c.trx, ind.id, year);
  // the caller saw a stored target (it sends its version): gone now means someone else reverted it meanwhile
  if (!before || body.version !== before.version) throw await targetMoved(c, ind, year);
  if (!(await deleteTargetAt(c.trx, before.id, before.version))) throw await targetMoved(c, ind, year);
  const after = pathOf(a.plan, ind, []).find((p) => p.year === year);
  await c.audit({
    action: 'indicator.target.revert',
    entityType: 'indicator',
    entityId: ind.id,
    before: { year, target: JSON.parse(before.target_json), origin: before.origin, reason: before.reason, version: before.version },
    after: { year, target: after?.target ?? null, origin: after?.origin ?? 'unset', reason: body.reason, indicator: `${ind.code} ${ind.name}` },
  });
}
