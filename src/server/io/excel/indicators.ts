/**
 * The plan indicator table (.xlsx) on the table kit: 序号, 类别, 指标, 单位, 基期值, 2025年目标 (as written:
 * "≥98", "达到国家考核目标"), 属性, 计量方式, 责任单位, the chosen year's target and its source, the latest
 * accepted value, 状态 (提前实现 / 符合预期 / 滞后) with its reason, and the 2025 forecast. Numbers stay numbers.
 */
import type { IndicatorTable } from '../../../shared/contracts/indicators';
import { ROLL_RULE } from '../../../shared/honours/kinds';
import { MEASURE_LABELS, planTargetHead, statusInYear } from '../../../shared/indicators/format';
import { statusRule } from '../../../shared/indicators/status';
import { tableWorkbook, textWidth, type CellValue, type TableColumn, type TableNote } from '../document-kit/table';

/**
 * a column as wide as its longest short text, so that "当年水平（年末值）" or "2020年基期值" reads on one line (at 14
 * units the label wrapped before its "）", which then stood alone on a second line)
 */
const fit = (min: number, ...texts: string[]) => Math.max(min, Math.ceil(Math.max(...texts.map(textWidth)) + 2));

/** 序号, 类别 and 指标 print on both pages */
const REPEATED = 3;

export function indicatorTableTitle(t: IndicatorTable): string {
  return `${t.plan.title}监测表（${t.year}年）`;
}

export async function indicatorTableXlsx(t: IndicatorTable): Promise<Buffer> {
  const y = t.year;
  const rowTargets = t.rows.map((r) => r.targetText);
  // the plan's columns (序号 … 责任单位) print on one A4 page, the year's (its target beside its value, status and
  // forecast) on a second under the repeated 序号, 类别, 指标; squeezed onto one page, 16 columns printed at 6 pt
  const plan: TableColumn[] = [
    { header: '序号', width: 6, kind: 'number', align: 'center' },
    // as wide as the longest 类别 (质量基础设施: at 12 units the row was counted two lines high, for a word printed on one)
    { header: '类别', width: fit(12, ...t.rows.map((r) => r.group)) },
    { header: '指标', width: 28 },
    { header: '单位', width: 7, align: 'center' },
    { header: `${t.plan.baselineYear}年基期值`, width: fit(10, `${t.plan.baselineYear}年基期值`), kind: 'number', numFmt: 'General', align: 'right' },
    { header: planTargetHead(t.plan, y), width: fit(10, planTargetHead(t.plan, y), ...rowTargets), align: 'center' },
    { header: '属性', width: 8, align: 'center' },
    { header: '计量方式', width: fit(14, ...Object.values(MEASURE_LABELS)) },
  ];
  const year: TableColumn[] = [
    { header: `${y}年目标`, width: 14, align: 'center' },
    { header: '目标来源', width: fit(10, '按序时进度插值') },
    { header: '最新确认值', width: fit(10, '最新确认值'), kind: 'number', numFmt: 'General', align: 'right' },
    { header: '数据年份', width: fit(8, '数据年份'), kind: 'number', align: 'center' },
    { header: '状态', width: 10, align: 'center' },
    { header: '状态说明', width: 30 },
    { header: `${t.plan.targetYear}年预测`, width: fit(10, `${t.plan.targetYear}年预测`), kind: 'number', numFmt: 'General', align: 'right' },
  ];
  const units = (cs: TableColumn[]) => cs.reduce((a, c) => a + c.width, 0);
  // 责任单位 closes the first page and takes up what it lacks beside the second (two units to spare): the page then
  // breaks before the year's target, whatever the apps' rounding
  const departments: TableColumn = { header: '责任单位', width: Math.max(20, units(plan.slice(0, REPEATED)) + units(year) - units(plan) + 2) };
  const columns = [...plan, departments, ...year];
  // a target written as a bare figure ("920") is a number to Excel (stored as text, it gets the green triangle);
  // "≥98" and "达到国家考核目标" stay text. Counts show as 116, not 116.0 (General, not a fixed decimal format).
  const figure = (text: string): CellValue => (/^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : text);
  const rows: CellValue[][] = t.rows.map((r) => [
    r.number,
    r.group,
    r.name,
    r.unit,
    r.baseline,
    figure(r.targetText),
    r.nature,
    r.measureLabel,
    r.departments.map((d) => d.name).join('、') + (r.assumed ? '（假定）' : ''),
    figure(r.yearTarget.text),
    r.yearTarget.originLabel,
    // a 荣誉类存量 indicator with no accepted value that year: its 名录计数, the figure its status is judged on (the page
    // shows it in this column with a 名录计数 tag; left blank here, the sheet said 按名录计数 N beside an empty value)
    r.actual?.value ?? (r.rollCount?.usedForStatus ? r.rollCount.value : null),
    r.actual?.year ?? (r.rollCount?.usedForStatus ? r.rollCount.year : null),
    r.status ? statusInYear(r.status, t.year).text : '无数据',
    r.status ? `${statusInYear(r.status, t.year).current ? '' : `${r.status.year}年的值对照${r.status.year}年目标：`}${r.rollCount?.usedForStatus ? `按名录计数${r.rollCount.value}（${r.rollCount.text}）：` : ''}${r.status.reason}` : `尚无已确认的${t.plan.region.name}数据`,
    r.forecast?.value ?? null,
  ]);
  // each page's notes under its own columns, at its width: the year's page explains its 状态, 预测 and 最新确认值, the
  // plan's page its 责任单位 (over the repeated 序号, 类别, 指标 alone, 48 units of 260, they took a page of their own)
  const yearPage = [plan.length + 2, columns.length] as const;
  // (the plan's first: on its page right under the rows, a line the year's page leaves blank above its own)
  const notes: TableNote[] = [
    { text: '注：责任单位标“（假定）”的，规划未写明责任单位，按职责假定。', columns: [REPEATED + 1, plan.length + 1] },
    { text: `注：${statusRule(t.plan.thresholds)}`, columns: yearPage },
    { text: `预测：${t.rows.find((r) => r.forecast)?.forecast?.method ?? '最小二乘线性趋势外推'}，百分比不超过100%。`, columns: yearPage },
  ];
  if (t.rows.some((r) => !r.actual && r.rollCount?.usedForStatus)) {
    notes.push({ text: `荣誉类存量指标当年无确认值的，“最新确认值”填名录计数。${ROLL_RULE}`, columns: yearPage });
  }
  if (t.rows.some((r) => r.actual?.demo)) notes.push({ text: '演示数据：表中确认值为平台演示用的合成数据。', columns: yearPage });
  return tableWorkbook([{ name: '规划指标', title: indicatorTableTitle(t), subtitle: `${t.plan.region.name}\u3000数据截至${y}年`, columns, rows, notes, wide: { pagesWide: 2, repeatColumns: REPEATED, paper: 'A4' } }]);
}
