/**
 * Incentive policies (激励政策) as data, after OpenFisca's rules-as-data: each policy names its issuer, 文号, level,
 * dates and status, and carries its rules — one per award kind — each with the seed's own words. A rule's amount
 * is a ceiling (最高 / 不高于), a fixed sum, or "从其规定" (the reward follows another body's rules: no figure).
 * Amounts are whole yuan (integers: exact).
 */
import { z } from 'zod';
import { isCalendarDate } from '../deadline';

/** What an enterprise achieved, as the calculator and the rules name it. */
export const ACHIEVEMENTS = {
  'standard-international-new': '国际标准制定',
  'standard-international-revise': '国际标准修订',
  'standard-national-new': '国家标准制定',
  'standard-national-revise': '国家标准修订',
  'standard-industry-new': '行业标准制定',
  'standard-industry-revise': '行业标准修订',
  'standard-local-new': '地方标准制定',
  'standard-local-revise': '地方标准修订',
  'mayor-award': '市长质量奖',
  'mayor-award-nomination': '市长质量奖提名奖',
  'hunan-governor-award': '湖南省省长质量奖',
  'hunan-governor-nomination': '湖南省省长质量奖提名奖',
  'china-quality-award': '中国质量奖',
  'china-quality-award-nomination': '中国质量奖提名奖',
} as const;
export type Achievement = keyof typeof ACHIEVEMENTS;
export const ACHIEVEMENT_CODES = Object.keys(ACHIEVEMENTS) as [Achievement, ...Achievement[]];
/** a standard is drafted with a role (主导 / 参与); an award (质量奖, 提名奖) is won, with no role */
export const isStandardAchievement = (a: Achievement): boolean => a.startsWith('standard-');

/** the enterprise's part in a standard: 主导 (lead drafter) or 参与 (participant); an award has no role */
export const ROLES = { lead: '主导', participant: '参与' } as const;
export type AchievementRole = keyof typeof ROLES;

export const RECIPIENTS = { organisation: '组织', person: '个人' } as const;
export type Recipient = keyof typeof RECIPIENTS;

export const POLICY_LEVELS = { national: '国家级', provincial: '省级', city: '市级', county: '县级' } as const;
export type PolicyLevel = keyof typeof POLICY_LEVELS;

/**
 * The levels a policy of a region may carry: its level is its issuer's, and a policy is registered under the region
 * it applies to (by the office that keeps that region, policyWriteRefusal in modules/honours/honours.policy.ts). The
 * province's are 省级, or 国家级 for a national policy applied in the province (kept once, by the provincial office);
 * a city's are 市级, a county's 县级 (both kept by the city's 质强办). The server's check (policyLevelRefusal) and the
 * form's choice read this one table.
 */
export const REGION_POLICY_LEVELS: Readonly<Record<'province' | 'city' | 'county', readonly PolicyLevel[]>> = {
  province: ['national', 'provincial'],
  city: ['city'],
  county: ['county'],
};
export const levelsOfRegion = (kind: string): readonly PolicyLevel[] => (kind === 'province' || kind === 'city' || kind === 'county' ? REGION_POLICY_LEVELS[kind] : []);

export const POLICY_STATUSES = { current: '现行有效', repealed: '已废止', superseded: '已被替代' } as const;
export type PolicyStatus = keyof typeof POLICY_STATUSES;

const yuan = z
  // a sum missing, or one that is no number (1e400 arrives as Infinity): each said as what to fix
  .number({ error: (iss) => (iss.input === undefined || iss.input === null ? '请填写金额' : '金额须为数字（元），不超过1亿元') })
  .int({ error: '金额须精确到元（万元最多4位小数）' })
  .min(0, { error: '金额不能为负' })
  .max(100_000_000, { error: '金额不超过1亿元' });

export const ruleAmount = z.discriminatedUnion('type', [
  /** up to this sum (最高 / 不高于) */
  z.strictObject({ type: z.literal('ceiling'), yuan }),
  /** this sum */
  z.strictObject({ type: z.literal('fixed'), yuan }),
  /** the reward follows another body's rules (从其规定): no figure here */
  z.strictObject({ type: z.literal('by-other-rules'), text: z.string({ error: '请填写“从其规定”的说明' }).trim().min(1, { error: '请填写“从其规定”的说明' }).max(300, { error: '“从其规定”的说明不超过300字' }) }),
], { error: '金额方式须为上限、定额或“从其规定”' });
export type RuleAmount = z.infer<typeof ruleAmount>;

export const policyRule = z.strictObject({
  // bounded like the text (the seed files' longest number is 45 characters): an unbounded one was stored and audited whole
  id: z.string({ error: '请填写规则编号' }).max(80, { error: '规则编号不超过80个字符' }).regex(/^[a-z0-9-]+$/, { error: '规则编号只能含小写字母、数字和连字符' }),
  achievement: z.enum(ACHIEVEMENT_CODES, { error: '请选择奖励的成果类别' }),
  /** the role the rule rewards (standards: 主导 only); null for awards */
  role: z.enum(['lead', 'participant'], { error: '角色须为主导或参与' }).nullable(),
  recipient: z.enum(['organisation', 'person'], { error: '请选择奖励对象（组织或个人）' }),
  /** per project (按项目) or once (一次性) */
  basis: z.enum(['per-item', 'once'], { error: '请选择按项目或一次性' }),
  amount: ruleAmount,
  /** the seed's words for this rule */
  text: z.string({ error: '请填写规则原文' }).trim().min(1, { error: '请填写规则原文' }).max(1000, { error: '规则原文不超过1000字' }),
});
export type PolicyRule = z.infer<typeof policyRule>;

/**
 * What makes a policy's rules say one thing each, as 奖励测算 reads them (it pays every rule that matches a row): an
 * award's rule has no role (with 主导 it would match no award), a standard's rule names the role it rewards (without one
 * it would pay a participant as the drafter), and one achievement, role and recipient has one rule (two would both be
 * paid). Problems by rule, in order, addressed to the rule's cell.
 */
export function ruleProblems(rules: readonly Pick<PolicyRule, 'achievement' | 'role' | 'recipient'>[]): { path: (string | number)[]; message: string }[] {
  const out: { path: (string | number)[]; message: string }[] = [];
  const first = new Map<string, number>();
  rules.forEach((r, i) => {
    const name = ACHIEVEMENTS[r.achievement];
    if (!isStandardAchievement(r.achievement) && r.role !== null) out.push({ path: [i, 'role'], message: `「${name}」是奖项，没有主导、参与之分，角色请留空` });
    if (isStandardAchievement(r.achievement) && r.role === null) out.push({ path: [i, 'role'], message: `「${name}」请选择奖励的角色（主导或参与）` });
    const key = `${r.achievement}|${r.role ?? ''}|${r.recipient}`;
    const seen = first.get(key);
    if (seen === undefined) first.set(key, i);
    else out.push({ path: [i, 'achievement'], message: `第${i + 1}条与第${seen + 1}条都是给予${RECIPIENTS[r.recipient]}的「${r.role ? ROLES[r.role] : ''}${name}」奖励，请合并为一条` });
  });
  return out;
}

/** a policy's rules: each a policyRule, together as ruleProblems wants them */
export const policyRules = (array: z.ZodArray<typeof policyRule>) =>
  array.superRefine((rules, ctx) => {
    for (const p of ruleProblems(rules)) ctx.addIssue({ code: 'custom', path: p.path, message: p.message });
  });

export const policyFile = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string().min(1),
  issuer: z.string().min(1),
  docNo: z.string().min(1),
  level: z.enum(['national', 'provincial', 'city', 'county']),
  /** GB/T 2260 code of the region the policy covers */
  regionCode: z.string().regex(/^\d{6}$/),
  issuedOn: z.string().refine(isCalendarDate),
  effectiveFrom: z.string().refine(isCalendarDate),
  expiresOn: z.string().refine(isCalendarDate).nullable(),
  status: z.enum(['current', 'repealed', 'superseded']),
  source: z.strictObject({ seed: z.string(), section: z.string() }),
  rules: policyRules(z.array(policyRule).min(1)),
  /** what the seed leaves open, and how it is encoded */
  notes: z.array(z.string()),
});
export type PolicyFile = z.infer<typeof policyFile>;
