/**
 * npm run bench:engine — the scoring engine on the paths a user waits on, national size and the demo scheme.
 *
 * National size: 333 cities and 2,844 counties (3,177 assessed units) spread over 31 provinces. Rank-based items
 * ("居省内同级城市前列") rank a unit among peers of the same level in the same province:
 * peerGroup = "<province>-city" / "<province>-county" (so 62 peer groups).
 * Framework: frameworks/db43-quality-city.json when it exists and validates, else a synthetic framework of
 * the same shape (11 sections, 50 items, 1060 points, threshold/linear/rank/levels/boolean/direct rules).
 * The demo scheme: frameworks/hunan-assessment-2022.json with its 14 cities (frameworks/golden).
 *
 * Paths: one answer (a department saves a cell: checkAnswer), one unit's answers (the grid's live totals:
 * scoreUnit), a whole cycle's results with every unit's per-criterion detail (what the server computes, stores
 * and sends: scoreFramework and reading every `sections`), and the same as JSON (stored and sent form).
 *
 * The decision of issue 9 (keep a generated scorer and lazy detail only if a path a user waits on is ≥ 2×
 * faster), measured with this bench side by side before they were removed (commit 318ae93, 2-core machine
 * shared with other jobs, medians in ms; reference = every unit in full detail, the path that stays):
 *   national: whole cycle with detail 530.1 vs 477.2 (1.11×); figures only, no detail 472.5 vs 154.2 (3.06×,
 *             but no user path reads figures without detail: the server reads every unit's detail, the CLI's
 *             table spends ~7.5 s end to end of which the difference is ~0.3 s); JSON 3648 vs 4294 (0.85×)
 *   demo:     whole cycle with detail 0.538 vs 0.542 (0.99×); figures only 0.405 vs 0.313 (1.29×); JSON 0.91 vs 17.7
 *   one answer / one unit: the same path in both (scoreUnit never used them).
 * So both were removed: one plain path, results plain data.
 */
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { framework as frameworkSchema, type Framework } from '../src/shared/scoring/framework-schema';
import { validateFramework } from '../src/shared/scoring/validator';
import { checkAnswer, scoreFramework, scoreUnit } from '../src/shared/scoring/engine';
import { syntheticDb43 } from '../src/shared/scoring/test/fixtures';
import type { Answer, UnitInput } from '../src/shared/scoring/answers';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function loadFramework(): { fw: Framework; source: string } {
  const file = join(root, 'frameworks', 'db43-quality-city.json');
  if (existsSync(file)) {
    try {
      const fw = frameworkSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
      const report = validateFramework(fw);
      if (report.errors.length === 0) return { fw, source: 'frameworks/db43-quality-city.json' };
      console.log(`db43-quality-city.json 校验未通过（${report.errors.length} 个错误），改用合成指标体系`);
    } catch (e) {
      console.log(`db43-quality-city.json 无法读取（${(e as Error).message.slice(0, 120)}），改用合成指标体系`);
    }
  }
  return { fw: syntheticDb43(), source: 'synthetic (fixtures.syntheticDb43)' };
}

/** mulberry32: deterministic */
function prng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The national set; `counties` fewer than 2,844 gives the same first units (tests take a slice). */
export function makeUnits(fw: Framework, seed = 42, counties = 2844): UnitInput[] {
  const rnd = prng(seed);
  const provinces = 31;
  const cities = 333;
  const units: UnitInput[] = [];
  const make = (code: string, level: 'city' | 'county', province: number): UnitInput => {
    const answers: Record<string, Record<string, Answer>> = {};
    for (const s of fw.sections) {
      for (const it of s.items) {
        const ia: Record<string, Answer> = {};
        for (const c of it.criteria) {
          const r = rnd();
          if (r < 0.01) continue; // missing
          if (c.notApplicable !== undefined && r < 0.1) {
            ia[c.code] = 'na';
            continue;
          }
          const rule = c.rule;
          switch (rule.type) {
            case 'boolean':
              ia[c.code] = s.role === 'veto' ? rnd() < 0.01 : rnd() < 0.8;
              break;
            case 'levels':
              ia[c.code] = { level: rule.levels[Math.floor(rnd() * rule.levels.length)] };
              break;
            case 'threshold':
            case 'linear': {
              // measured values cluster around the bounds / the target, with one decimal (a rate, a count per 10,000)
              const lo = rule.valueRange?.[0] ?? 0;
              const hi = rule.valueRange?.[1] ?? Number.MAX_SAFE_INTEGER;
              const top = rule.type === 'linear' ? rule.target : Math.max(...rule.steps.map((st) => st.bound));
              const span = rule.type === 'linear' ? 8 : top * 1.5;
              const raw = rule.type === 'linear' ? top + 1 - rnd() * span : rnd() * span;
              const v = Math.max(lo, Math.min(hi, Math.round(raw * 10) / 10));
              const scale = rule.unit.includes('‰') ? 1000 : rule.unit.includes('%') ? 100 : 1;
              // one answer in ten as a ratio of two amounts (e.g. funding / budget revenue)
              ia[c.code] = rnd() < 0.1 ? { ratio: [Math.round(v * 1000), 1000 * scale] } : { value: v };
              break;
            }
            case 'rank':
              ia[c.code] = { value: Math.floor(rnd() * 50) };
              break;
            case 'direct':
              ia[c.code] = { score: Math.floor(rnd() * c.points * 2) / 2 + (rule.min ?? 0) > c.points ? c.points : Math.floor(rnd() * c.points * 2) / 2 };
              break;
          }
        }
        answers[it.code] = ia;
      }
    }
    const u: UnitInput = { unit: code, peerGroup: `${province}-${level}`, answers };
    if (fw.ineligibility?.length) u.ineligibility = Object.fromEntries(fw.ineligibility.map((i) => [i.code, rnd() < 0.005]));
    return u;
  };
  for (let i = 0; i < cities; i++) units.push(make(`C${String(i).padStart(4, '0')}`, 'city', i % provinces));
  for (let i = 0; i < counties; i++) units.push(make(`X${String(i).padStart(5, '0')}`, 'county', i % provinces));
  return units;
}

/** The yardstick: one plain pass that sums the raw numbers of every answer. */
function plainPass(units: UnitInput[]): number {
  let sum = 0;
  for (const u of units) {
    const answers = u.answers;
    for (const item in answers) {
      const ia = answers[item];
      for (const c in ia) {
        const a = ia[c] as unknown;
        if (a === true) sum += 1;
        else if (typeof a === 'object' && a !== null) {
          const o = a as { value?: number; level?: number; score?: number; ratio?: [number, number] };
          sum += o.value ?? o.level ?? o.score ?? (o.ratio ? o.ratio[0] / o.ratio[1] : 0);
        }
      }
    }
  }
  return sum;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function time(fn: () => unknown, warmup: number, runs: number): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return out;
}

/** The demo scheme (frameworks/hunan-assessment-2022.json) with its 14 cities (frameworks/golden). */
function loadDemo(): { fw: Framework; units: UnitInput[] } {
  const fw = frameworkSchema.parse(JSON.parse(readFileSync(join(root, 'frameworks', 'hunan-assessment-2022.json'), 'utf8')));
  const golden = JSON.parse(readFileSync(join(root, 'frameworks', 'golden', 'hunan-2022-14-cities.json'), 'utf8')) as { units: UnitInput[] };
  return { fw, units: golden.units };
}

type Row = { path: string; what: string; ms: number };

function measure(name: string, fw: Framework, units: UnitInput[], runs: number): Row[] {
  const input = { framework: fw.id, units };
  let sink = 0;
  const [ic, ia] = Object.entries(units[0].answers)[0];
  const [cc, a] = Object.entries(ia as Record<string, Answer>)[0];
  const m = (fn: () => unknown, n = runs) => median(time(fn, 10, n));
  const rows: Row[] = [
    { path: name, what: '一个答案（保存一格）checkAnswer', ms: m(() => (sink += checkAnswer(fw, ic, cc, a).ok ? 1 : 0)) },
    { path: name, what: '一个单位全部答案（网格实时合计）scoreUnit', ms: m(() => (sink += scoreUnit(fw, units[0]).sections.length)) },
    {
      path: name,
      what: `整个周期结果（含逐项明细）scoreFramework，${units.length} 个单位`,
      ms: m(() => {
        for (const u of scoreFramework(fw, input).units) sink += u.sections.length;
      }),
    },
    { path: name, what: `同上并序列化为 JSON（存储/发送），${units.length} 个单位`, ms: m(() => (sink += JSON.stringify(scoreFramework(fw, input)).length), Math.min(runs, 9)) },
  ];
  if (sink === 0) console.log('');
  return rows;
}

function main() {
  const { fw, source } = loadFramework();
  // as they arrive from a file or an HTTP body
  const units = JSON.parse(JSON.stringify(makeUnits(fw))) as UnitInput[];
  const criteria = fw.sections.reduce((n, s) => n + s.items.reduce((m, it) => m + it.criteria.length, 0), 0);
  const items = fw.sections.reduce((n, s) => n + s.items.length, 0);
  const runs = Number(process.env.BENCH_RUNS ?? 15);
  console.log(`全国规模：${fw.id}（${source}）：${fw.sections.length} 个指标项，${items} 项，${criteria} 条评分细则；${units.length} 个单位（市 333 + 县 2844，62 个排名组）`);
  const demo = loadDemo();
  console.log(`演示方案：${demo.fw.id}，${demo.units.length} 个市州`);
  const rows = [...measure('全国规模', fw, units, runs), ...measure('演示方案', demo.fw, demo.units, runs)];
  console.log('');
  console.log('| 规模 | 用户等待的路径 | 中位数 ms |');
  console.log('|---|---|---:|');
  for (const r of rows) console.log(`| ${r.path} | ${r.what} | ${r.ms < 1 ? r.ms.toFixed(3) : r.ms.toFixed(1)} |`);
  const memo = process.memoryUsage();
  console.log(`\n进程堆 ${(memo.heapUsed / 1048576).toFixed(0)} MB；plainPass 基准 ${median(time(() => plainPass(units), 5, runs)).toFixed(2)} ms`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
