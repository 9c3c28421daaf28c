import { z, choiceOf, intText, INT32_MAX, pageOf, pageQuery, text } from './common';
import { OUTCOME_LABELS } from '../audit-labels';
import { isCalendarDate } from '../deadline';

export const auditEntry = z.object({
  id: z.number(),
  at: z.string(),
  userId: z.number().nullable(),
  username: z.string().nullable(),
  role: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  action: z.string(),
  method: z.string().nullable(),
  path: z.string().nullable(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  outcome: z.string(),
  /** the action and the object in Chinese (src/shared/audit-labels.ts) */
  actionLabel: z.string(),
  object: z.string(),
  /** true when before/after are withheld from this reader (business content is not shown to the auditor) */
  contentHidden: z.boolean(),
});
export type AuditEntry = z.infer<typeof auditEntry>;

/** a day (or an instant) of the 日期 filter, its messages naming the end (起始日期 / 截止日期) */
const isoDate = (label: string) =>
  z
    .string({ error: `${label}须为文字，如2023-07-10` })
    .regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/, { error: `${label}格式须为年-月-日，如2023-07-10`, abort: true })
    .refine((s) => isCalendarDate(s.slice(0, 10)) && !Number.isNaN(Date.parse(s)), { error: `${label}不是有效日期（该月没有这一天）` });

const auditFilters = z.strictObject({
  ...pageQuery,
  from: isoDate('起始日期').optional(),
  to: isoDate('截止日期').optional(),
  username: text({ error: '用户名须为文字' }).trim().max(64, { error: '用户名不超过64个字' }).optional(),
  action: text({ error: '操作须为文字' }).trim().max(64, { error: '操作不超过64个字' }).optional(),
  entityType: text({ error: '对象类型须为文字' }).trim().max(64, { error: '对象类型不超过64个字' }).optional(),
  outcome: choiceOf(OUTCOME_LABELS, '结果').optional(),
  /**
   * the newest row the listing began with (`upTo` of its first page): later pages keep to the rows there were then.
   * Every read of the log is itself recorded, and others keep writing, so without it each turn of the page found one
   * row more at the top — the last row of a page listed again at the head of the next, and 共 N 条 one more each time.
   */
  upTo: intText('截至记录编号须为正整数', 1, INT32_MAX).optional(),
});
/** the 日期 filter's ends in order: reversed, nothing could match, and an empty list would read as "nothing happened" */
// (by their days: a bare date means the whole China day, so only the days are compared)
const datesInOrder = <T extends { from?: string; to?: string }>(q: T) => !q.from || !q.to || q.to.slice(0, 10) >= q.from.slice(0, 10);
const DATES_REVERSED = { error: '截止日期不能早于起始日期，请调换两个日期', path: ['to'] };
export const auditQuery = auditFilters.refine(datesInOrder, DATES_REVERSED);
export type AuditQuery = z.infer<typeof auditQuery>;
/** One page of the log, and the newest row its listing keeps to (send it back as `upTo` for the next pages; 0: none). */
export const auditPage = pageOf(auditEntry).extend({ upTo: z.number() });
export type AuditPage = z.infer<typeof auditPage>;

/** The same filters for the export (GET /api/audit/export.xlsx): every matching row, up to AUDIT_EXPORT_MAX. */
export const auditExportQuery = auditFilters.omit({ page: true, pageSize: true, upTo: true }).refine(datesInOrder, DATES_REVERSED);
export type AuditExportQuery = z.infer<typeof auditExportQuery>;
export const AUDIT_EXPORT_MAX = 20_000;

/** The hash chain's state (GET /api/audit/verify, `kaoping audit verify`). */
export const auditChainState = z.object({
  ok: z.boolean(),
  total: z.number(),
  brokenId: z.number().nullable(),
  reason: z.string().nullable(),
  message: z.string(),
});
export type AuditChainState = z.infer<typeof auditChainState>;
