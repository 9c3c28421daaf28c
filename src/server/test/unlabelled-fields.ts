/**
 * The body, query and address fields of some routes that have no Chinese name in FIELD_LABELS: a refusal would name
 * them by their English key ("查询条件有误 — light：…", "申报内容 指标 第 1 项 domain：…"). Every field is read, nested
 * ones too (an array's rows, an object's members, every option of a union), and named as fieldLabel names it: by the
 * object it sits in first ("indicators.domain"), then alone. The field-labels tests of the modules expect none.
 */
import { z } from 'zod';
import { FIELD_LABELS } from '../../shared/contracts/field-labels';

/** each field of a schema, with the key of the object it sits in (undefined at the top) */
function fieldsOf(schema: unknown, parent: string | undefined, path: string, out: { path: string; key: string; parent?: string }[], depth = 0): void {
  let s = schema as z.ZodType | undefined;
  for (let i = 0; i < 10 && s && depth < 10; i++) {
    if (s instanceof z.ZodObject) {
      for (const [key, value] of Object.entries(s.shape)) {
        out.push({ path: `${path}.${key}`, key, parent });
        fieldsOf(value, key, `${path}.${key}`, out, depth + 1);
      }
      return;
    }
    if (s instanceof z.ZodUnion) {
      for (const option of s.options as unknown[]) fieldsOf(option, parent, path, out, depth + 1);
      return;
    }
    if (s instanceof z.ZodArray) {
      s = s.element as z.ZodType;
      continue;
    }
    const def = (s as any)._zod?.def;
    s = def?.innerType ?? def?.in ?? def?.schema ?? (def?.type === 'record' ? def.valueType : undefined);
  }
}

export function unlabelledFields(routes: readonly { method: string; url: string }[]): string[] {
  const missing = new Set<string>();
  for (const r of routes)
    for (const part of ['body', 'query', 'params'] as const) {
      const fields: { path: string; key: string; parent?: string }[] = [];
      fieldsOf((r as any)[part], undefined, `${r.method} ${r.url} ${part}`, fields);
      for (const f of fields) if (!((f.parent !== undefined && FIELD_LABELS[`${f.parent}.${f.key}`]) || FIELD_LABELS[f.key])) missing.add(f.path);
    }
  return [...missing];
}
