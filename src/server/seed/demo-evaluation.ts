/**
 * Demo data of the creation evaluation (seed 004), on a fresh data directory beside the demo assessment cycles.
 * The provincial office's expert pool (six experts; 王建国, 李敏 and 陈志强 sign in as expert, expert2 and expert3).
 * - The 2024 round (申请已截止) on sheet A.1:
 *   - 岳阳市 applied (contacts, the four 不予受理 declarations with statements); the office asked 省应急管理厅 and
 *     省生态环境厅, who found none applies, accepted it and approved a plan of three experts (王建国 team leader;
 *     the document review runs from ten days before the first start to thirty days after, so it is open when a
 *     newcomer looks; the on-site review began three days before the first start and lasts as long). 李敏 and 陈志强 have declared no conflict and submitted their scores; 王建国 has declared and
 *     not yet scored: the expert account has work waiting, and sees no other score until it submits.
 *     岳阳市 submitted its 自评 with the application.
 *   - 浏阳市 applied and was refused on condition 1 (a 2022 major product quality accident, confirmed by 省市场监管局).
 *   - 衡阳市 accepted over 省生态环境厅's finding, its 自评 not yet submitted (hengyang's to-do).
 *   - 长沙市 accepted, its 自评 submitted, no plan yet and so no expert scoring: the office's to-do to review the 自评,
 *     which it may return for 补正 (the README's walkthrough; changsha then has the 补正 to-do).
 * - The 2023 round: 常德市 evaluated by three experts, item 1.1 discussed (the team leader's agreed score), the
 *   综合评价 confirmed (passed), reported, acknowledged, publicised and named (湘质强发〔2023〕12号); two 整改事项
 *   raised from its deductions, one answered.
 * - The office's peer tables of 5.2 (获奖企业数量 of the 14 cities) for 2024 and 2023: each plan ranks against its year's.
 * Rows are written as the workflow would leave them (statuses from src/shared/workflow/evaluation.ts); the scores
 * are the engine's, the 综合评价 is computed by src/shared/evaluation/consolidate.ts. Marked 演示数据 in the titles.
 */
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { consolidate } from '../../shared/evaluation/consolidate';
import { checkAnswer } from '../../shared/scoring';
import type { Framework } from '../../shared/scoring/framework-schema';
import type { Answer } from '../../shared/scoring/answers';
import { chinaDate } from '../../shared/deadline';
import { acceptConcerns, conditionTexts, namingDoc } from '../modules/evaluation';
import { registerDocNumber } from '../modules/docnumbers';
import type { SessionUser } from '../core/session';
import { clockAt } from '../core/clock';

/**
 * 岳阳市's 自评 说明 (submitted 2024-04-10), one or two in each of the eleven parts of sheet A.1, as its quality office
 * wrote them: from its programme 岳强市发〔2023〕3号 (seed 002, issued 2023-06-19: the targets for 2025 read as
 * targets), its issued 质量分析报告 of 2023 (demo-analysis.ts) and what the office's questions found (长江岳阳段 II类).
 * No figure the seeds do not give; 1.2.a is left without one (its line alone is what the review e2e reads).
 */
export const YUEYANG_SELF_NOTES: Readonly<Record<string, string>> = {
  '1.1.a': '《岳阳市"十四五"质量发展规划》已由市政府印发',
  '1.3.a': '质量强市工作所需经费已列入市本级财政预算（岳强市发〔2023〕3号“强化资金支持”）',
  '2.3.c': '岳强市发〔2023〕3号部署“质量管理体系认证提升行动”“计量服务中小企业行”，鼓励企业开展QC小组等群众性质量活动',
  '2.5.a': '岳强市发〔2023〕3号要求全市规模以上企业加快建立首席质量官制度',
  '3.2.a': '岳强市发〔2023〕3号明确主导标准制修订奖励：国际标准制定最高100万元，国家标准制定最高50万元，地方标准制定最高20万元',
  '3.3.a': '推动建成湖南省石化产业计量测试中心，开展“计量服务中小企业行”（岳强市发〔2023〕3号）',
  '4.1.a': '岳阳市质量强市领导小组统筹质量强市工作，2023年6月19日印发《关于深入开展质量提升行动加快推进质量强市建设的实施意见》（岳强市发〔2023〕3号）',
  '4.4.a': '设立岳阳市市长质量奖：获奖组织一次性奖励不高于20万元、个人奖励2万元，获提名奖的组织奖励5万元（岳强市发〔2023〕3号）',
  '4.8.c': '2023年上半年、下半年质量分析报告均已印发（岳质强办发〔2023〕4号、岳质强办发〔2024〕1号）',
  '5.1.a': '组织企业参与“湖南名品”评价；岳强市发〔2023〕3号提出到2025年新增“湖南名品”50个',
  '6.2.c': '建立食品安全风险监测会商机制，每年至少开展1次食品安全风险监测督导检查（岳强市发〔2023〕3号）',
  '7.1.a': '2023年大中型工程一次验收合格率97%，未达到100%，按每下降0.5%减1分自评',
  '8.1.a': '已建成国家级服务业标准化试点；岳强市发〔2023〕3号提出到2025年新增省、国家级标准化试点示范单位23家',
  '9.1.a': '长江岳阳段水质保持II类（省生态环境厅受理审查时核实）；岳强市发〔2023〕3号目标：环境空气质量优良天数比率90%以上，地表水达到或优于III类水质断面比例94%以上',
  '10.1.a': '依托12315平台和12345政务服务便民热线受理质量投诉，热线畅通',
  '11.3.a': '贯彻《湖南省质量强省建设纲要》，以“1+2”（产业+企业、区域）模式推进质量基础设施“一站式”服务，建设岳阳市石化产业服务中心',
};

const DECLARED = (statement: string) => ['I1', 'I2', 'I3', 'I4'].map((code) => ({ code, applies: false, statement }));

export async function seedDemoEvaluation(trx: Transaction<Database>): Promise<void> {
  const fw = await trx.selectFrom('framework').select(['id', 'content_json']).where('id', '=', 'db43-quality-city').executeTakeFirst();
  if (!fw) return; // the frameworks are imported before the seed; without sheet A.1 there is nothing to show
  const orgs = new Map((await trx.selectFrom('org_unit').select(['id', 'code']).where('code', 'in', ['office', '430600', '430181', '430700', '430100', '430300', '430400', '431000', 'emergency', 'ecology', 'samr']).execute()).map((o) => [o.code, o.id]));
  const users = new Map((await trx.selectFrom('app_user').select(['id', 'username']).where('username', 'in', ['office', 'yueyang', 'hengyang', 'changsha', 'emergency', 'ecology', 'samr', 'expert', 'expert2', 'expert3']).execute()).map((u) => [u.username, u.id]));
  const office = users.get('office')!;
  const at = (d: string) => `${d}T02:00:00.000Z`;
  /** a member department's answered 受理审查 question: the conditions asked, which it found to apply, its answer */
  const answered = (applicationId: number, code: string, q: { conditions: string[]; applies: string[]; question: string; answer: string; asked: string; answered: string }) =>
    trx
      .insertInto('eligibility_consultation')
      .values({
        application_id: applicationId,
        department_id: orgs.get(code)!,
        conditions_json: JSON.stringify(q.conditions),
        question: q.question,
        status: 'answered',
        findings_json: JSON.stringify(q.conditions.map((c) => ({ code: c, applies: q.applies.includes(c) }))),
        answer: q.answer,
        asked_by: office,
        asked_at: at(q.asked),
        answered_by: users.get(code) ?? null,
        answered_at: at(q.answered),
        version: 2,
      })
      .execute();

  const round = await trx
    .insertInto('evaluation_round')
    .values({
      year: 2024,
      title: '2024年度质量强市（县）创建评价（演示数据）',
      organiser_org_id: orgs.get('office')!,
      framework_id: fw.id,
      framework_json: fw.content_json,
      status: 'closed',
      created_by: office,
      created_at: at('2024-03-01'),
      updated_at: at('2024-04-30'),
      version: 2,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  /** an application of the 2024 round as the workflow leaves it once decided (accepted, in review or refused) */
  const applied = (v: { org: string; status: 'accepted' | 'reviewing' | 'refused'; contact: [string, string]; note: string; statement: string; submitted: string; decided: string; by: string | null; created: string; version: number; refusal?: { condition: string; reason: string } }) =>
    trx
      .insertInto('evaluation_application')
      .values({
        round_id: round.id,
        applicant_org_id: orgs.get(v.org)!,
        status: v.status,
        contact_name: v.contact[0],
        contact_phone: v.contact[1],
        note: v.note,
        conditions_json: JSON.stringify(DECLARED(v.statement)),
        ...(v.refusal ? { refusal_condition: v.refusal.condition, refusal_reason: v.refusal.reason } : {}),
        submitted_at: at(v.submitted),
        decided_at: at(v.decided),
        decided_by: office,
        created_by: (v.by && users.get(v.by)) || office,
        created_at: at(v.created),
        updated_at: at(v.decided),
        version: v.version,
      })
      .returning('id')
      .executeTakeFirstOrThrow();

  const yueyang = await applied({ org: '430600', status: 'reviewing', contact: ['周建华', '0730-8225566'], note: '岳阳市人民政府申请创建“质量强市”，自评材料随附。', statement: '经市应急管理局、市生态环境局、岳阳海关等单位核实，近三年本市未发生该情形。', submitted: '2024-04-10', decided: '2024-05-08', by: 'yueyang', created: '2024-04-02', version: 4 });
  for (const [code, conditions, answer] of [
    ['emergency', ['I2'], '经核实，岳阳市近三年未发生重大安全生产事故。'],
    ['ecology', ['I2'], '经核实，岳阳市近三年未发生重大环境污染事件，长江岳阳段水质保持II类。'],
  ] as const) {
    await answered(yueyang.id, code, { conditions: [...conditions], applies: [], question: '请核实岳阳市近三年是否存在下列不予受理情形，并于5月6日前回复。', answer, asked: '2024-04-20', answered: '2024-05-05' });
  }

  const liuyang = await applied({
    org: '430181',
    status: 'refused',
    contact: ['陈晓', '0731-83612345'],
    note: '浏阳市申请创建“质量强市（县）”（纸质申请，由省质强办登记）。',
    statement: '近三年本市未发生该情形。',
    refusal: { condition: 'I1', reason: '经征求省市场监督管理局意见，浏阳市2022年发生一起烟花爆竹产品重大质量安全事故，属近三年发生重大产品质量安全事故的情形，按规范不予受理。' },
    submitted: '2024-04-12',
    decided: '2024-05-10',
    by: null,
    created: '2024-04-12',
    version: 3,
  });
  await answered(liuyang.id, 'samr', {
    conditions: ['I1'],
    applies: ['I1'],
    question: '请核实浏阳市近三年是否发生重大产品质量安全事故。',
    answer: '2022年浏阳市发生一起烟花爆竹产品重大质量安全事故，已依法处理。',
    asked: '2024-04-20',
    answered: '2024-05-06',
  });

  // 衡阳市: 省生态环境厅 found a 2023 pollution case; the office verified it was not a major one and accepted the
  // application with a written reason (the 受理通知书 prints both). Its 自评 is not yet submitted: hengyang's to-do.
  const hengyang = await applied({ org: '430400', status: 'accepted', contact: ['李文斌', '0734-8868123'], note: '衡阳市人民政府申请创建“质量强市”（演示数据）。', statement: '经市生态环境局、市应急管理局核实，近三年本市未发生该情形。', submitted: '2024-04-15', decided: '2024-05-12', by: 'hengyang', created: '2024-04-08', version: 3 });
  await answered(hengyang.id, 'ecology', {
    conditions: ['I2'],
    applies: ['I2'],
    question: '请核实衡阳市近三年是否出现重大安全生产、污染环境等问题，并于5月8日前回复。',
    answer: '2023年衡阳市一家化工企业超标排放废水，被省生态环境厅通报并立案查处',
    asked: '2024-04-22',
    answered: '2024-05-07',
  });
  {
    const consultations = await trx.selectFrom('eligibility_consultation').selectAll().where('application_id', '=', hengyang.id).execute();
    const depts = new Map((await trx.selectFrom('org_unit').select(['id', 'code', 'name', 'kind', 'parent_id']).where('id', 'in', consultations.map((x) => x.department_id)).execute()).map((o) => [o.id, o]));
    const concerns = acceptConcerns(consultations, depts, conditionTexts(JSON.parse(fw.content_json) as Framework));
    await trx
      .updateTable('evaluation_application')
      .set({
        accept_reason: '该案为一般环境违法案件，企业已依法受到处罚并整改到位，未造成重大环境污染，不属于“近三年出现重大安全生产、污染环境等问题”的情形。',
        accept_concerns_json: JSON.stringify(concerns),
      })
      .where('id', '=', hengyang.id)
      .execute();
  }

  // 长沙市: accepted without a question to the departments; its 自评 is submitted and no plan is drawn up yet, so no
  // expert has scored: the office reviews the 自评 from its to-do and may return it for 补正 (selfReturnRefusal)
  const changsha = await applied({ org: '430100', status: 'accepted', contact: ['王芳', '0731-88665000'], note: '长沙市人民政府申请创建“质量强市”，自评报告已随申请提交（演示数据）。', statement: '经市应急管理局、市生态环境局、长沙海关等单位核实，近三年本市未发生该情形。', submitted: '2024-04-18', decided: '2024-05-14', by: 'changsha', created: '2024-04-09', version: 3 });

  // ---- the expert pool
  const experts: Record<string, number> = {};
  for (const [name, organisation, region, field, title, username] of [
    ['王建国', '中南大学商学院', null, '质量管理', '教授', 'expert'],
    ['李敏', '湖南省标准化研究院', null, '标准化', '研究员', 'expert2'],
    ['陈志强', '湖南省产商品质量检验研究院', null, '检验检测', '正高级工程师', 'expert3'],
    ['刘芳', '湘潭大学', '430300', '质量文化', '副教授', null],
    ['张伟', '岳阳市质量技术服务中心', '430600', '计量', '高级工程师', null],
    ['赵雷', '湖南大学', null, '品牌建设', '教授', null],
  ] as const) {
    const row = await trx
      .insertInto('expert')
      .values({ organiser_org_id: orgs.get('office')!, name, organisation, region_org_id: region ? (orgs.get(region) ?? null) : null, field, title, user_id: username ? (users.get(username) ?? null) : null, active: 1, created_at: at('2024-03-01'), updated_at: at('2024-03-01'), version: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    experts[name] = row.id;
  }
  const framework = JSON.parse(fw.content_json) as Framework;
  const items = framework.sections.flatMap((sec) => sec.items);
  const allItems = items.map((i) => i.code);
  const groups16 = allItems.filter((c) => Number(c.split('.')[0]) <= 6);
  const groups711 = allItems.filter((c) => Number(c.split('.')[0]) >= 7);
  /** a sheet of full marks on the given items, with the changes given (each lost point with its reason) */
  const sheetOf = (assigned: string[], changes: Record<string, { answer: Answer; reason: string }>) => {
    const answers: Record<string, Record<string, Answer>> = {};
    const reasons: Record<string, string> = {};
    for (const code of assigned) {
      const item = items.find((i) => i.code === code)!;
      answers[code] = {};
      for (const c of item.criteria) {
        const key = `${code}.${c.code}`;
        const change = changes[key];
        answers[code][c.code] = change ? change.answer : fullAnswer(framework, code, c.code, c.points, c.rule.type);
        if (change) reasons[key] = change.reason;
      }
    }
    return { answers, reasons };
  };
  // the office's yearly peer tables of 5.2.a (获奖企业数量 of the 14 cities); the applicant's own count is left for the
  // panel to verify. Each plan ranks against its year's table and keeps the copy taken when it was approved.
  const cities = await trx.selectFrom('org_unit').select(['id', 'code', 'name']).where('kind', '=', 'city').orderBy('code').execute();
  const peerTable = async (year: number, counts: Record<string, number>, applicant: string) => {
    const t = await trx
      .insertInto('peer_table')
      .values({ organiser_org_id: orgs.get('office')!, year, level: 'city', metric: '获奖企业数量', items_json: '["5.2.a"]', source: `各市州报送的${year}年度各级政府质量奖获奖企业名单，省质强办汇总（演示数据）`, created_by: office, created_at: at(`${year}-03-01`), updated_at: at(`${year}-03-05`), version: 2 })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const c of cities) {
      const own = c.code === applicant;
      await trx.insertInto('peer_value').values({ table_id: t.id, org_id: c.id, value: own || counts[c.code] === undefined ? null : String(counts[c.code]), note: own ? '申请创建单位，由评价组核定' : null }).execute();
    }
    const peers = { '5.2.a': cities.filter((c) => c.code !== applicant && counts[c.code] !== undefined).map((c) => ({ code: c.code, name: c.name, value: counts[c.code] })) };
    return { id: t.id, title: `${year}年 省内同级城市 获奖企业数量`, peers };
  };
  const counts24: Record<string, number> = { '430100': 30, '430200': 14, '430300': 9, '430400': 11, '430500': 5, '430700': 10, '430800': 2, '430900': 7, '431000': 6, '431100': 4, '431200': 5, '431300': 6, '433100': 3 };
  const counts23: Record<string, number> = { '430100': 28, '430200': 13, '430300': 8, '430400': 10, '430500': 4, '430600': 11, '430800': 2, '430900': 6, '431000': 6, '431100': 4, '431200': 4, '431300': 5, '433100': 2 };
  const table24 = await peerTable(2024, counts24, '430600');
  const table23 = await peerTable(2023, counts23, '430700');
  const peerUnits = table23.peers['5.2.a'].map((p) => ({ unit: p.code, name: p.name, peerGroup: 'peers', answers: { '5.2': { a: { value: p.value } } } }));

  // ---- 2024: 岳阳市's plan, approved; two of three have submitted their document review
  const today = new Date();
  const day = (offset: number) => chinaDate(new Date(today.getTime() + offset * 86_400_000));
  const plan24 = await trx
    .insertInto('evaluation_plan')
    .values({
      application_id: yueyang.id,
      version_no: 1,
      status: 'approved',
      not_applicable_json: '[]',
      method: 'mean',
      threshold: '0.3',
      peers_json: JSON.stringify(table24.peers),
      peer_table_id: table24.id,
      peer_table_title: table24.title,
      document_review_start: day(-10),
      document_review_end: day(30),
      // 资料评审和现场评审结合: the on-site review began during the document review and lasts as long, so a newcomer
      // can score, reopen a sheet on site and confirm the 综合评价 (once the on-site review has begun) on any of these days
      site_review_start: day(-3),
      site_review_end: day(30),
      reason: null,
      // the plan's own dates lead up to its review windows (relative to today, above), so the batch reads in order
      approved_at: at(day(-12)),
      approved_by: office,
      created_by: office,
      created_at: at(day(-16)),
      updated_at: at(day(-12)),
      version: 3,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const panel24: [string, boolean, string[]][] = [
    ['王建国', true, allItems],
    ['李敏', false, allItems],
    ['陈志强', false, groups16],
  ];
  for (const [name, leader, assigned] of panel24) {
    await trx
      .insertInto('plan_member')
      .values({ plan_id: plan24.id, expert_id: experts[name], leader: leader ? 1 : 0, items_json: JSON.stringify(assigned), status: 'cleared', recusal_json: JSON.stringify({ relations: [], statement: '本人近三年未在岳阳市任职、未为其提供咨询服务，与其无利害关系。' }), declared_at: at(day(-11)), version: 2 })
      .execute();
  }
  const yueyangSheets: [string, string[], Record<string, { answer: Answer; reason: string }>][] = [
    ['李敏', allItems, { '1.2.b': { answer: false, reason: '本年度未召开质量工作部门联席会议，城市领导亦未作出指示' }, '7.1.a': { answer: { value: 96 }, reason: '大中型工程一次验收合格率96%，未达到100%' } }],
    ['陈志强', groups16, { '2.1.a': { answer: { level: 5 }, reason: '城市质量精神口号已提出，但宣传覆盖面不足' } }],
  ];
  for (const [name, assigned, changes] of yueyangSheets) {
    const sh = sheetOf(assigned, changes);
    await trx
      .insertInto('expert_sheet')
      .values({ application_id: yueyang.id, expert_id: experts[name], answers_json: JSON.stringify(sh.answers), reasons_json: JSON.stringify(sh.reasons), comment: null, status: 'submitted', stage: 'document', submitted_at: at(day(-5)), updated_at: at(day(-5)), version: 40 })
      .execute();
  }

  // 岳阳市's 自评, submitted with its application's materials: full marks but 7.1.a, with its 说明 (YUEYANG_SELF_NOTES)
  const self24 = sheetOf(allItems, { '7.1.a': { answer: { value: 97 }, reason: YUEYANG_SELF_NOTES['7.1.a'] } });
  await trx
    .insertInto('self_assessment')
    .values({ application_id: yueyang.id, answers_json: JSON.stringify(self24.answers), notes_json: JSON.stringify({ ...YUEYANG_SELF_NOTES, ...self24.reasons }), status: 'submitted', submitted_at: at('2024-04-10'), return_reason: null, updated_by: users.get('yueyang') ?? office, updated_at: at('2024-04-10'), version: 110 })
    .execute();

  // 长沙市's 自评, submitted after acceptance: scored down by itself where its own notes say why (975 of 1060), and 1.1
  // claimed in full with no basis given (what a return asks for)
  const selfChangsha = sheetOf(allItems, {
    '1.3.a': { answer: { value: 0.7 }, reason: '2023年市本级质量工作专项经费占一般公共预算收入0.7‰' },
    '2.1.a': { answer: { level: 5 }, reason: '“品质长沙”质量精神口号已发布，宣传尚不充分' },
    '2.2.a': { answer: { level: 10 }, reason: '中小学质量教育社会实践基地已提出申报，尚未建成' },
    '3.5.b': { answer: false, reason: '长沙黄花国际机场口岸核心能力达标评审尚在进行' },
    '4.7.a': { answer: { level: 5 }, reason: '正在研究在市内骨干医院开展产品质量伤害监测' },
    '6.3.a': { answer: false, reason: '进口商品法检检出率2022年居全省第6位' },
    '7.1.a': { answer: { value: 99 }, reason: '2023年大中型工程一次验收合格率99%' },
    '8.1.a': { answer: { level: 12 }, reason: '已建成省级服务业标准化试点，国家级试点在申报中' },
    '10.4.b': { answer: false, reason: '2023年质量满意度测评结果居全省第4位' },
  });
  await trx
    .insertInto('self_assessment')
    .values({ application_id: changsha.id, answers_json: JSON.stringify(selfChangsha.answers), notes_json: JSON.stringify(selfChangsha.reasons), status: 'submitted', submitted_at: at('2024-05-30'), return_reason: null, updated_by: users.get('changsha') ?? office, updated_at: at('2024-05-30'), version: 102 })
    .execute();

  // ---- 2023: 常德市, evaluated, discussed, passed and named
  const round23 = await trx
    .insertInto('evaluation_round')
    .values({ year: 2023, title: '2023年度质量强市（县）创建评价（演示数据）', organiser_org_id: orgs.get('office')!, framework_id: fw.id, framework_json: fw.content_json, status: 'closed', created_by: office, created_at: at('2023-03-01'), updated_at: at('2023-05-01'), version: 2 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const changde = await trx
    .insertInto('evaluation_application')
    .values({
      round_id: round23.id,
      applicant_org_id: orgs.get('430700')!,
      status: 'named',
      contact_name: '黄志远',
      contact_phone: '0736-7788990',
      note: '常德市申请创建“质量强市”。',
      conditions_json: JSON.stringify(DECLARED('经核实，近三年本市未发生该情形。')),
      submitted_at: at('2023-04-10'),
      decided_at: at('2023-04-28'),
      decided_by: office,
      created_by: office,
      created_at: at('2023-04-05'),
      updated_at: at('2023-12-20'),
      version: 12,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const plan23 = await trx
    .insertInto('evaluation_plan')
    .values({
      application_id: changde.id,
      version_no: 1,
      status: 'approved',
      not_applicable_json: '[]',
      method: 'mean',
      threshold: '0.3',
      peers_json: JSON.stringify(table23.peers),
      peer_table_id: table23.id,
      peer_table_title: table23.title,
      document_review_start: '2023-06-01',
      document_review_end: '2023-06-30',
      site_review_start: '2023-07-10',
      site_review_end: '2023-07-12',
      reason: null,
      approved_at: at('2023-05-20'),
      approved_by: office,
      created_by: office,
      created_at: at('2023-05-15'),
      updated_at: at('2023-05-20'),
      version: 2,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const panel23: [string, boolean, string[], Record<string, { answer: Answer; reason: string }>][] = [
    ['王建国', true, allItems, {}],
    ['李敏', false, allItems, { '1.1.a': { answer: { level: 0 }, reason: '质量发展规划未经市政府印发' }, '4.3.a': { answer: { level: 10 }, reason: '质量工作考核结果未与干部考核挂钩' } }],
    ['赵雷', false, groups711, { '10.3.a': { answer: false, reason: '质量纠纷仍只靠行政调解，未引入仲裁、责任保险等救济途径' } }],
  ];
  const sheets23: { expert: string; items: string[]; answers: Record<string, Record<string, Answer>> }[] = [];
  for (const [name, leader, assigned, changes] of panel23) {
    await trx
      .insertInto('plan_member')
      .values({ plan_id: plan23.id, expert_id: experts[name], leader: leader ? 1 : 0, items_json: JSON.stringify(assigned), status: 'cleared', recusal_json: JSON.stringify({ relations: [], statement: '本人与常德市无利害关系。' }), declared_at: at('2023-05-25'), version: 2 })
      .execute();
    const sh = sheetOf(assigned, changes);
    await trx
      .insertInto('expert_sheet')
      .values({ application_id: changde.id, expert_id: experts[name], answers_json: JSON.stringify(sh.answers), reasons_json: JSON.stringify(sh.reasons), comment: null, status: 'submitted', stage: 'site', submitted_at: at('2023-07-12'), updated_at: at('2023-07-12'), version: 45 })
      .execute();
    sheets23.push({ expert: String(experts[name]), items: assigned, answers: sh.answers });
  }
  const self23 = sheetOf(allItems, {});
  await trx
    .insertInto('self_assessment')
    .values({ application_id: changde.id, answers_json: JSON.stringify(self23.answers), notes_json: '{}', status: 'submitted', submitted_at: at('2023-04-10'), return_reason: null, updated_by: office, updated_at: at('2023-04-10'), version: 110 })
    .execute();
  await trx
    .insertInto('site_finding')
    .values({ application_id: changde.id, item_code: '10.3', text: '抽查市消费者委员会2022年投诉台账，产品质量纠纷均以行政调解结案，未见仲裁、责任保险等其他救济途径。', recorded_by: users.get('expert') ?? office, recorded_at: at('2023-07-11') })
    .execute();
  // 1.1: 20 and 0 (mean 10) → flagged; the team leader records 10 after the discussion
  // (on the experts' scores as they stand, as the leader's 确定得分 records them)
  const changdeInput = { framework, unit: { code: '430700', name: '常德市', peerGroup: 'peers' }, peers: peerUnits, notApplicable: [], experts: sheets23, method: 'mean' as const, threshold: '0.3' };
  const decidedOn = consolidate(changdeInput).items.find((i) => i.code === '1.1')!.basis;
  const agreed = { '1.1': { score: '10', reason: '规划已起草并报市政府审议，尚未印发；经评价组讨论按中间档确定。', expertScores: decidedOn } };
  const result = consolidate({ ...changdeInput, agreed });
  await trx
    .updateTable('evaluation_application')
    .set({
      agreed_json: JSON.stringify(agreed),
      consolidation_json: JSON.stringify(result),
      reported_at: at('2023-08-01'),
      acknowledged_at: at('2023-08-03'),
      publicity_start: '2023-11-20',
      publicity_end: '2023-11-26',
      named_at: at('2023-12-20'),
      naming_doc_no: '湘质强发〔2023〕12号',
    })
    .where('id', '=', changde.id)
    .execute();
  // the 命名文件's 文号 in the office's register, as naming registers it (a number another 公文 holds is refused)
  const naming = namingDoc({ id: round23.id, organiser_org_id: orgs.get('office')!, title: '2023年度质量强市（县）创建评价（演示数据）' }, '湘质强发〔2023〕12号');
  await registerDocNumber({ trx, user: { id: office } as SessionUser, clock: clockAt(new Date(at('2023-12-20'))) }, naming, '湘质强发〔2023〕12号');
  // the office asked for 整改 on the two items that lost most; 常德市 has answered one
  for (const [code, detail, answer] of [
    ['1.1', '失分10分（20分中得10分）\n专家意见：质量发展规划未经市政府印发\n评价组确定：规划已起草并报市政府审议，尚未印发；经评价组讨论按中间档确定。', '《常德市质量发展规划（2023—2025年）》已于2024年1月由市政府印发。'],
    ['4.3', '失分5分（20分中得15分）\n专家意见：质量工作考核结果未与干部考核挂钩', null],
  ] as const) {
    const item = items.find((i) => i.code === code)!;
    await trx
      .insertInto('rectification')
      .values({
        source_type: 'evaluation',
        source_id: changde.id,
        source_ref: code,
        // as raiseFromEvaluation labels it (a stored label, never the row's id)
        source_label: `2023年度质量强市（县）创建评价（演示数据） · 第${code}项`,
        owner_org_id: orgs.get('430700')!,
        raised_by_org_id: orgs.get('office')!,
        title: `第${code}项：${item.title.replace(/[，,\s]+$/, '')}`,
        detail,
        due_on: '2024-06-30',
        status: answer ? 'answered' : 'open',
        answer,
        answered_by: answer ? office : null,
        answered_at: answer ? at('2024-02-01') : null,
        created_by: office,
        created_at: at('2023-12-25'),
        version: answer ? 2 : 1,
      })
      .execute();
  }
}

/** The answer that earns a criterion's full points (rank 5.2: above every value of the demo's peer tables). */
function fullAnswer(fw: Framework, item: string, criterion: string, points: number, type: string): Answer {
  if (type === 'rank') return { value: 32 };
  const c = fw.sections.flatMap((s) => s.items).find((i) => i.code === item)!.criteria.find((x) => x.code === criterion)!;
  // a threshold's own bounds first, so a full mark reads as a plausible figure (1‰ of the budget, 2 certificates per
  // 10,000 workers), not 100 of whatever the unit is
  const bounds = 'steps' in c.rule ? (c.rule.steps as { bound: number }[]).map((s) => ({ value: s.bound })) : [];
  const tries: Answer[] = [true, ...('levels' in c.rule ? (c.rule.levels as number[]) : []).map((level) => ({ level })), ...bounds, { value: 100 }, { value: 0 }];
  const found = tries.find((a) => {
    const r = checkAnswer(fw, item, criterion, a);
    return r.ok && Number(r.score) >= points;
  });
  if (found === undefined) throw new Error(`demo: no full-mark answer for ${item}.${criterion}`);
  return found;
}
