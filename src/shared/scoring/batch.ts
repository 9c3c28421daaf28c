/**
 * Many units in one call (a cycle, a national run): each unit scored in full detail by unit.ts, after one
 * ranking pass over the rank criteria and before the competition ranks. Outcomes and finished items that do
 * not depend on the unit are shared between units within the call (frozen).
 */
import type { ScoreInput, UnitInput } from './answers';
import { compileFramework } from './compile';
import { ScoringInputError, type ScoringIssue } from './errors';
import type { Framework } from './framework-schema';
import { newCtx, type UnitWork } from './model';
import { peerGroups, rankPass, rankUnits } from './rank';
import type { ScoreOptions, ScoreResults } from './types';
import { scoreOneUnit } from './unit';

/**
 * Score every unit of an input against a framework (zod-parsed, defaults applied). Units come back in input
 * order. Throws ScoringInputError listing every bad answer, unknown code and duplicate unit.
 */
export function scoreFramework(framework: Framework, input: ScoreInput | { framework?: string; units: UnitInput[] }, options: ScoreOptions = {}): ScoreResults {
  const cf = compileFramework(framework);
  const issues: ScoringIssue[] = [];
  if (input.framework !== undefined && input.framework !== framework.id) {
    issues.push({ unit: '', code: 'framework', message: `输入指定的指标体系为${input.framework}，但评分使用的是${framework.id}` });
  }
  const units = Array.isArray(input.units) ? input.units : [];
  if (!Array.isArray(input.units)) issues.push({ unit: '', code: 'units', message: 'units 须为数组' });
  const seen = new Set<string>();
  for (const u of units) {
    if (typeof u?.unit !== 'string' || u.unit === '') {
      issues.push({ unit: '', code: 'unit', message: '每个单位须有非空的 unit 代码' });
    } else if (seen.has(u.unit)) {
      issues.push({ unit: u.unit, code: 'unit', message: `单位${u.unit}在输入中重复出现` });
    } else seen.add(u.unit);
  }
  if (issues.length) throw new ScoringInputError(issues);
  const groups = peerGroups(units);
  const rankData = rankPass(cf, units, issues, groups);
  const ctx = newCtx(cf, issues, rankData);
  const work: UnitWork[] = new Array(units.length);
  for (let i = 0; i < units.length; i++) work[i] = scoreOneUnit(ctx, units[i], i, options.gradeBands);
  if (issues.length) throw new ScoringInputError(issues);

  rankUnits(work, groups);
  return {
    framework: {
      id: framework.id,
      version: framework.version,
      title: framework.title,
      kind: framework.kind,
      totalPoints: cf.totalPointsText,
    },
    units: work.map((w) => w.result),
  };
}
