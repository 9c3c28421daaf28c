import { globalRegistry, type z } from 'zod';
import { CONTROL_CHARS, CONTROL_CHARS_MESSAGE } from '../../shared/contracts/common';
import { fieldLabel, labelledUnder, type FieldPath } from '../../shared/contracts/field-labels';
import { AppError, type FieldProblem } from './errors';

const PART_LABEL = { body: '填写的内容', query: '查询条件', params: '访问地址中的编号' } as const;

/** a field at fault, with its keys as they were (fieldLabel reads a key holding dots, "5.2.a", as one key) */
type Problem = FieldProblem & { path: FieldPath };

/**
 * Every string (and object key) in a request part that holds a NUL or another control character, with its
 * path. The contracts' text() refuses them field by field; this net also covers free-form JSON the contracts
 * pass through (engine answers, framework documents), so nothing with a NUL reaches PostgreSQL.
 */
export function controlCharProblems(value: unknown): FieldProblem[] {
  return controlChars(value).map(({ field, message }) => ({ field, message }));
}

function controlChars(value: unknown, at: (string | number)[] = [], out: Problem[] = []): Problem[] {
  if (out.length >= 10) return out;
  if (typeof value === 'string') {
    if (CONTROL_CHARS.test(value)) out.push({ field: at.join('.') || '(整体)', message: CONTROL_CHARS_MESSAGE, path: at });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => controlChars(v, [...at, i], out));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (CONTROL_CHARS.test(k)) out.push({ field: [...at, JSON.stringify(k)].join('.'), message: `字段名${CONTROL_CHARS_MESSAGE}`, path: [...at, JSON.stringify(k)] });
      else controlChars(v, [...at, k], out);
    }
  }
  return out;
}

const ISSUE_FALLBACK: Record<string, string> = {
  invalid_type: '类型不正确',
  too_big: '超出允许的上限',
  too_small: '低于允许的下限',
  invalid_format: '格式不正确',
  not_multiple_of: '数值不符合要求',
  unrecognized_keys: '含有不允许的字段',
  invalid_union: '不符合任何一种允许的格式',
  invalid_key: '字段名不正确',
  invalid_element: '元素不正确',
  invalid_value: '取值不在允许范围内',
  custom: '内容不符合要求',
};

const fail = (part: keyof typeof PART_LABEL, problems: Problem[], rule = false, schema?: z.ZodType, unknown?: Map<string, readonly PropertyKey[]>): never => {
  // the message names each field as the form labels it; fields[].field keeps the key for the form. A field the form
  // does not have is named by where it was sent (`unknown`: its parent's keys, none at the top), never by the label the
  // same key has on another form (`accept` sent to a 延期 decision is not its 审核意见) — unless the key has a name of its
  // own there (labelledUnder: `target.bound`, taken by another option of the same union). A field is named from its
  // keys where the check gave them: its dotted text runs a key holding dots ("5.2.a") into several.
  const labelOf = (path: FieldPath) => {
    const top = path.length === 1 ? String(path[0]) : undefined;
    return (top === undefined ? undefined : ownLabel(schema, top)) ?? fieldLabel(path);
  };
  const summary = problems
    .map((f) => {
      const parent = unknown?.get(f.field);
      if (parent === undefined || labelledUnder(f.path)) return `${labelOf(f.path)}：${f.message}`;
      return parent.length ? `${labelOf(parent)}：${f.message}` : f.message;
    })
    .join('；');
  const fields = problems.map(({ field, message }) => ({ field, message }));
  throw Object.assign(new AppError(400, 'invalid_input', `${PART_LABEL[part]}有误 — ${summary}`, fields), { rule });
};

/**
 * The query parameters written more than once (?year=2023&year=2024), which the query parser hands over as a list,
 * and how many times each: a contract that takes one value would otherwise answer with its own message for the
 * wrong kind of value (年份须为整数), which says nothing of what is wrong.
 */
function repeatedParameters(part: keyof typeof PART_LABEL, value: unknown): Map<string, number> {
  const repeated = new Map<string, number>();
  if (part !== 'query' || value === null || typeof value !== 'object') return repeated;
  for (const [k, v] of Object.entries(value)) if (Array.isArray(v)) repeated.set(k, v.length);
  return repeated;
}

/**
 * The name a contract gives one of its own top-level fields (`.meta({ title })`), where the key's shared name in
 * field-labels is too neutral for this form: `comment` is 扣分理由 on a score and 退回意见 on a returned value, and a
 * summary "说明：扣分理由不超过 1000 字" would name one field twice.
 */
function ownLabel(schema: z.ZodType | undefined, field: string): string | undefined {
  const shape = (schema as { shape?: Record<string, z.ZodType> } | undefined)?.shape;
  const own = shape && Object.hasOwn(shape, field) ? shape[field] : undefined;
  const title = own && globalRegistry.get(own)?.title;
  return typeof title === 'string' ? title : undefined;
}

/** Parse with a shared zod schema; on failure a 400 that names every field at fault, in Chinese. */
export function parseOr400<T>(schema: z.ZodType<T>, value: unknown, part: keyof typeof PART_LABEL): T {
  const control = controlChars(value);
  if (control.length) fail(part, control, false, schema);
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const repeated = repeatedParameters(part, value);
  const told = new Set<string>();
  const unknown = new Map<string, readonly PropertyKey[]>();
  const fields: Problem[] = r.error.issues.flatMap((issue) => {
    // a parameter given twice: one message for it, whatever its contract said of a list
    const key = issue.path.length ? String(issue.path[0]) : '';
    const times = repeated.get(key);
    if (times !== undefined) {
      if (told.has(key)) return [];
      told.add(key);
      return [{ field: key, message: `${fieldLabel([key])}只能填写一个（查询条件中出现了${times}次）`, path: [key] }];
    }
    let path: readonly PropertyKey[] = issue.path;
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') {
      const keys = (issue as { keys: string[] }).keys;
      unknown.set([...path, keys[0]].map(String).join('.'), path);
      path = [...path, keys[0]];
      message = `不允许的字段：${keys.join('、')}`;
    }
    const field = path.map(String).join('.');
    // the zh-CN locale covers zod's own messages; a message someone wrote in English still leaves in Chinese
    if (!/[\u3400-\u9fff]/.test(message)) message = ISSUE_FALLBACK[issue.code] ?? '格式不正确';
    return [{ field: field || '(整体)', message, path }];
  });
  // a contract's refusedField() is a rule, not a typo: route() records the attempt as denied
  return fail(part, fields, r.error.issues.some((i) => (i as { params?: { rule?: boolean } }).params?.rule === true), schema, unknown);
}

/** A request header (User-Agent, the client address) as stored text: control characters dropped, length bounded. */
export function headerText(value: unknown, max = 300): string | null {
  if (typeof value !== 'string') return null;
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, max) || null;
}
