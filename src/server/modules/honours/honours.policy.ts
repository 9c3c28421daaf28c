/**
 * Who may change which entry of the honours roll and which policy. Pure predicates over the signed-in user and the
 * loaded objects; the route's permission (honours.manage / policies.manage, src/shared/permissions.ts) is checked
 * before, and abilities() sent to the browser come from the same predicates.
 *
 * - the provincial office and the member departments keep the whole roll; a city's 质强办 only its own city's entries;
 * - a policy belongs to the office that keeps its region: the provincial office the province's policies, a city's
 *   质强办 those of its city and its counties; the others read them only.
 */
import type { SupersedeParty } from '../../../shared/incentives/in-force';
import { levelsOfRegion, POLICY_LEVELS, type PolicyLevel } from '../../../shared/incentives/schema';
import { can } from '../../../shared/permissions';
import { byWhomWhen, type RecordedChange } from '../../core/audit';
import type { SessionOrg, SessionUser } from '../../core/session';

/** the city a unit that is a city's 质强办 belongs to (an office unit other than the provincial one, code 'office'); null for any other unit */
export const cityOfOffice = (org: SessionOrg): number | null => (org.kind === 'office' && org.code !== 'office' ? org.parentId : null);

/** the city a city office (质强办 of a 市州) belongs to; null for the provincial office and everyone else */
export const officeCity = (u: SessionUser): number | null => (u.role === 'office' ? cityOfOffice(u.org) : null);

/** why the user may not add, change or delete an entry of this city; null when they may */
export function honourWriteRefusal(u: SessionUser, cityId: number): string | null {
  if (!can(u.role, 'honours.manage')) return '您的角色没有「登记荣誉」权限';
  const own = officeCity(u);
  if (own !== null && own !== cityId) return '市州质强办只能登记本市州的荣誉';
  return null;
}

export const mayManageHonours = (u: SessionUser): boolean => can(u.role, 'honours.manage');

/** the city whose 质强办 keeps a policy of this region (a city's or one of its counties'); null: the province's policy, kept by the provincial office */
export const policyCity = (region: { id: number; kind: string; parent_id: number | null }): number | null =>
  region.kind === 'city' ? region.id : region.kind === 'county' ? region.parent_id : null;

/**
 * Why the user may not add, change, repeal or supersede a policy of this region; null when they may. A policy belongs
 * to the office that keeps its region: the provincial office the province's, a city's 质强办 its city's and its
 * counties'. Everyone with honours.read may read every policy; only the owner writes.
 */
export function policyWriteRefusal(u: SessionUser, region: { id: number; kind: string; parent_id: number | null }): string | null {
  if (!can(u.role, 'policies.manage')) return '您的角色没有「维护激励政策」权限';
  const own = officeCity(u);
  const owner = policyCity(region);
  if (own === owner) return null;
  if (own === null) return '市州、县市区的激励政策由所在市州质强办维护，省质强办可以查看，不能修改';
  if (owner === null) return '省级激励政策由省质强办维护，市州质强办可以查看，不能修改';
  return '市州质强办只能维护本市州及所辖县市区的激励政策';
}

/**
 * The current policy 奖励测算 opens on for this reader: one of the nearest region whose policies apply to the reader's
 * unit — a county's own, then its city's, then the province's; a city's own, then the province's; a city's 质强办 its
 * city's, then the province's; everyone else (the provincial office, the departments, the province) the province's.
 * The first of the list among equals; null when no current policy is of such a region (the page then opens on the
 * first of the list, whatever its region).
 */
export function policyForReader(u: SessionUser, policies: { id: number; status: string; region: { id: number; kind: string } | undefined }[]): number | null {
  const own = u.org.kind === 'county' || u.org.kind === 'city' ? u.orgUnitId : null;
  const city = u.org.kind === 'county' ? u.org.parentId : (cityOfOffice(u.org) ?? own);
  const nearness = (region: { id: number; kind: string }) => (region.id === own ? 0 : region.id === city ? 1 : region.kind === 'province' ? 2 : null);
  let best: { id: number; near: number } | null = null;
  for (const p of policies) {
    const near = p.status === 'current' && p.region ? nearness(p.region) : null;
    if (near !== null && (best === null || near < best.near)) best = { id: p.id, near };
  }
  return best?.id ?? null;
}

export const mayManagePolicies = (u: SessionUser): boolean => can(u.role, 'policies.manage');

/**
 * Why a policy of this region may not carry this level (a 400 saying which levels may be chosen); null when it may.
 * The level follows the region (REGION_POLICY_LEVELS, src/shared/incentives/schema.ts), and the region is one the
 * registering office keeps (policyWriteRefusal, checked before): so the provincial office registers 省级 policies and
 * the national ones applied in the province, a city's 质强办 市级 policies of its city and 县级 ones of its counties.
 */
export function policyLevelRefusal(region: { name: string; kind: string }, level: PolicyLevel): { message: string; hint: string } | null {
  const allowed = levelsOfRegion(region.kind);
  if (allowed.includes(level)) return null;
  const labels = allowed.map((l) => POLICY_LEVELS[l]);
  const who =
    region.kind === 'province'
      ? '省质强办登记本省的省级激励政策和在本省施行的国家级激励政策，市级、县级激励政策由所在市州质强办登记'
      : '市州质强办登记本市州的市级和所辖县市区的县级激励政策，国家级、省级激励政策由省质强办登记';
  return { message: `${region.name}的激励政策级别只能为${labels.join('或')}：${who}`, hint: `可选：${labels.join('、')}` };
}

/**
 * Why a policy's text may not be changed any more (a 409), whoever keeps it; null while it is current. A repealed
 * (已废止) or superseded (已被替代) policy is a closed document: what it said stays as it was when it ceased, for the
 * rewards granted under it; a renewed or changed scheme is a new policy. `replacedBy`: the title of the policy that
 * replaced it, if any.
 */
export function policyEditRefusal(p: { title: string; status: string }, replacedBy: string | null): string | null {
  if (p.status === 'repealed') return `「${p.title}」已废止，不能再修改；如需恢复或调整这些奖励条款，请登记新的激励政策`;
  if (p.status === 'superseded') return `「${p.title}」已被${replacedBy ? `「${replacedBy}」` : '新政策'}替代，不能再修改；如需调整，请修改替代它的政策或登记新的激励政策`;
  return null;
}

/**
 * A policy row as the 被替代 rule (supersedeRefusal, src/shared/incentives/in-force.ts) reads it: keptBy is the office
 * that keeps its region (policyCity). The presenter sends the same to the browser, which offers only what the rule lets through.
 */
export const supersedeParty = (
  p: { id: number; title: string; status: string; effective_from: string; expires_on: string | null },
  region: { id: number; name: string; kind: string; parent_id: number | null },
): SupersedeParty => ({ id: p.id, title: p.title, status: p.status, effectiveFrom: p.effective_from, expiresOn: p.expires_on, keptBy: policyCity(region), regionName: region.name });

const CHANGE_WORDS: Record<string, string> = { create: '登记', update: '修改', delete: '删除', repeal: '废止', supersede: '标记为已被新政策替代' };
const DOING_WORDS = { save: '保存', delete: '删除', repeal: '废止', supersede: '标记替代' } as const;

/**
 * What the loser of a race on an entry of the roll or a policy is told (its version moved since the page was read):
 * who changed it, of which unit, how and when, from its latest audit row; a policy already repealed or superseded is
 * only to be looked at. Without a recorded change, the words the house said before.
 */
export function movedWords(subject: '该条荣誉' | '该政策', last: RecordedChange | undefined, doing: keyof typeof DOING_WORDS, me?: number): string {
  const event = last?.action.split('.')[1] ?? '';
  const what = CHANGE_WORDS[event];
  if (!last || !what) return `${subject}已被他人修改，请刷新后查看对方的修改再${DOING_WORDS[doing]}`;
  const closed = event === 'repeal' || event === 'supersede';
  return `${subject}已由${byWhomWhen(last, me)}${what}，${closed ? '请刷新后查看' : `请刷新后查看对方的修改再${DOING_WORDS[doing]}`}`;
}

/** an entry no longer on the roll: who deleted it and when, when the log says so */
export const goneWords = (id: number, last: RecordedChange | undefined, me?: number): string =>
  last?.action === 'honour.delete' ? `荣誉${id}已由${byWhomWhen(last, me)}删除` : `荣誉${id}不存在（可能已被删除）`;
