/**
 * The work plan's task × unit matrix (.xlsx) on the table kit (A4 landscape, print titles, row heights from the
 * text): 序号, 任务, 牵头单位, 进度, 任务的灯, then one column per unit; a unit's cell holds its light's word
 * (正常 / 预警 / 逾期 / 报送逾期 / 已办结, as the task page words it) on the light's fill, an empty cell means the unit has no part in the task.
 */
import { tidyTitle } from '../word/work-points';
import type { WorkplanMatrix } from '../../../shared/contracts/workplan';
import { dayText } from '../../../shared/deadline';
import type { Light } from '../../../shared/workplan/rules';
import { addTableSheet, LANDSCAPE_UNITS, newWorkbook, SHRINK_ALLOWANCE, textWidth, titleFits, widthToFit, xlsxBuffer, type CellValue, type TableColumn } from '../document-kit/table';

/** the fills of the lights (Excel's own 好 / 中性 / 差 styles, and grey for a closed task) */
export const LIGHT_FILLS: Record<Light, string> = { green: 'FFC6EFCE', yellow: 'FFFFEB9C', red: 'FFFFC7CE', done: 'FFD9D9D9' };
/** the lead's mark, on its own line under the light's word (a column as wide as 已办结（牵头） on one line would
 *  double the matrix's width; half as wide, the mark broke inside, 已办结（牵 over 头）) */
/** what the sheet is, after the plan's name in its title */
const MATRIX = '任务 × 单位督办矩阵';
const ROLE_MARK: Record<string, string> = { lead: '\n（牵头）', cooperating: '', responsible: '' };

export async function workplanMatrixXlsx(m: WorkplanMatrix): Promise<Buffer> {
  // a unit column is as wide as the widest line of its words (已办结, （牵头）) and the table kit's cell margin, so no
  // word breaks inside; its name wraps in the header
  const unitColumns: TableColumn[] = m.columns.map((c) => {
    const lines = m.rows.map((r) => r.cells[String(c.id)]).filter(Boolean).flatMap((x) => `${x!.label}${ROLE_MARK[x!.role] ?? ''}`.split('\n'));
    return { header: c.name, width: Math.max(7, Math.ceil(Math.max(0, ...lines.map(textWidth)) + 2)), align: 'center' };
  });
  const unitsWidth = unitColumns.reduce((s, c) => s + c.width, 0);
  // a task and its lead on one line where the page has room for them beside the units' columns (a plan of a few units);
  // else in two lines (half as wide) — a column a little narrower than its text left 「提升检验检测能力水」 over 「平」
  const titles = m.rows.map((r) => r.task.title);
  const leads = m.rows.map((r) => r.lead);
  const whole = { task: widthToFit(titles, 16, 40), lead: widthToFit(leads, 10, 22) };
  const oneLine = 6 + whole.task + whole.lead + 7 + 8 + unitsWidth <= LANDSCAPE_UNITS.A4;
  const fixed: TableColumn[] = [
    { header: '序号', width: 6, kind: 'number', align: 'center' },
    { header: '任务', width: oneLine ? whole.task : Math.min(40, Math.max(16, ...titles.map((t) => textWidth(t) / 2 + 2))) },
    { header: '牵头单位', width: oneLine ? whole.lead : Math.min(22, Math.max(10, ...leads.map((t) => textWidth(t) / 2 + 2))) },
    // a number (0.6 shown as 60%): sorted and summed as one; a task with no report yet is left empty
    { header: '进度', width: 7, align: 'center', kind: 'number', numFmt: '0%' },
    { header: '灯', width: 8, align: 'center' },
  ];
  const rows: CellValue[][] = m.rows.map((r) => [
    r.task.number,
    r.task.title,
    r.lead,
    r.progress === null ? null : r.progress / 100,
    r.label,
    ...m.columns.map((c) => {
      const x = r.cells[String(c.id)];
      return x ? `${x.label}${ROLE_MARK[x.role] ?? ''}` : null;
    }),
  ]);
  // the province's plan has some 40 unit columns: on one A4 page they shrank to about 5 pt; wider than A4 goes to A3,
  // and wider than that to several A3 pages with the task columns repeated on each
  const total = [...fixed, ...unitColumns].reduce((s, c) => s + c.width, 0);
  const fixedWidth = fixed.reduce((s, c) => s + c.width, 0);
  const page = (units: number) => units * SHRINK_ALLOWANCE;
  const wide = total <= page(LANDSCAPE_UNITS.A4) ? undefined : { pagesWide: Math.max(1, Math.ceil((total - fixedWidth) / (page(LANDSCAPE_UNITS.A3) - fixedWidth))), repeatColumns: fixed.length };
  const wb = await newWorkbook();
  const { ws, firstData } = addTableSheet(wb, {
    ...(wide ? { wide } : {}),
    name: '任务×单位',
    // several pages wide, the title spans only the columns repeated on each page; one page of a few units' columns
    // holds no more than the plan's name on a line: either way broken after the plan's name, not inside 督办矩阵
    // (岳阳市's plan of 3 units printed 「…任务 × 单位督办矩」 over a lone 「阵」)
    title: `${tidyTitle(m.plan.title)}${wide || !titleFits(`${tidyTitle(m.plan.title)} ${MATRIX}`, total) ? '\n' : ' '}${MATRIX}`,
    subtitle: `灯的计算日期：${dayText(m.asOf)}`,
    columns: [...fixed, ...unitColumns],
    rows,
    notes: [
      '注：每格为该单位在该任务上的灯——正常（绿）、预警（黄：期限临近或进度落后于序时进度）、逾期（红：办理期限已过）、报送逾期（红：办理期限未到，进展报告已过报送期限未报送）、已办结（灰：任务已销号）；空格表示该单位不承办该任务。',
      `报送期次：${m.periods.map((p) => `${p.label}（${dayText(p.dueOn)}前报送）`).join('；')}。`,
    ],
  });
  m.rows.forEach((r, i) => {
    const row = ws.getRow(firstData + i);
    const fill = (col: number, light: Light) => (row.getCell(col).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: LIGHT_FILLS[light] } });
    fill(fixed.length, r.light);
    m.columns.forEach((c, k) => {
      const x = r.cells[String(c.id)];
      if (x) fill(fixed.length + k + 1, x.light);
    });
  });
  return xlsxBuffer(wb);
}
