/**
 * A department's grid scores each unit against the framework reduced to its own criteria. The reduced framework is
 * made once per (published framework, criteria) and reused, so the engine's compiled form of it (compileFramework,
 * cached per object) is made once too, not at every read of the grid.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileFramework } from '../../../../shared/scoring/compile';
import { REPO_ROOT } from '../../../config';
import { loadFrameworkFile } from '../../frameworks';
import { allCriteria, reduceFramework } from './scoring.queries';

const fw = loadFrameworkFile(path.join(REPO_ROOT, 'frameworks/hunan-assessment-2022.json')).framework;

describe('reduceFramework', () => {
  const all = allCriteria(fw);
  const some = all.filter((c) => c.itemCode === all[0].itemCode || c.itemCode === all[all.length - 1].itemCode);

  it('keeps exactly the criteria asked for, dropping empty items and sections', () => {
    const r = reduceFramework(fw, some);
    expect(allCriteria(r)).toEqual(some);
    expect(r.sections.every((s) => s.items.length > 0 && s.items.every((i) => i.criteria.length > 0))).toBe(true);
    expect(r.sections.length).toBeLessThan(fw.sections.length);
    // the framework it came from is left as it was
    expect(allCriteria(fw)).toEqual(all);
  });

  it('gives the same object for the same framework and criteria (in any order), and so one compiled form', () => {
    const a = reduceFramework(fw, some);
    const b = reduceFramework(fw, [...some].reverse());
    expect(b).toBe(a);
    expect(compileFramework(b)).toBe(compileFramework(a));
    // other criteria, or another framework object with the same content: another reduced framework
    expect(reduceFramework(fw, some.slice(1))).not.toBe(a);
    expect(reduceFramework(structuredClone(fw), some)).not.toBe(a);
    expect(reduceFramework(structuredClone(fw), some)).toEqual(a);
  });
});
