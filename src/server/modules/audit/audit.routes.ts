import { pageOf } from '../../../shared/contracts/common';
import { auditEntry, auditQuery, type AuditEntry } from '../../../shared/contracts/audit';
import type { AuditRow } from '../../db/schema';
import { route } from '../../http/route';

const parse = (s: string | null): unknown => (s === null ? null : JSON.parse(s));

const present = (r: AuditRow): AuditEntry => ({
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
  before: parse(r.before_json),
  after: parse(r.after_json),
  outcome: r.outcome,
});

/** Read only: there is no route that edits or deletes the audit log, and the database refuses it too. */
export const auditRoutes = [
  route({
    method: 'GET',
    url: '/api/audit',
    access: 'audit.read',
    summary: '审计日志检索（时间、用户、操作、对象、结果）',
    tags: ['审计'],
    query: auditQuery,
    response: pageOf(auditEntry),
    handler: async (ctx) => {
      const { page, pageSize, from, to, username, action, entityType, outcome } = ctx.query;
      let q = ctx.db.selectFrom('audit_log');
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
      return { items: rows.map(present), total: Number(count.n), page, pageSize };
    },
  }),
];
