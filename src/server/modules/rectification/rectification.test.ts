/**
 * 整改事项 supervision through the API (issue 13), on SQLite and PostgreSQL, with a controllable clock (config.now),
 * no sleeps: the demo's items from the 2022 results and a DB43 deduction; the office and an evaluating department
 * raise items from a city's lost criteria of the published 2022 assessment (the department only from the criteria
 * it scored); the city saves a draft, edits and submits it (no lower progress without a reason); the office sends the
 * latest report back, the city corrects it (attachments open only then) and resubmits; the 整改事项通报 .docx; an overdue report escalates 催办 → 督办单; an
 * extension is asked before the deadline and approved, and after it (逾期申请延期, marked late, judged against the missed deadline); closure is returned with a reason, then
 * accepted (销号); a lagging plan indicator is raised for a unit and year. Bad input is a Chinese 400 with nothing
 * saved; a stale version a 409; every change audited; the to-dos follow.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lostCriteria } from '../../../shared/contracts/rectification';
import { chinaMoment } from '../../../shared/deadline';
import { addDays } from '../../../shared/workplan/rules';
import { laggingBindingIndicators } from '../indicators';
import { login, makeTestApp, named, orgId, raceAgainstHeld, testDialects, type Client, type TestApp } from '../../test/helpers';
import { multipart, PDF } from '../../test/multipart';
import { loadRectificationTodoState } from './index';
import { insertRectification } from './rectification.queries';

describe.each(testDialects())('rectification supervision on %s', (dialect) => {
  let t: TestApp;
  let now = new Date('2026-11-28T02:00:00Z');
  const at = (iso: string) => (now = new Date(`${iso}T02:00:00Z`));
  let office: Client;
  let samr: Client;
  let yueyang: Client;
  let changsha: Client;
  let cycleId: number;
  let lost: any[];
  /** 岳阳市's every criterion line in the 2022 results */
  let unitLines: any[];
  let item: any;
  const todos = async (c: Client) => (await c.request('GET', '/api/todos')).json.items as any[];
  const audits = async (action: string) => (await t.db.db.selectFrom('audit_log').select('action').where('action', '=', action).execute()).length;
  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: () => now, dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'kp-rect-')) }, { demoAssessment: true });
    [office, samr, yueyang, changsha] = await Promise.all(['office', 'samr', 'yueyang', 'changsha'].map((u) => login(t.app, u)));
    cycleId = (await t.db.db.selectFrom('assessment_cycle').select('id').where('year', '=', 2022).executeTakeFirstOrThrow()).id;
    const results = (await office.request('GET', `/api/cycles/${cycleId}/results`)).json;
    unitLines = results.units.find((u: any) => u.unitCode === '430600').criteria;
    lost = lostCriteria(results.units.find((u: any) => u.unitCode === '430600'));
  });
  afterAll(() => t.close());

  it('the demo: 衡阳市’s deduction and 湘西州’s veto from the 2022 results, 常德市’s DB43 deduction, each linked to its source', async () => {
    const r = await office.request('GET', '/api/rectifications');
    expect(r.status).toBe(200);
    const hy = r.json.items.find((x: any) => x.owner.name === '衡阳市');
    const xx = r.json.items.find((x: any) => x.owner.name === '湘西州' || x.owner.name === '湘西土家族苗族自治州');
    const cd = r.json.items.find((x: any) => x.source.type === 'evaluation' && x.source.ref === '4.3');
    expect(hy).toMatchObject({ source: { type: 'assessment', id: cycleId, path: `/assessment/${cycleId}?tab=results` }, status: 'open', progress: 40 });
    expect(hy.title).toContain('2022年度考核');
    // its source names the key point by its one name, its code with its item’s title (… · 衡阳市 · 7.a 产品质量安全保障), not 第7.a项
    expect(hy.source.label).toMatch(/ · 衡阳市 · \d+\.[a-z] \S+$/);
    // a 减分项 reads as what it took off, never as "5分中得2分"
    const hyDetail = (await office.request('GET', `/api/rectifications/${hy.id}`)).json.detail as string;
    expect(hyDetail.split('\n')[0]).toMatch(/^减分项：减\d+(\.\d+)?分（本项最多减\d+(\.\d+)?分）$/);
    expect(xx.title).toContain('否决项');
    // its deadline still ahead, red from a late monthly report alone: called 报送逾期, not 逾期 (the task's own date missed)
    expect(xx).toMatchObject({ light: 'red', lightLabel: '报送逾期', escalation: { notice: 'order' } });
    expect(xx.deadline > '2026-11-28').toBe(true);
    expect(cd).toMatchObject({ source: { path: expect.stringMatching(/^\/evaluation\/applications\/\d+$/) }, progress: 30 });
    // 常德市's on-site finding answered the 督办单 on its second month with a 逾期原因 (the demo's reply)
    const site = (await office.request('GET', `/api/rectifications/${r.json.items.find((x: any) => x.source.type === 'evaluation_site').id}`)).json;
    const order = site.notices.find((n: any) => n.kind === 'order');
    expect(site.reports.find((x: any) => x.period === order.period)).toMatchObject({ status: 'submitted', lateReason: expect.stringContaining('会签意见迟迟未回') });
    expect((await office.request('GET', '/api/rectifications?source=assessment')).json.items).toHaveLength(2);
    expect((await office.request('GET', '/api/rectifications?light=red')).json.items.map((x: any) => x.id)).toContain(xx.id);
    const detail = (await office.request('GET', `/api/rectifications/${hy.id}`)).json;
    expect(detail.extensions).toMatchObject([{ status: 'pending' }]);
    expect(detail.abilities).toMatchObject({ decide: true, report: false });
    expect((await todos(office)).filter((x) => x.kind === 'rectification.review').map((x) => x.link)).toContain(`/rectifications/${hy.id}`);
    // a city sees its own items only
    expect((await yueyang.request('GET', `/api/rectifications/${hy.id}`)).status).toBe(404);
    expect((await yueyang.request('GET', '/api/rectifications')).json.items).toEqual([]);
    // a city's office oversees its own region only: none of these items (衡阳, 湘西, 常德) nor their files or notice
    const yyOffice = await login(t.app, 'yueyang.office');
    expect((await yyOffice.request('GET', '/api/rectifications')).json.items).toEqual([]);
    for (const x of [hy, xx, cd]) expect((await yyOffice.request('GET', `/api/rectifications/${x.id}`)).status, x.title).toBe(404);
    // the province's leader sees every item, as the province's office does
    const leader = await login(t.app, 'leader');
    expect((await leader.request('GET', '/api/rectifications')).json.items.map((x: any) => x.id)).toEqual(r.json.items.map((x: any) => x.id));
    // each owner has a demo account and sees its own item; 湘西州 has its report on its 待办, marked 督办单
    const xiangxi = await login(t.app, 'xiangxi');
    expect((await xiangxi.request('GET', '/api/rectifications')).json.items.map((x: any) => x.id)).toEqual([xx.id]);
    expect((await todos(xiangxi)).filter((x) => x.kind === 'rectification.report').map((x) => [x.link, x.detail])).toEqual([[`/rectifications/${xx.id}`, `提出单位已就${xx.escalation.periodLabel}进展下发督办单，请即报送并填写逾期原因（至少5个字），说明未按期报送的原因`]]);
    expect((await (await login(t.app, 'hengyang')).request('GET', '/api/rectifications')).json.items.map((x: any) => x.id)).toEqual([hy.id]);
    const changde = await login(t.app, 'changde');
    const cdView = (await changde.request('GET', `/api/rectifications/${cd.id}`)).json;
    expect(cdView.abilities).toMatchObject({ report: true });
    // the demo's report sent back: 常德市 sees the reason on the page and on its 待办
    const sentBack = cdView.reports.find((x: any) => x.status === 'returned');
    expect(sentBack.returnReason).toContain('印发文件');
    expect((await todos(changde)).find((x) => x.key === `rectification.report-returned:${sentBack.id}`)?.link).toBe(`/rectifications/${cd.id}`);
    // and only that one: the first-answer to-do of the same item ("答复整改情况") is gone once it has reports
    expect((await todos(changde)).filter((x) => x.kind === 'rectification.answer').map((x) => x.title)).not.toContain(`答复整改情况：${cd.title}`);
    // the demo's draft: 衡阳市's own, unseen by the office
    const hengyang = await login(t.app, 'hengyang');
    expect((await hengyang.request('GET', `/api/rectifications/${hy.id}`)).json.reports.map((x: any) => x.status)).toEqual(['submitted', 'draft']);
    expect(detail.reports.map((x: any) => x.status)).toEqual(['submitted']);
  });

  it('the demo names who did what as the commands would: the owner reported and asked, the raiser decided and noticed', async () => {
    const orgOf = new Map((await t.db.db.selectFrom('app_user').select(['id', 'org_unit_id']).execute()).map((u) => [u.id, u.org_unit_id]));
    const items = new Map((await t.db.db.selectFrom('rectification').select(['id', 'owner_org_id', 'raised_by_org_id']).execute()).map((r) => [r.id, r]));
    const rows: [string, number | null, number | null][] = [];
    for (const x of await t.db.db.selectFrom('rectification_report').selectAll().execute()) {
      rows.push([`report ${x.id} submitted_by`, x.submitted_by === null ? x.org_id : orgOf.get(x.submitted_by)!, x.org_id]);
      rows.push([`report ${x.id} updated_by`, orgOf.get(x.updated_by!)!, x.org_id]);
      if (x.returned_by !== null) rows.push([`report ${x.id} returned_by`, orgOf.get(x.returned_by)!, items.get(x.rectification_id)!.raised_by_org_id]);
    }
    for (const x of [...(await t.db.db.selectFrom('rectification_extension').selectAll().execute()), ...(await t.db.db.selectFrom('rectification_closure').selectAll().execute())]) {
      rows.push([`request ${x.id} created_by`, orgOf.get(x.created_by)!, items.get(x.rectification_id)!.owner_org_id]);
      if (x.decided_by !== null) rows.push([`request ${x.id} decided_by`, orgOf.get(x.decided_by)!, items.get(x.rectification_id)!.raised_by_org_id]);
    }
    expect(rows.length).toBeGreaterThan(8);
    expect(rows.filter(([, by, expected]) => by !== expected).map(([what]) => what)).toEqual([]);
    // what the owner is told when its page is stale: its own colleague's report, not the office's
    const xiangxi = await login(t.app, 'xiangxi');
    const xx = (await xiangxi.request('GET', '/api/rectifications')).json.items[0];
    const stale = await xiangxi.request('PUT', `/api/rectifications/${xx.id}/report`, { version: 7, progress: 30, text: '继续推进整改工作' });
    expect([stale.status, stale.json.message]).toEqual([409, expect.stringMatching(/^该进展报告已由您在其他窗口于\d{4}-\d{2}-\d{2} 10:00报送，/)]);
  });

  it('答复整改情况: the to-do names exactly the items answerOwed says owe their first answer', async () => {
    // an evaluation's item never answered and without a report, beside the demo's 常德市 item (which has reports)
    const cd = await t.db.db.selectFrom('rectification').selectAll().where('source_type', '=', 'evaluation').executeTakeFirstOrThrow();
    const { source_type, source_id, source_label, owner_org_id, raised_by_org_id, detail, due_on, started_on, created_by } = cd;
    const fresh = { source_type, source_id, source_label, owner_org_id, raised_by_org_id, detail, due_on, started_on, created_by };
    const { id } = await insertRectification(t.db.db, { ...fresh, source_ref: '9.9', title: '测试：尚未答复的整改事项', created_at: now.toISOString() });
    try {
      const { items, answersOwed } = await loadRectificationTodoState(t.db.db, now);
      expect(answersOwed.map((x) => x.id)).toEqual(items.filter((x) => x.answerPending).map((x) => x.id));
      expect(answersOwed).toEqual([{ id, applicationId: cd.source_id, ownerOrgId: cd.owner_org_id, title: '测试：尚未答复的整改事项', dueOn: cd.due_on }]);
      const changde = await login(t.app, 'changde');
      expect((await todos(changde)).filter((x) => x.kind === 'rectification.answer').map((x) => [x.key, x.link])).toEqual([[`rectification.answer:${id}`, `/evaluation/applications/${cd.source_id}`]]);
    } finally {
      await t.db.db.deleteFrom('rectification').where('id', '=', id).execute();
    }
  });

  it('an evaluating department raises only from the criteria it scored; the office from any lost criterion; twice is a 409', async () => {
    expect(lost.length).toBeGreaterThan(1);
    const samrId = await orgId(t.db, 'samr');
    // the demo's 岳阳市 lost points on a criterion 省市场监管局 scores and on one another department scores
    const mine = lost.find((c) => c.department?.code === 'samr')!;
    const other = lost.find((c) => c.department?.code !== 'samr')!;
    expect([mine?.code, other?.code]).toEqual([expect.any(String), expect.any(String)]);
    const unitId = await orgId(t.db, '430600');
    const body = (codes: string[]) => ({ cycleId, unitId, criterionCodes: codes, dueOn: '2027-01-31' });
    const notScored = await samr.request('POST', '/api/rectifications/from-assessment', body([other.code]));
    expect(notScored.status).toBe(403);
    expect(notScored.json.message).toContain('不由本单位评分');
    const scored = await samr.request('POST', '/api/rectifications/from-assessment', body([mine.code]));
    expect(scored.status).toBe(201);
    expect(scored.json.items[0].raisedBy.id).toBe(samrId);
    const rest = lost.filter((c) => c !== mine).slice(0, 2);
    const r = await office.request('POST', '/api/rectifications/from-assessment', body(rest.map((c) => c.code)));
    expect(r.status).toBe(201);
    expect(r.json.items.length).toBe(rest.length + 1);
    item = r.json.items.find((x: any) => x.source.ref === `${unitId}:${rest[0].code}`);
    expect(item).toMatchObject({ status: 'open', statusLabel: '待整改', deadline: '2027-01-31', startedOn: '2026-11-28', owner: { name: '岳阳市' }, light: 'green' });
    // the key point by its one name, its code with its item's title (7.a 产品质量安全保障) as the results name it, not 第7.a项
    const { title: cycleTitle } = await t.db.db.selectFrom('assessment_cycle').select('title').where('id', '=', cycleId).executeTakeFirstOrThrow();
    expect(rest[0].itemTitle).toEqual(expect.stringMatching(/\S/));
    expect(item.source.label).toBe(`${cycleTitle} · 岳阳市 · ${rest[0].code} ${rest[0].itemTitle}`);
    const again = await office.request('POST', '/api/rectifications/from-assessment', body([rest[0].code]));
    expect([again.status, again.json.message]).toEqual([409, expect.stringMatching(named(`「${item.title}」已由您于<T>提出整改要求（待整改），请到整改事项中查看`))]);
    expect(again.json.fields).toEqual([{ field: 'criterionCodes.0', message: '已提出' }]);
    // raised by the department that scored it: the office is told who, of which unit, and when
    const raisedBySamr = (await office.request('GET', '/api/rectifications')).json.items.find((x: any) => x.source.ref === `${unitId}:${mine.code}`);
    const samrMe = (await samr.request('GET', '/api/auth/me')).json;
    const byOffice = await office.request('POST', '/api/rectifications/from-assessment', body([mine.code]));
    expect([byOffice.status, byOffice.json.message]).toEqual([409, expect.stringMatching(named(`「${raisedBySamr.title}」已由${samrMe.displayName}（省市场监督管理局）于<T>提出整改要求（待整改），请到整改事项中查看`))]);
    expect(byOffice.json.fields).toEqual([{ field: 'criterionCodes.0', message: '已提出' }]);
    const unknown = await office.request('POST', '/api/rectifications/from-assessment', { ...body(['99.z']) });
    expect([unknown.status, unknown.json.message]).toEqual([400, '本次考核没有考核要点「99.z」']);
    const kept = unitLines.find((c) => !lost.includes(c));
    const notLost = await office.request('POST', '/api/rectifications/from-assessment', { ...body([kept.code]) });
    expect([notLost.status, notLost.json.message]).toEqual([400, `考核要点「${kept.code} ${kept.itemTitle}」没有失分，无需整改`]);
    // a department hears nothing about the criteria it did not score, lost or not: the same 403 for both
    const othersKept = unitLines.find((c) => !lost.includes(c) && c.department?.code !== 'samr');
    const othersLost = lost.find((c) => c.department?.code !== 'samr');
    for (const { code, itemTitle } of [othersKept, othersLost]) {
      const r = await samr.request('POST', '/api/rectifications/from-assessment', body([code]));
      expect([r.status, r.json.message]).toEqual([403, `考核要点「${code} ${itemTitle}」不由本单位评分，只有组织考核的质强办或该考核要点的评价部门可以提出整改要求`]);
    }
    // an office that does not run the cycle is told it does not exist, as a cycle that does not exist is
    const yyOffice = await login(t.app, 'yueyang.office');
    const foreign = await yyOffice.request('POST', '/api/rectifications/from-assessment', body([rest[0].code]));
    const missing = await yyOffice.request('POST', '/api/rectifications/from-assessment', { ...body([rest[0].code]), cycleId: 99_999 });
    expect([foreign.status, missing.status]).toEqual([404, 404]);
    expect(foreign.json.message.replace(String(cycleId), 'N')).toBe(missing.json.message.replace('99999', 'N'));
    const past = await office.request('POST', '/api/rectifications/from-assessment', { ...body([rest[1]?.code ?? rest[0].code]), dueOn: '2026-11-01' });
    expect(past.status).toBe(400);
    expect(past.json.message).toContain('整改期限须晚于今天');
    // a slip of the year (9999) is refused, not stored: its monthly periods would run for millennia on every list and 待办
    const raisesBefore = await audits('rectification.raise');
    const fresh = lost.find((c) => c !== mine && !rest.includes(c));
    expect(fresh).toBeTruthy();
    const far = await office.request('POST', '/api/rectifications/from-assessment', { ...body([fresh.code]), dueOn: '9999-12-31' });
    expect([far.status, far.json.message, far.json.fields]).toEqual([400, '整改期限不能晚于2029-11-27（最长3年），请核对日期', [{ field: 'dueOn', message: '整改期限不能晚于2029-11-27（最长3年），请核对日期' }]]);
    expect(await audits('rectification.raise')).toBe(raisesBefore);
    expect((await changsha.request('POST', '/api/rectifications/from-assessment', body([rest[0].code]))).status).toBe(403);
    expect(await audits('rectification.raise')).toBeGreaterThanOrEqual(rest.length);
    expect((await yueyang.request('GET', '/api/rectifications')).json.items.length).toBe(rest.length + 1);
  });

  it.runIf(dialect === 'postgres')('a raise while 省市场监管局 raises the same criterion at that moment: a 409 naming who raised it and when, not the bare unique key', async () => {
    const unitId = await orgId(t.db, '430600');
    const raised = new Set((await t.db.db.selectFrom('rectification').select('source_ref').where('source_type', '=', 'assessment').where('source_id', '=', cycleId).execute()).map((r) => r.source_ref));
    const free = lost.find((c) => c.department?.code === 'samr' && !raised.has(`${unitId}:${c.code}`)) ?? lost.find((c) => !raised.has(`${unitId}:${c.code}`));
    expect(free?.code).toEqual(expect.any(String));
    const samrUser = await t.db.db.selectFrom('app_user').select(['id', 'display_name']).where('username', '=', 'samr').executeTakeFirstOrThrow();
    const title = `2022年度考核第${free.code}项：同一时刻提出`;
    const samrOrg = await orgId(t.db, 'samr');
    const res = await raceAgainstHeld(
      t.db,
      (trx) =>
        insertRectification(trx, {
          source_type: 'assessment',
          source_id: cycleId,
          source_ref: `${unitId}:${free.code}`,
          source_label: '同一时刻提出',
          owner_org_id: unitId,
          raised_by_org_id: samrOrg,
          title,
          detail: '同一时刻提出',
          due_on: '2027-01-31',
          started_on: '2026-11-28',
          created_by: samrUser.id,
          created_at: now.toISOString(),
        }),
      () => office.request('POST', '/api/rectifications/from-assessment', { cycleId, unitId, criterionCodes: [free.code], dueOn: '2027-01-31' }),
    );
    try {
      expect([res.status, res.json.message, res.json.fields]).toEqual([
        409,
        expect.stringMatching(named(`「${title}」已由${samrUser.display_name}（省市场监督管理局）于<T>提出整改要求（待整改），请到整改事项中查看`)),
        [{ field: 'criterionCodes.0', message: '已提出' }],
      ]);
      // the one that won, and nothing of the loser
      expect((await t.db.db.selectFrom('rectification').select('title').where('source_type', '=', 'assessment').where('source_id', '=', cycleId).where('source_ref', '=', `${unitId}:${free.code}`).execute()).map((r) => r.title)).toEqual([title]);
    } finally {
      await t.db.db.deleteFrom('rectification').where('title', '=', title).execute();
    }
  });

  it('a department that takes no part in a cycle hears that it does not exist, published or not (never its stage)', async () => {
    // 教育厅 takes part in the 2023 provincial call only: not in 岳阳市's county cycle (scoring, unpublished) nor the 2022 one
    const education = await login(t.app, 'education');
    const seen = (await education.request('GET', '/api/cycles')).json.items.map((x: any) => x.id);
    const yyCycle = (await t.db.db.selectFrom('assessment_cycle').select(['id', 'status']).where('year', '=', 2023).where('status', '=', 'scoring').executeTakeFirstOrThrow()).id;
    expect(seen).not.toContain(yyCycle);
    expect(seen).not.toContain(cycleId);
    const unitId = await orgId(t.db, '430600');
    const ask = (id: number) => education.request('POST', '/api/rectifications/from-assessment', { cycleId: id, unitId, criterionCodes: [lost[0].code], dueOn: '2027-01-31' });
    const missing = await ask(99_999);
    expect(missing.status).toBe(404);
    for (const id of [yyCycle, cycleId]) {
      const r = await ask(id);
      expect([r.status, r.json.message.replace(String(id), 'N')], `cycle ${id}`).toEqual([404, missing.json.message.replace('99999', 'N')]);
    }
  });

  it('the city saves a draft (versioned, its own), edits it and submits it; one report a month; bad input is a Chinese 400', async () => {
    const url = `/api/rectifications/${item.id}/report`;
    // the form names the month a new report answers
    expect((await yueyang.request('GET', `/api/rectifications/${item.id}`)).json.abilities).toMatchObject({ report: true, reportWaits: null, reportPeriod: '2026年11月' });
    const d = await yueyang.request('PUT', url, { version: 0, progress: 20, text: '整改方案初稿。' });
    expect([d.status, d.json.message]).toEqual([200, undefined]);
    expect(d.json.reports).toMatchObject([{ status: 'draft', statusLabel: '草稿', submittedAt: null, progress: 20, version: 1 }]);
    expect(d.json.progress).toBeNull();
    // a draft is the owner's alone: the office does not see it
    expect((await office.request('GET', `/api/rectifications/${item.id}`)).json.reports).toEqual([]);
    const edited = await yueyang.request('PUT', url, { version: 1, progress: 30, text: '已制定整改方案，明确责任分工。', nextSteps: '逐项落实' });
    expect(edited.status).toBe(200);
    expect(edited.json.reports).toMatchObject([{ status: 'draft', progress: 30, nextSteps: '逐项落实', version: 2 }]);
    const stale = await yueyang.request('PUT', url, { version: 1, progress: 35, text: '并发修改的草稿。' });
    expect(stale.status).toBe(409);
    expect(stale.json.message).toMatch(/^该进展报告已由您在其他窗口于2026-11-28 \d\d:\d\d保存，请刷新后查看最新内容再操作$/);
    expect((await yueyang.request('PUT', url, { version: 0, progress: 35, text: '第二份草稿。' })).status).toBe(409);
    const empty = await yueyang.request('PUT', url, { version: 2, progress: 30, text: '' });
    expect(empty.status).toBe(400);
    expect(empty.json.message).toContain('工作进展');
    // named as the form labels them: 工作进展 (not the shared 内容)
    const long = await yueyang.request('PUT', url, { version: 2, progress: 30, text: '长'.repeat(2001) });
    expect([long.status, long.json.message]).toEqual([400, '填写的内容有误 — 工作进展：工作进展不超过2000字']);
    expect((await changsha.request('PUT', url, { version: 2, progress: 50, text: '不是本单位的事项。' })).status).toBe(404);
    expect((await office.request('PUT', url, { version: 2, progress: 50, text: '质强办不是责任单位。' })).status).toBe(403);
    const draft = edited.json.reports[0];
    const r = await yueyang.request('POST', `/api/rectifications/${item.id}/reports/${draft.id}/submit`, { version: draft.version });
    expect([r.status, r.json.message]).toEqual([200, undefined]);
    expect(r.json.reports).toMatchObject([{ period: '2026-11', periodLabel: '2026年11月', progress: 30, status: 'submitted', statusLabel: '已报送' }]);
    expect(r.json.progress).toBe(30);
    const twice = await yueyang.request('POST', `/api/rectifications/${item.id}/reports/${draft.id}/submit`, { version: r.json.reports[0].version });
    expect(twice.status).toBe(409);
    expect(twice.json.message).toContain('已报送');
    // one report a month, as the work plan takes one a period: 11月's is in, so 12月's waits for its month; the page
    // says so in place of the form (a correction of 11月's goes through the office's 退回)
    const waits = '2026年11月整改进展已报送；2026年12月进展自2026年12月1日起报送。如需修改已报送的进展，请由提出单位退回';
    expect(r.json.abilities).toMatchObject({ report: false, reportWaits: waits, reportPeriod: null, askExtension: true, askClosure: true });
    for (const body of [{ version: 0, progress: 35, text: '同月的第二份进展。' }, { version: 0, progress: 20, text: '重新评估后下调进度。' }]) {
      const again = await yueyang.request('PUT', url, body);
      expect([again.status, again.json.message]).toEqual([409, waits]);
    }
    expect((await yueyang.request('GET', `/api/rectifications/${item.id}`)).json.reports).toHaveLength(1);
    expect(await audits('rectificationReport.submit')).toBe(1);
    expect(await audits('rectificationReport.save')).toBe(2);
    item = r.json;
  });

  it('the office sends back the latest report with a reason; the city sees it on its 待办, corrects, attaches a file and resubmits', async () => {
    const cur = (await office.request('GET', `/api/rectifications/${item.id}`)).json;
    const [last] = cur.reports;
    expect(cur.abilities.returnReportId).toBe(last.id);
    const base = `/api/rectifications/${item.id}/reports`;
    const bare = await office.request('POST', `${base}/${last.id}/return`, { version: last.version, reason: '' });
    expect(bare.status).toBe(400);
    expect(bare.json.message).toContain('退回理由');
    expect((await yueyang.request('POST', `${base}/${last.id}/return`, { version: last.version, reason: '自己退回自己。' })).status).toBe(403);
    const back = await office.request('POST', `${base}/${last.id}/return`, { version: last.version, reason: '未附整改方案的印发文件，请补充后重新报送' });
    expect([back.status, back.json.message]).toEqual([200, undefined]);
    expect(back.json.reports[0]).toMatchObject({ status: 'returned', statusLabel: '已退回', returnReason: '未附整改方案的印发文件，请补充后重新报送' });
    expect(back.json.abilities.returnReportId).toBeNull();
    // its one report sent back, the item has no progress in until it is reported again; near its date the month reads
    // as sent back and owed again, not 待报送 as if never sent
    expect(back.json.progress).toBeNull();
    at('2026-12-08');
    expect((await office.request('GET', `/api/rectifications/${item.id}`)).json.escalation).toMatchObject({ period: '2026-11', stage: 'due', stageLabel: '已退回，待重新报送' });
    at('2026-11-28');
    expect((await office.request('POST', `${base}/${last.id}/return`, { version: back.json.reports[0].version, reason: '再退一次。' })).status).toBe(409);
    const todo = (await todos(yueyang)).find((x) => x.key === `rectification.report-returned:${last.id}`);
    expect(todo?.detail).toContain('未附整改方案的印发文件');
    expect(todo?.link).toBe(`/rectifications/${item.id}`);
    // the city corrects the returned report (it stays returned until submitted) and attaches the file while it may
    const returned = back.json.reports[0];
    // the returned report is the city's to correct, though its month is reported: the form is open to it
    const page = (await yueyang.request('GET', `/api/rectifications/${item.id}`)).json;
    expect(page.abilities).toMatchObject({ report: true, reportWaits: null, reportPeriod: null });
    const fixed = await yueyang.request('PUT', `/api/rectifications/${item.id}/report`, { version: returned.version, progress: 25, progressReason: '部分措施需重新论证', text: '已印发整改方案（岳质强办〔2026〕5号），附文件。' });
    expect(fixed.status).toBe(200);
    expect(fixed.json.reports[0]).toMatchObject({ id: last.id, status: 'returned', text: expect.stringContaining('附文件') });
    const upload = (c: Client) => {
      const m = multipart({ ownerType: 'rectification_report', ownerId: last.id }, { name: '整改方案.pdf', data: PDF });
      return c.request('POST', '/api/attachments', m.body, m.headers);
    };
    expect((await upload(changsha)).status).toBe(404);
    expect((await upload(office)).status).toBe(403);
    const up = await upload(yueyang);
    expect([up.status, up.json.message]).toEqual([201, undefined]);
    const done = await yueyang.request('POST', `${base}/${last.id}/submit`, { version: fixed.json.reports[0].version });
    expect(done.status).toBe(200);
    expect(done.json.reports[0]).toMatchObject({ period: '2026-11', status: 'submitted', progress: 25, returnReason: '未附整改方案的印发文件，请补充后重新报送' });
    expect((await todos(yueyang)).find((x) => x.key === `rectification.report-returned:${last.id}`)).toBeUndefined();
    // submitted: read-only, files locked; whoever reads the item reads the files
    const locked = await upload(yueyang);
    expect(locked.status).toBe(409);
    expect(locked.json.message).toContain('已报送');
    expect((await yueyang.request('DELETE', `/api/attachments/${up.json.id}`)).status).toBe(409);
    const list = await office.request('GET', `/api/attachments?ownerType=rectification_report&ownerId=${last.id}`);
    expect(list.json).toMatchObject({ items: [{ fileName: '整改方案.pdf' }], canWrite: false });
    expect((await changsha.request('GET', `/api/attachments?ownerType=rectification_report&ownerId=${last.id}`)).status).toBe(404);
    // an evaluation expert's account sits in the office's unit (the raiser) but reads no 整改事项, nor their files
    const expert = await login(t.app, 'expert');
    const expertReads = [await expert.request('GET', `/api/attachments?ownerType=rectification_report&ownerId=${last.id}`), await expert.request('GET', `/api/attachments/${up.json.id}`)];
    expect(expertReads.map((r) => r.status)).toEqual([404, 404]);
    // 岳阳市's own office oversees its city's item and reads its files; an office of another city would not (see the demo test)
    const yyOffice = await login(t.app, 'yueyang.office');
    const overseen = (await yyOffice.request('GET', '/api/rectifications')).json.items as any[];
    expect(overseen.map((x) => x.id)).toContain(item.id);
    expect(overseen.every((x) => x.owner.name === '岳阳市')).toBe(true);
    expect((await yyOffice.request('GET', `/api/attachments/${up.json.id}`)).status).toBe(200);
    const edit = await yueyang.request('PUT', `/api/rectifications/${item.id}/report`, { version: done.json.reports[0].version, progress: 90, text: '报送后再改。' });
    expect(edit.status).toBe(409);
    expect(await audits('rectificationReport.return')).toBe(1);
    expect(await audits('attachment.upload')).toBe(1);
    item = done.json;
  });

  it('the office downloads the 整改事项通报 (.docx) with its 文号 and date; a malformed 文号 is a Chinese 400; a city may not', async () => {
    // the 文号 given in the dialog: a POST at the download's address registers it and answers the file
    const numbered = (date: string, docNumber: string) =>
      t.app.inject({ method: 'POST', url: `/api/rectifications/notice.docx?date=${date}`, headers: { cookie: office.cookie, 'x-csrf-token': office.csrf }, payload: { docNumber } });
    const r = await numbered('2026-11-30', '湘质强办〔2026〕12号');
    expect(r.statusCode).toBe(200);
    expect(String(r.headers['content-type'])).toContain('wordprocessingml');
    const xml = (await (await JSZip.loadAsync(r.rawPayload)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(xml).toContain('湘质强办〔2026〕12号');
    expect(xml).toContain('关于整改事项落实情况的通报');
    expect(xml).toContain('年度考核失分');
    expect(xml).toContain(item.title);
    expect(xml).toContain('湘西');
    // a source it does not know: the message lists every source the list accepts (the on-site findings too)
    const odd = await office.request('GET', '/api/rectifications/notice.docx?source=x');
    // by the names the page's filters show (the code in brackets, for whoever wrote the address)
    const sources = '来源应为创建评价扣分（evaluation）、创建评价现场评审问题（evaluation_site）、年度考核失分（assessment）或规划指标滞后（indicator）';
    expect([odd.status, odd.json.fields]).toEqual([400, [{ field: 'source', message: sources }]]);
    expect((await office.request('GET', '/api/rectifications?source=x')).json.fields).toEqual([{ field: 'source', message: sources }]);
    expect((await office.request('GET', '/api/rectifications?light=blue')).json.fields).toEqual([
      { field: 'light', message: '指示灯应为正常（green）、预警（yellow）、逾期（red）或已办结（done）' },
    ]);
    expect((await office.request('GET', '/api/rectifications?status=done')).json.fields).toEqual([
      { field: 'status', message: '状态应为待整改（open）、已答复整改情况（answered）、待销号（closing）或已销号（closed）' },
    ]);
    expect(xml).toContain('2026年11月30日');
    // the late items read as one sentence in the 公文's own dates: the report's due day in 年月日 (never 2026-11-10
    // beside 2026年12月20日), how late it is, and what was done about it — not the ladder's next step "列入通报"
    // after the standing "督办" (nor a bare "催办" that reads as if a reminder had gone out)
    const flagged = xml.slice(xml.indexOf('三、逾期和督办事项'), xml.indexOf('四、下一步工作要求'));
    expect(flagged).toContain('湘西');
    expect(flagged).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(flagged).toMatch(/督办；\d{4}年\d{1,2}月进展应于\d{4}年\d{1,2}月\d{1,2}日前报送，已逾期\d+天，已下发督办单。/);
    expect(flagged).not.toContain('列入通报');
    // the overview counts as the rest of the notice reads: every item past a due day is 逾期 — those under a 督办单
    // or past the grace days among them — never 「逾期0项，下发督办单…的1项」 beside 湘西's report 22 days late
    const overview = xml.slice(xml.indexOf('一、总体情况'), xml.indexOf('二、各来源整改事项'));
    const supervisedCount = (flagged.match(/，督办[；。]/g) ?? []).length;
    const lateCount = supervisedCount + (flagged.match(/，逾期[；。]/g) ?? []).length;
    expect(supervisedCount).toBeGreaterThan(0);
    expect(overview).toContain(`逾期${lateCount}项（其中已下发督办单或逾期超过宽限期、列为督办的${supervisedCount}项）`);
    // the 整改期限 column of the tables too: 2026年12月20日, as the 公文's text writes dates, never 2026-12-20
    const tables = xml.slice(xml.indexOf('序号整改事项责任单位整改期限'), xml.indexOf('三、逾期和督办事项'));
    expect(tables).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
    expect(tables).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    // dated in the past, it speaks of that day, not of the download day
    // (the notice of another date is another 公文: the 文号 registered for 2026-11-30 is not printed on it)
    const twice = await numbered('2026-11-20', '湘质强办〔2026〕12号');
    expect([twice.statusCode, twice.json().message]).toEqual([409, '文号湘质强办〔2026〕12号已用于《整改事项落实情况通报（2026-11-30）》（2026-11-28登记），请换一个文号']); // registered on the test clock's day
    const earlier = await t.app.inject({ method: 'GET', url: `/api/rectifications/notice.docx?date=2026-11-20`, headers: { cookie: office.cookie } });
    const earlierText = (await (await JSZip.loadAsync(earlier.rawPayload)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(earlierText).toContain('现将截至2026年11月20日的整改情况通报如下');
    expect(earlierText).not.toContain('待整改');
    // typed with other brackets it is the same number, already used (canonicalDocNo); without its year it is refused
    const same = await office.request('POST', '/api/rectifications/notice.docx', { docNumber: '湘质强办[2026]12号' });
    expect([same.status, same.json.message]).toEqual([409, expect.stringContaining('文号湘质强办〔2026〕12号已用于《整改事项落实情况通报（2026-11-30）》')]);
    const bad = await office.request('POST', '/api/rectifications/notice.docx', { docNumber: '湘质强办2026-12号' });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toContain('六角括号');
    expect((await yueyang.request('GET', '/api/rectifications/notice.docx')).status).toBe(403);
    // the province's 主送 is the province's members and the cities' offices
    expect(xml).toContain('省质量强省领导小组各成员单位、各市州质量强市（州）领导小组办公室：');
  });

  it('a city office’s 整改事项通报 is its own: its 版头 and 署名, its members and counties as 主送; without a 文号 the line shows what to fill in', async () => {
    const yyOffice = await login(t.app, 'yueyang.office');
    const r = await t.app.inject({ method: 'GET', url: '/api/rectifications/notice.docx?date=2026-11-30', headers: { cookie: yyOffice.cookie } });
    expect(r.statusCode).toBe(200);
    const xml = (await (await JSZip.loadAsync(r.rawPayload)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(xml).toContain('岳阳市质量强市领导小组办公室文件');
    expect(xml).toContain('岳阳市质量强市领导小组各成员单位、各县市区质量强县（市、区）领导小组办公室：');
    expect(xml).not.toContain('省质量强省');
    expect(xml).not.toContain('各市州');
    expect(xml).toContain('×××〔2026〕×号');
    // an item the city's office raised for its county is in the city's 通报 and not in the province's: the province reads
    // it but neither decides nor supervises it
    const [miluo, cityOffice] = await Promise.all([orgId(t.db, '430681'), orgId(t.db, 'office-430600')]);
    const me = await t.db.db.selectFrom('app_user').select('id').where('username', '=', 'yueyang.office').executeTakeFirstOrThrow();
    const title = '测试：汨罗市由岳阳市质强办提出的整改事项';
    const { id } = await insertRectification(t.db.db, { source_type: 'assessment', source_id: cycleId, source_ref: `${miluo}:7.a`, source_label: '岳阳市考核', owner_org_id: miluo, raised_by_org_id: cityOffice, title, detail: '测试', due_on: '2027-03-31', started_on: '2026-11-28', created_by: me.id, created_at: now.toISOString() });
    try {
      const text = async (c: Client) => (await (await JSZip.loadAsync((await t.app.inject({ method: 'GET', url: '/api/rectifications/notice.docx?date=2026-11-30', headers: { cookie: c.cookie } })).rawPayload)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
      expect(await text(yyOffice)).toContain(title);
      const province = await text(office);
      expect(province).not.toContain(title);
      expect(province).toContain('湘西');
    } finally {
      await t.db.db.deleteFrom('rectification').where('id', '=', id).execute();
    }
  });

  it('a 整改事项通报 dated far from today (a slip such as 1000-01-01 or 9999-12-31) is a Chinese 400 under the date: nothing printed, no 文号 registered', async () => {
    const today = chinaMoment(now).slice(0, 10);
    const registered = async () => (await office.request('GET', '/api/doc-numbers')).json.items.length;
    const before = await registered();
    for (const date of ['1000-01-01', '9999-12-31']) {
      for (const r of [await office.request('GET', `/api/rectifications/notice.docx?date=${date}`), await office.request('POST', `/api/rectifications/notice.docx?date=${date}`, { docNumber: '湘质强办〔2026〕98号' })]) {
        const words = `成文日期须在${addDays(today, -365)}至${addDays(today, 365)}之间（今天前后一年内），请核对日期`;
        expect([r.status, r.json.message, r.json.fields], date).toEqual([400, words, [{ field: 'date', message: words }]]);
      }
    }
    expect(await registered()).toBe(before);
  });

  it('an overdue report escalates with the clock: 催办 after the due date, 督办单 after the grace days', async () => {
    at('2027-01-05');
    expect((await todos(yueyang)).filter((x) => x.kind === 'rectification.report').map((x) => x.dueAt)).toContain('2027-01-10');
    const early = await office.request('POST', `/api/rectifications/${item.id}/notices`, { version: item.version, kind: 'reminder' });
    expect(early.status).toBe(409);
    expect(early.json.message).toContain('尚未逾期');
    at('2027-01-12');
    expect((await office.request('GET', `/api/rectifications/${item.id}`)).json).toMatchObject({ light: 'red', escalation: { period: '2026-12', stage: 'reminder', notice: null } });
    expect((await todos(office)).find((x) => x.key === `rectification.remind:${item.id}`)).toBeTruthy();
    const order = await office.request('POST', `/api/rectifications/${item.id}/notices`, { version: item.version, kind: 'order' });
    expect(order.status).toBe(409);
    expect(order.json.message).toContain('宽限期');
    const remind = await office.request('POST', `/api/rectifications/${item.id}/notices`, { version: item.version, kind: 'reminder' });
    expect(remind.status).toBe(201);
    // clicked again from the same page (its version now stale), or from another: who sent it and when, 您 for the caller
    for (const version of [item.version, remind.json.version]) {
      const twice = await office.request('POST', `/api/rectifications/${item.id}/notices`, { version, kind: 'reminder' });
      expect([twice.status, twice.json.message]).toEqual([409, expect.stringMatching(/^2026年12月整改进展的催办已由您于2027-01-12 \d\d:\d\d发出，请刷新后查看$/)]);
    }
    expect((await todos(office)).find((x) => x.key === `rectification.remind:${item.id}`)).toBeUndefined();
    at('2027-01-17');
    expect((await todos(office)).find((x) => x.key === `rectification.order:${item.id}`)).toBeTruthy();
    const issued = await office.request('POST', `/api/rectifications/${item.id}/notices`, { version: remind.json.version, kind: 'order' });
    expect(issued.status).toBe(201);
    expect(issued.json.notices.map((n: any) => n.kindLabel)).toEqual(['催办', '督办单']);
    expect((await todos(yueyang)).find((x) => x.key === `rectification.report:${item.id}`)?.detail).toContain('督办单');
    expect(await audits('rectificationNotice.issue')).toBe(2);
    // 12月's report comes in late, under the 督办单: a progress lower than 11月's (25%) needs a reason
    const url = `/api/rectifications/${item.id}/report`;
    const lower = await yueyang.request('PUT', url, { version: 0, progress: 20, text: '重新评估后下调进度。' });
    expect([lower.status, lower.json.message]).toEqual([400, expect.stringContaining('请说明下调原因')]);
    expect((await yueyang.request('GET', `/api/rectifications/${item.id}`)).json.reports).toHaveLength(1);
    // the 督办单 asks why it is late: refused without a 逾期原因 (the rule's own test: rectification-late-reason.test.ts)
    const noReason = await yueyang.request('PUT', url, { version: 0, progress: 20, progressReason: '部分措施需重新论证', text: '重新评估后下调进度。' });
    expect([noReason.status, noReason.json.fields]).toEqual([400, [{ field: 'lateReason', message: expect.stringContaining('请填写逾期原因') }]]);
    const dec = (await yueyang.request('PUT', url, { version: 0, progress: 20, progressReason: '部分措施需重新论证', text: '重新评估后下调进度。', lateReason: '部分措施需重新论证，未能按期报送。' })).json.reports.at(-1);
    const sent = await yueyang.request('POST', `/api/rectifications/${item.id}/reports/${dec.id}/submit`, { version: dec.version });
    expect([sent.status, sent.json.reports.map((x: any) => [x.period, x.status, x.progress])]).toEqual([200, [['2026-11', 'submitted', 25], ['2026-12', 'submitted', 20]]]);
    // only the latest may be sent back
    const first = sent.json.reports[0];
    const older = await office.request('POST', `/api/rectifications/${item.id}/reports/${first.id}/return`, { version: first.version, reason: '请补充材料。' });
    expect([older.status, older.json.message]).toEqual([409, expect.stringContaining('只能退回最近一次')]);
    expect(await audits('rectificationReport.submit')).toBe(3);
    item = sent.json;
  });

  it('an extension is asked before the deadline and approved; after the deadline it may still be asked, marked late and judged against the missed deadline', async () => {
    const url = `/api/rectifications/${item.id}/extensions`;
    const same = await yueyang.request('POST', url, { newDueOn: '2027-01-20', reason: '须市政府审议' });
    expect(same.status).toBe(400);
    expect(same.json.message).toContain('须晚于现行期限');
    const far = await yueyang.request('POST', url, { newDueOn: '9999-12-31', reason: '整改方案须经市政府常务会议审议' });
    expect([far.status, far.json.fields]).toEqual([400, [{ field: 'newDueOn', message: `延期后日期不能晚于${far.json.message.match(/\d{4}-\d{2}-\d{2}/)?.[0]}（最长3年），请核对日期` }]]);
    expect((await yueyang.request('GET', `/api/rectifications/${item.id}`)).json.extensions).toEqual([]);
    const r = await yueyang.request('POST', url, { newDueOn: '2027-02-28', reason: '整改方案须经市政府常务会议审议' });
    expect(r.status).toBe(201);
    // one pending at a time: the page no longer offers 申请延期, as the command refuses a second
    expect(r.json.abilities).toMatchObject({ askExtension: false, askClosure: true });
    const ext = r.json.extensions[0];
    const second = await yueyang.request('POST', url, { newDueOn: '2027-03-31', reason: '再申请一次' });
    // as a work-plan task's: a 409 naming whose request waits (the asker's own, here) and until when
    expect([second.status, second.json.message]).toEqual([409, `该整改事项已由您于${chinaMoment(new Date(ext.createdAt))}申请延期至2027-02-28，待提出单位审批`]);
    expect((await todos(office)).find((x) => x.key === `rectification.extension:${ext.id}`)).toBeTruthy();
    // a closure asked while the extension waits: the office decides the extension first (a closed item's pending
    // extension would wait for ever), so 销号 is a 409 until then; here the office sends the closure back
    const asked = await yueyang.request('POST', `/api/rectifications/${item.id}/closure`, { version: r.json.version, summary: '整改措施已全部落实。' });
    expect(asked.status).toBe(201);
    const waiting = asked.json.closures.at(-1);
    const early = await office.request('POST', `/api/rectifications/${item.id}/closure-decision`, { closureId: waiting.id, version: waiting.version, accept: true });
    expect([early.status, early.json.message]).toEqual([409, '该整改事项还有一项延期申请待审批，请先审批延期申请（同意或不同意并写明理由），再决定销号']);
    expect((await office.request('POST', `/api/rectifications/${item.id}/closure-decision`, { closureId: waiting.id, version: waiting.version, accept: false, reason: '延期申请尚在审批，请审批后再申请销号' })).status).toBe(200);
    expect((await yueyang.request('POST', `/api/rectifications/${item.id}/extension-decision`, { extensionId: ext.id, version: ext.version, approve: true })).status).toBe(403);
    const refuseBare = await office.request('POST', `/api/rectifications/${item.id}/extension-decision`, { extensionId: ext.id, version: ext.version, approve: false });
    expect(refuseBare.status).toBe(400);
    const ok = await office.request('POST', `/api/rectifications/${item.id}/extension-decision`, { extensionId: ext.id, version: ext.version, approve: true });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ dueOn: '2027-01-31', deadline: '2027-02-28', extensions: [{ status: 'approved', statusLabel: '已同意' }] });
    // past the deadline in force the owner may still ask (逾期申请延期, as a work-plan task's lead): the date must lie
    // after today, the request is marked late for the office and, approved, lateness stays on the missed 2027-02-28
    at('2027-03-02');
    const tooSoon = await yueyang.request('POST', url, { newDueOn: '2027-03-01', reason: '仍需时间' });
    expect([tooSoon.status, tooSoon.json.message]).toEqual([400, '整改期限2027-02-28已过，延期后的日期须晚于今天2027-03-02']);
    const late = await yueyang.request('POST', url, { newDueOn: '2027-04-30', reason: '制度文件会签未完成，需延至4月底' });
    expect(late.status).toBe(201);
    const lateExt = late.json.extensions.find((e: any) => e.status === 'pending');
    expect(lateExt).toMatchObject({ fromDueOn: '2027-02-28', late: true });
    expect((await todos(office)).find((x) => x.key === `rectification.extension:${lateExt.id}`)?.detail).toBe('岳阳市申请延期至2027-04-30（逾期后申请：原期限2027-02-28已过2天）');
    const lateOk = await office.request('POST', `/api/rectifications/${item.id}/extension-decision`, { extensionId: lateExt.id, version: lateExt.version, approve: true });
    expect(lateOk.status).toBe(200);
    expect(lateOk.json).toMatchObject({ deadline: '2027-04-30', light: 'red', lightLabel: '逾期' });
    expect(lateOk.json.reasons).toContain('已超过整改期限2027-02-28（已延期至2027-04-30，逾期仍按该期限判定）');
    item = lateOk.json;
  });

  it('closure: asked, returned with a reason (a to-do for the city), asked again, accepted (销号); then nothing more', async () => {
    let cur = (await yueyang.request('GET', `/api/rectifications/${item.id}`)).json;
    // 1月's report is late: 销号 waits for it (asked, nothing would be owed and the late report would vanish) — the
    // page disables the button and says why, the command refuses with the same words
    const waits = '该整改事项2027年1月的进展报告已过报送期限仍未报送，请先报送，再申请销号';
    expect(cur.abilities).toMatchObject({ askClosure: true, closureWaits: waits });
    const early = await yueyang.request('POST', `/api/rectifications/${item.id}/closure`, { version: cur.version, summary: '整改措施已全部落实，附相关文件。' });
    expect([early.status, early.json.message]).toEqual([409, waits]);
    expect(cur.reasons.some((x: string) => x.includes('应报送的进展未报送'))).toBe(true);
    const jan = (await yueyang.request('PUT', `/api/rectifications/${item.id}/report`, { version: 0, progress: 20, text: '制度文件会签中。' })).json.reports.at(-1);
    cur = (await yueyang.request('POST', `/api/rectifications/${item.id}/reports/${jan.id}/submit`, { version: jan.version })).json;
    expect([jan.period, cur.abilities.closureWaits]).toEqual(['2027-01', null]);
    // the 申请销号 box is labelled 整改完成情况, and so is the message (not the work plan's 办结情况)
    const short = await yueyang.request('POST', `/api/rectifications/${item.id}/closure`, { version: cur.version, summary: '已完成' });
    expect([short.status, short.json.message]).toEqual([400, '填写的内容有误 — 整改完成情况：整改完成情况至少5个字']);
    const ask = await yueyang.request('POST', `/api/rectifications/${item.id}/closure`, { version: cur.version, summary: '整改措施已全部落实，附相关文件。' });
    expect(ask.status).toBe(201);
    expect(ask.json).toMatchObject({ status: 'closing', statusLabel: '待销号' });
    // no report is taken while the office decides, so none is owed: the light keeps the deadline, missed before
    // the request (asked after the date lateness is judged against, the item stays late)
    expect([ask.json.light, ask.json.reasons]).toEqual(['red', ['已超过整改期限2027-02-28（已延期至2027-04-30，逾期仍按该期限判定）', '进度20%落后于序时进度61%']]);
    const during = await yueyang.request('PUT', `/api/rectifications/${item.id}/report`, { version: 0, progress: 100, text: '申请销号期间的报告。' });
    expect(during.status).toBe(409);
    const closure = ask.json.closures.at(-1);
    // asked again from the page it now shows (a double click, another window): asked there, when, nothing to do
    const twice = await yueyang.request('POST', `/api/rectifications/${item.id}/closure`, { version: ask.json.version, summary: '整改措施已全部落实，附相关文件。' });
    expect([twice.status, twice.json.message]).toEqual([409, `该整改事项已由您于${chinaMoment(now)}申请销号，待提出单位审核，无需再次申请`]);
    // a colleague of the unit (a second 岳阳市 account): who asked and when
    const { id: _id, ...row } = await t.db.db.selectFrom('app_user').selectAll().where('username', '=', 'yueyang').executeTakeFirstOrThrow();
    await t.db.db.insertInto('app_user').values({ ...row, username: 'yueyang.second', display_name: '岳阳市第二联络员' }).execute();
    const colleague = await (await login(t.app, 'yueyang.second')).request('POST', `/api/rectifications/${item.id}/closure`, { version: ask.json.version, summary: '整改措施已全部落实。' });
    expect([colleague.status, colleague.json.message]).toEqual([409, `该整改事项已由岳阳市质量工作联络员（岳阳市）于${chinaMoment(now)}申请销号，待提出单位审核，无需再次申请`]);
    expect((await todos(office)).find((x) => x.key === `rectification.closure:${closure.id}`)).toBeTruthy();
    const bare = await office.request('POST', `/api/rectifications/${item.id}/closure-decision`, { closureId: closure.id, version: closure.version, accept: false });
    expect(bare.status).toBe(400);
    expect(bare.json.message).toContain('退回销号申请须写明理由');
    const back = await office.request('POST', `/api/rectifications/${item.id}/closure-decision`, { closureId: closure.id, version: closure.version, accept: false, reason: '缺少制度文件的印发依据' });
    expect(back.status).toBe(200);
    expect(back.json.status).toBe('open');
    expect((await todos(yueyang)).find((x) => x.key === `rectification.returned:${item.id}`)?.detail).toContain('缺少制度文件');
    const again = await yueyang.request('POST', `/api/rectifications/${item.id}/closure`, { version: back.json.version, summary: '已补充印发文件。' });
    expect(again.status).toBe(201);
    const second = again.json.closures.at(-1);
    const stale = await office.request('POST', `/api/rectifications/${item.id}/closure-decision`, { closureId: second.id, version: second.version + 1, accept: true });
    expect(stale.status).toBe(409);
    const done = await office.request('POST', `/api/rectifications/${item.id}/closure-decision`, { closureId: second.id, version: second.version, accept: true });
    expect(done.status).toBe(200);
    expect(done.json).toMatchObject({ status: 'closed', statusLabel: '已销号', light: 'done', escalation: null });
    const after = await yueyang.request('PUT', `/api/rectifications/${item.id}/report`, { version: 0, progress: 100, text: '销号后的报告。' });
    expect(after.status).toBe(409);
    expect(after.json.message).toContain('已销号');
    // (keys of other kinds may end in the same number: an indicator period's id)
    expect((await todos(yueyang)).filter((x) => String(x.key).startsWith('rectification.') && String(x.key).endsWith(`:${item.id}`))).toEqual([]);
    expect(await audits('rectification.accept-close')).toBe(1);
    // (one more return: the closure asked while the extension waited)
    expect(await audits('rectificationClosure.return')).toBe(2);
  });

  it('the office raises a lagging plan indicator for a city and year; one that does not lag is refused; the province itself is no 责任单位 (nor is an office), and the page offers the cities only', async () => {
    const lag = (await laggingBindingIndicators(t.db.db))[0];
    expect(lag).toBeTruthy();
    const region = (await t.db.db.selectFrom('indicator_plan').select('region_org_id').where('id', '=', lag!.planId).executeTakeFirstOrThrow()).region_org_id;
    // the province's own lagging figure: the provincial office owns the province's plan, it asks no rectification of the province
    const own = { indicatorId: lag!.indicatorId, orgId: region, year: lag!.year, dueOn: '2027-06-30', detail: '分析滞后原因，制定追赶措施。' };
    const before = await audits('rectification.raise');
    const province = await office.request('POST', '/api/rectifications/from-indicator', own);
    expect(province.status).toBe(400);
    expect(province.json.message).toContain('责任单位不能是湖南省');
    expect(province.json.message).toContain('请选择');
    expect(province.json.fields).toEqual([{ field: 'orgId', message: expect.stringContaining('市州') }]);
    const cityOffice = await office.request('POST', '/api/rectifications/from-indicator', { ...own, orgId: await orgId(t.db, 'office-430600') });
    expect(cityOffice.status).toBe(400);
    expect(cityOffice.json.message).toContain('责任单位不能是');
    const nobody = await office.request('POST', '/api/rectifications/from-indicator', { ...own, orgId: 987654 });
    expect(nobody.status).toBe(400);
    expect(nobody.json.message).toBe('编号为987654的责任单位不存在，请从列表中选择责任单位');
    expect(nobody.json.fields).toEqual([{ field: 'orgId', message: '单位不存在' }]);
    // a county reports no figure to the province's plan: said so, not 「岳麓区2023年该指标没有确认值」
    const county = await office.request('POST', '/api/rectifications/from-indicator', { ...own, orgId: await orgId(t.db, '430104') });
    expect([county.status, county.json.message]).toEqual([400, expect.stringMatching(/^岳麓区不向《.+》填报数值，不能就该规划的指标对其提出整改$/)]);
    expect(county.json.fields).toEqual([{ field: 'orgId', message: '请选择填报数值的市州或该指标的责任成员单位' }]);
    expect(await audits('rectification.raise')).toBe(before);
    // a city whose figure lags, as the matrix shows it
    const m = (await office.request('GET', `/api/indicator-plans/${lag!.planId}/matrix`)).json;
    const row = m.rows.find((r: any) => r.cells.some((c: any) => c.light === 'lagging'));
    const cell = row.cells.find((c: any) => c.light === 'lagging');
    const body = { indicatorId: cell.indicatorId, orgId: row.org.id, year: cell.year, dueOn: '2027-06-30', detail: '分析滞后原因，制定追赶措施。' };
    expect((await samr.request('POST', '/api/rectifications/from-indicator', body)).status).toBe(403);
    const r = await office.request('POST', '/api/rectifications/from-indicator', body);
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ source: { type: 'indicator', id: cell.indicatorId, path: `/indicators/${cell.indicatorId}` }, owner: { id: row.org.id } });
    expect(r.json.detail).toContain('整改要求');
    expect((await office.request('POST', '/api/rectifications/from-indicator', body)).status).toBe(409);
    if (dialect === 'postgres') {
      // raised by a colleague at the same moment (the item above taken away first): the 409 names who and when
      const first = await t.db.db.selectFrom('rectification').selectAll().where('id', '=', r.json.id).executeTakeFirstOrThrow();
      await t.db.db.deleteFrom('rectification').where('id', '=', first.id).execute();
      const colleague = await t.db.db.selectFrom('app_user').select(['id', 'display_name']).where('username', '=', 'office2').executeTakeFirstOrThrow();
      const { source_type, source_id, source_ref, source_label, owner_org_id, raised_by_org_id, title, detail, due_on, started_on } = first;
      const row = { source_type, source_id, source_ref, source_label, owner_org_id, raised_by_org_id, title, detail, due_on, started_on };
      const raced = await raceAgainstHeld(
        t.db,
        (trx) => insertRectification(trx, { ...row, created_by: colleague.id, created_at: now.toISOString() }),
        () => office.request('POST', '/api/rectifications/from-indicator', body),
      );
      expect([raced.status, raced.json.message, raced.json.fields]).toEqual([
        409,
        expect.stringMatching(named(`「${first.title}」已由${colleague.display_name}（省质强办）于<T>提出整改要求（待整改），请到整改事项中查看`)),
        [{ field: 'indicatorId', message: '已提出' }],
      ]);
    }
    const none = await office.request('POST', '/api/rectifications/from-indicator', { ...body, year: 2001 });
    expect(none.status).toBe(400);
    expect(none.json.message).toContain('没有确认值');
    // the 责任单位 the indicator page offers: the 14 cities for their own figures, not the province (the same rule as
    // the server's); the province's figure goes to the indicator's responsible member departments (the next case)
    const d = (await office.request('GET', `/api/indicators/${cell.indicatorId}`)).json;
    const cityChoices = d.abilities.raiseFor.filter((x: any) => x.figureOrgId === x.orgId);
    expect(cityChoices.map((x: any) => x.orgId)).toEqual(d.cities.map((c: any) => c.org.id));
    expect(d.abilities.raiseFor.map((x: any) => x.orgId)).not.toContain(region);
    expect((await yueyang.request('GET', `/api/indicators/${cell.indicatorId}`)).json.abilities.raiseFor).toEqual([]);
  });
  it('a lagging figure of the province itself is asked of the indicator’s responsible member department, which then reports on it; another department is told which ones are responsible', async () => {
    const lag = (await laggingBindingIndicators(t.db.db))[0]!;
    const region = (await t.db.db.selectFrom('indicator_plan').select('region_org_id').where('id', '=', lag.planId).executeTakeFirstOrThrow()).region_org_id;
    const dept = (await t.db.db.selectFrom('org_unit').select(['id', 'code', 'name']).where('id', 'in', lag.departmentIds).executeTakeFirstOrThrow());
    // the page offers it, reading the province's figure
    const d = (await office.request('GET', `/api/indicators/${lag.indicatorId}`)).json;
    expect(d.abilities.raiseFor).toContainEqual({ orgId: dept.id, name: `${dept.name}（湖南省数值）`, figureOrgId: region });
    expect(d.abilities.raiseFor.filter((x: any) => x.figureOrgId === region).map((x: any) => x.orgId).sort()).toEqual([...lag.departmentIds].sort());
    const body = { indicatorId: lag.indicatorId, orgId: dept.id, year: lag.year, dueOn: '2027-06-30', detail: '分析断面水质滞后原因，制定达标方案。' };
    // a department not responsible for it is refused, and told which are
    const otherCode = dept.code === 'samr' ? 'ndrc' : 'samr';
    const before = await audits('rectification.raise');
    const other = await office.request('POST', '/api/rectifications/from-indicator', { ...body, orgId: await orgId(t.db, otherCode) });
    expect(other.status).toBe(400);
    expect(other.json.message).toContain('不是该指标的责任单位');
    expect(other.json.message).toContain(`该指标的责任单位是${dept.name}`);
    expect(other.json.fields).toEqual([{ field: 'orgId', message: expect.stringContaining('责任成员单位') }]);
    expect(await audits('rectification.raise')).toBe(before);
    // until it is raised, the office and the department have the to-do to press the lagging figure; once raised, the
    // item's own to-dos (reports due, 催办, requests) follow it and the lagging one goes
    const owner = await login(t.app, dept.code);
    const lagTodos = async (c: Client) => (await c.request('GET', '/api/todos')).json.items.filter((x: any) => x.key === `indicators.lagging:${lag.indicatorId}:${lag.year}`).length;
    expect([await lagTodos(office), await lagTodos(owner)]).toEqual([1, 1]);
    const r = await office.request('POST', '/api/rectifications/from-indicator', body);
    expect(r.status).toBe(201);
    expect([await lagTodos(office), await lagTodos(owner)]).toEqual([0, 0]);
    expect(r.json).toMatchObject({ owner: { id: dept.id }, source: { type: 'indicator', id: lag.indicatorId } });
    expect(r.json.title).toContain(`湖南省（责任单位${dept.name}）${lag.year}年`);
    expect(r.json.detail).toContain(`${lag.year}年确认值${lag.value}`);
    expect((await office.request('POST', '/api/rectifications/from-indicator', body)).status).toBe(409);
    // the department owns it: it reads it among its items and may report progress
    const mine = (await owner.request('GET', `/api/rectifications/${r.json.id}`)).json;
    expect(mine.abilities).toMatchObject({ report: true });
  });
  it('extension requests sent at once make one pending request: the others are told one waits or that the item changed (no lock needed: the item’s version serialises them)', async () => {
    const xiangxi = await login(t.app, 'xiangxi');
    // how the loser is told who won: the person, their unit's short name
    const xx = (await xiangxi.request('GET', '/api/rectifications')).json.items.find((x: any) => x.title.includes('否决项'));
    expect(xx).toBeTruthy();
    const before = (await xiangxi.request('GET', `/api/rectifications/${xx.id}`)).json;
    expect(before.extensions.filter((e: any) => e.status === 'pending')).toEqual([]);
    const day = (n: number) => new Date(now.getTime() + n * 86_400_000).toISOString().slice(0, 10);
    const ask = (k: number) => xiangxi.request('POST', `/api/rectifications/${xx.id}/extensions`, { newDueOn: day(60 + k), reason: '否决项整改涉及多个部门会签，需顺延整改期限' });
    const asked = await audits('rectificationExtension.ask');
    const results = await Promise.all([1, 2, 3, 4, 5, 6].map(ask));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    const won = results.find((r) => r.status === 201)!.json.extensions.find((e: any) => e.status === 'pending');
    const changed = `该整改事项已有新的变动：您在其他窗口于${chinaMoment(new Date(won.createdAt))}申请延期至${won.newDueOn}。请刷新后查看最新情况再操作`;
    const waits = `该整改事项已由您于${chinaMoment(new Date(won.createdAt))}申请延期至${won.newDueOn}，待提出单位审批`;
    for (const r of results.filter((x) => x.status !== 201)) expect([waits, changed]).toContain(r.status === 409 ? r.json.message : `${r.status} ${r.json.message}`);
    const pending = await t.db.db.selectFrom('rectification_extension').select('id').where('rectification_id', '=', xx.id).where('status', '=', 'pending').execute();
    expect(pending).toHaveLength(1);
    expect(await audits('rectificationExtension.ask')).toBe(asked + 1);
  });
});
