/** The honour kinds list against the plan indicators it feeds (frameworks/plan-indicators/hunan-14th.json, seed 003 专栏1). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COUNTED_INDICATORS, HONOUR_KINDS, INSPECTION_KINDS, kindsOfIndicator } from './kinds';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const plan = JSON.parse(readFileSync(path.join(repoRoot, 'frameworks/plan-indicators/hunan-14th.json'), 'utf8')) as { indicators: { code: number; name: string; measure: string }[] };

describe('HONOUR_KINDS', () => {
  it('each counted plan indicator (4–8) is a stock in 专栏1 and is counted from exactly the kind of its name', () => {
    for (const code of COUNTED_INDICATORS) {
      const ind = plan.indicators.find((i) => i.code === code)!;
      expect(ind.measure, ind.name).toBe('stock');
      expect(kindsOfIndicator(code).map((k) => k.name)).toEqual([ind.name]);
    }
    expect(HONOUR_KINDS.filter((k) => k.planIndicator !== null).map((k) => k.planIndicator).sort()).toEqual([4, 5, 6, 7, 8]);
  });

  it('codes and names are unique; the 督查激励 carry the bonus points of seed 000 (1, 0.5, 0.2)', () => {
    expect(new Set(HONOUR_KINDS.map((k) => k.code)).size).toBe(HONOUR_KINDS.length);
    expect(new Set(HONOUR_KINDS.map((k) => k.name)).size).toBe(HONOUR_KINDS.length);
    expect(INSPECTION_KINDS.map((k) => [k.level, k.inspectionBonus!.points, k.inspectionBonus!.countyLevel])).toEqual([
      ['national', '1', false],
      ['provincial', '0.5', false],
      ['provincial', '0.2', true],
    ]);
  });
});
