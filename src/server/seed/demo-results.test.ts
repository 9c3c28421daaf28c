/**
 * The published 2022 demo cycle, read as every demo role (issue 8 §1): the results, the ranking .xlsx, each
 * city's report .docx and what the charts are named after, with the visibility each role is owed. The README
 * sends newcomers here first, so nothing may answer 5xx, no name may be empty and no city may see another
 * city's criterion-level detail.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { findCycle } from '../modules/assessment/assessment.queries';
import { computeResults, frozenResults } from '../modules/assessment/results/results.queries';
import { login, makeTestApp, orgId, testDialects, type Client, type TestApp } from '../test/helpers';
import { REPO_ROOT } from '../config';
import { repairDemoResults } from './demo-assessment';

const FW = JSON.parse(readFileSync(path.join(REPO_ROOT, 'frameworks/hunan-assessment-2022.json'), 'utf8'));
const CRITERIA = FW.sections.flatMap((s: any) => s.items.flatMap((i: any) => i.criteria)).length as number;

const ROLES = [
  'office',
  'leader',
  'samr',
  'ndrc',
  'agriculture',
  'education',
  'changsha',
  'yueyang',
  'yuelu',
  'expert',
  'admin',
  'secadmin',
  'auditor',
  'yueyang.office',
] as const;
type Username = (typeof ROLES)[number];

/** How each account sees the 2022 cycle: 'all' / 'own' / 'criteria' results, or the status a stranger gets. */
const EXPECTED: Record<Username, 'all' | 'own' | 'criteria' | 403 | 404> = {
  office: 'all',
  leader: 'all',
  samr: 'criteria',
  ndrc: 'criteria',
  agriculture: 'criteria',
  // invited to the 2023 call only: 2022 does not exist for it
  education: 404,
  changsha: 'own',
  yueyang: 'own',
  // a county is not assessed by the province
  yuelu: 404,
  expert: 403,
  admin: 403,
  secadmin: 403,
  auditor: 403,
  // a city's office organises its own cycles, not the province's
  'yueyang.office': 404,
};

async function get(t: TestApp, c: Client, url: string) {
  const r = await t.app.inject({ method: 'GET', url, headers: { cookie: c.cookie } });
  return { status: r.statusCode, body: r.rawPayload, headers: r.headers, json: () => r.json() };
}

const fileName = (h: unknown) => decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(String(h))![1]);

async function docxText(body: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(body);
  const xml = await zip.file('word/document.xml')!.async('string');
  return xml.replace(/<[^>]+>/g, '');
}

describe.each(testDialects())('the 2022 demo cycle as every demo role, on %s', (dialect) => {
  let t: TestApp;
  let cycleId: number;
  let cities: { id: number; code: string; name: string }[];
  const clients = new Map<Username, Client>();

  beforeAll(async () => {
    t = await makeTestApp(dialect, {}, { demoAssessment: true });
    const c = await t.db.db.selectFrom('assessment_cycle').select('id').where('year', '=', 2022).executeTakeFirstOrThrow();
    cycleId = c.id;
    cities = await t.db.db
      .selectFrom('cycle_unit')
      .innerJoin('org_unit', 'org_unit.id', 'cycle_unit.org_unit_id')
      .select(['org_unit.id', 'org_unit.code', 'org_unit.name'])
      .where('cycle_unit.cycle_id', '=', cycleId)
      .orderBy('org_unit.code')
      .execute();
    for (const u of ROLES) clients.set(u, await login(t.app, u));
  });
  afterAll(() => t.close());

  it('froze the demo results in the published view (unitId, unitName, criteria), the same shape publishing writes', async () => {
    const rows = await t.db.db.selectFrom('cycle_result').select(['unit_id', 'detail_json']).where('cycle_id', '=', cycleId).execute();
    expect(rows).toHaveLength(14);
    for (const r of rows) {
      const d = JSON.parse(r.detail_json);
      expect(d.unitId).toBe(r.unit_id);
      expect(d.unitName).toBe(cities.find((c) => c.id === r.unit_id)!.name);
      expect(d.criteria).toHaveLength(CRITERIA);
      expect(d).not.toHaveProperty('unit');
      for (const s of d.sections) expect(Object.keys(s).sort()).toEqual(['code', 'maximum', 'role', 'score', 'title']);
    }
    // exactly what publishing would freeze now from the stored scores
    const cycle = (await findCycle(t.db.db, cycleId))!;
    const live = (await computeResults(t.db.db, cycle)).units.sort((a, b) => a.rank! - b.rank! || a.unitId - b.unitId);
    expect(await frozenResults(t.db.db, cycleId)).toEqual(live);
  });

  for (const username of ROLES) {
    it(`${username}: results, ranking, reports and chart names as far as the role may`, async () => {
      const c = clients.get(username)!;
      const expected = EXPECTED[username];
      const res = await get(t, c, `/api/cycles/${cycleId}/results`);
      expect(res.status).toBeLessThan(500);
      const xlsx = await get(t, c, `/api/cycles/${cycleId}/results/ranking.xlsx`);
      expect(xlsx.status).toBeLessThan(500);
      const docs = await Promise.all(cities.map((city) => get(t, c, `/api/cycles/${cycleId}/results/${city.id}/report.docx`)));
      for (const d of docs) expect(d.status).toBeLessThan(500);

      if (typeof expected === 'number') {
        expect(res.status).toBe(expected);
        expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
        expect(xlsx.status).toBe(expected);
        for (const d of docs) expect(d.status).toBe(expected);
        return;
      }

      expect(res.status).toBe(200);
      const v = res.json();
      expect(v).toMatchObject({ year: 2022, stage: 'final', scope: expected, demo: true });
      expect(v.units).toHaveLength(14);
      // Every unit carries its name and id; the ranking is complete after publication.
      for (const u of v.units) {
        expect(u.unitName).toBe(cities.find((x) => x.id === u.unitId)?.name);
        expect(u.total).toMatch(/^\d+(\.\d+)?$/);
        expect(u.rank).toBeGreaterThan(0);
        expect(u.grade).toMatch(/^[ABCD]$/);
        expect(u.sections.length).toBeGreaterThan(0);
        for (const s of u.sections) expect(s).not.toHaveProperty('items');
      }
      expect(v.units[0]).toMatchObject({ unitName: '长沙市', total: '98.3', rank: 1, grade: 'A' });
      // The chart files are named after the year and the selected unit (ResultCharts: `${year}年度${unitName}各考核领域得分率`).
      for (const u of v.units) expect(`${v.year}年度${u.unitName}各考核领域得分率.png`).not.toMatch(/undefined|null/);

      const myOrg = (await c.request('GET', '/api/auth/me')).json.orgUnit.id as number;
      const withCriteria = v.units.filter((u: any) => u.criteria.length > 0);
      if (expected === 'all') {
        expect(withCriteria).toHaveLength(14);
      } else if (expected === 'own') {
        // a city gets its own criterion-level detail only; the others' totals, rank and grade
        expect(withCriteria.map((u: any) => u.unitId)).toEqual([myOrg]);
        for (const u of v.units.filter((x: any) => x.unitId !== myOrg)) {
          expect(u.criteria).toEqual([]);
          expect(u.missing).toEqual([]);
          expect(JSON.stringify(u)).not.toContain('explanation');
        }
      } else {
        // a department sees only the criteria it evaluates, for every city
        const code = (await t.db.db.selectFrom('org_unit').select('code').where('id', '=', myOrg).executeTakeFirstOrThrow()).code;
        const all = v.units.flatMap((u: any) => u.criteria);
        expect(all.length).toBeGreaterThan(0);
        for (const cr of all) expect(cr.department.code).toBe(code);
      }

      // The ranking .xlsx: every row names its city.
      expect(xlsx.status).toBe(200);
      expect(fileName(xlsx.headers['content-disposition'])).toBe('2022年度考核结果排名（最终）.xlsx');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.body as never);
      const ws = wb.worksheets[0];
      const header = ws.getRow(2).values as unknown[];
      const col = header.indexOf('市州');
      expect(col).toBeGreaterThan(0);
      const names: string[] = [];
      for (let r = 3; r < 3 + 14; r++) names.push(String(ws.getRow(r).getCell(col).value ?? ''));
      expect(names.sort()).toEqual(cities.map((x) => x.name).sort());
      expect(ws.getRow(3).getCell(col).value).toBe('长沙市');

      // Each city's report .docx: a real document about that city, where the role may have it.
      for (const [i, d] of docs.entries()) {
        const city = cities[i];
        if (expected === 'own' && city.id !== myOrg) {
          expect(d.status).toBe(403);
          expect(d.json().message).toBe('只能下载本地区的考核结果报告');
          continue;
        }
        expect(d.status).toBe(200);
        expect(d.headers['content-type']).toContain('wordprocessingml');
        const name = fileName(d.headers['content-disposition']);
        expect(name).toBe(`2022年度${city.name}考核结果报告（最终）.docx`);
        const text = await docxText(d.body);
        expect(text).toContain(`${city.name}考核结果报告（最终结果）`);
        expect(text).not.toMatch(/undefined/);
      }
    });
  }

  it('a city sees no other city’s criteria in its own report either', async () => {
    const changsha = clients.get('changsha')!;
    const own = await orgId(t.db, '430100');
    const d = await get(t, changsha, `/api/cycles/${cycleId}/results/${own}/report.docx`);
    const text = await docxText(d.body);
    expect(text).toContain('长沙市考核结果报告');
    expect(text).not.toContain('岳阳市');
  });
  it('repairs a data directory seeded by an older version (raw engine output in cycle_result) on start, and nothing else', async () => {
    const good = await frozenResults(t.db.db, cycleId);
    expect(await repairDemoResults(t.db.db)).toEqual([]); // already the published view: left alone
    const before = await t.db.db.selectFrom('cycle_result').select(['unit_id', 'published_at']).where('cycle_id', '=', cycleId).orderBy('unit_id').execute();
    // what the old seed wrote: the engine's per-unit output ({ unit, name, … })
    for (const u of good) {
      await t.db.db
        .updateTable('cycle_result')
        .set({ detail_json: JSON.stringify({ unit: u.unitCode, name: u.unitName, total: u.total }) })
        .where('cycle_id', '=', cycleId)
        .where('unit_id', '=', u.unitId)
        .execute();
    }
    await expect(frozenResults(t.db.db, cycleId)).rejects.toThrow(/not a frozen UnitResultView/);
    expect(await repairDemoResults(t.db.db)).toEqual([cycleId]);
    expect(await frozenResults(t.db.db, cycleId)).toEqual(good);
    const after = await t.db.db.selectFrom('cycle_result').select(['unit_id', 'published_at']).where('cycle_id', '=', cycleId).orderBy('unit_id').execute();
    expect(after).toEqual(before); // same units, same publication time
    const res = await clients.get('office')!.request('GET', `/api/cycles/${cycleId}/results`);
    expect(res.status).toBe(200);
  });
});
