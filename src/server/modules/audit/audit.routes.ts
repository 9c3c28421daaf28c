import type { Kysely } from 'kysely';
import { idParam, pageOf, type Page } from '../../../shared/contracts/common';
import { auditChainState, auditEntry, auditQuery, type AuditEntry, type AuditQuery } from '../../../shared/contracts/audit';
import { actionLabel, objectLabel } from '../../../shared/audit-labels';
import type { AuditRow, Database } from '../../db/schema';
import { notFound } from '../../core/errors';
import { route } from '../../core/route';
import { cycleAccess } from '../assessment';
import { verifyChain } from '../../core/audit-chain';
import { showsAuditContent, type AuditViewer } from './audit.policy';

const parse = (s: string | null): unknown => (s === null ? null : JSON.parse(s));

type Names = Map<string, string>;

/** Names of the objects on one page, where one query per type finds them. */
async function objectNames(db: Kysely<Database>, rows: AuditRow[]): Promise<Names> {
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

function present(r: AuditRow, viewer: AuditViewer, names: Names): AuditEntry {
  const shown = showsAuditContent(viewer, r);
  return {
    id: r.id,
    at: r.at,
    userId: r.user_id,
    username: r.username,
    role: r.role,
    ip: r.ip,
    userAgent: r.user_agent,
    action: r.action,
    method: r.method,
    path: r.path,
    entityType: r.entity_type,
    entityId: r.entity_id,
    before: shown ? parse(r.before_json) : null,
    after: shown ? parse(r.after_json) : null,
    outcome: r.outcome,
    actionLabel: actionLabel(r.action),
    object: objectLabel(r.entity_type, r.entity_id, names.get(`${r.entity_type}:${r.entity_id}`)),
    contentHidden: !shown,
  };
}

/** One page of the log, filtered, newest first, presented for the viewer; `cycleId` keeps one cycle's rows. */
async function search(db: Kysely<Database>, query: AuditQuery, viewer: AuditViewer, cycleId?: number): Promise<Page<AuditEntry>> {
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
  const names = await objectNames(db, rows);
  return { items: rows.map((r) => present(r, viewer, names)), total: Number(count.n), page, pageSize };
}

/** Read only: there is no route that edits or deletes the audit log, and the database refuses it too. */
export const auditRoutes = [
  route({
    method: 'GET',
    url: '/api/audit',
    access: 'audit.read',
    summary: '审计日志检索（时间、用户、操作、对象、结果）；业务内容不向审计管理员显示',
    tags: ['审计'],
    query: auditQuery,
    response: pageOf(auditEntry),
    handler: async (ctx) => {
      return search(ctx.db, ctx.query, { kind: 'auditor' });
    },
  }),
  route({
    method: 'GET',
    url: '/api/audit/verify',
    access: 'audit.read',
    summary: '校验审计日志哈希链，给出第一处断裂',
    tags: ['审计'],
    response: auditChainState,
    handler: async (ctx) => {
      const r = await verifyChain(ctx.db);
      return { ok: r.ok, total: r.total, brokenId: r.brokenId, reason: r.reason, message: r.message };
    },
  }),
  route({
    method: 'GET',
    url: '/api/cycles/:id/audit',
    access: 'cycle.manage',
    summary: '本考核周期的审计记录（组织考核的质强办查看业务修改前后内容）',
    tags: ['审计', '考核'],
    params: idParam,
    query: auditQuery,
    response: pageOf(auditEntry),
    handler: async (ctx) => {
      const a = await cycleAccess(ctx.db, ctx.me(), ctx.params.id);
      if (a.as !== 'office') throw notFound(`考核工作 ${ctx.params.id} 不存在或不由本单位组织`);
      return search(ctx.db, ctx.query, { kind: 'office', cycleIds: new Set([a.cycle.id]) }, a.cycle.id);
    },
  }),
];
