/**
 * Demo plan-indicator figures (演示数据, demo = 1): the annual reporting periods 2021–2023 of the province's plan,
 * closed and locked, and ACCEPTED values for the province and its 14 cities for ten indicators, so that the
 * lights, the charts and the matrix show on first start. The province's figures are written out below, chosen
 * around the seed's baselines (制造业产品质量合格率 93.61 in 2020, seed 003 专栏1); each city's figure is the
 * province's plus a fixed city bias and a small yearly variation, both from a seeded generator (mulberry32), so
 * every start gives the same numbers. One binding (约束性) indicator lags: 国控断面 I—III 类水质 in 2023, 96.0
 * against the 工作要点's 97.3. 2024 is the reporting side's (an open period); it is not created here.
 * Quarterly monitoring (季度监测): the quarterly periods Q1–Q3 of 2023, closed, with the province's accepted figures
 * of three indicators (DEMO_QUARTER_VALUES), so that the detail's 季度 view shows its lights on first start.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

export const DEMO_INDICATOR_YEARS = [2021, 2022, 2023] as const;

/** the province's accepted figures, by indicator code: [2021, 2022, 2023], and the cities' spread around them */
export const DEMO_PROVINCE_VALUES: Record<number, { values: [number, number, number]; spread: number }> = {
  13: { values: [93.92, 94.18, 94.52], spread: 0.8 }, // 制造业产品质量合格率 93.61 → 95.0
  14: { values: [90.6, 91.0, 91.2], spread: 1.0 }, // 消费品质量合格率 90.10 → 93.5
  15: { values: [98.3, 98.5, 98.6], spread: 0.6 }, // 食品安全评价性抽检合格率 98 → ≥98
  16: { values: [99.1, 99.0, 98.9], spread: 0.5 }, // 农产品质量合格率 99 → ≥99 (2023 工作要点 ≥98)
  17: { values: [100, 100, 100], spread: 0.3 }, // 基本药物抽验合格率 100 → 100
  18: { values: [78.3, 78.9, 79.6], spread: 1.5 }, // 生活性服务业客户满意度 77.77 → 80（分）
  19: { values: [99.5, 99.6, 99.6], spread: 0.3 }, // 工程质量一次竣工验收合格率 99.4 → ≥99.4
  22: { values: [95.0, 96.2, 96.0], spread: 3 }, // 国控断面 I—III 类水质 93.3 → 达到国家考核目标 (2023: 97.3) — binding, lags in 2023
  23: { values: [85.2, 86.0, 86.9], spread: 4 }, // 空气质量优良天数比率 83 → 88 — binding
  24: { values: [59.97, 59.98, 59.98], spread: 10 }, // 森林覆盖率 59.96 → ≥59 — binding
};

/** the quarterly demo year and the province's accepted quarter-end figures [Q1, Q2, Q3], by indicator code */
export const DEMO_QUARTER_YEAR = 2023;
export const DEMO_QUARTER_VALUES: Record<number, [number, number, number]> = {
  13: [94.3, 94.4, 94.6], // 制造业: 2022's 94.18 already meets ≥94 → a level to hold: 符合预期 each quarter
  18: [78.93, 79.05, 79.2], // 生活性服务业满意度: path 78.952 / 79.004 / 79.056 from 78.9 → 滞后, 符合预期, 提前实现 (≥ 79.108)
  22: [96.5, 96.6, 97.1], // 国控断面水质 (binding): path 96.475 / 96.75 / 97.025 from 96.2 → 符合预期, 滞后, 符合预期
};

/** cities that reported late (after closes_on), by year: the timeliness view has something to show */
const LATE: Record<number, readonly number[]> = { 2021: [], 2022: [3, 9], 2023: [11] };

/** mulberry32: a small seeded generator, uniform in [0, 1) */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** one city's figure: the province's + the city's bias (fixed per indicator) + a yearly variation; a rate stays ≤ 100 */
export function demoCityValue(code: number, cityIndex: number, yearIndex: number, unit: string): number {
  const spec = DEMO_PROVINCE_VALUES[code]!;
  const bias = (seeded(code * 1000 + cityIndex)() * 2 - 1) * spec.spread;
  const wobble = (seeded(code * 100000 + cityIndex * 10 + yearIndex)() * 2 - 1) * spec.spread * 0.25;
  const v = round2(spec.values[yearIndex]! + bias + wobble);
  return unit === '%' ? Math.min(100, v) : v;
}

export async function seedDemoIndicators(db: Kysely<Database>): Promise<void> {
  const plan = await db.selectFrom('indicator_plan').select(['id', 'region_org_id']).where('code', '=', 'hunan-14th').executeTakeFirst();
  if (!plan) return;
  const inds = await db.selectFrom('indicator').select(['id', 'code', 'unit']).where('plan_id', '=', plan.id).execute();
  const cities = await db.selectFrom('org_unit').select('id').where('parent_id', '=', plan.region_org_id).where('kind', '=', 'city').orderBy('sort_order').execute();
  const office = await db.selectFrom('app_user').select('id').where('username', '=', 'office').executeTakeFirst();
  for (const [yi, year] of DEMO_INDICATOR_YEARS.entries()) {
    const next = year + 1;
    const { id: periodId } = await db
      .insertInto('indicator_period')
      .values({ plan_id: plan.id, year, quarter: null, opens_on: `${next}-01-05`, closes_on: `${next}-02-28`, lock_days: 15, created_by: office?.id ?? null, created_at: `${next}-01-04T01:00:00.000Z`, version: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const units = [{ id: plan.region_org_id, index: -1 }, ...cities.map((c, index) => ({ id: c.id, index }))];
    for (const ind of inds) {
      if (!DEMO_PROVINCE_VALUES[ind.code]) continue;
      for (const u of units) {
        const value = u.index < 0 ? DEMO_PROVINCE_VALUES[ind.code]!.values[yi]! : demoCityValue(ind.code, u.index, yi, ind.unit);
        const late = u.index >= 0 && LATE[year]!.includes(u.index);
        const day = String(10 + (Math.max(u.index, 0) % 15)).padStart(2, '0');
        const submitted = late ? `${next}-03-0${1 + (u.index % 5)}T02:00:00.000Z` : `${next}-02-${day}T02:00:00.000Z`;
        await insertAccepted(db, { periodId, indicatorId: ind.id, orgId: u.id, value, sourceDoc: `${year}年度统计数据（演示数据）`, submittedAt: submitted, reviewedAt: `${next}-03-12T02:00:00.000Z`, acceptedAt: `${next}-03-20T02:00:00.000Z`, officeId: office?.id ?? null });
      }
    }
  }
  await seedDemoQuarters(db, plan, inds, office?.id ?? null);
}

/** the quarterly periods Q1–Q3 of DEMO_QUARTER_YEAR (window: the 1st–20th of the month after the quarter) and the province's figures */
async function seedDemoQuarters(db: Kysely<Database>, plan: { id: number; region_org_id: number }, inds: { id: number; code: number }[], officeId: number | null): Promise<void> {
  const year = DEMO_QUARTER_YEAR;
  for (const quarter of [1, 2, 3] as const) {
    const month = String(quarter * 3 + 1).padStart(2, '0');
    const { id: periodId } = await db
      .insertInto('indicator_period')
      .values({ plan_id: plan.id, year, quarter, opens_on: `${year}-${month}-01`, closes_on: `${year}-${month}-20`, lock_days: 15, created_by: officeId, created_at: `${year}-${month}-01T01:00:00.000Z`, version: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const ind of inds) {
      const values = DEMO_QUARTER_VALUES[ind.code];
      if (!values) continue;
      await insertAccepted(db, {
        periodId,
        indicatorId: ind.id,
        orgId: plan.region_org_id,
        value: values[quarter - 1]!,
        sourceDoc: `${year}年第${quarter}季度统计数据（演示数据）`,
        submittedAt: `${year}-${month}-15T02:00:00.000Z`,
        reviewedAt: `${year}-${month}-25T02:00:00.000Z`,
        acceptedAt: `${year}-${month}-28T02:00:00.000Z`,
        officeId,
      });
    }
  }
}

interface AcceptedDemoValue {
  periodId: number;
  indicatorId: number;
  orgId: number;
  value: number;
  sourceDoc: string;
  submittedAt: string;
  reviewedAt: string;
  acceptedAt: string;
  officeId: number | null;
}

/** one accepted demo value (demo = 1), as the workflow leaves it after submit → review → accept */
async function insertAccepted(db: Kysely<Database>, v: AcceptedDemoValue): Promise<void> {
  await db
    .insertInto('indicator_value')
    .values({
      period_id: v.periodId,
      indicator_id: v.indicatorId,
      org_id: v.orgId,
      value: v.value,
      source_doc: v.sourceDoc,
      explanation: null,
      status: 'accepted',
      return_comment: null,
      reopen_reason: null,
      demo: 1,
      submitted_by: null,
      submitted_at: v.submittedAt,
      reviewed_by: null,
      reviewed_at: v.reviewedAt,
      accepted_by: v.officeId,
      accepted_at: v.acceptedAt,
      updated_at: v.acceptedAt,
      version: 3,
    })
    .execute();
}
