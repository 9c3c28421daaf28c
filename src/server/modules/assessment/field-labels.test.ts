/**
 * Bad input to the yearly assessment's routes is told in Chinese: every field of their bodies, queries and
 * addresses has a label in FIELD_LABELS, so a refusal never names a field by its English key
 * ("填写的内容有误 — response：…").
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldLabel, FIELD_LABELS } from '../../../shared/contracts/field-labels';
import { cycleRoutes, declarationRoutes, objectionRoutes, resultRoutes, schemeRoutes, scoringRoutes } from '.';
import { evidenceRoutes } from '../evidence';

/** the keys of an object schema, through optional / nullable / pipes */
function keysOf(schema: unknown): string[] {
  let s = schema as z.ZodType | undefined;
  for (let i = 0; i < 8 && s; i++) {
    if (s instanceof z.ZodObject) return Object.keys(s.shape);
    const def = (s as any)._zod?.def;
    s = def?.innerType ?? def?.in ?? def?.schema;
  }
  return [];
}

describe('the assessment routes name every input field in Chinese', () => {
  it('has a label for each body, query and address field', () => {
    const missing: string[] = [];
    for (const r of [...cycleRoutes, ...declarationRoutes, ...schemeRoutes, ...scoringRoutes, ...resultRoutes, ...objectionRoutes, ...evidenceRoutes])
      for (const part of ['body', 'query', 'params'] as const)
        for (const k of keysOf((r as any)[part])) if (!FIELD_LABELS[k]) missing.push(`${r.method} ${r.url} ${part}.${k}`);
    expect(missing).toEqual([]);
  });

  it('names a field deep in a scheme as the editor does (a refused draft save)', () => {
    expect(fieldLabel('framework.sections.0.items.0.criteria.0.points')).toBe('方案内容 考核领域 第 1 项 评分项 第 1 项 要点考核内容 第 1 项 分值');
  });
});
