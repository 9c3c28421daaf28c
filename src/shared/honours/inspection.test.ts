/** The 督查激励 year of the assessment's bonus item: the year its standard names (seed 000's texts), else the year before. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { inspectionYear, isInspectionItem } from './inspection';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const scheme = JSON.parse(readFileSync(path.join(root, 'frameworks/hunan-assessment-2022.json'), 'utf8'));
const bonus = scheme.sections.find((s: any) => s.role === 'bonus').items[0];
const criteria = bonus.criteria.map((c: any) => ({ role: 'bonus', title: c.title, itemTitle: bonus.title, method: bonus.method }));

describe('督查激励: which year the bonus item counts', () => {
  it('the 2022 scheme (seed 000 附件 4) names 2022年度: the 2022 assessment counts 2022, and the 2023 assessment on the same text (as 附件 2 writes it) counts 2022, the year before', () => {
    expect(criteria.every(isInspectionItem)).toBe(true);
    for (const c of criteria) {
      expect(inspectionYear(c, 2022)).toEqual({ year: 2022, named: true, warn: false, why: '按加分标准所写的2022年度列出' });
      expect(inspectionYear(c, 2023)).toEqual({ year: 2022, named: true, warn: false, why: '按加分标准所写的2022年度列出' });
    }
  });
  it('a standard naming no year counts the year before the assessment’s, and says so', () => {
    expect(inspectionYear({ title: '受国办督查激励的市（州）加 1 分', itemTitle: '质量工作真抓实干督查激励', method: null }, 2025)).toEqual({ year: 2024, named: false, warn: false, why: '加分标准未写年度，按考核年度的上一年（2024年度）列出' });
  });
  it('a year named in the method or a detail counts when the title names none', () => {
    expect(inspectionYear({ title: '国办督查激励', itemTitle: '督查激励', method: '2024年度推进质量工作成效突出地方受国办督查激励的市州进行加分' }, 2025).year).toBe(2024);
    expect(inspectionYear({ title: '国办督查激励', itemTitle: '督查激励', details: [{ text: '2025 年度受表彰的' }] }, 2025).year).toBe(2025);
  });
  it('a standard copied from an older scheme: the year as written, with a warning to check it', () => {
    expect(inspectionYear(criteria[0], 2025)).toEqual({ year: 2022, named: true, warn: true, why: '加分标准写的是2022年度（本考核为2025年度），按其所写列出；如方案沿用了往年的加分标准，请与质强办核对' });
  });
  it('only the bonus item that names 督查激励', () => {
    expect(isInspectionItem({ role: 'base', itemTitle: '质量工作真抓实干督查激励', title: 'x' })).toBe(false);
    expect(isInspectionItem({ role: 'bonus', itemTitle: '质量荣誉', title: '中国质量奖' })).toBe(false);
  });
});
