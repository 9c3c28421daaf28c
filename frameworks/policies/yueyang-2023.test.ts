/**
 * 岳阳市 incentive policy (seed 002, 岳强市发〔2023〕3号) as frameworks/policies/yueyang-2023.json.
 *
 * Checks: the zod contract; each ceiling against a table written here by hand from the seed (independent of the
 * cutter); each rule's words found in the seed (line breaks closed); the cutter reproduces the committed file.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { policyFile } from '../../src/shared/incentives/schema';
import { cutAll, render } from '../../scripts/cut-incentive-policies';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const seedFile = path.resolve(repoRoot, '../shared/seeds/002_42231ee3001d2f8f.txt');
const hasSeeds = existsSync(seedFile);
const policy = policyFile.parse(JSON.parse(readFileSync(path.join(repoRoot, 'frameworks/policies/yueyang-2023.json'), 'utf8')));

/** read off the seed by hand: rule id → [type, yuan] */
const EXPECTED: Record<string, ['ceiling' | 'fixed' | 'by-other-rules', number | null]> = {
  'standard-international-new-lead': ['ceiling', 1_000_000],
  'standard-international-revise-lead': ['ceiling', 500_000],
  'standard-national-new-lead': ['ceiling', 500_000],
  'standard-national-revise-lead': ['ceiling', 300_000],
  'standard-industry-new-lead': ['ceiling', 500_000],
  'standard-industry-revise-lead': ['ceiling', 200_000],
  'standard-local-new-lead': ['ceiling', 200_000],
  'standard-local-revise-lead': ['ceiling', 50_000],
  'mayor-award-organisation': ['ceiling', 200_000],
  'mayor-award-person': ['fixed', 20_000],
  'mayor-award-nomination': ['fixed', 50_000],
  'hunan-governor-award-by-other-rules': ['by-other-rules', null],
  'hunan-governor-nomination-by-other-rules': ['by-other-rules', null],
  'china-quality-award-by-other-rules': ['by-other-rules', null],
  'china-quality-award-nomination-by-other-rules': ['by-other-rules', null],
};

describe('frameworks/policies/yueyang-2023.json', () => {
  it('names the document as the seed does, current, with no expiry the seed does not give', () => {
    expect(policy).toMatchObject({ docNo: '岳强市发〔2023〕3号', issuer: '岳阳市质量强市领导小组', level: 'city', regionCode: '430600', issuedOn: '2023-06-19', expiresOn: null, status: 'current' });
    expect(policy.title).toBe('关于深入开展质量提升行动加快推进质量强市建设的实施意见');
  });

  it('every rule and its amount as read off the seed by hand, and nothing else', () => {
    const got = Object.fromEntries(policy.rules.map((r) => [r.id, [r.amount.type, r.amount.type === 'by-other-rules' ? null : r.amount.yuan]]));
    expect(got).toEqual(EXPECTED);
    // standards reward the lead drafter per project; awards once; 从其规定 carries no figure
    for (const r of policy.rules) {
      if (r.achievement.startsWith('standard-')) expect([r.role, r.basis]).toEqual(['lead', 'per-item']);
      else expect([r.role, r.basis]).toEqual([null, 'once']);
    }
    expect(policy.rules.filter((r) => r.recipient === 'person').map((r) => r.id)).toEqual(['mayor-award-person']);
  });

  it.runIf(hasSeeds)('each rule’s words stand in the seed; the cutter reproduces the committed file', () => {
    const seed = readFileSync(seedFile, 'utf8').replace(/\s+/g, '');
    for (const r of policy.rules) {
      const words = r.text.replace(/\s+/g, '');
      if (r.amount.type === 'by-other-rules') {
        expect(seed).toContain(words.replace(/^获评(.+)的从其规定获得奖励$/, '$1'));
        expect(seed).toContain('的从其规定获得奖励');
      } else for (const clause of words.split('，')) expect(seed, r.id).toContain(clause);
    }
    expect(seed).toContain(policy.docNo);
    expect(render(cutAll()['yueyang-2023.json'])).toBe(readFileSync(path.join(repoRoot, 'frameworks/policies/yueyang-2023.json'), 'utf8'));
  });
});
