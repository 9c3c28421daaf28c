/**
 * An expert's sheet page offers what the server does: `abilities` on the sheet (score and 提交评分, 重新打开（现场评审）,
 * 记录现场问题) come from the same refusals the commands call (scoreRefusal, sheetReopenRefusal, findingRefusal), and so do
 * the 综合评价's (确定得分 and 确认综合评价: the team leader's, leaderActRefusal and confirmRefusal). The
 * page used to decide by itself — scoring while the sheet was open and the 自评 submitted, reopening whenever submitted,
 * recording findings always — and offered what the server then refused: scoring after the document review closed,
 * reopening outside the on-site dates, recording a finding once the review was over.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedApplication, approvedPlan, china, fullAnswer, scoreInFull, THREE_EXPERTS } from '../../../test/evaluation';
import { makeTestApp, testDialects, type Client, type TestApp } from '../../../test/helpers';

describe.each(testDialects())('creation evaluation: the sheet page’s abilities are the commands’ refusals, on %s', (dialect) => {
  let t: TestApp;
  let f: Awaited<ReturnType<typeof acceptedApplication>>;
  let wang: Client, li: Client;
  let plan: any;
  const url = () => `/api/evaluation-applications/${f.app.id}`;
  const setPlan = (values: Record<string, string | null>) => t.db.db.updateTable('evaluation_plan').set(values).where('id', '=', plan.id).execute();

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    f = await acceptedApplication(t, THREE_EXPERTS);
    plan = await approvedPlan(f.office, f.app.id, f.fw, f.experts, ['王教授', '李高工']);
    [wang, li] = [f.clients['王教授'], f.clients['李高工']];
    for (const who of ['王教授', '李高工']) {
      const m = plan.members.find((x: any) => x.expert.name === who);
      expect((await f.clients[who].request('POST', `/api/plan-members/${m.id}/recusal`, { version: m.version, conflict: false, relations: [], statement: '本人与申请单位无利害关系' })).status).toBe(200);
    }
  });
  afterAll(() => t?.close());

  it('while the document review is on: score and record findings; no reopening of an open sheet', async () => {
    const sheet = (await wang.request('GET', `${url()}/sheet`)).json;
    expect(sheet.abilities).toEqual({ score: true, reopen: false, recordFinding: true });
  });

  it('the document review closed (before the on-site review): the page offers no scoring, and the server refuses it', async () => {
    await setPlan({ document_review_end: china(-1), site_review_start: china(3), site_review_end: china(6) });
    const sheet = (await wang.request('GET', `${url()}/sheet`)).json;
    expect(sheet.abilities).toEqual({ score: false, reopen: false, recordFinding: true });
    const put = await wang.request('PUT', `${url()}/sheet/1.1/a`, { version: sheet.version, answer: fullAnswer(f.fw, '1.1', 'a') });
    expect([put.status, put.json.message]).toEqual([409, `资料评审已于${china(-1)}截止，不能再评分`]);
  });

  it('a submitted sheet outside the on-site dates: no 重新打开 offered, and the server refuses it', async () => {
    await setPlan({ document_review_end: china(0), site_review_start: china(0), site_review_end: china(5) });
    for (const who of [wang, li]) {
      const version = await scoreInFull(who, f.app.id, f.fw, f.fw.sections.flatMap((s) => s.items.map((i) => i.code)), ['3.5.b']);
      expect((await who.request('POST', `${url()}/sheet/submit`, { version })).status).toBe(200);
    }
    let sheet = (await wang.request('GET', `${url()}/sheet`)).json;
    expect(sheet.abilities).toEqual({ score: false, reopen: true, recordFinding: true });
    await setPlan({ site_review_start: china(3), site_review_end: china(6) });
    sheet = (await wang.request('GET', `${url()}/sheet`)).json;
    expect(sheet.abilities).toEqual({ score: false, reopen: false, recordFinding: true });
    const reopen = await wang.request('POST', `${url()}/sheet/reopen`, { version: sheet.version });
    expect([reopen.status, reopen.json.message]).toEqual([409, `现场评审自${china(3)}开始，尚不能评分`]);
    // the 综合评价 waits for the on-site review: the team leader is told why on the page, and the server says the same
    const waiting = (await wang.request('GET', `${url()}/consolidation`)).json;
    expect(waiting.abilities).toMatchObject({ agree: true, confirm: false });
    const early = await wang.request('POST', `${url()}/consolidate`, { version: waiting.version });
    expect([early.status, early.json.message]).toEqual([409, waiting.abilities.waiting]);
    expect(waiting.abilities.waiting).toContain(`尚未开始`);
  });

  it('the review over (综合评价 confirmed): nothing offered, and the server refuses a finding', async () => {
    await setPlan({ site_review_start: china(0), site_review_end: china(5) });
    const consolidation = (await wang.request('GET', `${url()}/consolidation`)).json;
    expect(consolidation.abilities).toEqual({ agree: true, confirm: true, waiting: null });
    // another expert of the panel is not offered the team leader's 确定得分 and 确认综合评价, and is refused them
    const other = (await li.request('GET', `${url()}/consolidation`)).json;
    expect(other.abilities).toEqual({ agree: false, confirm: false, waiting: null });
    const byOther = await li.request('POST', `${url()}/consolidate`, { version: other.version });
    expect([byOther.status, byOther.json.message]).toEqual([403, '只有评价组组长可以确认综合评价结果']);
    expect((await f.office.request('GET', `${url()}/consolidation`)).json.abilities).toEqual({ agree: false, confirm: false, waiting: null });
    const confirmed = await wang.request('POST', `${url()}/consolidate`, { version: consolidation.version });
    expect(confirmed.status).toBe(200);
    // the same page's second click (a double click, another window): who confirmed and when, not 「不在评审阶段」
    const again = await wang.request('POST', `${url()}/consolidate`, { version: consolidation.version });
    expect(again.status).toBe(409);
    expect(again.json.message).toMatch(/^该申请已由您在其他窗口于\d{4}-\d{2}-\d{2} \d{2}:\d{2}确认综合评价结果，请刷新后查看$/);
    const lateAgree = await wang.request('PUT', `${url()}/agreed/1.1`, { version: consolidation.version, score: '10', reason: '组长确定得分' });
    expect([lateAgree.status, lateAgree.json.message]).toEqual([409, again.json.message]);
    const sheet = (await wang.request('GET', `${url()}/sheet`)).json;
    expect(sheet.abilities).toEqual({ score: false, reopen: false, recordFinding: false });
    expect((await wang.request('GET', `${url()}/consolidation`)).json.abilities).toEqual({ agree: false, confirm: false, waiting: null });
    const finding = await wang.request('POST', `${url()}/findings`, { itemCode: '1.1', text: '现场核查发现规划文件未出台' });
    expect([finding.status, finding.json.message]).toEqual([409, '本申请的综合评价已确认，现场评审随之结束，不能再记录现场评审发现的问题；评分和现场评审发现的问题以确认时为准，写入评价报告']);
  });
});
