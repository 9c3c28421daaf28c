/**
 * The team leader's agreed score (组长确定的得分, seed 004 §10: the panel's disagreement settled by discussion) stands
 * for the expert scores it was decided on. On site a revision may close the disagreement (the item counts at the
 * plan's method) and a later one open it again on other scores: the old figure must not silently count again — the
 * item waits on the leader (待组长确定), the total leaves the stale figure out and the 综合评价 cannot be confirmed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedApplication, splitOn11, THREE_EXPERTS } from '../../../test/evaluation';
import { makeTestApp, testDialects, type TestApp } from '../../../test/helpers';

describe.each(testDialects())('creation evaluation: an agreed score and later on-site revisions, on %s', (dialect) => {
  let t: TestApp;
  let f: Awaited<ReturnType<typeof acceptedApplication>>;
  const url = () => `/api/evaluation-applications/${f.app.id}`;
  const sheetOf = async (who: string) => (await f.clients[who].request('GET', `${url()}/sheet`)).json;
  const item11 = async () => (await f.office.request('GET', `${url()}/consolidation`)).json.consolidation.items.find((i: any) => i.code === '1.1');
  /** reopen a submitted sheet on site, set 1.1.a, submit again */
  const revise = async (who: string, level: number, reason: string) => {
    const reopened = await f.clients[who].request('POST', `${url()}/sheet/reopen`, { version: (await sheetOf(who)).version });
    expect(reopened.status).toBe(200);
    const r = await f.clients[who].request('PUT', `${url()}/sheet/1.1/a`, { version: reopened.json.version, answer: { level }, reason });
    expect(r.status).toBe(200);
    expect((await f.clients[who].request('POST', `${url()}/sheet/submit`, { version: r.json.version })).status).toBe(200);
  };

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    f = await acceptedApplication(t, THREE_EXPERTS);
    await splitOn11(f);
  });
  afterAll(() => t?.close());

  it('the leader settles 1.1 on 0 and 20; revisions close the gap, then reopen it the other way round: 1.1 waits on the leader again', async () => {
    const leader = f.clients['王教授'];
    const shown = (await leader.request('GET', `${url()}/consolidation`)).json;
    expect(shown.consolidation.items.find((i: any) => i.code === '1.1')).toMatchObject({ flagged: true, open: true });
    // typed as 15.00: stored, audited and shown as the engine reads it (15), as 采用得分 and every other score
    expect((await leader.request('PUT', `${url()}/agreed/1.1`, { score: '15.00', reason: '规划已印发但未分解年度目标，讨论后确定', version: shown.version })).status).toBe(200);
    const settled = await item11();
    expect(settled).toMatchObject({ agreed: { score: '15' }, combined: '15', open: false });
    const stored = await t.db.db.selectFrom('evaluation_application').select('agreed_json').where('id', '=', f.app.id).executeTakeFirstOrThrow();
    expect(JSON.parse(stored.agreed_json!)['1.1'].score).toBe('15');
    const audited = await t.db.db.selectFrom('audit_log').select('after_json').where('action', '=', 'evaluationApplication.agree').where('entity_id', '=', String(f.app.id)).executeTakeFirstOrThrow();
    expect(JSON.parse(audited.after_json!)).toMatchObject({ item: '1.1', score: '15' });
    // one stored as typed before (15.00, by an earlier release) reads the same
    await t.db.db.updateTable('evaluation_application').set({ agreed_json: JSON.stringify({ '1.1': { ...JSON.parse(stored.agreed_json!)['1.1'], score: '15.00' } }) }).where('id', '=', f.app.id).execute();
    expect(await item11()).toMatchObject({ agreed: { score: '15' }, combined: '15', open: false });
    // on site 王教授 finds the plan issued after all: 20 and 20, nothing to settle, the method's 20 counts
    await revise('王教授', 20, '现场核实规划已印发');
    expect(await item11()).toMatchObject({ flagged: false, agreed: null, combined: '20', open: false });
    // then 李高工 finds the plan's measures missing: 20 and 0 — a disagreement again, but not the one the leader settled
    await revise('李高工', 0, '现场核查未见具体工作措施');
    const reopened = await item11();
    expect(reopened).toMatchObject({ flagged: true, agreed: null, staleAgreed: { score: '15' }, open: true, combined: '10' });
    // the stale 15 is out of the total: it is provisional, at the method's 10 for 1.1
    const now = (await leader.request('GET', `${url()}/consolidation`)).json;
    expect(now.consolidation.openItems).toEqual(['1.1']);
    expect(now.consolidation.passed).toBeNull();
    expect(now.consolidation.sections[0].score).toBe(String(10 + 30 + 30));
    expect(now.abilities).toMatchObject({ confirm: false, waiting: expect.stringContaining('1.1') });
    const refused = await leader.request('POST', `${url()}/consolidate`, { version: now.version });
    expect([refused.status, refused.json.message]).toEqual([409, '第1.1项组长确定得分后专家评分有变动，请组长重新确定得分后再确认']);
    // settled again, on the scores as they are now: it counts, and the 综合评价 can be confirmed
    expect((await leader.request('PUT', `${url()}/agreed/1.1`, { score: '5', reason: '规划已印发但缺少具体措施，讨论后确定', version: now.version })).status).toBe(200);
    expect(await item11()).toMatchObject({ agreed: { score: '5' }, staleAgreed: null, combined: '5', open: false });
    const after = (await leader.request('GET', `${url()}/consolidation`)).json;
    expect((await leader.request('POST', `${url()}/consolidate`, { version: after.version })).status).toBe(200);
  });

  it('the stored agreed score keeps the expert scores it was decided on, plainly, and the audit row says so', async () => {
    const row = await t.db.db.selectFrom('evaluation_application').select('agreed_json').where('id', '=', f.app.id).executeTakeFirstOrThrow();
    const [wang, li] = [String(f.experts['王教授']), String(f.experts['李高工'])];
    expect(JSON.parse(row.agreed_json!)).toEqual({ '1.1': { score: '5', reason: '规划已印发但缺少具体措施，讨论后确定', expertScores: { [wang]: '20', [li]: '0' } } });
    const audit = await t.db.db.selectFrom('audit_log').select(['after_json']).where('action', '=', 'evaluationApplication.agree').where('entity_id', '=', String(f.app.id)).orderBy('id').execute();
    expect(audit.map((r) => JSON.parse(r.after_json!).expertScores)).toEqual([
      { [wang]: '0', [li]: '20' },
      { [wang]: '20', [li]: '0' },
    ]);
  });

  it('the applicant, sent the report, reads the agreed score and its reason, never one expert’s score', async () => {
    const cur = (await f.office.request('GET', url())).json;
    expect((await f.office.request('POST', `${url()}/transition`, { event: 'sendReport', version: cur.version })).status).toBe(200);
    const seen = (await f.yuelu.request('GET', `${url()}/consolidation`)).json.consolidation;
    const i11 = seen.items.find((i: any) => i.code === '1.1');
    expect(i11).toMatchObject({ scores: [], outliers: [], basis: {}, agreed: { score: '5', reason: '规划已印发但缺少具体措施，讨论后确定' }, combined: '5' });
    expect([i11.basis, i11.agreed.expertScores]).toEqual([{}, undefined]);
    expect(seen.items.every((i: any) => Object.keys(i.basis).length === 0 && !i.staleAgreed)).toBe(true);
  });
});
