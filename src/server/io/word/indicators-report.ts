/**
 * 规划指标监测情况 (.docx) on the document kit, issued by the plan's office: the overall picture (how many
 * indicators are ahead, on track, lagging), the binding (约束性) indicators apart, every lagging indicator with
 * its reason, the monitoring table of the year, and per indicator with data the chart of its target path against
 * the region's and the cities' accepted values (PNG from the shared chart definition). Pure builder over the
 * route's views.
 */
import { indicatorPathChart } from '../../../shared/charts';
import type { IndicatorDetail, IndicatorTable } from '../../../shared/contracts/indicators';
import { ROLL_RULE } from '../../../shared/honours/kinds';
import { detailChartInput } from '../../../shared/indicators/chart-input';
import { indicatorCaption, planTargetHead, statusInYear, targetWithUnit } from '../../../shared/indicators/format';
import { statusRule } from '../../../shared/indicators/status';
import { renderChartSpecPng } from '../charts';
import { docNoOrPlaceholder, gongwenDocx, membersAddressee, type Block } from '../document-kit/gongwen';

const n = (x: number | null | undefined) => (x === null || x === undefined ? '—' : String(Math.round(x * 100) / 100));

/**
 * A status with its reason, said once: 滞后（…）; no judgement: why, once — the reason already ends "无法判断"
 * (it read “无法判断（2023年目标值尚未确定，无法判断）”), and a target printed just before as words (“完成国家下达的
 * 目标值”) is said to have no figure yet rather than named again.
 */
function judgement(s: { status: string; label: string; reason: string }, targetShown: boolean): string {
  // the reason after a colon: in parentheses its own （完成序时进度的 67.5%） had closed as 「…67.5%））」
  if (s.status !== 'unknown') return `${s.label}：${s.reason}`;
  if (targetShown && /^\d{4}年目标值尚未确定/.test(s.reason)) return '尚无具体数值，无法判断';
  return s.reason.includes(s.label) ? s.reason : `${s.label}：${s.reason}`;
}

/**
 * A binding indicator's figure against its year's target, said once: 「未达到当年目标97.3%，滞后（完成序时进度的67.5%）」,
 * 「达到当年目标≥59%，符合预期」. `target`: the year's target as printed, null when the figure is of another year (见监测表).
 */
function bindingVerdict(s: { status: string; label: string; reason: string; ratio: number | null; metYear: boolean | null }, target: string | null): string {
  if (target === null) return `当年目标见监测表，${judgement(s, false)}`;
  if (s.status === 'unknown' || s.metYear === null) return `当年目标为${target}，${judgement(s, true)}`;
  const progress = s.status === 'lagging' && s.ratio !== null ? `（完成序时进度的${Math.round(s.ratio * 10000) / 100}%）` : '';
  return `${s.metYear ? '达到' : '未达到'}当年目标${target}，${s.label}${progress}`;
}

/** the responsible departments as the monitoring sheet names them: a plan that names none has them assumed by duty, said so */
const departmentsText = (r: { departments: { name: string }[]; assumed: boolean }) => (r.departments.map((d) => d.name).join('、') || '—') + (r.assumed && r.departments.length ? '（假定）' : '');

/** a status in the table's cell: an earlier year's over its year, as the figure beside it ("符合预期" over "（2023年）") */
function statusCell(s: { year: number; label: string }, year: number): string {
  const v = statusInYear(s, year);
  return v.current ? v.text : `${s.label}\n（${s.year}年）`;
}

export async function indicatorReportDocx(t: IndicatorTable, details: IndicatorDetail[], date: string): Promise<Buffer> {
  const y = t.year;
  const numbers = new Map(t.rows.map((r) => [r.id, r.number]));
  const no = (id: number) => numbers.get(id) ?? '';
  const withData = t.rows.filter((r) => r.status);
  const count = (s: string) => withData.filter((r) => r.status!.status === s).length;
  const lagging = withData.filter((r) => r.status!.status === 'lagging');
  const earlier = withData.filter((r) => !statusInYear(r.status!, y).current).length;
  const binding = t.rows.filter((r) => r.nature === '约束性');
  const rolls = t.rows.filter((r) => r.rollCount?.usedForStatus);
  const demo = t.rows.some((r) => r.actual?.demo);
  const method = t.rows.find((r) => r.forecast)?.forecast?.method ?? '最小二乘线性趋势外推';
  const body: Block[] = [
    { kind: 'p', text: `根据${t.plan.title}，现将${t.plan.region.name}规划指标截至${y}年的监测情况通报如下。本通报只采用经审核确认的数据${rolls.length ? '和荣誉名录计数' : ''}。` },
    { kind: 'h1', text: '一、总体情况' },
    {
      kind: 'p',
      text: `规划共设${t.rows.length}项指标，其中${withData.length}项已有确认数据${rolls.length ? `或名录计数（${rolls.length}项荣誉类存量指标当年无确认值，按荣誉名录计数判断）` : ''}：提前实现${count('ahead')}项，符合预期${count('on_track')}项，滞后${count('lagging')}项，无法判断${count('unknown')}项${earlier ? `（其中${earlier}项尚无${y}年确认值，按最近一年的确认值对照该年目标判断）` : ''}；其余${t.rows.length - withData.length}项尚无确认数据。${statusRule(t.plan.thresholds)}${rolls.length ? ROLL_RULE : ''}`,
    },
    { kind: 'h1', text: '二、约束性指标' },
    ...binding.map((r): Block => ({
      kind: 'p',
      // figures set in the sentence without spaces, as a 公文 writes them (2023年实际值96%), not 「2023年 96%」; the
      // target compared once: 「未达到当年目标97.3%，滞后（完成序时进度的67.5%）」, not again in the status's reason
      text: `${r.name}：${r.actual ? `${r.actual.year}年实际值${n(r.actual.value)}${r.unit}，${bindingVerdict(r.status!, r.yearTarget.year === r.actual.year ? targetWithUnit(r.yearTarget.text, r.unit) : null)}` : '尚无确认数据'}。`,
    })),
    { kind: 'h1', text: '三、滞后指标' },
    ...(lagging.length
      ? [
          ...lagging.map((r): Block => ({ kind: 'p', text: `${no(r.id)}. ${r.name}（${r.nature}，责任单位：${departmentsText(r)}）：${r.rollCount?.usedForStatus ? `按名录计数（${r.rollCount.text}），` : ''}${r.status!.reason}。` })),
          ...(lagging.some((r) => r.assumed && r.departments.length) ? [{ kind: 'p', text: '责任单位标“（假定）”的，规划未写明责任单位，按职责假定。' } as Block] : []),
        ]
      : [{ kind: 'p', text: '无滞后指标。' } as Block]),
    { kind: 'h1', text: '四、监测表' },
    {
      kind: 'table',
      // the plan's numbers (indicatorNumbers: 1–24 in the province's plan, 1, 2, … in a city's); a year over what it
      // qualifies, so those headers leave the room to 指标
      header: ['序号', '指标', '单位', `${t.plan.baselineYear}年`, `${y}年\n目标`, '确认值', '状态', planTargetHead(t.plan, y, '\n'), `${t.plan.targetYear}年\n预测`],
      // a figure and its year on lines of their own, and neither broken inside: the figures' columns, 确认值 and 状态
      // as wide as their longest line
      rows: t.rows.map((r) => [String(no(r.id)), r.name, r.unit, n(r.baseline), r.yearTarget.text, r.actual ? `${n(r.actual.value)}\n（${r.actual.year}年）` : r.rollCount ? `名录计数\n${n(r.rollCount.value)}` : '—', r.status ? statusCell(r.status, y) : '无数据', r.targetText, n(r.forecast?.value)]),
      weights: [1, 3.2, 1, 1.3, 1.6, 1.9, 1.6, 1.9, 1.4],
      whole: [true, false, true, true, false, true, true, false, true],
      size: 18,
    },
    { kind: 'p', text: `预测方法：${method}；百分比指标的预测值不超过100%。预测仅反映已有数据的趋势，不代表目标调整。` },
  ];
  if (details.length) {
    body.push({ kind: 'h1', text: '五、目标路径与实际值' });
    // a caption names its figure, on one line: one that went on to say 「——目标路径与湖南省、各市州确认值」 ran to two lines
    // for a long name, and a page held one chart instead of two (figures 19, 22 and 23 each alone on pages 8–10); what
    // is drawn the chart's legend names (目标路径（序时进度）, the region, each city)
    // figures numbered in order (GB/T 7713.1: 图1 标题), each naming its indicator as 三 and 四 do (「13. 名称」)
    details.forEach((d, i) => {
      const spec = indicatorPathChart(detailChartInput(d));
      body.push({ kind: 'image', png: renderChartSpecPng(spec, 1.5), width: spec.width, height: spec.height, caption: `图${i + 1} ${indicatorCaption(no(d.indicator.id), d.indicator.name)}` });
    });
  }
  return gongwenDocx({
    issuer: `${t.plan.owner.name}文件`,
    // a 文件's 版头 carries its 发文字号: the standard's placeholder until the office numbers it, as the other 文件 do
    docNo: docNoOrPlaceholder(null, date),
    // a 公文's title names its matter and its kind (关于……的通报), as the office's other 通报 do
    title: `关于${t.plan.region.name}规划指标监测情况的通报\n（截至${y}年）`,
    mark: demo ? '演示数据：本通报的确认值为平台演示用的合成数据' : null,
    addressee: membersAddressee(t.plan.region.name, t.plan.region.name === '湖南省'),
    body,
    signature: t.plan.owner.name,
    date,
    printedBy: t.plan.owner.name,
    printedOn: date,
  });
}
