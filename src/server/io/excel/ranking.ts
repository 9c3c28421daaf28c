/**
 * The ranking table (.xlsx) on the table kit: 排名, 市州 (县市区 in a city's cycle), each domain subtotal, the base score (基本项得分,
 * before bonus and deduction), 加分, 减分, the veto item that applied, 总分, 等级, last year's rank and the
 * change (when there is a last year) — numbers as numbers, the title on its own row above the header, title and header repeated on every
 * printed page, and the preliminary / demonstration notes under the table.
 */
import { vetoTitles, type ResultsView } from '../../../shared/contracts/results';
import { tableWorkbook, type CellValue, type TableColumn } from '../document-kit/table';
import { chinaDayOf, dayText } from '../../../shared/deadline';

const num = (x: string | null | undefined): number | null => (x === null || x === undefined ? null : Number(x));
const SCORE = '0.0#';
/** rank change: up ↑, down ↓, same — (the cell holds the signed number) */
export const CHANGE_FORMAT = '"↑"0;"↓"0;"—"';

export function rankingTitle(v: ResultsView): string {
  return `${v.title} 考核结果（${v.stage === 'final' ? '最终' : '初步'}）`;
}

/** `unitsWord`: what the assessed units are called, 市州 (the province's cycle) or 县市区 (a city's), as the 通报 heads its table */
export async function rankingWorkbook(v: ResultsView, unitsWord: string): Promise<Buffer> {
  const previous = new Map((v.previous?.units ?? []).map((p) => [p.unitCode, p.rank]));
  const score = (header: string, width = 10): TableColumn => ({ header, width, kind: 'number', numFmt: SCORE, align: 'center' });
  const columns: TableColumn[] = [
    { header: '排名', width: 6, kind: 'number', align: 'center' },
    { header: unitsWord, width: 22 },
    // the points on a line of their own: at this width "工程质量（20分）" would otherwise break before its last "）"
    ...v.domains.map((d) => score(`${d.title}\n（${d.points}分）`, 12)),
    score('基本项得分'),
    score('加分', 8),
    score('减分', 8),
    // wide enough for "是：发生重大质量安全事故" on one line (a CJK character is two units)
    { header: '否决项', width: 26 },
    score('总分'),
    { header: '等级', width: 6, align: 'center' },
    // last year's rank and the change only when there is a last year: without one they printed as two empty columns
    ...(v.previous
      ? [
          { header: `${v.previous.year}年排名`, width: 8, kind: 'number', align: 'center' } as const,
          { header: '名次变化', width: 8, kind: 'number', numFmt: CHANGE_FORMAT, align: 'center' } as const,
        ]
      : []),
  ];
  const units = [...v.units].sort((a, b) => (a.rank ?? 999) - (b.rank ?? 999));
  const rows: CellValue[][] = units.map((u) => {
    const byCode = new Map(u.sections.map((s) => [s.code, s.score]));
    const before = previous.get(u.unitCode) ?? null;
    return [
      u.rank,
      u.unitName,
      ...v.domains.map((d) => num(byCode.get(d.code))),
      num(u.baseScore),
      num(u.bonus),
      num(u.deduction),
      // the item's short title ("发生重大质量安全事故"); its wording, a long sentence, goes under the table
      u.veto === null ? null : u.veto ? `是：${vetoTitles(v, u).join('、') || '否决'}` : '否',
      num(u.total),
      u.grade,
      ...(v.previous ? [before, before !== null && u.rank !== null ? before - u.rank : null] : []),
    ];
  });
  const notes: string[] = [];
  notes.push('注：基本项得分为各考核领域得分之和；总分 = 基本项得分 + 加分 − 减分，触发否决项的按否决规定定级。');
  const struck = new Set(units.flatMap((u) => (u.veto ? u.vetoCodes : [])));
  for (const i of v.vetoItems) if (struck.has(i.code)) notes.push(`否决项“${i.itemTitle}”：${i.title}`);
  if (v.previous) notes.push(`名次变化与${v.previous.year}年度排名比较，↑ 为上升、↓ 为下降。`);
  if (v.stage === 'preliminary') notes.push('注：本表为初步结果，以最终发布结果为准。');
  if (v.demo) notes.push('演示数据：本表数据为平台演示用的合成数据，不代表真实考核结果。');
  if (v.publishedAt) notes.push(`发布时间：${dayText(chinaDayOf(v.publishedAt))}`);
  return tableWorkbook([{ name: '考核结果排名', title: rankingTitle(v), columns, rows, notes }]);
}
