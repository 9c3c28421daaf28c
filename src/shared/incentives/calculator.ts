/**
 * 奖励测算: given an enterprise's achievements in a year and one policy's rules, which rules apply, the amount of
 * each with its ceiling applied, "从其规定" shown as such (no figure), and a line-by-line explanation. Pure and
 * exact (whole yuan). A requested amount (what the enterprise asks or the office proposes, per item) is cut to the
 * ceiling; without one a ceiling rule gives its ceiling as the most that can be granted, and a total holding such a
 * line is a 最高 (upTo), not an amount granted.
 *
 * One calculation is one enterprise's year: a 一次性 rule (basis 'once') pays once — its count is not a multiplier,
 * and a later row of the same award is shown as already counted (outcome 'repeat'), not paid again. A per-project
 * rule pays for every project of every row.
 */
import { ACHIEVEMENTS, RECIPIENTS, ROLES, type Achievement, type AchievementRole, type PolicyRule, type Recipient } from './schema';

export interface AchievementInput {
  achievement: Achievement;
  /** standards: 主导 or 参与; awards: omit */
  role?: AchievementRole | null;
  count: number;
  /** per item, yuan: what is asked; cut to the ceiling */
  requestedYuan?: number | null;
}

export interface CalculationLine {
  /** the input row (0-based) this line explains */
  input: number;
  ruleId: string | null;
  achievement: Achievement;
  recipient: Recipient | null;
  /** 'amount': a figure; 'by-other-rules': 从其规定; 'none': no rule of the policy rewards it; 'repeat': a 一次性 rule an earlier row already counted */
  outcome: 'amount' | 'by-other-rules' | 'none' | 'repeat';
  /** yuan for this line (count × per-item, or once); null unless outcome is 'amount' */
  yuan: number | null;
  /** whether the ceiling cut the requested amount */
  capped: boolean;
  /** a ceiling taken without a requested amount: the most that can be granted */
  upTo: boolean;
  /** the rule's words */
  ruleText: string | null;
  explanation: string;
}

export interface Calculation {
  lines: CalculationLine[];
  /** sums of the 'amount' lines, by recipient (a person's reward goes to the individual, not the organisation) */
  totals: Record<Recipient, number>;
  /** whether a total holds a ceiling taken without a requested amount: it is then the most that can be granted (最高) */
  upTo: Record<Recipient, boolean>;
  /** lines that follow another body's rules: their amounts are not in the totals */
  byOtherRules: number;
}

/** 1,000,000 → "100万元"; 25,000 → "2.5万元"; 1,234 → "1234元" */
export function formatYuan(yuan: number): string {
  if (yuan >= 10_000 && yuan % 100 === 0) return `${yuan / 10_000}万元`;
  return `${yuan}元`;
}

/** the total of a recipient as the page shows it: "最高60万元" when it holds a ceiling taken without a request */
export const formatTotal = (c: Pick<Calculation, 'totals' | 'upTo'>, to: Recipient): string => `${c.upTo[to] ? '最高' : ''}${formatYuan(c.totals[to])}`;

const whatOf = (input: AchievementInput) => `${input.role ? ROLES[input.role] : ''}${ACHIEVEMENTS[input.achievement]}`;

function lineFor(rule: PolicyRule, input: AchievementInput, index: number): CalculationLine {
  const what = whatOf(input);
  const base = { input: index, ruleId: rule.id, achievement: input.achievement, recipient: rule.recipient, ruleText: rule.text, upTo: false };
  const to = RECIPIENTS[rule.recipient];
  const a = rule.amount;
  if (a.type === 'by-other-rules') {
    return { ...base, outcome: 'by-other-rules', yuan: null, capped: false, explanation: `${what}：${a.text}（本政策未定金额，按其规定执行，不计入合计）` };
  }
  const times = rule.basis === 'per-item' ? input.count : 1;
  const timesText = rule.basis === 'per-item' ? `${input.count}项 × ` : '一次性';
  // a count above 1 on a 一次性 rule is no multiplier: said, so that nobody reads it as paid per unit
  const onceNote = rule.basis === 'once' && input.count > 1 ? `（一次性奖励，填写数量${input.count}，按1次计）` : '';
  if (a.type === 'fixed') {
    const yuan = a.yuan * times;
    return { ...base, outcome: 'amount', yuan, capped: false, explanation: `${what}：给予${to}，${timesText}${formatYuan(a.yuan)} = ${formatYuan(yuan)}${onceNote}` };
  }
  const asked = input.requestedYuan ?? null;
  const per = asked === null ? a.yuan : Math.min(asked, a.yuan);
  const capped = asked !== null && asked > a.yuan;
  const yuan = per * times;
  const why =
    asked === null
      ? `未填申请金额，按上限计：最高${formatYuan(a.yuan)}`
      : capped
        ? `申请${formatYuan(asked)}超过上限${formatYuan(a.yuan)}，按上限${formatYuan(a.yuan)}计`
        : `申请${formatYuan(asked)}，未超过上限${formatYuan(a.yuan)}`;
  return { ...base, outcome: 'amount', yuan, capped, upTo: asked === null, explanation: `${what}：给予${to}，${why}；${timesText}${formatYuan(per)} = ${formatYuan(yuan)}${onceNote}` };
}

export function calculateRewards(rules: readonly PolicyRule[], inputs: readonly AchievementInput[]): Calculation {
  const lines: CalculationLine[] = [];
  /** the 一次性 rules already paid, with the (1-based) row that paid them */
  const paidOnce = new Map<string, number>();
  inputs.forEach((input, i) => {
    const forKind = rules.filter((r) => r.achievement === input.achievement);
    const matching = forKind.filter((r) => r.role === null || r.role === (input.role ?? null));
    if (!matching.length || input.count <= 0) {
      const what = whatOf(input);
      const why =
        input.count <= 0
          ? '数量为0，不予测算'
          : forKind.length
            ? `本政策只奖励${forKind.map((r) => (r.role ? ROLES[r.role] : '')).filter(Boolean).join('、') || '其他情形'}，不适用`
            : '本政策没有对应的奖励条款';
      lines.push({ input: i, ruleId: null, achievement: input.achievement, recipient: null, outcome: 'none', yuan: null, capped: false, upTo: false, ruleText: null, explanation: `${what}：${why}` });
      return;
    }
    for (const rule of matching) {
      const paidAt = rule.basis === 'once' ? paidOnce.get(rule.id) : undefined;
      if (paidAt !== undefined) {
        const explanation = `${whatOf(input)}：一次性奖励已在第${paidAt}行计入，不重复计算`;
        lines.push({ input: i, ruleId: rule.id, achievement: input.achievement, recipient: rule.recipient, outcome: 'repeat', yuan: null, capped: false, upTo: false, ruleText: rule.text, explanation });
        continue;
      }
      if (rule.basis === 'once') paidOnce.set(rule.id, i + 1);
      lines.push(lineFor(rule, input, i));
    }
  });
  const totals: Record<Recipient, number> = { organisation: 0, person: 0 };
  const upTo: Record<Recipient, boolean> = { organisation: false, person: false };
  for (const l of lines) {
    if (l.outcome !== 'amount' || !l.recipient) continue;
    totals[l.recipient] += l.yuan!;
    if (l.upTo) upTo[l.recipient] = true;
  }
  return { lines, totals, upTo, byOtherRules: lines.filter((l) => l.outcome === 'by-other-rules').length };
}
