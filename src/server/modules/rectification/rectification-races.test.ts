/**
 * 整改事项: two people acting on one item at once (2026-12-01 review). The one who comes second is told what happened
 * — who did what to the item or its request, and when — and to refresh, never the bare 已被他人修改: an extension or a
 * closure request decided meanwhile, a request or 催办 that changed the item since the page was read, two closure
 * requests at once. Through the API on SQLite and PostgreSQL, with the demo's items (衡阳市's pending extension).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../../../shared/deadline';
import { addDays } from '../../../shared/workplan/rules';
import { login, makeTestApp, testDialects, type Client, type TestApp } from '../../test/helpers';

describe.each(testDialects())('rectification races on %s', (dialect) => {
  let t: TestApp;
  // the demo's items are dated from the day its template was built: the clock runs on from there, at 10:17 China time
  const start = chinaDate(new Date());
  let now = new Date(`${start}T02:17:00Z`);
  const day = (n: number) => addDays(start, n);
  const at = (d: string) => (now = new Date(`${d}T02:17:00Z`));
  let office: Client;
  let office2: Client;
  let hengyang: Client;
  let hy: any;
  /** how a lost race names the winner: the person, their unit's short name */
  const hengyangName = '衡阳市质量工作联络员（衡阳市）';
  const item = async () => (await office.request('GET', `/api/rectifications/${hy.id}`)).json;
  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: () => now }, { demoAssessment: true });
    [office, office2, hengyang] = await Promise.all(['office', 'office', 'hengyang'].map((u) => login(t.app, u)));
    hy = (await office.request('GET', '/api/rectifications')).json.items.find((x: any) => x.owner.name === '衡阳市');
  });
  afterAll(() => t.close());

  /**
   * 销号 waits for a month's report past its date (closureWaitsOfItem): the owner reports the late months first, the
   * current one (not yet due) stays open. Whether one is late on the race's day depends on the day of the month the
   * suite runs on (the demo's items are dated from today), so each race that asks for a 销号 catches up first.
   */
  const catchUp = async (owner: Client, itemId: number) => {
    const page = async () => (await owner.request('GET', `/api/rectifications/${itemId}`)).json;
    for (let i = 0; i < 6; i++) {
      const p = await page();
      if (p.abilities.closureWaits === null) return;
      // saved again with a 逾期原因: a late month under a 督办单 is not reported without one (lateReasonRefusal)
      const was = p.reports.find((r: any) => r.status !== 'submitted');
      const saved = await owner.request('PUT', `/api/rectifications/${itemId}/report`, { version: was?.version ?? 0, progress: was?.progress ?? p.progress ?? 0, text: was?.text ?? '补报逾期的月度整改进展。', lateReason: '补报逾期的月度整改进展，说明逾期原因。' });
      expect(saved.status, JSON.stringify(saved.json)).toBe(200);
      const open = saved.json.reports.find((r: any) => r.status !== 'submitted');
      const sent = await owner.request('POST', `/api/rectifications/${itemId}/reports/${open.id}/submit`, { version: open.version });
      expect(sent.status, JSON.stringify(sent.json)).toBe(200);
    }
    throw new Error(`still waiting: ${(await page()).abilities.closureWaits}`);
  };

  it('an extension decided meanwhile: the second decision is told who decided it, how and when, and to refresh', async () => {
    at(day(1));
    const ext = (await item()).extensions.find((e: any) => e.status === 'pending');
    expect(ext).toBeTruthy();
    const [a, b] = await Promise.all([
      office.request('POST', `/api/rectifications/${hy.id}/extension-decision`, { extensionId: ext.id, version: ext.version, approve: true }),
      office2.request('POST', `/api/rectifications/${hy.id}/extension-decision`, { extensionId: ext.id, version: ext.version, approve: false, reason: '整改期限不宜再延' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const lost = a.status === 409 ? a : b;
    const decision = a.status === 200 ? '同意延期' : '不同意延期';
    expect(lost.json.message).toBe(`该延期申请已由您在其他窗口于${day(1)} 10:17${decision}，请刷新后查看`);
    // the page left open: the same words
    const again = await office.request('POST', `/api/rectifications/${hy.id}/extension-decision`, { extensionId: ext.id, version: ext.version, approve: true });
    expect([again.status, again.json.message]).toEqual([409, `该延期申请已由您在其他窗口于${day(1)} 10:17${decision}，请刷新后查看`]);
  });

  it('a request made on an item changed since the page was read: who changed it, what and when, and to refresh', async () => {
    at(day(2));
    const read = (await hengyang.request('GET', `/api/rectifications/${hy.id}`)).json;
    // a month past the deadline in force (the extension decided above may have moved it)
    const newDueOn = new Date(Date.parse(`${read.deadline}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);
    const asked = await hengyang.request('POST', `/api/rectifications/${hy.id}/extensions`, { newDueOn, reason: '整改涉及市政府审议，需延期' });
    expect(asked.status).toBe(201);
    // the closure asked from the page read before the extension
    const closure = await hengyang.request('POST', `/api/rectifications/${hy.id}/closure`, { version: read.version, summary: '整改措施已全部落实。' });
    expect([closure.status, closure.json.message]).toEqual([409, `该整改事项已有新的变动：您在其他窗口于${day(2)} 10:17申请延期至${newDueOn}。请刷新后查看最新情况再操作`]);
    // a 催办 from the office's page read before it: the same
    const officePage = read;
    const notice = await office.request('POST', `/api/rectifications/${hy.id}/notices`, { version: officePage.version, kind: 'reminder' });
    expect([notice.status, notice.json.message]).toEqual([409, `该整改事项已有新的变动：${hengyangName}于${day(2)} 10:17申请延期至${newDueOn}。请刷新后查看最新情况再操作`]);
    const ext = asked.json.extensions.find((e: any) => e.status === 'pending');
    expect((await office.request('POST', `/api/rectifications/${hy.id}/extension-decision`, { extensionId: ext.id, version: ext.version, approve: false, reason: '期限已延过一次' })).status).toBe(200);
  });

  it('two closure requests at once make one; two decisions at once decide it once — the loser is told who did what, when', async () => {
    // the late months reported earlier the same day (09:00), so the loser below is told of the 销号 request at 10:17
    now = new Date(`${day(3)}T01:00:00Z`);
    await catchUp(hengyang, hy.id);
    at(day(3));
    const v = (await item()).version;
    const asks = await Promise.all([1, 2].map(() => hengyang.request('POST', `/api/rectifications/${hy.id}/closure`, { version: v, summary: '整改措施已全部落实，申请销号。' })));
    expect(asks.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(asks.find((r) => r.status === 409)!.json.message).toBe(`该整改事项已有新的变动：您在其他窗口于${day(3)} 10:17申请销号。请刷新后查看最新情况再操作`);
    const closure = asks.find((r) => r.status === 201)!.json.closures.find((c: any) => c.status === 'pending');
    at(day(4));
    const [a, b] = await Promise.all([
      office.request('POST', `/api/rectifications/${hy.id}/closure-decision`, { closureId: closure.id, version: closure.version, accept: true }),
      office2.request('POST', `/api/rectifications/${hy.id}/closure-decision`, { closureId: closure.id, version: closure.version, accept: false, reason: '缺少整改佐证材料' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const lost = a.status === 409 ? a : b;
    expect(lost.json.message).toBe(`该销号申请已由您在其他窗口于${day(4)} 10:17${a.status === 200 ? '销号' : '退回'}，请刷新后查看`);
  });

  it('a draft saved while the item is asked to close (销号) at once: saved before the request, or refused — never a draft written onto an item 待销号', async () => {
    const [xiangxi, xiangxi2] = await Promise.all(['xiangxi', 'xiangxi'].map((u) => login(t.app, u)));
    const xx = (await office.request('GET', '/api/rectifications')).json.items.find((x: any) => x.owner.name === '湘西土家族苗族自治州');
    const page = async () => (await xiangxi.request('GET', `/api/rectifications/${xx.id}`)).json;
    const lastId = async (action: string) => (await t.db.db.selectFrom('audit_log').select('id').where('action', '=', action).where('entity_type', 'in', ['rectification', 'rectification_report']).orderBy('id', 'desc').executeTakeFirst())?.id ?? 0;
    for (let round = 0; round < 4; round++) {
      at(day(10 + round));
      await catchUp(xiangxi, xx.id);
      const p = await page();
      expect(p.status).toBe('open');
      const draft = p.reports.find((r: any) => r.status !== 'submitted');
      const [save, ask] = await Promise.all([
        xiangxi2.request('PUT', `/api/rectifications/${xx.id}/report`, { version: draft?.version ?? 0, progress: 50 + round, text: `第 ${round + 1} 次补充整改进展。` }),
        xiangxi.request('POST', `/api/rectifications/${xx.id}/closure`, { version: p.version, summary: '否决事项已全部整改到位。' }),
      ]);
      expect(ask.status, ask.json.message).toBe(201);
      if (save.status === 200) expect(await lastId('rectificationReport.save'), `round ${round + 1}: saved after the request`).toBeLessThan(await lastId('rectification.ask-close'));
      else expect([save.status, save.json.message]).toEqual([409, '该整改事项已申请销号，待审核，暂不能报送进展']);
      const closure = (await office.request('GET', `/api/rectifications/${xx.id}`)).json.closures.find((x: any) => x.status === 'pending');
      const back = await office.request('POST', `/api/rectifications/${xx.id}/closure-decision`, { closureId: closure.id, version: closure.version, accept: false, reason: '请补充整改佐证材料' });
      expect([back.status, back.json.message]).toEqual([200, undefined]);
    }
  });
});
