/** A policy's period, its boundary days (失效日期 included, 施行日期 included), and the 被替代 rule built on it. */
import { describe, expect, it } from 'vitest';
import { policyExpiry } from '../workflow/honours';
import { inForceOn, periodOn, periodProblem, supersedeRefusal, type SupersedeParty } from './in-force';

const p = { effectiveFrom: '2023-05-01', expiresOn: '2026-04-30' };

describe('in force on a day: 施行日期 and 失效日期 both included', () => {
  it('the boundary days', () => {
    expect([inForceOn(p, '2023-04-30'), inForceOn(p, '2023-05-01'), inForceOn(p, '2026-04-30'), inForceOn(p, '2026-05-01')]).toEqual([false, true, true, false]);
    expect([periodOn(p, '2023-04-30'), periodOn(p, '2023-05-01'), periodOn(p, '2026-04-30'), periodOn(p, '2026-05-01')]).toEqual(['not-yet', 'in-force', 'in-force', 'ended']);
  });
  it('without a 失效日期 a policy stays in force; a one-day policy is in force that day only', () => {
    expect(inForceOn({ effectiveFrom: '2023-05-01', expiresOn: null }, '2099-12-31')).toBe(true);
    const oneDay = { effectiveFrom: '2025-01-01', expiresOn: '2025-01-01' };
    expect(['2024-12-31', '2025-01-01', '2025-01-02'].map((d) => inForceOn(oneDay, d))).toEqual([false, true, false]);
    expect(periodProblem(oneDay)).toBeNull();
    expect(periodProblem({ effectiveFrom: '2025-01-02', expiresOn: '2025-01-01' })).toBe('失效日期不能早于施行日期（失效日期当天仍有效，只施行一天的政策两者相同）');
  });
  it('the expiry warning: the 失效日期 itself is the last day (0 days left), the day after it is past', () => {
    const current = { status: 'current' as const, expiresOn: '2026-04-30' };
    expect(policyExpiry(current, '2026-04-30')).toEqual({ state: 'near', daysLeft: 0 });
    expect(policyExpiry(current, '2026-05-01')).toEqual({ state: 'expired', daysLeft: -1 });
  });
});

describe('被替代: which policy may replace which', () => {
  const party = (over: Partial<SupersedeParty>): SupersedeParty => ({ id: 1, title: '旧政策', status: 'current', keptBy: 7, regionName: '岳阳市', effectiveFrom: '2023-05-01', expiresOn: '2026-04-30', ...over });
  const older = party({});
  it('a current policy of the same office in force from the older one’s first day on', () => {
    expect(supersedeRefusal(older, party({ id: 2, title: '新政策', effectiveFrom: '2023-05-01' }))).toBeNull();
    expect(supersedeRefusal(older, party({ id: 2, title: '新政策', effectiveFrom: '2026-05-01', expiresOn: null }))).toBeNull();
  });
  it('refuses itself, a policy not current, another office’s, and one in force before the older began', () => {
    expect(supersedeRefusal(older, older)?.message).toBe('政策不能被自身替代');
    expect(supersedeRefusal(older, party({ id: 2, status: 'repealed', title: '废止的政策' }))?.hint).toBe('请选择现行有效的政策');
    expect(supersedeRefusal(older, party({ id: 2, keptBy: null, title: '省政策', regionName: '湖南省' }))?.message).toBe('替代政策须为本单位维护的激励政策：「省政策」是湖南省的政策');
    expect(supersedeRefusal(older, party({ id: 2, title: '更早的政策', effectiveFrom: '2023-04-30' }))?.hint).toBe('请选择更新的政策');
  });
});
