/**
 * The expert's score sheet shows, under each criterion, the applicant's 自评 of it (answer, score, 说明), so that an
 * expert scores item by item without going back and forth to the 自评 page. The sheet page reads it where the
 * application's `selfAssessment` link says the caller may, from the 自评 route (materialReadRefusal, one rule): an
 * expert of the approved plan who declared no conflict reads the lines; one on the plan not yet declared, and an
 * expert not on the plan, do not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Framework } from '../../../../shared/scoring/framework-schema';
import { acceptedApplication, approvedPlan, THREE_EXPERTS } from '../../../test/evaluation';
import { makeTestApp, testDialects, type Client, type TestApp } from '../../../test/helpers';

describe.each(testDialects())('creation evaluation: the 自评 beside the expert sheet, on %s', (dialect) => {
  let t: TestApp;
  let e: Record<string, Client>;
  let app: any;
  let fw: Framework;

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    let office: Client, yuelu: Client, experts: Record<string, number>;
    ({ office, yuelu, app, experts, clients: e, fw } = await acceptedApplication(t, THREE_EXPERTS, { selfSubmitted: false }));
    const put = await yuelu.request('PUT', `/api/evaluation-applications/${app.id}/self-assessment/1.1/a`, { version: null, answer: { level: 10 }, note: '质量发展规划已报区政府审议' });
    expect(put.status).toBe(200);
    await t.db.db.updateTable('self_assessment').set({ status: 'submitted' }).where('application_id', '=', app.id).execute();
    const plan = await approvedPlan(office, app.id, fw, experts, ['王教授', '李高工']);
    const wang = plan.members.find((m: any) => m.expert.name === '王教授');
    expect((await e['王教授'].request('POST', `/api/plan-members/${wang.id}/recusal`, { version: 1, conflict: false, relations: [], statement: '本人与申请单位无利害关系' })).status).toBe(200);
  });
  afterAll(() => t?.close());

  const links = async (c: Client) => {
    const r = await c.request('GET', `/api/evaluation-applications/${app.id}`);
    return r.status === 200 ? { sheet: r.json.links.sheet, selfAssessment: r.json.links.selfAssessment } : r.status;
  };
  const selfLine = async (c: Client) => {
    const r = await c.request('GET', `/api/evaluation-applications/${app.id}/self-assessment`);
    if (r.status !== 200) return r.status;
    const c11 = r.json.items.find((i: any) => i.code === '1.1').criteria.find((x: any) => x.code === 'a');
    return { answer: c11.answer, score: c11.score, note: c11.note };
  };

  it('an expert of the approved plan who declared no conflict reads the 自评 lines of the criteria on the sheet', async () => {
    expect(await links(e['王教授'])).toEqual({ sheet: true, selfAssessment: true });
    const sheet = (await e['王教授'].request('GET', `/api/evaluation-applications/${app.id}/sheet`)).json;
    expect(sheet.items.find((i: any) => i.code === '1.1').criteria.map((c: any) => c.code)).toContain('a');
    expect(await selfLine(e['王教授'])).toEqual({ answer: { level: 10 }, score: '10', note: '质量发展规划已报区政府审议' });
  });

  it('an expert on the plan not yet declared, and an expert not on the plan, do not', async () => {
    expect(await links(e['李高工'])).toEqual({ sheet: false, selfAssessment: false });
    expect(await selfLine(e['李高工'])).toBe(403);
    expect(await links(e['陈研究员'])).toBe(404);
    expect(await selfLine(e['陈研究员'])).toBe(404);
  });
});
