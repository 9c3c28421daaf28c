/**
 * Results, objections, publication and exports (issue 4 §5).
 *
 * Setup is done directly in the database (the scheme and scoring areas are built by others): the office opens
 * a 2023 cycle on the 2022 scheme through the API, then this file publishes scheme v1 (an unchanged copy of
 * hunan-assessment-2022), moves the cycle to 'scoring', inserts score rows for three cities and marks every
 * evaluating department's score submission — the routes under test take it from there.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../config';
import { login, makeTestApp, named, openTestCycle, orgId, testDialects, type Client, type TestApp } from '../../../test/helpers';
import { attachmentDisposition } from '../../../core/download';
import { addDays, chinaDate, formatDeadline } from '../../../../shared/deadline';
import { farDateRefusal } from '../../../../shared/workflow/assessment';

/** the objection window's end: a real day a month out (an end a year or more away is refused, as 9999-12-31 was not) */
const END = addDays(chinaDate(new Date()), 30);
const endChinese = `${Number(END.slice(0, 4))}年${Number(END.slice(5, 7))}月${Number(END.slice(8, 10))}日`;

const FW = JSON.parse(readFileSync(path.join(REPO_ROOT, 'frameworks/hunan-assessment-2022.json'), 'utf8'));

/** Every criterion of the 2022 scheme with full marks (direct: its points; boolean bonus: false; deduction 0; veto false). */
function fullMarks(): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const s of FW.sections)
    for (const i of s.items)
      for (const c of i.criteria) {
        const rule = c.rule.type;
        (out[i.code] ??= {})[c.code] =
          s.role === 'base' ? (rule === 'direct' ? { score: c.points } : { value: 99 }) : s.role === 'deduction' ? { score: 0 } : false;
      }
  return out;
}

/** a GET; with a 文号, the download dialog's POST at the same address that registers it */
async function download(t: TestApp, c: Client, url: string, docNumber?: string) {
  const r = await t.app.inject(docNumber === undefined ? { method: 'GET', url, headers: { cookie: c.cookie } } : { method: 'POST', url, headers: { cookie: c.cookie, 'x-csrf-token': c.csrf }, payload: { docNumber } });
  return { status: r.statusCode, body: r.rawPayload, headers: r.headers, json: () => r.json() };
}

describe.each(testDialects())('results, objections and publication, on %s', (dialect) => {
  let t: TestApp;
  let office: Client;
  let changsha: Client;
  let yueyang: Client;
  let samr: Client;
  let ndrc: Client;
  let ecology: Client;
  let leader: Client;
  let cycle: any;
  let ids: Record<string, number>;
  const db = () => t.db.db;
  const version = async () => (await db().selectFrom('assessment_cycle').select('version').where('id', '=', cycle.id).executeTakeFirstOrThrow()).version;
  /** whether the cycle's answer offers the caller 修改异议期 (abilities.changeObjectionEnd) */
  const offersEndChange = async (c: Client) => (await c.request('GET', `/api/cycles/${cycle.id}`)).json.abilities.changeObjectionEnd;

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    ({ office, cycle } = await openTestCycle(t));
    [changsha, yueyang, samr, ndrc, ecology, leader] = await Promise.all(['changsha', 'yueyang', 'samr', 'ndrc', 'ecology', 'leader'].map((u) => login(t.app, u)));
    ids = {};
    for (const code of ['430100', '430200', '430600', 'office', 'samr', 'ndrc', 'ecology']) ids[code] = await orgId(t.db, code);
    const now = new Date().toISOString();
    await db().updateTable('scheme').set({ status: 'published', published_at: now }).where('cycle_id', '=', cycle.id).execute();
    await db().updateTable('assessment_cycle').set({ status: 'scoring' }).where('id', '=', cycle.id).execute();

    const answers: Record<string, Record<string, Record<string, unknown>>> = {
      // 长沙: 7.a 12 of 14.5, water 95.1% (2 whole points below 97.3 → 3 of 5), bonus 21.a + 21.c
      '430100': fullMarks(),
      // 岳阳: full marks, a deduction of 1.5
      '430600': fullMarks(),
      // 株洲: full marks but a veto
      '430200': fullMarks(),
    };
    answers['430100']['7'].a = { score: 12 };
    answers['430100']['20'].a = { value: 95.1 };
    answers['430100']['21'] = { a: true, b: false, c: true };
    answers['430600']['22'].a = { score: 1.5 };
    answers['430200']['23'].a = true;
    const deptIds = new Map<string, number>();
    for (const [unit, items] of Object.entries(answers))
      for (const [item, crits] of Object.entries(items))
        for (const [crit, ans] of Object.entries(crits)) {
          const i = FW.sections.flatMap((s: any) => s.items).find((x: any) => x.code === item);
          const evaluator = i.criteria.find((c: any) => c.code === crit).evaluators[0];
          if (!deptIds.has(evaluator)) deptIds.set(evaluator, await orgId(t.db, evaluator));
          await db()
            .insertInto('score')
            .values({
              cycle_id: cycle.id,
              unit_id: ids[unit],
              item_code: item,
              criterion_code: crit,
              department_id: deptIds.get(evaluator)!,
              answer_json: JSON.stringify(ans),
              comment: unit === '430100' && item === '7' ? '抽查合格率未达目标，扣2.5分' : null,
              version: 1,
              updated_at: now,
            })
            .execute();
        }
    for (const [code, id] of deptIds) {
      await db()
        .insertInto('score_submission')
        .values({ cycle_id: cycle.id, department_id: id, status: code === 'ndrc' ? 'open' : 'submitted', submitted_at: now, version: 1, updated_at: now })
        .execute();
    }
  });
  afterAll(() => t.close());

  it('computes the preliminary results exactly with the engine: totals, domain subtotals, bonus, deduction, veto, rank, grade and every lost point', async () => {
    const r = await office.request('GET', `/api/cycles/${cycle.id}/results`);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ stage: 'preliminary', stageLabel: '初步结果', scope: 'all', schemeVersion: 1, previous: null });
    expect(r.json.domains.map((d: any) => [d.code, d.points])).toEqual([
      ['D1', '19.5'],
      ['D2', '35.5'],
      ['D3', '20'],
      ['D4', '15'],
      ['D5', '10'],
    ]);
    const by = Object.fromEntries(r.json.units.map((u: any) => [u.unitCode, u]));
    expect(r.json.units).toHaveLength(14);
    expect(r.json.units[0].unitCode).toBe('430600');
    expect(by['430600']).toMatchObject({ total: '98.5', baseScore: '100', bonus: '0', deduction: '1.5', veto: false, rank: 1, grade: 'A' });
    expect(by['430100']).toMatchObject({ total: '96.7', baseScore: '95.5', bonus: '1.2', deduction: '0', veto: false, rank: 2, grade: 'A', missing: [] });
    expect(by['430100'].sections.map((s: any) => [s.code, s.score])).toEqual([
      ['D1', '19.5'],
      ['D2', '33'],
      ['D3', '20'],
      ['D4', '15'],
      ['D5', '8'],
      ['BONUS', '1.2'],
      ['DEDUCTION', '0'],
      ['VETO', '0'],
    ]);
    const lost = by['430100'].criteria.filter((c: any) => c.lost !== '0');
    expect(lost.map((c: any) => [c.code, c.score, c.maximum, c.lost])).toEqual([
      ['7.a', '12', '14.5', '2.5'],
      ['20.a', '3', '5', '2'],
    ]);
    expect(lost[0]).toMatchObject({ comment: '抽查合格率未达目标，扣2.5分', department: { code: 'samr' }, itemTitle: '产品质量安全保障' });
    expect(lost[1].explanation).toContain('95.1');
    // veto: full marks, but grade D and ranked after everyone
    expect(by['430200']).toMatchObject({ total: '100', veto: true, vetoCodes: ['23.a'], grade: 'D', rank: 14 });
    // no scores at all: 0, every criterion missing, tied third
    expect(by['430300']).toMatchObject({ total: '0', grade: 'D', rank: 3 });
    expect(by['430300'].missing).toHaveLength(30);
    expect(by['430300'].criteria.find((c: any) => c.code === '1.a')).toMatchObject({ status: 'missing', lost: '3' });
    // the evaluating departments as the scheme (附件4) and the result documents name them (evaluatorNames()):
    // the office's key points 质量强省领导小组办公室, not the stored short name 省质强办 beside full department names
    expect(by['430100'].criteria.find((c: any) => c.code === '1.a').department).toEqual({ code: 'office', name: '质量强省领导小组办公室' });
    expect(by['430100'].criteria.find((c: any) => c.code === '2.a').department).toEqual({ code: 'ndrc', name: '省发改委' });
    expect(JSON.stringify(r.json)).not.toContain('省质强办');
  });

  it('shows no results to cities, departments or leaders before the objection window', async () => {
    const c = await changsha.request('GET', `/api/cycles/${cycle.id}/results`);
    expect(c.status).toBe(403);
    expect(c.json.message).toBe('初步考核结果将在质强办公布（进入异议期）后查看');
    expect((await samr.request('GET', `/api/cycles/${cycle.id}/results`)).status).toBe(403);
    expect((await leader.request('GET', `/api/cycles/${cycle.id}/results`)).status).toBe(403);
    expect((await samr.request('GET', `/api/cycles/${cycle.id}/results/ranking.xlsx`)).status).toBe(403);
  });

  it('gives the office no ranking, 公示, report or 反馈意见书 while scoring: an unscored key point would print as lost', async () => {
    for (const path of ['ranking.xlsx', 'bulletin.docx', `${ids['430100']}/report.docx`, `${ids['430100']}/feedback.docx`]) {
      const r = await office.request('GET', `/api/cycles/${cycle.id}/results/${path}`);
      expect(r.status, path).toBe(409);
      expect(r.json.message, path).toContain('在质强办公布初步结果、开放异议后提供');
    }
    // the live results themselves stay readable to the office, marked incomplete
    expect((await office.request('GET', `/api/cycles/${cycle.id}/results`)).json.completeness).toMatchObject({ complete: false });
  });

  it('opens the objection window only when every evaluating department has submitted, with checked dates and version', async () => {
    // no window to move while scoring
    expect(await offersEndChange(office)).toBe(false);
    const v = await version();
    const pending = await office.request('POST', `/api/cycles/${cycle.id}/review`, { objectionStart: '2000-01-01', objectionEnd: END, version: v });
    expect(pending.status).toBe(409);
    expect(pending.json.message).toBe('以下评价部门尚未提交评分，不能公布初步结果：省发展改革委');
    expect(pending.json.current).toEqual([{ id: ids.ndrc, name: '省发展改革委' }]);
    const bad = await office.request('POST', `/api/cycles/${cycle.id}/review`, { objectionStart: '2023-08-10', objectionEnd: '2023-08-01', version: v });
    expect(bad.status).toBe(400);
    expect(bad.json.fields).toEqual([{ field: 'objectionEnd', message: '异议期结束日期不能早于开始日期' }]);
    const badDate = await office.request('POST', `/api/cycles/${cycle.id}/review`, { objectionStart: '2023/08/01', objectionEnd: '2023-08-10', version: v });
    expect(badDate.json.fields[0]).toEqual({ field: 'objectionStart', message: '异议期开始日期格式须为年-月-日，如2023-07-10' });
    const closed = await office.request('POST', `/api/cycles/${cycle.id}/review`, { objectionStart: '2000-01-01', objectionEnd: '2000-01-10', version: v });
    expect(closed.status).toBe(400);
    expect(closed.json.fields[0]).toEqual({ field: 'objectionEnd', message: expect.stringMatching(/^异议期结束日期2000-01-10已过，各被考核单位将无法提出异议，请选择今天（\d{4}-\d{2}-\d{2}）或以后的日期$/) });
    expect((await samr.request('POST', `/api/cycles/${cycle.id}/review`, { objectionStart: '2000-01-01', objectionEnd: END, version: v })).status).toBe(403);
    // no window without a real end: 9999-12-31 as "no end" would print in every to-do, the 公示 and the 反馈意见书
    const endless = await office.request('POST', `/api/cycles/${cycle.id}/review`, { objectionStart: '2000-01-01', objectionEnd: '9999-12-31', version: v });
    expect(endless.status).toBe(400);
    expect(endless.json.fields).toEqual([{ field: 'objectionEnd', message: `异议期结束日期不能晚于${addDays(chinaDate(new Date()), 366)}（今天起一年内），9999-12-31已超出，请核对年份` }]);

    await db().updateTable('score_submission').set({ status: 'submitted' }).where('cycle_id', '=', cycle.id).execute();
    const stale = await office.request('POST', `/api/cycles/${cycle.id}/review`, { objectionStart: '2000-01-01', objectionEnd: END, version: v - 1 });
    expect(stale.status).toBe(409);
    const ok = await office.request('POST', `/api/cycles/${cycle.id}/review`, { objectionStart: '2000-01-01', objectionEnd: END, version: v });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ status: 'review', objectionStart: '2000-01-01', objectionEnd: END });
    expect(ok.json.abilities.events).toEqual(['publishResults']);
    const audit = await db().selectFrom('audit_log').selectAll().where('action', '=', 'cycle.openReview').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.before_json!)).toEqual({ status: 'scoring' });
    expect(JSON.parse(audit.after_json!)).toMatchObject({ status: 'review', objection_start: '2000-01-01', objection_end: END });
    const todos = (await changsha.request('GET', '/api/todos')).json.items;
    expect(todos.map((x: any) => x.title)).toContain(`查看2023年度质量工作考核初步结果，如有异议请于${formatDeadline(END).at}前提出`);
    // before the final results the office's document is the 初步结果公示 with the objection window
    const pub = await download(t, office, `/api/cycles/${cycle.id}/results/bulletin.docx`);
    expect(pub.status).toBe(200);
    // an ASCII name first, for a client that reads no filename* (RFC 6266 §4.3), then the Chinese one
    expect(pub.headers['content-disposition']).toBe(`attachment; filename="kaoping-2023.docx"; filename*=UTF-8''${encodeURIComponent('2023年度考核初步结果公示.docx')}`);
    const ptext = (await (await JSZip.loadAsync(pub.body)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(ptext).toContain(`公示期为2000年1月1日至${endChinese}。`);
    const again = await office.request('POST', `/api/cycles/${cycle.id}/review`, { objectionStart: '2000-01-01', objectionEnd: END, version: ok.json.version });
    expect(again.status).toBe(409);
    expect(again.json.message).toBe('当前状态为「结果公示（异议期）」，只有评分阶段才能公布初步结果');
    // in 异议期 the window is moved, never cleared nor pushed to no end: the API never answers a review cycle without its end
    const cleared = await office.request('PATCH', `/api/cycles/${cycle.id}`, { objectionEnd: null, version: ok.json.version });
    expect(cleared.status).toBe(400);
    expect(cleared.json.fields).toEqual([{ field: 'objectionEnd', message: '异议期进行中，须有结束日期（各被考核单位据此提出异议，结束后方可发布最终结果）；如需延长，请改为新的结束日期' }]);
    const startCleared = await office.request('PATCH', `/api/cycles/${cycle.id}`, { objectionStart: null, version: ok.json.version });
    expect(startCleared.json.fields).toEqual([{ field: 'objectionStart', message: '异议期进行中，开始日期不能清空；如需调整，请改为新的开始日期' }]);
    expect((await office.request('PATCH', `/api/cycles/${cycle.id}`, { objectionEnd: '9999-12-31', version: ok.json.version })).status).toBe(400);
    expect((await office.request('GET', `/api/cycles/${cycle.id}`)).json).toMatchObject({ objectionStart: '2000-01-01', objectionEnd: END, version: ok.json.version });
  });

  it('in 异议期 the office moves the end (修改异议期 on the 结果与异议 tab): a stored 9999 end is replaced; bad dates, other roles and a stale version are refused', async () => {
    // a window stored before the rule with the placeholder end: the office's to-do says where to set it
    await db().updateTable('assessment_cycle').set({ objection_end: '9999-12-31' }).where('id', '=', cycle.id).execute();
    const ask = (await office.request('GET', '/api/todos')).json.items.find((x: any) => x.kind === 'result.publish');
    expect(ask).toMatchObject({
      title: '2023年度考核异议期没有实际的结束日期，请设定',
      detail: '各被考核单位据此提出异议，异议期结束后方可发布最终结果；请在「结果与异议」中点击「修改异议期」设定结束日期',
      link: `/assessment/${cycle.id}?tab=results`,
    });
    const v = await version();
    const moved = addDays(END, 7);
    // the page offers 修改异议期 by the cycle's abilities, to exactly those the PATCH takes it from
    expect(await offersEndChange(office)).toBe(true);
    for (const [who, client] of [['samr', samr], ['changsha', changsha], ['leader', leader]] as const) {
      expect(await offersEndChange(client), who).toBe(false);
      const r = await client.request('PATCH', `/api/cycles/${cycle.id}`, { objectionEnd: moved, version: v });
      expect(r.status, who).toBe(403);
      expect(r.json.message, who).toMatch(/[\u4e00-\u9fa5]/);
    }
    const badFormat = await office.request('PATCH', `/api/cycles/${cycle.id}`, { objectionEnd: '2023/09/01', version: v });
    expect([badFormat.status, badFormat.json.fields]).toEqual([400, [{ field: 'objectionEnd', message: '异议期结束日期格式须为年-月-日，如2023-07-10' }]]);
    const noDay = await office.request('PATCH', `/api/cycles/${cycle.id}`, { objectionEnd: '2023-02-30', version: v });
    expect([noDay.status, noDay.json.fields?.[0]?.field]).toEqual([400, 'objectionEnd']);
    const beforeStart = await office.request('PATCH', `/api/cycles/${cycle.id}`, { objectionEnd: '1999-12-31', version: v });
    expect([beforeStart.status, beforeStart.json.fields]).toEqual([400, [{ field: 'objectionEnd', message: '结束日期不能早于开始日期' }]]);
    const tooFar = await office.request('PATCH', `/api/cycles/${cycle.id}`, { objectionEnd: addDays(chinaDate(new Date()), 400), version: v });
    expect([tooFar.status, tooFar.json.fields]).toEqual([400, [{ field: 'objectionEnd', message: farDateRefusal('异议期结束日期', addDays(chinaDate(new Date()), 400), chinaDate(new Date())) }]]);
    // an end already past would close the window the moment it is saved, without a word to the cities: refused, today is not
    const today = chinaDate(new Date());
    const past = await office.request('PATCH', `/api/cycles/${cycle.id}`, { objectionEnd: addDays(today, -1), version: v });
    expect([past.status, past.json.fields]).toEqual([400, [{ field: 'objectionEnd', message: `异议期结束日期${addDays(today, -1)}早于今天（${today}），保存后异议期将立即结束，各被考核单位不能再提出异议。请选择今天或以后的日期；如需尽早结束异议期，请选择今天（当日仍可提出异议）` }]]);
    // nothing refused was written
    expect(await db().selectFrom('assessment_cycle').select(['objection_end', 'version']).where('id', '=', cycle.id).executeTakeFirstOrThrow()).toEqual({ objection_end: '9999-12-31', version: v });

    const ok = await office.request('PATCH', `/api/cycles/${cycle.id}`, { objectionEnd: moved, version: v });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ status: 'review', objectionStart: '2000-01-01', objectionEnd: moved, version: v + 1 });
    const audit = await db().selectFrom('audit_log').selectAll().where('action', '=', 'cycle.update').where('entity_id', '=', String(cycle.id)).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect([JSON.parse(audit.before_json!).objectionEnd, JSON.parse(audit.after_json!).objectionEnd]).toEqual(['9999-12-31', moved]);
    // the to-do asking for the end is gone; the cities are told the new end
    expect((await office.request('GET', '/api/todos')).json.items.filter((x: any) => x.kind === 'result.publish')).toEqual([]);
    expect((await changsha.request('GET', '/api/todos')).json.items.map((x: any) => x.title)).toContain(`查看2023年度质量工作考核初步结果，如有异议请于${formatDeadline(moved).at}前提出`);
    // a second office window still holding the old version: 409 naming the change that won, nothing overwritten
    const stale = await office.request('PATCH', `/api/cycles/${cycle.id}`, { objectionEnd: END, version: v });
    expect([stale.status, stale.json.message]).toMatchObject([409, expect.stringMatching(named('该考核已由您在其他窗口于<T>修改，请查看最新内容后重试'))]);
    expect(stale.json.current).toMatchObject({ objectionEnd: moved, version: v + 1 });
    // today itself ends the window tonight: taken
    const tonight = await office.request('PATCH', `/api/cycles/${cycle.id}`, { objectionEnd: today, version: v + 1 });
    expect([tonight.status, tonight.json.objectionEnd]).toEqual([200, today]);
    // back to the end the later steps expect
    expect((await office.request('PATCH', `/api/cycles/${cycle.id}`, { objectionEnd: END, version: v + 2 })).status).toBe(200);
  });

  it('in the window a city sees only its own result with every lost point; a department only its own criteria; a leader all', async () => {
    const c = await changsha.request('GET', `/api/cycles/${cycle.id}/results`);
    expect(c.status).toBe(200);
    expect(c.json.scope).toBe('own');
    expect(c.json.units.map((u: any) => u.unitCode)).toEqual(['430100']);
    expect(c.json.units[0]).toMatchObject({ total: '96.7', rank: 2, grade: 'A' });
    expect(c.json.units[0].criteria.find((x: any) => x.code === '7.a').comment).toBe('抽查合格率未达目标，扣2.5分');
    // its report and 反馈意见书 rank it among all 14 cities, though the city sees only its own row
    expect(c.json.unitCount).toBe(14);
    for (const doc of ['report.docx', 'feedback.docx']) {
      const d = await download(t, changsha, `/api/cycles/${cycle.id}/results/${ids['430100']}/${doc}`);
      expect(d.status).toBe(200);
      const text = (await (await JSZip.loadAsync(d.body)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
      expect(text).toMatch(/第2[名位]（共14个市州）/);
    }

    const s = await samr.request('GET', `/api/cycles/${cycle.id}/results`);
    expect(s.json.scope).toBe('criteria');
    expect(s.json.units).toHaveLength(14);
    const cs = s.json.units.find((u: any) => u.unitCode === '430100');
    expect(cs).toMatchObject({ total: null, rank: null, grade: null, sections: [] });
    expect(cs.criteria.map((x: any) => x.code)).toEqual(['3.a', '5.a', '7.a', '21.a', '21.b', '21.c']);

    const l = await leader.request('GET', `/api/cycles/${cycle.id}/results`);
    expect(l.json.scope).toBe('all');
    expect(l.json.units).toHaveLength(14);
    const yuelu = await login(t.app, 'yuelu');
    expect((await yuelu.request('GET', `/api/cycles/${cycle.id}/results`)).status).toBe(404);
  });

  it('lets a city object only within the window, only on a key point of the scheme, and not twice', async () => {
    await db().updateTable('assessment_cycle').set({ objection_start: '2099-01-01' }).where('id', '=', cycle.id).execute();
    const early = await changsha.request('POST', `/api/cycles/${cycle.id}/objections`, { itemCode: '7', criterionCode: 'a', reason: '抽查批次统计有误，应为合格' });
    expect(early.status).toBe(403);
    expect(early.json.message).toBe(`当前不在异议期（异议期为2099-01-01至${END}），不能提出异议`);
    await db().updateTable('assessment_cycle').set({ objection_start: '2000-01-01' }).where('id', '=', cycle.id).execute();
    // the window is judged on the request's day (config.now), by the page's abilities and the objection alike
    try {
      t.config.now = () => new Date('2100-01-01T04:00:00.000Z');
      const after = await changsha.request('POST', `/api/cycles/${cycle.id}/objections`, { itemCode: '7', criterionCode: 'a', reason: '抽查批次统计有误，应为合格' });
      expect([after.status, after.json.message]).toEqual([403, `当前不在异议期（异议期为2000-01-01至${END}），不能提出异议`]);
      expect((await changsha.request('GET', `/api/cycles/${cycle.id}`)).json.abilities.object).toBe(false);
    } finally {
      t.config.now = undefined;
    }
    expect((await changsha.request('GET', `/api/cycles/${cycle.id}`)).json.abilities.object).toBe(true);

    const noItem = await changsha.request('POST', `/api/cycles/${cycle.id}/objections`, { itemCode: '99', criterionCode: 'a', reason: '抽查批次统计有误' });
    expect(noItem.status).toBe(400);
    expect(noItem.json).toMatchObject({ message: '考核方案中没有考核要点「99.a」', fields: [{ field: 'itemCode', message: '请选择考核方案中的考核内容' }] });
    const noCrit = await changsha.request('POST', `/api/cycles/${cycle.id}/objections`, { itemCode: '7', criterionCode: 'z', reason: '抽查批次统计有误' });
    expect(noCrit.json).toMatchObject({ message: '考核方案中没有考核要点「7.z」', fields: [{ field: 'criterionCode' }] });
    const short = await changsha.request('POST', `/api/cycles/${cycle.id}/objections`, { itemCode: '7', criterionCode: 'a', reason: '不服' });
    expect(short.json.fields[0]).toEqual({ field: 'reason', message: '异议理由至少5个字，请写明认为扣分不当的事实和依据' });
    expect((await samr.request('POST', `/api/cycles/${cycle.id}/objections`, { itemCode: '7', criterionCode: 'a', reason: '部门不能提异议' })).status).toBe(403);

    const ok = await changsha.request('POST', `/api/cycles/${cycle.id}/objections`, { itemCode: '7', criterionCode: 'a', reason: '抽查批次统计有误，应为合格' });
    expect(ok.status).toBe(201);
    expect(ok.json).toMatchObject({ status: 'open', statusLabel: '待答复', unit: { code: '430100' }, department: { code: 'samr' }, criterionTitle: expect.stringContaining('切实加强产品质量安全监管') });
    const dup = await changsha.request('POST', `/api/cycles/${cycle.id}/objections`, { itemCode: '7', criterionCode: 'a', reason: '再次提出同一异议' });
    expect(dup.status).toBe(409);
    expect(dup.json.message).toBe(`您对考核要点「7.a 产品质量安全保障」的异议（编号${ok.json.id}）尚待答复，请勿重复提出`);
    const todo = (await samr.request('GET', '/api/todos')).json.items.find((x: any) => x.title.startsWith('答复长沙市'));
    expect(todo).toMatchObject({ title: '答复长沙市对2023年度质量工作考核「7.a 产品质量安全保障」评分的异议', dueAt: END });

    expect((await changsha.request('GET', `/api/cycles/${cycle.id}/objections`)).json.items.map((o: any) => o.id)).toEqual([ok.json.id]);
    expect((await samr.request('GET', `/api/cycles/${cycle.id}/objections`)).json.items.map((o: any) => o.id)).toEqual([ok.json.id]);
    expect((await ndrc.request('GET', `/api/cycles/${cycle.id}/objections`)).json.items).toEqual([]);
    expect((await yueyang.request('GET', `/api/cycles/${cycle.id}/objections`)).json.items).toEqual([]);
    expect((await office.request('GET', `/api/cycles/${cycle.id}/objections`)).json.items).toHaveLength(1);
  });

  it('the evaluating department adjusts a score: checked by the engine, the score row changes (version+1), audited with before/after, the city is told', async () => {
    const o = (await samr.request('GET', `/api/cycles/${cycle.id}/objections`)).json.items[0];
    // the answer dialog gets 7.a as the grid describes it (直接评分, 14.5分) with the scheme reduced to it; the city, which does not answer, gets none
    expect(o.answering.criterion).toMatchObject({ key: '7.a', rule: { type: 'direct' }, points: 14.5, notApplicable: null });
    expect(o.answering.framework.sections.flatMap((s: any) => s.items.flatMap((i: any) => i.criteria.map((c: any) => `${i.code}.${c.code}`)))).toEqual(['7.a']);
    expect((await changsha.request('GET', `/api/cycles/${cycle.id}/objections`)).json.items[0].answering).toBeNull();
    const notMine = await ndrc.request('POST', `/api/objections/${o.id}/answer`, { decision: 'uphold', response: '维持', version: o.version });
    expect(notMine.status).toBe(403);
    expect(notMine.json.message).toBe('该异议不由您单位答复：只有评价该考核要点的部门可以答复');
    const noAnswer = await samr.request('POST', `/api/objections/${o.id}/answer`, { decision: 'adjust', response: '核实后调整', version: o.version });
    expect(noAnswer.status).toBe(400);
    expect(noAnswer.json.fields).toEqual([{ field: 'answer', message: '调整评分时须填写新的评分' }]);
    const wrongKind = await samr.request('POST', `/api/objections/${o.id}/answer`, { decision: 'adjust', response: '核实后调整', answer: true, version: o.version });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.json.message).toContain('新的评分不符合考核要点「7.a 产品质量安全保障」的评分方法：答案类型与评分方法不符');
    expect(wrongKind.json.fields[0].field).toBe('answer');
    const noResponse = await samr.request('POST', `/api/objections/${o.id}/answer`, { decision: 'uphold', response: '', version: o.version });
    expect(noResponse.json.fields[0].field).toBe('response');
    const stale = await samr.request('POST', `/api/objections/${o.id}/answer`, { decision: 'uphold', response: '维持原评分', version: o.version + 5 });
    expect(stale.status).toBe(409);

    const ok = await samr.request('POST', `/api/objections/${o.id}/answer`, { decision: 'adjust', response: '复核抽查记录，补计 2 分', answer: { score: 14 }, version: o.version });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ status: 'adjusted', statusLabel: '已调整评分', response: '复核抽查记录，补计 2 分', beforeAnswer: { score: 12 }, afterAnswer: { score: 14 } });
    const score = await db()
      .selectFrom('score')
      .selectAll()
      .where('cycle_id', '=', cycle.id)
      .where('unit_id', '=', ids['430100'])
      .where('item_code', '=', '7')
      .where('criterion_code', '=', 'a')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(score.answer_json)).toEqual({ score: 14 });
    expect(score.version).toBe(2);
    // the 扣分理由 was written for 12 (扣2.5分); the adjusted score still loses 0.5, so the reason says what the
    // objection changed and why, instead of standing beside 14 as if it still lost 2.5
    const reason = '抽查合格率未达目标，扣2.5分；经复核由12分调整为14分：复核抽查记录，补计 2 分';
    expect(score.comment).toBe(reason);
    const line = (await changsha.request('GET', `/api/cycles/${cycle.id}/results`)).json.units[0].criteria.find((x: any) => x.code === '7.a');
    expect(line).toMatchObject({ score: '14', lost: '0.5', comment: reason });
    const adj = await db().selectFrom('audit_log').selectAll().where('action', '=', 'score.adjust').executeTakeFirstOrThrow();
    expect(JSON.parse(adj.before_json!)).toEqual({ answer: { score: 12 }, comment: '抽查合格率未达目标，扣2.5分', version: 1 });
    expect(JSON.parse(adj.after_json!)).toMatchObject({ answer: { score: 14 }, comment: reason, version: 2, objectionId: o.id });
    const tr = await db().selectFrom('audit_log').selectAll().where('action', '=', 'objection.adjust').executeTakeFirstOrThrow();
    expect(JSON.parse(tr.after_json!)).toMatchObject({ status: 'adjusted', beforeScore: { score: 12 }, afterScore: { score: 14 } });

    const twice = await samr.request('POST', `/api/objections/${o.id}/answer`, { decision: 'uphold', response: '维持', version: ok.json.version });
    expect(twice.status).toBe(409);
    // the same account answering again (another window) is told it answered there itself
    expect(twice.json.message).toMatch(named('该异议已由您在其他窗口于<T>答复（已调整评分），不能重复答复'));
    // the city sees the answer and its new result: 96.7 + 2 = 98.7, now first
    const mine = (await changsha.request('GET', `/api/cycles/${cycle.id}/objections`)).json.items[0];
    expect(mine).toMatchObject({ status: 'adjusted', response: '复核抽查记录，补计 2 分' });
    expect((await changsha.request('GET', '/api/todos')).json.items.map((x: any) => x.title)).toContain('您对2023年度质量工作考核「7.a 产品质量安全保障」的异议已答复：已调整评分');
    expect((await changsha.request('GET', `/api/cycles/${cycle.id}/results`)).json.units[0]).toMatchObject({ total: '98.7', rank: 1 });
    expect((await samr.request('GET', '/api/todos')).json.items.filter((x: any) => x.title.startsWith('答复长沙市'))).toEqual([]);
    // 异议复核结果告知书: the city that raised it, the answering department and the office; audited as a download
    const letter = await download(t, changsha, `/api/objections/${o.id}/notice.docx`);
    expect(letter.status).toBe(200);
    const ltext = (await (await JSZip.loadAsync(letter.body)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(ltext).toContain('长沙市人民政府：');
    // the letter and its file name the key point as the to-dos and the objection list do (keyPointLabel), not a bare 7.a
    expect(ltext).toContain('对2023年度省政府对市州政府质量工作考核中“7.a 产品质量安全保障：');
    expect(decodeURIComponent(String(letter.headers['content-disposition']))).toContain('长沙市异议复核结果告知书（7.a 产品质量安全保障）.docx');
    expect(ltext).toMatch(/文件×××〔\d{4}〕×号关于长沙市考核评分异议/);
    expect(ltext).toContain('经省市场监督管理局复核，对原评分予以调整，评分由12分调整为14分');
    expect(ltext).toContain('复核理由：复核抽查记录，补计 2 分。');
    const audited = await db().selectFrom('audit_log').selectAll().where('action', '=', 'download').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audited).toMatchObject({ username: 'changsha', entity_type: 'objection', entity_id: String(o.id), outcome: 'ok' });
    expect((await download(t, samr, `/api/objections/${o.id}/notice.docx`)).status).toBe(200);
    expect((await download(t, ndrc, `/api/objections/${o.id}/notice.docx`)).status).toBe(404);
  });

  it('a department upholds a score with a reason (score unchanged); the office answers objections on its own key points', async () => {
    // a key point scored in full has no lost points to object to (the page offers 提出异议 only on lost points)
    const full = await changsha.request('POST', `/api/cycles/${cycle.id}/objections`, { itemCode: '15', criterionCode: 'a', reason: '服务业质量提升已纳入年度要点' });
    expect(full.status).toBe(400);
    expect(full.json.message).toMatch(/^考核要点「15\.a .+」未失分（1\/1分），无需提出异议；异议只针对失分的考核要点$/);
    expect(full.json.fields).toEqual([{ field: 'criterionCode', message: '请选择有失分的考核要点' }]);
    // nor does a bonus, which deducts nothing
    expect((await changsha.request('POST', `/api/cycles/${cycle.id}/objections`, { itemCode: '21', criterionCode: 'b', reason: '我市已获得国家质量奖提名' })).status).toBe(400);
    expect(await db().selectFrom('objection').select('id').where('item_code', 'in', ['15', '21']).execute()).toEqual([]);

    const raised = await changsha.request('POST', `/api/cycles/${cycle.id}/objections`, { itemCode: '20', criterionCode: 'a', reason: '地表水监测断面数据有误，应为 97.5%' });
    expect(raised.status).toBe(201);
    expect(raised.json.department.code).toBe('ecology');
    const early = await download(t, changsha, `/api/objections/${raised.json.id}/notice.docx`);
    expect(early.status).toBe(409);
    expect(early.json().message).toBe('该异议尚未答复，答复后才有复核结果告知书');
    expect((await ndrc.request('POST', `/api/objections/${raised.json.id}/answer`, { decision: 'uphold', response: '维持', version: raised.json.version })).status).toBe(403);
    const up = await ecology.request('POST', `/api/objections/${raised.json.id}/answer`, { decision: 'uphold', response: '以省级监测数据为准，维持原评分', version: raised.json.version });
    expect(up.status).toBe(200);
    expect(up.json).toMatchObject({ status: 'upheld', statusLabel: '维持原评分', beforeAnswer: { value: 95.1 }, afterAnswer: null });
    expect((await db().selectFrom('audit_log').select('action').where('action', '=', 'objection.uphold').execute()).length).toBe(1);
    // the review upheld the score: the 复核结果 stands, a second objection to the same score in this window is refused
    // (409, naming the first), nothing saved, nothing audited, no new to-do for ecology
    const raises = async () => (await db().selectFrom('audit_log').select('id').where('action', '=', 'objection.raise').execute()).length;
    const raisedBefore = await raises();
    const again = await changsha.request('POST', `/api/cycles/${cycle.id}/objections`, { itemCode: '20', criterionCode: 'a', reason: '补充省级监测原始记录，请再次复核' });
    expect([again.status, again.json.message]).toEqual([
      409,
      `您对考核要点「20.a 水、空气环境质量情况」的异议（编号${raised.json.id}）已复核并维持原评分，复核结果以复核结果告知书为准；同一评分在本次异议期内不能再次提出异议`,
    ]);
    expect(await db().selectFrom('objection').select('id').where('item_code', '=', '20').execute()).toEqual([{ id: raised.json.id }]);
    expect(await raises()).toBe(raisedBefore);
    expect((await ecology.request('GET', '/api/todos')).json.items.filter((x: any) => x.title.startsWith('答复长沙市') && x.status !== 'done')).toEqual([]);

    const ded = await yueyang.request('POST', `/api/cycles/${cycle.id}/objections`, { itemCode: '22', criterionCode: 'a', reason: '该事故已认定为一般事故，不应减 1.5 分' });
    expect(ded.json.department.code).toBe('office');
    expect((await samr.request('POST', `/api/objections/${ded.json.id}/answer`, { decision: 'uphold', response: '维持', version: 1 })).status).toBe(403);
    const adj = await office.request('POST', `/api/objections/${ded.json.id}/answer`, { decision: 'adjust', response: '经核实为一般事故，减 0.5 分', answer: { score: 0.5 }, version: ded.json.version });
    expect(adj.status).toBe(200);
    const y = (await yueyang.request('GET', `/api/cycles/${cycle.id}/results`)).json.units[0];
    expect(y).toMatchObject({ total: '99.5', deduction: '0.5' });
    // the deduction had no reason on record; the one it keeps is the office's answer
    expect(y.criteria.find((x: any) => x.code === '22.a').comment).toBe('经复核由1.5分调整为0.5分：经核实为一般事故，减 0.5 分');
  });

  it('publishes only with no open objections (or confirmed), freezes the results (cycle_result equals the computed results) and refuses later changes', async () => {
    // 7.a, adjusted to 14 of 14.5 above, still loses half a point
    const open = await changsha.request('POST', `/api/cycles/${cycle.id}/objections`, { itemCode: '7', criterionCode: 'a', reason: '抽查批次已复检合格，剩余 0.5 分也应补计' });
    // an adjusted score is a new score, set by samr after the first objection: the city may object to what it still loses
    expect(open.status).toBe(201);
    const blocked = await office.request('POST', `/api/cycles/${cycle.id}/publish-results`, { version: await version() });
    expect(blocked.status).toBe(409);
    expect(blocked.json.message).toBe('还有1条异议尚未答复：长沙市对「7.a 产品质量安全保障」（省市场监督管理局答复）。确认发布后这些异议按维持原评分办结');
    expect(blocked.json.current).toEqual([{ id: open.json.id, unit: '长沙市', itemCode: '7', criterionCode: 'a', department: '省市场监督管理局' }]);
    await samr.request('POST', `/api/objections/${open.json.id}/answer`, { decision: 'uphold', response: '复检不改变抽查结论，维持', version: open.json.version });

    const preliminary = (await office.request('GET', `/api/cycles/${cycle.id}/results`)).json;
    expect((await office.request('POST', `/api/cycles/${cycle.id}/publish-results`, { version: (await version()) - 1 })).status).toBe(409);
    expect((await changsha.request('POST', `/api/cycles/${cycle.id}/publish-results`, { version: await version() })).status).toBe(403);
    const ok = await office.request('POST', `/api/cycles/${cycle.id}/publish-results`, { version: await version() });
    expect(ok.status).toBe(200);
    expect(ok.json.status).toBe('published');
    expect(ok.json.publishedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    const rows = await db().selectFrom('cycle_result').selectAll().where('cycle_id', '=', cycle.id).orderBy('rank').orderBy('unit_id').execute();
    expect(rows).toHaveLength(14);
    expect(rows.slice(0, 2).map((r) => [r.unit_id, r.total, r.rank, r.grade, r.vetoed])).toEqual([
      [ids['430600'], '99.5', 1, 'A', 0],
      [ids['430100'], '98.7', 2, 'A', 0],
    ]);
    expect(rows[13]).toMatchObject({ unit_id: ids['430200'], total: '100', rank: 14, grade: 'D', vetoed: 1 });
    const byUnit = new Map(preliminary.units.map((u: any) => [u.unitId, u]));
    for (const r of rows) expect(JSON.parse(r.detail_json)).toEqual(byUnit.get(r.unit_id));

    const final = (await office.request('GET', `/api/cycles/${cycle.id}/results`)).json;
    expect(final).toMatchObject({ stage: 'final', stageLabel: '最终结果' });
    // frozen: a later change of a stored score does not move the published results
    await db().updateTable('score').set({ answer_json: JSON.stringify({ score: 0 }) }).where('cycle_id', '=', cycle.id).where('item_code', '=', '12').execute();
    expect((await office.request('GET', `/api/cycles/${cycle.id}/results`)).json.units).toEqual(final.units);
    // the scoring route (scoring area) refuses score changes once the cycle has left the scoring phase
    const put = await samr.request('PUT', `/api/cycles/${cycle.id}/scores/${ids['430100']}/7/a`, { answer: { score: 1 }, version: 2 });
    expect(put.status).toBe(409);
    expect(put.json.message).toBe('当前考核状态为「结果已发布」，不在评分阶段，评分不能修改');
    // no more objections or answers, no second publication
    const late = await changsha.request('POST', `/api/cycles/${cycle.id}/objections`, { itemCode: '12', criterionCode: 'a', reason: '发布后再提异议' });
    expect(late.status).toBe(403);
    expect(late.json.message).toBe('当前不在异议期：初步结果公布后、最终结果发布前才能提出异议');
    expect((await office.request('POST', `/api/cycles/${cycle.id}/publish-results`, { version: await version() })).status).toBe(409);
    // nor a moved objection window: the results are frozen
    const lateEnd = await office.request('PATCH', `/api/cycles/${cycle.id}`, { objectionEnd: addDays(END, 7), version: await version() });
    expect([lateEnd.status, lateEnd.json.message]).toEqual([409, '结果已发布，考核工作不能再修改']);
    expect(await offersEndChange(office)).toBe(false);
    expect((await changsha.request('GET', '/api/todos')).json.items.map((x: any) => x.title)).toContain(
      '2023年度质量工作考核最终结果已发布：长沙市总分98.7，第2名，A级',
    );
    expect((await changsha.request('GET', '/api/todos')).json.items.map((x: any) => x.title)).not.toContain(
      `查看2023年度质量工作考核初步结果，如有异议请于${formatDeadline(END).at}前提出`,
    );
  });

  it('after publication a city sees everyone’s totals but only its own criteria; a department still only its own criteria', async () => {
    const c = (await changsha.request('GET', `/api/cycles/${cycle.id}/results`)).json;
    expect(c.units).toHaveLength(14);
    expect(c.units.find((u: any) => u.unitCode === '430600')).toMatchObject({ total: '99.5', criteria: [] });
    expect(c.units.find((u: any) => u.unitCode === '430100').criteria).toHaveLength(30);
    const s = (await samr.request('GET', `/api/cycles/${cycle.id}/results`)).json;
    expect(s.units.find((u: any) => u.unitCode === '430100')).toMatchObject({ total: '98.7', rank: 2 });
    expect(s.units.find((u: any) => u.unitCode === '430100').criteria).toHaveLength(6);
  });

  it('exports the ranking table (.xlsx) and a city report (.docx) that re-open with the right content', async () => {
    const x = await download(t, office, `/api/cycles/${cycle.id}/results/ranking.xlsx`);
    expect(x.status).toBe(200);
    expect(x.headers['content-disposition']).toBe(attachmentDisposition('2023年度考核结果排名（最终）.xlsx'));
    const lastDownload = () => db().selectFrom('audit_log').selectAll().where('action', '=', 'download').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(await lastDownload()).toMatchObject({ username: 'office', entity_type: 'assessment_cycle', entity_id: String(cycle.id), cycle_id: cycle.id, outcome: 'ok' });
    expect(JSON.parse((await lastDownload()).after_json!)).toEqual({ fileName: '2023年度考核结果排名（最终）.xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.body as never);
    const ws = wb.getWorksheet('考核结果排名')!;
    expect(ws.getCell('A1').value).toBe('2023年度省政府对市州政府质量工作考核 考核结果（最终）');
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual([
      '排名',
      '市州',
      '宏观质量\n（19.5分）',
      '产品质量\n（35.5分）',
      '工程质量\n（20分）',
      '服务质量\n（15分）',
      '环境质量\n（10分）',
      '基本项得分',
      '加分',
      '减分',
      '否决项',
      '总分',
      '等级',
    ]);
    // the base score comes before bonus and deduction; the total after them
    expect((ws.getRow(3).values as unknown[]).slice(1, 12)).toEqual([1, '岳阳市', 19.5, 35.5, 20, 15, 10, 100, 0, 0.5, '否']);
    expect(ws.getRow(3).getCell(12).value).toBe(99.5);
    expect((ws.getRow(4).values as unknown[]).slice(1, 12)).toEqual([2, '长沙市', 19.5, 35, 20, 15, 8, 97.5, 1.2, 0, '否']);
    expect(ws.getRow(4).getCell(12).value).toBe(98.7);
    expect((ws.getRow(16).values as unknown[]).slice(1, 3)).toEqual([14, '株洲市']);
    expect(ws.getRow(16).getCell(11).value).toBe('是：发生重大质量安全事故');
    // a city reads the others' totals without their key points: the veto item is still named by its title, not 23.a
    const cx = await download(t, changsha, `/api/cycles/${cycle.id}/results/ranking.xlsx`);
    const cwb = new ExcelJS.Workbook();
    await cwb.xlsx.load(cx.body as never);
    const cws = cwb.getWorksheet('考核结果排名')!;
    expect(cws.getRow(16).getCell(11).value).toBe('是：发生重大质量安全事故');
    expect(cws.getColumn(1).values.map(String).join('|')).toContain('否决项“发生重大质量安全事故”：在考核年度内');
    expect(cws.getColumn(1).values.map(String).join('|')).not.toContain('23.a');
    // the vetoed city's 反馈意见 and report: the veto item by its title, the evaluating departments as the scheme
    // (附件4) names them — 质量强省领导小组办公室, not 省质强办 beside full department names
    const zf = await download(t, office, `/api/cycles/${cycle.id}/results/${ids['430200']}/feedback.docx`);
    const ztext = (await (await JSZip.loadAsync(zf.body)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(ztext).toContain('否决项：发生重大质量安全事故否决项触发');
    expect(ztext).not.toContain('触发（23.a）');
    // the lost points' table is the 附件, before the 版记 (its 印发机关 the office's full name)
    const lostTable = ztext.slice(ztext.indexOf('失分原因评价部门'), ztext.lastIndexOf('湖南省质量强省领导小组办公室'));
    expect(lostTable).toContain('质量强省领导小组办公室');
    expect(lostTable).not.toContain('省质强办');
    const zr = await download(t, office, `/api/cycles/${cycle.id}/results/${ids['430200']}/report.docx`);
    const zrtext = (await (await JSZip.loadAsync(zr.body)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(zrtext).toContain('否决：是（发生重大质量安全事故）');
    expect(zrtext).not.toContain('（23.a）');
    expect(zrtext).toContain('质量强省领导小组办公室：');
    expect(ws.getCell('L3').numFmt).toBe('0.0#');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });

    const d = await download(t, changsha, `/api/cycles/${cycle.id}/results/${ids['430100']}/report.docx`);
    expect(d.status).toBe(200);
    expect(await lastDownload()).toMatchObject({ username: 'changsha', entity_type: 'assessment_cycle', cycle_id: cycle.id });
    expect(JSON.parse((await lastDownload()).after_json!).fileName).toBe('2023年度长沙市考核结果报告（最终）.docx');
    const zip = await JSZip.loadAsync(d.body);
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('长沙市考核结果报告（最终结果）');
    expect(text).toContain('总分：98.7');
    expect(text).toContain('第2名（共14个市州）');
    expect(text).toContain('等级：A');
    expect(text).toContain('宏观质量');
    expect(text).toContain('20.a'); // the water-quality point still lost 2
    expect(text).toContain('抽查合格率未达目标，扣2.5分');
    expect(text).toContain('复核抽查记录，补计 2 分');
    expect(text).toContain('12分 → 14分');
    expect(text).toContain('95.1%比97.3%低2.2个百分点，扣2分，得3分');
    // 生成时间 is the request's clock (config.now), not the machine's
    t.config.now = () => new Date('2030-05-06T02:07:00.000Z');
    try {
      const dated = await download(t, changsha, `/api/cycles/${cycle.id}/results/${ids['430100']}/report.docx`);
      expect((await (await JSZip.loadAsync(dated.body)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '')).toContain('生成时间：2030年5月6日 10:07');
    } finally {
      t.config.now = undefined;
    }

    expect((await download(t, changsha, `/api/cycles/${cycle.id}/results/${ids['430600']}/report.docx`)).status).toBe(403);
    expect((await download(t, office, `/api/cycles/${cycle.id}/results/999999/report.docx`)).status).toBe(404);

    // 考核结果通报 (office only) and 反馈意见书 (the office, or the city its own), audited as downloads
    const b = await download(t, office, `/api/cycles/${cycle.id}/results/bulletin.docx`);
    expect(b.status).toBe(200);
    expect(JSON.parse((await lastDownload()).after_json!).fileName).toBe('2023年度考核结果通报.docx');
    const btext = (await (await JSZip.loadAsync(b.body)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(btext).toContain('各市州人民政府：');
    expect(btext).toContain('1岳阳市');
    // the 文号, when the office gives one (the dialog's POST), under the 版头; a malformed one is refused in Chinese
    const numbered = await download(t, office, `/api/cycles/${cycle.id}/results/bulletin.docx`, '湘质强办〔2024〕3号');
    expect(numbered.status).toBe(200);
    expect((await (await JSZip.loadAsync(numbered.body)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '')).toContain('湘质强办〔2024〕3号');
    expect(btext).not.toContain('湘质强办〔2024〕3号');
    const badNo = await office.request('POST', `/api/cycles/${cycle.id}/results/bulletin.docx`, { docNumber: '第三号' });
    expect(badNo.status).toBe(400);
    expect(badNo.json.message).toContain('文号应写作“机关代字〔年份〕序号号”');
    // GB/T 9704: 序号不编虚位 (15, not 015)
    const padded = await office.request('POST', `/api/cycles/${cycle.id}/results/bulletin.docx`, { docNumber: '湘质强办〔2023〕015号' });
    expect([padded.status, padded.json.message]).toEqual([400, '填写的内容有误 — 文号：文号应写作“机关代字〔年份〕序号号”，如湘质强办〔2026〕12号（年份用六角括号〔〕，序号不加“0”）']);
    expect((await download(t, changsha, `/api/cycles/${cycle.id}/results/bulletin.docx`)).status).toBe(403);
    const f = await download(t, changsha, `/api/cycles/${cycle.id}/results/${ids['430100']}/feedback.docx`);
    expect(f.status).toBe(200);
    expect(await lastDownload()).toMatchObject({ username: 'changsha', entity_type: 'assessment_cycle', cycle_id: cycle.id, outcome: 'ok' });
    expect(JSON.parse((await lastDownload()).after_json!).fileName).toBe('2023年度长沙市考核反馈意见书（最终）.docx');
    const ftext = (await (await JSZip.loadAsync(f.body)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(ftext).toContain('长沙市人民政府：');
    // a 文件 carries its 发文字号 line, the placeholder until the office numbers it (as the bulletin does)
    expect(ftext).toMatch(/文件×××〔\d{4}〕×号关于长沙市/);
    expect(ftext).toContain('你市2023年度质量工作考核总分98.7分，排名第2位（共14个市州），等级为A。');
    expect(ftext).toContain('20.a'); // the water-quality point still lost 2
    expect(ftext).toContain('抽查合格率未达目标，扣2.5分');
    // the final feedback no longer invites objections: the window has closed
    expect(ftext).toContain('将整改情况报送');
    expect(ftext).not.toContain('异议');
    expect((await download(t, changsha, `/api/cycles/${cycle.id}/results/${ids['430600']}/feedback.docx`)).status).toBe(403);
    expect((await download(t, office, `/api/cycles/${cycle.id}/results/${ids['430600']}/feedback.docx`)).status).toBe(200);
    // 部门评分表 for signature and seal: the department's key points × units, scores as numbers, reasons
    const sheet = await download(t, samr, `/api/cycles/${cycle.id}/scoring/signed-sheet.xlsx`);
    expect(sheet.status).toBe(200);
    const swb = new ExcelJS.Workbook();
    await swb.xlsx.load(sheet.body as never);
    const sws = swb.getWorksheet('部门评分表')!;
    expect(sws.getCell('A1').value).toBe('2023年度省政府对市州政府质量工作考核评分表（省市场监督管理局）');
    const sheetRows = Array.from({ length: sws.rowCount - 3 }, (_, i) => sws.getRow(4 + i).values as unknown[]);
    // the key point heads its units' rows
    const heading = sheetRows.findIndex((r) => String(r[1]).startsWith('7.a '));
    const lostRow = sheetRows.slice(heading + 1).find((r) => r[2] === '长沙市');
    // the score adjusted on objection (12 → 14) signs with the reason it now has, the adjustment included
    expect(lostRow?.[5]).toBe('抽查合格率未达目标，扣2.5分；经复核由12分调整为14分：复核抽查记录，补计 2 分');
    expect(lostRow?.[4]).toBe(14);
    expect((await download(t, changsha, `/api/cycles/${cycle.id}/scoring/signed-sheet.xlsx`)).status).toBe(403);
  });
});
