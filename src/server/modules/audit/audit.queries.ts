/** Every SQL statement of the audit module (the log is written by core/audit.ts). Kysely only. */
import { sql, type Kysely } from 'kysely';
import type { AuditQuery } from '../../../shared/contracts/audit';
import type { AuditRow, Database } from '../../db/schema';
import { startsWithText } from '../../db/text-search';
import { chinaDayStart, nextDay } from '../../../shared/deadline';
import { ACTION_LABELS } from '../../../shared/audit-labels';

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
  // ids written as "cycle/unit/item.criterion" (a score, from an objection) and "cycle:department" (a submission)
  const composite = (type: string, re: RegExp) => rows.filter((r) => r.entity_type === type && re.test(r.entity_id ?? '')).map((r) => ({ id: r.entity_id!, m: re.exec(r.entity_id!)! }));
  const scorePaths = composite('score', /^(\d+)\/(\d+)\/(.+)$/);
  const submissions = composite('score_submission', /^(\d+):(\d+)$/);
  const scores = ids('score');
  const declarations = ids('declaration');
  const rounds = ids('evaluation_round');
  const applications = ids('evaluation_application');
  const unitIds = [...new Set([...scorePaths.map((x) => Number(x.m[2])), ...submissions.map((x) => Number(x.m[2]))])];
  const unitNames = new Map<number, string>();
  await Promise.all([
    unitIds.length && db.selectFrom('org_unit').select(['id', 'name']).where('id', 'in', unitIds).execute().then((l) => l.forEach((o) => unitNames.set(o.id, o.name))),
    scores.length &&
      db
        .selectFrom('score')
        .innerJoin('org_unit', 'org_unit.id', 'score.unit_id')
        .select(['score.id', 'org_unit.name', 'score.item_code', 'score.criterion_code'])
        .where('score.id', 'in', scores)
        .execute()
        .then((l) => put('score', l.map((x) => ({ id: x.id, name: `${x.name} ${x.item_code}.${x.criterion_code}` })))),
    declarations.length &&
      db
        .selectFrom('declaration')
        .innerJoin('org_unit', 'org_unit.id', 'declaration.department_id')
        .select(['declaration.id', 'org_unit.name'])
        .where('declaration.id', 'in', declarations)
        .execute()
        .then((l) => put('declaration', l.map((x) => ({ id: x.id, name: `${x.name}的申报表` })))),
    rounds.length && db.selectFrom('evaluation_round').select(['id', 'title as name']).where('id', 'in', rounds).execute().then((l) => put('evaluation_round', l)),
    applications.length &&
      db
        .selectFrom('evaluation_application')
        .innerJoin('org_unit', 'org_unit.id', 'evaluation_application.applicant_org_id')
        .select(['evaluation_application.id', 'org_unit.name'])
        .where('evaluation_application.id', 'in', applications)
        .execute()
        .then((l) => put('evaluation_application', l.map((x) => ({ id: x.id, name: `${x.name}的申请` })))),
    cycles.length && db.selectFrom('assessment_cycle').select(['id', 'title as name']).where('id', 'in', cycles).execute().then((l) => put('assessment_cycle', l)),
    users.length && db.selectFrom('app_user').select(['id', 'username as name']).where('id', 'in', users).execute().then((l) => put('user', l)),
    orgs.length && db.selectFrom('org_unit').select(['id', 'name']).where('id', 'in', orgs).execute().then((l) => put('org_unit', l)),
    evidence.length && db.selectFrom('evidence').select(['id', 'file_name as name']).where('id', 'in', evidence).execute().then((l) => put('evidence', l)),
  ]);
  for (const x of scorePaths) names.set(`score:${x.id}`, `${unitNames.get(Number(x.m[2])) ?? `单位${x.m[2]}`} ${x.m[3]}`);
  for (const x of submissions) names.set(`score_submission:${x.id}`, `${unitNames.get(Number(x.m[2])) ?? `单位${x.m[2]}`}的评分`);
  // a score cleared since (its row is gone): named as its own audit rows recorded it, 长沙市 2.a, not 评分 #467
  for (const r of rows) {
    const key = `score:${r.entity_id}`;
    if (r.entity_type !== 'score' || names.has(key)) continue;
    const recorded = scoreRecorded(r.before_json) ?? scoreRecorded(r.after_json);
    if (recorded) names.set(key, recorded);
  }
  return names;
}

/** "长沙市 2.a" from a score's audit JSON ({unit, criterion}, as saveScore and deleteScore write it), or null */
function scoreRecorded(json: string | null): string | null {
  if (!json) return null;
  try {
    const v = JSON.parse(json) as { unit?: unknown; criterion?: unknown };
    return typeof v.unit === 'string' && typeof v.criterion === 'string' ? `${v.unit} ${v.criterion}` : null;
  } catch {
    return null;
  }
}

/** The log's rows that match the filters (no order, no page); `cycleId` keeps one cycle's rows. */
function matching(db: Kysely<Database>, query: Omit<AuditQuery, 'page' | 'pageSize'>, cycleId?: number) {
  const { from, to, username, action, entityType, outcome, upTo } = query;
  let q = db.selectFrom('audit_log');
  if (upTo !== undefined) q = q.where('id', '<=', upTo);
  if (cycleId !== undefined) q = q.where('cycle_id', '=', cycleId);
  // the days the auditor picks are China days: 2026-11-30 runs from 2026-11-29T16:00Z to 2026-11-30T16:00Z
  if (from) q = q.where('at', '>=', from.length === 10 ? chinaDayStart(from) : from);
  if (to) q = q.where('at', '<', to.length === 10 ? chinaDayStart(nextDay(to)) : to);
  // what the account did, and what was done to it: its failed sign-ins and lock-outs (written before anyone is
  // signed in, so with no user name), its creation, edits, resets and unlock
  if (username) {
    q = q.where((eb) =>
      eb.or([
        eb('username', '=', username),
        eb.and([eb('entity_type', '=', 'user'), eb.or([eb('entity_id', '=', username), eb('entity_id', 'in', eb.selectFrom('app_user').select(sql<string>`cast(id as text)`.as('id')).where('username', '=', username))])]),
      ]),
    );
  }
  // an action the log knows (what the page's list offers one by one) is that action only — 登录 is not also
  // 登录过于频繁被拒绝 (auth.login.rateLimited) —; a family (auth., the list's 「（全部）」) or other text, by its start
  if (action) q = Object.hasOwn(ACTION_LABELS, action) ? q.where('action', '=', action) : q.where(startsWithText('action', action));
  if (entityType) q = q.where('entity_type', '=', entityType);
  if (outcome) q = q.where('outcome', '=', outcome);
  return q;
}

/** How many rows of the log match the filters (an export counts before it loads anything). */
export async function countLog(db: Kysely<Database>, query: Omit<AuditQuery, 'page' | 'pageSize'>, cycleId?: number): Promise<number> {
  const count = await matching(db, query, cycleId).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(count.n);
}

/**
 * One page of the log, filtered, newest first, and the number of all rows that match; `cycleId` keeps one cycle's rows.
 * The rows are those up to `upTo`, the newest row when the listing began (its first page: the newest row now, 0 when
 * the log is empty): the page and its count are of the same rows, and so are the pages that follow, while the search
 * itself and everyone else's work are written above them.
 */
export async function searchLog(db: Kysely<Database>, query: AuditQuery, cycleId?: number): Promise<{ rows: AuditRow[]; total: number; upTo: number }> {
  const { page, pageSize } = query;
  const upTo = query.upTo ?? Number((await db.selectFrom('audit_log').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst())?.id ?? 0);
  const kept = { ...query, upTo };
  const [rows, total] = await Promise.all([
    matching(db, kept, cycleId).selectAll().orderBy('id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute(),
    countLog(db, kept, cycleId),
  ]);
  return { rows, total, upTo };
}
