/**
 * The ranking table (.xlsx): 排名, 市州, 总分, each domain subtotal, 加分, 减分, 否决, 等级 — numbers as numbers,
 * a title row, a frozen header, and a "演示数据" note for demonstration cycles.
 */
import { loadExcelJS } from './exceljs';
import type { ResultsView } from '../../../shared/contracts/results';

const num = (x: string | null): number | null => (x === null ? null : Number(x));

export async function rankingWorkbook(v: ResultsView): Promise<Buffer> {
  const Excel = await loadExcelJS();
  const wb = new Excel.Workbook();
  wb.creator = '考评平台';
  wb.created = new Date();
  const ws = wb.addWorksheet('考核结果排名', { views: [{ state: 'frozen', ySplit: 2 }] });
  const domainHeaders = v.domains.map((d) => `${d.title}（${d.points}分）`);
  const headers = ['排名', '市州', '总分', ...domainHeaders, '加分', '减分', '否决', '等级'];
  const title = `${v.title} 考核结果（${v.stage === 'final' ? '最终' : '初步'}）`;
  ws.addRow([title]);
  ws.mergeCells(1, 1, 1, headers.length);
  const t = ws.getCell(1, 1);
  t.font = { bold: true, size: 14 };
  t.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 28;
  const h = ws.addRow(headers);
  h.font = { bold: true };
  h.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  h.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6F0FA' } };
    c.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
  });
  const units = [...v.units].sort((a, b) => (a.rank ?? 999) - (b.rank ?? 999));
  for (const u of units) {
    const byCode = new Map(u.sections.map((s) => [s.code, s.score]));
    const row = ws.addRow([
      u.rank,
      u.unitName,
      num(u.total),
      ...v.domains.map((d) => num(byCode.get(d.code) ?? null)),
      num(u.bonus),
      num(u.deduction),
      u.veto === null ? null : u.veto ? '是' : '否',
      u.grade,
    ]);
    row.eachCell({ includeEmpty: true }, (c, col) => {
      c.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
      if (col >= 3 && col <= 5 + v.domains.length) c.numFmt = '0.0#';
      c.alignment = { horizontal: col === 2 ? 'left' : 'center' };
    });
  }
  ws.getColumn(1).width = 6;
  ws.getColumn(2).width = 16;
  ws.getColumn(3).width = 10;
  for (let i = 0; i < v.domains.length; i++) ws.getColumn(4 + i).width = 14;
  for (let i = 0; i < 4; i++) ws.getColumn(4 + v.domains.length + i).width = 8;
  const notes: string[] = [];
  if (v.stage === 'preliminary') notes.push('注：本表为初步结果，以最终发布结果为准。');
  if (v.demo) notes.push('演示数据：本表数据为平台演示用的合成数据，不代表真实考核结果。');
  if (v.publishedAt) notes.push(`发布时间：${v.publishedAt.slice(0, 10)}`);
  for (const n of notes) {
    ws.addRow([]);
    const r = ws.addRow([n]);
    ws.mergeCells(r.number, 1, r.number, headers.length);
    r.getCell(1).font = { italic: true, color: { argb: 'FF888888' } };
  }
  ws.pageSetup = { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
