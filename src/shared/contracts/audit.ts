import { z, pageQuery, text } from './common';

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
});
export type AuditEntry = z.infer<typeof auditEntry>;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/, { error: '日期格式须为 YYYY-MM-DD 或 ISO 时间' })
  .refine((s) => !Number.isNaN(Date.parse(s)), { error: '不是有效的日期' });

export const auditQuery = z.strictObject({
  ...pageQuery,
  from: isoDate.optional(),
  to: isoDate.optional(),
  username: text().trim().max(64).optional(),
  action: text().trim().max(64).optional(),
  entityType: text().trim().max(64).optional(),
  outcome: z.enum(['ok', 'denied', 'failed']).optional(),
});
