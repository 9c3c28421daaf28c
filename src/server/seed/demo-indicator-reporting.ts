/**
 * Demo data of plan-indicator reporting (issue 12), on a fresh data directory: the 2024 annual period of the
 * province's plan, open now (from 27 days before the seed's day to 33 days after, locking 15 days after it
 * closes), with three values of 制造业产品质量合格率 (indicator 13, whose plan row names 省市场监管局 as the
 * responsible department) so that each demo account has a 待办:
 * - the province's value, reported by 省市场监管局 and submitted: the office reviews it (office: 审核; nobody checks a
 *   figure they reported), and samr has the rest of its indicators to fill;
 * - 衡阳市's value, submitted (samr: 审核);
 * - 岳阳市's value, returned by 省市场监管局 with a comment (yueyang: 修改退回的数据);
 * - 长沙市's value, reviewed by 省市场监管局 and waiting for the office (office: 确认);
 * - and, in the closed 2023 第3季度 period (seeded by demo-indicators.ts, locked since 2023-11-04), 常德市's value,
 *   returned by 省市场监管局 after the lock: its reporter cannot change it, so the office has the 重新开放 to-do
 *   (indicators.reopen, reporting.policy returnBehindLock) and changde is told the office must reopen it.
 * Rows are written as the workflow leaves them (src/shared/workflow/indicators.ts), marked demo = 1 (演示数据).
 */
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { chinaDate } from '../../shared/deadline';

export const DEMO_REPORTING_INDICATOR = 13;

export async function seedDemoIndicatorReporting(trx: Transaction<Database>, today = new Date()): Promise<void> {
  const plan = await trx.selectFrom('indicator_plan').select('id').where('code', '=', 'hunan-14th').executeTakeFirst();
  if (!plan) return; // the plans are loaded before the demo; without the province's plan there is nothing to show
  const ind = await trx.selectFrom('indicator').select('id').where('plan_id', '=', plan.id).where('code', '=', DEMO_REPORTING_INDICATOR).executeTakeFirstOrThrow();
  const orgs = new Map((await trx.selectFrom('org_unit').select(['id', 'code']).where('code', 'in', ['430000', '430600', '430100', '430400', '430700']).execute()).map((o) => [o.code, o.id]));
  const users = new Map((await trx.selectFrom('app_user').select(['id', 'username']).where('username', 'in', ['office', 'samr', 'yueyang', 'changsha', 'hengyang', 'changde']).execute()).map((u) => [u.username, u.id]));
  const day = (offset: number) => chinaDate(new Date(today.getTime() + offset * 86_400_000));
  const at = (offset: number) => `${day(offset)}T02:00:00.000Z`;

  const period = await trx
    .insertInto('indicator_period')
    .values({ plan_id: plan.id, year: 2024, quarter: null, opens_on: day(-27), closes_on: day(33), lock_days: 15, created_by: users.get('office') ?? null, created_at: at(-28), version: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const base = { period_id: period.id, indicator_id: ind.id, return_comment: null, reopen_reason: null, demo: 1, reviewed_by: null, reviewed_at: null, accepted_by: null, accepted_at: null, explanation: null };
  /** a value its reporter submitted `daysAgo` days before the seed's day; the rows below move it on as the workflow would */
  const submitted = (orgCode: string, by: string, value: number, sourceDoc: string, daysAgo: number) => ({
    ...base,
    org_id: orgs.get(orgCode)!,
    value,
    source_doc: sourceDoc,
    status: 'submitted' as const,
    submitted_by: users.get(by) ?? null,
    submitted_at: at(-daysAgo),
    updated_at: at(-daysAgo),
    version: 3,
  });
  await trx
    .insertInto('indicator_value')
    .values([
      submitted('430000', 'samr', 94.9, '省市场监管局《2024年全省产品质量监督抽查情况通报》（演示数据）', 3),
      submitted('430400', 'hengyang', 93.7, '衡阳市市场监管局《2024年产品质量监督抽查情况》（演示数据）', 2),
      {
        ...submitted('430600', 'yueyang', 93.8, '岳阳市市场监管局抽查汇总表（演示数据）', 6),
        status: 'returned',
        return_comment: '请补充抽查结果通报的文号，并核对样本批次数（演示数据）',
        updated_at: at(-2),
        version: 4,
      },
      {
        ...submitted('430100', 'changsha', 94.6, '长沙市市场监管局《2024年产品质量监督抽查结果通报》（演示数据）', 8),
        status: 'reviewed',
        reviewed_by: users.get('samr') ?? null,
        reviewed_at: at(-4),
        updated_at: at(-4),
        version: 4,
      },
    ])
    .execute();

  // 常德市's 2023 第3季度 figure (window 2023-10-01 to 10-20, locked 15 days later): submitted in time, returned after the lock
  const q3 = await trx.selectFrom('indicator_period').select('id').where('plan_id', '=', plan.id).where('year', '=', 2023).where('quarter', '=', 3).executeTakeFirst();
  if (!q3) return;
  await trx
    .insertInto('indicator_value')
    .values({
      ...base,
      period_id: q3.id,
      org_id: orgs.get('430700')!,
      value: 93.9,
      source_doc: '常德市市场监管局《2023年第三季度产品质量监督抽查情况》（演示数据）',
      status: 'returned',
      return_comment: '第3季度抽查批次与市统计季报不一致，请核对后重报（演示数据）',
      submitted_by: users.get('changde') ?? null,
      submitted_at: '2023-10-18T02:00:00.000Z',
      updated_at: '2023-11-08T02:00:00.000Z',
      version: 4,
    })
    .execute();
}
