import { z } from 'zod';

/** Chinese messages for every zod error, in the browser and on the server. */
z.config(z.locales.zhCN());

export { z };

export const idParam = z.strictObject({ id: z.coerce.number().int().positive({ error: 'id 必须是正整数' }) });

export const pageQuery = {
  page: z.coerce.number().int().min(1, { error: '页码从 1 开始' }).default(1),
  pageSize: z.coerce.number().int().min(1).max(200, { error: '每页最多 200 条' }).default(20),
};

export const okResponse = z.object({ ok: z.literal(true) });

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });

/** The body of every error answer: a Chinese message, and for bad input the fields at fault. */
export const errorBody = z.object({
  error: z.string(),
  message: z.string(),
  fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  current: z.unknown().optional(),
});
export type ErrorBody = z.infer<typeof errorBody>;
