/** Output formats of `kaoping score`: json, a plain-text table, and an xlsx workbook (the table kit). */
import { writeFileSync } from 'node:fs';
import type { ScoreResults, UnitResult } from '../shared/scoring/engine';
import { addTableSheet, newWorkbook, textWidth, xlsxBuffer, type CellValue, type TableColumn } from '../server/io/document-kit/table';

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

/** 否决: the veto items by their code and title, as the scheme names them ("是（23 发生重大质量安全事故）"), never a bare 23.a */
function vetoCell(u: UnitResult): string {
  if (!u.veto) return '';
  const items = u.sections.flatMap((s) => s.items);
  const named = [...new Set(u.vetoCodes.map((code) => code.split('.')[0]))].map((item) => {
    const found = items.find((i) => i.code === item);
    return found ? `${item} ${found.title}` : item;
  });
  return `是（${named.join('、')}）`;
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
      u.prorated !== null && u.notApplicablePoints !== '0' ? `${u.score}（折算${u.prorated}）` : u.score,
      u.maximum,
      u.bonus,
      u.deduction,
      vetoCell(u),
      verdict(u),
      u.missing.length ? `${u.missing.length}项` : '',
    ]);
}

/** A plain-text table, one line per unit in rank order, then the missing answers. */
export function formatTable(results: ScoreResults): string {
  const body = rows(results);
  const widths = HEADERS.map((h, i) => Math.max(displayWidth(h), ...body.map((r) => displayWidth(r[i]))));
  const numeric = new Set([0, 3, 4, 5, 6, 7]);
  const line = (r: string[]) => r.map((c, i) => pad(c, widths[i], numeric.has(i))).join('  ').trimEnd();
  const out = [
    `${results.framework.title}（${results.framework.id}，版本${results.framework.version}，总分${results.framework.totalPoints}）`,
    line(HEADERS),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...body.map(line),
  ];
  const withMissing = results.units.filter((u) => u.missing.length);
  if (withMissing.length) {
    out.push('', '未填报（按0分计）：');
    for (const u of withMissing.slice(0, 200)) out.push(`  ${u.unit}${u.name ? ` ${u.name}` : ''}：${u.missing.join('、')}`);
    if (withMissing.length > 200) out.push(`  ……另有${withMissing.length - 200}个单位`);
  }
  return out.join('\n') + '\n';
}

const STATUS = { scored: '已评分', missing: '未填报', na: '合理缺项' } as const;
/** scores shown to two decimals; the cell keeps the engine's value (an exact decimal as a number) */
const SCORE = '0.00';

/**
 * Workbook on the table kit (src/server/io/document-kit/table.ts): A4 landscape, one page wide, the title and
 * header repeated on every page, "第 N 页 共 M 页". 汇总: one row per unit in rank order. 明细: each unit's criteria
 * section by section, each section closed by its 小计 (the engine's section score, caps and deductions applied)
 * and each unit by its 合计. Scores are numbers (a display format rounds them, the stored value is exact).
 */
export async function scoreWorkbook(results: ScoreResults): Promise<Buffer> {
  const fw = results.framework;
  const subtitle = `指标体系${fw.id}，版本${fw.version}，总分${fw.totalPoints}`;
  const units = [...results.units].sort((a, b) => a.rank - b.rank);
  const num = (header: string, width: number, numFmt = SCORE): TableColumn => ({ header, width, kind: 'number', numFmt, align: 'right' });
  const wb = await newWorkbook();
  wb.creator = 'kaoping';
  addTableSheet(wb, {
    name: '汇总',
    title: `${fw.title}评分结果`,
    subtitle,
    columns: [
      num('名次', 6, '0'),
      { header: '单位', width: 10 },
      { header: '名称', width: Math.min(30, Math.max(12, ...units.map((u) => textWidth(u.name ?? '') + 2))) },
      num('总分', 9),
      num('得分', 9),
      num('折算得分', 9),
      num('满分', 9),
      num('加分', 8),
      num('减分', 8),
      { header: '否决', width: 12 },
      { header: '等级/结论', width: 10, align: 'center' },
      num('未填报项数', 10, '0'),
    ],
    rows: units.map((u) => [
      u.rank,
      u.unit,
      u.name ?? '',
      u.total,
      u.score,
      u.prorated !== null && u.notApplicablePoints !== '0' ? u.prorated : null,
      u.maximum,
      u.bonus,
      u.deduction,
      vetoCell(u),
      verdict(u),
      u.missing.length || null,
    ]),
  });

  const rows: CellValue[][] = [];
  /** rows (index into `rows`) that close a section or a unit */
  const subtotals: number[] = [];
  const totals: number[] = [];
  for (const u of units) {
    for (const s of u.sections) {
      for (const it of s.items)
        for (const c of it.criteria) rows.push([u.unit, u.name ?? '', `${s.code} ${s.title}`, `${it.code} ${it.title}`, c.code, STATUS[c.status], c.score, c.maximum, c.explanation]);
      subtotals.push(rows.length);
      rows.push([u.unit, u.name ?? '', `${s.code} ${s.title}小计`, null, null, null, s.score, s.maximum, s.role === 'deduction' ? '减分' : s.role === 'bonus' ? '加分' : s.role === 'veto' ? '否决项' : null]);
    }
    totals.push(rows.length);
    rows.push([u.unit, u.name ?? '', '合计', null, null, null, u.total, fw.totalPoints, `第${u.rank}名`]);
  }
  const { ws, firstData } = addTableSheet(wb, {
    name: '明细',
    title: `${fw.title}评分明细`,
    subtitle,
    columns: [
      { header: '单位', width: 10 },
      { header: '名称', width: 14 },
      { header: '领域/指标项', width: 22 },
      { header: '考核内容', width: 36 },
      { header: '评分细则', width: 10, align: 'center' },
      { header: '状态', width: 10, align: 'center' },
      num('得分', 8),
      num('满分', 8),
      { header: '说明', width: 60 },
    ],
    rows,
  });
  const shade = (i: number, argb: string) => {
    const r = ws.getRow(firstData + i);
    r.eachCell((c) => {
      c.font = { ...c.font, bold: true };
      c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb } };
    });
  };
  for (const i of subtotals) shade(i, 'FFF2F2F2');
  for (const i of totals) shade(i, 'FFE6F0FA');
  return xlsxBuffer(wb);
}

export async function writeXlsx(results: ScoreResults, file: string): Promise<void> {
  writeFileSync(file, await scoreWorkbook(results));
}
