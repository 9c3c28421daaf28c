/**
 * Demo data of work plan supervision (issue 13), on a fresh data directory in demo mode: the province's 2023
 * 工作要点 (frameworks/work-plans/hunan-2023.json, cut from seed 000 附件3) imported and published on 2023-05-17 (the
 * notice's date), reporting half-yearly; every unit signed for its tasks; first-half reports for every task but one:
 * each unit's sub-report and the lead's consolidated report, submitted before the due date 2023-07-10.
 * - Task 7 (省工业和信息化厅 leads): the lead's consolidated report is missing; 催办 on 2023-07-12 and a 督办单 on
 *   2023-07-17, after the plan's five grace days. 长沙市 and 岳阳市 did report their parts.
 * - Task 8 (省住房城乡建设厅): an extension to 2024-03-31 asked on 2023-06-28, approved on 2023-07-03.
 * - Task 1 (省质强办 leads): closure asked by `office` and accepted (销号) by a colleague, `office2`, on 2023-07-20
 *   (nobody decides their own request).
 * - Task 2 (省质强办 leads): closure asked by `office` on 2023-07-24, through the command the API uses (askClosure),
 *   still waiting on a colleague: `office2`'s 待办 (审核办结申请), never `office`'s. A request asked of the office waits
 *   until decided, past the plan's supervision too (workplan.todos.ts), so it is on `office2`'s 待办 on any day.
 * - Task 13 (省市场监管局): closure asked on 2023-07-18 and sent back (退回) with the office's reason.
 * - Task 5: 岳阳市's sub-report returned by 省市场监管局 on 2023-07-10 for more figures (still to correct); three milestones set by
 *   the lead, the first done.
 * Rows are written as the workflows of src/shared/workflow/workplan.ts would leave them; task 2's closure by the command.
 */
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { askClosure, insertPlanFromFile, readWorkPlanFile } from '../modules/workplan';
import { asUser, onDay } from './demo-actor';

const at = (d: string) => `${d}T02:00:00.000Z`;

/** the office's own tasks (1, 2), done by the first half-year: its consolidated report of 2023-07-09 */
const OWN_DONE: Record<number, string> = {
  1: '已调整质量强省领导小组成员单位，印发领导小组及办公室议事规则，明确成员单位职责；5月召开领导小组全体会议，部署年度重点工作。',
  2: '印发《质量强国建设纲要》《质量强省建设纲要》学习宣贯工作方案；5月至6月面向党政机关、经营主体和社会公众组织宣讲解读，结合“质量月”预热开展集中宣传，各市州均已部署贯彻落实。',
};

export async function seedDemoWorkplan(trx: Transaction<Database>): Promise<void> {
  const office = await trx.selectFrom('org_unit').select('id').where('code', '=', 'office').executeTakeFirst();
  if (!office) return;
  // each unit's first account acts for it (the office's: `office`, not an administrator or expert of the same org)
  const users = new Map((await trx.selectFrom('app_user as u').select(['u.id', 'u.org_unit_id']).where('u.role', 'not in', ['sysadmin', 'secadmin', 'auditor', 'expert']).orderBy('u.id').execute()).reverse().map((u) => [u.org_unit_id, u.id]));
  const by = (orgId: number) => users.get(orgId) ?? null;
  const officeUser = by(office.id);
  // a colleague decides what `office` asked (task 1's closure)
  const colleague = (await trx.selectFrom('app_user').select('id').where('username', '=', 'office2').executeTakeFirst())?.id ?? null;
  const file = readWorkPlanFile('hunan-2023');
  const planId = await insertPlanFromFile(trx, file, { issuerOrgId: office.id, schedule: 'half-yearly', createdBy: officeUser, at: at('2023-05-16') });
  await trx.updateTable('work_plan').set({ status: 'published', published_at: at('2023-05-17'), published_by: officeUser, revision: 1, version: 2 }).where('id', '=', planId).execute();

  const tasks = await trx.selectFrom('work_task').selectAll().where('plan_id', '=', planId).orderBy('number').execute();
  const units = await trx.selectFrom('work_task_unit').selectAll().where('task_id', 'in', tasks.map((t) => t.id)).orderBy('id').execute();
  const orgs = new Map((await trx.selectFrom('org_unit').select(['id', 'code', 'name', 'short_name']).execute()).map((o) => [o.id, o]));
  const code = (c: string) => [...orgs.values()].find((o) => o.code === c)!.id;
  const nameOf = (id: number) => orgs.get(id)?.short_name ?? orgs.get(id)?.name ?? '';
  const task = (n: number) => tasks.find((t) => t.number === n)!;

  // 签收 within a week of publication
  for (const [k, u] of units.entries()) {
    await trx.updateTable('work_task_unit').set({ signed_at: at(`2023-05-${String(18 + (k % 7)).padStart(2, '0')}`), signed_by: by(u.org_id), version: 2 }).where('id', '=', u.id).execute();
  }

  const report = async (taskId: number, orgId: number, consolidated: boolean, progress: number, text: string, day: string, extra: Partial<Omit<Database['work_task_report'], 'id'>> = {}) =>
    trx
      .insertInto('work_task_report')
      .values({
        task_id: taskId,
        org_id: orgId,
        period: '2023-H1',
        consolidated: consolidated ? 1 : 0,
        progress,
        progress_reason: null,
        text,
        problems: null,
        next_steps: null,
        status: 'submitted',
        return_reason: null,
        submitted_at: at(day),
        submitted_by: by(orgId),
        updated_by: by(orgId),
        updated_at: at(day),
        version: 3,
        ...extra,
      })
      .returning('id')
      .executeTakeFirstOrThrow();

  for (const t of tasks) {
    const lead = t.lead_org_id ?? office.id;
    const mine = units.filter((u) => u.task_id === t.id && u.org_id !== lead);
    const reporters = t.number === 7 ? mine.filter((u) => ['430100', '430600'].includes(orgs.get(u.org_id)!.code)) : mine;
    for (const [k, u] of reporters.entries()) {
      const progress = 40 + ((t.number * 7 + k * 3) % 21);
      const returned = t.number === 5 && orgs.get(u.org_id)!.code === '430600';
      await report(
        t.id,
        u.org_id,
        false,
        progress,
        `${nameOf(u.org_id)}按照“${t.title}”的分工，上半年制定了本单位工作方案，明确责任科室和时间节点，已完成方案所列事项的${progress}%。`,
        `2023-07-0${1 + (k % 8)}`,
        returned ? { status: 'returned', return_reason: '请补充本市参加首届湖南名品评价的企业数和获评数', returned_at: at('2023-07-10'), returned_by: by(t.lead_org_id!), version: 4 } : { problems: k % 4 === 0 ? '部分县市区进度不一，材料报送不及时。' : null },
      );
    }
    if (t.number === 7) continue; // the lead has not reported: 催办, then a 督办单
    const progress = 45 + ((t.number * 5) % 20);
    await report(
      t.id,
      lead,
      true,
      OWN_DONE[t.number] ? 100 : progress,
      OWN_DONE[t.number] ?? `汇总${reporters.length}个承办单位的分报告：围绕“${t.title}”，各单位已制定方案并推进，总体完成年度任务的${progress}%。`,
      '2023-07-09',
      { next_steps: OWN_DONE[t.number] ? null : '下半年按时间节点推进，10月开展中期调度。' },
    );
  }

  // task 7: 催办 after the due date, then the 督办单 after the grace days
  const t7 = task(7);
  for (const [kind, day, text] of [
    ['reminder', '2023-07-12', '第7项“开展制造业质量提升行动”2023年上半年汇总进展应于2023-07-10前报送，现已逾期，请即报送。'],
    ['order', '2023-07-17', '第7项“开展制造业质量提升行动”2023年上半年汇总进展逾期仍未报送，现下发督办单，请于2023-07-22前报送并说明原因。'],
  ] as const) {
    await trx.insertInto('supervision_notice').values({ task_id: t7.id, org_id: t7.lead_org_id!, period: '2023-H1', kind, text, reply_by: kind === 'order' ? '2023-07-22' : null, issued_by: officeUser, issued_at: at(day) }).execute();
  }

  // task 8: extension approved
  const t8 = task(8);
  await trx
    .insertInto('work_task_extension')
    .values({ task_id: t8.id, org_id: t8.lead_org_id!, from_due_on: '2023-12-31', new_due_on: '2024-03-31', reason: '部分在建公路、水利工程竣工验收推迟至2024年一季度，建筑强企命名评审随之顺延。', status: 'approved', decision_reason: '同意延期，原期限留档。', judge_against_original: 0, decided_by: officeUser, decided_at: at('2023-07-03'), created_by: by(t8.lead_org_id!), created_at: at('2023-06-28'), version: 2 })
    .execute();

  // task 1: closed (销号); task 13: closure sent back (退回)
  const t1 = task(1);
  await trx.insertInto('work_task_closure').values({ task_id: t1.id, org_id: office.id, summary: '领导小组成员单位已调整，议事规则已印发，全体会议已召开，任务完成。', status: 'accepted', decision_reason: null, decided_by: colleague, decided_at: at('2023-07-20'), created_by: officeUser, created_at: at('2023-07-15'), version: 2 }).execute();
  await trx.updateTable('work_task').set({ status: 'closed', closed_at: at('2023-07-20'), version: 3 }).where('id', '=', t1.id).execute();
  const t13 = task(13);
  await trx
    .insertInto('work_task_closure')
    .values({ task_id: t13.id, org_id: code('samr'), summary: '质量监测指标体系已建立，制造业、消费品质量合格率调查已部署。', status: 'returned', decision_reason: '质量指数研究和公共服务质量监测评价尚未形成成果，不符合办结条件。', decided_by: officeUser, decided_at: at('2023-07-21'), created_by: by(code('samr')), created_at: at('2023-07-18'), version: 2 })
    .execute();
  await trx.updateTable('work_task').set({ version: 3 }).where('id', '=', t13.id).execute();

  // task 2: closure asked by `office` through the command the API uses; it waits on a colleague (`office2`)
  const asker = await asUser(trx, 'office');
  if (asker) {
    const plan = await trx.selectFrom('work_plan').selectAll().where('id', '=', planId).executeTakeFirstOrThrow();
    const t2 = await trx.selectFrom('work_task').selectAll().where('id', '=', task(2).id).executeTakeFirstOrThrow();
    const c = { trx, audit: async () => {}, user: asker, clock: onDay('2023-07-24') };
    await askClosure(c, plan, t2, { version: t2.version, summary: '纲要学习宣贯工作方案已印发，宣讲解读和集中宣传已开展，各市州均已部署贯彻落实，任务完成。' });
  }

  // task 5: the lead's milestones (节点), the first done
  const t5 = task(5);
  for (const [title, due, done] of [
    ['发布首届湖南名品评价结果', '2023-06-30', at('2023-06-28')],
    ['开展“湘”字号品牌宣传周', '2023-09-30', null],
    ['完成年度品牌培育情况总结', '2023-12-15', null],
  ] as const) {
    await trx.insertInto('work_milestone').values({ task_id: t5.id, title, due_on: due, done_at: done, version: done ? 2 : 1 }).execute();
  }
}
