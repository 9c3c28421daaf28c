/**
 * Demo data of 整改事项 supervision (issue 13), on a fresh data directory in demo mode, dated from the day of the
 * first start (today) so that the items are live and the 待办 show:
 * - 衡阳市's 2022 deduction (the golden −2, 演示数据) raised 50 days ago, due in 40 days; its first monthly report
 *   came in on time (40%); an extension of 30 days asked two days ago waits for the office (a 待办 of the office).
 * - 湘西州's 2022 veto raised 80 days ago, due in 20 days; its first report came in, the next one did not: 催办 two
 *   days after its due date and a 督办单 after the five grace days (red light).
 *   衡阳市 has begun its next report: a draft (60%), not yet submitted (only 衡阳市 sees it).
 * - 常德市's DB43 deduction 4.3 (demo-evaluation.ts raised it) supervised from 40 days ago, due in 50 days, with one
 *   report (30%) and a second one (45%) sent back (退回) by the office for the missing 印发 document — a 待办 of
 *   常德市, which corrects and submits it again (demo-attachments.ts puts a file on it); its on-site finding on 10.3
 *   raised by the round's organiser (source evaluation_site), supervised from 100 days ago: its second month's report
 *   came in under a 督办单 with the 逾期原因 the 督办单 asked for (the raiser reads it under the 督办单 and in the 通报),
 *   every other month's on time, the latest 50%.
 * Rows are written as the commands of modules/rectification would leave them.
 */
import type { Transaction } from 'kysely';
import { chinaDate, chinaDayOf } from '../../shared/deadline';
import { addDays, reportingPeriods } from '../../shared/workplan/rules';
import type { UnitResultView } from '../../shared/contracts/results';
import { lostCriteria, lostLine } from '../../shared/contracts/rectification';
import type { Database } from '../db/schema';
import { assessmentCriterionLabel } from '../modules/rectification';
import { bareClause } from '../../shared/text';

const at = (d: string) => `${d}T02:00:00.000Z`;
const periodOf = (d: string) => reportingPeriods(Number(d.slice(0, 4)), 'monthly').find((p) => p.startOn <= d && d <= p.endOn)!;

export async function seedDemoRectification(trx: Transaction<Database>, now: Date = new Date()): Promise<void> {
  const today = chinaDate(now);
  const orgs = new Map((await trx.selectFrom('org_unit').select(['id', 'code']).execute()).map((o) => [o.code, o.id]));
  const office = orgs.get('office');
  const cycle = await trx.selectFrom('assessment_cycle').select(['id', 'title', 'year']).where('year', '=', 2022).where('status', '=', 'published').executeTakeFirst();
  if (!office || !cycle) return;
  const officeUser = (await trx.selectFrom('app_user').select('id').where('username', '=', 'office').executeTakeFirstOrThrow()).id;
  const results = await trx.selectFrom('cycle_result').select(['unit_id', 'detail_json']).where('cycle_id', '=', cycle.id).execute();
  const resultOf = (code: string) => JSON.parse(results.find((r) => r.unit_id === orgs.get(code))!.detail_json) as UnitResultView;

  /** an item as raised: open, unanswered, by the office */
  const fresh = { status: 'open', answer: null, answered_by: null, answered_at: null, closed_at: null, created_by: officeUser } as const;

  const userOf = async (username: string) => (await trx.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirst())?.id ?? officeUser;
  /**
   * the owner unit's account (its demo 联络员): who reports and asks, as the commands record it (a 409 on a stale page
   * names them; the office's account would tell 湘西州 that 省质强办 reported its progress)
   */
  const ownerUser = async (orgId: number) =>
    (await trx.selectFrom('app_user').select('id').where('org_unit_id', '=', orgId).where('role', '=', 'unit').orderBy('id').executeTakeFirst())?.id ?? officeUser;
  /** a report of one of the item's months, submitted on `day` by the owner (with the 逾期原因 a 督办单 asked for) */
  const report = async (id: number, orgId: number, period: string, day: string, progress: number, text: string, next: string, lateReason: string | null = null) => {
    const by = await ownerUser(orgId);
    await trx
      .insertInto('rectification_report')
      .values({ rectification_id: id, period, progress, progress_reason: null, text, problems: null, next_steps: next, late_reason: lateReason, org_id: orgId, status: 'submitted', submitted_by: by, submitted_at: at(day), return_reason: null, returned_by: null, returned_at: null, updated_by: by, updated_at: at(day), version: 2 })
      .execute();
  };
  const nextPeriod = (code: string) => {
    const y = Number(code.slice(0, 4));
    return reportingPeriods(y, 'monthly').concat(reportingPeriods(y + 1, 'monthly')).find((p) => p.code > code)!;
  };

  const raise = async (code: string, pick: (u: UnitResultView) => UnitResultView['criteria'][number] | undefined, startedOn: string, dueOn: string) => {
    const u = resultOf(code);
    const line = pick(u);
    if (!line) return null;
    const veto = line.role === 'veto';
    const { id } = await trx
      .insertInto('rectification')
      .values({
        source_type: 'assessment',
        source_id: cycle.id,
        source_ref: `${u.unitId}:${line.code}`,
        source_label: assessmentCriterionLabel(cycle.title, u.unitName, line),
        owner_org_id: u.unitId,
        raised_by_org_id: office,
        title: `${cycle.year}年度考核第${line.code}项${veto ? '（否决项）' : ''}：${line.title.replace(/[，,。\s]+$/, '')}`,
        detail: [lostLine(line), line.explanation ? `评分说明：${line.explanation}` : null].filter(Boolean).join('\n'),
        due_on: dueOn,
        started_on: startedOn,
        ...fresh,
        created_at: at(startedOn),
        version: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id, orgId: u.unitId };
  };

  // 衡阳市: the deduction, one report on time, an extension waiting for the office
  const hyStart = addDays(today, -50);
  const hy = await raise('430400', (u) => lostCriteria(u).find((c) => c.role === 'deduction'), hyStart, addDays(today, 40));
  if (hy) {
    const first = periodOf(hyStart);
    await report(hy.id, hy.orgId, first.code, addDays(first.dueOn, -3), 40, '已约谈相关企业，完成问题产品召回；正在修订本市产品质量监督抽查办法。', '完成抽查办法修订并报市政府印发。');
    await trx
      .insertInto('rectification_extension')
      .values({ rectification_id: hy.id, from_due_on: addDays(today, 40), new_due_on: addDays(today, 70), reason: '抽查办法须经市政府常务会议审议，会期安排在下月下旬。', status: 'pending', decision_reason: null, decided_by: null, decided_at: null, created_by: await ownerUser(hy.orgId), created_at: at(addDays(today, -2)), version: 1 })
      .execute();
    await trx.updateTable('rectification').set({ version: 3 }).where('id', '=', hy.id).execute();
    const by = await userOf('hengyang');
    await trx
      .insertInto('rectification_report')
      .values({ rectification_id: hy.id, period: nextPeriod(first.code).code, progress: 60, progress_reason: null, text: '抽查办法修订稿已形成，已征求市司法局意见，待提请市政府常务会议审议。', problems: '个别条款与省级办法衔接需进一步论证。', next_steps: '会议审议后印发实施。', org_id: hy.orgId, status: 'draft', submitted_by: null, submitted_at: null, return_reason: null, returned_by: null, returned_at: null, updated_by: by, updated_at: at(addDays(today, -1)), version: 1 })
      .execute();
  }

  // 湘西州: the veto, the first report in, the next one late: 催办, then a 督办单 after the grace days
  const xxStart = addDays(today, -80);
  const xx = await raise('433100', (u) => lostCriteria(u).find((c) => c.role === 'veto'), xxStart, addDays(today, 20));
  if (xx) {
    const first = periodOf(xxStart);
    await report(xx.id, xx.orgId, first.code, addDays(first.dueOn, -1), 20, '已成立整改工作专班，对否决事项逐项排查，形成问题清单。', '逐项落实整改措施，按月报送进展。');
    const late = reportingPeriods(Number(first.endOn.slice(0, 4)), 'monthly').concat(reportingPeriods(Number(first.endOn.slice(0, 4)) + 1, 'monthly')).find((p) => p.startOn > first.endOn)!;
    if (late.dueOn < addDays(today, -6)) {
      await trx
        .insertInto('rectification_notice')
        .values([
          { rectification_id: xx.id, period: late.code, kind: 'reminder', text: `整改事项${late.label}进展应于${late.dueOn}前报送，现已逾期2天，请即报送。`, reply_by: null, issued_by: officeUser, issued_at: at(addDays(late.dueOn, 2)) },
          { rectification_id: xx.id, period: late.code, kind: 'order', text: `整改事项${late.label}进展逾期未报送，经催办仍未报送，现下发督办单，请于5日内报送并说明原因。`, reply_by: addDays(late.dueOn, 11), issued_by: officeUser, issued_at: at(addDays(late.dueOn, 6)) },
        ])
        .execute();
    }
    await trx.updateTable('rectification').set({ version: 4 }).where('id', '=', xx.id).execute();
  }

  // 常德市's DB43 deduction 1.1: answered in 2024 (the plan was issued) and closed (销号) by the office then — the demo's
  // closed item; left open it would read as overdue since 2024
  const done = await trx.selectFrom('rectification').select(['id', 'owner_org_id', 'answer']).where('source_type', '=', 'evaluation').where('source_ref', '=', '1.1').executeTakeFirst();
  if (done) {
    await report(done.id, done.owner_org_id, '2024-01', '2024-02-01', 100, done.answer ?? '整改完成。', '无');
    await trx
      .insertInto('rectification_closure')
      .values({ rectification_id: done.id, summary: done.answer ?? '整改完成。', status: 'accepted', decision_reason: null, decided_by: officeUser, decided_at: at('2024-02-10'), created_by: await ownerUser(done.owner_org_id), created_at: at('2024-02-01'), version: 2 })
      .execute();
    await trx.updateTable('rectification').set({ status: 'closed', closed_at: at('2024-02-10'), version: 3 }).where('id', '=', done.id).execute();
  }

  // 常德市's DB43 deduction 4.3 (the quality assessment's result not used in the cadres' assessment): supervised from
  // 40 days ago, one report
  const cd = await trx.selectFrom('rectification').select(['id', 'owner_org_id']).where('source_type', '=', 'evaluation').where('source_ref', '=', '4.3').executeTakeFirst();
  if (cd) {
    const start = addDays(today, -40);
    await trx.updateTable('rectification').set({ started_on: start, due_on: addDays(today, 50), version: 2 }).where('id', '=', cd.id).execute();
    await report(cd.id, cd.owner_org_id, periodOf(start).code, addDays(periodOf(start).dueOn, -2), 30, '已起草《关于将质量工作考核结果纳入领导班子和领导干部综合考核评价的通知》，征求组织部门意见中。', '报市委组织部会签后印发。');
    // the next month's report, sent back by the office (its period stays open until 常德市 submits it again)
    const second = nextPeriod(periodOf(start).code);
    const sentOn = addDays(today, -3);
    await trx
      .insertInto('rectification_report')
      .values({ rectification_id: cd.id, period: second.code, progress: 45, progress_reason: null, text: '《通知》已经市委组织部会签，近期印发。', problems: null, next_steps: '印发后组织各县市区落实。', org_id: cd.owner_org_id, status: 'returned', submitted_by: await userOf('changde'), submitted_at: at(sentOn), return_reason: '报告称已会签，但未附会签意见或印发文件，请补充文号、印发日期和附件后重新报送。', returned_by: officeUser, returned_at: at(addDays(today, -1)), updated_by: await userOf('changde'), updated_at: at(sentOn), version: 3 })
      .execute();
    await trx.updateTable('rectification').set({ version: 4 }).where('id', '=', cd.id).execute();
  }

  // 常德市's on-site finding (10.3, demo-evaluation.ts recorded it): raised by the office with the deductions, supervised
  // from 40 days ago like 4.3, one report (50%) — the item as raiseRectifications() leaves it
  const finding = await trx
    .selectFrom('site_finding as f')
    .innerJoin('evaluation_application as a', 'a.id', 'f.application_id')
    .innerJoin('evaluation_round as r', 'r.id', 'a.round_id')
    .select(['f.id', 'f.application_id', 'f.item_code', 'f.text', 'f.recorded_at', 'a.applicant_org_id', 'r.title as roundTitle', 'r.organiser_org_id'])
    .where('a.applicant_org_id', '=', orgs.get('430700') ?? 0)
    .orderBy('f.id')
    .executeTakeFirst();
  if (finding) {
    const start = addDays(today, -100);
    const where = finding.item_code ? `第${finding.item_code}项` : '总体';
    const text = bareClause(finding.text);
    const title = `现场评审问题（${where}）：${text}`;
    const { id } = await trx
      .insertInto('rectification')
      .values({
        source_type: 'evaluation_site',
        source_id: finding.application_id,
        source_ref: String(finding.id),
        source_label: `${finding.roundTitle} · 现场评审问题（${where}）：${text.slice(0, 30)}`,
        owner_org_id: finding.applicant_org_id,
        raised_by_org_id: finding.organiser_org_id,
        title,
        detail: `现场评审发现：${finding.text}\n记录日期：${chinaDayOf(finding.recorded_at)}`,
        due_on: addDays(today, 50),
        started_on: start,
        ...fresh,
        created_at: at(start),
        version: 2,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // its months: the first on time; the second late — 催办 two days after its date, a 督办单 after the grace days, then
    // reported three days later with the 逾期原因 the 督办单 asked for; every later month due by today on time, the last
    // of them the latest (50%)
    const first = periodOf(start);
    const second = nextPeriod(first.code);
    const later: ReturnType<typeof periodOf>[] = [];
    for (let p = nextPeriod(second.code); p.dueOn < today; p = nextPeriod(p.code)) later.push(p);
    const latest = ['已会同市地方金融监管局、市消费者委员会起草《常德市产品质量安全多元救济工作方案》，明确调解、仲裁、责任保险等救济途径。', '方案报市政府印发后实施，年底前在重点行业推行产品质量安全责任保险。'] as const;
    await report(id, finding.applicant_org_id, first.code, addDays(first.dueOn, -3), 20, '已调取2022年以来投诉台账，梳理以行政调解结案的产品质量纠纷。', '研究引入仲裁、责任保险等救济途径。');
    const orderedOn = addDays(second.dueOn, 6);
    const organiser = (await trx.selectFrom('app_user').select('id').where('org_unit_id', '=', finding.organiser_org_id).orderBy('id').executeTakeFirst())?.id ?? officeUser;
    await trx
      .insertInto('rectification_notice')
      .values([
        { rectification_id: id, period: second.code, kind: 'reminder', text: `整改事项“${title}”${second.label}进展应于${second.dueOn}前报送，现已逾期2天，请即报送。`, reply_by: null, issued_by: organiser, issued_at: at(addDays(second.dueOn, 2)) },
        { rectification_id: id, period: second.code, kind: 'order', text: `整改事项“${title}”${second.label}进展应于${second.dueOn}前报送，逾期仍未报送，现下发督办单，请于${addDays(orderedOn, 5)}前报送并说明逾期原因。`, reply_by: addDays(orderedOn, 5), issued_by: organiser, issued_at: at(orderedOn) },
      ])
      .execute();
    const [text2, next2] = later.length ? ['已形成救济工作方案初稿，正在征求市地方金融监管局、市消费者委员会意见。', '修改完善后报市政府。'] : latest;
    await report(id, finding.applicant_org_id, second.code, addDays(orderedOn, 3), later.length ? 35 : 50, text2, next2, '方案涉及仲裁、责任保险两个部门，会签意见迟迟未回，未能按期报送。');
    for (const [n, p] of later.entries()) {
      const last = n === later.length - 1;
      await report(id, finding.applicant_org_id, p.code, addDays(p.dueOn, -3), last ? 50 : 40, last ? latest[0] : '救济工作方案已完成会签，待提请市政府审定。', last ? latest[1] : '提请市政府审定。');
    }
    // every report, the 催办 and the 督办单 moved the item's version (the commands' touch)
    await trx.updateTable('rectification').set({ version: 5 + later.length }).where('id', '=', id).execute();
  }
}
