/**
 * The reply to a 整改事项's 督办单 (逾期原因), through the API on SQLite and PostgreSQL with a moved clock — the work plan's
 * rule (lateReasonAsk / lateReasonRefusal in src/shared/workplan/rules.ts) on a month's progress report: before its due
 * date nothing is asked; past it (催办'd) a 逾期原因 is offered, not required; once the raiser issued a 督办单 on the month
 * the report is neither saved nor reported without one (a Chinese 400 naming the field; a draft saved before the 督办单
 * is refused at 报送 too). It is stored, in the save and 报送 audit rows, shown to the raiser beside the report and listed
 * in the 整改事项通报 with the 督办单 it answered; a report on time keeps none.
 */
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lostCriteria } from '../../../shared/contracts/rectification';
import { login, makeTestApp, orgId, testDialects, type Client, type TestApp } from '../../test/helpers';

describe.each(testDialects())('the reply to a 整改事项 督办单 (逾期原因) on %s', (dialect) => {
  let t: TestApp;
  let now = new Date('2026-11-28T02:00:00Z');
  const at = (day: string) => (now = new Date(`${day}T02:00:00Z`));
  let office: Client;
  let yueyang: Client;
  let item: any;
  const page = async (c: Client) => (await c.request('GET', `/api/rectifications/${item.id}`)).json;
  /** what 岳阳市's to-do of the item's report says it owes (its detail), or undefined without one */
  const reportTodo = async () => (await yueyang.request('GET', '/api/todos')).json.items.find((x: any) => x.kind === 'rectification.report' && x.link === `/rectifications/${item.id}`)?.detail;
  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: () => now }, { demoAssessment: true });
    [office, yueyang] = await Promise.all(['office', 'yueyang'].map((u) => login(t.app, u)));
    const cycleId = (await t.db.db.selectFrom('assessment_cycle').select('id').where('year', '=', 2022).executeTakeFirstOrThrow()).id;
    const results = (await office.request('GET', `/api/cycles/${cycleId}/results`)).json;
    const code = lostCriteria(results.units.find((u: any) => u.unitCode === '430600'))[0]!.code;
    const raised = await office.request('POST', '/api/rectifications/from-assessment', { cycleId, unitId: await orgId(t.db, '430600'), criterionCodes: [code], dueOn: '2027-01-31' });
    expect(raised.status).toBe(201);
    item = raised.json.items[0];
  });
  afterAll(() => t.close());

  it('after a 督办单 the month’s report needs a 逾期原因: refused without it (保存 and 报送), stored, audited, shown to the raiser, in the 通报', async () => {
    const url = `/api/rectifications/${item.id}/report`;
    // before November's report is due (2026-12-10) nothing is asked
    at('2026-11-30');
    const draft = await yueyang.request('PUT', url, { version: 0, progress: 30, text: '已制定整改方案，正在落实责任分工。' });
    expect(draft.status).toBe(200);
    expect(draft.json.abilities).toMatchObject({ lateReason: null, lateReasonHint: null });
    // past the date, 催办'd: offered, not required
    at('2026-12-12');
    const reminded = await office.request('POST', `/api/rectifications/${item.id}/notices`, { version: (await page(office)).version, kind: 'reminder' });
    expect(reminded.status).toBe(201);
    expect((await page(yueyang)).abilities).toMatchObject({ lateReason: 'optional', lateReasonHint: '2026年11月进展应于2026-12-10前报送，已逾期，可说明原因' });
    // the to-do asks for the report only, as the 催办 does
    expect(await reportTodo()).toBe('提出单位已催办，请即报送');
    at('2026-12-17');
    const ordered = await office.request('POST', `/api/rectifications/${item.id}/notices`, { version: reminded.json.version, kind: 'order' });
    expect(ordered.status).toBe(201);
    const mine = await page(yueyang);
    expect(mine.abilities).toMatchObject({ lateReason: 'required', lateReasonHint: '提出单位已就2026年11月进展下发督办单，要求报送进展并说明逾期原因，必填' });
    const message = '提出单位已就2026年11月进展下发督办单，请填写逾期原因（至少5个字），说明未按期报送的原因';
    // the to-do says what is owed now, as the form does: the report with its 逾期原因
    expect(await reportTodo()).toBe('提出单位已就2026年11月进展下发督办单，请即报送并填写逾期原因（至少5个字），说明未按期报送的原因');
    // the draft saved before the 督办单 is not reported without its 逾期原因
    const saved0 = mine.reports.find((r: any) => r.status === 'draft');
    const bare = await yueyang.request('POST', `/api/rectifications/${item.id}/reports/${saved0.id}/submit`, { version: saved0.version });
    expect([bare.status, bare.json.message, bare.json.fields]).toEqual([400, message, [{ field: 'lateReason', message }]]);
    const none = await yueyang.request('PUT', url, { version: saved0.version, progress: 35, text: '整改方案已印发，责任分工已落实。' });
    expect([none.status, none.json.fields]).toEqual([400, [{ field: 'lateReason', message }]]);
    const blank = await yueyang.request('PUT', url, { version: saved0.version, progress: 35, text: '整改方案已印发，责任分工已落实。', lateReason: '   ' });
    expect(blank.status).toBe(400);
    expect(blank.json.message).toContain('逾期原因');
    const short = await yueyang.request('PUT', url, { version: saved0.version, progress: 35, text: '整改方案已印发，责任分工已落实。', lateReason: '晚了' });
    expect([short.status, short.json.fields]).toEqual([400, [{ field: 'lateReason', message: '逾期原因至少5个字' }]]);
    // nothing of the refused saves was kept
    expect((await page(yueyang)).reports.find((r: any) => r.id === saved0.id)).toMatchObject({ progress: 30, lateReason: null, version: saved0.version });
    const lateReason = '整改方案须经市政府常务会议审议，会期推迟至12月中旬，未能按期报送。';
    const saved = await yueyang.request('PUT', url, { version: saved0.version, progress: 35, text: '整改方案已印发，责任分工已落实。', lateReason });
    expect(saved.status).toBe(200);
    const r = saved.json.reports.find((x: any) => x.id === saved0.id);
    expect(r.lateReason).toBe(lateReason);
    const sent = await yueyang.request('POST', `/api/rectifications/${item.id}/reports/${r.id}/submit`, { version: r.version });
    expect(sent.status).toBe(200);

    // the raiser reads it beside the report; the month is no longer late
    const seen = await page(office);
    expect(seen.reports.find((x: any) => x.id === r.id)).toMatchObject({ status: 'submitted', period: '2026-11', lateReason });
    expect(seen.escalation?.period).not.toBe('2026-11');
    // the month reported, its to-do is gone (not merely without the 逾期原因)
    expect(await reportTodo()).toBeUndefined();
    // the audit rows of the saves and of the 报送 carry it
    const audit = await t.db.db.selectFrom('audit_log').select(['action', 'after_json']).where('entity_type', '=', 'rectification_report').where('entity_id', '=', String(r.id)).where('outcome', '=', 'ok').orderBy('id').execute();
    expect(audit.map((a) => [a.action, JSON.parse(a.after_json!).lateReason ?? null])).toEqual([
      ['rectificationReport.save', null],
      ['rectificationReport.save', lateReason],
      ['rectificationReport.submit', lateReason],
    ]);
    // the 通报 lists the 督办单 answered, with the reason
    const docx = await t.app.inject({ method: 'GET', url: '/api/rectifications/notice.docx?date=2026-12-17', headers: { cookie: office.cookie } });
    expect(docx.statusCode).toBe(200);
    const xml = (await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(xml).toContain(`岳阳市：“${item.title}”2026年11月进展应于2026年12月10日前报送，2026年12月17日下发督办单后于2026年12月17日报送，逾期7天；逾期原因：“整改方案须经市政府常务会议审议，会期推迟至12月中旬，未能按期报送”。`);
  });

  it('a report on time keeps no 逾期原因, whatever is sent', async () => {
    at('2026-12-20');
    const saved = await yueyang.request('PUT', `/api/rectifications/${item.id}/report`, { version: 0, progress: 50, text: '12月整改措施推进中。', lateReason: '并未逾期但填写了原因。' });
    expect(saved.status).toBe(200);
    expect(saved.json.reports.find((x: any) => x.status === 'draft')).toMatchObject({ period: '2026-12', lateReason: null });
  });

  it('an optional 逾期原因 given and then taken back is in the audit rows both times', async () => {
    // December's report, due 2027-01-10, only late (no 督办单): a reason may be given
    at('2027-01-12');
    const url = `/api/rectifications/${item.id}/report`;
    const draft = (await page(yueyang)).reports.find((x: any) => x.status === 'draft');
    const reason = '年底集中开展安全检查，报送晚了两天。';
    const given = await yueyang.request('PUT', url, { version: draft.version, progress: 55, text: '12月整改措施推进中。', lateReason: reason });
    expect(given.status).toBe(200);
    const mine = given.json.reports.find((x: any) => x.id === draft.id);
    expect(mine.lateReason).toBe(reason);
    const cleared = await yueyang.request('PUT', url, { version: mine.version, progress: 55, text: '12月整改措施推进中。', lateReason: null });
    expect(cleared.status).toBe(200);
    expect(cleared.json.reports.find((x: any) => x.id === draft.id).lateReason).toBeNull();
    const rows = await t.db.db.selectFrom('audit_log').select(['before_json', 'after_json']).where('entity_type', '=', 'rectification_report').where('entity_id', '=', String(draft.id)).where('action', '=', 'rectificationReport.save').orderBy('id').execute();
    const [, withReason, withoutReason] = rows.map((a) => [a.before_json ? JSON.parse(a.before_json).lateReason : undefined, JSON.parse(a.after_json!).lateReason]);
    expect(withReason).toEqual([undefined, reason]);
    expect(withoutReason).toEqual([reason, null]);
  });
});
