/**
 * The body, query and address fields of some routes that have no Chinese name in FIELD_LABELS: a refusal would name
 * them by their English key ("查询条件有误 — light：…"). The field-labels tests of the modules expect none.
 */
import { z } from 'zod';
import { FIELD_LABELS } from '../../shared/contracts/field-labels';

/** the keys of an object schema, through optional / nullable / pipes, and of every option of a union (a body told apart by its `event`) */
function keysOf(schema: unknown): string[] {
  let s = schema as z.ZodType | undefined;
  for (let i = 0; i < 8 && s; i++) {
    if (s instanceof z.ZodObject) return Object.keys(s.shape);
    if (s instanceof z.ZodUnion) return [...new Set((s.options as unknown[]).flatMap(keysOf))];
    const def = (s as any)._zod?.def;
    s = def?.innerType ?? def?.in ?? def?.schema;
  }
  return [];
}

export function unlabelledFields(routes: readonly { method: string; url: string }[]): string[] {
  const missing: string[] = [];
  for (const r of routes)
    for (const part of ['body', 'query', 'params'] as const) for (const k of keysOf((r as any)[part])) if (!FIELD_LABELS[k]) missing.push(`${r.method} ${r.url} ${part}.${k}`);
  return missing;
}
