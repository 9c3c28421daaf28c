/**
 * The kinds of honour the roll (荣誉名录) records, as data: each with its level, who it goes to, the plan indicator
 * (专栏1 of seed 003, frameworks/plan-indicators/hunan-14th.json) it counts toward, and — for the 督查激励 of the
 * yearly assessment — the bonus points seed 000 gives it. Pure data, shared by the server and the browser.
 *
 * Where one seed word covers two levels (标准化试点示范, 两业融合发展试点 are run by the state and by the province)
 * the list has one kind per level, so a kind always has one level. Editor's choices are marked in `note`.
 */
import { normalizeText } from '../scoring/cell-text';

export type HonourLevel = 'national' | 'provincial' | 'city';
export const HONOUR_LEVEL_LABELS: Record<HonourLevel, string> = { national: '国家级', provincial: '省级', city: '市级' };

/** who receives it: an enterprise (or organisation), a construction project, a product or brand, a place or government */
export type AwardeeKind = 'enterprise' | 'project' | 'product' | 'region';
export const AWARDEE_KIND_LABELS: Record<AwardeeKind, string> = { enterprise: '企业（组织）', project: '工程项目', product: '产品（品牌）', region: '地区（政府）' };

export interface HonourKind {
  code: string;
  name: string;
  level: HonourLevel;
  awardee: AwardeeKind;
  /** the 专栏1 plan indicator (code 4–8) this kind is counted in, as a stock */
  planIndicator: number | null;
  /** a government quality award (政府质量奖励), counted for DB43 item 5.2 获奖企业数量 */
  qualityAward: boolean;
  /** 督查激励: the yearly assessment's bonus points for it (seed 000), and whether the awardee is a county */
  inspectionBonus?: { points: string; countyLevel: boolean };
  note?: string;
}

export const HONOUR_KINDS: readonly HonourKind[] = [
  { code: 'china-quality-award', name: '中国质量奖', level: 'national', awardee: 'enterprise', planIndicator: 7, qualityAward: true },
  {
    code: 'china-quality-award-nomination',
    name: '中国质量奖提名奖',
    level: 'national',
    awardee: 'enterprise',
    // 专栏1's 2020 figure 6 is 中国质量奖1个 + 提名奖5个 (seed 003 第一章 (三)): the count adds to a baseline that holds them
    planIndicator: 7,
    qualityAward: true,
    note: '规划指标7“中国质量奖”的2020年基期值6含提名奖（规划原文：全省共保有中国质量奖1个、中国质量奖提名奖5个），提名奖一并计入',
  },
  { code: 'hunan-governor-award', name: '湖南省省长质量奖', level: 'provincial', awardee: 'enterprise', planIndicator: null, qualityAward: true },
  { code: 'hunan-governor-nomination', name: '湖南省省长质量奖提名奖', level: 'provincial', awardee: 'enterprise', planIndicator: null, qualityAward: true },
  { code: 'mayor-award', name: '市长质量奖', level: 'city', awardee: 'enterprise', planIndicator: null, qualityAward: true },
  { code: 'mayor-award-nomination', name: '市长质量奖提名奖', level: 'city', awardee: 'enterprise', planIndicator: null, qualityAward: true },
  { code: 'luban', name: '鲁班奖', level: 'national', awardee: 'project', planIndicator: 5, qualityAward: false },
  { code: 'national-quality-project', name: '国家优质工程奖', level: 'national', awardee: 'project', planIndicator: 6, qualityAward: false },
  { code: 'dayu', name: '大禹奖', level: 'national', awardee: 'project', planIndicator: 8, qualityAward: false },
  { code: 'china-time-honoured', name: '中华老字号', level: 'national', awardee: 'enterprise', planIndicator: 4, qualityAward: false },
  { code: 'hunan-time-honoured', name: '湖南老字号', level: 'provincial', awardee: 'enterprise', planIndicator: null, qualityAward: false },
  { code: 'hunan-famous-brand', name: '湖南名品', level: 'provincial', awardee: 'product', planIndicator: null, qualityAward: false },
  { code: 'geographical-indication', name: '地理标志', level: 'national', awardee: 'product', planIndicator: null, qualityAward: false },
  { code: 'well-known-trademark', name: '驰名商标', level: 'national', awardee: 'enterprise', planIndicator: null, qualityAward: false },
  { code: 'service-cluster', name: '服务业示范集聚区', level: 'provincial', awardee: 'region', planIndicator: null, qualityAward: false, note: '按省级服务业示范集聚区登记' },
  { code: 'two-industry-pilot-national', name: '两业融合发展试点（国家级）', level: 'national', awardee: 'enterprise', planIndicator: null, qualityAward: false },
  { code: 'two-industry-pilot-provincial', name: '两业融合发展试点（省级）', level: 'provincial', awardee: 'enterprise', planIndicator: null, qualityAward: false },
  { code: 'standardization-pilot-national', name: '标准化试点示范（国家级）', level: 'national', awardee: 'enterprise', planIndicator: null, qualityAward: false },
  { code: 'standardization-pilot-provincial', name: '标准化试点示范（省级）', level: 'provincial', awardee: 'enterprise', planIndicator: null, qualityAward: false },
  {
    code: 'inspection-incentive-state',
    name: '督查激励（国办）',
    level: 'national',
    awardee: 'region',
    planIndicator: null,
    qualityAward: false,
    inspectionBonus: { points: '1', countyLevel: false },
    note: '推进质量工作成效突出地方受国办督查激励的市（州），年度考核加1分（2022年度湖南省政府质量工作考核要点第21项）',
  },
  {
    code: 'inspection-incentive-province',
    name: '督查激励（省政府）',
    level: 'provincial',
    awardee: 'region',
    planIndicator: null,
    qualityAward: false,
    inspectionBonus: { points: '0.5', countyLevel: false },
    note: '推进质量工作成效突出地方受省政府督查激励的市（州），年度考核加0.5分（2022年度湖南省政府质量工作考核要点第21项）',
  },
  {
    code: 'inspection-incentive-county',
    name: '督查激励（县级，省政府表彰）',
    level: 'provincial',
    awardee: 'region',
    planIndicator: null,
    qualityAward: false,
    inspectionBonus: { points: '0.2', countyLevel: true },
    note: '本辖区内县（市、区）获得省政府质量督查激励表彰的市（州），年度考核加0.2分（2022年度湖南省政府质量工作考核要点第21项）；须填写县市区',
  },
];

export const HONOUR_KIND_CODES = HONOUR_KINDS.map((k) => k.code) as [string, ...string[]];
const BY_CODE = new Map(HONOUR_KINDS.map((k) => [k.code, k]));
export const honourKind = (code: string): HonourKind | undefined => BY_CODE.get(code);
/** a kind by its Chinese name (the import's 类别 column) */
const BY_NAME = new Map(HONOUR_KINDS.map((k) => [k.name, k]));
export const honourKindByName = (name: string): HonourKind | undefined => BY_NAME.get(name.trim());

/** The plan indicators the roll counts (专栏1 codes 4–8) and the kinds counted in each. */
export const COUNTED_INDICATORS: readonly number[] = [4, 5, 6, 7, 8];
export const kindsOfIndicator = (indicatorCode: number): HonourKind[] => HONOUR_KINDS.filter((k) => k.planIndicator === indicatorCode);

/**
 * 名录计数, the count up to a year (`upTo`: 当年, 该年): a stock = the plan's baseline + the roll's entries after the
 * baseline year; a city its own entries (the server's count in modules/indicators/indicators.roll.ts). ROLL_RULE and
 * ROLL_COUNT_TEXT say it in these words.
 */
export const rollCount = (upTo: string) => ({
  province: `规划基期值 + 荣誉名录中基期年之后至${upTo}的条目数`,
  city: '本市同期条目数（无市州基期值）',
});
/**
 * 名录计数, the rule in one sentence (the monitoring page's note and the indicator detail's): the count (rollCount);
 * an accepted value of the year wins, the count judges the status only without one.
 */
export const ROLL_RULE = `名录计数（专栏1荣誉类存量指标）= ${rollCount('当年').province}；市州为${rollCount('当年').city}。当年有已确认的填报值时以填报值为准，当年无确认值时按名录计数判断状态。`;
/** the indicators the roll counts, by their codes and the kind each is named after: 4–8（中华老字号、鲁班奖、…） */
export const COUNTED_INDICATORS_TEXT = `${COUNTED_INDICATORS[0]}–${COUNTED_INDICATORS[COUNTED_INDICATORS.length - 1]}（${COUNTED_INDICATORS.map((c) => kindsOfIndicator(c)[0]!.name).join('、')}）`;
/**
 * 名录计数 as the 荣誉名录's 规划指标计数 tab and its route (GET /api/honours/counts) describe it, up to the year chosen:
 * the same count as ROLL_RULE's (rollCount)
 */
export const ROLL_COUNT_TEXT = `专栏1规划指标${COUNTED_INDICATORS_TEXT}为存量指标，与「规划指标监测」同一计数：全省 = ${rollCount('该年').province}；市州 = ${rollCount('该年').city}`;
export const INSPECTION_KINDS = HONOUR_KINDS.filter((k) => k.inspectionBonus);
export const QUALITY_AWARD_KINDS = HONOUR_KINDS.filter((k) => k.qualityAward);

/**
 * What makes two entries one honour: the same kind, year and city and the same awardee however its name was typed —
 * full-width or half-width letters, digits and brackets (（集团） / (集团)), spaces, letter case. The 县市区 is a detail of
 * the entry, not of the honour: the same award with and without its county is one honour (the plan indicators and
 * DB43 5.2 would count it twice).
 */
export const awardeeKey = (awardee: string): string => normalizeText(awardee).toLowerCase();

/** years the roll accepts */
export const HONOUR_FIRST_YEAR = 1990;
export const HONOUR_LAST_YEAR = 2100;
