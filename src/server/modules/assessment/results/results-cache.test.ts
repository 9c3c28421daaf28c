/**
 * Published results served from their frozen text (results-cache.ts): the same answer resultsFor gives each
 * viewer, an ETag, 304 on If-None-Match, and one viewer's text never reaches another.
 */
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeTestApp, testDialects, type Client, type TestApp } from '../../../test/helpers';
import { cycleAccess } from '../assessment.queries';
import { resultsFor } from './results.queries';
import { pickEncoding, publishedResultsText } from './results-cache';
import { sessionOrg } from '../../../core/session';
import { chinaDate } from '../../../../shared/deadline';

describe('pickEncoding', () => {
  it('prefers brotli, then gzip, honours q=0 and answers none for identity or nothing', () => {
    expect(pickEncoding('gzip, deflate, br')).toBe('br');
    expect(pickEncoding('gzip, deflate, br;q=0')).toBe('gzip');
    expect(pickEncoding(['deflate', 'GZIP;q=0.5'])).toBe('gzip');
    expect(pickEncoding('identity')).toBeNull();
    expect(pickEncoding('br;q=0, gzip;q=0.0')).toBeNull();
    expect(pickEncoding(undefined)).toBeNull();
  });
});

describe.each(testDialects())('published results from their frozen text, on %s', (dialect) => {
  let t: TestApp;
  let cycleId: number;
  const clients = new Map<string, Client>();
  const users = ['office', 'leader', 'samr', 'ndrc', 'changsha', 'yueyang'];

  beforeAll(async () => {
    t = await makeTestApp(dialect, {}, { demoAssessment: true });
    cycleId = (await t.db.db.selectFrom('assessment_cycle').select('id').where('year', '=', 2022).executeTakeFirstOrThrow()).id;
    for (const u of users) clients.set(u, await login(t.app, u));
  });
  afterAll(() => t.close());

  it('answers each viewer exactly what resultsFor gives it, with an ETag, twice the same', async () => {
    const etags = new Map<string, string>();
    for (const u of users) {
      const c = clients.get(u)!;
      const first = await c.request('GET', `/api/cycles/${cycleId}/results`);
      const again = await c.request('GET', `/api/cycles/${cycleId}/results`);
      expect(first.status).toBe(200);
      expect(first.headers['content-type']).toMatch(/^application\/json/);
      const me = await t.db.db.selectFrom('app_user').selectAll().where('username', '=', u).executeTakeFirstOrThrow();
      const user = { id: me.id, username: u, displayName: me.display_name, role: me.role, orgUnitId: me.org_unit_id, org: await sessionOrg(t.db.db, me.org_unit_id), mustChangePassword: false, sessionId: '', csrfToken: '' };
      expect(first.json).toEqual(JSON.parse(JSON.stringify(await resultsFor(t.db.db, await cycleAccess(t.db.db, user, cycleId, chinaDate(new Date()))))));
      expect(again.json).toEqual(first.json);
      expect(first.headers.etag).toMatch(/^"r[\w-]{27}"$/);
      expect(again.headers.etag).toBe(first.headers.etag);
      etags.set(u, String(first.headers.etag));
    }
    // a city sees its own detail and only the totals of the others; the office and leaders see the same (all), no one else shares a text
    const cs = (await clients.get('changsha')!.request('GET', `/api/cycles/${cycleId}/results`)).json;
    expect(cs.units.filter((x: any) => x.criteria.length > 0).map((x: any) => x.unitName)).toEqual(['长沙市']);
    expect(etags.get('leader')).toBe(etags.get('office'));
    expect(new Set(etags.values()).size).toBe(users.length - 1);
  });

  it('answers 304 without a body when the caller already has the text', async () => {
    const c = clients.get('changsha')!;
    const first = await c.request('GET', `/api/cycles/${cycleId}/results`);
    const etag = String(first.headers.etag);
    const same = await c.request('GET', `/api/cycles/${cycleId}/results`, undefined, { 'if-none-match': etag });
    expect(same.status).toBe(304);
    expect(same.headers.etag).toBe(etag);
    const other = await c.request('GET', `/api/cycles/${cycleId}/results`, undefined, { 'if-none-match': String((await clients.get('yueyang')!.request('GET', `/api/cycles/${cycleId}/results`)).headers.etag) });
    expect(other.status).toBe(200);
    expect(other.json.cycleId).toBe(cycleId);
  });

  it('sends the stored body compressed in the encoding asked for, the same bytes every time', async () => {
    const c = clients.get('office')!;
    const url = `/api/cycles/${cycleId}/results`;
    const plain = await t.app.inject({ method: 'GET', url, headers: { cookie: c.cookie } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await t.app.inject({ method: 'GET', url, headers: { cookie: c.cookie, 'accept-encoding': 'gzip, deflate, br' } });
    const br2 = await t.app.inject({ method: 'GET', url, headers: { cookie: c.cookie, 'accept-encoding': 'br' } });
    const gz = await t.app.inject({ method: 'GET', url, headers: { cookie: c.cookie, 'accept-encoding': 'gzip' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.headers.etag).toBe(plain.headers.etag);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    expect(br2.rawPayload.equals(br.rawPayload)).toBe(true);
    expect(zlib.brotliDecompressSync(br.rawPayload).toString('utf8')).toBe(plain.body);
    expect(zlib.gunzipSync(gz.rawPayload).toString('utf8')).toBe(plain.body);
  });

  it('keys a text by the content of the cycle row: an equal row shares it, a changed row gets its own', async () => {
    const office = await t.db.db.selectFrom('app_user').selectAll().where('username', '=', 'office').executeTakeFirstOrThrow();
    const user = { id: office.id, username: 'office', displayName: office.display_name, role: office.role, orgUnitId: office.org_unit_id, org: await sessionOrg(t.db.db, office.org_unit_id), mustChangePassword: false, sessionId: '', csrfToken: '' };
    const a = await cycleAccess(t.db.db, user, cycleId, chinaDate(new Date()));
    expect(Object.isFrozen(a.cycle)).toBe(true);
    const first = await publishedResultsText(t.db.db, a);
    expect(await publishedResultsText(t.db.db, a)).toBe(first);
    // the same content in another object (the row read again later) shares the text
    expect(await publishedResultsText(t.db.db, { ...a, cycle: Object.freeze({ ...a.cycle }) })).toBe(first);
    // any change of the row (here its version) is another key: the text is built again
    const changed = await publishedResultsText(t.db.db, { ...a, cycle: Object.freeze({ ...a.cycle, version: a.cycle.version + 1 }) });
    expect(changed).not.toBe(first);
    expect(changed.bytes.equals(first.bytes)).toBe(true);
    // and the detail asked for is part of the key
    expect(await publishedResultsText(t.db.db, a, 'totals')).not.toBe(first);
  });
});
