import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../config';
import { DEMO_PROVINCE_VALUES, demoCityValue, seeded } from './demo-indicators';

const plan = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'frameworks/plan-indicators/hunan-14th.json'), 'utf8'));

describe('demo plan-indicator figures', () => {
  it('are the same on every start (seeded generator) and rates stay within 100', () => {
    expect(seeded(42)()).toBe(seeded(42)());
    expect(demoCityValue(13, 3, 1, '%')).toBe(demoCityValue(13, 3, 1, '%'));
    for (const code of Object.keys(DEMO_PROVINCE_VALUES).map(Number)) {
      for (let city = 0; city < 14; city++) for (let y = 0; y < 3; y++) expect(demoCityValue(code, city, y, '%')).toBeLessThanOrEqual(100);
    }
  });
  it('start from the seed: the province figures move away from the 专栏1 baselines by less than the spread (制造业 93.61 → 93.92)', () => {
    for (const [code, spec] of Object.entries(DEMO_PROVINCE_VALUES)) {
      const ind = plan.indicators.find((i: any) => i.code === Number(code));
      expect(ind.unit).toMatch(/^(%|分)$/);
      expect(Math.abs(spec.values[0] - ind.baseline)).toBeLessThanOrEqual(Math.max(spec.spread, 2.5));
    }
    expect(plan.indicators.find((i: any) => i.code === 13).baseline).toBe(93.61);
    // one binding indicator is meant to lag in 2023: 国控断面水质 96.0 against the 工作要点's 97.3
    expect(plan.indicators.find((i: any) => i.code === 22).nature).toBe('约束性');
    expect(DEMO_PROVINCE_VALUES[22]!.values[2]).toBeLessThan(97.3);
  });
});
