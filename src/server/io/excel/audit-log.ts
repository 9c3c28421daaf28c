/**
 * The audit log as the auditor exports it (.xlsx on the table kit: A4 landscape, print titles): one row per record,
 * newest first, with the filters it was cut by under the title. Business content stays hidden from the auditor
 * (audit.policy.ts), as on the page.
 */
import type { AuditEntry } from '../../../shared/contracts/audit';
import { auditChangeLines } from '../../../shared/audit-change';
import { EVENT_ACTIONS, OUTCOME_LABELS } from '../../../shared/audit-labels';
import { ROLE_LABELS, type Role } from '../../../shared/roles';
import { LANDSCAPE_UNITS, SHRINK_ALLOWANCE, tableWorkbook, widthToFit, type CellValue } from '../document-kit/table';

const CLOCK = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });

/**
 * before and after in words, as the page shows them (src/shared/audit-change.ts), cut at 2000 characters each; an
 * event (a download, a sign-in, a refusal: EVENT_ACTIONS) changed nothing, so what it recorded is its 记录内容, as the
 * page words it, not a 修改后 (「修改后：文件名：…」 read as if the download had renamed a file)
 */
function content(e: AuditEntry): string {
  if (e.contentHidden) return '（业务内容不向审计管理员显示）';
  const part = (label: string, v: unknown) => {
    const lines = auditChangeLines(v, e.entityType).map((l) => `${'  '.repeat(l.depth)}${l.label}：${l.text}`);
    return lines.length ? `${label}：${lines.join('；').slice(0, 2000)}` : null;
  };
  if (EVENT_ACTIONS.has(e.action)) return part('记录内容', e.after ?? e.before) ?? '';
  return [part('修改前', e.before), part('修改后', e.after)].filter(Boolean).join('\n');
}

export async function auditLogXlsx(entries: AuditEntry[], filters: string, exportedAt: Date): Promise<Buffer> {
  const rows: CellValue[][] = entries.map((e) => [
    e.id,
    CLOCK.format(new Date(e.at)),
    e.username ?? '（未登录）',
    e.role ? (ROLE_LABELS[e.role as Role] ?? e.role) : '',
    e.ip ?? '',
    e.actionLabel,
    e.object,
    OUTCOME_LABELS[e.outcome as keyof typeof OUTCOME_LABELS] ?? e.outcome,
    content(e),
  ]);
  const texts = (i: number) => rows.map((r) => String(r[i] ?? ''));
  // 用户, 角色, 来源地址 and 对象 are words read whole: each column as wide as its longest (a user name cut as
  // 「yueyang.offi|ce」, a role as 「质强办工作人|员」 misread, an object broken after 用户 of 用户「yueyang.office」);
  // 时间 breaks at its space, date above time; 内容, the one column of running text, takes what is left of a page's
  // width (at least 16 units: the sheet then shrinks to fit)
  const fixed = [
    { header: '编号', width: 8, kind: 'number' as const, align: 'center' as const },
    { header: '时间', width: widthToFit(['2026-01-01'], 8) },
    { header: '用户', width: widthToFit(texts(2), 8, 24) },
    { header: '角色', width: widthToFit(texts(3), 8, 24) },
    { header: '来源地址', width: widthToFit(texts(4), 10, 20) },
    { header: '操作', width: widthToFit(texts(5), 8, 16) },
    { header: '对象', width: widthToFit(texts(6), 12, 26) },
    { header: '结果', width: 6, align: 'center' as const },
  ];
  const used = fixed.reduce((a, c) => a + c.width, 0);
  const columns = [...fixed, { header: '内容', width: Math.max(16, Math.floor(LANDSCAPE_UNITS.A4 * SHRINK_ALLOWANCE) - used) }];
  return tableWorkbook([
    {
      name: '审计日志',
      title: '审计日志',
      subtitle: `${filters}；共${entries.length}条；导出时间${CLOCK.format(exportedAt)}`,
      columns,
      rows,
      notes: ['注：时间为北京时间。审计日志带哈希链，可在审计日志页面或服务器上用 npx kaoping audit verify 校验是否被改动。'],
    },
  ]);
}
