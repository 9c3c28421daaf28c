/**
 * The changes of the auth module outside the login (which lives in auth.routes.ts with its lock-out steps):
 * one function each, taking the change context {trx, audit, user}. Passwords are hashed by the caller before
 * the transaction opens.
 */
import type { Kysely } from 'kysely';
import type { Change } from '../../core/change';
import { destroySession } from '../../core/session';
import type { AppUserRow, Database } from '../../db/schema';
import { addTodo, closeOwnTodos, hasOpenTodo } from '../todos';
import { rememberPassword } from './password';
import { chinaTime } from './auth.presenter';
import { endOtherSessions, setOwnPassword } from './auth.queries';

export async function logout(c: Change): Promise<void> {
  await destroySession(c.trx, c.user.sessionId);
  await c.audit({ action: 'auth.logout', entityType: 'user', entityId: c.user.id });
}

/** The signed-in user's new password (checked and hashed by the caller); the user's other sessions end. */
export async function changeOwnPassword(c: Change, hash: string): Promise<void> {
  const me = c.user;
  const now = new Date().toISOString();
  await setOwnPassword(c.trx, me.id, hash, now);
  await rememberPassword(c.trx, me.id, hash, now);
  // Other sessions of this user end; this one stays.
  await endOtherSessions(c.trx, me.id, me.sessionId);
  await closeOwnTodos(c.trx, me.id, 'password.change', now);
  await c.audit({ action: 'auth.password.change', entityType: 'user', entityId: me.id, after: { passwordChangedAt: now } });
}

/** A 待办 for the security administrators when a source is locked out of a real account (one open at a time). */
export async function tellSecurityAdmin(trx: Kysely<Database>, user: AppUserRow, ip: string, until: string): Promise<void> {
  if (await hasOpenTodo(trx, { kind: 'account.locked', sourceId: String(user.id) })) return;
  await addTodo(trx, {
    role: 'secadmin',
    kind: 'account.locked',
    title: `账户 ${user.username}（${user.display_name}）因密码连续错误已被锁定`,
    detail: `来源地址 ${ip} 已被暂停登录该账户至 ${chinaTime(until)}（其他地址不受影响）；如属本人遗忘密码，可在用户管理中解锁或重置密码。`,
    link: `/admin/users?q=${encodeURIComponent(user.username)}`,
    sourceType: 'user',
    sourceId: String(user.id),
  });
}
