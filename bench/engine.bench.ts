/**
 * npm run bench:engine — a synthetic national run of the scoring engine.
 *
 * Units: 333 cities and 2,844 counties (3,177 assessed units) spread over 31 provinces. Rank-based items
 * ("居省内同级城市前列") rank a unit among peers of the same level in the same province:
 * peerGroup = "<province>-city" / "<province>-county" (so 62 peer groups).
 * Framework: frameworks/db43-quality-city.json when it exists and validates, else a synthetic framework of
 * the same shape (11 sections, 50 items, 1060 points, threshold/linear/rank/levels/boolean/direct rules).
 *
 * Prints: wall time of scoreFramework over all units (median of several runs after warm-up), peak memory,
 * and the ratio to a plain single pass over the same answers (a loop that only sums the raw numbers).
 * Goal on a 2-core machine: < 200 ms and ratio < 5.
 */
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { framework as frameworkSchema, type Framework } from '../src/shared/scoring/framework-schema';
import { validateFramework } from '../src/shared/scoring/validator';
import { scoreFramework } from '../src/shared/scoring/engine';
import { syntheticDb43 } from '../src/shared/scoring/fixtures';
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

export function makeUnits(fw: Framework, seed = 42): UnitInput[] {
  const rnd = prng(seed);
  const provinces = 31;
  const cities = 333;
  const counties = 2844;
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
              const lo = rule.valueRange?.[0] ?? 0;
              const hi = rule.valueRange?.[1] ?? (rule.type === 'linear' ? rule.target * 1.02 : 1.5);
              const span = rule.type === 'linear' ? Math.min(hi - lo, Math.abs(rule.target) * 0.06 + 1) : hi - lo;
              const base = rule.type === 'linear' ? Math.min(hi, rule.target) - span : lo;
              const v = Math.round((base + rnd() * span) * 10) / 10;
              ia[c.code] = rnd() < 0.2 ? { ratio: [Math.round(v * 1000), 1000 * (rule.unit.includes('‰') ? 1000 : rule.unit.includes('%') ? 100 : 1)] } : { value: Math.max(lo, Math.min(hi, v)) };
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

function main() {
  const { fw, source } = loadFramework();
  const units = makeUnits(fw);
  const criteria = fw.sections.reduce((n, s) => n + s.items.reduce((m, it) => m + it.criteria.length, 0), 0);
  const items = fw.sections.reduce((n, s) => n + s.items.length, 0);
  const input = { framework: fw.id, units };
  const runs = Number(process.env.BENCH_RUNS ?? 9);

  const heapBefore = process.memoryUsage().heapUsed;
  let peakHeap = 0;
  const engineTimes = time(
    () => {
      const r = scoreFramework(fw, input);
      const h = process.memoryUsage().heapUsed;
      if (h > peakHeap) peakHeap = h;
      return r;
    },
    3,
    runs,
  );
  let sink = 0;
  const plainTimes = time(() => (sink += plainPass(units)), 5, runs);
  const engine = median(engineTimes);
  const plain = median(plainTimes);
  const res = scoreFramework(fw, input);
  const maxRss = process.resourceUsage().maxRSS / 1024;

  const ok = engine < 200 && engine / plain < 5;
  console.log(`指标体系：${fw.id}（${source}）：${fw.sections.length} 个指标项，${items} 项，${criteria} 条评分细则，总分 ${fw.totalPoints}`);
  console.log(`单位：${units.length}（市 333 + 县 2844，31 个省；排名按“省 + 层级”分 62 组）；答案 ${units.length * criteria} 条左右`);
  console.log(`引擎 scoreFramework：中位数 ${engine.toFixed(1)} ms（${runs} 次，最快 ${Math.min(...engineTimes).toFixed(1)} ms，最慢 ${Math.max(...engineTimes).toFixed(1)} ms）`);
  console.log(`单次遍历求和（基准）：中位数 ${plain.toFixed(2)} ms`);
  console.log(`比值：${(engine / plain).toFixed(2)}`);
  console.log(`内存：评分时堆峰值约 ${(peakHeap / 1048576).toFixed(0)} MB（评分前 ${(heapBefore / 1048576).toFixed(0)} MB），进程最大常驻内存 ${maxRss.toFixed(0)} MB`);
  console.log(`结果抽查：${res.units[0].unit} 总分 ${res.units[0].total}，名次 ${res.units[0].rank}；${sink > 0 ? '' : ''}`);
  console.log(ok ? '达标：< 200 ms 且比值 < 5' : '未达标：目标 < 200 ms 且比值 < 5');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
