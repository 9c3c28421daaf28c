/**
 * When an incentive policy (激励政策) is in force, and which policy may replace which: one place for every comparison
 * of a policy's dates (the server's checks, the expiry warning and to-do, 奖励测算's 不在施行期内 mark and caveat,
 * the 被替代 choice and its check on the server).
 *
 * A policy is in force from its 施行日期 to its 失效日期, both days included: in Chinese legal practice “有效期至
 * 2025年12月31日” means the document still applies on 31 December, and no longer on 1 January. A policy without a
 * 失效日期 stays in force until repealed or replaced. Days are China's calendar days (YYYY-MM-DD, compared as text).
 */

export interface PolicyPeriod {
  /** 施行日期: the first day in force */
  effectiveFrom: string;
  /** 失效日期 (有效期至): the last day in force; null: no end set */
  expiresOn: string | null;
}

/** how the form and the page name the 失效日期, so that the rule is read where the date is typed and shown */
export const EXPIRES_ON_LABEL = '失效日期（含当日）';
/** the rule in words, under the form's field */
export const EXPIRES_ON_HELP = '即“有效期至”之日：该日当天仍有效，次日起失效；未规定可不填';

/** whether a policy's period is over on `day`: the day after its 失效日期 and later */
export const pastExpiry = (expiresOn: string | null, day: string): boolean => expiresOn !== null && day > expiresOn;

/** whether the policy is in force on `day` (施行日期 ≤ day ≤ 失效日期) */
export const inForceOn = (p: PolicyPeriod, day: string): boolean => p.effectiveFrom <= day && !pastExpiry(p.expiresOn, day);

/** where `day` falls in the policy's period: before its first day, in force, or after its last day */
export const periodOn = (p: PolicyPeriod, day: string): 'not-yet' | 'in-force' | 'ended' => (day < p.effectiveFrom ? 'not-yet' : inForceOn(p, day) ? 'in-force' : 'ended');

/** what is wrong with a period as typed (a 失效日期 before the 施行日期); null when it is a period. One day in force is a period. */
export const periodProblem = (p: PolicyPeriod): string | null =>
  p.expiresOn !== null && p.expiresOn < p.effectiveFrom ? '失效日期不能早于施行日期（失效日期当天仍有效，只施行一天的政策两者相同）' : null;

/** a policy as the 被替代 rule reads it, on the server (rows) and in the browser (the list) alike */
export interface SupersedeParty extends PolicyPeriod {
  id: number;
  title: string;
  status: string;
  /** the city whose 质强办 keeps the policy (its own or one of its counties'); null: the province's, kept by the provincial office */
  keptBy: number | null;
  regionName: string;
}

/**
 * Why `newer` cannot be marked as the policy that replaces `older`; null when it can (who may change `older` is asked
 * before). The replacement is another current policy of the same office (keptBy: the province's by the province's, a
 * city's and its counties' by the city's), that comes into force on or after the day the older one did — one in force
 * before the older began is not its successor. `hint`: what to pick, for the form's field. The browser offers only the
 * policies this lets through.
 */
export function supersedeRefusal(older: SupersedeParty, newer: SupersedeParty): { message: string; hint: string } | null {
  if (newer.id === older.id) return { message: '政策不能被自身替代', hint: '请选择另一项政策' };
  if (newer.status !== 'current') return { message: `「${newer.title}」不是现行有效的政策，不能作为替代政策`, hint: '请选择现行有效的政策' };
  if (newer.keptBy !== older.keptBy) return { message: `替代政策须为本单位维护的激励政策：「${newer.title}」是${newer.regionName}的政策`, hint: '请选择本单位维护的现行政策' };
  if (periodOn(older, newer.effectiveFrom) === 'not-yet') {
    return { message: `「${newer.title}」自${newer.effectiveFrom}施行，早于本政策（${older.effectiveFrom}），不能作为它的替代政策；请选择更新的政策`, hint: '请选择更新的政策' };
  }
  return null;
}
