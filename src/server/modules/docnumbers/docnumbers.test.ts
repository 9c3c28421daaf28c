/**
 * The 文号 register through the API, on the demo data: a 公文 downloaded with a 文号 registers it (with the
 * download's audit row), downloads without one print it, a number held by another 公文 of the office or a second
 * number for a numbered 公文 is a Chinese 409; 作废 (reason required, once) frees the number; the call for
 * indicators' number is registered and kept from the others; two downloads registering one number at once: one wins.
 */
import JSZip from 'jszip';
import { PassThrough } from 'node:stream';
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { login, makeTestApp, named, orgId, testDialects, type Client, type TestApp } from '../../test/helpers';

describe.each(testDialects())('the 文号 register on %s', (dialect) => {
  let t: TestApp;
  const now = new Date('2023-07-25T02:00:00Z');
  let office: Client;
  let cycle2022 = 0;
  let planId = 0;
  let provinceOffice = 0;
  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: () => now }, { demoAssessment: true });
    office = await login(t.app, 'office');
    provinceOffice = await orgId(t.db, 'office');
    const cycles = (await office.request('GET', '/api/cycles')).json.items as { id: number; year: number; officeId?: number }[];
    cycle2022 = cycles.find((c) => c.year === 2022)!.id;
    planId = (await office.request('GET', '/api/work-plans')).json.items[0].id;
  });
  afterAll(() => t.close());

  const get = async (c: Client, url: string) => {
    const r = await t.app.inject({ method: 'GET', url, headers: { cookie: c.cookie } });
    return { status: r.statusCode, body: r.rawPayload, json: () => r.json() };
  };
  /** the download dialog's 下载 with a 文号: the same address, POSTed with the number (registered, then printed) */
  const post = async (c: Client, url: string, docNumber: string) => {
    const r = await t.app.inject({ method: 'POST', url, headers: { cookie: c.cookie, 'x-csrf-token': c.csrf }, payload: { docNumber } });
    return { status: r.statusCode, body: r.rawPayload, json: () => r.json() };
  };
  const docText = async (body: Buffer) => (await (await JSZip.loadAsync(body)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
  const bulletin = () => `/api/cycles/${cycle2022}/results/bulletin.docx`;
  const notice = (period: string) => `/api/work-plans/${planId}/notice.docx?period=${period}`;
  const rectNotice = (date: string) => `/api/rectifications/notice.docx?date=${date}`;
  const entries = () => t.db.db.selectFrom('doc_number').selectAll().where('office_org_id', '=', provinceOffice).orderBy('id').execute();
  const downloads = (docNumber: string) =>
    t.db.db.selectFrom('audit_log').select(['after_json']).where('action', '=', 'download').where('after_json', 'like', `%${docNumber}%`).execute();

  it('registers the demo call for indicators’ 文号 when the cycle is opened', async () => {
    const rows = await entries();
    expect(rows.map((r) => [r.kind, r.doc_no, r.voided_at])).toContainEqual(['cycle_notice', '湘质强办发〔2023〕8号', null]);
    // the demo naming of 常德市 (湘质强发〔2023〕12号) is the office's 公文 too, registered on first start
    expect(rows.map((r) => [r.kind, r.doc_no, r.voided_at])).toContainEqual(['evaluation_naming', '湘质强发〔2023〕12号', null]);
    const naming = await post(office, rectNotice('2023-07-17'), '湘质强发〔2023〕12号');
    expect([naming.status, naming.json().message]).toEqual([409, expect.stringMatching(/^文号湘质强发〔2023〕12号已用于《.*命名文件》（2023-12-20登记），请换一个文号$/)]);
  });

  it('a GET never registers: a download address carrying a 文号 (a link a browser prefetches or a crawler follows) is refused and registers nothing', async () => {
    const before = await entries();
    for (const url of [`${bulletin()}?docNumber=${encodeURIComponent('湘质强办〔2023〕90号')}`, `${notice('2023-H1')}&docNumber=${encodeURIComponent('湘质强办〔2023〕91号')}`, `${rectNotice('2023-07-21')}&docNumber=${encodeURIComponent('湘质强办〔2023〕92号')}`]) {
      const r = await get(office, url);
      expect(r.status, url).toBe(400);
      expect(r.json().message, url).toContain('下载地址不带文号');
    }
    expect(await entries()).toEqual(before);
    // without a 文号 the GET prints the placeholder of a 公文 not yet numbered, and registers nothing
    const plain = await get(office, bulletin());
    expect(plain.status).toBe(200);
    expect(await docText(plain.body)).toContain('×××〔');
    expect(await entries()).toEqual(before);
  });

  it('a bulletin downloaded with a 文号 registers it with the download’s audit row; again with it or none prints it; another is a 409', async () => {
    const no = '湘质强办〔2023〕15号';
    const first = await post(office, bulletin(), no);
    expect(first.status).toBe(200);
    expect(await docText(first.body)).toContain(no);
    const row = (await entries()).find((r) => r.doc_no === no)!;
    expect([row.kind, row.subject, row.title, row.voided_at]).toEqual(['results_bulletin', String(cycle2022), '2022年度考核结果通报', null]);
    const audits = await downloads(no);
    expect(audits).toHaveLength(1);
    expect(JSON.parse(audits[0].after_json!)).toMatchObject({ docNumber: no, registered: true });
    // again with the same number, and with none: the registered number is printed, nothing more registered
    for (const again of [await post(office, bulletin(), no), await get(office, bulletin())]) {
      expect(again.status).toBe(200);
      expect(await docText(again.body)).toContain(no);
    }
    expect((await entries()).filter((r) => r.doc_no === no)).toHaveLength(1);
    expect(await downloads(no)).toHaveLength(3);
    // another number for the numbered bulletin: 作废 first
    const other = await post(office, bulletin(), '湘质强办〔2023〕16号');
    expect(other.status).toBe(409);
    expect(other.json().message).toBe(`《2022年度考核结果通报》已登记文号${no}（2023-07-25登记）；如需改用湘质强办〔2023〕16号，请先在「文号登记」中作废原文号`);
  });

  it('a POST of the number already registered prints it and still counts as an audited write (no audit_missing after the file)', async () => {
    // the app's log, where a failure after the file was sent would land
    const logged: string[] = [];
    const logStream = new PassThrough().on('data', (d) => logged.push(String(d)));
    const app = await buildApp({ config: t.config, db: t.db, logger: true, logStream });
    try {
      const me = await login(app, 'office');
      const url = `/api/rectifications/notice.docx?date=2023-07-18`;
      for (let i = 0; i < 2; i++) {
        const r = await app.inject({ method: 'POST', url, headers: { cookie: me.cookie, 'x-csrf-token': me.csrf }, payload: { docNumber: '湘质强办〔2023〕51号' } });
        expect(r.statusCode).toBe(200);
        expect(await docText(r.rawPayload)).toContain('湘质强办〔2023〕51号');
      }
      expect(logged.filter((l) => /audit_missing|未写审计日志|reply.sent|already sent/i.test(l))).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('a 文号 another 公文 of the office holds is refused, naming it — the call for indicators’ number too', async () => {
    const taken = await post(office, notice('2023-H1'), '湘质强办〔2023〕15号');
    expect(taken.status).toBe(409);
    expect(taken.json().message).toBe('文号湘质强办〔2023〕15号已用于《2022年度考核结果通报》（2023-07-25登记），请换一个文号');
    const cycleNo = await post(office, notice('2023-H1'), '湘质强办发〔2023〕8号');
    expect(cycleNo.status).toBe(409);
    expect(cycleNo.json().message).toMatch(/^文号湘质强办发〔2023〕8号已用于《.*指标征集通知》/);
    // the same number with a zero-width space pasted in (it prints as the held one): refused, not a 文号 of its own
    for (const unseen of ['湘质强办发\u200b〔2023〕8号', '湘\u2060质强办〔2023〕15号', '湘质强办\u200c〔2023〕15号']) {
      const twin = await post(office, notice('2023-H1'), unseen);
      expect([twin.status, twin.json().fields], JSON.stringify(unseen)).toEqual([400, [{ field: 'docNumber', message: expect.stringContaining('零宽空格') }]]);
    }
    // nothing registered for the notice, nothing downloaded
    expect((await entries()).filter((r) => r.kind === 'workplan_notice')).toHaveLength(0);
    // another office may use the number for its own 公文
    const yy = await login(t.app, 'yueyang.office');
    const yyPlan = ((await yy.request('GET', '/api/work-plans')).json.items as { id: number; issuer: { name: string } }[]).find((p) => p.issuer.name === '岳阳市质强办');
    if (yyPlan) expect((await post(yy, `/api/work-plans/${yyPlan.id}/notice.docx`, '湘质强办〔2023〕15号')).status).toBe(200);
  });

  it('the register lists the office’s entries newest first; 作废 needs a reason, happens once, is audited and frees the number', async () => {
    const list = (await office.request('GET', '/api/doc-numbers')).json.items as any[];
    const times = list.map((x) => x.registered.at);
    expect(times).toEqual([...times].sort().reverse());
    const e = list.find((x) => x.docNo === '湘质强办〔2023〕15号');
    expect(e).toMatchObject({ docNo: '湘质强办〔2023〕15号', kindLabel: '考核结果通报', title: '2022年度考核结果通报', voided: null, mayVoid: true });
    expect(list.every((e) => e.office.id === provinceOffice)).toBe(true);
    const cycleEntry = list.find((e) => e.kind === 'cycle_notice');
    expect(cycleEntry.mayVoid).toBe(false);
    const refusedKind = await office.request('POST', `/api/doc-numbers/${cycleEntry.id}/void`, { version: cycleEntry.version, reason: '录错了' });
    expect(refusedKind.status).toBe(409);
    expect(refusedKind.json.message).toContain('不能在「文号登记」中作废');

    const noReason = await office.request('POST', `/api/doc-numbers/${e.id}/void`, { version: e.version });
    expect(noReason.status).toBe(400);
    expect(noReason.json.message).toContain('请填写作废原因');
    const blank = await office.request('POST', `/api/doc-numbers/${e.id}/void`, { version: e.version, reason: '  ' });
    expect(blank.status).toBe(400);
    expect(blank.json.message).toContain('请填写作废原因');
    const voided = await office.request('POST', `/api/doc-numbers/${e.id}/void`, { version: e.version, reason: '文号录错，应为16号' });
    expect(voided.status).toBe(200);
    expect(voided.json.voided).toMatchObject({ reason: '文号录错，应为16号' });
    expect(voided.json.mayVoid).toBe(false);
    const twice = await office.request('POST', `/api/doc-numbers/${e.id}/void`, { version: e.version, reason: '再次作废' });
    expect(twice.status).toBe(409);
    const audit = await t.db.db.selectFrom('audit_log').select(['entity_id', 'after_json']).where('action', '=', 'docNumber.void').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].entity_id).toBe(String(e.id));
    // the bulletin takes a new number, and the old one is free for another 公文
    expect((await post(office, bulletin(), '湘质强办〔2023〕16号')).status).toBe(200);
    const reused = await post(office, notice('2023-H1'), '湘质强办〔2023〕15号');
    expect(reused.status).toBe(200);
    expect(await docText(reused.body)).toContain('湘质强办〔2023〕15号');
    const current = await office.request('GET', `/api/doc-numbers/current?kind=workplan_notice&subject=${planId}:2023-H1`);
    expect(current.json).toEqual({ docNo: '湘质强办〔2023〕15号' });
    expect((await entries()).filter((r) => r.doc_no === '湘质强办〔2023〕15号').map((r) => [r.kind, r.voided_at !== null])).toEqual([
      ['results_bulletin', true],
      ['workplan_notice', false],
    ]);
  });

  it('作废 answers with the voided entry alone, read by its id — not the office’s whole register re-listed', async () => {
    // every row a query returns while the void request runs, from a second app on the same database
    const returned: Record<string, unknown>[][] = [];
    const spy: KyselyPlugin = {
      transformQuery: (a) => a.node,
      transformResult: async (a) => {
        returned.push(a.result.rows as Record<string, unknown>[]);
        return a.result;
      },
    };
    const app = await buildApp({ config: t.config, db: { ...t.db, db: t.db.db.withPlugin(spy) } });
    try {
      const me = await login(app, 'office');
      expect((await post(me, rectNotice('2023-07-19'), '湘质强办〔2023〕50号')).status).toBe(200);
      const list = (await me.request('GET', '/api/doc-numbers')).json.items as any[];
      expect(list.length).toBeGreaterThan(3);
      const e = list.find((x) => x.docNo === '湘质强办〔2023〕50号');
      returned.length = 0;
      const r = await me.request('POST', `/api/doc-numbers/${e.id}/void`, { version: e.version, reason: '测试只读一行' });
      expect(r.status).toBe(200);
      expect(r.json).toMatchObject({ id: e.id, docNo: e.docNo, version: e.version + 1, mayVoid: false, voided: { reason: '测试只读一行' } });
      const registerRows = returned.map((rows) => rows.filter((x) => 'doc_no' in x && 'kind' in x).length);
      expect(Math.max(...registerRows)).toBe(1);
    } finally {
      await app.close();
    }
  });

  it('a cycle may not be opened under a number a bulletin of the office holds (its own check’s field)', async () => {
    // a deadline within a year of the test's day (2023-07-25): one further out is refused before the 文号 is looked at
    const depts = (await office.request('GET', '/api/orgs')).json;
    const samr = (Array.isArray(depts) ? depts : depts.items).find((o: any) => o.code === 'samr');
    const r = await office.request('POST', '/api/cycles', { year: 2031, baseCycleId: cycle2022, noticeNo: '湘质强办〔2023〕16号', deadline: '2023-09-30', departmentIds: [samr.id] });
    expect(r.status).toBe(409);
    expect(r.json.message).toBe('文号湘质强办〔2023〕16号已用于《2022年度考核结果通报》（2023-07-25登记），请换一个文号');
    expect(r.json.fields).toEqual([{ field: 'noticeNo', message: '文号已被使用' }]);
    // the same number typed with square brackets is the same number
    const typed = await office.request('POST', '/api/cycles', { year: 2031, baseCycleId: cycle2022, noticeNo: '湘质强办[2023]16号', deadline: '2023-09-30', departmentIds: [samr.id] });
    expect([typed.status, typed.json.message]).toEqual([409, r.json.message]);
    // the existing cycle check keeps its message
    const twin = await office.request('POST', '/api/cycles', { year: 2031, baseCycleId: cycle2022, noticeNo: '湘质强办发〔2023〕8号', deadline: '2023-09-30', departmentIds: [samr.id] });
    expect(twin.status).toBe(409);
    expect(twin.json.message).toContain('文号“湘质强办发〔2023〕8号”已用于「');
  });

  it('a leader reads the registers but registers and voids nothing', async () => {
    const leader = await login(t.app, 'leader');
    const list = await leader.request('GET', '/api/doc-numbers');
    expect(list.status).toBe(200);
    expect(list.json.items.length).toBeGreaterThan(0);
    expect(list.json.items.every((e: any) => e.mayVoid === false)).toBe(true);
    const asked = await post(leader, notice('2023-H2'), '湘质强办〔2023〕30号');
    expect(asked.status).toBe(403);
    expect(asked.json().message).toBe('文号由发文单位（湖南省质量强省领导小组办公室）登记；不填文号下载即印已登记的文号');
    // a 公文 numbered already: asking another number is refused for who asks (403, as above), not for the number
    // (409 naming the registered one); asking the registered one prints it, as a GET would
    const h1 = await post(leader, notice('2023-H1'), '湘质强办〔2023〕31号');
    expect([h1.status, h1.json().message]).toEqual([403, '文号由发文单位（湖南省质量强省领导小组办公室）登记；不填文号下载即印已登记的文号']);
    const same = await post(leader, notice('2023-H1'), '湘质强办〔2023〕15号');
    expect(same.status).toBe(200);
    expect(await docText(same.body)).toContain('湘质强办〔2023〕15号');
    const printed = await get(leader, notice('2023-H1'));
    expect(printed.status).toBe(200);
    expect(await docText(printed.body)).toContain('湘质强办〔2023〕15号');
    expect((await leader.request('POST', `/api/doc-numbers/${list.json.items[0].id}/void`, { version: 1, reason: '测试' })).status).toBe(403);
  });

  it('two downloads registering one number at once: one wins, the other gets the 409 naming it; the same 公文 twice: both print it', async () => {
    const no = '湘质强办〔2023〕40号';
    const [a, b] = await Promise.all([post(office, notice('2023-H2'), no), post(office, rectNotice('2023-07-24'), no)]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const lost = a.status === 409 ? a : b;
    expect(lost.json().message).toMatch(new RegExp(`^文号${no}(已用于《.*》（2023-07-25登记）|刚被本单位的另一份公文登记)，请换一个文号$`));
    expect((await entries()).filter((r) => r.doc_no === no)).toHaveLength(1);
    expect(await downloads(no)).toHaveLength(1);
    const same = '湘质强办〔2023〕41号';
    const both = await Promise.all([0, 1].map(() => post(office, rectNotice('2023-07-23'), same)));
    expect(both.map((r) => (r.status === 200 ? 200 : `${r.status} ${r.json().message}`))).toEqual([200, 200]);
    for (const r of both) expect(await docText(r.body)).toContain(same);
    expect((await entries()).filter((r) => r.doc_no === same)).toHaveLength(1);
    expect(await downloads(same)).toHaveLength(2);
  });

  it('a registration whose check ran before another one committed is refused by the unique index: 409 naming the holder', async () => {
    const no = '湘质强办〔2023〕42号';
    let second: Promise<{ status: number; json: () => any }> | undefined;
    await t.db.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('doc_number')
        .values({ office_org_id: provinceOffice, doc_no: no, kind: 'rectification_notice', subject: '2023-07-20', title: '整改事项落实情况通报（2023-07-20）', registered_by: null, registered_at: now.toISOString(), voided_at: null, voided_by: null, void_reason: null, version: 1 })
        .execute();
      second = post(office, rectNotice('2023-07-25'), no);
      await new Promise((r) => setTimeout(r, 300));
    });
    const r = await second!;
    expect(r.status).toBe(409);
    expect(r.json().message).toBe(`文号${no}已用于《整改事项落实情况通报（2023-07-20）》（2023-07-25登记），请换一个文号`);
    expect((await entries()).filter((x) => x.doc_no === no)).toHaveLength(1);
    expect(await downloads(no)).toHaveLength(0);
  });

  it('six 作废 of one entry at once: one voids it (one audit row), the others get a 409 saying who voided it, when and why', async () => {
    const e = ((await office.request('GET', '/api/doc-numbers')).json.items as any[]).find((x) => x.mayVoid);
    expect(e).toBeDefined();
    const answers = await Promise.all(Array.from({ length: 6 }, () => office.request('POST', `/api/doc-numbers/${e.id}/void`, { version: e.version, reason: '重复登记' })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    // all six from the office's one account: the losers are told it was their own other window
    for (const a of answers.filter((x) => x.status === 409)) expect(a.json.message).toMatch(named(`文号${e.docNo}已由您在其他窗口于<T>作废（原因：重复登记）`));
    // a colleague of the office (刘思远) is told who voided it
    const colleague = await (await login(t.app, 'office2')).request('POST', `/api/doc-numbers/${e.id}/void`, { version: e.version, reason: '重复登记' });
    expect([colleague.status, colleague.json.message]).toMatchObject([409, expect.stringMatching(named(`文号${e.docNo}已由唐碧辉（省质强办）于<T>作废（原因：重复登记）`))]);
    const audit = await t.db.db.selectFrom('audit_log').select('id').where('action', '=', 'docNumber.void').where('entity_id', '=', String(e.id)).execute();
    expect(audit).toHaveLength(1);
  });
});
