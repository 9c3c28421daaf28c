import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { answer, answersJsonSchema, scoreInput } from './answers';
import { parseScoreInput, ScoringInputError } from './errors';

const schemaFile = fileURLToPath(new URL('./answers.schema.json', import.meta.url));

describe('answer format', () => {
  it('answers.schema.json is generated from the zod schema (not stale)', () => {
    const text = JSON.stringify(answersJsonSchema(), null, 2) + '\n';
    if (process.env.UPDATE_SCHEMA) writeFileSync(schemaFile, text);
    expect(readFileSync(schemaFile, 'utf8')).toBe(text);
  });

  it.each([true, false, { level: 24 }, { value: 0.7 }, { ratio: [70, 100000] }, { score: 14.5 }, 'na'])('accepts %j', (a) => {
    expect(answer.safeParse(a).success).toBe(true);
  });

  it.each([1, 'yes', { level: -1 }, { value: 1, score: 2 }, { ratio: [1] }, { score: -0.5 }, null])('rejects %j', (a) => {
    expect(answer.safeParse(a).success).toBe(false);
  });

  it('parses the documented example', () => {
    const input = {
      framework: 'db43-quality-city',
      units: [
        {
          unit: '430100',
          name: '长沙市',
          peerGroup: '430000-city',
          answers: { '1.2': { a: true, b: true, c: false }, '1.3': { a: { value: 0.7 } }, '3.4': { b: 'na' } },
          ineligibility: { I1: false },
        },
      ],
    };
    expect(scoreInput.parse(input)).toEqual(input);
  });

  it('parseScoreInput names unit and code in Chinese', () => {
    try {
      parseScoreInput({ framework: 'x', units: [{ unit: '430100', answers: { '1.3': { a: { valeu: 1 } } } }] });
      throw new Error('should throw');
    } catch (e) {
      expect(e).toBeInstanceOf(ScoringInputError);
      const issues = (e as ScoringInputError).issues;
      expect(issues[0]).toMatchObject({ unit: '430100', code: '1.3.a' });
      expect(issues[0].message).toContain('答案格式不正确');
    }
  });
});
