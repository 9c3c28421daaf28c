/**
 * Which cities' figures a reader of a plan sees (the routes' behaviour on the demo data is in indicators.test.ts):
 * the province's own figure is everyone's; the cities' figures are the offices', departments' and leaders' of the
 * region — a reader within one of the region's cities (the city, its counties, its leader, and its own 质强办, which is
 * the city's office, not the province's) sees its own city only.
 */
import { describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/roles';
import type { SessionUser } from '../../core/session';
import { abilities, relationTo, visibleCities, type PlanAccess } from './indicators.policy';
import type { Org, PlanRow } from './indicators.queries';

const org = (id: number, name: string, kind: Org['kind'], parent: Org | null): Org => ({ id, name, code: String(id), kind, parent_id: parent?.id ?? null });
const hunan = org(1, '湖南省', 'province', null);
const yueyang = org(2, '岳阳市', 'city', hunan);
const changsha = org(3, '长沙市', 'city', hunan);
const miluo = org(4, '汨罗市', 'county', yueyang);
const office = org(5, '省质强办', 'office', hunan);
const yueyangOffice = org(6, '岳阳市质强办', 'office', yueyang);
const changshaOffice = org(7, '长沙市质强办', 'office', changsha);
const samr = org(8, '省市场监管局', 'department', hunan);
const all = [hunan, yueyang, changsha, miluo, office, yueyangOffice, changshaOffice, samr];
const lineageOf = (o: Org): Org[] => (o.parent_id === null ? [o] : [o, ...lineageOf(all.find((x) => x.id === o.parent_id)!)]);

const plan = (id: number, region: Org, owner: Org) => ({ id, region_org_id: region.id, owner_org_id: owner.id }) as PlanRow;
const provincePlan = plan(1, hunan, office);
const yueyangPlan = plan(2, yueyang, yueyangOffice);
const cities = [yueyang, changsha];

const user = (role: Role, at: Org) => ({ id: at.id * 10, username: `${role}@${at.name}`, role, orgUnitId: at.id, org: { code: at.code, name: at.name, kind: at.kind, parentId: at.parent_id } }) as SessionUser;
function access(role: Role, at: Org, p: PlanRow = provincePlan): PlanAccess | null {
  const region = all.find((o) => o.id === p.region_org_id)!;
  const lineage = lineageOf(at);
  const u = user(role, at);
  const as = relationTo(u, p, region, lineage);
  return as ? { plan: p, user: u, as, region, lineage, today: '2023-05-17' } : null;
}
const seen = (role: Role, at: Org, p: PlanRow = provincePlan) => {
  const a = access(role, at, p)!;
  return { cities: visibleCities(a, cities).map((c) => c.name), seeCities: abilities(a).seeCities };
};

describe("the cities' figures of the province's plan", () => {
  it("the provincial office (its owner), the member departments and the province's leader see every city", () => {
    for (const [role, at] of [['office', office], ['department', samr], ['leader', hunan]] as const) {
      expect([role, seen(role, at)]).toEqual([role, { cities: ['岳阳市', '长沙市'], seeCities: true }]);
    }
  });

  it("a city's 质强办 is its city's office: on the province's plan it sees its own city, as the city and its leader do", () => {
    expect(access('office', yueyangOffice)!.as).toBe('office');
    expect(seen('office', yueyangOffice)).toEqual({ cities: ['岳阳市'], seeCities: false });
    expect(seen('office', changshaOffice)).toEqual({ cities: ['长沙市'], seeCities: false });
    expect(seen('unit', yueyang)).toEqual({ cities: ['岳阳市'], seeCities: false });
    expect(seen('unit', miluo)).toEqual({ cities: ['岳阳市'], seeCities: false });
    expect(seen('leader', yueyang)).toEqual({ cities: ['岳阳市'], seeCities: false });
  });

  it("on a city's own plan its office (the owner) and the provincial office see everything; another city's office not the plan at all", () => {
    expect(access('office', yueyangOffice, yueyangPlan)!.as).toBe('owner');
    expect(abilities(access('office', yueyangOffice, yueyangPlan)!).seeCities).toBe(true);
    expect(access('office', office, yueyangPlan)!.as).toBe('office');
    expect(abilities(access('office', office, yueyangPlan)!).seeCities).toBe(true);
    expect(access('office', changshaOffice, yueyangPlan)).toBeNull();
    // a county's leader on its city's plan reads as its county does, as on the province's plan
    expect(access('leader', miluo, yueyangPlan)!.as).toBe('leader');
    expect(abilities(access('leader', miluo, yueyangPlan)!).seeCities).toBe(false);
    expect(abilities(access('leader', yueyang, yueyangPlan)!).seeCities).toBe(true);
  });
});
