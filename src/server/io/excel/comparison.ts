/**
 * 分值对照表 (.xlsx) on the table kit: every declared key point of every department, this year's points against
 * last year's, the change, and the reason given where the points exceed last year's — what the office checks
 * before it sets the scheme. Numbers are numbers (the change shown signed); departments in their order.
 */
import { type DeclarationContent } from '../../../shared/contracts/declarations';
import { tableWorkbook, type CellValue } from '../document-kit/table';

export interface ComparisonDeclaration {
  department: string;
  statusLabel: string;
  content: DeclarationContent;
}

export const CHANGE_POINTS_FORMAT = '+0.0#;-0.0#;0';
const round = (x: number) => Math.round(x * 100) / 100;

export async function comparisonWorkbook(title: string, year: number, baseYear: number, declarations: ComparisonDeclaration[]): Promise<Buffer> {
  const rows: CellValue[][] = [];
  let now = 0;
  let before = 0;
  let over = 0;
  for (const d of declarations)
    for (const r of d.content.indicators) {
      now += r.points;
      if (r.lastYearPoints !== null) before += r.lastYearPoints;
      const change = r.lastYearPoints === null ? null : round(r.points - r.lastYearPoints);
      if (change !== null && change > 0) over++;
      rows.push([rows.length + 1, d.department, d.statusLabel, r.domain, r.item, r.keyPoint, r.sourceCode, r.lastYearPoints, r.points, change, r.overReason?.trim() || null]);
    }
  // a department that declared no key point is not counted among those that did, but named
  const silent = declarations.filter((d) => d.content.indicators.length === 0).map((d) => d.department);
  const score = { kind: 'number' as const, numFmt: '0.0#', width: 9, align: 'center' as const };
  return tableWorkbook([
    {
      name: '分值对照表',
      title: `${title}指标分值对照表（${year}年申报与${baseYear}年对照）`,
      columns: [
        { header: '序号', width: 6, kind: 'number', align: 'center' },
        { header: '申报部门', width: 16 },
        { header: '申报状态', width: 9, align: 'center' },
        { header: '考核领域', width: 10 },
        { header: '考核内容', width: 18 },
        { header: '考核要点', width: 40 },
        { header: '上年编号', width: 8, align: 'center' },
        { ...score, header: `${baseYear}年分值` },
        { ...score, header: `${year}年分值` },
        { ...score, header: '增减', numFmt: CHANGE_POINTS_FORMAT },
        { header: '超过上年分值的理由', width: 30 },
      ],
      rows,
      notes: [
        `合计：${declarations.length - silent.length}个部门申报${rows.length}个考核要点${silent.length ? `（另有${silent.length}个部门未申报考核要点：${silent.join('、')}）` : ''}，${year}年申报分值${round(now)}分；其中沿用上年要点的上年分值${round(before)}分；${over}个要点超过上年分值。`,
        '注：上年编号为空的为新增考核要点；分值原则上不超过上年，超过的须写明理由，最终分值由质强办统筹确定。',
      ],
    },
  ]);
}
