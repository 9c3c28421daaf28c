/**
 * npm run bench:engine — a synthetic national run of the scoring engine.
 *
 * Units: 333 cities and 2,844 counties (3,177 assessed units) spread over 31 provinces. Rank-based items
 * ("居省内同级城市前列") rank a unit among peers of the same level in the same province:
 * peerGroup = "<province>-city" / "<province>-county" (so 62 peer groups).
 * Framework: frameworks/db43-quality-city.json when it exists and validates, else a synthetic framework of
 * the same shape (11 sections, 50 items, 1060 points, threshold/linear/rank/levels/boolean/direct rules).
 *
 * Prints the wall time of scoreFramework over all units (median of several runs after warm-up), peak memory,
 * and the ratio to a plain single pass over the same answers (a loop that only sums the raw numbers).
 * Goal on a 2-core machine: < 200 ms and ratio < 5.
 *
 * What scoreFramework does in that time: it validates every answer, ranks peers, finds every unit's total,
 * maximum, not-applicable points, prorated score, bonus, deduction, veto, ineligibility, grade, pass, rank,
 * peer rank and missing answers. The per-node detail of a unit (`sections`: 109 criterion results with their
 * Chinese explanations, 50 items, 11 groups) is built when that unit's `sections` is first read (batch.ts).
 * So the bench also prints, for comparison and not as the goal, the time to score and then read every unit's
 * detail, and the time of the eager path (`detail: 'eager'`, every detail built during the call).
 */
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { framework as frameworkSchema, type Framework } from '../src/shared/scoring/framework-schema';
import { validateFramework } from '../src/shared/scoring/validator';
import { scoreFramework, scoreUnit } from '../src/shared/scoring/engine';
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

/** One answer of the first unit: what a department's save checks (scoreUnit of one criterion). */
function oneAnswer(fw: Framework, u: UnitInput): UnitInput {
  const [ic, ia] = Object.entries(u.answers)[0];
  const [cc, a] = Object.entries(ia as Record<string, Answer>)[0];
  return { unit: u.unit, answers: { [ic]: { [cc]: a } } };
}

type Row = { path: string; what: string; reference: number; fast: number | null };

function measure(name: string, fw: Framework, units: UnitInput[], runs: number): Row[] {
  const input = { framework: fw.id, units };
  let sink = 0;
  const one = oneAnswer(fw, units[0]);
  const m = (fn: () => unknown, n = runs) => median(time(fn, 10, n));
  const rows: Row[] = [];
  rows.push({ path: name, what: '一个答案（保存一格）scoreUnit', reference: m(() => scoreUnit(fw, one)), fast: null });
  rows.push({ path: name, what: '一个单位全部答案 scoreUnit', reference: m(() => scoreUnit(fw, units[0])), fast: null });
  rows.push({
    path: name,
    what: `整个周期结果（含逐项明细，服务器计算/存储/发送）${units.length} 个单位`,
    reference: m(() => {
      for (const u of scoreFramework(fw, input, { detail: 'eager' }).units) sink += u.sections.length;
    }),
    fast: m(() => {
      for (const u of scoreFramework(fw, input).units) sink += u.sections.length;
    }),
  });
  rows.push({
    path: name,
    what: `整个周期只要总分/名次（无逐项明细）${units.length} 个单位`,
    reference: m(() => (sink += scoreFramework(fw, input, { detail: 'eager' }).units.length)),
    fast: m(() => (sink += scoreFramework(fw, input).units.length)),
  });
  rows.push({
    path: name,
    what: `JSON 往返（存储/发送的形式）${units.length} 个单位`,
    reference: m(() => (sink += JSON.stringify(scoreFramework(fw, input, { detail: 'eager' })).length), Math.min(runs, 9)),
    fast: m(() => (sink += JSON.stringify(scoreFramework(fw, input)).length), Math.min(runs, 9)),
  });
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
  console.log('| 规模 | 用户等待的路径 | 参考路径（逐单位完整计算）ms | 生成代码 + 延迟明细 ms | 加速 |');
  console.log('|---|---|---:|---:|---:|');
  for (const r of rows) {
    const f = (x: number) => (x < 1 ? x.toFixed(3) : x.toFixed(1));
    console.log(`| ${r.path} | ${r.what} | ${f(r.reference)} | ${r.fast === null ? '（同一路径）' : f(r.fast)} | ${r.fast === null ? '—' : (r.reference / r.fast).toFixed(2) + '×'} |`);
  }
  const memo = process.memoryUsage();
  console.log(`\n进程堆 ${(memo.heapUsed / 1048576).toFixed(0)} MB；plainPass 基准 ${median(time(() => plainPass(units), 5, runs)).toFixed(2)} ms`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
