import type { Kysely } from 'kysely';
import { idParam } from '../../../shared/contracts/common';
import { AUDIT_EXPORT_MAX, auditChainState, auditExportQuery, auditPage, auditQuery, type AuditExportQuery, type AuditPage, type AuditQuery } from '../../../shared/contracts/audit';
import { OUTCOME_LABELS } from '../../../shared/audit-labels';
import { badRequest } from '../../core/errors';
import { sendDownload, XLSX_TYPE } from '../../core/download';
import { auditLogXlsx } from '../../io/excel/audit-log';
import type { Database } from '../../db/schema';
import { notFound } from '../../core/errors';
import { route } from '../../core/route';
import { verifyChain } from '../../core/audit-chain';
import { writeAudit } from '../../core/audit';
import { cycleAccess } from '../assessment';
import type { AuditViewer } from './audit.policy';
import { present } from './audit.presenter';
import { countLog, objectNames, searchLog } from './audit.queries';
import { chinaDate } from '../../../shared/deadline';

/** One page of the log, presented for the viewer. */
async function search(db: Kysely<Database>, query: AuditQuery, viewer: AuditViewer, cycleId?: number): Promise<AuditPage> {
  const { rows, total, upTo } = await searchLog(db, query, cycleId);
  const names = await objectNames(db, rows);
  return { items: rows.map((r) => present(r, viewer, names)), total, page: query.page, pageSize: query.pageSize, upTo };
}

/** The filters an export was cut by, in words (under the sheet's title). */
const filterText = (q: AuditExportQuery) =>
  [
    q.from || q.to ? `时间：${q.from ?? '最早'}至${q.to ?? '今天'}` : '时间：全部',
    q.username ? `用户：${q.username}` : null,
    q.action ? `操作：${q.action}` : null,
    q.entityType ? `对象类型：${q.entityType}` : null,
    q.outcome ? `结果：${OUTCOME_LABELS[q.outcome]}` : null,
  ]
    .filter(Boolean)
    .join('；');

/** Read only: there is no route that edits or deletes the audit log, and the database refuses it too. */
export const auditRoutes = [
  route({
    method: 'GET',
    url: '/api/audit',
    access: 'audit.read',
    summary: '审计日志检索（时间、用户、操作、对象、结果）；业务内容不向审计管理员显示',
    tags: ['审计'],
    query: auditQuery,
    response: auditPage,
    // the auditor's own reading is recorded too (三员: each administrator's acts are audited), after the search, so the
    // page does not open on its own row
    handler: async (ctx) => {
      const page = await search(ctx.db, ctx.query, { kind: 'auditor' });
      await writeAudit(ctx.db, ctx.actor(), { action: 'audit.search', entityType: 'audit_log', entityId: (filterText(ctx.query) || '全部').slice(0, 200), after: { page: ctx.query.page, total: page.total } });
      return page;
    },
  }),
  route({
    method: 'GET',
    url: '/api/audit/export.xlsx',
    access: 'audit.read',
    summary: `导出审计日志（.xlsx，按检索条件，至多${AUDIT_EXPORT_MAX}条；业务内容不向审计管理员显示）`,
    tags: ['审计'],
    query: auditExportQuery,
    raw: true,
    handler: async (ctx) => {
      // count first: an export too large is refused before a row is loaded (loading them cost as much as the export)
      const total = await countLog(ctx.db, ctx.query);
      if (total > AUDIT_EXPORT_MAX) {
        throw badRequest(`符合条件的记录有${total}条，超过一次导出的上限${AUDIT_EXPORT_MAX}条；请缩小时间范围或增加条件后再导出`, [{ field: 'from', message: '请缩小时间范围' }]);
      }
      const all = await search(ctx.db, { ...ctx.query, page: 1, pageSize: AUDIT_EXPORT_MAX }, { kind: 'auditor' });
      const now = new Date();
      const stamp = chinaDate(now);
      const filters = filterText(ctx.query);
      // the download's own audit row names what was exported: 审计日志「时间：全部；操作：auth.」
      return sendDownload(ctx, { entityType: 'audit_log', entityId: filters.slice(0, 200) }, `审计日志-${stamp}.xlsx`, XLSX_TYPE, await auditLogXlsx(all.items, filters, now));
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
      await writeAudit(ctx.db, ctx.actor(), { action: 'audit.verify', entityType: 'audit_log', entityId: 'chain', after: { ok: r.ok, total: r.total, brokenId: r.brokenId } });
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
    response: auditPage,
    handler: async (ctx) => {
      const a = await cycleAccess(ctx.db, ctx.me(), ctx.params.id, ctx.clock().today);
      if (a.as !== 'office') throw notFound(`考核工作${ctx.params.id}不存在或不由本单位组织`);
      return search(ctx.db, ctx.query, { kind: 'office', cycleIds: new Set([a.cycle.id]) }, a.cycle.id);
    },
  }),
];
