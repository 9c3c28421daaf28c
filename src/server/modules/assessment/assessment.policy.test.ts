/**
 * leaderStanding: the one rule for how a leader reads a cycle, used by cycleAccess and the cycle list alike (their
 * agreement over the demo data is tested in results.city-leader.test.ts and cycles.test.ts; this is the rule itself).
 */
import { describe, expect, it } from 'vitest';
import { CYCLE_WORKFLOW, type CycleStatus } from '../../../shared/workflow/assessment';
import { cityCycleSummariesProvince, leaderStanding } from './assessment.policy';

// the org tree of the cases: the province (1) with its office (2); a city (10) with its office (11); another city (20)
const PROVINCE = 1;
const PROVINCE_OFFICE = 2;
const CITY = 10;
const CITY_OFFICE = 11;
const OTHER_CITY = 20;
const STATUSES = Object.keys(CYCLE_WORKFLOW.states) as CycleStatus[];

const provinceCycle = (status: CycleStatus) => ({ status, office_org_id: PROVINCE_OFFICE });
const cityCycle = (status: CycleStatus) => ({ status, office_org_id: CITY_OFFICE });

describe('leaderStanding', () => {
  it('a leader of the office’s parent unit, or of the office itself, reads the cycle at every stage', () => {
    for (const status of STATUSES) {
      expect(leaderStanding(provinceCycle(status), PROVINCE, PROVINCE)).toBe('leader');
      expect(leaderStanding(cityCycle(status), CITY, CITY)).toBe('leader');
      expect(leaderStanding(cityCycle(status), CITY, CITY_OFFICE)).toBe('leader');
    }
  });

  it('any other leader may read as its assessed region once the results are published, and not before', () => {
    for (const status of STATUSES) {
      const expected = status === 'published' ? 'assessedRegion' : null;
      // a city's leader in the province's assessment of the cities
      expect(leaderStanding(provinceCycle(status), PROVINCE, CITY), status).toBe(expected);
      // another city's leader, or the province's, in a city's assessment of its counties: its region is not assessed
      // there, which the caller's cycle_unit look-up settles — the standing is the same
      expect(leaderStanding(cityCycle(status), CITY, OTHER_CITY), status).toBe(expected);
      expect(leaderStanding(cityCycle(status), CITY, PROVINCE), status).toBe(expected);
    }
  });

  it('an office without a parent is led only by a leader of the office itself', () => {
    expect(leaderStanding(provinceCycle('scoring'), null, PROVINCE_OFFICE)).toBe('leader');
    expect(leaderStanding(provinceCycle('scoring'), null, PROVINCE)).toBeNull();
  });
});

describe('cityCycleSummariesProvince', () => {
  const province = { id: PROVINCE, kind: 'province' };
  const city = { id: CITY, kind: 'city' };
  it('the province’s leaders and its office follow the cities’ assessments of their counties', () => {
    expect(cityCycleSummariesProvince({ role: 'leader' }, province)).toBe(PROVINCE);
    expect(cityCycleSummariesProvince({ role: 'office' }, province)).toBe(PROVINCE);
  });
  it('a city’s leader and office, any other role, and an office without a region do not', () => {
    expect(cityCycleSummariesProvince({ role: 'leader' }, city)).toBeNull();
    expect(cityCycleSummariesProvince({ role: 'office' }, city)).toBeNull();
    expect(cityCycleSummariesProvince({ role: 'office' }, null)).toBeNull();
    for (const role of ['department', 'unit', 'expert', 'sysadmin']) expect(cityCycleSummariesProvince({ role }, province), role).toBeNull();
  });
});
