/**
 * Who may change which entry of the honours roll and which policy. Pure predicates over the signed-in user and the
 * loaded objects; the route's permission (honours.manage / policies.manage, src/shared/permissions.ts) is checked
 * before, and abilities() sent to the browser come from the same predicates.
 *
 * - the provincial office and the member departments keep the whole roll; a city's 质强办 only its own city's entries;
 * - the provincial office keeps every policy; a city's 质强办 only the policies of its own city.
 */
import { can } from '../../../shared/permissions';
import type { SessionUser } from '../../core/session';

/** the city a city office (质强办 of a 市州) belongs to; null for the provincial office and everyone else */
export const officeCity = (u: SessionUser): number | null => (u.role === 'office' && u.org.kind === 'office' && u.org.code !== 'office' ? u.org.parentId : null);

/** why the user may not add, change or delete an entry of this city; null when they may */
export function honourWriteRefusal(u: SessionUser, cityId: number): string | null {
  if (!can(u.role, 'honours.manage')) return '您的角色没有「登记荣誉」权限';
  const own = officeCity(u);
  if (own !== null && own !== cityId) return '市州质强办只能登记本市州的荣誉';
  return null;
}

export const mayManageHonours = (u: SessionUser): boolean => can(u.role, 'honours.manage');

/** why the user may not change a policy of this region; null when they may */
export function policyWriteRefusal(u: SessionUser, region: { id: number; parent_id: number | null }): string | null {
  if (!can(u.role, 'policies.manage')) return '您的角色没有「维护激励政策」权限';
  const own = officeCity(u);
  if (own !== null && region.id !== own && region.parent_id !== own) return '市州质强办只能维护本市州及所辖县市区的激励政策';
  return null;
}

export const mayManagePolicies = (u: SessionUser): boolean => can(u.role, 'policies.manage');
