/**
 * validateFramework(fw) → { errors, warnings }, run in tests and on import.
 *
 * Errors (the framework cannot be used): children's points do not add up to their parent (criteria → item,
 * items → section, base sections → totalPoints), duplicate codes, a direct rule whose min exceeds its points,
 * duplicate levels, an inverted valueRange, bands or pass mark missing or out of scale, bad rule parameters.
 * Warnings (the seed contradicts itself; the engine copes): a rule whose reachable maximum exceeds its
 * criterion's points (the engine caps the score at the points — e.g. DB43 10.1 / 10.2 worth 15 with methods
 * awarding up to 25), threshold steps out of order, a levels rule without a 0 level, and similar.
 * Messages are Chinese and name the node code.
 */
import type { Framework, Rule } from './framework-schema';
import { add, cmp, eq, fromNumber, toDecimalString, ZERO, type Rational } from './rational';

export interface ValidationIssue {
  /** node code: section "1", item "1.3", criterion "1.3.a", or "" for the framework */
  code: string;
  message: string;
}

export interface ValidationReport {
  errors: ValidationIssue[];
  warnings: ValidationIssue[];
}

const t = (x: Rational) => toDecimalString(x);

/** The most a rule can award (before capping at the criterion's points). */
export function reachableMax(rule: Rule, points: number): Rational {
  const p = fromNumber(points);
  const maxOf = (xs: number[]) => xs.map(fromNumber).reduce((m, x) => (cmp(x, m) > 0 ? x : m), ZERO);
  switch (rule.type) {
    case 'boolean':
    case 'linear':
    case 'direct':
      return p;
    case 'levels':
      return maxOf(rule.levels);
    case 'threshold':
      return maxOf([...rule.steps.map((s) => s.points), rule.otherwise ?? 0]);
    case 'rank':
      return maxOf([...rule.tiers]);
  }
}

export function validateFramework(fw: Framework): ValidationReport {
  const errors: ValidationIssue[] = [];
  const warnings: ValidationIssue[] = [];
  const err = (code: string, message: string) => errors.push({ code, message });
  const warn = (code: string, message: string) => warnings.push({ code, message });

  const sectionCodes = new Set<string>();
  const itemCodes = new Set<string>();
  let baseSum = ZERO;

  for (const s of fw.sections) {
    const role = s.role ?? 'base';
    if (sectionCodes.has(s.code)) err(s.code, `领域/指标项编号${s.code}重复`);
    sectionCodes.add(s.code);
    const sp = fromNumber(s.points);
    let itemSum = ZERO;
    for (const it of s.items) {
      if (itemCodes.has(it.code)) err(it.code, `考核内容编号${it.code}重复（编号须在整个指标体系内唯一）`);
      itemCodes.add(it.code);
      const ip = fromNumber(it.points);
      itemSum = add(itemSum, ip);
      const critCodes = new Set<string>();
      let critSum = ZERO;
      for (const c of it.criteria) {
        const code = `${it.code}.${c.code}`;
        if (critCodes.has(c.code)) err(code, `第${it.code}项的评分细则编号${c.code}重复`);
        critCodes.add(c.code);
        const cp = fromNumber(c.points);
        critSum = add(critSum, cp);
        checkRule(code, c.rule, c.points, role, err, warn);
        if (c.evaluatorsText !== undefined)
          warn(code, `${code}的评价部门，方案原文为「${c.evaluatorsText}」：相关成员单位未具名，评分由所选的评价部门录入，附件4照录原文；如由具体部门评分，请在评价部门中选择`);
        if (c.notApplicable !== undefined && role !== 'base')
          warn(code, `${code}不是基本分项，合理缺项不起作用`);
        if (role === 'veto' && c.points !== 0) err(code, `否决项${code}的分值应为0（现为${c.points}）`);
        if (role === 'veto' && c.rule.type !== 'boolean') err(code, `否决项${code}须为是/否规则`);
      }
      // expected: criteria in listed order a, b, c …
      const expected = it.criteria.map((_, i) => String.fromCharCode(97 + i)).join('');
      const actual = it.criteria.map((c) => c.code).join('');
      if (expected !== actual) warn(it.code, `第${it.code}项的评分细则编号应依次为${expected.split('').join('、')}（现为${actual.split('').join('、')}）`);
      if (role === 'base' && !eq(critSum, ip))
        err(it.code, `第${it.code}项各评分细则分值之和为${t(critSum)}，与该项分值${t(ip)}不符`);
      if ((role === 'bonus' || role === 'deduction') && cmp(critSum, ip) < 0)
        warn(it.code, `第${it.code}项（${role === 'bonus' ? '加分' : '减分'}）各细则最多${t(critSum)}分，达不到上限${t(ip)}分`);
    }
    if (role === 'base') {
      if (!eq(itemSum, sp)) err(s.code, `${s.code}（${s.title}）各考核内容分值之和为${t(itemSum)}，与其分值${t(sp)}不符`);
      baseSum = add(baseSum, sp);
    } else if (role === 'veto') {
      if (s.points !== 0) err(s.code, `否决项${s.code}的分值应为0`);
    } else if (cmp(itemSum, sp) < 0) {
      warn(s.code, `${s.code}（${s.title}）各项上限之和${t(itemSum)}小于其上限${t(sp)}`);
    }
  }
  const total = fromNumber(fw.totalPoints);
  if (!eq(baseSum, total)) err('', `各基本分领域/指标项分值之和为${t(baseSum)}，与总分${t(total)}不符`);

  if (fw.gradeBands) {
    const seen = new Set<string>();
    for (const b of fw.gradeBands) {
      if (seen.has(b.grade)) err('', `等级${b.grade}重复`);
      seen.add(b.grade);
      if (cmp(fromNumber(b.min), total) > 0) err('', `等级${b.grade}的下限${b.min}超过总分${t(total)}`);
    }
    for (let i = 1; i < fw.gradeBands.length; i++)
      if (fw.gradeBands[i].min >= fw.gradeBands[i - 1].min) err('', '等级须从高到低排列，下限严格递减');
  }
  if (fw.kind === 'evaluation') {
    if (fw.passMark === undefined) warn('', '评价类指标体系没有合格分数线，结果不判定合格与否');
    else if (cmp(fromNumber(fw.passMark), total) > 0) err('', `合格分数线${fw.passMark}超过总分${t(total)}`);
    const codes = new Set<string>();
    for (const i of fw.ineligibility ?? []) {
      if (codes.has(i.code)) err('', `不予受理情形编号${i.code}重复`);
      codes.add(i.code);
    }
  } else {
    if (fw.passMark !== undefined) warn('', '考核类指标体系不使用合格分数线，按等级评定');
    if ((fw.ineligibility ?? []).length) warn('', '考核类指标体系不使用不予受理情形');
  }
  if (fw.sections.some((s) => s.role === 'veto') && fw.kind === 'assessment' && !fw.vetoGrade)
    warn('', '有否决项但未设 vetoGrade，按 D 级处理');
  return { errors, warnings };
}

function checkRule(
  code: string,
  rule: Rule,
  points: number,
  role: string,
  err: (c: string, m: string) => void,
  warn: (c: string, m: string) => void,
): void {
  const p = fromNumber(points);
  const max = reachableMax(rule, points);
  if (cmp(max, p) > 0)
    warn(code, `${code}的评分方法最高可得${t(max)}分，超过其分值${t(p)}分（原文自相矛盾），评分时按${t(p)}分封顶`);
  switch (rule.type) {
    case 'levels': {
      const ls = rule.levels.map(fromNumber);
      const seen = new Set(ls.map((x) => `${x.n}/${x.d}`));
      if (seen.size !== ls.length) err(code, `${code}的档次分值重复：${rule.levels.join('、')}`);
      if (rule.labels && rule.labels.length !== rule.levels.length)
        err(code, `${code}的档次说明有${rule.labels.length}条，档次有${rule.levels.length}个`);
      if (role === 'base' && cmp(max, p) < 0)
        warn(code, `${code}的最高档${t(max)}分低于其分值${t(p)}分，满分不可达`);
      break;
    }
    case 'threshold': {
      const b = rule.steps.map((s) => fromNumber(s.bound));
      const higher = (rule.direction ?? 'higher') === 'higher';
      for (let i = 1; i < b.length; i++) {
        const c = cmp(b[i], b[i - 1]);
        if (higher ? c >= 0 : c <= 0)
          warn(code, `${code}的阈值应按${higher ? '从高到低' : '从低到高'}排列（取第一个达到的档）`);
        if (cmp(fromNumber(rule.steps[i].points), fromNumber(rule.steps[i - 1].points)) > 0)
          warn(code, `${code}的阈值档分值未随要求降低而递减`);
      }
      if (rule.valueRange && rule.valueRange[0] > rule.valueRange[1]) err(code, `${code}的取值范围下限大于上限`);
      if (role === 'base' && cmp(max, p) < 0) warn(code, `${code}的最高档${t(max)}分低于其分值${t(p)}分，满分不可达`);
      break;
    }
    case 'linear':
      if (rule.valueRange && rule.valueRange[0] > rule.valueRange[1]) err(code, `${code}的取值范围下限大于上限`);
      break;
    case 'rank':
      for (let i = 1; i < 3; i++)
        if (rule.tiers[i] > rule.tiers[i - 1]) warn(code, `${code}的排名档分值应依次不增（前列 ≥ 中游 ≥ 其余）`);
      if (rule.valueRange && rule.valueRange[0] > rule.valueRange[1]) err(code, `${code}的取值范围下限大于上限`);
      break;
    case 'direct':
      if (cmp(fromNumber(rule.min ?? 0), p) > 0) err(code, `${code}的直接评分下限${rule.min}大于其分值${t(p)}`);
      break;
    case 'boolean':
      break;
  }
}
