/**
 * The office below the province's plan (isCityOfficeBelow) is found by the tree, not by "any office not directly under
 * the province": with two provinces, the other province's 质强办 and its cities' offices read nothing of this plan.
 */
import { describe, expect, it } from 'vitest';
import { isCityOfficeBelow, maySee, maySeePlan, type PlanScope, type UnitScope, type Viewer } from './reporting.policy';

// two trees: 湖南省 (1) with its office (2) and 岳阳市 (10) with its office (11); 广东省 (100) with its office (101)
// and 广州市 (110) with its office (111)
const office = (id: number, parentId: number): Viewer => ({ role: 'office', orgUnitId: id, org: { code: `office-${id}`, name: `质强办${id}`, kind: 'office', parentId } });
const provincePlan = (region: number, owner: number, cities: number[]): PlanScope => ({ id: region, ownerOrgId: owner, regionOrgId: region, regionKind: 'province', regionParentId: null, regionCityIds: cities });
const hunan = provincePlan(1, 2, [10]);
const guangdong = provincePlan(100, 101, [110]);
const unit = (id: number, kind: UnitScope['kind'], parentId: number | null): UnitScope => ({ id, kind, parentId });
const ind = { id: 1, departments: ['samr'] };

describe('a city office below the province’s plan, with two provinces', () => {
  it('is the office of one of the plan’s own cities', () => {
    expect(isCityOfficeBelow(office(11, 10), hunan)).toBe(true);
    expect(isCityOfficeBelow(office(111, 110), guangdong)).toBe(true);
  });

  it('is neither a city office of the other province nor the other province’s own office', () => {
    expect(isCityOfficeBelow(office(111, 110), hunan)).toBe(false);
    expect(isCityOfficeBelow(office(101, 100), hunan)).toBe(false);
    expect(isCityOfficeBelow(office(11, 10), guangdong)).toBe(false);
    expect(isCityOfficeBelow(office(2, 1), guangdong)).toBe(false);
    // nor the plan's own office (it owns the plan: isPlanOffice)
    expect(isCityOfficeBelow(office(2, 1), hunan)).toBe(false);
  });

  it('so only its own province’s city office reads the plan and its city’s values', () => {
    expect([office(11, 10), office(111, 110), office(101, 100)].map((v) => maySeePlan(v, hunan))).toEqual([true, false, false]);
    const yueyang = unit(10, 'city', 1);
    expect(maySee(office(11, 10), hunan, ind, yueyang, 'accepted')).toBe(true);
    expect(maySee(office(11, 10), hunan, ind, unit(1, 'province', null), 'accepted')).toBe(true);
    expect(maySee(office(111, 110), hunan, ind, yueyang, 'accepted')).toBe(false);
    expect(maySee(office(101, 100), hunan, ind, unit(1, 'province', null), 'accepted')).toBe(false);
  });
});
