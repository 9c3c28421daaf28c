/**
 * Preliminary results before every department has submitted, and the final publication's confirmation
 * (issue 10, "Scoring as fast as Excel"):
 * - while scoring the office sees the results marked incomplete: which departments have not submitted and
 *   which unit × key point cells they have not filled;
 * - the office may publish the submitted departments' scores early, with a reason (audited, shown on the
 *   cycle); a city then sees its own key points scored by those departments only, without total, rank or grade,
 *   and cannot object; the objection window opens (openReview) only once all have submitted;
 * - "发布最终结果" while objections are unanswered is refused (409 with the count) unless confirmed; confirmed,
 *   the unanswered objections are closed as 维持原评分.
 *
 * Setup as in results.test.ts: scheme v1 published directly, scores of three cities inserted, every evaluating
 * department submitted except ndrc (2.a and 15.a).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../config';
import { addDays, chinaDate } from '../../../../shared/deadline';
import { multipart, PDF } from '../../../test/multipart';
import { login, makeTestApp, openTestCycle, orgId, testDialects, type Client, type TestApp } from '../../../test/helpers';
import { findCycle } from '../assessment.queries';
import { computeResults } from './results.queries';

const FW = JSON.parse(readFileSync(path.join(REPO_ROOT, 'frameworks/hunan-assessment-2022.json'), 'utf8'));

function fullMarks(): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const s of FW.sections)
    for (const i of s.items)
      for (const c of i.criteria)
        (out[i.code] ??= {})[c.code] = s.role === 'base' ? (c.rule.type === 'direct' ? { score: c.points } : { value: 99 }) : s.role === 'deduction' ? { score: 0 } : false;
  return out;
}

const evaluatorOf = (item: string, crit: string): string => {
  const i = FW.sections.flatMap((s: any) => s.items).find((x: any) => x.code === item);
  const c = i.criteria.find((x: any) => x.code === crit);
  return (c.evaluators ?? i.evaluators)[0];
};

describe.each(testDialects())('preliminary results and the final publication, on %s', (dialect) => {
  let t: TestApp;
  let office: Client;
  let changsha: Client;
  let samr: Client;
  let leader: Client;
  let cycle: any;
  let ids: Record<string, number>;
  const db = () => t.db.db;
  const version = async () => (await db().selectFrom('assessment_cycle').select('version').where('id', '=', cycle.id).executeTakeFirstOrThrow()).version;
  const REASON = '省发展改革委因机构调整延期提交，先公布其余部门的评分供各市州核对';

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    ({ office, cycle } = await openTestCycle(t));
    [changsha, samr, leader] = await Promise.all(['changsha', 'samr', 'leader'].map((u) => login(t.app, u)));
    ids = {};
    for (const code of ['430100', '430200', '430600', 'ndrc', 'samr']) ids[code] = await orgId(t.db, code);
    const now = new Date().toISOString();
    await db().updateTable('scheme').set({ status: 'published', published_at: now }).where('cycle_id', '=', cycle.id).execute();
    await db().updateTable('assessment_cycle').set({ status: 'scoring' }).where('id', '=', cycle.id).execute();
    const answers: Record<string, Record<string, Record<string, unknown>>> = { '430100': fullMarks(), '430600': fullMarks(), '430200': fullMarks() };
    answers['430100']['7'].a = { score: 12 };
    const deptIds = new Map<string, number>();
    for (const [unit, items] of Object.entries(answers))
      for (const [item, crits] of Object.entries(items))
        for (const [crit, ans] of Object.entries(crits)) {
          const evaluator = evaluatorOf(item, crit);
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

  it('shows the office the results marked incomplete: the department that has not submitted and the cells it has not filled', async () => {
    const r = await office.request('GET', `/api/cycles/${cycle.id}/results?detail=totals`);
    expect(r.status).toBe(200);
    expect(r.json.completeness.complete).toBe(false);
    expect(r.json.completeness.pending).toHaveLength(1);
    const ndrc = r.json.completeness.pending[0];
    // ndrc evaluates 2.a and 15.a; 11 of the 14 cities have no score at all
    expect(ndrc).toMatchObject({ id: ids.ndrc, code: 'ndrc', name: '省发展改革委', missingCount: 22 });
    expect(ndrc.missingCells).toHaveLength(20);
    expect(ndrc.missingCells.every((c: string) => / (2|15)\.a$/.test(c))).toBe(true);
    expect(ndrc.missingCells).not.toContain('长沙市 2.a');
    expect(r.json.partial).toBeNull();
    // leaders see the same once they may read; cities see nothing before a publication
    expect((await changsha.request('GET', `/api/cycles/${cycle.id}/results`)).status).toBe(403);
    expect((await office.request('GET', `/api/cycles/${cycle.id}`)).json.abilities.events).toEqual(['openReview', 'publishPreliminary']);
  });

  it('answers the page (detail "totals") with the full answer less its criterion lines, and computes it without them', async () => {
    const full = await office.request('GET', `/api/cycles/${cycle.id}/results`);
    const totals = await office.request('GET', `/api/cycles/${cycle.id}/results?detail=totals`);
    expect(full.status).toBe(200);
    expect(totals.json).toEqual({ ...full.json, units: full.json.units.map((u: object) => ({ ...u, criteria: [], missing: [] })) });
    // the full answer has the lines, with their comments
    const changshaLine = full.json.units.find((u: any) => u.unitId === ids['430100']).criteria.find((c: any) => c.code === '7.a');
    expect(changshaLine).toMatchObject({ score: '12', comment: '抽查合格率未达目标，扣2.5分' });
    // computed without the lines: every unit's total, rank and subtotals as in full, no criterion line made
    const cycleRow = (await findCycle(db(), cycle.id))!;
    const [withLines, without] = [await computeResults(db(), cycleRow), await computeResults(db(), cycleRow, { lines: false })];
    expect(without.units.every((u) => u.criteria.length === 0)).toBe(true);
    expect(without.units).toEqual(withLines.units.map((u) => ({ ...u, criteria: [] })));
  });

  it('publishes the submitted departments early only for the office, with a reason, at the current version', async () => {
    const v = await version();
    expect((await changsha.request('POST', `/api/cycles/${cycle.id}/preliminary`, { reason: REASON, version: v })).status).toBe(403);
    expect((await samr.request('POST', `/api/cycles/${cycle.id}/preliminary`, { reason: REASON, version: v })).status).toBe(403);
    const none = await office.request('POST', `/api/cycles/${cycle.id}/preliminary`, { version: v });
    expect(none.status).toBe(400);
    expect(none.json.fields).toEqual([{ field: 'reason', message: '请填写提前公布的原因' }]);
    const short = await office.request('POST', `/api/cycles/${cycle.id}/preliminary`, { reason: '先发', version: v });
    expect(short.status).toBe(400);
    expect(short.json.fields[0].message).toBe('提前公布的原因至少5个字，请写明为何不等全部评价部门提交');
    expect((await office.request('POST', `/api/cycles/${cycle.id}/preliminary`, { reason: REASON, version: v - 1 })).status).toBe(409);

    const ok = await office.request('POST', `/api/cycles/${cycle.id}/preliminary`, { reason: REASON, version: v });
    expect(ok.status).toBe(200);
    expect(ok.json.status).toBe('scoring');
    expect(ok.json.version).toBe(v + 1);
    expect(ok.json.preliminary.reason).toBe(REASON);
    expect(ok.json.preliminary.publishedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const shown = ok.json.preliminary.departments.map((d: any) => d.name);
    expect(shown).toContain('省市场监督管理局');
    expect(shown).not.toContain('省发展改革委');
    expect(shown).toHaveLength(17);
    const audit = await db().selectFrom('audit_log').selectAll().where('action', '=', 'cycle.publishPreliminary').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].before_json!)).toEqual({ status: 'scoring' });
    const after = JSON.parse(audit[0].after_json!);
    expect(after).toMatchObject({ status: 'scoring', preliminary_reason: REASON, pending: ['省发展改革委'] });
    expect(after.departments).toHaveLength(17);
  });

  it('a city then sees its own key points scored by the published departments only, marked preliminary, without totals; no objection, no report', async () => {
    const r = await changsha.request('GET', `/api/cycles/${cycle.id}/results`);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ stage: 'preliminary', scope: 'own', completeness: { complete: false, pending: [] } });
    expect(r.json.partial).toMatchObject({ reason: REASON });
    expect(r.json.units).toHaveLength(1);
    const own = r.json.units[0];
    expect(own).toMatchObject({ unitCode: '430100', total: null, rank: null, grade: null, sections: [], missing: [] });
    const codes = own.criteria.map((c: any) => c.code);
    expect(codes).not.toContain('2.a');
    expect(codes).not.toContain('15.a');
    expect(codes).toHaveLength(30 - 2);
    expect(own.criteria.find((c: any) => c.code === '7.a')).toMatchObject({ score: '12', lost: '2.5', comment: '抽查合格率未达目标，扣2.5分' });
    // the city's 待办: 查看初步结果 (评分未完成), linking to its results view
    const cityTodos = (await changsha.request('GET', '/api/todos')).json.items.filter((x: any) => x.link === `/assessment/${cycle.id}?tab=results`);
    expect(cityTodos).toEqual([
      expect.objectContaining({ kind: 'result.preliminary', title: `查看${cycle.year}年度质量工作考核初步结果（评分未完成）`, dueAt: null, dismissable: false }),
    ]);
    // no objections before the window; no report or ranking while the totals are withheld
    const obj = await changsha.request('POST', `/api/cycles/${cycle.id}/objections`, { itemCode: '7', criterionCode: 'a', reason: '抽查批次统计有误，请复核' });
    expect(obj.status).toBe(403);
    const report = await t.app.inject({ method: 'GET', url: `/api/cycles/${cycle.id}/results/${ids['430100']}/report.docx`, headers: { cookie: changsha.cookie } });
    expect(report.statusCode).toBe(409);
    // the ranking and the documents wait for the announced preliminary results (scoring has not ended)
    const early = await changsha.request('GET', `/api/cycles/${cycle.id}/results/ranking.xlsx`);
    expect(early.status).toBe(409);
    expect(early.json.message).toContain('开放异议后提供');
    // a department sees its own key points; the leader everything, with the completeness
    const s = await samr.request('GET', `/api/cycles/${cycle.id}/results`);
    expect(s.status).toBe(200);
    expect(s.json.units[0].criteria.every((c: any) => c.department.code === 'samr')).toBe(true);
    const l = await leader.request('GET', `/api/cycles/${cycle.id}/results?detail=totals`);
    expect(l.status).toBe(200);
    expect(l.json.completeness.pending.map((d: any) => d.code)).toEqual(['ndrc']);
  });

  it('a department asking for a 反馈意见书 is told it may not (403) before being told scoring is unfinished (409), as in the objection window', async () => {
    const feedback = `/api/cycles/${cycle.id}/results/${ids['430100']}/feedback.docx`;
    const early = await samr.request('GET', feedback);
    expect([early.status, early.json.message]).toEqual([403, '最终结果发布前，成员单位只能查看本单位评价的考核要点，不能下载反馈意见书']);
    // the city's own: withheld while scoring is unfinished (409), as its report
    expect((await changsha.request('GET', feedback)).status).toBe(409);
  });

  it('a department reopened for a correction is withheld until it submits again', async () => {
    await db().updateTable('score_submission').set({ status: 'open' }).where('cycle_id', '=', cycle.id).where('department_id', '=', ids.samr).execute();
    const hidden = (await changsha.request('GET', `/api/cycles/${cycle.id}/results`)).json.units[0].criteria.map((c: any) => c.code);
    expect(hidden).not.toContain('7.a');
    await db().updateTable('score_submission').set({ status: 'submitted' }).where('cycle_id', '=', cycle.id).where('department_id', '=', ids.samr).execute();
    const back = (await changsha.request('GET', `/api/cycles/${cycle.id}/results`)).json.units[0].criteria.map((c: any) => c.code);
    expect(back).toContain('7.a');
  });

  it('once all have submitted: no more early publication, the results are complete, and the objection window opens as before', async () => {
    await db().updateTable('score_submission').set({ status: 'submitted' }).where('cycle_id', '=', cycle.id).execute();
    const again = await office.request('POST', `/api/cycles/${cycle.id}/preliminary`, { reason: REASON, version: await version() });
    expect(again.status).toBe(409);
    expect(again.json.message).toBe('全部评价部门已提交评分，请直接「公布初步结果，开放异议」');
    const r = await office.request('GET', `/api/cycles/${cycle.id}/results?detail=totals`);
    expect(r.json.completeness).toEqual({ complete: true, pending: [] });
    // the early publication listed the departments of its day: ndrc is not shown to the cities until the window opens
    const c = (await changsha.request('GET', `/api/cycles/${cycle.id}/results`)).json.units[0];
    expect(c.criteria.map((x: any) => x.code)).not.toContain('2.a');
    const ok = await office.request('POST', `/api/cycles/${cycle.id}/review`, { objectionStart: '2000-01-01', objectionEnd: addDays(chinaDate(new Date()), 30), version: await version() });
    expect(ok.status).toBe(200);
    expect(ok.json.preliminary.reason).toBe(REASON);
    const full = (await changsha.request('GET', `/api/cycles/${cycle.id}/results`)).json;
    expect(full.completeness).toBeNull();
    expect(full.partial).toBeNull();
    expect(full.units[0]).toMatchObject({ total: '97.5', rank: 3 });
    // in the window the department's 反馈意见书 is refused with the same 403
    const dept = await samr.request('GET', `/api/cycles/${cycle.id}/results/${ids['430100']}/feedback.docx`);
    expect([dept.status, dept.json.message]).toEqual([403, '最终结果发布前，成员单位只能查看本单位评价的考核要点，不能下载反馈意见书']);
    expect(full.units[0].criteria).toHaveLength(30);
    // in the objection window the city's 待办 is the objection one (查看初步结果，如有异议…), not the early one
    const inWindow = (await changsha.request('GET', '/api/todos')).json.items.filter((x: any) => x.link === `/assessment/${cycle.id}?tab=results`);
    expect(inWindow.map((x: any) => x.kind)).toEqual(['result.review']);
    expect((await office.request('POST', `/api/cycles/${cycle.id}/preliminary`, { reason: REASON, version: await version() })).status).toBe(409);
  });

  it('final publication while an objection is unanswered: refused with the count unless confirmed; confirmed, the objection is closed as 维持原评分', async () => {
    const raised = await changsha.request('POST', `/api/cycles/${cycle.id}/objections`, { itemCode: '7', criterionCode: 'a', reason: '抽查批次统计有误，请复核' });
    expect(raised.status).toBe(201);
    // once the window has ended the objection's evidence is closed too (refused before anything is stored)
    const window = await db().selectFrom('assessment_cycle').select(['objection_start', 'objection_end']).where('id', '=', cycle.id).executeTakeFirstOrThrow();
    await db().updateTable('assessment_cycle').set({ objection_start: '2000-01-01', objection_end: '2000-01-10' }).where('id', '=', cycle.id).execute();
    const m = multipart({ cycleId: cycle.id, ownerType: 'objection', ownerId: raised.json.id }, { name: '补充说明.pdf', data: PDF, type: 'application/pdf' });
    const late = await changsha.request('POST', '/api/evidence', m.body, m.headers);
    expect([late.status, late.json.message]).toEqual([403, '异议期已于2000-01-10结束，异议的佐证材料不能再上传或删除']);
    await db().updateTable('assessment_cycle').set(window).where('id', '=', cycle.id).execute();
    // in the window it is taken, and its audit row names the key point as the objection's to-dos do, not a bare 7.a
    const inTime = multipart({ cycleId: cycle.id, ownerType: 'objection', ownerId: raised.json.id }, { name: '补充说明.pdf', data: PDF, type: 'application/pdf' });
    expect((await changsha.request('POST', '/api/evidence', inTime.body, inTime.headers)).status).toBe(201);
    const uploaded = await db().selectFrom('audit_log').select('after_json').where('action', '=', 'evidence.upload').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(uploaded.after_json!).owner).toBe('「7.a 产品质量安全保障」异议');
    const blocked = await office.request('POST', `/api/cycles/${cycle.id}/publish-results`, { version: await version() });
    expect(blocked.status).toBe(409);
    expect(blocked.json.message).toBe('还有1条异议尚未答复：长沙市对「7.a 产品质量安全保障」（省市场监督管理局答复）。确认发布后这些异议按维持原评分办结');
    expect(blocked.json.current).toHaveLength(1);
    expect((await office.request('POST', `/api/cycles/${cycle.id}/publish-results`, { version: await version(), confirm: false })).status).toBe(409);
    const badFlag = await office.request('POST', `/api/cycles/${cycle.id}/publish-results`, { version: await version(), confirm: 'yes' });
    expect(badFlag.status).toBe(400);
    expect((await db().selectFrom('assessment_cycle').select('status').where('id', '=', cycle.id).executeTakeFirstOrThrow()).status).toBe('review');

    const ok = await office.request('POST', `/api/cycles/${cycle.id}/publish-results`, { version: await version(), confirm: true });
    expect(ok.status).toBe(200);
    expect(ok.json.status).toBe('published');
    const o = await db().selectFrom('objection').selectAll().where('id', '=', raised.json.id).executeTakeFirstOrThrow();
    expect(o).toMatchObject({ status: 'upheld', response: '最终结果发布时尚未答复，经质强办确认，维持原评分' });
    expect(o.answered_at).not.toBeNull();
    const closed = await db().selectFrom('audit_log').selectAll().where('action', '=', 'objection.closeAtPublication').execute();
    expect(closed.map((a) => a.entity_id)).toEqual([String(raised.json.id)]);
    expect((await samr.request('GET', '/api/todos')).json.items.filter((x: any) => x.title.startsWith('答复长沙市'))).toEqual([]);
    const final = (await changsha.request('GET', `/api/cycles/${cycle.id}/results`)).json;
    expect(final.stage).toBe('final');
    expect(final.units.find((u: any) => u.unitCode === '430100')).toMatchObject({ total: '97.5' });
    // the final publication ends the preliminary to-dos: the stored notice of the final result remains, and the notice
    // that the unanswered objection was closed (as an answered one's would be)
    const after = (await changsha.request('GET', '/api/todos')).json.items.filter((x: any) => x.link === `/assessment/${cycle.id}?tab=results`);
    expect(after.map((x: any) => x.kind).sort()).toEqual(['objection.answered', 'result.published']);
    expect(after.find((x: any) => x.kind === 'objection.answered')).toMatchObject({ title: expect.stringMatching(new RegExp(`^您对${cycle.year}年度质量工作考核「7\\.a .+」的异议已办结：维持原评分（最终结果发布时尚未答复）$`)), detail: '最终结果发布时尚未答复，经质强办确认，维持原评分' });
  });
});
