/**
 * A live work plan in the demo (issue 13): 岳阳市质强办 runs its own 2026 工作要点 for the city (a city office does
 * what the province does), marked 演示数据. Five tasks cut from seed 002 (岳强市发〔2023〕3号, 三、工作举措 (三)
 * (四) (六) (七) (十一)), led by the demo's Yueyang units that have accounts: 岳阳市 (`yueyang`), 汨罗市 (`miluo`)
 * and 岳阳楼区 (`yueyanglou`). Published 2026-03-10, reporting quarterly (a quarter's report due 10 days after it
 * ends). Written for the demo's day 2026-11-28, the module's clock (Config.now, the system clock by default):
 *
 * - Task 1 (岳阳市 leads, 岳阳楼区 cooperates): Q1–Q3 reported; closure asked on 2026-11-20 → the office reviews it.
 * - Task 2 (汨罗市 leads, 岳阳楼区 cooperates): Q1–Q2 reported; Q3 (due 2026-10-10) reported by 岳阳楼区 only —
 *   汨罗市's consolidated report is overdue: 催办 on 2026-10-12, 督办单 on 2026-10-17 → on 汨罗市's 待办.
 * - Task 3 (岳阳楼区 leads, 岳阳市 cooperates): Q1–Q3 reported, the lead's Q3 late: 催办 on 2026-10-12, 督办单 on
 *   2026-10-17, reported on 2026-10-20 with its 逾期原因 (the reply the office reads on the task page); an extension to
 *   2027-03-31 asked on 2026-11-25 → the office decides.
 * - Task 4 (岳阳市 leads, 汨罗市 and 岳阳楼区 cooperate): deadline 2026-10-31 (the year's 500 批次 of 抽查 by
 *   October), Q1–Q3 reported: past its deadline without 销号, red, an 逾期 to-do of 岳阳市 and of the office (the
 *   lead may still ask an extension, marked as asked late, or ask closure).
 * - Task 5 (岳阳市 leads, 汨罗市 cooperates; reports half-yearly): not yet signed for, the first half-year's report
 *   (due 2026-07-10) missing: red; the office is to issue 督办单, the units to sign and report (the browser journey
 *   e2e/workplan.e2e.test.ts walks it to 销号).
 */
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';

const at = (d: string) => `${d}T02:00:00.000Z`;
const SEED = '002_42231ee3001d2f8f.txt';
/** 岳阳市质强办 (seed.ts cityOfficeCode('430600')) */
const CITY_OFFICE = 'office-430600';

type Unit = 'Y' | 'M' | 'L';
const UNIT_CODES: Record<Unit, string> = { Y: '430600', M: '430681', L: '430602' };

interface DemoTask {
  /** the measure in seed 002's 三、工作举措 */
  section: string;
  title: string;
  body: string;
  lead: Unit;
  cooperating: Unit[];
  dueOn: string;
  signed: boolean;
  /** the plan's quarterly schedule, or a task's own */
  schedule?: 'half-yearly';
  /** the quarters every unit reported (Q3 for task 2: the cooperating unit only) */
  reported: ('Q1' | 'Q2' | 'Q3')[];
}

const TASKS: DemoTask[] = [
  {
    section: '（三）',
    title: '提升检验检测能力水平',
    body: '支持建设省级国家级质量标准实验室。以岳阳市九大重点产业链为重点，支持建设省级国家级质量标准实验室。推动全市检验检测产业高质量发展，建成湖南省石油化工质量监督检验检测中心和湖南省酱腌菜产品质量检验检测中心。',
    lead: 'Y',
    cooperating: ['L'],
    dueOn: '2026-12-31',
    signed: true,
    reported: ['Q1', 'Q2', 'Q3'],
  },
  {
    section: '（四）',
    title: '提升质量管理水平',
    body: '积极推广卓越绩效模式、六西格玛、稳健质量工程技术等先进质量管理方法和工具。推动全市规模以上企业加快建立首席质量官制度，提升企业质量管理和决策水平。持续开展“质量管理体系认证提升行动”“计量服务中小企业行”等活动，鼓励企业开展 QC 小组等群众性质量活动。积极开展“质量诊断”“质量比对”等质量帮扶行动，切实提升企业质量管理水平。',
    lead: 'M',
    cooperating: ['L'],
    dueOn: '2026-12-31',
    signed: true,
    reported: ['Q1', 'Q2'],
  },
  {
    section: '（六）',
    title: '深入推进质量基础设施“一站式”服务',
    body: '加快国家质量基础设施（NQI）统筹布局，通过“1+2”（产业+企业、区域）模式积极推动质量基础设施要素集成性、系统性建设，支持各县（市）区人民政府、园区管委会深入推进质量基础设施“一站式”服务。推动建设岳阳市石化产业服务中心，高质量服务岳阳石化产业。',
    lead: 'L',
    cooperating: ['Y'],
    dueOn: '2026-12-31',
    signed: true,
    reported: ['Q1', 'Q2', 'Q3'],
  },
  {
    section: '（七）',
    title: '加强产品质量安全监管',
    body: '进一步强化以监督检查为主要手段的重点工业产品质量安全监管机制，统筹强化生产、流通环节产品质量安全监管，更好满足岳阳产业发展实际和人民群众对更高品质产品的供给需求。加强对全市主导产业产品、重点消费品、涉安涉环产品质量监督检查力度，市级重点工业产品质量监督检查每年不少于500批次。',
    lead: 'Y',
    cooperating: ['M', 'L'],
    dueOn: '2026-10-31',
    signed: true,
    reported: ['Q1', 'Q2', 'Q3'],
  },
  {
    section: '（十一）',
    title: '推动制造业高质量发展',
    body: '锚定新型工业化实现产业质的有效提升这一战略目标，不断推动制造业高质量发展。实施制造业卓越质量工程，激励企业向卓越质量攀升。持续开展制造业“三品”专项行动、质量管理数字化“深度行”行动、质量标杆示范等，激发企业提质增效的内生动力。实施质量标准品牌赋值中小企业专项行动。',
    lead: 'Y',
    cooperating: ['M'],
    dueOn: '2026-12-31',
    signed: false,
    schedule: 'half-yearly',
    reported: [],
  },
];

const NAMES: Record<Unit, string> = { Y: '岳阳市', M: '汨罗市', L: '岳阳楼区' };
/** task 3's lead 岳阳楼区 answered the 督办单 on its Q3 report (due 2026-10-10) with a 逾期原因 */
const REPLY = { day: '2026-10-20', lateReason: '石化产业服务中心检验检测设备招标结果10月中旬才公示，为如实反映建设进度，待结果确定后汇总报送，未能按期报送。' };
const QUARTER_DAY: Record<string, string> = { Q1: '2026-04-08', Q2: '2026-07-08', Q3: '2026-10-09' };

export async function seedDemoYueyangWorkplan(trx: Transaction<Database>): Promise<void> {
  const codes = [CITY_OFFICE, ...Object.values(UNIT_CODES)];
  const orgs = new Map((await trx.selectFrom('org_unit').select(['id', 'code']).where('code', 'in', codes).execute()).map((o) => [o.code, o.id]));
  const officeId = orgs.get(CITY_OFFICE);
  if (!officeId) return;
  const org = (u: Unit) => orgs.get(UNIT_CODES[u])!;
  const users = new Map((await trx.selectFrom('app_user').select(['id', 'org_unit_id']).where('org_unit_id', 'in', [...orgs.values()]).orderBy('id').execute()).reverse().map((u) => [u.org_unit_id, u.id]));
  const by = (orgId: number) => users.get(orgId) ?? null;
  const officeUser = by(officeId);

  const { id: planId } = await trx
    .insertInto('work_plan')
    .values({
      code: 'yueyang-2026-demo',
      year: 2026,
      issuer_org_id: officeId,
      title: '岳阳市2026年质量强市工作要点（演示数据）',
      status: 'published',
      schedule: 'quarterly',
      policy_json: JSON.stringify({}),
      source_json: JSON.stringify({
        source: { seed: SEED, section: `三、工作举措${TASKS.map((t) => t.section).join('')}`, note: '演示数据：任务标题与正文摘自岳阳市质量强市领导小组《关于深入开展质量提升行动加快推进质量强市建设的实施意见》（岳强市发〔2023〕3号），牵头与配合单位为演示设定' },
        parts: [{ number: '一', title: '工作举措' }],
        warnings: [],
        targets: null,
      }),
      revision: 1,
      published_at: at('2026-03-10'),
      published_by: officeUser,
      created_by: officeUser,
      created_at: at('2026-03-02'),
      version: 2,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  const report = (taskId: number, orgId: number, period: string, consolidated: boolean, progress: number, text: string, day: string, lateReason: string | null = null) =>
    trx
      .insertInto('work_task_report')
      .values({ task_id: taskId, org_id: orgId, period, consolidated: consolidated ? 1 : 0, progress, progress_reason: null, text, problems: null, next_steps: consolidated ? '下一季度按时间节点推进，月底前调度各单位进度。' : null, status: 'submitted', return_reason: null, late_reason: lateReason, submitted_at: at(day), submitted_by: by(orgId), updated_by: by(orgId), updated_at: at(day), version: 2 })
      .execute();

  const ids: number[] = [];
  for (const [k, t] of TASKS.entries()) {
    const unitsText = `${NAMES[t.lead]}牵头，${t.cooperating.map((u) => NAMES[u]).join('、')}配合`;
    const { id: taskId } = await trx
      .insertInto('work_task')
      .values({ plan_id: planId, number: k + 1, part: '一', part_title: '工作举措', title: t.title, text: `${t.title}。${t.body}（${unitsText}）`, units_text: unitsText, lead_org_id: org(t.lead), schedule: t.schedule ?? 'quarterly', due_on: t.dueOn, status: 'open', closed_at: null, version: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(taskId);
    for (const [role, u] of [['lead', t.lead] as const, ...t.cooperating.map((c) => ['cooperating', c] as const)]) {
      await trx
        .insertInto('work_task_unit')
        .values({ task_id: taskId, org_id: org(u), role, signed_at: t.signed ? at('2026-03-13') : null, signed_by: t.signed ? by(org(u)) : null, version: t.signed ? 2 : 1 })
        .execute();
    }
    for (const [q, quarter] of (['Q1', 'Q2', 'Q3'] as const).entries()) {
      const progress = [35, 60, 85][q]!;
      const period = `2026-${quarter}`;
      const lateLead = k === 1 && quarter === 'Q3'; // task 2: the lead's Q3 report is overdue
      if (!t.reported.includes(quarter) && !lateLead) continue;
      for (const u of t.cooperating) {
        await report(taskId, org(u), period, false, progress - 5, `${NAMES[u]}按“${t.title}”的分工推进本单位承担的工作，${quarter}完成本单位方案所列事项的${progress - 5}%。`, QUARTER_DAY[quarter]!);
      }
      if (lateLead) continue;
      const reply = k === 2 && quarter === 'Q3' ? REPLY : null; // task 3: the lead's Q3 report came in after a 督办单
      await report(taskId, org(t.lead), period, true, progress, `汇总${t.cooperating.map((u) => NAMES[u]).join('、')}的分报告：围绕“${t.title}”，本季度各单位按方案推进，总体完成年度任务的${progress}%。`, reply?.day ?? QUARTER_DAY[quarter]!, reply?.lateReason);
    }
  }

  // task 1: the lead asks to close it (销号 waits on the office)
  await trx.insertInto('work_task_closure').values({ task_id: ids[0]!, org_id: org('Y'), summary: '湖南省石油化工质量监督检验检测中心已建成并通过验收，酱腌菜产品质量检验检测中心已挂牌运行，任务完成。', status: 'pending', decision_reason: null, decided_by: null, decided_at: null, created_by: by(org('Y')), created_at: at('2026-11-20'), version: 1 }).execute();
  await trx.updateTable('work_task').set({ status: 'closing', version: 2 }).where('id', '=', ids[0]!).execute();

  // task 2: 汨罗市's consolidated Q3 report overdue: 催办 after the due date, 督办单 after the five grace days
  for (const [kind, day, text] of [
    ['reminder', '2026-10-12', '第2项“提升质量管理水平”2026年第三季度汇总进展应于2026-10-10前报送，现已逾期，请即报送。'],
    ['order', '2026-10-17', '第2项“提升质量管理水平”2026年第三季度汇总进展逾期仍未报送，现下发督办单，请于2026-10-22前报送并说明原因。'],
  ] as const) {
    await trx.insertInto('supervision_notice').values({ task_id: ids[1]!, org_id: org('M'), period: '2026-Q3', kind, text, reply_by: kind === 'order' ? '2026-10-22' : null, issued_by: officeUser, issued_at: at(day) }).execute();
  }

  // task 3: 岳阳楼区's consolidated Q3 report came in late, after a 催办 and a 督办单, saying why (its 逾期原因)
  for (const [kind, day, text] of [
    ['reminder', '2026-10-12', '第3项“深入推进质量基础设施“一站式”服务”2026年第三季度进展应于2026年10月10日前报送，现已逾期2天，请即报送。'],
    ['order', '2026-10-17', '第3项“深入推进质量基础设施“一站式”服务”2026年第三季度进展应于2026年10月10日前报送，逾期仍未报送，现下发督办单，请于2026年10月22日前报送并说明逾期原因。'],
  ] as const) {
    await trx.insertInto('supervision_notice').values({ task_id: ids[2]!, org_id: org('L'), period: '2026-Q3', kind, text, reply_by: kind === 'order' ? '2026-10-22' : null, issued_by: officeUser, issued_at: at(day) }).execute();
  }

  // task 3: an extension asked, waiting on the office
  await trx
    .insertInto('work_task_extension')
    .values({ task_id: ids[2]!, org_id: org('L'), from_due_on: '2026-12-31', new_due_on: '2027-03-31', reason: '岳阳市石化产业服务中心的检验检测设备采购推迟到明年一季度交付，“一站式”服务窗口随之顺延。', status: 'pending', decision_reason: null, judge_against_original: 0, decided_by: null, decided_at: null, created_by: by(org('L')), created_at: at('2026-11-25'), version: 1 })
    .execute();
}
