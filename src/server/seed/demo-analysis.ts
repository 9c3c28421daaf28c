/**
 * Demo quality analysis reports (质量分析报告, DB43 4.8) on first start, made by the module's own commands: the
 * province's 2023 下半年 report issued as 湘质强办发〔2024〕3号 (with the office's text in two sections), and
 * 岳阳市's 2023 上半年 and 下半年 reports issued on time (the evidence beside DB43 item 4.8 of its 2024 application)
 * and its 2024 上半年 report as a draft with its overview written — so the register shows the province and 岳阳市
 * issued and the other cities not, and yueyang.office has a draft to finish.
 */
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { createReport, issueReport, reportScope, saveSectionText } from '../modules/analysis';
import { asUser, onDay } from './demo-actor';

export const DEMO_ANALYSIS = {
  province: { period: '2023-H2', docNo: '湘质强办发〔2024〕3号', issuedOn: '2024-01-26' },
  city: { username: 'yueyang.office', cityCode: '430600', period: '2024-H1' },
  /** 岳阳市's issued reports of 2023: the register's evidence beside DB43 item 4.8 of its 2024 application (2 in 2023, none yet in 2024) */
  cityIssued: [
    { period: '2023-H1', docNo: '岳质强办发〔2023〕4号', createdOn: '2023-07-10', issuedOn: '2023-07-25', outlook: '存在的问题：部分县市区质量工作经费落实不到位，检验检测资源分布不均。下一步，市质强办将督促各县市区落实经费保障，推进检验检测资源共享。（演示数据）' },
    { period: '2023-H2', docNo: '岳质强办发〔2024〕1号', createdOn: '2024-01-10', issuedOn: '2024-01-25', outlook: '存在的问题：质量品牌培育梯队不够完善，中小企业质量管理基础薄弱。下一步，市质强办将实施质量提升行动，组织中小企业开展质量管理体系认证帮扶。（演示数据）' },
  ],
} as const;

export async function seedDemoAnalysis(trx: Transaction<Database>): Promise<void> {
  const audit = async () => {};
  const office = await asUser(trx, 'office');
  const provinceScope = office && (await reportScope(trx, office.orgUnitId));
  if (office && provinceScope) {
    const p = DEMO_ANALYSIS.province;
    // each step on the day the demo says it was taken: begun on 2024-01-15, written and issued on the day of issue
    const begun = { trx, audit, user: office, clock: onDay('2024-01-15') };
    const c = { ...begun, clock: onDay(p.issuedOn) };
    const id = await createReport(begun, provinceScope, p.period, { demo: true });
    let row = (await trx.selectFrom('analysis_report').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
    await saveSectionText(c, row, 'indicators', { version: row.version, text: '2023年，全省规划指标总体符合预期，约束性指标中水质类指标滞后，已督促责任单位分析原因、落实整改。（演示数据）' });
    row = await trx.selectFrom('analysis_report').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    await saveSectionText(c, row, 'outlook', { version: row.version, text: '下一步，省质强办将围绕滞后指标开展专项督导，推动各市州按时发布质量分析报告。（演示数据）' });
    row = await trx.selectFrom('analysis_report').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    await issueReport(c, row, { version: row.version, docNo: p.docNo, issuedOn: p.issuedOn });
  }
  const city = await asUser(trx, DEMO_ANALYSIS.city.username);
  const cityOffice = await trx.selectFrom('org_unit').select('id').where('code', '=', `office-${DEMO_ANALYSIS.city.cityCode}`).executeTakeFirst();
  const cityScope = city && cityOffice && (await reportScope(trx, cityOffice.id));
  if (city && cityScope) {
    for (const r of DEMO_ANALYSIS.cityIssued) {
      const begun = { trx, audit, user: city, clock: onDay(r.createdOn) };
      const c = { ...begun, clock: onDay(r.issuedOn) };
      const id = await createReport(begun, cityScope, r.period, { demo: true });
      let row = await trx.selectFrom('analysis_report').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      await saveSectionText(c, row, 'outlook', { version: row.version, text: r.outlook });
      row = await trx.selectFrom('analysis_report').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      await issueReport(c, row, { version: row.version, docNo: r.docNo, issuedOn: r.issuedOn });
    }
    const c = { trx, audit, user: city, clock: onDay('2024-07-10') };
    const id = await createReport(c, cityScope, DEMO_ANALYSIS.city.period, { demo: true });
    const row = await trx.selectFrom('analysis_report').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    await saveSectionText(c, row, 'workplan', { version: row.version, text: '2024年工作要点尚未在平台发布，岳阳市承担任务的推进情况待发布后按平台督办数据补充。（演示数据，草稿）' });
  }
}
