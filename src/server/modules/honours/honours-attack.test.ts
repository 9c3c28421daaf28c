/**
 * The honours roll and the incentive policies as an attacker and two careless colleagues would use them, on SQLite and
 * PostgreSQL: a city's 质强办 on another city's entry, the read-only roles writing, two saves of one entry, odd input;
 * and two policies each marked 已被替代 by the other at the same moment (the second sees the first: no policy left
 * replaced by a policy that is itself replaced).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeTestApp, named, orgId, raceAgainstHeld, testDialects, type Client, type TestApp } from '../../test/helpers';

const entry = (cityId: number, over: Record<string, unknown> = {}) => ({ kind: 'luban', awardee: '攻击测试大厦工程', year: 2022, cityId, countyId: null, sourceDoc: '建协〔2022〕9号', note: null, ...over });

describe.each(testDialects())('honours under attack on %s', (dialect) => {
  let t: TestApp;
  let office: Client, samr: Client, yyOffice: Client, yyOffice2: Client, leader: Client, changsha: Client;
  let yueyang: number, changshaId: number;
  const audits = async () => Number((await t.db.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).where('action', 'not in', ['access.denied', 'auth.login']).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: () => new Date('2025-06-01T02:00:00Z') });
    [office, samr, yyOffice, yyOffice2, leader, changsha] = await Promise.all(['office', 'samr', 'yueyang.office', 'yueyang.office', 'leader', 'changsha'].map((u) => login(t.app, u)));
    [yueyang, changshaId] = await Promise.all(['430600', '430100'].map((c) => orgId(t.db, c)));
  });
  afterAll(() => t.close());

  it('a city’s 质强办 on another city’s entry, moving its own entry to another city, and the read-only roles: 403, nothing changed', async () => {
    const cs = (await office.request('POST', '/api/honours', entry(changshaId))).json;
    const yy = (await yyOffice.request('POST', '/api/honours', entry(yueyang, { awardee: '岳阳攻击测试工程' }))).json;
    const before = await audits();
    const refusals = [
      await yyOffice.request('PUT', `/api/honours/${cs.id}`, { ...entry(changshaId, { awardee: '改名' }), version: cs.version }),
      await yyOffice.request('DELETE', `/api/honours/${cs.id}?version=${cs.version}`),
      // its own entry handed to 长沙市 (then out of its reach)
      await yyOffice.request('PUT', `/api/honours/${yy.id}`, { ...entry(changshaId, { awardee: '岳阳攻击测试工程' }), version: yy.version }),
      await leader.request('POST', '/api/honours', entry(yueyang, { awardee: '领导登记' })),
      await changsha.request('DELETE', `/api/honours/${cs.id}?version=${cs.version}`),
    ];
    expect(refusals.map((r) => r.status)).toEqual([403, 403, 403, 403, 403]);
    expect(refusals[0].json.message).toBe('市州质强办只能登记本市州的荣誉');
    expect(await audits()).toBe(before);
  });

  it('two saves of one entry from the same version: the second a 409 naming who saved and when, never a silent overwrite', async () => {
    const e = (await samr.request('POST', '/api/honours', entry(yueyang, { awardee: '并发测试工程' }))).json;
    const [a, b] = await Promise.all([
      yyOffice.request('PUT', `/api/honours/${e.id}`, { ...entry(yueyang, { awardee: '并发测试工程（甲）' }), version: e.version }),
      yyOffice2.request('PUT', `/api/honours/${e.id}`, { ...entry(yueyang, { awardee: '并发测试工程（乙）' }), version: e.version }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.json.message).toMatch(named('该条荣誉已由您在其他窗口于<T>修改，请刷新后查看对方的修改再保存'));
    expect(await t.db.db.selectFrom('audit_log').select('id').where('action', '=', 'honour.update').where('entity_id', '=', String(e.id)).execute()).toHaveLength(1);
  });

  it('odd input: spaces, 10,000 characters, a fractional or far year, odd ids — a Chinese 400, never a 500', async () => {
    const before = await audits();
    const cases = [
      await office.request('POST', '/api/honours', entry(yueyang, { awardee: '    ' })),
      await office.request('POST', '/api/honours', entry(yueyang, { awardee: '厂'.repeat(10_000) })),
      await office.request('POST', '/api/honours', entry(yueyang, { year: 2022.5 })),
      await office.request('POST', '/api/honours', entry(yueyang, { cityId: -1 })),
      await office.request('PUT', '/api/honours/1e3', { ...entry(yueyang), version: 1 }),
      await office.request('DELETE', '/api/honours/-1?version=1'),
      await office.request('DELETE', '/api/honours/1?version=1.5'),
    ];
    for (const r of cases) {
      expect(r.status).toBe(400);
      expect(r.json.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await audits()).toBe(before);
  });

  it.runIf(dialect === 'postgres')('two policies each marked as replaced by the other at once: the second is told its replacement is no longer current, one stays current', async () => {
    const base = { issuer: '岳阳市人民政府', level: 'city', regionCode: '430600', expiresOn: null, source: null, notes: [], issuedOn: '2025-01-01', effectiveFrom: '2025-01-01', rules: [{ id: 'x', achievement: 'hunan-governor-award', role: null, recipient: 'organisation', basis: 'once', amount: { type: 'by-other-rules', text: '从其规定' }, text: '从其规定' }] };
    const a = (await yyOffice.request('POST', '/api/incentive-policies', { ...base, title: '并发替代测试甲办法', docNo: '岳政发〔2025〕61号' })).json;
    const b = (await yyOffice.request('POST', '/api/incentive-policies', { ...base, title: '并发替代测试乙办法', docNo: '岳政发〔2025〕62号' })).json;
    // a colleague's 「乙 已被甲替代」, held uncommitted while 「甲 已被乙替代」 is asked
    const res = await raceAgainstHeld(
      t.db,
      (trx) => trx.updateTable('incentive_policy').set({ status: 'superseded', superseded_by_id: a.id, version: b.version + 1 }).where('id', '=', b.id).execute(),
      () => yyOffice.request('POST', `/api/incentive-policies/${a.id}/supersede`, { version: a.version, supersededById: b.id }),
    );
    expect([res.status, res.json.message]).toEqual([400, '「并发替代测试乙办法」不是现行有效的政策，不能作为替代政策']);
    expect((await t.db.db.selectFrom('incentive_policy').select('status').where('id', '=', a.id).executeTakeFirstOrThrow()).status).toBe('current');
  });
});
