/**
 * The public answer/input format of the scoring engine (documented in docs/scoring-answers.md, published as
 * ./answers.schema.json, which a test regenerates from these schemas).
 *
 * {
 *   "framework": "db43-quality-city",
 *   "units": [
 *     { "unit": "430100", "name": "长沙市", "peerGroup": "430000-city",
 *       "answers": { "1.2": { "a": true, "b": true, "c": false }, "1.3": { "a": { "value": 0.7 } } },
 *       "ineligibility": { "I1": false } }
 *   ]
 * }
 *
 * An answer for one criterion is one of:
 *   true / false            met or not (boolean rules, veto)
 *   {"level": n}            one of the levels the method lists, by points (levels rules; rank rules too)
 *   {"value": x}            a measured value in the rule's unit (threshold, linear, rank)
 *   {"ratio": [a, b]}       a value computed from two amounts: a / b expressed in the rule's unit
 *                           (‰ → ×1000, % → ×100, anything else ×1), compared with thresholds exactly
 *   {"score": x}            a score entered directly (direct rules: the 2022 key points; bonus; deduction)
 *   "na"                    not applicable (合理缺项), only where the criterion allows it
 *
 * The engine itself does not run these zod schemas (it checks every answer against its rule by hand, in
 * one pass, for speed); use parseScoreInput (./errors.ts) at a trust boundary (server route, CLI) to check the shape.
 */
import { z } from 'zod';

const finite = z.number().finite();

export const booleanAnswer = z.boolean().describe('符合（true）或不符合（false）');
export const levelAnswer = z
  .strictObject({ level: finite.min(0).describe('所选档次的分值，须为评分方法列出的档次之一') })
  .describe('按档次评分');
export const valueAnswer = z
  .strictObject({ value: finite.describe('实测值，单位见评分方法（‰、%、张/万人、个……）') })
  .describe('实测值');
export const ratioAnswer = z
  .strictObject({
    ratio: z
      .tuple([finite.describe('分子'), finite.describe('分母（不为0）')])
      .describe('由两个数量算出的比值 [分子, 分母]；按规则单位换算：‰ ×1000，% ×100，其他 ×1'),
  })
  .describe('比值（精确比较，不经浮点）');
export const scoreAnswer = z
  .strictObject({ score: finite.min(0).describe('直接录入的得分（加分、减分项为加/减的分数）') })
  .describe('直接评分');
export const naAnswer = z.literal('na').describe('合理缺项（仅限评分细则允许时）');

export const answer = z.union([booleanAnswer, levelAnswer, valueAnswer, ratioAnswer, scoreAnswer, naAnswer]);
export type Answer = z.infer<typeof answer>;

/** item code → criterion code → answer */
export const itemAnswers = z.record(z.string().min(1), z.record(z.string().min(1), answer));
export type ItemAnswers = z.infer<typeof itemAnswers>;

export const unitInput = z.strictObject({
  unit: z.string().min(1).describe('被考核/评价单位代码（GB/T 2260 行政区划代码等）'),
  name: z.string().optional().describe('单位名称'),
  peerGroup: z
    .string()
    .optional()
    .describe('同级比较组：排名类指标只在同一组内排名（如 "430000-city" 表示湖南省内的市州）；缺省为全部单位一组'),
  answers: itemAnswers.describe('考核内容编号 → 评分细则编号 → 答案'),
  ineligibility: z
    .record(z.string().min(1), z.boolean())
    .optional()
    .describe('仅评价类（evaluation）：不予受理情形编号 → 是否存在'),
});
export type UnitInput = z.infer<typeof unitInput>;

export const scoreInput = z.strictObject({
  framework: z.string().min(1).describe('指标体系 id，如 "db43-quality-city"'),
  units: z.array(unitInput).describe('被评分的单位；排名类指标在同一输入的同组单位之间排名'),
});
export type ScoreInput = z.infer<typeof scoreInput>;

/**
 * The JSON Schema of the input format (published as ./answers.schema.json; a test fails when that file is
 * stale — regenerate with `UPDATE_SCHEMA=1 npx vitest run src/shared/scoring/answers.test.ts`).
 */
export function answersJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(scoreInput, { target: 'draft-2020-12' }) as Record<string, unknown>;
  return {
    $schema: schema.$schema,
    $id: 'https://kaoping.local/schemas/scoring-answers.schema.json',
    title: '考评评分输入（答案）格式',
    description:
      '{"framework": 指标体系 id, "units": [{"unit": 单位代码, "name": 名称, "peerGroup": 同级比较组, "answers": {考核内容编号: {评分细则编号: 答案}}, "ineligibility": {不予受理情形编号: true/false}}]}。答案为 true/false、{"level": n}、{"value": x}、{"ratio": [分子, 分母]}、{"score": x} 或 "na"。详见 docs/scoring-answers.md。',
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
  };
}
