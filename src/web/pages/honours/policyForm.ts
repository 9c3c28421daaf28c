/**
 * The incentive-policy form (登记 / 编辑激励政策) ↔ the API body: amounts typed in 万元 become whole yuan, "从其规定"
 * carries its words and no figure, and the server's field paths (rules.2.amount.yuan) name the form's cells.
 */
import type { PolicyBody, PolicyView } from '../../../shared/contracts/honours';
import { periodOn, supersedeRefusal, type PolicyPeriod, type SupersedeParty } from '../../../shared/incentives/in-force';
import { levelsOfRegion, POLICY_LEVELS, type Achievement, type AchievementRole, type PolicyLevel, type PolicyRule, type Recipient } from '../../../shared/incentives/schema';
import type { HonourMeta } from '../../api/honours';

export type AmountKind = 'ceiling' | 'fixed' | 'by-other-rules';

export interface RuleRow {
  id: string;
  achievement?: Achievement;
  role?: AchievementRole | null;
  recipient?: Recipient;
  basis?: 'per-item' | 'once';
  amountType?: AmountKind;
  /** 万元, for a ceiling or a fixed sum */
  wan?: number | null;
  /** the words of "从其规定" */
  otherText?: string | null;
  text?: string;
}

export interface PolicyFormValues {
  title?: string;
  issuer?: string;
  docNo?: string;
  level?: PolicyLevel;
  regionCode?: string;
  issuedOn?: string;
  effectiveFrom?: string;
  expiresOn?: string | null;
  source?: string | null;
  rules?: RuleRow[];
}

/** the form's top-level fields, for the server's problems */
export const POLICY_FIELDS = ['title', 'issuer', 'docNo', 'level', 'regionCode', 'issuedOn', 'effectiveFrom', 'expiresOn', 'source', 'rules'] as const;

/** 万元 → whole yuan (undefined when no figure was typed: the server then names the field) */
export const wanToYuan = (wan: number | null | undefined): number | undefined => (wan === null || wan === undefined ? undefined : Math.round(wan * 10_000));

/** a rule id not used yet in the form (r1, r2, …) */
export function nextRuleId(rows: readonly { id?: string }[]): string {
  const used = new Set(rows.map((r) => r.id));
  let n = rows.length + 1;
  while (used.has(`r${n}`)) n++;
  return `r${n}`;
}

export const blankRule = (rows: readonly { id?: string }[]): RuleRow => ({ id: nextRuleId(rows), role: null, recipient: 'organisation', basis: 'once', amountType: 'ceiling', wan: null, otherText: null, text: '' });

export function ruleToRow(r: PolicyRule): RuleRow {
  return {
    id: r.id,
    achievement: r.achievement,
    role: r.role,
    recipient: r.recipient,
    basis: r.basis,
    amountType: r.amount.type,
    wan: r.amount.type === 'by-other-rules' ? null : r.amount.yuan / 10_000,
    otherText: r.amount.type === 'by-other-rules' ? r.amount.text : null,
    text: r.text,
  };
}

export function policyToValues(p: PolicyView): PolicyFormValues {
  return {
    title: p.title,
    issuer: p.issuer,
    docNo: p.docNo,
    level: p.level as PolicyLevel,
    regionCode: p.region.code,
    issuedOn: p.issuedOn,
    effectiveFrom: p.effectiveFrom,
    expiresOn: p.expiresOn,
    source: p.source,
    rules: p.rules.map(ruleToRow),
  };
}

/**
 * The body as typed: the server checks it (zod + the policy's own rules) and names each bad field. Blank optional
 * fields are null; a missing figure is left out so that the server's message names the amount.
 */
export function valuesToBody(v: PolicyFormValues, notes: string[]): PolicyBody {
  const rules = (v.rules ?? []).map((r) => ({
    id: r.id,
    achievement: r.achievement,
    role: r.role ?? null,
    recipient: r.recipient,
    basis: r.basis,
    amount: r.amountType === 'by-other-rules' ? { type: r.amountType, text: r.otherText ?? '' } : { type: r.amountType, yuan: wanToYuan(r.wan) },
    text: r.text ?? '',
  }));
  return {
    title: v.title ?? '',
    issuer: v.issuer ?? '',
    docNo: v.docNo ?? '',
    level: v.level,
    regionCode: v.regionCode ?? '',
    issuedOn: v.issuedOn ?? '',
    effectiveFrom: v.effectiveFrom ?? '',
    expiresOn: v.expiresOn || null,
    source: v.source?.trim() ? v.source : null,
    rules,
    notes,
  } as PolicyBody;
}

/** the server's field path → the form's field name (rules.0.amount.yuan → ['rules', 0, 'wan']); null: show above the form */
export function formNameOf(field: string): (string | number)[] | null {
  const [head, index, key, sub] = field.split('.');
  if (head !== 'rules') return (POLICY_FIELDS as readonly string[]).includes(head!) ? [head!] : null;
  if (index === undefined || !/^\d+$/.test(index) || key === undefined) return ['rules'];
  const i = Number(index);
  if (key === 'amount') return [head, i, sub === 'yuan' ? 'wan' : sub === 'text' ? 'otherText' : 'amountType'];
  if (['achievement', 'role', 'recipient', 'basis', 'text'].includes(key)) return [head, i, key];
  return ['rules'];
}

/**
 * What 奖励测算 says above its result when the chosen policy is not in force on the day (today, China; inForceOn: the
 * 施行日期 and the 失效日期 both included): past its 失效日期 while still marked current, or not yet in force. The
 * amounts are still worked out, as the office may be checking a policy it is about to renew; the words say they are
 * for reference only. null: in force.
 */
export function calculationCaveat(p: PolicyPeriod, today: string): string | null {
  const on = periodOn(p, today);
  if (on === 'ended') return `本政策有效期至${p.expiresOn}（含当日），已失效（仍登记为现行），测算结果仅供参考；请核对政策是否延续，或登记替代政策`;
  if (on === 'not-yet') return `本政策自${p.effectiveFrom}起施行，今天尚未施行，测算结果仅供参考`;
  return null;
}

const partyOf = (p: PolicyView): SupersedeParty => ({ id: p.id, title: p.title, status: p.status, effectiveFrom: p.effectiveFrom, expiresOn: p.expiresOn, keptBy: p.keptBy, regionName: p.region.name });

/** the policies the 被替代 choice offers for `policy`: those the server's rule (supersedeRefusal) accepts */
export const supersedeChoices = (policy: PolicyView, items: readonly PolicyView[]): PolicyView[] => items.filter((x) => supersedeRefusal(partyOf(policy), partyOf(x)) === null);

type Regions = Pick<HonourMeta, 'province' | 'cities'>;

/** the kind of the region a code names in the form's list (the province, a city, a county), or null */
function regionKind(meta: Regions, code: string | undefined): 'province' | 'city' | 'county' | null {
  if (!code) return null;
  if (meta.province?.code === code) return 'province';
  if (meta.cities.some((c) => c.code === code)) return 'city';
  return meta.cities.some((c) => c.counties.some((x) => x.code === code)) ? 'county' : null;
}

/** 级别's choices for the chosen 适用地区: the levels the server accepts for it (levelsOfRegion); none before a region is chosen */
export const levelChoices = (meta: Regions, regionCode: string | undefined): { value: PolicyLevel; label: string }[] => {
  const kind = regionKind(meta, regionCode);
  return (kind ? levelsOfRegion(kind) : []).map((value) => ({ value, label: POLICY_LEVELS[value] }));
};

/** the level to show once a region is chosen: the one chosen if the region takes it, else the region's own (省级 for the province) */
export function levelForRegion(meta: Regions, regionCode: string | undefined, level: PolicyLevel | undefined): PolicyLevel | undefined {
  const allowed = levelChoices(meta, regionCode).map((c) => c.value);
  if (level && allowed.includes(level)) return level;
  return allowed.find((l) => l !== 'national') ?? allowed[0];
}
