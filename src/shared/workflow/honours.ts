/**
 * The incentive policy's life (激励政策): current until repealed (废止) or superseded by a newer policy (被替代).
 * Honours have no states: an entry is on the roll or deleted.
 */
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

/** A current policy's expiry as the office should see it: fine, within the warning window, or past and still current. */
export function policyExpiry(p: { status: PolicyStatus; expiresOn: string | null }, today: string): { state: 'none' | 'ok' | 'near' | 'expired'; daysLeft: number | null } {
  if (p.status !== 'current' || !p.expiresOn) return { state: 'none', daysLeft: null };
  const days = Math.round((Date.parse(`${p.expiresOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  if (days < 0) return { state: 'expired', daysLeft: days };
  return { state: days <= POLICY_EXPIRY_WARNING_DAYS ? 'near' : 'ok', daysLeft: days };
}
