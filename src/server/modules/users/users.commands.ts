/**
 * Every change of the users module: one function each, taking the change context {trx, audit, user} (the
 * transaction, the audit writer bound to it, the signed-in administrator). Passwords are hashed by the caller
 * before the transaction opens (argon2 takes ~30 ms and must not hold a connection).
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { createUserBody, updateUserBody, type ApproveUserResult, type ResetPasswordResult, type setRoleBody, type UserSummary } from '../../../shared/contracts/users';
import { ROLE_LABELS, SERVER_ONLY_ROLES } from '../../../shared/roles';
import { actionLabel } from '../../../shared/audit-labels';
import type { Config } from '../../config';
import type { Change } from '../../core/change';
import { clockAt } from '../../core/clock';
import { byWhomWhen, commandLine, recordedChanges, writeAudit } from '../../core/audit';
import { personWhen } from '../../core/user-names';
import { onDuplicate, recoverDuplicate } from '../../db/errors';
import type { AppError } from '../../core/errors';
import type { Database } from '../../db/schema';
import { chinaDateTime, clearAccount, hashPassword, oneTimeNotice, oneTimePassword, oneTimePasswordUntil, rememberPassword } from '../auth';
import { addTodo, closeTodos } from '../todos';
import { checkOrgForRole, resetMeanwhile, staleVersion, usernameTaken } from './users.policy';
import { endSessions, findOrgUnitByCode, findUserByName, insertUser, loadUser, passwordIssueOf, updateUser, updateUserAt } from './users.queries';

/** How long a one-time password signs in (the config). */
type OneTimeConfig = Pick<Config, 'oneTimePasswordHours'>;

/** a change made on the web (its `user` the caller) or on the server's command line (no user) */
type ServerChange = Pick<Change, 'trx' | 'audit' | 'clock'> & Partial<Pick<Change, 'user'>>;
/** A change made on the server's command line: the audit row names the command and the operator; the clock is the machine's. */
const serverChange = (trx: Change['trx'], operator: string, command: string): ServerChange => {
  const actor = { userId: null, username: operator, role: null, ip: null, userAgent: 'kaoping CLI', method: 'CLI', path: command };
  return { trx, audit: (rec) => writeAudit(trx, actor, rec), clock: clockAt(new Date()) };
};

/** until when the one-time password issued at `now` signs in (the rule is the sign-in's: oneTimePasswordUntil) */
const validUntilOf = (issuedFor: 'reset' | 'approval', now: string, config: OneTimeConfig): string =>
  oneTimePasswordUntil({ must_change_password: 1, password_issued_for: issuedFor, password_reset_at: now }, config)!;

/** The refusal of a change that lost to another (read in the loser's transaction, after the winner committed): who and when (您在其他窗口 when the caller). */
async function stale(c: ServerChange, id: number) {
  const current = await loadUser(c.trx, id);
  const [last] = await recordedChanges(c.trx, 'user', id);
  return staleVersion(current, last ? { byWhen: byWhomWhen(last, c.user?.id), what: actionLabel(last.action) } : undefined);
}

/**
 * The 409 of a username another account holds: whose account it is and, when the audit log has its user.create row,
 * who asked for it and when (您在其他窗口 when it was the caller; `me` undefined for the command line), read through `db`.
 */
export async function usernameHeld(db: Kysely<Database>, username: string, me: number | undefined): Promise<AppError> {
  const holder = await findUserByName(db, username);
  const [asked] = holder ? await recordedChanges(db, 'user', holder.id, { action: 'user.create' }) : [];
  return holder && asked ? usernameTaken(username, `已是「${holder.displayName}」的账户（${byWhomWhen(asked, me)}新建）`) : usernameTaken(username);
}

/**
 * An account asked for while another of the same username, not yet committed, was being made (another administrator,
 * or the caller's other window): the unique key on app_user.username refused it (the transaction is gone, nothing of
 * it saved) and the 409 names the account that won, read after the fact. Wraps the route's ctx.tx.
 */
export const usernameRace = <T>(db: Kysely<Database>, username: string, me: number, work: () => Promise<T>): Promise<T> =>
  onDuplicate(work, () => usernameHeld(db, username, me));

/**
 * A new account, waiting for the security administrator's review, with no password yet (`hash`: noPasswordHash): the
 * approval issues a one-time password (三员分立: the system administrator holds no credential for it). Made on the
 * server (`approved`), it is active at once with the one-time password `hash` (printed by the command), to be changed
 * at first sign-in: whoever runs the server answers for it (the three administrators' accounts).
 */
export async function createUser(c: ServerChange, b: z.infer<typeof createUserBody>, hash: string, approved = false): Promise<UserSummary> {
  const now = c.clock.at;
  const id = await insertUser(c.trx, {
    username: b.username,
    display_name: b.displayName,
    role: b.role,
    org_unit_id: b.orgUnitId,
    phone: b.phone ?? null,
    password_hash: hash,
    // 三员分立: the role and unit asked for here take effect only when the security administrator approves.
    status: approved ? 'active' : 'pending',
    failed_attempts: 0,
    must_change_password: 1,
    password_changed_at: now,
    version: 1,
    created_at: now,
    updated_at: now,
  });
  if (approved) {
    await addTodo(c.trx, { at: c.clock.at, userId: id, kind: 'password.change', title: '请修改初始密码', link: '/account/password' });
    await rememberPassword(c.trx, id, hash, now);
  }
  const after = await loadUser(c.trx, id);
  if (!approved) await addTodo(c.trx, {
    at: c.clock.at,
    role: 'secadmin',
    kind: 'user.review',
    title: `账户${after.username}（${after.displayName}）待审核：${ROLE_LABELS[b.role]}，${after.orgUnitName}`,
    detail: '系统管理员新建的账户，确认角色与所属单位后方可登录。',
    link: `/admin/users?q=${encodeURIComponent(after.username)}`,
    sourceType: 'user',
    sourceId: String(id),
  });
  await c.audit({ action: 'user.create', entityType: 'user', entityId: id, after });
  return after;
}

/**
 * Name, phone, enabled or not; a disabled account is signed out everywhere. Turning a disabled account back on is
 * the security administrator's decision (三员分立: otherwise the system administrator would enable an account the
 * security administrator rejected): it waits for review again (the security administrator's to-do follows from it).
 */
export async function updateUserDetails(c: ServerChange, before: UserSummary, body: z.infer<typeof updateUserBody>): Promise<UserSummary> {
  const { version, ...ch } = body;
  // 三员分立: the three administrators' accounts are never reviewed (the approval's one-time password would go to the
  // security administrator): one the system administrator turns back on is active at once, its password unchanged
  const reenable = ch.status === 'active' && before.status === 'disabled' && !SERVER_ONLY_ROLES.includes(before.role);
  const set = {
    ...(ch.displayName !== undefined ? { display_name: ch.displayName } : {}),
    ...(ch.phone !== undefined ? { phone: ch.phone } : {}),
    ...(ch.status !== undefined ? { status: reenable ? ('pending' as const) : ch.status } : {}),
    version: version + 1,
    updated_at: c.clock.at,
  };
  if (!(await updateUserAt(c.trx, before.id, version, set))) throw await stale(c, before.id);
  if (ch.status === 'disabled') await endSessions(c.trx, before.id);
  const after = await loadUser(c.trx, before.id);
  await c.audit({ action: 'user.update', entityType: 'user', entityId: before.id, before, after });
  return after;
}

/** The security administrator assigns a role and unit; the user signs in again to get them. */
export async function setRole(c: Change, before: UserSummary, body: z.infer<typeof setRoleBody>, orgUnitId: number): Promise<UserSummary> {
  const { role, version } = body;
  const set = { role, org_unit_id: orgUnitId, version: version + 1, updated_at: c.clock.at };
  if (!(await updateUserAt(c.trx, before.id, version, set))) throw await stale(c, before.id);
  await endSessions(c.trx, before.id);
  const after = await loadUser(c.trx, before.id);
  await c.audit({
    action: 'user.role',
    entityType: 'user',
    entityId: before.id,
    before: { role: before.role, orgUnitId: before.orgUnitId, orgUnitName: before.orgUnitName },
    after: { role, orgUnitId, orgUnitName: after.orgUnitName },
  });
  return after;
}

/** A decision on an account waiting for review: enabled or disabled, the security administrator's to-do closed. */
async function decide(c: Change, before: UserSummary, status: 'active' | 'disabled', version: number): Promise<void> {
  if (!(await updateUserAt(c.trx, before.id, version, { status, version: version + 1, updated_at: c.clock.at }, 'pending'))) throw await stale(c, before.id);
  await closeTodos(c.trx, { by: c.user.id, at: c.clock.at }, { kind: 'user.review', sourceType: 'user', sourceId: String(before.id) });
}

/**
 * The security administrator approves an account waiting for review (new, or re-enabled by the system administrator):
 * enabled with a one-time password (hashed by the caller) that the user may only change, issued as a reset is — the
 * system administrator who asked for the account never holds a password for it (三员分立).
 */
export async function approveUser(c: Change, before: UserSummary, version: number, oneTime: string, hash: string, config: OneTimeConfig): Promise<ApproveUserResult> {
  const now = c.clock.at;
  const by = `${ROLE_LABELS[c.user.role]} ${c.user.username}`;
  await decide(c, before, 'active', version);
  await issueOneTimePassword(c, before, hash, by, `初始密码已由${by}于${chinaDateTime(now)}审核通过时生成，请修改密码`, 'approval');
  const after = await loadUser(c.trx, before.id);
  // The one-time password goes to the caller once and never into the audit log.
  const validUntil = validUntilOf('approval', now, config);
  await c.audit({ action: 'user.approve', entityType: 'user', entityId: before.id, before, after: { ...after, passwordResetBy: by, passwordResetAt: now, validUntil } });
  return { user: after, oneTimePassword: oneTime, validUntil, signInNotice: oneTimeNotice('approval', by, now) };
}

/** The security administrator rejects an account waiting for review: it stays disabled. */
export async function rejectUser(c: Change, before: UserSummary, version: number): Promise<UserSummary> {
  await decide(c, before, 'disabled', version);
  const after = await loadUser(c.trx, before.id);
  await c.audit({ action: 'user.reject', entityType: 'user', entityId: before.id, before, after });
  return after;
}

/** Lift every lock on the account (its own and those of each source), and close the security admin's to-do. */
export async function unlockUser(c: Change, before: UserSummary): Promise<UserSummary> {
  await updateUser(c.trx, before.id, { locked_until: null, failed_attempts: 0 });
  await clearAccount(c.trx, before.username);
  await closeTodos(c.trx, { by: c.user.id, at: c.clock.at }, { kind: 'account.locked', sourceType: 'user', sourceId: String(before.id) });
  const after = await loadUser(c.trx, before.id);
  await c.audit({ action: 'user.unlock', entityType: 'user', entityId: before.id, before: { lockedUntil: before.lockedUntil }, after: { lockedUntil: null } });
  return after;
}

/**
 * Set a one-time password (hashed by the caller): the user may only change it, and is told who set it and when
 * (`by`); the account's locks and sessions end, and the user's to-do says so (`title`).
 */
async function issueOneTimePassword(c: ServerChange, before: UserSummary, hash: string, by: string, title: string, issuedFor: 'reset' | 'approval'): Promise<void> {
  const { trx } = c;
  const now = c.clock.at;
  const set = {
    password_hash: hash,
    must_change_password: 1,
    password_changed_at: now,
    password_reset_by: by,
    password_reset_at: now,
    password_issued_for: issuedFor,
    locked_until: null,
    failed_attempts: 0,
    updated_at: now,
  };
  if (issuedFor === 'approval') await updateUser(trx, before.id, set); // the approval's decide() moved the version
  // a reset at the version its caller loaded: of resets sent at once (a double click) one issues the password in
  // force, the others are told so — else each answered its own password and only the last committed signed in
  else if (!(await updateUserAt(trx, before.id, before.version, { ...set, version: before.version + 1 }))) {
    const last = await passwordIssueOf(trx, before.id);
    if (last?.password_issued_for === 'reset' && last.password_reset_by && last.password_reset_at && last.password_reset_at === last.updated_at) {
      const [reset] = await recordedChanges(trx, 'user', before.id, { action: 'user.password.reset' });
      throw resetMeanwhile(before.username, reset?.by ? byWhomWhen(reset, c.user?.id) : personWhen(last.password_reset_by, last.password_reset_at), reset?.userId != null && reset.userId === c.user?.id);
    }
    throw await stale(c, before.id);
  }
  await clearAccount(trx, before.username);
  await endSessions(trx, before.id);
  await addTodo(trx, { at: c.clock.at, userId: before.id, kind: 'password.change', title, link: '/account/password' });
}

/** A reset: a one-time password (hashed by the caller). by: who reset it, as the user is told (「安全管理员 secadmin」, or the server's command line) */
export async function resetPassword(
  c: ServerChange,
  before: UserSummary,
  oneTime: string,
  hash: string,
  by: string,
  byId: number | null,
  config: OneTimeConfig,
): Promise<ResetPasswordResult> {
  const now = c.clock.at;
  await issueOneTimePassword(c, before, hash, by, `密码已由${by}于${chinaDateTime(now)}重置，请修改密码`, 'reset');
  // a voided first password (migration 2026-11-30T1441) asked the security administrator for this reset
  await closeTodos(c.trx, { by: byId, at: c.clock.at }, { kind: 'user.password.voided', sourceType: 'user', sourceId: String(before.id) });
  const after = await loadUser(c.trx, before.id);
  // The one-time password goes to the caller once and never into the audit log.
  const validUntil = validUntilOf('reset', now, config);
  await c.audit({ action: 'user.password.reset', entityType: 'user', entityId: before.id, after: { passwordChangedAt: now, resetBy: by, validUntil } });
  return { user: after, oneTimePassword: oneTime, validUntil, signInNotice: oneTimeNotice('reset', by, now) };
}

/**
 * `kaoping user update <用户名> [--name 姓名] [--phone 电话]`: a name or phone changed by whoever runs the server — the
 * only way for the security and audit administrators' accounts, which the system administrator may not edit
 * (三员分立). The same contract and command as the web page's; undefined: no such account.
 */
export async function updateUserOnServer(db: Kysely<Database>, username: string, change: { displayName?: string; phone?: string | null }, operator: string): Promise<UserSummary | undefined> {
  const before = await findUserByName(db, username);
  if (!before) return undefined;
  const body = updateUserBody.parse({ ...change, version: before.version });
  return db.transaction().execute((trx) => updateUserDetails(serverChange(trx, operator, 'kaoping user update'), before, body));
}

/**
 * `kaoping user create <用户名> --role 角色 --name 姓名 --org 单位代码`: an account made by whoever runs the server,
 * active at once, with a one-time password printed once (changed at first sign-in) — the only way to add a system,
 * security or audit administrator (三员分立). The web page's contract and unit rules; audited as the command line.
 * `problem`: the Chinese message when the input is wrong (nothing is created).
 */
export async function createUserOnServer(
  db: Kysely<Database>,
  input: { username: string; displayName: string | undefined; role: string | undefined; orgCode: string | undefined; phone?: string | null },
  operator: string,
): Promise<{ user: UserSummary; oneTimePassword: string } | { problem: string }> {
  const org = input.orgCode ? await findOrgUnitByCode(db, input.orgCode) : undefined;
  if (input.orgCode && !org) return { problem: `没有代码为「${input.orgCode}」的单位（代码见组织机构页面）` };
  const oneTime = oneTimePassword();
  const parsed = createUserBody.safeParse({ username: input.username, displayName: input.displayName, role: input.role, orgUnitId: org?.id, phone: input.phone ?? null });
  if (!parsed.success) return { problem: parsed.error.issues.map((i) => i.message).join('；') };
  const b = parsed.data;
  try {
    checkOrgForRole(org, b.orgUnitId, b.role);
  } catch (e) {
    return { problem: (e as Error).message };
  }
  const held = async () => ({ problem: (await usernameHeld(db, b.username, undefined)).message });
  if (await findUserByName(db, b.username)) return held();
  const hash = await hashPassword(oneTime);
  // an administrator on the web taking the name meanwhile (its account not yet committed when it was looked for)
  const user = await recoverDuplicate<UserSummary | null>(() => db.transaction().execute((trx) => createUser(serverChange(trx, operator, 'kaoping user create'), b, hash, true)), async () => null);
  return user ? { user, oneTimePassword: oneTime } : held();
}

/**
 * `kaoping user reset-password <用户名>`: the reset for any account, the three administrators' included, by whoever
 * runs the server (the web page refuses those: 三员分立). Audited as the command line; undefined: no such account.
 */
export async function resetPasswordOnServer(
  db: Kysely<Database>,
  username: string,
  operator: string,
  config: Pick<Config, 'oneTimePasswordHours'>,
): Promise<ResetPasswordResult | undefined> {
  const before = await findUserByName(db, username);
  if (!before) return undefined;
  const oneTime = oneTimePassword();
  const hash = await hashPassword(oneTime);
  const by = commandLine(operator);
  return db.transaction().execute((trx) => resetPassword(serverChange(trx, operator, 'kaoping user reset-password'), before, oneTime, hash, by, null, config));
}
