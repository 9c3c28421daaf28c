/**
 * The documents as LibreOffice prints them: one of each kind is converted to PDF with `soffice --headless`
 * (its own profile in a temp dir), then pdfinfo gives the page count and pdftotext the text. Skipped with a
 * printed reason when soffice or poppler is missing; a failure then when KAOPING_REQUIRE_ALL=1 (CI installs
 * libreoffice-writer-nogui, libreoffice-calc-nogui and poppler-utils).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CriterionLine } from '../../../shared/contracts/results';
import type { WorkplanMatrix, WorkplanNotice } from '../../../shared/contracts/workplan';
import { framework } from '../../../shared/scoring/framework-schema';
import { scoreFramework } from '../../../shared/scoring/engine';
import { MINI_INPUT, miniAnswers } from '../../../shared/scoring/test/fixtures';
import { scoreWorkbook } from '../../../cli/format';
import { REPO_ROOT } from '../../config';
import { gongwenDocx, type Block } from './gongwen';
import { objectionView, unit, view } from '../../test/results.fixture';
import { comparisonWorkbook } from '../excel/comparison';
import { buildDeclarationWorkbook } from '../excel/declaration-template';
import { departmentSheetWorkbook } from '../excel/department-sheet';
import { rankingWorkbook } from '../excel/ranking';
import { annex4Layout, schemeAnnex4Xlsx } from '../excel/scheme-annex4';
import { analysisReportDocx } from '../word/analysis-report';
import { cityReportDocx } from '../word/city-report';
import { SECTION_KEYS, SECTION_TITLES } from '../../../shared/contracts/analysis';
import { rankingChart } from '../../../shared/charts';
import { renderChartSpecPng } from '../charts';
import { declarationDocx, noticeDocx, seedExample } from '../word/notice';
import { feedbackDocx, objectionNoticeDocx, preliminaryPublicityDocx, resultsBulletinDocx } from '../word/results-docs';
import { schemeAnnex4Docx } from '../word/scheme-annex4';
import { workplanNoticeDocx } from '../word/workplan-notice';
import { workplanMatrixXlsx } from '../excel/workplan-matrix';

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const missing = ['soffice', 'pdfinfo', 'pdftotext'].filter((c) => !has(c));
const required = process.env.KAOPING_REQUIRE_ALL === '1';
if (missing.length && !required) console.log(`LibreOffice check skipped: ${missing.join(', ')} not installed (apt-get install libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils)`);

const CITIES = ['长沙市', '株洲市', '湘潭市', '衡阳市', '邵阳市', '岳阳市', '常德市', '张家界市', '益阳市', '郴州市', '永州市', '怀化市', '娄底市', '湘西土家族苗族自治州'];
const lost = (i: number): CriterionLine => ({
  code: `${i + 1}.a`,
  itemCode: String(i + 1),
  criterionCode: 'a',
  itemTitle: '产品质量监督抽查',
  title: '重点产品抽查合格率达到年度目标，较上年有提升',
  sectionCode: 'D2',
  role: 'base',
  status: 'ok',
  score: '1',
  maximum: '3',
  lost: '2',
  explanation: '按评分规则计算',
  comment: `抽查合格率95.1%，低于目标97.3%，扣2分（第${i + 1}项）`,
  department: { code: 'samr', name: '省市场监督管理局' },
});
const units = CITIES.map((name, i) =>
  unit({ unitId: i + 1, unitCode: String(430100 + i * 100), unitName: name, rank: i + 1, total: String(98 - i), baseScore: String(97 - i), grade: i < 4 ? 'A' : i < 10 ? 'B' : 'C', criteria: i === 0 ? Array.from({ length: 12 }, (_, k) => lost(k)) : [] }),
);
/** a city that lost points in 30 key points, each explained at the length the demo's comments run to */
const LONG_LOSER = {
  ...units[13]!,
  criteria: Array.from({ length: 30 }, (_, k) => ({
    ...lost(k),
    title: '质量强省工作的组织领导、工作机制和运行情况，质量工作纳入政府工作报告和绩效考核',
    explanation: '直接评分，得1分',
    comment: `（演示数据）“质量强省工作的组织领导、工作机制和运行情况”未完全达到要求（直接评分，得1分），扣2分（第${k + 1}项）`,
  })),
};
const results = view(units, { stage: 'final', demo: false, year: 2023, title: '2023年度省政府对市州政府质量工作考核', publishedAt: '2024-03-20T02:00:00.000Z' });
/** the same results over the scheme's five domains, so the feedback draws both its charts (the radar needs three) */
const DOMAINS = [
  ['D1', '宏观质量', 19.5],
  ['D2', '产品质量', 35.5],
  ['D3', '工程质量', 20],
  ['D4', '服务质量', 15],
  ['D5', '环境质量', 10],
] as const;
const fiveDomains = view(
  units.map((u, i) => ({ ...u, sections: DOMAINS.map(([code, title, points]) => ({ code, title, role: 'base' as const, score: String(points - 1 - (i % 3)), maximum: String(points) })) })),
  { stage: 'final', demo: false, year: 2023, title: '2023年度省政府对市州政府质量工作考核', publishedAt: '2024-03-20T02:00:00.000Z', domains: DOMAINS.map(([code, title, points]) => ({ code, title, points: String(points) })) },
);
const office = { name: '湖南省质量强省领导小组办公室', shortName: '省质强办', unitsWord: '市州' };

const TASKS = ['强化协调推进', '贯彻落实质量强国、质量强省纲要', '加强考核督查与激励引导', '加强全面质量管理，夯实质量基础', '深入推进质量品牌建设', '开展质量宣传培训活动', '开展制造业质量提升行动', '开展建设工程质量管理提升行动', '推进服务质量提档升级', '提升绿色低碳生态环境质量', '提升质量安全监管效能', '加强质量安全监管', '健全质量监测评价体系'];
const lightOf = (i: number) => (i === 0 ? 'done' : i === 6 ? 'red' : i % 5 === 3 ? 'yellow' : 'green') as 'done' | 'red' | 'yellow' | 'green';
/** 岳阳市's nine counties (the demo's county assessment) */
const COUNTIES = ['岳阳楼区', '云溪区', '君山区', '岳阳县', '华容县', '湘阴县', '平江县', '汨罗市', '临湘市'];
const LABEL = { done: '已办结', red: '逾期', yellow: '预警', green: '正常' } as const;
const workplanNotice: WorkplanNotice = {
  plan: { id: 1, title: '湖南省质量强省 2023 年工作要点', year: 2023 },
  issuer: { name: office.name, shortName: office.shortName, region: { name: '湖南省', province: true } },
  period: { code: '2023-H1', label: '2023年上半年', dueOn: '2023-07-10' },
  asOf: '2023-07-26',
  lights: { done: 1, red: 1, yellow: 2, green: 9 },
  tasks: TASKS.map((title, i) => ({
    number: i + 1,
    title,
    lead: i === 6 ? '省工业和信息化厅' : '省市场监督管理局',
    progress: i === 6 ? null : 45 + i,
    light: lightOf(i),
    // task 7: red from its missing half-year report alone (its deadline 2023-12-31 ahead), as taskLight() calls it
    lightLabel: i === 6 ? '报送逾期' : LABEL[lightOf(i)],
    statusLabel: i === 0 ? '已销号' : '办理中',
    line: i === 6 ? null : `汇总14个承办单位的分报告：围绕“${title}”，各单位已制定方案并推进，总体完成年度任务的${45 + i}%。`,
    linePeriod: i === 6 ? null : '2023年上半年',
    duePeriod: '2023年上半年',
  })),
  overdue: ['省工业和信息化厅', ...CITIES.slice(1, 13)].map((org, k) => ({ taskNumber: 7, taskTitle: TASKS[6], org, periodLabel: '2023年上半年', dueOn: '2023-07-10', daysLate: 16, stage: 'notice' as const, stageLabel: '列入通报', notices: k ? [] : ['催办（2023-07-12）', '督办单（2023-07-17）'] })),
  replies: [{ taskNumber: 5, taskTitle: TASKS[4], org: '岳阳市', periodLabel: '2023年上半年', dueOn: '2023-07-10', orderedOn: '2023-07-17', reportedOn: '2023-07-20', daysLate: 10, lateReason: '县区材料汇总延误，未能按期报送。' }],
  extensions: [{ taskNumber: 8, taskTitle: TASKS[7], org: '省住房城乡建设厅', fromDueOn: '2023-12-31', newDueOn: '2024-03-31', reason: '部分在建工程竣工验收推迟至2024年一季度。', decidedOn: '2023-07-03', judgeAgainstOriginal: false, late: false }],
  closed: [{ taskNumber: 1, taskTitle: TASKS[0], org: office.shortName, closedOn: '2023-07-20', summary: '任务完成。' }],
};
const UNIT_COLUMNS = [office.shortName, '省市场监督管理局', '省工业和信息化厅', '省住房城乡建设厅', ...CITIES].map((name, id) => ({ id: id + 1, name }));
const workplanMatrix: WorkplanMatrix = {
  plan: { id: 1, title: '湖南省质量强省 2023 年工作要点', year: 2023 },
  asOf: '2023-07-26',
  columns: UNIT_COLUMNS,
  rows: TASKS.map((title, i) => ({
    task: { id: i + 1, number: i + 1, title },
    lead: i === 6 ? '省工业和信息化厅' : '省市场监督管理局',
    progress: i === 6 ? null : 45 + i,
    light: lightOf(i),
    label: LABEL[lightOf(i)],
    cells: Object.fromEntries(UNIT_COLUMNS.filter((c) => c.id === (i === 6 ? 3 : 2) || c.id > 4).map((c) => [String(c.id), { light: lightOf(i), label: LABEL[lightOf(i)], role: c.id <= 4 ? 'lead' : 'cooperating', signed: true }])),
  })),
  periods: [
    { code: '2023-H1', label: '2023年上半年', dueOn: '2023-07-10' },
    { code: '2023-H2', label: '2023年下半年', dueOn: '2024-01-10' },
  ],
};

/** the demo declaration of 省市场监督管理局 (seed: the 2022 scheme's key points it evaluates) */
const SAMR_DECLARATION = {
  indicators: [
    { domain: '宏观质量', item: '加强人才队伍建设', keyPoint: '建立“首席质量官”制度，开展质量管理培训与咨询服务。', points: 0.5, lastYearPoints: 0.5, sourceCode: '3.a' },
    {
      domain: '宏观质量',
      item: '加强质量技术基础',
      keyPoint:
        '扎实开展质量基础设施“一站式”服务，落实助力纾困中小微企业和个体工商户专项行动；实施标准化战略；加强计量体系和能力建设，保障量值准确可靠；开展认证活动“双随机、一公开”监督检查和小微企业质量管理体系认证提升行动；依法对辖区内检验检测机构开展监督检查。',
      points: 5.5,
      lastYearPoints: 5.5,
      sourceCode: '5.a',
    },
    {
      domain: '产品质量',
      item: '产品质量安全保障',
      keyPoint:
        '切实加强产品质量安全监管工作；打击假冒伪劣和专项整治；开展涉企违规收费专项整治行动和教育收费专项检查，加强医药购销、医疗美容、网络培训等领域反不正当竞争执法；规范市场竞争秩序、落实公平竞争审查制度总体情况；严格落实缺陷产品召回工作；12315渠道畅通，及时处理投诉举报情况；加强特种设备安全监管；落实“双随机、一公开”制度，开展质量信用信息监管。',
      points: 14.5,
      lastYearPoints: 14.5,
      sourceCode: '7.a',
    },
  ].map((i) => ({ ...i, criteria: [], basis: '' })),
  bonuses: ['2022 年度推进质量工作成效突出地方受国办督查激励的市（州）加 1 分', '2022 年度推进质量工作成效突出地方受省政府督查激励的市（州）加 0.5 分', '本辖区内县（市、区）获得 2022 年度省政府质量督查激励表彰的市（州）加 0.2 分'].map((standard) => ({
    project: '质量工作真抓实干督查激励',
    standard,
    basis: '',
  })),
};

/** name → [document, expected page range, text that must be there] */
async function documents(): Promise<Record<string, [Buffer, [number, number], string[]]>> {
  const fw = framework.parse(JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'frameworks/hunan-assessment-2022.json'), 'utf8')));
  const annex4 = annex4Layout(fw, new Map([['samr', '省市场监督管理局']]), { versionNo: 1, status: 'published', publishedAt: '2022-05-20T02:00:00.000Z' });
  const notice = await noticeDocx({
    officeName: office.name,
    officeShortName: office.shortName,
    noticeNo: '湘质强办发〔2023〕8号',
    year: 2023,
    cycleTitle: '2023年度省政府对市州政府质量工作考核',
    unitsWord: '市州',
    deadline: '2023-07-10',
    issuedOn: '2023-06-19',
    contactName: '唐碧辉',
    contactPhone: '0731-85693710',
    contactEmail: 'hnszlfzj@163.com',
    departments: ['省发展改革委', '省教育厅', '省工业和信息化厅', '省公安厅', '省民政厅', '省生态环境厅', '省住房城乡建设厅', '省交通运输厅', '省水利厅', '省农业农村厅', '省商务厅', '省文化和旅游厅', '省卫生健康委', '省应急管理厅', '省林业局', '省市场监督管理局', '省粮食和物资储备局', '长沙海关'],
    baseYear: 2022,
    example: seedExample(2022),
  });
  // a 通知 of the office's: its title and body
  const letter = (title: string, body: Block[]) =>
    gongwenDocx({
      issuer: office.name + '文件',
      docNo: '湘质强办发〔2023〕9号',
      title,
      addressee: '各市州人民政府',
      body,
      signature: office.name,
      date: '2023-06-19',
      cc: ['省人民政府办公厅'],
      printedBy: office.name,
      printedOn: '2023-06-20',
    });
  // three pages of body text (no punctuation inside a line, so no line breaks early or late)
  const long = await letter(
    '关于加强质量工作的通知',
    Array.from({ length: 24 }, () => ({ kind: 'p' as const, text: `${'各市州要对照考核反馈意见认真分析失分原因逐项制定整改措施明确责任单位和完成时限'.repeat(2)}。` })),
  );
  // a body of a ranking table of n rows (and a chart under it): the kit lays it out by its rows
  const chart = { kind: 'image' as const, png: renderChartSpecPng(rankingChart(CITIES.map((c, i) => ({ name: c, total: 90 - i, rank: i + 1, grade: 'A', veto: false })))), width: 800, height: 400, caption: '图1 各市州得分' };
  const ranking = (n: number, withChart = false) =>
    letter('关于质量工作考核结果的通报', [
      { kind: 'p', text: '根据考核方案，现将考核结果通报如下。' },
      { kind: 'h1', text: '一、考核结果' },
      { kind: 'p', text: '各市州得分及排名见下表。' },
      { kind: 'table', header: ['排名', '市州', '总分', '等级'], rows: Array.from({ length: n }, (_, i) => [String(i + 1), CITIES[i % 14]!, '91.5', 'A']) },
      ...(withChart ? [chart] : []),
    ]);
  return {
    // a table body ending on page 2 with room (the 版记 at its foot), one ending on page 3 (the 版记 on page 4), a chart under a table ending on page 2
    'table-even': [await ranking(14), [2, 2], ['关于质量工作考核结果的通报', '湘西土家族苗族自治州', '2023年6月19日', '2023年6月20日印发']],
    'table-odd': [await ranking(40), [4, 4], ['关于质量工作考核结果的通报', '2023年6月19日', '2023年6月20日印发']],
    'chart-even': [await ranking(10, true), [2, 2], ['图1各市州得分', '2023年6月19日', '2023年6月20日印发']],
    // the body ends on page 5: the 版记 on page 6, an even page of its own
    long: [long, [6, 6], ['关于加强质量工作的通知', '2023年6月19日', '2023年6月20日印发']],
    notice: [notice, [5, 7], ['湖南省质量强省领导小组办公室文件', '湘质强办发〔2023〕8号', '《2023年湖南省质量强省工作要点》', '2023年6月19日', '附件1', '2023年6月19日印发', '—1—']],
    bulletin: [await resultsBulletinDocx(results, office, { date: '2024-03-20' }), [2, 4], ['考核结果的通报', '各市州人民政府：', '湘西土家族苗族自治州', '2024年3月20日', '2024年3月20日印发']],
    // the lost points in a landscape 附件, the 版记 after it on an even page of its own (a blank page first when the 附件 ends on one)
    'feedback-charts': [await feedbackDocx(fiveDomains, fiveDomains.units[0], office, { date: '2024-03-20', evaluators: new Map() }), [4, 7], ['图1长沙市各考核领域得分率', '图2总分排名']],
    feedback: [await feedbackDocx(results, units[0], office, { date: '2024-03-20', evaluators: new Map() }), [4, 6], ['反馈意见', '长沙市人民政府：', '你市共有12个考核要点失分', '12.a产品质量监督抽查', '抽查合格率95.1%，低于目', '省市场监督', '2024年3月20日']],
    publicity: [
      await preliminaryPublicityDocx({ ...results, stage: 'preliminary', objectionStart: '2024-03-01', objectionEnd: '2024-03-10' }, office, { date: '2024-02-28' }),
      [2, 3],
      ['初步结果的公示', '公示期为2024年3月1日至2024年3月10日。', '2024年2月28日'],
    ],
    objection: [
      await objectionNoticeDocx(
        objectionView(),
        results.title,
        office,
      ),
      [1, 2],
      ['异议复核结果的告知书', '评分由12分调整为14分', '2024年3月5日'],
    ],
    // a 公文 on the kit: two pages of body, the lost points in a landscape 附件, the 版记 on an even page of its own
    'city-report': [await cityReportDocx(results, units[0], [], office, { evaluators: new Map(), generatedAt: '2024-03-21T02:00:00.000Z' }), [4, 6], ['湖南省质量强省领导小组办公室文件', '×××〔2024〕×号', '长沙市人民政府：', '长沙市考核结果报告', '失分情况及原因', '附件：长沙市失分情况及原因', '2024年3月20日', '2024年3月20日印发']],
    // no lost point and no objection: the body ends on page 2, the 版记 at its foot
    'city-report-clean': [await cityReportDocx(results, units[1], [], office, { evaluators: new Map(), generatedAt: '2024-03-21T02:00:00.000Z' }), [2, 2], ['株洲市考核结果报告', '无失分。', '2024年3月20日印发']],
    // as the demo's 湘西州 (a point lost in each of 30 key points, each with the department's comment): the seven columns on
    // landscape pages of a 附件 in 五号, a row of up to four lines kept on one page (squeezed into a portrait page they wrapped every few characters)
    'city-report-long': [await cityReportDocx(results, LONG_LOSER, [], office, { evaluators: new Map(), generatedAt: '2024-03-21T02:00:00.000Z' }), [8, 10], ['湘西土家族苗族自治州考核结果报告', '失分情况及原因', '第30项', '2024年3月20日印发']],
    'analysis-report': [
      await analysisReportDocx(
        {
          id: 1,
          office: { id: 1, name: office.name },
          region: { id: 2, name: '湖南省' },
          period: '2023-H2',
          periodLabel: '2023年下半年',
          status: 'issued',
          statusLabel: '已印发',
          docNo: '湘质强办发〔2024〕3号',
          issuedOn: '2024-01-26',
          refreshedAt: '2024-01-15T02:00:00.000Z',
          version: 4,
          title: '湖南省2023年下半年质量分析报告',
          sections: SECTION_KEYS.map((key) => ({
            key,
            title: SECTION_TITLES[key],
            text: key === 'outlook' ? '下一步将围绕滞后指标开展专项督导。' : '',
            data:
              key === 'assessment'
                ? {
                    summary: '2022年度考核结果已公布。',
                    tables: [{ title: '历年考核得分与名次', header: ['单位', '2022年度'], rows: CITIES.map((c, i) => [c, `${90 - i}（第${i + 1}名）`]) }],
                    charts: [{ caption: '图：2022年度考核总分排名', spec: rankingChart(CITIES.map((c, i) => ({ name: c, total: 90 - i, rank: i + 1, grade: i < 5 ? 'A' : 'B', veto: false }))) }],
                  }
                : { summary: `${SECTION_TITLES[key]}情况。`, tables: [], charts: [] },
          })),
          abilities: { edit: false, issue: false },
        },
        '2024-01-26',
      ),
      [2, 6],
      ['湖南省2023年下半年质量分析报告', '湘质强办发〔2024〕3号', '历年考核得分与名次', '湘西土家族苗族自治州', '下一步将围绕滞后指标开展专项督导', '2024年1月26日'],
    ],
    'annex4-docx': [await schemeAnnex4Docx(annex4), [3, 8], ['2022年度湖南省政府质量工作考核要点', '实施质量强省战略']],
    ranking: [await rankingWorkbook(results, '市州'), [1, 1], ['考核结果（最终）', '湘西土家族苗族自治州', '基本项得分', '第1页共1页']],
    comparison: [
      await comparisonWorkbook('2023年度省政府对市州政府质量工作考核', 2023, 2022, [{ department: '省市场监督管理局', statusLabel: '已接收', content: seedExample(2022) }]),
      [1, 1],
      ['指标分值对照表', '省市场监督管理局', '实施质量强省战略', '第1页共1页'],
    ],
    'department-sheet': [
      await departmentSheetWorkbook({
        cycleTitle: '2023年度省政府对市州政府质量工作考核',
        department: '省市场监督管理局',
        statusLabel: '已提交',
        lines: CITIES.flatMap((unitName) =>
          ['7.a', '7.b', '8.a', '9.a', '10.a', '11.a'].map((code) => ({ code, itemTitle: '产品质量安全保障', title: '重点产品抽查合格率达到年度目标', points: 3, role: 'base' as const, unitName, score: 2, comment: '抽查合格率95.1%，低于目标，扣1分' })),
        ),
      }),
      [5, 9],
      ['评分表（省市场监督管理局）', '湘西土家族苗族自治州', '评分人（签字）', '（盖章）'],
    ],
    // the demo 省市场监督管理局's sheet of 岳阳市's county assessment: 54 rows of short, ten-line and bonus key points —
    // its last page held nothing but the 盖章 line, the 签字 line left on the page before; each key point once over
    // its counties (it was repeated on every row: 8 pages and more)
    'department-sheet-seal': [
      await departmentSheetWorkbook({
        cycleTitle: '2023年度对县市区政府质量工作考核（演示：评分阶段）',
        department: '省市场监督管理局',
        statusLabel: '评分中',
        lines: [
          ...SAMR_DECLARATION.indicators.flatMap((ind) =>
            COUNTIES.map((unitName, k) => ({ code: ind.sourceCode, itemTitle: ind.item, title: ind.keyPoint, points: ind.points, role: 'base' as const, unitName, score: k < 4 ? ind.points - 0.5 : null, comment: k < 4 ? `（演示数据）「${ind.keyPoint.slice(0, 30)}…」未完全达到要求，扣0.5分` : null })),
          ),
          ...SAMR_DECLARATION.bonuses.flatMap((b, i) =>
            COUNTIES.map((unitName, k) => ({ code: `21.${'abc'[i]}`, itemTitle: b.project, title: b.standard, points: [1, 0.5, 0.2][i]!, role: 'bonus' as const, unitName, score: k < 4 ? 0 : null, comment: null })),
          ),
        ],
      }),
      [3, 5],
      ['评分人（签字）', '（盖章）'],
    ],
    'declaration-xlsx': [
      await buildDeclarationWorkbook({ cycleTitle: '2023年度省政府对市州政府质量工作考核', baseYear: 2022, departmentName: '省市场监督管理局', officeShortName: '省质强办', content: seedExample(2022) }),
      [2, 6],
      ['指标申报表', '加分项申报表', '单位名称：省市场监督管理局', '要点考核内容', '实施质量强省战略', '第1页共'],
    ],
    // the demo 省市场监督管理局's declaration: three indicators and three bonuses, each annex on one page (附件1's five
    // empty rows to write in spilled onto a second page of nothing but empty rows)
    'declaration-short': [
      await buildDeclarationWorkbook({ cycleTitle: '2023年度省政府对市州政府质量工作考核', baseYear: 2022, departmentName: '省市场监督管理局', officeShortName: '省质强办', content: SAMR_DECLARATION }),
      [2, 2],
      ['指标申报表', '加分项申报表', '12315渠道畅通', '第1页共2页', '第2页共2页'],
    ],
    'declaration-docx': [
      await declarationDocx({ cycleTitle: '2023年度省政府对市州政府质量工作考核', baseYear: 2022, departmentName: '省市场监督管理局', officeShortName: '省质强办', content: seedExample(2022) }),
      [2, 6],
      ['附件1', '指标申报表', '附件2', '加分项申报表', '单位名称：省市场监督管理局', '实施质量强省战略'],
    ],
    'cli-xlsx': [
      await scoreWorkbook(
        scoreFramework(framework.parse(MINI_INPUT), {
          framework: 'mini',
          units: [
            { unit: '430100', name: '长沙市', answers: { ...miniAnswers(), '2.1': { a: { value: 99 } } } },
            { unit: '430200', name: '株洲市', answers: { ...miniAnswers(), '6': { a: true } } },
          ],
        }),
      ),
      [2, 4],
      ['测试用指标体系评分结果', '测试用指标体系评分明细', '158.00', '小计', '合计', '第1页共'],
    ],
    'annex4-xlsx': [await schemeAnnex4Xlsx(annex4), [2, 8], ['2022年度湖南省政府质量工作考核要点', '实施质量强省战略']],
    'workplan-notice': [
      await workplanNoticeDocx(workplanNotice),
      [4, 8],
      ['关于2023年工作要点落实情况的通报', '（2023年上半年）', '已办结（销号）1项', '予以通报：省工业和信息化厅', '省质强办于2023年7月3日批准，办理期限由', '延至2024年3月31日', '2023年7月26日', '2023年7月26日印发'],
    ],
    'workplan-matrix': [await workplanMatrixXlsx(workplanMatrix), [1, 3], ['任务×单位督办矩阵', '逾期（牵头）', '娄底市', '已办结（牵头）', '第1页共1页']],
  };
}

describe.skipIf(missing.length > 0 && !required)('documents converted by LibreOffice (headless) to PDF', () => {
  let dir = '';
  const pages: Record<string, number> = {};
  const texts: Record<string, string> = {};
  /** the last page's words with their boxes (pdftotext -bbox) */
  const lastPages: Record<string, string> = {};
  /** each page's text of the Annex 4 exports and the feedback with charts */
  const pageTexts: Record<string, string[]> = {};
  /** …and their words with boxes, page by page */
  const pageBoxes: Record<string, string[]> = {};
  /** page 2 of the long 公文, as laid out */
  let page2 = '';
  /** the work-plan 通报's lines as laid out */
  let noticeLines: string[] = [];
  /** the matrix's text lines as printed (a cell's word broken over two lines shows as two lines) */
  let matrixLines: string[] = [];
  let expected: Awaited<ReturnType<typeof documents>>;

  beforeAll(async () => {
    expect(missing, `KAOPING_REQUIRE_ALL=1 but not installed: ${missing.join(', ')}`).toEqual([]);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-lo-'));
    expected = await documents();
    const files = Object.entries(expected).map(([name, [buf]]) => {
      const ext = buf.subarray(0, 4096).includes(Buffer.from('word/')) ? 'docx' : 'xlsx';
      const f = path.join(dir, `${name}.${ext}`);
      fs.writeFileSync(f, buf);
      return f;
    });
    execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', path.join(dir, 'pdf'), ...files], {
      stdio: 'pipe',
      timeout: 240_000,
    });
    for (const name of Object.keys(expected)) {
      const pdf = path.join(dir, 'pdf', `${name}.pdf`);
      pages[name] = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);
      texts[name] = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
      if (name.startsWith('annex4') || name.startsWith('department-sheet') || name === 'feedback-charts' || name === 'notice') {
        pageTexts[name] = Array.from({ length: pages[name] }, (_, i) =>
          execFileSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ''),
        );
        pageBoxes[name] = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' }).split('<page ').slice(1);
      }
      if (name === 'workplan-matrix') matrixLines = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).split('\n').map((l) => l.trim());
      if (name === 'workplan-notice') noticeLines = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).split('\n');
      if (name === 'long') page2 = execFileSync('pdftotext', ['-f', '2', '-l', '2', '-layout', pdf, '-'], { encoding: 'utf8' });
      lastPages[name] = execFileSync('pdftotext', ['-f', String(pages[name]), '-l', String(pages[name]), '-bbox', pdf, '-'], { encoding: 'utf8' });
    }
    console.log(`LibreOffice PDF page counts: ${JSON.stringify(pages)}`);
  }, 300_000);

  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each(['table-even', 'table-odd', 'chart-even', 'long', 'notice', 'bulletin', 'feedback', 'feedback-charts', 'publicity', 'objection', 'city-report', 'city-report-clean', 'city-report-long', 'analysis-report', 'annex4-docx', 'ranking', 'comparison', 'department-sheet', 'department-sheet-seal', 'declaration-xlsx', 'declaration-short', 'declaration-docx', 'cli-xlsx', 'annex4-xlsx', 'workplan-notice', 'workplan-matrix'])('%s: page count and text', (name) => {
    const [, [min, max], must] = expected[name];
    expect(pages[name], `${name}: ${pages[name]} pages`).toBeGreaterThanOrEqual(min);
    expect(pages[name], `${name}: ${pages[name]} pages`).toBeLessThanOrEqual(max);
    for (const t of must) expect(texts[name], `${name} lacks ${t}`).toContain(t.replace(/\s+/g, ''));
  });

  it('department sheets: the 签字 and 盖章 lines are printed together on the page of the last rows, never on a page of their own', () => {
    for (const name of ['department-sheet', 'department-sheet-seal']) {
      const last = pageTexts[name][pages[name] - 1];
      expect(last, `${name}: last page`).toContain('评分人（签字）');
      expect(last, `${name}: last page`).toContain('（盖章）');
      // a scored row (its unit) on that page too, not only the repeated title and header
      expect(last, `${name}: last page`).toMatch(/临湘市|湘西土家族苗族自治州/);
    }
  });

  it('department sheets: every page begins, under the column headers, with the key point its rows come under — its own heading or its 「（续）」', () => {
    for (const name of ['department-sheet', 'department-sheet-seal']) {
      pageTexts[name].forEach((text, i) => {
        const top = text.slice(text.indexOf('评分说明（失分原因）') + '评分说明（失分原因）'.length);
        expect(top.slice(0, 60), `${name}: page ${i + 1}`).toMatch(/^\d+\.[a-z]/);
      });
    }
    expect(pageTexts['department-sheet-seal'].slice(1).join('')).toContain('（续）');
  });

  it('notice: each blank annex template, its rows and its note, is on one page (no page left with a lone empty row)', () => {
    const pagesOf = pageTexts['notice'];
    const annex1 = pagesOf.find((t) => t.includes('附件1'));
    const annex2 = pagesOf.find((t) => t.includes('附件2'));
    expect(annex1).toContain('指标申报表（模板）');
    expect(annex1).toContain('注：分值参照');
    expect(annex2).toContain('加分项申报表（模板）');
    expect(annex2).toContain('注：');
  });

  it('workplan-matrix: a unit’s word is printed whole — its light on one line, （牵头） under it, never broken inside', () => {
    expect(matrixLines).toContain('（牵头）');
    expect(matrixLines).toContain('已办结');
    // 已办结（牵 over 头） was how the lead's mark printed when the column was sized at half its word
    expect(matrixLines.filter((l) => /（牵$|^头）|（$|^牵头）/.test(l))).toEqual([]);
  });

  it('feedback-charts: the score summary stays on page 1 and the domains’ table fills the page under the radar (no half-empty pages around the charts)', () => {
    const [first, ...rest] = pageTexts['feedback-charts'];
    // the text above a chart is not chained to it: it ends page 1 rather than going over with the chart
    expect(first).toContain('一、考核得分情况');
    expect(first).toContain('你市2023年度质量工作考核总分98分');
    const radar = rest.find((t) => t.includes('图1长沙市各考核领域得分率'));
    expect(radar, 'the radar is on a later page').toBeDefined();
    expect(radar).toContain('考核领域类别得分分值失分');
  });

  it.each(['annex4-xlsx', 'annex4-docx'])('%s: every page names its domain under the repeated header, with 附件 4 and the page number', (name) => {
    const all = pageTexts[name];
    expect(all.length).toBeGreaterThanOrEqual(2);
    all.forEach((text, i) => {
      expect(text, `${name} page ${i + 1}`).toContain('考核要点');
      expect(text, `${name} page ${i + 1}`).toMatch(/(宏观|产品|工程|服务|环境)质量\(\d+(\.\d+)?分\)|加分项|减分项|否决项/);
      expect(text, `${name} page ${i + 1}`).toMatch(name.endsWith('xlsx') ? new RegExp(`第${i + 1}页共${all.length}页`) : new RegExp(`—${i + 1}—`));
    });
    expect(all[0]).toContain('附件4');
    if (name.endsWith('xlsx'))
      pageBoxes[name].forEach((page, i) => {
        expect(all[i]).toContain('附件4');
        // the first row under the header names its domain in column A (a domain merged down prints once, in the
        // middle of its block: 70–90 pt further down, or on another page)
        const words = [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({ x: Number(m[1]), top: Number(m[2]), right: Number(m[3]), bottom: Number(m[4]), text: m[5] }));
        const head = words.find((w) => w.text === '考核领域')!;
        const first = words.filter((w) => w.top > head.bottom && w.x < head.right).sort((a, b) => a.top - b.top)[0];
        expect(first?.text, `${name} page ${i + 1}`).toMatch(/质量|加分项|减分项|否决项/);
        expect(first.top - head.bottom, `${name} page ${i + 1}: ${first.text}`).toBeLessThan(40);
      });
    // the version note's date in Chinese
    expect(all[0]).toContain('第1版（2022年5月20日发布）');
  });

  it('workplan-notice: the 灯 column of the task table holds 报送逾期 on one line', () => {
    const row = noticeLines.find((l) => l.includes('开展制造业质量提升行动') && l.includes('省工业和信息化厅'));
    expect(row).toBeDefined();
    expect(row!.replace(/\s+/g, '')).toMatch(/—报送逾期$/);
  });

  it('a full page of 公文 body text is 22 lines of 28 characters', () => {
    const lines = page2
      .split('\n')
      .map((l) => l.replace(/\s+/g, ''))
      .filter((l) => l && !/^—\d+—$/.test(l));
    expect(lines).toHaveLength(22);
    // a paragraph is 2 × 38 characters and a 。: its first line 26 after the two-character indent, then 28, then the rest
    const full = lines.filter((l) => l.length >= 26);
    expect(full.length).toBeGreaterThanOrEqual(14);
    for (const l of full) expect([26, 28]).toContain(l.length);
    expect(full.filter((l) => l.length === 28).length).toBeGreaterThanOrEqual(7);
  });

  it('notice: the 版记 after the landscape 附件 is on an even page (封四), after a blank page when the 附件 end on an even one, and neither is numbered', () => {
    // exported with the blank pages the layout inserts, as a printer gets them (the PDF export leaves them out by default)
    const pdf = path.join(dir, 'blank-pages', 'notice.pdf');
    execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--norestore', '--convert-to', 'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}', '--outdir', path.dirname(pdf), path.join(dir, 'notice.docx')], {
      stdio: 'pipe',
      timeout: 120_000,
    });
    const n = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);
    const page = (i: number) => execFileSync('pdftotext', ['-f', String(i), '-l', String(i), pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    // the 附件 end on page 4: page 5 is left blank, the 版记 is page 6, neither numbered
    expect(n).toBe(6);
    expect(page(4)).toContain('—4—');
    expect(page(5)).toBe('');
    expect(page(6)).toContain('2023年6月19日印发');
    expect(page(6)).not.toMatch(/—\d+—/);
  }, 120_000);

  it('the 版记 is on the last page, an even one (GB/T 9704 §9.3), printed with the blank pages the layout inserts', () => {
    const names = ['table-even', 'table-odd', 'chart-even', 'long', 'notice', 'bulletin', 'feedback', 'publicity', 'objection', 'workplan-notice', 'analysis-report', 'city-report', 'city-report-clean', 'city-report-long'];
    const out = path.join(dir, 'parity');
    execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--norestore', '--convert-to', 'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}', '--outdir', out, ...names.map((n) => path.join(dir, `${n}.docx`))], {
      stdio: 'pipe',
      timeout: 240_000,
    });
    for (const name of names) {
      const pdf = path.join(out, `${name}.pdf`);
      const n = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);
      const last = execFileSync('pdftotext', ['-f', String(n), '-l', String(n), pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
      expect(n % 2, `${name}: ${n} pages`).toBe(0);
      expect(last, `${name}: page ${n}`).toMatch(/日印发/);
      // a table or chart body ending on an even page with room: the 版记 at the foot of that page, no blank page and no
      // page of its own after it (the kit sent it to page 4)
      if (name.endsWith('-even')) {
        expect(n, name).toBe(2);
        expect(last, name).toContain('2023年6月19日');
      }
    }
  }, 240_000);

  it.each(['table-even', 'table-odd', 'chart-even', 'long', 'notice', 'bulletin', 'feedback', 'feedback-charts', 'publicity', 'objection', 'workplan-notice'])('%s: the 版记 sits at the foot of the last page', (name) => {
    const height = Number(/<page width="[\d.]+" height="([\d.]+)"/.exec(lastPages[name])?.[1]);
    const words = [...lastPages[name].matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({ top: Number(m[1]), bottom: Number(m[2]), text: m[3] }));
    const printed = words.find((w) => w.text.endsWith('日印发'));
    expect(printed, `${name}: no 印发 on the last page`).toBeDefined();
    // in the bottom quarter of the page, on the last line of the 版心 (its foot is 35 mm ≈ 99 pt above the page's)
    expect(printed!.top / height).toBeGreaterThan(0.75);
    expect(height - printed!.bottom).toBeGreaterThan(99);
    expect(height - printed!.bottom).toBeLessThan(99 + 30);
    // nothing but the page number below it, and no text of the body runs into the 版记
    const cc = words.find((w) => w.text.startsWith('抄送'));
    const recordTop = (cc ?? printed)!.top;
    expect(words.filter((w) => w.top > printed!.bottom).every((w) => /^[—\d]+$/.test(w.text))).toBe(true);
    expect(words.filter((w) => w.top < recordTop).every((w) => w.bottom <= recordTop + 1)).toBe(true);
  });
});
