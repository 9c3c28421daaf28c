import type { Kysely } from 'kysely';
import { idParam, pageOf, type Page } from '../../../shared/contracts/common';
import { auditChainState, auditEntry, auditQuery, type AuditEntry, type AuditQuery } from '../../../shared/contracts/audit';
import type { Database } from '../../db/schema';
import { notFound } from '../../core/errors';
import { route } from '../../core/route';
import { verifyChain } from '../../core/audit-chain';
import { cycleAccess } from '../assessment';
import type { AuditViewer } from './audit.policy';
import { present } from './audit.presenter';
import { objectNames, searchLog } from './audit.queries';

/** One page of the log, presented for the viewer. */
async function search(db: Kysely<Database>, query: AuditQuery, viewer: AuditViewer, cycleId?: number): Promise<Page<AuditEntry>> {
  const { rows, total } = await searchLog(db, query, cycleId);
  const names = await objectNames(db, rows);
  return { items: rows.map((r) => present(r, viewer, names)), total, page: query.page, pageSize: query.pageSize };
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
    handler: async (ctx) => search(ctx.db, ctx.query, { kind: 'auditor' }),
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
