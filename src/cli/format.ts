/** Output formats of `kaoping score`: json, a plain-text table, and an xlsx workbook (exceljs). */
import ExcelJS from 'exceljs';
import type { ScoreResults, UnitResult } from '../shared/scoring/engine';

/** Display width: CJK and full-width characters count 2. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) ? 2 : 1;
  }
  return w;
}

function pad(s: string, width: number, right = false): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return right ? fill + s : s + fill;
}

function verdict(u: UnitResult): string {
  if (u.passed !== null) return u.ineligible ? '不予受理' : u.passed ? '合格' : '不合格';
  return u.grade ?? '';
}

const HEADERS = ['名次', '单位', '名称', '总分', '得分', '满分', '加分', '减分', '否决', '等级/结论', '未填报'];

function rows(results: ScoreResults): string[][] {
  return [...results.units]
    .sort((a, b) => a.rank - b.rank)
    .map((u) => [
      String(u.rank),
      u.unit,
      u.name ?? '',
      u.total,
      u.prorated !== null && u.notApplicablePoints !== '0' ? `${u.score}（折算 ${u.prorated}）` : u.score,
      u.maximum,
      u.bonus,
      u.deduction,
      u.veto ? `是（${u.vetoCodes.join('、')}）` : '',
      verdict(u),
      u.missing.length ? `${u.missing.length} 项` : '',
    ]);
}

/** A plain-text table, one line per unit in rank order, then the missing answers. */
export function formatTable(results: ScoreResults): string {
  const body = rows(results);
  const widths = HEADERS.map((h, i) => Math.max(displayWidth(h), ...body.map((r) => displayWidth(r[i]))));
  const numeric = new Set([0, 3, 4, 5, 6, 7]);
  const line = (r: string[]) => r.map((c, i) => pad(c, widths[i], numeric.has(i))).join('  ').trimEnd();
  const out = [
    `${results.framework.title}（${results.framework.id} 版本 ${results.framework.version}，总分 ${results.framework.totalPoints}）`,
    line(HEADERS),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...body.map(line),
  ];
  const withMissing = results.units.filter((u) => u.missing.length);
  if (withMissing.length) {
    out.push('', '未填报（按 0 分计）：');
    for (const u of withMissing.slice(0, 200)) out.push(`  ${u.unit}${u.name ? ` ${u.name}` : ''}：${u.missing.join('、')}`);
    if (withMissing.length > 200) out.push(`  ……另有 ${withMissing.length - 200} 个单位`);
  }
  return out.join('\n') + '\n';
}

/** Workbook: 汇总 (one row per unit) and 明细 (one row per criterion with its explanation). */
export async function writeXlsx(results: ScoreResults, file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'kaoping';
  const sum = wb.addWorksheet('汇总');
  sum.addRow(HEADERS);
  for (const r of rows(results)) sum.addRow(r);
  sum.getRow(1).font = { bold: true };
  sum.views = [{ state: 'frozen', ySplit: 1 }];
  HEADERS.forEach((h, i) => (sum.getColumn(i + 1).width = Math.max(8, displayWidth(h) + 2)));
  sum.getColumn(3).width = 16;

  const det = wb.addWorksheet('明细');
  det.addRow(['单位', '名称', '领域/指标项', '考核内容', '评分细则', '状态', '得分', '满分', '说明']);
  det.getRow(1).font = { bold: true };
  det.views = [{ state: 'frozen', ySplit: 1 }];
  const status = { scored: '已评分', missing: '未填报', na: '合理缺项' } as const;
  for (const u of results.units) {
    for (const s of u.sections) {
      for (const it of s.items) {
        for (const c of it.criteria) {
          det.addRow([u.unit, u.name ?? '', `${s.code} ${s.title}`, `${it.code} ${it.title}`, c.code, status[c.status], Number(c.score), Number(c.maximum), c.explanation]);
        }
      }
    }
  }
  [12, 14, 22, 36, 10, 10, 8, 8, 60].forEach((w, i) => (det.getColumn(i + 1).width = w));
  await wb.xlsx.writeFile(file);
}
