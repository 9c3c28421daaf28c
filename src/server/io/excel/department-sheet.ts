/**
 * 部门评分表 (.xlsx) on the table kit: what one evaluating department scored, to print, sign and seal — each key point
 * once, as a heading over its assessed units, and one row per unit (分值, 得分 as numbers, the reason for every point
 * lost), then lines for the signatures, the seal and the date. The key point's long text was once repeated on every
 * unit's row: 6 key points × 14 cities printed on 19 pages, 10 rows a page.
 */
import { tableWorkbook, type CellValue, type TableHeading } from '../document-kit/table';

export interface DepartmentSheetLine {
  /** "7.a" */
  code: string;
  itemTitle: string;
  title: string;
  points: number;
  /** base key points lose points (a reason is due); a bonus not earned is simply 未加分 */
  role: 'base' | 'bonus' | 'deduction' | 'veto';
  unitName: string;
  /** the engine's score, null when not scored yet */
  score: number | null;
  comment: string | null;
}

/** what the reason column says when the department wrote none */
function remark(l: DepartmentSheetLine, score: number): string | null {
  if (l.role === 'base') return score < l.points ? '（未写明失分原因）' : null;
  if (l.role === 'bonus') return score === 0 ? '未加分' : null;
  return null;
}

export async function departmentSheetWorkbook(s: { cycleTitle: string; department: string; statusLabel: string; lines: DepartmentSheetLine[] }): Promise<Buffer> {
  const rows: (CellValue[] | TableHeading)[] = [];
  s.lines.forEach((l, i) => {
    const prev = s.lines[i - 1];
    if (!prev || prev.code !== l.code) rows.push({ heading: `${l.code} ${l.itemTitle}：${l.title}` });
    rows.push([i + 1, l.unitName, l.points, l.score, l.score === null ? '未评分' : l.comment?.trim() || remark(l, l.score)]);
  });
  const unscored = s.lines.filter((l) => l.score === null).length;
  const keyPoints = new Set(s.lines.map((l) => l.code)).size;
  return tableWorkbook([
    {
      name: '部门评分表',
      title: `${s.cycleTitle}评分表（${s.department}）`,
      subtitle: `评价部门：${s.department}\u3000\u3000评分状态：${s.statusLabel}\u3000\u3000共${keyPoints}个考核要点、${s.lines.length}项评分${unscored ? `，其中${unscored}项未评分` : ''}`,
      columns: [
        { header: '序号', width: 6, kind: 'number', align: 'center' },
        { header: '被考核单位', width: 22 },
        { header: '分值', width: 7, kind: 'number', numFmt: '0.0#', align: 'center' },
        { header: '得分', width: 7, kind: 'number', numFmt: '0.0#', align: 'center' },
        { header: '评分说明（失分原因）', width: 78 },
      ],
      rows,
      keepNotesWithRows: true,
      notes: [
        '评分人（签字）：＿＿＿＿＿＿\u3000\u3000审核人（签字）：＿＿＿＿＿＿\u3000\u3000单位负责人（签字）：＿＿＿＿＿＿',
        `${s.department}（盖章）\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日`,
      ],
    },
  ]);
}
