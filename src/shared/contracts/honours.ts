/** The honours roll (荣誉名录) and the incentive policies (激励政策): request and response shapes (issue 12). */
import { z } from 'zod';
import { HONOUR_FIRST_YEAR, HONOUR_KIND_CODES, HONOUR_LAST_YEAR, HONOUR_LEVEL_LABELS } from '../honours/kinds';
import { POLICY_LEVELS, policyRule, policyRules } from '../incentives/schema';
import { ORG_KIND_LABELS } from '../roles';
import { canonicalDocNo, choiceOf, dateOnly, id, idText, pageQueryUpTo, text, versionOf, yearOf, yearText } from './common';

/** the registry's years (HONOUR_FIRST_YEAR…HONOUR_LAST_YEAR), by the shared year rules */
const honourYearOf = (what: string) => yearOf(what, HONOUR_FIRST_YEAR, HONOUR_LAST_YEAR);
const honourYearText = (what: string) => yearText(what, HONOUR_FIRST_YEAR, HONOUR_LAST_YEAR);

export const honourKindCode = z.enum(HONOUR_KIND_CODES, { error: '请从列表中选择荣誉类别' });
export const honourLevel = choiceOf(HONOUR_LEVEL_LABELS, '级别');

export const honourBody = z.strictObject({
  kind: honourKindCode,
  awardee: text({ error: '请填写获奖单位（项目）名称' }).trim().min(2, { error: '获奖单位（项目）名称至少2个字' }).max(200, { error: '获奖单位（项目）名称不超过200字' }),
  year: honourYearOf('获奖年度'),
  cityId: id('市州编号须为正整数', '请选择市州'),
  countyId: id('县市区编号须为正整数').nullable().default(null),
  // empty: missing; one character (“无”, “X”): too short to find the document by — said as such, with what to write
  sourceDoc: text({ error: '请填写来源文件（文号或标题）' })
    .trim()
    .min(1, { error: '请填写来源文件（文号或标题）', abort: true })
    .min(2, { error: (iss) => `来源文件「${String(iss.input)}」只有1个字，请填写文号或文件标题（如湘质强办发〔2023〕8号）` })
    .max(300, { error: '来源文件不超过300字' }),
  note: text().trim().max(1000, { error: '备注不超过1000字' }).nullable().default(null),
});
export type HonourBody = z.infer<typeof honourBody>;
export const honourUpdateBody = honourBody.extend({ version: versionOf() });
export const versionBody = z.strictObject({ version: versionOf() });

export const honourListQuery = z.strictObject({
  year: honourYearText('获奖年度').optional(),
  cityId: idText('市州编号须为正整数').optional(),
  kind: honourKindCode.optional(),
  level: honourLevel.optional(),
  q: text().trim().max(100, { error: '搜索词不超过100字' }).optional(),
  ...pageQueryUpTo(500),
});

export const orgName = z.object({ id: z.number(), name: z.string() });

export const honourView = z.object({
  id: z.number(),
  kind: z.string(),
  kindName: z.string(),
  level: z.string(),
  levelLabel: z.string(),
  planIndicator: z.number().nullable(),
  awardee: z.string(),
  year: z.number(),
  city: orgName,
  county: orgName.nullable(),
  sourceDoc: z.string(),
  note: z.string().nullable(),
  demo: z.boolean(),
  version: z.number(),
  /** whether the reader may change or delete this entry (honourWriteRefusal: a city office its own city's only) */
  abilities: z.object({ edit: z.boolean() }),
});
export type HonourView = z.infer<typeof honourView>;

export const honourList = z.object({
  items: z.array(honourView),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  /** manage: may register at all; cityId: the one city a city office registers for (null: any city) */
  abilities: z.object({ manage: z.boolean(), cityId: z.number().nullable() }),
});

export const importProblem = z.object({ row: z.number().nullable(), column: z.string().nullable(), reason: z.string() });
export const importResult = z.object({ imported: z.number(), ids: z.array(z.number()) });

/** the stock counts of plan indicators 4–8 from the roll, with the entries that make each */
export const countsQuery = z.strictObject({ upToYear: honourYearText('截至年度') });
export const countEntry = z.object({ id: z.number(), awardee: z.string(), year: z.number(), kindName: z.string() });
export const orgCount = z.object({ org: orgName, count: z.number(), entries: z.array(countEntry) });
export const honourCounts = z.object({
  upToYear: z.number(),
  indicators: z.array(
    z.object({
      code: z.number(),
      name: z.string(),
      kinds: z.array(z.string()),
      /**
       * the indicator's count as the plan counts it (the province: baseline + entries after the baseline year; the
       * cities: their entries after the baseline year); null when no plan counts it for that year (before its baseline year,
       * after its target year), the counts are then
       * the roll's entries up to the year
       */
      stock: z.object({ baseline: z.number(), baselineYear: z.number(), entryCount: z.number(), text: z.string() }).nullable(),
      province: orgCount,
      cities: z.array(orgCount),
    }),
  ),
});

export const peersQuery = z.strictObject({
  year: honourYearText('年度'),
  fromYear: honourYearText('起始年度').optional(),
  level: choiceOf({ city: ORG_KIND_LABELS.city, county: ORG_KIND_LABELS.county }, '同级单位').default('city'),
  kinds: text()
    .regex(/^[a-z0-9-]+(,[a-z0-9-]+)*$/, { error: '荣誉类别须为以逗号分隔的类别代码' })
    .optional(),
});
export const peerValues = z.object({
  year: z.number(),
  fromYear: z.number(),
  kinds: z.array(z.string()),
  values: z.array(z.object({ org: orgName, value: z.number(), entryIds: z.array(z.number()) })),
});

export const inspectionQuery = z.strictObject({ year: honourYearText('年度'), unitId: idText('被考核单位编号须为正整数') });
export const inspectionEntries = z.object({
  items: z.array(honourView.extend({ bonusPoints: z.string(), countyLevel: z.boolean() })),
});

// ------------------------------------------------------------------------------------------ policies

export const policyBody = z.strictObject({
  title: text({ error: '请填写政策标题' }).trim().min(1, { error: '请填写政策标题', abort: true }).min(4, { error: '政策标题至少4个字' }).max(200, { error: '政策标题不超过200字' }),
  issuer: text({ error: '请填写发布机关' }).trim().min(2, { error: '请填写发布机关（至少2个字）' }).max(100, { error: '发布机关不超过100字' }),
  docNo: text({ error: '请填写文号' }).trim().overwrite(canonicalDocNo).min(2, { error: '请填写文号（至少2个字，如湘政办发〔2023〕3号）' }).max(60, { error: '文号不超过60字' }),
  level: choiceOf(POLICY_LEVELS, '级别'),
  regionCode: text({ error: '请选择适用地区' })
    .min(1, { error: '请选择适用地区', abort: true })
    .regex(/^\d{6}$/, { error: '适用地区须为6位行政区划代码' }),
  issuedOn: dateOnly('成文日期'),
  effectiveFrom: dateOnly('施行日期'),
  expiresOn: dateOnly('失效日期').nullable().default(null),
  source: text().trim().max(300, { error: '来源不超过300字' }).nullable().default(null),
  rules: policyRules(z.array(policyRule, { error: '请填写奖励规则' }).min(1, { error: '请至少填写一条奖励规则' }).max(100, { error: '奖励规则不超过100条' })),
  notes: z.array(text().max(1000)).max(50).default([]),
});
export type PolicyBody = z.infer<typeof policyBody>;
export const policyUpdateBody = policyBody.extend({ version: versionOf() });
export const supersedeBody = z.strictObject({ version: versionOf(), supersededById: id('替代政策编号须为正整数', '请选择替代它的新政策') });

export const policyView = z.object({
  id: z.number(),
  code: z.string().nullable(),
  title: z.string(),
  issuer: z.string(),
  docNo: z.string(),
  level: z.string(),
  levelLabel: z.string(),
  region: orgName.extend({ code: z.string() }),
  /** the city whose 质强办 keeps it; null: the provincial office (who may name it as a replacement: supersedeRefusal) */
  keptBy: z.number().nullable(),
  issuedOn: z.string(),
  effectiveFrom: z.string(),
  expiresOn: z.string().nullable(),
  status: z.string(),
  statusLabel: z.string(),
  supersededBy: z.object({ id: z.number(), title: z.string() }).nullable(),
  expiry: z.object({ state: z.enum(['none', 'ok', 'near', 'expired']), daysLeft: z.number().nullable() }),
  source: z.string().nullable(),
  rules: z.array(policyRule),
  notes: z.array(z.string()),
  demo: z.boolean(),
  version: z.number(),
  /** whether the reader may edit, repeal or supersede it (the office that keeps its region) */
  abilities: z.object({ edit: z.boolean() }),
  /** to its keeper, why it may no longer be changed (policyEditRefusal: repealed or superseded, what to do instead); null otherwise */
  editRefusal: z.string().nullable(),
});
export type PolicyView = z.infer<typeof policyView>;
export const policyList = z.object({
  items: z.array(policyView),
  abilities: z.object({ manage: z.boolean() }),
  /** the current policy 奖励测算 opens on: one of the reader's own region, else its city's, else the province's (policyForReader); null: none of these */
  forReader: z.number().nullable(),
});
export type PolicyList = z.infer<typeof policyList>;
