/**
 * The results as 公文 on the document kit:
 * - resultsBulletinDocx: 考核结果通报 — the office tells the assessed governments the results (grades, the
 *   ranking table, what follows);
 * - feedbackDocx: 反馈意见书 for one city — its score, rank and grade, the domains, and every lost point with
 *   its reason and the department that scored it, then what to rectify. `images` takes charts (PNG) to embed
 *   under the score summary (the city's radar and rank charts, drawn on the server);
 * - preliminaryPublicityDocx: 初步结果公示 — the preliminary ranking and the objection window;
 * - objectionNoticeDocx: 异议复核结果告知书 — the answer to one objection (upheld or adjusted, before → after,
 *   the department's reason), to the city that raised it, copied to the department.
 */
import { formatAnswer, keyPointLabel, keyPointName, sectionFigures, vetoTitles, type CriterionLine, type ObjectionView, type ResultsView, type UnitResultView } from '../../../shared/contracts/results';
import { resultsRadarChart, resultsRankingChart, type ChartSpec } from '../../../shared/charts';
import { renderChartSpecPng } from '../charts';
import { annexLabel, arabicDate, docNoOrPlaceholder, gongwenDocx, kitTable, LANDSCAPE_TEXT_WIDTH, LINE, sameDecimals, SIZE, titleLines, titleParas, type Block } from '../document-kit/gongwen';
import { stripDemoMark } from './notice';
import { chinaDayOf } from '../../../shared/deadline';
import { bareClause } from '../../../shared/text';

export interface IssuingOffice {
  name: string;
  shortName: string;
  /** 市州 or 县市区 */
  unitsWord: string;
}

export interface ChartImage {
  png: Buffer | Uint8Array;
  width: number;
  height: number;
  caption: string;
}

export interface ResultsDocOptions {
  /** 成文日期 and 印发日期 (ISO) */
  date: string;
  docNo?: string | null;
  /** charts to embed; left out, each document draws its own from the results (the same definitions as the results tab) */
  images?: ChartImage[];
}

/** A chart drawn on the server (ECharts SVG → PNG at twice the size for print), shown at its own size, with a caption. */
function chartImage(spec: ChartSpec | null, caption: string): ChartImage[] {
  return spec ? [{ png: renderChartSpecPng(spec), width: spec.width, height: spec.height, caption }] : [];
}

/** The bulletin's chart: every unit's total, in rank order. */
export const bulletinCharts = (v: ResultsView): ChartImage[] => chartImage(resultsRankingChart(v), `图1 ${v.year}年度考核总分排名`);

/** The feedback's charts: the unit's domain radar against the average, and where it stands in the ranking. */
export const feedbackCharts = (v: ResultsView, u: UnitResultView): ChartImage[] => {
  const radar = chartImage(resultsRadarChart(v, u.unitId), `图1 ${u.unitName}各考核领域得分率`);
  return [...radar, ...chartImage(resultsRankingChart(v), `图${radar.length + 1} 总分排名`)];
};

const stageNote = (v: ResultsView, what: string) =>
  v.stage === 'preliminary'
    ? `本${what}为初步结果${v.objectionStart && v.objectionEnd ? `，异议期为${arabicDate(v.objectionStart)}至${arabicDate(v.objectionEnd)}` : ''}，以最终发布结果为准。`
    : null;
const demoMark = (v: ResultsView) => (v.demo || /演示数据/.test(v.title) ? '演示数据' : null);
const show = (x: string | null) => x ?? '—';
/** "长沙市" → "你市", "湘西土家族苗族自治州" → "你州", a county → "你县"… */
const you = (unitName: string) => `你${unitName.slice(-1)}`;
const governments = (unitsWord: string) => `各${unitsWord}人民政府`;
const ROLE = { base: '基本项', bonus: '加分项', deduction: '减分项', veto: '否决项' } as const;
const sorted = (v: ResultsView) => [...v.units].sort((a, b) => (a.rank ?? 999) - (b.rank ?? 999));

/** grades in order with their units: "A等级（3个）：长沙市、岳阳市、常德市" */
export function gradeLines(v: ResultsView): string[] {
  const by = new Map<string, string[]>();
  for (const u of sorted(v)) if (u.grade) by.set(u.grade, [...(by.get(u.grade) ?? []), u.unitName]);
  return [...by.keys()].sort().map((g) => `${g}等级（${by.get(g)!.length}个）：${by.get(g)!.join('、')}`);
}

/**
 * The ranking table of the bulletin and the publicity: with a 备注 column when a veto struck (否决), and under
 * the table a 注 naming each struck unit's veto item by its short title in the scheme — a code such as "23.a" tells
 * a reader of the 公文 nothing — so that a unit graded below one with more points is explained where the grades are
 * read. The title goes under the table, not in the cell: a 备注 column wide enough for it squeezes the unit names onto
 * two lines.
 */
function rankingTable(v: ResultsView, units: UnitResultView[], office: { unitsWord: string }): Block[] {
  const vetoed = units.filter((u) => u.veto);
  const note = vetoed.length > 0;
  const table: Block = {
    kind: 'table',
    header: ['排名', office.unitsWord === '市州' ? '市州' : '县市区', '基本项得分', '加分', '减分', '总分', '等级', ...(note ? ['备注'] : [])],
    rows: sameDecimals(
      units.map((u) => [
        u.rank === null ? '—' : String(u.rank),
        u.unitName,
        show(u.baseScore),
        show(u.bonus),
        show(u.deduction),
        show(u.total),
        show(u.grade),
        ...(note ? [u.veto ? '否决' : ''] : []),
      ]),
      [2, 3, 4, 5],
    ),
    weights: [0.8, 3.6, 1.5, 0.9, 0.9, 1, 0.8, ...(note ? [1] : [])],
    align: ['center', 'left', 'center', 'center', 'center', 'center', 'center', ...(note ? ['center' as const] : [])],
  };
  const notes = vetoed.map((u) => `${u.unitName}触发否决项${vetoTitles(v, u).map((t) => `“${t}”`).join('')}`);
  return note ? [table, { kind: 'p', text: `注：${notes.join('；')}。` }] : [table];
}

export async function resultsBulletinDocx(v: ResultsView, office: IssuingOffice, o: ResultsDocOptions): Promise<Buffer> {
  const cycle = stripDemoMark(v.title);
  const units = sorted(v);
  const body: Block[] = [
    {
      kind: 'p',
      text: `根据${cycle}方案，${office.shortName}组织有关成员单位对${units.length}个${office.unitsWord}${v.year}年度质量工作进行了考核，考核结果${v.stage === 'final' ? '已经确定' : '已初步形成'}。现将有关情况通报如下。`,
    },
    { kind: 'h1', text: '一、考核结果' },
    // the grades the units received, not the scheme's: 「分为1个等级」 (all nine counties A) misstated a four-grade scheme
    { kind: 'p', text: `${v.year}年度各${office.unitsWord}考核等级如下：` },
    ...gradeLines(v).map((text) => ({ kind: 'p' as const, text: `${text}。` })),
    ...(o.images ?? bulletinCharts(v)).map((i) => ({ kind: 'image' as const, ...i })),
    { kind: 'p', text: `各${office.unitsWord}得分及排名见下表。` },
    ...rankingTable(v, units, office),
    { kind: 'h1', text: '二、有关要求' },
    {
      kind: 'p',
      text: `各${office.unitsWord}要对照考核反馈意见，认真分析失分原因，逐项制定整改措施，明确责任单位和完成时限，于通报印发之日起30日内将整改情况报送${office.shortName}。考核结果较好的地区要总结经验、巩固提升，考核结果靠后的地区要找准差距、补齐短板，推动质量工作再上新台阶。`,
    },
  ];
  const note = stageNote(v, '通报');
  if (note) body.push({ kind: 'p', text: note });
  return gongwenDocx({
    issuer: `${office.name}文件`,
    docNo: docNoOrPlaceholder(o.docNo, o.date),
    title: titleLines(`${office.name}关于${cycle}结果的通报`, office.name),
    mark: demoMark(v),
    addressee: governments(office.unitsWord),
    body,
    attachments: [],
    signature: office.name,
    date: o.date,
    cc: [`${office.name.replace(/办公室$/, '')}各成员单位`],
    printedBy: office.name,
    printedOn: o.date,
  });
}

/** 初步结果公示: the preliminary results with the objection window, before they are final */
export async function preliminaryPublicityDocx(v: ResultsView, office: IssuingOffice, o: ResultsDocOptions): Promise<Buffer> {
  const cycle = stripDemoMark(v.title);
  const units = sorted(v);
  const window = v.objectionStart && v.objectionEnd ? `${arabicDate(v.objectionStart)}至${arabicDate(v.objectionEnd)}` : '另行通知';
  const body: Block[] = [
    {
      kind: 'p',
      text: `根据${cycle}方案，${office.shortName}组织有关成员单位对${units.length}个${office.unitsWord}${v.year}年度质量工作进行了考核，形成了初步结果。现予以公示。`,
    },
    { kind: 'h1', text: '一、初步结果' },
    ...rankingTable(v, units, office),
    { kind: 'h1', text: '二、公示期及异议' },
    { kind: 'p', text: `公示期为${window}。` },
    {
      kind: 'p',
      text: `公示期间，各${office.unitsWord}对本地区考核要点的评分有异议的，可通过考评平台逐项提出，写明理由并附佐证材料，由评价部门复核答复。逾期未提出的，视为无异议。公示期满、异议处理完毕后，${office.shortName}发布最终结果。`,
    },
  ];
  return gongwenDocx({
    issuer: `${office.name}文件`,
    docNo: docNoOrPlaceholder(o.docNo, o.date),
    title: titleLines(`${office.name}关于${cycle}初步结果的公示`, office.name),
    mark: demoMark(v),
    addressee: governments(office.unitsWord),
    body,
    signature: office.name,
    date: o.date,
    cc: [`${office.name.replace(/办公室$/, '')}各成员单位`],
    printedBy: office.name,
    printedOn: o.date,
  });
}

/** the lost points of a unit: base points below the maximum, deductions, and the veto items that applied */
export function lostPoints(u: UnitResultView): CriterionLine[] {
  return u.criteria.filter((c) => c.lost !== '0' || (c.role === 'veto' && u.vetoCodes.includes(c.code)));
}

export interface FeedbackDocOptions extends ResultsDocOptions {
  /** the evaluating departments as the scheme names them (seed 000 附件4), by org code: `evaluatorNames()` */
  evaluators: ReadonlyMap<string, string>;
}

/**
 * The evaluating department of a key point as a result document prints it: as the scheme (附件4) the unit was
 * assessed under names it — 质量强省领导小组办公室, 省发改委, 省市场监督管理局 — so each row matches the scheme's line,
 * never the office's 省质强办 beside the departments' full names (the results hold whatever name the org table had).
 */
export const evaluatorName = (c: Pick<CriterionLine, 'department'>, names: ReadonlyMap<string, string>): string =>
  c.department ? (names.get(c.department.code) ?? c.department.name) : '—';

export async function feedbackDocx(v: ResultsView, u: UnitResultView, office: IssuingOffice, o: FeedbackDocOptions): Promise<Buffer> {
  const cycle = stripDemoMark(v.title);
  const lost = lostPoints(u);
  const rankText = u.rank === null ? '' : `，排名第${u.rank}位（共${v.unitCount}个${office.unitsWord}）`;
  const struck = vetoTitles(v, u);
  const veto = u.veto ? `，触发否决项${struck.map((t) => `“${t}”`).join('')}` : '';
  const body: Block[] = [
    { kind: 'p', text: `根据${cycle}工作安排，${office.shortName}组织有关成员单位对${you(u.unitName)}${v.year}年度质量工作进行了考核。现将考核情况反馈如下。` },
    { kind: 'h1', text: '一、考核得分情况' },
    {
      kind: 'p',
      text: `${you(u.unitName)}${v.year}年度质量工作考核总分${show(u.total)}分${rankText}，等级为${show(u.grade)}。其中基本项得分${show(u.baseScore)}分，加分${show(u.bonus)}分，减分${show(u.deduction)}分${veto}。`,
    },
  ];
  // the first chart (the domains' radar), the domains' table, then the other charts: the table fills the page under
  // the radar, where the ranking chart did not fit and left a third of the page empty
  const [first, ...others] = (o.images ?? feedbackCharts(v, u)).map((i) => ({ kind: 'image' as const, ...i }));
  if (first) body.push(first);
  if (u.sections.length)
    body.push({
      kind: 'table',
      header: ['考核领域', '类别', '得分', '分值', '失分'],
      rows: sameDecimals(
        u.sections.map((s) => {
          const f = sectionFigures(s, struck);
          return [f.title, ROLE[s.role], f.score, f.maximum, s.role === 'base' ? String(Math.round((Number(s.maximum) - Number(s.score)) * 100) / 100) : '—'];
        }),
        [2, 4],
      ),
      weights: [3, 1.4, 1.2, 1.2, 1.2],
      align: ['left', 'center', 'center', 'center', 'center'],
    });
  body.push(...others);
  body.push({ kind: 'h1', text: '二、失分情况及原因' });
  // the lost points in a landscape 附件 (GB/T 9704: after the 附件说明 and the signature), as the city report has them
  // on landscape pages: squeezed into the portrait 版心 the reasons wrapped every few characters (湘西州: 9 pages)
  const annexTitle = `${u.unitName}${v.year}年度质量工作考核失分情况表`;
  if (!lost.length) body.push({ kind: 'p', text: '本年度考核无失分。' });
  else body.push({ kind: 'p', text: `${you(u.unitName)}共有${lost.length}个考核要点失分，逐项列明见附件（失分原因为评价部门的评分说明）。` });
  if (u.missing.length) body.push({ kind: 'p', text: `未填报、按0分计的考核要点：${u.missing.map((code) => keyPointName(u, code)).join('、')}。` });
  body.push(
    { kind: 'h1', text: '三、整改要求' },
    {
      kind: 'p',
      text: `请${you(u.unitName)}对照上述失分情况，认真分析原因，逐项制定整改措施，明确责任单位和完成时限，于收到本意见之日起30日内将整改情况报送${office.shortName}。${v.stage === 'final' ? '' : `对失分原因有异议的，可在异议期内${v.objectionEnd ? `（${arabicDate(v.objectionEnd)}前）` : ''}通过考评平台提出。`}`,
    },
  );
  const note = stageNote(v, '意见');
  if (note) body.push({ kind: 'p', text: note });
  const lostTable = kitTable(
    ['序号', '考核要点', '失分', '失分原因', '评价部门'],
    lost.map((c, i) => [
      String(i + 1),
      `${keyPointLabel(c.code, c.itemTitle)}：${c.title}`,
      c.role === 'veto' ? '否决' : c.role === 'deduction' ? `减${c.lost}` : c.lost,
      c.comment?.trim() || c.explanation || '—',
      evaluatorName(c, o.evaluators),
    ]),
    {
      weights: [0.6, 5.2, 0.7, 3.8, 1.7],
      // 五号 across the landscape 版心, as the 附件 of the call for indicators
      size: SIZE.wuhao,
      width: LANDSCAPE_TEXT_WIDTH,
      align: ['center', 'left', 'center', 'left', 'left'],
      whole: [true, false, true, false, false],
      // a reason runs to ten lines and more: such a row breaks over the page rather than leave a quarter of it empty
      keepRowLines: 4,
    },
  );
  return gongwenDocx({
    issuer: `${office.name}文件`,
    docNo: docNoOrPlaceholder(o.docNo, o.date),
    title: titleLines(`关于${u.unitName}${v.year}年度质量工作考核情况的反馈意见`),
    mark: demoMark(v),
    addressee: `${u.unitName}人民政府`,
    body,
    attachments: lost.length ? [annexTitle] : [],
    signature: office.name,
    date: o.date,
    annexes: lost.length ? [{ landscape: true, children: [annexLabel(''), ...titleParas(annexTitle, LINE / 2), lostTable] }] : [],
    printedBy: office.name,
    printedOn: o.date,
  });
}

/** 异议复核结果告知书: the answer to one objection, as a 公文 to the city that raised it */
export async function objectionNoticeDocx(o: ObjectionView, cycleTitle: string, office: IssuingOffice, opts: { demo?: boolean; docNo?: string | null } = {}): Promise<Buffer> {
  if (o.status === 'open') throw new Error('objection not answered yet');
  const cycle = stripDemoMark(cycleTitle);
  const date = chinaDayOf(o.answeredAt ?? o.raisedAt);
  const result =
    o.status === 'adjusted'
      ? `对原评分予以调整，评分由${formatAnswer(o.beforeAnswer)}调整为${formatAnswer(o.afterAnswer)}，考核结果按调整后的评分重新计算`
      : `维持原评分（${formatAnswer(o.beforeAnswer)}）`;
  const body: Block[] = [
    {
      kind: 'p',
      text: `${you(o.unit.name)}于${arabicDate(o.raisedAt)}对${cycle}中“${keyPointLabel(`${o.itemCode}.${o.criterionCode}`, o.itemTitle)}：${o.criterionTitle}”考核要点的评分提出异议，理由为：${bareClause(o.reason)}。`,
    },
    { kind: 'p', text: `经${o.department.name}复核，${result}。` },
    { kind: 'p', text: `复核理由：${bareClause(o.response ?? '')}。` },
    { kind: 'p', text: `特此告知。如有疑问，请与${office.shortName}联系。` },
  ];
  return gongwenDocx({
    issuer: `${office.name}文件`,
    // a 文件 carries its 发文字号 line: the registered 文号, else the placeholder for whoever numbers it, as the bulletin and the feedback do
    docNo: docNoOrPlaceholder(opts.docNo, date),
    title: titleLines(`关于${o.unit.name}考核评分异议复核结果的告知书`),
    mark: opts.demo || /演示数据/.test(cycleTitle) ? '演示数据' : null,
    addressee: `${o.unit.name}人民政府`,
    body,
    signature: office.name,
    date,
    // the evaluating department that reviewed it; none when the office answered for its own key points
    cc: o.department.name === office.name ? [] : [o.department.name],
    printedBy: office.name,
    printedOn: date,
  });
}
