/**
 * 退回补正 of a submitted 自评: the organiser may send it back to the applicant with a reason (a missing basis, an item
 * scored against the wrong rule) while no expert has scored yet — 资料评审 reviews the 自评 as submitted, so once an
 * expert scores, the text under its scores no longer changes. The applicant sees the reason on the page and in its
 * to-do, corrects and submits again; meanwhile the draft is its own (experts do not read it). Audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedApplication, approvedPlan, fullAnswer, THREE_EXPERTS } from '../../../test/evaluation';
import { makeTestApp, testDialects, type TestApp } from '../../../test/helpers';

describe.each(testDialects())('creation evaluation: the office returns a submitted 自评 for correction, on %s', (dialect) => {
  let t: TestApp;
  let f: Awaited<ReturnType<typeof acceptedApplication>>;
  let plan: any;
  const REASON = '第 1.1 项自评满分但未附质量发展规划的出台文件，请补充依据或调整自评';
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    f = await acceptedApplication(t, THREE_EXPERTS);
    plan = await approvedPlan(f.office, f.app.id, f.fw, f.experts, ['王教授', '李高工']);
    for (const who of ['王教授', '李高工']) {
      const m = plan.members.find((x: any) => x.expert.name === who);
      await f.clients[who].request('POST', `/api/plan-members/${m.id}/recusal`, { version: m.version, conflict: false, relations: [], statement: '本人与申请单位无利害关系' });
    }
  });
  afterAll(() => t?.close());

  const url = () => `/api/evaluation-applications/${f.app.id}/self-assessment`;
  const selfTodos = async () => (await f.yuelu.request('GET', '/api/todos')).json.items.filter((x: any) => x.kind === 'evaluation.applicant').map((x: any) => [x.title, x.detail]);

  it('only the organiser returns it, with a reason; the applicant corrects it from its to-do and submits again', async () => {
    const seen = (await f.office.request('GET', url())).json;
    expect(seen).toMatchObject({ status: 'submitted', returnable: true, returnReason: null });
    const byApplicant = await f.yuelu.request('POST', `${url()}/return`, { version: seen.version, reason: REASON });
    expect(byApplicant.status).toBe(403);
    const noReason = await f.office.request('POST', `${url()}/return`, { version: seen.version, reason: '补' });
    expect(noReason.status).toBe(400);
    expect(noReason.json.message).toContain('退回理由至少5个字，请写明需要补正的内容');
    // marked 审查无误 in another window: a return from the page as it was is told who changed it and when, as every
    // lost race of the evaluation says
    const checked = await f.office.request('POST', `${url()}/check`, { version: seen.version });
    expect(checked.status).toBe(200);
    const stale = await f.office.request('POST', `${url()}/return`, { version: seen.version, reason: REASON });
    expect(stale.status).toBe(409);
    expect(stale.json.message).toMatch(/^自评已由.+于.+标记审查无误，请刷新后查看$/);
    // a checked 自评 can still be returned (before the experts score); it is then to be checked again
    const returned = await f.office.request('POST', `${url()}/return`, { version: checked.json.version, reason: REASON });
    expect(returned.status).toBe(200);
    expect(returned.json).toMatchObject({ status: 'open', statusLabel: '已退回补正', returnReason: REASON, returnable: false, editable: false });
    expect(await selfTodos()).toEqual([['补正2025年度创建评价自评', `退回理由：${REASON}`]]);
    // the draft is the applicant's again: the panel waits for the corrected one
    expect((await f.clients['王教授'].request('GET', url())).status).toBe(403);
    // the office that returned it is told so, not that it was never submitted
    const after = await f.office.request('GET', url());
    expect([after.status, after.json.message]).toEqual([403, '自评已退回补正：申请单位修改并重新提交后方可查看']);
    const mine = (await f.yuelu.request('GET', url())).json;
    expect(mine).toMatchObject({ status: 'open', editable: true, returnReason: REASON });
    const fixed = (await f.yuelu.request('PUT', `${url()}/1.1/a`, { version: mine.version, answer: { level: 10 }, note: '规划已报区政府审议，尚未出台' })).json;
    const again = await f.yuelu.request('POST', `${url()}/submit`, { version: fixed.version });
    expect(again.json).toMatchObject({ status: 'submitted', returnReason: null });
    expect(await selfTodos()).toEqual([]);
    expect((await f.clients['王教授'].request('GET', url())).json.items.find((i: any) => i.code === '1.1').criteria[0]).toMatchObject({ note: '规划已报区政府审议，尚未出台', score: '10' });
    const audit = await t.db.db.selectFrom('audit_log').select(['action', 'after_json']).where('entity_type', '=', 'self_assessment').where('action', 'in', ['selfAssessment.return', 'selfAssessment.submit']).orderBy('id').execute();
    expect(audit.map((r) => r.action)).toEqual(['selfAssessment.return', 'selfAssessment.submit']);
    expect(JSON.parse(audit[0].after_json!)).toMatchObject({ status: 'open', return_reason: REASON });
  });

  it('once an expert has scored, the 自评 under the scores stays as submitted', async () => {
    const saved = await f.clients['李高工'].request('PUT', `/api/evaluation-applications/${f.app.id}/sheet/1.2/a`, { version: null, answer: fullAnswer(f.fw, '1.2', 'a') });
    expect(saved.status).toBe(200);
    const seen = (await f.office.request('GET', url())).json;
    expect(seen.returnable).toBe(false);
    const late = await f.office.request('POST', `${url()}/return`, { version: seen.version, reason: REASON });
    expect([late.status, late.json.message]).toEqual([409, '评价专家已开始资料评审评分，自评不能再退回补正；需要核实的情况请在现场评审中核实并记入问题清单']);
    expect((await f.yuelu.request('GET', url())).json.status).toBe('submitted');
  });
});
