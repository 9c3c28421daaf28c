#!/usr/bin/env -S npx tsx
/**
 * Cuts the incentive policies (激励政策) from the seed text into frameworks/policies/*.json:
 *
 * - yueyang-2023.json  seed 002 岳阳市质量强市领导小组《关于深入开展质量提升行动加快推进质量强市建设的实施意见》
 *                      (岳强市发〔2023〕3号): the reward clauses of 三、工作举措 (一) 发挥标准引领作用 and
 *                      (五) 强化质量品牌激励.
 *
 * The figures, the wording of each rule and the document's heading, number and date come from the seed; what the
 * seed does not say (expiry, the level's code, how a clause maps to a rule) is stated here and in the file's
 * `notes`. Seed 001 (湘发〔2018〕9号) promises rewards ("按照有关规定予以奖励") without a figure or a ceiling: it
 * gives no rule to encode (see the notes).
 *
 *   npx tsx scripts/cut-incentive-policies.ts [--seeds <dir>] [--check]
 *
 * --check writes nothing and exits 1 when a committed file differs from what the seed gives.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defaultSeedsDir, repoRoot, runCut } from './cut-kit';
import { policyFile, type Achievement, type PolicyFile, type PolicyRule } from '../src/shared/incentives/schema';

export const outDir = path.join(repoRoot, 'frameworks/policies');
export const SEED_YUEYANG = '002_42231ee3001d2f8f.txt';

/** The seed's text with the page breaks inside sentences closed ("行业标\n\n准修订" → "行业标准修订"). */
export const joined = (seed: string) => seed.replace(/\r/g, '').replace(/([^\n。：；])\n+(?=[^\n（(一二三四五六七八九十])/g, '$1');

const SCOPE: Record<string, string> = { 国际: 'international', 国家: 'national', 行业: 'industry', 地方: 'local' };
const ACTION: Record<string, string> = { 制定: 'new', 修订: 'revise' };

/** 主导X标准制定/修订的，按项目给予最高 N 万元的奖励 → one per-item ceiling rule each. */
export function standardRules(text: string): PolicyRule[] {
  const out: PolicyRule[] = [];
  for (const m of text.matchAll(/主导(国际|国家|行业|地方)标准(制定|修订)的，按项目给予最高\s*(\d+(?:\.\d+)?)\s*万元的奖励/g)) {
    const achievement = `standard-${SCOPE[m[1]!]}-${ACTION[m[2]!]}` as Achievement;
    out.push({
      id: `${achievement}-lead`,
      achievement,
      role: 'lead',
      recipient: 'organisation',
      basis: 'per-item',
      amount: { type: 'ceiling', yuan: Math.round(Number(m[3]) * 10_000) },
      text: m[0].replace(/\s+/g, ' '),
    });
  }
  return out;
}

const AWARD_BY_NAME: Record<string, Achievement> = {
  湖南省省长质量奖: 'hunan-governor-award',
  湖南省省长质量奖提名奖: 'hunan-governor-nomination',
  中国质量奖: 'china-quality-award',
  中国质量奖提名奖: 'china-quality-award-nomination',
};

/** 市长质量奖 (组织 ≤ N 万, 个人 N 万), 提名奖 N 万, and the awards that follow their own rules (从其规定). */
export function awardRules(text: string): PolicyRule[] {
  const out: PolicyRule[] = [];
  const mayor = /获评(\S+?市)市长质量奖的，给予组织不高于\s*(\d+)\s*万元的一次性奖励，给予个人\s*(\d+)\s*万元奖励/.exec(text);
  if (!mayor) throw new Error('原文中未找到市长质量奖的奖励条款');
  out.push({ id: 'mayor-award-organisation', achievement: 'mayor-award', role: null, recipient: 'organisation', basis: 'once', amount: { type: 'ceiling', yuan: Number(mayor[2]) * 10_000 }, text: `获评${mayor[1]}市长质量奖的，给予组织不高于 ${mayor[2]} 万元的一次性奖励` });
  out.push({ id: 'mayor-award-person', achievement: 'mayor-award', role: null, recipient: 'person', basis: 'once', amount: { type: 'fixed', yuan: Number(mayor[3]) * 10_000 }, text: `获评${mayor[1]}市长质量奖的，给予个人 ${mayor[3]} 万元奖励` });
  const nomination = /对获得市长质量提名奖的组织给予\s*(\d+)\s*万元奖励/.exec(text);
  if (!nomination) throw new Error('原文中未找到市长质量提名奖的奖励条款');
  out.push({ id: 'mayor-award-nomination', achievement: 'mayor-award-nomination', role: null, recipient: 'organisation', basis: 'once', amount: { type: 'fixed', yuan: Number(nomination[1]) * 10_000 }, text: nomination[0].replace(/\s+/g, ' ') });
  const other = /获评([^。]+?)的从其规定获得奖励/.exec(text);
  if (!other) throw new Error('原文中未找到“从其规定”的条款');
  for (const name of other[1]!.split('、')) {
    const achievement = AWARD_BY_NAME[name];
    if (!achievement) throw new Error(`无法识别的奖项：${name}`);
    out.push({ id: `${achievement}-by-other-rules`, achievement, role: null, recipient: 'organisation', basis: 'once', amount: { type: 'by-other-rules', text: '从其规定获得奖励' }, text: `获评${name}的从其规定获得奖励` });
  }
  return out;
}

export function cutYueyang(seed: string): PolicyFile {
  const text = joined(seed);
  const docNo = /岳强市发〔\d{4}〕\d+号/.exec(text)?.[0];
  const title = /岳阳市质量强市领导小组\s*(关于[^\n]+?实施意见)/.exec(text)?.[1]?.replace(/\s+/g, '');
  const signed = /岳阳市质量强市领导小组\s*\n+\s*(\d{4})年(\d{1,2})月(\d{1,2})日/.exec(seed);
  if (!docNo || !title || !signed) throw new Error('种子 002 的文号、标题或成文日期未找到');
  const date = `${signed[1]}-${signed[2]!.padStart(2, '0')}-${signed[3]!.padStart(2, '0')}`;
  return policyFile.parse({
    id: 'yueyang-2023',
    title,
    issuer: '岳阳市质量强市领导小组',
    docNo,
    level: 'city',
    regionCode: '430600',
    issuedOn: date,
    effectiveFrom: date,
    expiresOn: null,
    status: 'current',
    source: { seed: SEED_YUEYANG, section: '三、工作举措（一）发挥标准引领作用；（五）强化质量品牌激励' },
    rules: [...standardRules(text), ...awardRules(text)],
    notes: [
      '原文未写施行日期和有效期：施行日期按成文日期（2023年6月19日）记，有效期不设（失效日期留空），工作目标写到 2025 年，需要时由质强办录入。',
      '标准奖励写“按项目给予最高 N 万元”：按每项上限记，实际金额由评审确定；只奖励“主导”，参与制修订的不适用。',
      '团体标准：目标中计入“新增主导制（修）订……团体标准 54 项”，但奖励条款没有团体标准，不设规则。',
      '市长质量奖：组织“不高于 20 万元”为上限（一次性），个人“2 万元”为定额；原文未说明一个组织获奖时奖励几名个人，按每次获奖 1 人测算。',
      '市长质量提名奖“给予 5 万元奖励”为定额，只奖励组织。',
      '湖南省省长质量奖及提名奖、中国质量奖及提名奖“从其规定获得奖励”：本政策不定金额，测算时标明“从其规定”，不计入合计。',
      '湘发〔2018〕9号只写“对成绩突出的单位和个人按照有关规定予以奖励”，未给金额或上限，不形成规则。',
    ],
  });
}

export function cutAll(seedsDir: string = defaultSeedsDir): Record<string, PolicyFile> {
  return { 'yueyang-2023.json': cutYueyang(readFileSync(path.join(seedsDir, SEED_YUEYANG), 'utf8')) };
}

export { render } from './cut-kit';

runCut(import.meta.url, outDir, cutAll);
