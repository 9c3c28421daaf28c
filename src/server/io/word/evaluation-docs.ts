/**
 * The creation evaluation's documents (issue 11, seed 004 《质量强市（区、县）创建和评价规范》) as 公文 on the
 * document kit, issued by the organiser (评价组织单位) to the applicant:
 * - decisionDocx: 受理通知书 after 受理, or 不予受理通知书 naming the condition (its text in the seed) and the reason;
 * - evaluationReportDocx: 评价报告 once the team leader has confirmed the 综合评价 — the total (prorated when there
 *   are 合理缺项), the pass mark and the conclusion, a radar of the 11 groups, a table per group and per item, every
 *   item that lost points with the experts' reasons (never their names: "专家意见"), the team leader's agreed
 *   scores with the reasons, and the on-site findings.
 * Pure builders over plain inputs; the routes (modules/evaluation/evaluation-docs.routes.ts) read the rows.
 */
import { evaluationRadarChart, type ChartSpec } from '../../../shared/charts';
import { COMBINE_METHOD_LABELS, splitKey, type CombineMethod, type Consolidation } from '../../../shared/evaluation/consolidate';
import { renderChartSpecPng } from '../charts';
import { arabicDate, docNoOrPlaceholder, gongwenDocx, sameDecimals, titleLines, type Block } from '../document-kit/gongwen';
import type { ChartImage } from './results-docs';
import { stripDemoMark } from './notice';
import { bareClause } from '../../../shared/text';
import { scoreRate } from '../../../shared/figures';
import { cleanTitle as clean, criterionNamer, itemOpinions } from '../../../shared/evaluation/opinions';

/** the seed's title, as every document cites it */
export const STANDARD = '《质量强市（区、县）创建和评价规范》';

export interface EvaluationParties {
  /** the 评价组织单位 (an office) */
  organiser: { name: string; shortName: string };
  /** the applicant city or county, e.g. "岳麓区" */
  applicant: string;
  round: { year: number; title: string };
  demo?: boolean;
}

export interface DecisionDocInput extends EvaluationParties {
  decision: 'accepted' | 'refused';
  /** ISO; the application's submission */
  submittedAt: string | null;
  /** ISO date of the decision (成文日期) */
  decidedOn: string;
  /** for a refusal: the condition (its code and the seed's text) and the organiser's reason */
  refusal?: { code: string; text: string; reason: string } | null;
  /** for an acceptance despite a department's finding or a question not answered: what they said and why it was accepted */
  accepted?: { concerns: string[]; reason: string } | null;
  docNo?: string | null;
}

/** "岳麓区" → "区", "长沙市" → "市", "宁乡县" → "县": the 质量强X the applicant creates, and "你X" */
const kindChar = (name: string) => (/[市区县州]$/.test(name) ? name.slice(-1) : '市');
const you = (name: string) => `你${kindChar(name)}`;
const strong = (name: string) => `质量强${kindChar(name) === '州' ? '市' : kindChar(name)}`;
const demoMark = (p: EvaluationParties) => (p.demo || /演示数据/.test(p.round.title) ? '演示数据' : null);

export async function decisionDocx(d: DecisionDocInput): Promise<Buffer> {
  const refused = d.decision === 'refused';
  if (refused && !d.refusal) throw new Error('a refusal needs its condition and reason');
  const who = you(d.applicant);
  const received = d.submittedAt ? `${who}于${arabicDate(d.submittedAt)}提交的创建${strong(d.applicant)}评价申请收悉。` : `${who}提交的创建${strong(d.applicant)}评价申请收悉。`;
  const body: Block[] = refused
    ? [
        { kind: 'p', text: `${received}经审查，${who}存在${STANDARD}规定的不予受理情形：“${bareClause(d.refusal!.text)}”。` },
        { kind: 'p', text: `理由：${bareClause(d.refusal!.reason)}。` },
        { kind: 'p', text: `根据${STANDARD}关于申请评价对象“有以下情况的不予受理”的规定，${d.organiser.shortName}决定对${who}本次创建${strong(d.applicant)}评价申请不予受理。` },
        { kind: 'p', text: `${who}在上述情形消除后，可在以后年度的评价批次中重新提出申请。如有疑问，请与${d.organiser.shortName}联系。` },
        { kind: 'p', text: '特此通知。' },
      ]
    : [
        d.accepted
          ? {
              kind: 'p',
              text: `${received}经审查，${who}的申请材料齐全。征求成员单位意见中，${d.accepted.concerns.map(bareClause).join('；')}。经核实，${bareClause(d.accepted.reason)}。${d.organiser.shortName}决定予以受理。`,
            }
          : { kind: 'p', text: `${received}经审查，${who}的申请材料齐全，未发现${STANDARD}规定的不予受理情形，${d.organiser.shortName}决定予以受理。` },
        {
          kind: 'p',
          text: `${d.organiser.shortName}将按照${STANDARD}制定评价工作方案，组织评价专家采取资料评审和现场评审相结合的方式，依据评分表（表A.1）逐项评分。请${who}指定专人负责联络，按评价工作方案的时间安排如实提供有关资料，做好现场评审的准备工作。评价结束后，${d.organiser.shortName}将评价结果反馈${who}。`,
        },
        { kind: 'p', text: '特此通知。' },
      ];
  return gongwenDocx({
    issuer: `${d.organiser.name}文件`,
    docNo: docNoOrPlaceholder(d.docNo, d.decidedOn),
    // broken where the words part: the applicant's line, then what the notice is
    title: `关于${d.applicant}创建${strong(d.applicant)}\n评价申请的${refused ? '不予受理通知书' : '受理通知书'}`,
    mark: demoMark(d),
    addressee: `${d.applicant}人民政府`,
    body,
    signature: d.organiser.name,
    date: d.decidedOn,
    printedBy: d.organiser.name,
    printedOn: d.decidedOn,
  });
}

export interface ReportDocInput extends EvaluationParties {
  consolidation: Consolidation;
  /** the plan's 合理缺项: the criterion, its points and the reason */
  notApplicable: { key: string; points: string; reason: string }[];
  method: CombineMethod;
  /** how many experts scored (their names are not in the report) */
  experts: number;
  schedule: { documentReviewStart: string | null; documentReviewEnd: string | null; siteReviewStart: string | null; siteReviewEnd: string | null };
  /** ISO; the 受理 */
  acceptedAt: string | null;
  /** the applicant has confirmed receipt on the platform (then the report no longer asks it to) */
  acknowledged?: boolean;
  /** the experts' reasons for points lost, by "item.criterion", names dropped, in the experts' order */
  reasons: Record<string, string[]>;
  /** the panel's on-site findings */
  findings: { itemCode: string | null; text: string }[];
  /** every criterion of the score sheet by "item.criterion" (1.2.c) → its title: the report names a sub-clause by its
   * words, since table A.1 does not letter them (left out: the bare key) */
  criteria?: Readonly<Record<string, string>>;
  /** the peer table the rank criteria ranked against (the plan's copy): its title, the criteria, how many peers */
  peerTable?: { title: string; criteria: string[]; peers: number } | null;
  /** ISO date of the report (成文日期): the confirmation of the 综合评价 */
  date: string;
  docNo?: string | null;
  /** charts to embed; left out, the radar of the groups is drawn from the consolidation */
  images?: ChartImage[];
}

const n = (x: string) => Number(x);
const dec = (x: number) => String(Math.round(x * 100) / 100);

/** Each group (指标项) with its points, the 合理缺项 points in it, what is still scored and the combined score. */
export function groupsOf(c: Consolidation) {
  return c.sections.map((s) => {
    const items = c.items.filter((i) => i.section === s.code);
    const maximum = items.reduce((a, i) => a + n(i.maximum), 0);
    return { code: s.code, title: s.title, points: s.points, notApplicable: dec(n(s.points) - maximum), maximum: dec(maximum), score: s.score };
  });
}

/** Items whose combined score is below their maximum (after 合理缺项), with what was lost. */
export function lostItems(c: Consolidation) {
  return c.items.filter((i) => i.combined !== null && n(i.combined) < n(i.maximum)).map((i) => ({ ...i, lost: dec(n(i.maximum) - n(i.combined!)) }));
}

/** The radar of the groups' score rates, drawn on the server (ECharts SVG → PNG at twice the size). */
export function reportCharts(c: Consolidation, applicant: string): ChartImage[] {
  const spec: ChartSpec | null = evaluationRadarChart(groupsOf(c), applicant);
  return spec ? [{ png: renderChartSpecPng(spec), width: spec.width, height: spec.height, caption: `图1 ${applicant}各指标项得分率` }] : [];
}

/** "2025-06-01" – "2025-06-05" → "2025年6月1日至2025年6月5日" */
const period = (a: string | null, b: string | null) => (a && b ? `${arabicDate(a)}至${arabicDate(b)}` : a ? `${arabicDate(a)}起` : null);

/** a peer table's title in running text: "2023年 省内同级城市 获奖企业数量" (as the pages set it) → no spaces between Chinese words */
const words = (s: string) => s.replace(/(?<=[\u3000-\u9fff\uff00-\uffef])\s+(?=[\u3000-\u9fff\uff00-\uffef])/g, '');

export async function evaluationReportDocx(r: ReportDocInput): Promise<Buffer> {
  const c = r.consolidation;
  const criterion = criterionNamer(r.criteria);
  const who = you(r.applicant);
  const groups = groupsOf(c);
  const lost = lostItems(c);
  const agreed = c.items.filter((i) => i.agreed);
  const itemTitle = new Map(c.items.map((i) => [i.code, i.title]));
  const naPoints = n(c.notApplicablePoints);
  const verdict = c.passed === null ? '待定（尚有项目待评价组组长确定得分）' : c.passed ? '通过' : '未通过';
  const docPeriod = period(r.schedule.documentReviewStart, r.schedule.documentReviewEnd);
  const sitePeriod = period(r.schedule.siteReviewStart, r.schedule.siteReviewEnd);
  const schedule = [docPeriod && `资料评审${docPeriod}`, sitePeriod && `现场评审${sitePeriod}`].filter(Boolean).join('，');

  const body: Block[] = [
    {
      kind: 'p',
      text: `根据${STANDARD}和${stripDemoMark(r.round.title)}工作安排，${r.organiser.shortName}${r.acceptedAt ? `于${arabicDate(r.acceptedAt)}` : ''}受理${who}创建${strong(r.applicant)}评价申请后，制定了评价工作方案，组织${r.experts}名评价专家采取资料评审和现场评审相结合的方式${schedule ? `（${schedule}）` : ''}，依据评分表（表A.1）逐项评分，各专家评分按“${COMBINE_METHOD_LABELS[r.method]}”形成综合评价，经评价组组长确认。现将评价结果报告如下。`,
    },
    { kind: 'h1', text: '一、评价结果' },
    {
      kind: 'p',
      text: `${who}创建${strong(r.applicant)}评价总分为${c.total}分（评分表总分${c.scale}分${c.passMark ? `，${c.passMark}分及以上为合格` : ''}），评价结论为${verdict}。`,
    },
  ];
  if (naPoints > 0) {
    const list = r.notApplicable.map((x) => `${x.key}（${x.points}分，${bareClause(x.reason)}）`).join('；');
    body.push({
      kind: 'p',
      text: `评价工作方案确定合理缺项${r.notApplicable.length}项，计${c.notApplicablePoints}分：${list}。各项目得分合计${c.score}分，按规范折算总分：${c.score}×${c.scale}÷（${c.scale}－${c.notApplicablePoints}）＝${c.total}分。`,
    });
  }
  const capped = c.items.filter((i) => i.capped);
  if (capped.length) {
    body.push({
      kind: 'p',
      text: `评分表第${capped.map((i) => i.code).join('、')}项的评分方法最高档分值高于该项分值（${capped.map((i) => `${i.code}项分值${i.points}分`).join('，')}），评分表原文照录，按该项分值封顶计分。`,
    });
  }
  if (r.peerTable) {
    body.push({
      kind: 'p',
      text: `评分表第${r.peerTable.criteria.map((k) => (criterion.sole(k) ? splitKey(k).item : k)).join('、')}项按在同级单位中的排名计分，排名依据评价工作方案选定的同级比较表“${words(r.peerTable.title)}”（批准方案时的数值，${r.peerTable.peers}个同级单位）。`,
    });
  }
  body.push(
    { kind: 'h1', text: '二、各指标项得分情况' },
    { kind: 'p', text: `${c.sections.length}个指标项的分值和得分见下表（得分率为得分占该指标项扣除合理缺项后分值的比例）。` },
    {
      kind: 'table',
      header: ['序号', '指标项', '分值', '合理缺项', '得分', '得分率'],
      // the points, 合理缺项 and scores as many decimals on every row as their most (70 over 103.33 read 70.00)
      rows: sameDecimals(
        [
          ...groups.map((g) => [g.code, g.title, g.points, n(g.notApplicable) > 0 ? g.notApplicable : '—', g.score, scoreRate(g.score, g.maximum)]),
          ['', '合计', c.scale, naPoints > 0 ? c.notApplicablePoints : '—', c.score, scoreRate(c.score, dec(n(c.scale) - naPoints))],
        ],
        [2, 3, 4],
      ),
      weights: [0.8, 3.6, 1, 1.3, 1, 1.2],
      align: ['center', 'left', 'center', 'center', 'center', 'center'],
    },
  );
  // the radar of the 指标项' score rates under their table: after 一's few paragraphs it went to page 3 whole (600×480,
  // a 版心 wide) and left page 2 half empty
  body.push(...(r.images ?? reportCharts(c, r.applicant)).map((i) => ({ kind: 'image' as const, ...i })));
  body.push(
    { kind: 'h1', text: '三、各评价项目得分情况' },
    { kind: 'p', text: `评分表${c.items.length}个评价项目的分值和综合得分见下表。` },
    {
      kind: 'table',
      header: ['编号', '评价项目', '分值', '综合得分', '失分'],
      // 综合得分 10 beside 13.33 reads 10.00, 失分 0 beside 1.67 0.00; a 分值 with its 缺项 under it stays as it is
      rows: sameDecimals(
        c.items.map((i) => [
          i.code,
          clean(i.title),
          n(i.maximum) < n(i.points) ? `${i.points}\n（缺项${dec(n(i.points) - n(i.maximum))}）` : i.points,
          i.combined ?? '—',
          i.combined === null ? '—' : dec(n(i.maximum) - n(i.combined)),
        ]),
        [2, 3, 4],
      ),
      weights: [0.9, 5, 1.2, 1.3, 0.9],
      align: ['center', 'left', 'center', 'center', 'center'],
      size: 21,
    },
    { kind: 'h1', text: '四、失分项目及专家意见' },
  );
  if (!lost.length) body.push({ kind: 'p', text: '各评价项目均得满分，无失分项目。' });
  else {
    body.push({ kind: 'p', text: `共有${lost.length}个评价项目失分，逐项列明如下（专家意见为评价专家评分时写明的扣分理由）。` });
    body.push({
      kind: 'table',
      header: ['序号', '评价项目', '失分', '专家意见'],
      rows: sameDecimals(
        lost.map((i, k) => {
          // the row names the item; a sub-clause of several is named by its words (table A.1 does not letter them)
          const opinions = itemOpinions(r.criteria, r.reasons, i.code);
          return [String(k + 1), `${i.code} ${clean(i.title)}`, i.lost, opinions.length ? opinions.join('\n') : '—'];
        }),
        [2],
      ),
      weights: [0.8, 3, 0.9, 4.6],
      align: ['center', 'left', 'center', 'left'],
    });
  }
  body.push({ kind: 'h1', text: '五、评价组组长确定的得分' });
  if (!agreed.length) body.push({ kind: 'p', text: '无。' });
  else {
    body.push({ kind: 'p', text: `专家评分分歧较大${r.method === 'leader' ? '或按评价工作方案须由组长确定' : ''}的${agreed.length}个评价项目，由评价组组长组织讨论后确定得分如下。` });
    body.push({
      kind: 'table',
      header: ['编号', '评价项目', '专家\n平均分', '确定\n得分', '理由'],
      rows: sameDecimals(
        agreed.map((i) => [i.code, clean(i.title), i.mean ?? '—', i.agreed!.score, bareClause(i.agreed!.reason)]),
        [2, 3],
      ),
      weights: [0.9, 2.8, 1.2, 1.2, 3.6],
      align: ['center', 'left', 'center', 'center', 'left'],
    });
  }
  body.push({ kind: 'h1', text: '六、现场评审发现的问题' });
  if (!r.findings.length) body.push({ kind: 'p', text: '无。' });
  else
    r.findings.forEach((f, k) =>
      body.push({ kind: 'p', text: `${k + 1}. ${bareClause(f.text)}${f.itemCode ? `（评价项目${f.itemCode} ${clean(itemTitle.get(f.itemCode) ?? '')}）` : ''}。` }),
    );
  body.push(
    { kind: 'h1', text: '七、有关要求' },
    {
      kind: 'p',
      text: `请${who}对照失分项目、专家意见和现场评审发现的问题，认真分析原因，制定整改措施，明确责任单位和完成时限，持续提升质量工作水平。${r.acknowledged ? '' : '收到本报告后，请通过考评平台确认。'}`,
    },
  );
  return gongwenDocx({
    issuer: `${r.organiser.name}文件`,
    docNo: docNoOrPlaceholder(r.docNo, r.date),
    title: titleLines(`关于${r.applicant}创建${strong(r.applicant)}的评价报告`),
    mark: demoMark(r),
    addressee: `${r.applicant}人民政府`,
    body,
    signature: r.organiser.name,
    date: r.date,
    printedBy: r.organiser.name,
    printedOn: r.date,
  });
}
