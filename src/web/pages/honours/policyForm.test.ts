/**
 * The policy form ↔ API body: the seed-cut Yueyang policy (frameworks/policies/yueyang-2023.json, 15 rules with
 * ceilings and one "从其规定") goes into the form and back unchanged and passes the API's contract; 万元 become
 * whole yuan; the server's field paths name the form's cells.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { policyBody, type PolicyView } from '../../../shared/contracts/honours';
import { policyFile } from '../../../shared/incentives/schema';
import { blankRule, calculationCaveat, formNameOf, levelChoices, levelForRegion, nextRuleId, policyToValues, supersedeChoices, valuesToBody, wanToYuan } from './policyForm';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const file = policyFile.parse(JSON.parse(readFileSync(path.join(root, 'frameworks/policies/yueyang-2023.json'), 'utf8')));
const view = {
  id: 1,
  code: file.id,
  title: file.title,
  issuer: file.issuer,
  docNo: file.docNo,
  level: file.level,
  levelLabel: '市级',
  region: { id: 7, name: '岳阳市', code: file.regionCode },
  keptBy: 7,
  issuedOn: file.issuedOn,
  effectiveFrom: file.effectiveFrom,
  expiresOn: file.expiresOn,
  status: 'current',
  statusLabel: '现行有效',
  supersededBy: null,
  expiry: { state: 'none', daysLeft: null },
  source: `${file.source.seed}：${file.source.section}`,
  rules: file.rules,
  notes: file.notes,
  demo: true,
  version: 3,
  abilities: { edit: true },
  editRefusal: null,
} satisfies PolicyView;

describe('policy form', () => {
  it('the Yueyang policy goes into the form and back unchanged, and the body passes the API contract', () => {
    const values = policyToValues(view);
    expect(values.rules).toHaveLength(15);
    expect(values.rules!.filter((r) => r.amountType === 'by-other-rules')).toHaveLength(file.rules.filter((r) => r.amount.type === 'by-other-rules').length);
    const body = valuesToBody(values, view.notes);
    expect(body.rules).toEqual(file.rules);
    expect(body).toMatchObject({ title: file.title, docNo: file.docNo, regionCode: file.regionCode, expiresOn: file.expiresOn, notes: file.notes });
    expect(policyBody.safeParse(body).success).toBe(true);
  });

  it('万元 become whole yuan; "从其规定" carries words and no figure; blanks are null', () => {
    expect(wanToYuan(30)).toBe(300_000);
    expect(wanToYuan(0.15)).toBe(1_500);
    expect(wanToYuan(null)).toBeUndefined();
    const rows = [
      { ...blankRule([]), achievement: 'mayor-award' as const, wan: 30, text: '给予最高 30 万元奖励' },
      { ...blankRule([{ id: 'r1' }]), achievement: 'china-quality-award' as const, amountType: 'by-other-rules' as const, wan: 5, otherText: '按省政府规定执行', text: '从其规定' },
    ];
    expect(rows.map((r) => r.id)).toEqual(['r1', 'r2']);
    const body = valuesToBody({ title: '测试市质量奖励办法', issuer: '测试市人民政府', docNo: '测政发〔2026〕1号', level: 'city', regionCode: '430600', issuedOn: '2026-01-01', effectiveFrom: '2026-01-01', expiresOn: '', source: '  ', rules: rows }, []);
    expect(body.rules.map((r) => r.amount)).toEqual([{ type: 'ceiling', yuan: 300_000 }, { type: 'by-other-rules', text: '按省政府规定执行' }]);
    expect(body).toMatchObject({ expiresOn: null, source: null });
    expect(policyBody.safeParse(body).success).toBe(true);
  });

  it('a rule without a figure or words fails the contract with a Chinese message on that cell', () => {
    const body = valuesToBody({ ...policyToValues(view), rules: [{ ...blankRule([]), achievement: 'mayor-award', text: '' }] }, []);
    const r = policyBody.safeParse(body);
    expect(r.success).toBe(false);
    const problems = r.error!.issues.map((i) => ({ name: formNameOf(i.path.join('.')), message: i.message }));
    expect(problems).toEqual(
      expect.arrayContaining([
        { name: ['rules', 0, 'wan'], message: '请填写金额' },
        { name: ['rules', 0, 'text'], message: '请填写规则原文' },
      ]),
    );
  });

  it('field paths → form names; unknown or whole-list problems stay off the cells', () => {
    expect(formNameOf('title')).toEqual(['title']);
    expect(formNameOf('rules.2.amount.yuan')).toEqual(['rules', 2, 'wan']);
    expect(formNameOf('rules.0.amount.text')).toEqual(['rules', 0, 'otherText']);
    expect(formNameOf('rules.1.amount')).toEqual(['rules', 1, 'amountType']);
    expect(formNameOf('rules.1.achievement')).toEqual(['rules', 1, 'achievement']);
    expect(formNameOf('rules')).toEqual(['rules']);
    expect(formNameOf('rules.0.id')).toEqual(['rules']);
    expect(formNameOf('version')).toBeNull();
    expect(nextRuleId([{ id: 'r2' }])).toBe('r3');
  });
});

describe('奖励测算 on a policy not in force', () => {
  const p = { effectiveFrom: '2023-05-01', expiresOn: '2026-04-30' };
  it('says nothing while the policy is in force, its 施行日期 and its 失效日期 included', () => {
    expect(calculationCaveat(p, '2025-06-01')).toBeNull();
    expect(calculationCaveat(p, '2023-05-01')).toBeNull();
    expect(calculationCaveat(p, '2026-04-30')).toBeNull();
  });
  it('says a policy past its 失效日期 but still current is for reference only, from the day after it, naming the last day', () => {
    expect(calculationCaveat(p, '2026-05-01')).toBe('本政策有效期至2026-04-30（含当日），已失效（仍登记为现行），测算结果仅供参考；请核对政策是否延续，或登记替代政策');
  });
  it('says a policy not yet in force is for reference only, naming its first day', () => {
    expect(calculationCaveat(p, '2023-04-30')).toBe('本政策自2023-05-01起施行，今天尚未施行，测算结果仅供参考');
  });
});

describe('被新政策替代: the choice offers what the server accepts (supersedeRefusal)', () => {
  const other = (id: number, over: Partial<PolicyView>): PolicyView => ({ ...view, id, title: `政策${id}`, docNo: `岳政发〔2025〕${id}号`, ...over });
  it('a current policy of the same office in force from the older one’s 施行日期 on, not itself, not another office’s, not an earlier one, not one repealed', () => {
    const items = [
      view,
      other(2, { effectiveFrom: '2025-01-01', expiresOn: null }),
      other(3, { effectiveFrom: view.effectiveFrom }),
      other(4, { keptBy: null, region: { id: 1, name: '湖南省', code: '430000' }, effectiveFrom: '2025-01-01' }),
      other(5, { keptBy: 8, region: { id: 8, name: '常德市', code: '430700' }, effectiveFrom: '2025-01-01' }),
      other(6, { effectiveFrom: '2020-01-01' }),
      other(7, { status: 'repealed', effectiveFrom: '2025-01-01' }),
      other(8, { status: 'superseded', effectiveFrom: '2025-01-01' }),
    ];
    expect(supersedeChoices(view, items).map((p) => p.id)).toEqual([2, 3]);
  });
});

describe('级别: the form offers the levels the server accepts for the chosen region (REGION_POLICY_LEVELS)', () => {
  const meta = {
    province: { id: 1, name: '湖南省', code: '430000' },
    cities: [{ id: 7, name: '岳阳市', code: '430600', counties: [{ id: 70, name: '汨罗市', code: '430681' }] }],
  };
  it('the province: 国家级 or 省级; a city: 市级; a county: 县级; nothing before a region is chosen', () => {
    expect(levelChoices(meta, '430000')).toEqual([
      { value: 'national', label: '国家级' },
      { value: 'provincial', label: '省级' },
    ]);
    expect(levelChoices(meta, '430600')).toEqual([{ value: 'city', label: '市级' }]);
    expect(levelChoices(meta, '430681')).toEqual([{ value: 'county', label: '县级' }]);
    expect(levelChoices(meta, undefined)).toEqual([]);
    expect(levelChoices(meta, '999999')).toEqual([]);
  });
  it('a level the new region does not take gives way to the region’s first; one it takes stays', () => {
    expect(levelForRegion(meta, '430600', 'national')).toBe('city');
    expect(levelForRegion(meta, '430000', 'national')).toBe('national');
    expect(levelForRegion(meta, '430000', 'city')).toBe('provincial');
    expect(levelForRegion(meta, undefined, 'city')).toBeUndefined();
  });
});
