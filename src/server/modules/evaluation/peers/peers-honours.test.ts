/**
 * Filling a peer table (同级比较表) from the honours roll (荣誉名录), on the demo: each city's value is the number of
 * distinct enterprises with a government quality award in the table's year, its note names the entries counted;
 * the expected values are computed here from the demo roll's rows. A stale version is a 409, a non-organiser a 403,
 * a county table when the roll keeps no county figures a 400 in Chinese; the fill is audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUALITY_AWARD_KINDS } from '../../../../shared/honours/kinds';
import { login, makeTestApp, testDialects, type Client, type TestApp } from '../../../test/helpers';
import { rollNote } from './peers.commands';

describe('rollNote', () => {
  it('names the entries counted, the distinct enterprises when one holds two, and stays within 200 characters', () => {
    expect(rollNote(2024, [])).toBe('名录：2024年0项');
    expect(rollNote(2024, [{ awardee: '甲公司' }, { awardee: '乙公司' }])).toBe('名录：2024年2项（甲公司、乙公司）');
    expect(rollNote(2023, [{ awardee: '甲公司' }, { awardee: '甲公司 ' }])).toBe('名录：2023年2项（甲公司、甲公司），不同企业1家');
    // one enterprise typed two ways is one, as the value counts it (honourCountsForPeers)
    expect(rollNote(2023, [{ awardee: '甲（集团）公司' }, { awardee: '甲(集团) 公司' }])).toBe('名录：2023年2项（甲（集团）公司、甲(集团) 公司），不同企业1家');
    const many = Array.from({ length: 40 }, (_, i) => ({ awardee: `湖南某某第${i + 1}号有限公司` }));
    const note = rollNote(2024, many);
    expect(note.length).toBeLessThanOrEqual(200);
    expect(note).toMatch(/^名录：2024年40项（湖南某某第1号有限公司、.*等）$/);
  });
});

describe.each(testDialects())('a peer table filled from the honours roll, on %s', (dialect) => {
  let t: TestApp;
  let office: Client;

  beforeAll(async () => {
    t = await makeTestApp(dialect, {}, { demoAssessment: true });
    office = await login(t.app, 'office');
  });
  afterAll(() => t.close());

  /** the demo roll's government quality awards of a year, per city: the distinct awardees and the entries */
  const expectedOf = async (year: number) => {
    const rows = await t.db.db
      .selectFrom('honour')
      .select(['id', 'awardee', 'city_org_id'])
      .where('year', '=', year)
      .where(
        'kind',
        'in',
        QUALITY_AWARD_KINDS.map((k) => k.code),
      )
      .orderBy('year')
      .orderBy('id')
      .execute();
    const byCity = new Map<number, { awardee: string }[]>();
    for (const r of rows) byCity.set(r.city_org_id!, [...(byCity.get(r.city_org_id!) ?? []), { awardee: r.awardee }]);
    return { rows, byCity };
  };

  it('the office fills its 2024 table of the 14 cities: values and notes from the roll, a stale version is a 409, audited', async () => {
    const list = (await office.request('GET', '/api/peer-tables')).json.items;
    const summary = list.find((x: any) => x.year === 2024 && x.level === 'city');
    const before = (await office.request('GET', `/api/peer-tables/${summary.id}`)).json.table;
    const { rows, byCity } = await expectedOf(2024);
    expect(rows.length).toBeGreaterThan(0);

    const filled = await office.request('POST', `/api/peer-tables/${before.id}/fill-from-honours`, { version: before.version });
    expect(filled.status).toBe(200);
    const table = filled.json.table;
    expect(table.version).toBe(before.version + 1);
    expect(table.filled).toBe(14);
    for (const v of table.values) {
      const entries = byCity.get(v.orgId) ?? [];
      expect(v.value).toBe(new Set(entries.map((e) => e.awardee.trim())).size);
      expect(v.note).toBe(rollNote(2024, entries));
      expect(v.note).toMatch(new RegExp(`^名录：2024年${entries.length}项`));
      for (const e of entries) expect(v.note).toContain(e.awardee.trim());
    }
    // the values of the demo (typed by hand) were replaced: some city differs from what it was
    expect(table.values.map((v: any) => v.value)).not.toEqual(before.values.map((v: any) => v.value));

    const stale = await office.request('POST', `/api/peer-tables/${before.id}/fill-from-honours`, { version: before.version });
    expect(stale.status).toBe(409);
    const missing = await office.request('POST', `/api/peer-tables/${before.id}/fill-from-honours`, {});
    expect(missing.status).toBe(400);
    expect(missing.json.message).toContain('版本号');

    const audit = await t.db.db.selectFrom('audit_log').select(['action']).where('entity_type', '=', 'peer_table').where('entity_id', '=', String(before.id)).orderBy('id').execute();
    expect(audit.map((r) => r.action).slice(-2)).toEqual(['peerTable.fill', 'peerTable.fillFromHonours']);
  });

  it('a non-organiser is refused (403), another office does not see the table (404), a county table without county figures is a 400', async () => {
    const id = (await office.request('GET', '/api/peer-tables')).json.items[0].id;
    const version = (await office.request('GET', `/api/peer-tables/${id}`)).json.table.version;
    for (const username of ['leader', 'yueyang', 'expert']) {
      const c = await login(t.app, username);
      expect((await c.request('POST', `/api/peer-tables/${id}/fill-from-honours`, { version })).status).toBe(403);
    }
    const cityOffice = await login(t.app, 'yueyang.office');
    expect((await cityOffice.request('POST', `/api/peer-tables/${id}/fill-from-honours`, { version })).status).toBe(404);
    expect((await office.request('GET', `/api/peer-tables/${id}`)).json.table.version).toBe(version);

    // the demo roll files the quality awards by city only: a county table cannot be filled from it
    const countyRows = await t.db.db
      .selectFrom('honour')
      .select('id')
      .where('year', '=', 2024)
      .where('county_org_id', 'is not', null)
      .where(
        'kind',
        'in',
        QUALITY_AWARD_KINDS.map((k) => k.code),
      )
      .execute();
    expect(countyRows).toEqual([]);
    const counties = (await cityOffice.request('POST', '/api/peer-tables', { year: 2024, level: 'county', metric: '县市区获奖企业数量', items: ['5.2.a'], source: null })).json.table;
    const refused = await cityOffice.request('POST', `/api/peer-tables/${counties.id}/fill-from-honours`, { version: counties.version });
    expect(refused.status).toBe(400);
    expect(refused.json.message).toContain('荣誉名录中没有2024年按县（市、区）登记的获奖企业');
    const after = (await cityOffice.request('GET', `/api/peer-tables/${counties.id}`)).json.table;
    expect(after).toMatchObject({ version: counties.version, filled: 0 });
  });
});
