/**
 * The one rule for "which city's 质强办 is this unit" (cityOfOffice), and the two readers of it: the city whose entries
 * and policies a city office keeps (officeCity, only for the office role), and the nearest region 奖励测算 opens on
 * (policyForReader, for anyone of the unit). The routes' behaviour on the demo data is in policy-for-reader.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/roles';
import type { SessionOrg, SessionUser } from '../../core/session';
import { cityOfOffice, officeCity, policyForReader } from './honours.policy';

const HUNAN = 1, YUEYANG = 2, MILUO = 4, PROVINCE_OFFICE = 5, YUEYANG_OFFICE = 6, SAMR = 8;
const units: Record<number, SessionOrg> = {
  [HUNAN]: { code: '430000', name: '湖南省', kind: 'province', parentId: null },
  [YUEYANG]: { code: '430600', name: '岳阳市', kind: 'city', parentId: HUNAN },
  [MILUO]: { code: '430681', name: '汨罗市', kind: 'county', parentId: YUEYANG },
  [PROVINCE_OFFICE]: { code: 'office', name: '省质强办', kind: 'office', parentId: HUNAN },
  [YUEYANG_OFFICE]: { code: 'yueyang.office', name: '岳阳市质强办', kind: 'office', parentId: YUEYANG },
  [SAMR]: { code: 'samr', name: '省市场监管局', kind: 'department', parentId: HUNAN },
};
const user = (role: Role, at: number) => ({ id: at * 10, username: `${role}@${at}`, role, orgUnitId: at, org: units[at] }) as SessionUser;

describe('cityOfOffice: the city of a city’s 质强办', () => {
  it('is the parent of an office unit other than the provincial one', () => {
    expect(cityOfOffice(units[YUEYANG_OFFICE]!)).toBe(YUEYANG);
  });
  it('is none for the provincial office, a city, a county, a department or the province', () => {
    for (const at of [PROVINCE_OFFICE, YUEYANG, MILUO, SAMR, HUNAN]) expect(cityOfOffice(units[at]!)).toBeNull();
  });
});

describe('officeCity: the city a city office keeps', () => {
  it('is the city for the office role in a city’s 质强办, none for the provincial office', () => {
    expect(officeCity(user('office', YUEYANG_OFFICE))).toBe(YUEYANG);
    expect(officeCity(user('office', PROVINCE_OFFICE))).toBeNull();
  });
  it('is none for another role in the same unit: keeping entries is the office role’s', () => {
    expect(officeCity(user('auditor', YUEYANG_OFFICE))).toBeNull();
  });
});

describe('policyForReader: the nearest current policy', () => {
  const policies = [
    { id: 1, status: 'current', region: { id: HUNAN, kind: 'province' } },
    { id: 2, status: 'current', region: { id: YUEYANG, kind: 'city' } },
    { id: 3, status: 'current', region: { id: MILUO, kind: 'county' } },
  ];
  it('a city’s 质强办 opens on its city’s, whatever the role; the provincial office and a department on the province’s', () => {
    expect(policyForReader(user('office', YUEYANG_OFFICE), policies)).toBe(2);
    expect(policyForReader(user('leader', YUEYANG_OFFICE), policies)).toBe(2);
    expect(policyForReader(user('office', PROVINCE_OFFICE), policies)).toBe(1);
    expect(policyForReader(user('department', SAMR), policies)).toBe(1);
  });
  it('a county opens on its own, then its city’s; a city on its own', () => {
    expect(policyForReader(user('unit', MILUO), policies)).toBe(3);
    expect(policyForReader(user('unit', MILUO), policies.slice(0, 2))).toBe(2);
    expect(policyForReader(user('unit', YUEYANG), policies)).toBe(2);
  });
});
