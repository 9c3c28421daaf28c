import type { Criterion, Section } from '../../../shared/scoring/framework-schema';

/** A framework's edition as people name it: the year, or the standard's number (the DB43 seed carries none). */
export function editionLabel(version: string): string {
  if (/^\d{4}$/.test(version)) return `${version}年版`;
  if (/unnumbered/i.test(version)) return '地方标准（原文未载编号）';
  return version;
}

export { FRAMEWORK_KIND_LABELS as KIND_LABELS, SECTION_ROLE_LABELS } from '../../../shared/scoring/framework-schema';
import { SECTION_ROLE_LABELS } from '../../../shared/scoring/framework-schema';

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/**
 * The 编号 of a section as the seed's tables print it: its number, or 一、二、… for the base domains coded D1…, the kind's name for the
 * bonus, deduction and veto sections (their data codes BONUS / DEDUCTION / VETO and D1… are never shown).
 */
export function sectionNumber(sections: readonly Pick<Section, 'role' | 'code'>[], index: number): string {
  const s = sections[index];
  if (s.role !== 'base') return SECTION_ROLE_LABELS[s.role];
  if (/^\d+$/.test(s.code)) return s.code; // the standard's own numbering (DB43: 1 … 11)
  const n = sections.slice(0, index + 1).filter((x) => x.role === 'base').length;
  return n <= NUMERALS.length ? NUMERALS[n - 1] : String(n);
}

/** How a criterion is scored, in one line. */
export function describeRule(rule: Criterion['rule']): string {
  switch (rule.type) {
    case 'boolean':
      return '是否达到：达到得满分，否则0分';
    case 'levels':
      // the levels parted by 「 / 」 (分档：25 / 20 / 15分): its spaces touch figures and the slash, no Chinese; the
      // last figure stays tight against 分
      return `分档：${rule.levels.join(' / ')}分`;
    case 'threshold':
      return `按实测值（${rule.unit}）分档：${rule.steps
        .map((s) => `${rule.direction === 'lower' ? '≤' : '≥'}${s.bound}得${s.points}分`)
        .join('，')}，否则${rule.otherwise}分`;
    case 'linear':
      return `目标${rule.target}${rule.unit}，每${rule.direction === 'lower' ? '超出' : '低于'}${rule.step}${rule.unit}扣${rule.deduct}分`;
    case 'rank':
      return `按排名（${rule.unit}）：前列${rule.tiers[0]}分，中游${rule.tiers[1]}分，其余${rule.tiers[2]}分`;
    case 'direct':
      return `直接评分（${rule.min}分至满分）`;
  }
}
