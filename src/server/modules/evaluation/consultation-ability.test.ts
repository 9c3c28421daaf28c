/**
 * A consulted department's 回复 (the application page's answer form, the round list's 回复 / 查看) is the server's:
 * each consultation carries mayAnswer, from consultationAnswerRefusal — the refusal answerConsultation answers with —
 * not the page's reading of the role and c.status. Checked against the command: a consultation offered is answered
 * (200), one not offered is refused in the command's words. The demo has no submitted application with a consultation,
 * so one is made here: 岳阳市 applies to a new round, the office consults two departments.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeTestApp, orgIds, testDialects, type Client, type TestApp } from '../../test/helpers';

const declarations = ['I1', 'I2', 'I3', 'I4'].map((code) => ({ code, applies: false, statement: '近三年本市未发生该情形，经有关部门核实。' }));

describe.each(testDialects())('who may answer a consultation, as the page shows and the command agrees, on %s', (dialect) => {
  let t: TestApp;
  const as = {} as Record<'office' | 'yueyang' | 'samr' | 'ecology', Client>;
  let app: any;
  const answer = (c: Client, x: any) => c.request('POST', `/api/evaluation-consultations/${x.id}/answer`, { version: x.version, findings: [{ code: 'I1', applies: false }], answer: '经核实，无此情形' });
  /** the consultations as the application page shows them to c */
  const onPage = async (c: Client) => (await c.request('GET', `/api/evaluation-applications/${app.id}`)).json.consultations as any[];
  /** the department's own list (the round page's 受理审查征求意见) */
  const listed = async (c: Client) => (await c.request('GET', '/api/evaluation-consultations')).json.items as any[];

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    for (const u of ['office', 'yueyang', 'samr', 'ecology'] as const) as[u] = await login(t.app, u);
    const round = (await as.office.request('POST', '/api/evaluation-rounds', { year: 2024, title: '2024年度质量强市（县）创建评价' })).json;
    const draft = (await as.yueyang.request('POST', `/api/evaluation-rounds/${round.id}/applications`, { contactName: '李明', contactPhone: '0730-8888888', conditions: declarations })).json;
    app = (await as.yueyang.request('POST', `/api/evaluation-applications/${draft.id}/transition`, { event: 'submit', version: draft.version })).json;
    expect(app.status).toBe('submitted');
    const departmentIds = await orgIds(t.db, ['samr', 'ecology']);
    const asked = await as.office.request('POST', `/api/evaluation-applications/${app.id}/consultations`, { departmentIds, conditions: ['I1'], question: '请核实岳阳市近三年是否发生重大产品质量安全事故' });
    expect(asked.status).toBe(201);
  });
  afterAll(() => t.close());

  it('a pending consultation is offered to its department only, on both pages', async () => {
    for (const dept of [as.samr, as.ecology]) {
      expect((await onPage(dept)).map((x) => [x.status, x.mayAnswer])).toEqual([['pending', true]]);
      expect((await listed(dept)).map((x) => [x.status, x.mayAnswer])).toEqual([['pending', true]]);
    }
    // the office and the applicant read them, and answer none
    expect((await onPage(as.office)).map((x) => x.mayAnswer)).toEqual([false, false]);
    expect((await onPage(as.yueyang)).map((x) => x.mayAnswer)).toEqual([false, false]);
    expect((await answer(as.office, (await onPage(as.office))[0])).status).toBe(403);
  });

  it('an answer giving one condition twice (存在, then 不存在) is refused, not read as its last opinion', async () => {
    const [mine] = await listed(as.samr);
    const twice = await as.samr.request('POST', `/api/evaluation-consultations/${mine.id}/answer`, {
      version: mine.version,
      findings: [
        { code: 'I1', applies: true },
        { code: 'I1', applies: false },
      ],
      answer: '经核实，存在该情形',
    });
    expect([twice.status, twice.json.message, twice.json.fields]).toEqual([400, '情形I1的意见填写了两次', [{ field: 'findings.1.code', message: '每种情形只给出一次意见' }]]);
    expect((await listed(as.samr))[0].status).toBe('pending');
  });

  it('once answered it is offered no more, and a second answer is refused', async () => {
    const [mine] = await listed(as.samr);
    expect((await answer(as.samr, mine)).status).toBe(200);
    const after = (await listed(as.samr))[0];
    expect([after.status, after.mayAnswer]).toEqual(['answered', false]);
    expect((await onPage(as.samr))[0].mayAnswer).toBe(false);
    const twice = await answer(as.samr, after);
    expect([twice.status, twice.json.message]).toEqual([409, '本单位已回复该征求意见，无需再次回复']);
  });

  it('once the office decides, the unanswered one is closed: not offered, and the command says why', async () => {
    const current = (await as.office.request('GET', `/api/evaluation-applications/${app.id}`)).json;
    const back = await as.office.request('POST', `/api/evaluation-applications/${app.id}/transition`, { event: 'return', version: current.version, reason: '请补充近三年质量安全事故的核实材料' });
    expect(back.status).toBe(200);
    const [theirs] = await listed(as.ecology);
    expect([theirs.status, theirs.mayAnswer]).toEqual(['closed', false]);
    const late = await answer(as.ecology, theirs);
    expect([late.status, late.json.message]).toEqual([409, '评价组织单位已对该申请作出受理决定（受理、退回补正或不予受理），本次征求意见已结束，无需再回复']);
  });
});
