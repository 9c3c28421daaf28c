/**
 * The incentive policy's life (激励政策): current until repealed (废止) or superseded by a newer policy (被替代).
 * Honours have no states: an entry is on the roll or deleted.
 */
import { pastExpiry } from '../incentives/in-force';
import type { Workflow } from './workflow';

export type PolicyStatus = 'current' | 'repealed' | 'superseded';
export type PolicyEvent = 'repeal' | 'supersede';

export const POLICY_WORKFLOW: Workflow<PolicyStatus, PolicyEvent> = {
  name: 'incentivePolicy',
  states: { current: '现行有效', repealed: '已废止', superseded: '已被替代' },
  transitions: [
    { from: ['current'], event: 'repeal', to: 'repealed', permission: 'policies.manage', label: '废止' },
    { from: ['current'], event: 'supersede', to: 'superseded', permission: 'policies.manage', label: '标记为被新政策替代' },
  ],
};

/** how many days ahead of its expiry a current policy warns the office */
export const POLICY_EXPIRY_WARNING_DAYS = 90;

/**
 * A current policy's expiry as the office should see it: fine, within the warning window, or past and still current.
 * The 失效日期 is the last day in force (src/shared/incentives/in-force.ts): on it 0 days are left, the day after it is past.
 */
export function policyExpiry(p: { status: PolicyStatus; expiresOn: string | null }, today: string): { state: 'none' | 'ok' | 'near' | 'expired'; daysLeft: number | null } {
  if (p.status !== 'current' || !p.expiresOn) return { state: 'none', daysLeft: null };
  const days = Math.round((Date.parse(`${p.expiresOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  if (pastExpiry(p.expiresOn, today)) return { state: 'expired', daysLeft: days };
  return { state: days <= POLICY_EXPIRY_WARNING_DAYS ? 'near' : 'ok', daysLeft: days };
}

/**
 * The words of a near or past expiry (the 待办 and the 激励政策 page's banner): “有效期至 X（含当日）…”, the last day
 * said as such. `ask`: what the office is asked to do, after a comma. '' for a policy that does not warn.
 */
export function expiryText(expiresOn: string | null, e: { state: string; daysLeft: number | null }, ask: { expired: string; near: string }): string {
  if (!expiresOn || (e.state !== 'near' && e.state !== 'expired')) return '';
  if (e.state === 'expired') return `有效期至${expiresOn}（含当日），已过期${ask.expired ? `，${ask.expired}` : ''}`;
  const left = e.daysLeft === 0 ? '（含当日），今天是最后一天' : `（含当日，还有${e.daysLeft}天，提前${POLICY_EXPIRY_WARNING_DAYS}天提醒）`;
  return `有效期至${expiresOn}${left}${ask.near ? `，${ask.near}` : ''}`;
}
