import type { z } from 'zod';
import '../../shared/contracts/common';
import { AppError, type FieldProblem } from './errors';

const PART_LABEL = { body: '请求体', query: '查询参数', params: '路径参数' } as const;

/** Parse with a shared zod schema; on failure a 400 that names every field at fault, in Chinese. */
export function parseOr400<T>(schema: z.ZodType<T>, value: unknown, part: keyof typeof PART_LABEL): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const fields: FieldProblem[] = r.error.issues.map((issue) => {
    let field = issue.path.map(String).join('.');
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') {
      const keys = (issue as { keys: string[] }).keys;
      field = [field, keys[0]].filter(Boolean).join('.');
      message = `不允许的字段：${keys.join('、')}`;
    }
    return { field: field || '(整体)', message };
  });
  const summary = fields.map((f) => `${f.field}：${f.message}`).join('；');
  throw new AppError(400, 'invalid_input', `${PART_LABEL[part]}有误 — ${summary}`, fields);
}
