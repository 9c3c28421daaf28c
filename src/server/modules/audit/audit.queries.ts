/** Every SQL statement of the audit module (the log is written by core/audit.ts). Kysely only. */
import type { Kysely } from 'kysely';
import type { AuditQuery } from '../../../shared/contracts/audit';
import type { AuditRow, Database } from '../../db/schema';

export type Names = Map<string, string>;

/** Names of the objects on one page, where one query per type finds them. */
export async function objectNames(db: Kysely<Database>, rows: AuditRow[]): Promise<Names> {
  const ids = (type: string) => [...new Set(rows.filter((r) => r.entity_type === type && /^\d+$/.test(r.entity_id ?? '')).map((r) => Number(r.entity_id)))];
  const names: Names = new Map();
  const put = (type: string, list: { id: number; name: string | null }[]) => {
    for (const x of list) if (x.name) names.set(`${type}:${x.id}`, x.name);
  };
  const cycles = ids('assessment_cycle');
  const users = ids('user');
  const orgs = ids('org_unit');
  const evidence = ids('evidence');
  await Promise.all([
    cycles.length && db.selectFrom('assessment_cycle').select(['id', 'title as name']).where('id', 'in', cycles).execute().then((l) => put('assessment_cycle', l)),
    users.length && db.selectFrom('app_user').select(['id', 'username as name']).where('id', 'in', users).execute().then((l) => put('user', l)),
    orgs.length && db.selectFrom('org_unit').select(['id', 'name']).where('id', 'in', orgs).execute().then((l) => put('org_unit', l)),
    evidence.length && db.selectFrom('evidence').select(['id', 'file_name as name']).where('id', 'in', evidence).execute().then((l) => put('evidence', l)),
  ]);
  return names;
}

/** One page of the log, filtered, newest first, and the number of all rows that match; `cycleId` keeps one cycle's rows. */
export async function searchLog(db: Kysely<Database>, query: AuditQuery, cycleId?: number): Promise<{ rows: AuditRow[]; total: number }> {
  const { page, pageSize, from, to, username, action, entityType, outcome } = query;
  let q = db.selectFrom('audit_log');
  if (cycleId !== undefined) q = q.where('cycle_id', '=', cycleId);
  if (from) q = q.where('at', '>=', from);
  if (to) q = q.where('at', '<=', to.length === 10 ? `${to}T23:59:59.999Z` : to);
  if (username) q = q.where('username', '=', username);
  if (action) q = q.where('action', 'like', `${action}%`);
  if (entityType) q = q.where('entity_type', '=', entityType);
  if (outcome) q = q.where('outcome', '=', outcome);
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
