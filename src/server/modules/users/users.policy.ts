/**
 * The rules of user administration (三员分立: the system administrator creates and edits accounts, the
 * security administrator approves them and assigns roles and units; neither can act on the accounts that watch
 * them). Pure: each takes loaded objects and throws the Chinese refusal, or returns.
 */
import type { z } from 'zod';
import { USER_STATUS_LABELS, type updateUserBody, type UserSummary } from '../../../shared/contracts/users';
import { ADMIN_ROLES, ORG_KIND_LABELS, ROLE_LABELS, ROLE_ORG_KINDS, SERVER_ONLY_ROLES, WATCHER_ROLES, type Role } from '../../../shared/roles';
import type { OrgUnitTable } from '../../db/schema';
import { AppError, badRequest, conflict, forbidden, ruleRefusal } from '../../core/errors';

/** 三员分立: a 403 that names the field the caller may not set. */
const refused = (message: string, field: string) => new AppError(403, 'forbidden', message, [{ field, message }]);

export const usernameTaken = (u: string, held = '已被使用') =>
  conflict(`用户名「${u}」${held}，请换一个`, undefined, [{ field: 'username', message: `用户名「${u}」已被使用` }]);

/**
 * The account changed since the caller loaded it: who changed it last and when (`byWhomWhen`'s words, 唐碧辉（省质强办）于
 * 2026-12-01 10:00, from the audit log) and what, and its state now.
 */
export const staleVersion = (current: unknown, last?: { byWhen: string; what: string }) =>
  conflict(last ? `该用户已由${last.byWhen}修改（${last.what}），请查看最新内容后重试` : '该用户已被他人修改，请查看最新内容后重试', current);

/**
 * Another reset of the account committed first (a double click, a colleague): its one-time password is the one in
 * force, shown to whoever reset it (to the caller's other window when it was the caller, `mine`). `byWhen`: byWhomWhen's words.
 */
export const resetMeanwhile = (username: string, byWhen: string, mine: boolean) =>
  conflict(`账户${username}的密码刚由${byWhen}重置，一次性密码已显示${mine ? '在该窗口' : '给重置人'}；如需再次重置，请刷新后重试`);

const onServerOnly = (what: string) =>
  `三员分立：${what}只在部署时设立，或由服务器运维人员在服务器上运行 npx kaoping user create 创建（网页上审核通过或重置时生成的一次性密码会让安全管理员能以其身份登录）`;

/** The three administrators' accounts are made on the server only (SERVER_ONLY_ROLES). */
export function checkCreate(role: Role): void {
  if (SERVER_ONLY_ROLES.includes(role)) throw refused(`${onServerOnly(`${ROLE_LABELS[role]}账户`)}，请选择其他角色`, 'role');
}

/** A user's unit must exist and be of a kind their role may belong to (e.g. a department user in a department). */
export function checkOrgForRole(org: Pick<OrgUnitTable, 'name' | 'kind'> | undefined, orgUnitId: number, role: Role): void {
  if (!org) {
    throw badRequest(`所属单位${orgUnitId}不存在`, [{ field: 'orgUnitId', message: `单位${orgUnitId}不存在，请从组织机构中选择` }]);
  }
  const kinds = ROLE_ORG_KINDS[role];
  if (!kinds.includes(org.kind)) {
    const msg = `${ROLE_LABELS[role]}须属于${kinds.map((k) => ORG_KIND_LABELS[k]).join('或')}，「${org.name}」是${ORG_KIND_LABELS[org.kind]}`;
    throw badRequest(msg, [{ field: 'orgUnitId', message: msg }]);
  }
}

/** What the system administrator may change of an account: name, phone, enabled or not — within the rules. */
export function checkUpdate(before: UserSummary, c: Omit<z.infer<typeof updateUserBody>, 'version'>, meId: number): void {
  if (c.orgUnitId !== undefined && c.orgUnitId !== before.orgUnitId) {
    const msg = '调整所属单位须由安全管理员办理（用户管理 → 分配角色与单位），系统管理员不能修改';
    throw refused(msg, 'orgUnitId');
  }
  if (c.status !== undefined && c.status !== before.status && before.status === 'pending' && !SERVER_ONLY_ROLES.includes(before.role)) {
    const msg = '该账户正等待安全管理员审核角色与所属单位，审核通过后才会启用';
    throw ruleRefusal(msg, [{ field: 'status', message: msg }]);
  }
  // 三员分立: the system admin cannot switch off, rename or re-number the accounts that watch it (security and audit
  // admins): a changed phone would send their calls elsewhere, a changed name misleads whoever reads their work.
  if (WATCHER_ROLES.includes(before.role)) {
    if (c.status !== undefined && c.status !== before.status) throw refused('三员分立：安全管理员、审计管理员的账户不能由系统管理员停用或启用', 'status');
    const field = c.displayName !== undefined && c.displayName !== before.displayName ? 'displayName' : c.phone !== undefined && (c.phone ?? null) !== (before.phone ?? null) ? 'phone' : null;
    if (field) throw refused('三员分立：安全管理员、审计管理员的姓名和联系电话不能由系统管理员修改（在部署时设立，变更须由服务器运维人员办理）', field);
  }
  if (c.status === 'disabled' && before.id === meId) {
    throw ruleRefusal('不能停用自己的账户', [{ field: 'status', message: '不能停用自己的账户' }]);
  }
}

/**
 * Who may be given which role: not oneself; no administrator role given or taken away on the web (a reset password
 * and then the auditor's role, or the only auditor moved to a business role, would undo the separation), nor an
 * administrator's account assigned anew (the same role, another office).
 */
export function checkSetRole(before: UserSummary, role: Role, meId: number): void {
  if (before.id === meId) throw refused('不能修改自己的角色', 'role');
  if (before.role === 'secadmin') throw forbidden('不能修改其他安全管理员的角色或单位');
  if (SERVER_ONLY_ROLES.includes(role) && role !== before.role) throw refused(`${onServerOnly(`${ROLE_LABELS[role]}角色`)}，不能通过分配角色授予`, 'role');
  if (SERVER_ONLY_ROLES.includes(before.role) && role !== before.role) {
    throw refused(`三员分立：${ROLE_LABELS[before.role]}的角色不能在网页上改为其他角色（须由服务器运维人员办理），以免系统中没有${ROLE_LABELS[before.role]}`, 'role');
  }
  // the same role again, or another office: an assignment signs the account out, so the security administrator
  // could sign out at will (or move) the auditor who watches it, or the system administrator
  if (SERVER_ONLY_ROLES.includes(before.role)) {
    throw refused(`三员分立：${ROLE_LABELS[before.role]}的角色与所属单位不在网页上分配（在部署时设立，变更须由服务器运维人员办理）`, 'role');
  }
}

/**
 * Only an account waiting for review can be approved or rejected — never one of the three administrators': the
 * approval's one-time password would let the security administrator sign in as a system administrator (三员分立).
 * Such accounts are made active on the server, and a system administrator's re-enabled by another directly.
 */
export function checkReview(before: UserSummary, seenVersion: number): void {
  if (SERVER_ONLY_ROLES.includes(before.role)) {
    throw forbidden(`三员分立：${ROLE_LABELS[before.role]}的账户不由安全管理员审核（审核通过时生成的一次性密码会让审核人能以其身份登录），由系统管理员直接启用`);
  }
  // a page that showed an older version (a second click arriving after the first committed) is answered by the
  // decision's own 409, which says who changed the account since and how, not by the state it is in now
  if (before.version !== seenVersion) return;
  if (before.status !== 'pending') {
    throw conflict(`账户${before.username}不在待审核状态（当前：${USER_STATUS_LABELS[before.status]}）`, before);
  }
}

/**
 * One's own password is changed, not reset. Nor may the security administrator reset another administrator's: the
 * one-time password would let it sign in as the auditor who watches it (or as the system administrator), so those
 * are reset by whoever runs the server, with `npx kaoping user reset-password <用户名>`. An account waiting for review
 * is not reset: its approval issues the one-time password.
 */
export function checkReset(before: UserSummary, meId: number): void {
  if (before.id === meId) throw ruleRefusal('不能重置自己的密码，请通过“修改密码”修改本人密码');
  if (ADMIN_ROLES.includes(before.role)) {
    throw forbidden(`三员分立：${ROLE_LABELS[before.role]}的密码不能由安全管理员重置（一次性密码会让重置人能以其身份登录）；请由服务器运维人员在服务器上运行 npx kaoping user reset-password ${before.username}`);
  }
  // the approval issues the password that signs in: one issued now would be replaced before it was ever used
  if (before.status === 'pending') throw conflict(`账户${before.username}正等待审核，尚未启用：审核通过时会生成一次性密码，无需重置`);
}
