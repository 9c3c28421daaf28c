import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { MINI_INPUT, miniAnswers } from '../shared/scoring/test/fixtures';
import { run, type Io } from './main';

const root = resolve(fileURLToPath(import.meta.url), '..', '..', '..');
const bin = join(root, 'bin', 'kaoping.mjs');
let dir: string;
let fwDir: string;
const saved = process.env.KAOPING_FRAMEWORKS_DIR;

function capture(): Io & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', out: (s: string) => void (io.stdout += s), err: (s: string) => void (io.stderr += s) };
  return io;
}

function writeInput(name: string, value: unknown): string {
  const f = join(dir, name);
  writeFileSync(f, JSON.stringify(value));
  return f;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kaoping-cli-'));
  fwDir = join(dir, 'frameworks');
  spawnSync('mkdir', ['-p', fwDir]);
  writeFileSync(join(fwDir, 'mini.json'), JSON.stringify(MINI_INPUT));
  writeFileSync(join(fwDir, 'departments.json'), '[{"code": "office"}]'); // not a framework: skipped
  const broken = structuredClone(MINI_INPUT);
  broken.id = 'broken';
  broken.totalPoints = 99;
  writeFileSync(join(fwDir, 'broken.json'), JSON.stringify(broken));
  process.env.KAOPING_FRAMEWORKS_DIR = fwDir;
});

afterAll(() => {
  if (saved === undefined) delete process.env.KAOPING_FRAMEWORKS_DIR;
  else process.env.KAOPING_FRAMEWORKS_DIR = saved;
});

const good = () => ({
  framework: 'mini',
  units: [
    { unit: '430100', name: '长沙市', answers: { ...miniAnswers(), '2.1': { a: { value: 99 } } } },
    { unit: '430200', name: '株洲市', answers: { ...miniAnswers(), '6': { a: true } } },
  ],
});

describe('kaoping CLI (in process)', () => {
  it('score → json', async () => {
    const io = capture();
    expect(await run(['score', '--framework', 'mini', '--input', writeInput('a.json', good())], io)).toBe(0);
    const r = JSON.parse(io.stdout);
    expect(r.units.map((u: { unit: string; total: string; rank: number; grade: string }) => [u.unit, u.total, u.rank, u.grade])).toEqual([
      ['430100', '158', 1, 'A'],
      ['430200', '160', 2, 'D'],
    ]);
  });

  it('score → table, to a file', async () => {
    const io = capture();
    const out = join(dir, 't.txt');
    expect(await run(['score', '--input', writeInput('b.json', good()), '--format', 'table', '--out', out], io)).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('长沙市');
    expect(text).toMatch(/1\s+430100\s+长沙市\s+158/);
    // the veto named by its item, as the scheme writes it, not by a bare code
    expect(text).toMatch(/430200\s+株洲市.*是（6 重大质量安全事故）\s+D/);
    expect(text).not.toContain('6.a');
  });

  it('score → xlsx', async () => {
    const io = capture();
    const out = join(dir, 'r.xlsx');
    expect(await run(['score', '--input', writeInput('c.json', good()), '--format', 'xlsx', '--out', out], io)).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '明细']);
    const det = wb.getWorksheet('明细')!;
    const texts = det.getColumn(9).values.map(String);
    expect(texts).toContain('99.0%比100%低1.0个百分点，扣2分，得13分');
    // 汇总: title, subtitle, header, then the units in rank order; scores are numbers shown to two decimals
    const sum = wb.getWorksheet('汇总')!;
    expect(sum.getCell('A1').text).toBe('测试用指标体系评分结果');
    expect(sum.getRow(3).values).toContain('总分');
    expect([sum.getCell('A4').value, sum.getCell('B4').value, sum.getCell('D4').value, sum.getCell('G4').value]).toEqual([1, '430100', 158, 160]);
    expect(sum.getCell('D4').numFmt).toBe('0.00');
    expect(sum.getCell('K5').value).toBe('D');
    expect(sum.getCell('J5').value).toBe('是（6 重大质量安全事故）');
    // 明细: every section closed by its 小计 and every unit by its 合计, the engine's numbers
    const rows = det.getSheetValues().slice(4).filter(Boolean) as unknown[][];
    const sub = rows.filter((r) => String(r[3]).endsWith('小计'));
    const total = rows.filter((r) => r[3] === '合计');
    expect(sub.length).toBeGreaterThanOrEqual(4);
    expect(total.map((r) => [r[1], r[7], r[8]])).toEqual([
      ['430100', 158, 160],
      ['430200', 160, 160],
    ]);
    for (const r of sub) expect(typeof r[7]).toBe('number');
    // a section's 小计 is its criteria's sum when nothing is capped (section 1 of 长沙市)
    const first = rows.findIndex((r) => String(r[3]).endsWith('小计'));
    const criteria = rows.slice(0, first).map((r) => r[7] as number);
    expect(rows[first][7]).toBe(criteria.reduce((a, b) => a + b, 0));
    expect(det.getCell(`G${4 + first}`).font?.bold).toBe(true);
    // A4 landscape, one page wide, title and header on every page, "第 N 页 共 M 页"
    for (const ws of [sum, det]) {
      expect(ws.pageSetup.paperSize).toBe(9);
      expect(ws.pageSetup.orientation).toBe('landscape');
      expect(ws.pageSetup.fitToWidth).toBe(1);
      expect(ws.pageSetup.printTitlesRow).toBe('1:3');
      expect(ws.headerFooter.oddFooter).toBe('&C第 &P 页 共 &N 页');
    }
  });

  it('frameworks lists valid ones and flags broken files', async () => {
    const io = capture();
    expect(await run(['frameworks'], io)).toBe(0);
    expect(io.stdout).toContain('mini\t版本1\t考核\t总分160');
    expect(io.stdout).toContain('（无法使用）');
    expect(io.stdout).not.toContain('departments');
  });

  it('validate: 0 with warnings, 1 with errors, 2 for an unreadable file', async () => {
    let io = capture();
    expect(await run(['validate', join(fwDir, 'mini.json')], io)).toBe(0);
    expect(io.stdout).toContain('警告  2.4.a：');
    io = capture();
    expect(await run(['validate', join(fwDir, 'broken.json')], io)).toBe(1);
    expect(io.stdout).toContain('与总分99不符');
    io = capture();
    expect(await run(['validate', join(dir, 'nope.json')], io)).toBe(2);
    expect(io.stderr).toContain('无法读取文件');
  });

  it.each<[string, () => unknown, string[], string]>([
    ['unknown framework', () => ({ ...good(), framework: 'nope' }), [], '没有指标体系nope；可用的指标体系：mini'],
    ['unknown code', () => ({ framework: 'mini', units: [{ unit: '430100', answers: { '1.9': { a: true } } }] }), [], '单位430100，1.9：指标体系mini中没有考核内容1.9'],
    ['wrong kind', () => ({ framework: 'mini', units: [{ unit: '430100', answers: { '1.2': { a: { value: 1 } } } }] }), [], '单位430100，1.2.a：答案类型与评分方法不符'],
    ['level not listed', () => ({ framework: 'mini', units: [{ unit: '430100', answers: { '1.1': { a: { level: 15 } } } }] }), [], '允许：20、10、0分中的一档'],
    ['value out of range', () => ({ framework: 'mini', units: [{ unit: '430100', answers: { '2.1': { a: { value: 101 } } } }] }), [], '数值101%超出允许范围0～100%'],
    ['score out of range', () => ({ framework: 'mini', units: [{ unit: '430100', answers: { '3.1': { a: { score: 12 } } } }] }), [], '分数12超出范围；允许：0～10分'],
    ['na not allowed', () => ({ framework: 'mini', units: [{ unit: '430100', answers: { '1.2': { a: 'na' } } }] }), [], '本项不允许合理缺项'],
    ['bad shape', () => ({ framework: 'mini', units: [{ unit: '430100', answers: { '1.2': { a: 'yes' } } }] }), [], '答案格式不正确'],
    ['broken framework', () => ({ ...good(), framework: 'broken' }), [], '未通过校验'],
    ['mismatched --framework', () => good(), ['--framework', 'other'], '不一致'],
  ])('exit 2: %s', async (_n, input, extra, message) => {
    const io = capture();
    expect(await run(['score', '--input', writeInput('bad.json', input()), ...extra], io)).toBe(2);
    expect(io.stderr).toContain(message);
  });

  it('exit 2 for usage errors', async () => {
    for (const argv of [[], ['nope'], ['score'], ['score', '--input'], ['score', '--input', 'x.json', '--format', 'pdf'], ['score', '--input', 'x.json', '--format', 'xlsx'], ['frameworks', '--x', '1']]) {
      const io = capture();
      expect(await run(argv, io)).toBe(2);
    }
  });
});

describe('bin/kaoping.mjs (spawned)', () => {
  const env = () => ({ ...process.env, KAOPING_FRAMEWORKS_DIR: fwDir });
  it('scores and prints a table', () => {
    const r = spawnSync(process.execPath, [bin, 'score', '--framework', 'mini', '--input', writeInput('s.json', good()), '--format', 'table'], {
      env: env(),
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('测试用指标体系');
  });
  it('exits 2 with every problem in Chinese', () => {
    const bad = { framework: 'mini', units: [{ unit: '430100', answers: { '1.1': { a: { level: 7 } }, '1.3': { a: true } } }] };
    const r = spawnSync(process.execPath, [bin, 'score', '--input', writeInput('s2.json', bad)], { env: env(), encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('评分输入有误（共2处）');
    expect(r.stderr).toContain('单位430100，1.1.a');
    expect(r.stderr).toContain('单位430100，1.3.a');
    expect(existsSync(bin)).toBe(true);
  });
});
