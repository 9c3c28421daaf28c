/**
 * Races (issue 8 §6): every precondition a change depends on — the submission lock, completeness, the cycle's
 * phase, a row's version — is read inside the change's own transaction, under the lock that serialises it
 * (see src/server/db/sqlite-immediate.ts for the rule on both databases). Each test fires the competing
 * requests at once (Promise.all over app.inject) and then checks an invariant that a lost race would break:
 * - a submitted submission holds exactly the scores that were stored when it was submitted, and all of them;
 * - of two changes made from the same version, one wins and the other gets 409;
 * - a workflow moves once (one audit row), and never into a state its preconditions forbid.
 * Each test opens its own cycle (one year each) so the rounds do not disturb each other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeTestApp, named, openTestCycle, orgId, type Client, type TestApp, testDialects } from '../../../test/helpers';
import { cycleAccess } from '../assessment.queries';
import { openScoring } from './scoring.commands';
import { sessionOrg } from '../../../core/session';
import { addDays, chinaDate } from '../../../../shared/deadline';

/** each round fires every competing request at once; 2 catch a lost race, nightly (KAOPING_NIGHTLY=1) runs 12 */
const ROUNDS = process.env.KAOPING_NIGHTLY === '1' ? 12 : 2;
/** rounds of concurrent requests take a while on a busy machine */
const SLOW = 120_000;

/** Close collection through the API, publish the draft scheme and open scoring directly (as scoring.test does). */
async function startScoring(t: TestApp, office: Client, cycle: any): Promise<void> {
  const closed = await office.request('POST', `/api/cycles/${cycle.id}/transition`, { event: 'closeCollection', version: cycle.version });
  if (closed.status !== 200) throw new Error(`closeCollection: ${closed.status} ${JSON.stringify(closed.json)}`);
  const now = new Date().toISOString();
  await t.db.db.updateTable('scheme').set({ status: 'published', published_at: now }).where('cycle_id', '=', cycle.id).execute();
  await t.db.db.updateTable('assessment_cycle').set({ status: 'scoring', updated_at: now }).where('id', '=', cycle.id).execute();
  const u = await t.db.db.selectFrom('app_user').selectAll().where('username', '=', 'office').executeTakeFirstOrThrow();
  const me = { id: u.id, username: 'office', displayName: u.display_name, role: 'office' as const, orgUnitId: u.org_unit_id, org: await sessionOrg(t.db.db, u.org_unit_id), mustChangePassword: false, sessionId: '', csrfToken: '' };
  const scheme = await t.db.db.selectFrom('scheme').select('framework_json').where('cycle_id', '=', cycle.id).executeTakeFirstOrThrow();
  await openScoring(t.db.db, await cycleAccess(t.db.db, me, cycle.id, chinaDate(new Date())), JSON.parse(scheme.framework_json), new Date().toISOString());
}

describe.each(testDialects())('races between changes, on %s', (dialect) => {
  let t: TestApp;
  let ndrc: Client, office: Client, changsha: Client;
  let ndrcId: number;
  let units: { id: number; name: string }[];
  let year = 2030;
  const db = () => t.db.db;
  /** ndrc scores 2.a and 15.a for every city */
  const KEYS = ['2.a', '15.a'];

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    [ndrc, changsha] = await Promise.all(['ndrc', 'changsha'].map((u) => login(t.app, u)));
    ndrcId = await orgId(t.db, 'ndrc');
  });
  afterAll(async () => {
    await t?.close();
  });

  async function scoringCycle(): Promise<any> {
    const opened = await openTestCycle(t, { year: year++ });
    office = opened.office;
    await startScoring(t, office, opened.cycle);
    units = (await ndrc.request('GET', `/api/cycles/${opened.cycle.id}/scoring/grid`)).json.units;
    return opened.cycle;
  }
  const scoreUrl = (cycle: any, unit: number, key: string) => `/api/cycles/${cycle.id}/scores/${unit}/${key.replace('.', '/')}`;

  /** ndrc enters every missing cell; returns the current version of each cell. */
  async function fillAll(cycle: any, score = 0.5): Promise<Map<string, number>> {
    const rows = await db().selectFrom('score').select(['unit_id', 'item_code', 'criterion_code', 'version']).where('cycle_id', '=', cycle.id).where('department_id', '=', ndrcId).execute();
    const have = new Map(rows.map((r) => [`${r.unit_id}/${r.item_code}.${r.criterion_code}`, r.version]));
    for (const u of units)
      for (const k of KEYS)
        if (!have.has(`${u.id}/${k}`)) {
          const r = await ndrc.request('PUT', scoreUrl(cycle, u.id, k), { answer: { score }, version: null, comment: '抽查发现问题' });
          expect(r.status).toBe(200);
          have.set(`${u.id}/${k}`, 1);
        }
    return have;
  }

  /**
   * The submission invariants: a submitted submission is complete, and no score of the department was
   * created, changed or cleared after the audit row of its (latest) submission.
   */
  async function expectSubmissionHolds(cycle: any, scoreIds: number[]) {
    const sub = await db().selectFrom('score_submission').selectAll().where('cycle_id', '=', cycle.id).where('department_id', '=', ndrcId).executeTakeFirstOrThrow();
    if (sub.status !== 'submitted') return sub.status;
    const stored = await db().selectFrom('score').select(['id', 'unit_id', 'item_code', 'criterion_code']).where('cycle_id', '=', cycle.id).where('department_id', '=', ndrcId).execute();
    expect(stored.length, 'a submitted submission has every score').toBe(units.length * KEYS.length);
    const submitted = await db()
      .selectFrom('audit_log')
      .select((eb) => eb.fn.max('id').as('id'))
      .where('action', '=', 'scoreSubmission.submit')
      .where('entity_id', '=', `${cycle.id}:${ndrcId}`)
      .executeTakeFirstOrThrow();
    const ids = [...new Set([...scoreIds, ...stored.map((s) => s.id)])].map(String);
    const later = await db()
      .selectFrom('audit_log')
      .select(['id', 'action', 'entity_id'])
      .where('entity_type', '=', 'score')
      .where('entity_id', 'in', ids)
      .where('id', '>', Number(submitted.id))
      .execute();
    expect(later, 'no score changed after the submission locked it').toEqual([]);
    return sub.status;
  }

  const reopen = async (cycle: any) => {
    const r = await office.request('POST', `/api/cycles/${cycle.id}/scoring/reopen`, { departmentId: ndrcId, reason: '下一轮测试' });
    expect(r.status).toBe(200);
  };

  it('score edits racing the submission: each edit is either in what was submitted or refused with 409', async () => {
    const cycle = await scoringCycle();
    const outcomes = new Set<string>();
    for (let round = 0; round < ROUNDS; round++) {
      const versions = await fillAll(cycle);
      const ids = (await db().selectFrom('score').select('id').where('cycle_id', '=', cycle.id).where('department_id', '=', ndrcId).execute()).map((r) => r.id);
      // every cell is changed at once, the submission fired in the middle of the changes
      const edit = (u: { id: number }, k: string) =>
        ndrc.request('PUT', scoreUrl(cycle, u.id, k), { answer: { score: 0.3 + round / 100 }, version: versions.get(`${u.id}/${k}`)! });
      const first = units.map((u) => edit(u, '2.a'));
      const submitting = ndrc.request('POST', `/api/cycles/${cycle.id}/scoring/submit`, {});
      const second = units.map((u) => edit(u, '15.a'));
      const [submit, ...puts] = await Promise.all([submitting, ...first, ...second]);
      expect(submit.status).toBe(200);
      for (const p of puts) {
        expect([200, 409]).toContain(p.status);
        if (p.status === 409) expect(p.json.message).toBe('本部门的评分已提交锁定，不能再修改；如需修改，请联系组织本次考核的质强办重新开放评分');
        outcomes.add(String(p.status));
      }
      expect(await expectSubmissionHolds(cycle, ids)).toBe('submitted');
      // every edit that was accepted is part of the submission: its audit row comes before the submission's
      const accepted = puts.filter((p) => p.status === 200).length;
      const before = await db()
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('action', '=', 'score.update')
        .where('entity_id', 'in', ids.map(String))
        .where('after_json', 'like', `%${0.3 + round / 100}%`)
        .executeTakeFirstOrThrow();
      expect(Number(before.n)).toBe(accepted);
      await reopen(cycle);
    }
  }, SLOW);

  it('score deletions racing the submission never leave a submitted submission with a missing score', async () => {
    const cycle = await scoringCycle();
    for (let round = 0; round < ROUNDS; round++) {
      const versions = await fillAll(cycle);
      const ids = (await db().selectFrom('score').select('id').where('cycle_id', '=', cycle.id).where('department_id', '=', ndrcId).execute()).map((r) => r.id);
      const deletes = units.map((u) => ndrc.request('DELETE', `${scoreUrl(cycle, u.id, '15.a')}?version=${versions.get(`${u.id}/15.a`)}`));
      const [submit, ...dels] = await Promise.all([ndrc.request('POST', `/api/cycles/${cycle.id}/scoring/submit`, {}), ...deletes]);
      for (const d of dels) expect([200, 409]).toContain(d.status);
      // either the submission went first (every delete refused) or a delete did (the submission refused as incomplete)
      if (submit.status === 200) expect(dels.every((d) => d.status === 409)).toBe(true);
      else {
        expect(submit.status).toBe(400);
        expect(submit.json.message).toMatch(/^还有\d+项未评分，不能提交/);
      }
      const status = await expectSubmissionHolds(cycle, ids);
      if (status === 'submitted') await reopen(cycle);
    }
  }, SLOW);

  it('two edits of the same version: exactly one is stored, the other gets 409 with the stored score', async () => {
    const cycle = await scoringCycle();
    for (const [i, u] of units.slice(0, ROUNDS * 2).entries()) {
      // two first entries (version null)
      const created = await Promise.all([1, 2].map((n) => ndrc.request('PUT', scoreUrl(cycle, u.id, '2.a'), { answer: { score: n / 10 }, version: null, comment: '抽查发现问题' })));
      expect(created.map((r) => r.status).sort()).toEqual([200, 409]);
      const stored = created.find((r) => r.status === 200)!.json;
      expect(created.find((r) => r.status === 409)!.json.current).toMatchObject({ answer: stored.answer, version: 1 });
      // both came from ndrc's one account: the loser is told it was itself, in another window (whichever check caught it)
      expect(created.find((r) => r.status === 409)!.json.message).toMatch(/已由您在其他窗口于\d{4}-\d{2}-\d{2} \d{2}:\d{2}(评分|修改)，/);
      // two changes of version 1
      const changed = await Promise.all([3, 4].map((n) => ndrc.request('PUT', scoreUrl(cycle, u.id, '2.a'), { answer: { score: n / 10 }, version: 1 })));
      expect(changed.map((r) => r.status).sort(), `unit ${i}`).toEqual([200, 409]);
      const row = await db().selectFrom('score').select(['answer_json', 'version']).where('cycle_id', '=', cycle.id).where('unit_id', '=', u.id).where('item_code', '=', '2').where('criterion_code', '=', 'a').executeTakeFirstOrThrow();
      expect({ answer: JSON.parse(row.answer_json), version: row.version }).toEqual({ answer: changed.find((r) => r.status === 200)!.json.answer, version: 2 });
    }
    const ids = (await db().selectFrom('score').select('id').where('cycle_id', '=', cycle.id).execute()).map((r) => String(r.id));
    const audits = await db().selectFrom('audit_log').select('action').where('entity_type', '=', 'score').where('entity_id', 'in', ids).execute();
    expect(audits.filter((a) => a.action === 'score.create')).toHaveLength(ROUNDS * 2);
    expect(audits.filter((a) => a.action === 'score.update')).toHaveLength(ROUNDS * 2);
  }, SLOW);

  const cycleRow = (cycle: any) => db().selectFrom('assessment_cycle').selectAll().where('id', '=', cycle.id).executeTakeFirstOrThrow();
  const submitAll = (cycle: any) => db().updateTable('score_submission').set({ status: 'submitted', submitted_at: new Date().toISOString() }).where('cycle_id', '=', cycle.id).execute();
  const WINDOW = { objectionStart: '2000-01-01', objectionEnd: addDays(chinaDate(new Date()), 30) };

  it('two publications of the preliminary results: one moves the cycle (one audit row, one 待办 for a city), the other gets 409', async () => {
    const cycle = await scoringCycle();
    await submitAll(cycle);
    const { version } = await cycleRow(cycle);
    const rs = await Promise.all([1, 2, 3].map(() => office.request('POST', `/api/cycles/${cycle.id}/review`, { ...WINDOW, version })));
    expect(rs.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    // all three from the office's one account: the losers are told it was their own other window
    for (const lost of rs.filter((r) => r.status === 409)) expect(lost.json.message).toMatch(named('该考核已由您在其他窗口于<T>公布初步结果，开放异议，请刷新后重试'));
    const audits = await db().selectFrom('audit_log').select('id').where('action', '=', 'cycle.openReview').where('entity_id', '=', String(cycle.id)).execute();
    expect(audits).toHaveLength(1);
    // each city's 待办 follows from the cycle's state: one 查看初步结果 for this cycle, however many publications raced
    const todos = (await changsha.request('GET', '/api/todos')).json.items.filter((x: any) => x.link === `/assessment/${cycle.id}?tab=results`);
    expect(todos.map((x: any) => x.kind)).toEqual(['result.review']);
    expect(await db().selectFrom('todo').select('id').where('kind', '=', 'result.review').where('source_id', '=', String(cycle.id)).execute()).toEqual([]);
    expect((await cycleRow(cycle)).version).toBe(version + 1);
  }, SLOW);

  it('reopening a department racing the preliminary results: never a cycle in review with a department still scoring', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const cycle = await scoringCycle();
      await submitAll(cycle);
      const { version } = await cycleRow(cycle);
      const [review, re] = await Promise.all([
        office.request('POST', `/api/cycles/${cycle.id}/review`, { ...WINDOW, version }),
        office.request('POST', `/api/cycles/${cycle.id}/scoring/reopen`, { departmentId: ndrcId, reason: '复核后调整' }),
      ]);
      expect([review.status, re.status].sort(), `${review.json.message} / ${re.json.message}`).toEqual([200, 409]);
      const c = await cycleRow(cycle);
      const open = await db().selectFrom('score_submission').select('department_id').where('cycle_id', '=', cycle.id).where('status', '=', 'open').execute();
      if (c.status === 'review') expect(open).toEqual([]);
      else expect(open.map((o) => o.department_id)).toEqual([ndrcId]);
    }
  }, SLOW);

  it('an objection raised while the final results are published: either it blocks the publication or it is refused', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const cycle = await scoringCycle();
      await submitAll(cycle);
      const { version } = await cycleRow(cycle);
      expect((await office.request('POST', `/api/cycles/${cycle.id}/review`, { ...WINDOW, version })).status).toBe(200);
      const [pub, obj] = await Promise.all([
        office.request('POST', `/api/cycles/${cycle.id}/publish-results`, { version: version + 1 }),
        changsha.request('POST', `/api/cycles/${cycle.id}/objections`, { itemCode: '7', criterionCode: 'a', reason: '抽查批次统计有误，请复核' }),
      ]);
      const c = await cycleRow(cycle);
      const open = await db().selectFrom('objection').select('id').where('cycle_id', '=', cycle.id).where('status', '=', 'open').execute();
      if (c.status === 'published') {
        expect(pub.status).toBe(200);
        expect(obj.status).toBe(403);
        expect(open).toEqual([]);
      } else {
        expect(obj.status).toBe(201);
        expect(pub.status).toBe(409);
        expect(open).toHaveLength(1);
      }
    }
  }, SLOW);

  it('two new scheme versions at once: one draft is made, the other gets 409 (not a 500)', async () => {
    const cycle = await scoringCycle();
    const rs = await Promise.all([1, 2].map((n) => office.request('POST', `/api/cycles/${cycle.id}/schemes`, { reason: `第 ${n} 次调整考核方案分值` })));
    expect(rs.map((r) => r.status).sort(), rs.map((r) => r.json.message).join(' / ')).toEqual([201, 409]);
    expect(rs.find((r) => r.status === 409)!.json.message).toMatch(/已有未发布的草稿/);
    const drafts = await db().selectFrom('scheme').select('id').where('cycle_id', '=', cycle.id).where('status', '=', 'draft').execute();
    expect(drafts).toHaveLength(1);
  }, SLOW);

  it('a declaration saved while it is submitted: one wins, the other gets 409; the submission never stores stale content', async () => {
    const samr = await login(t.app, 'samr');
    const indicator = (basis: string) => ({
      domain: '宏观质量',
      item: '加强人才队伍建设',
      keyPoint: '建立“首席质量官”制度，开展质量管理培训与咨询服务。',
      criteria: [
        { text: '建立首席质量官制度', points: 0.2 },
        { text: '开展质量管理培训', points: 0.3 },
      ],
      points: 0.5,
      basis,
      lastYearPoints: 0.5,
      sourceCode: '3.a',
    });
    const content = (basis: string) => ({ indicators: [indicator(basis)], bonuses: [{ project: '激励表彰', standard: '受国办督查激励加 1 分', basis: '国办督查激励文件' }] });
    for (let round = 0; round < ROUNDS; round++) {
      const { cycle } = await openTestCycle(t, { year: year++, departments: ['samr'] });
      const decl = (await samr.request('GET', `/api/cycles/${cycle.id}/declarations`)).json.items[0];
      const saved = await samr.request('PUT', `/api/declarations/${decl.id}`, { content: content('《质量强省建设纲要》'), version: decl.version });
      expect(saved.status).toBe(200);
      const v = saved.json.version;
      const [save, submit] = await Promise.all([
        samr.request('PUT', `/api/declarations/${decl.id}`, { content: content('《计量发展规划》'), version: v }),
        samr.request('POST', `/api/declarations/${decl.id}/transition`, { event: 'submit', version: v }),
      ]);
      expect([save.status, submit.status].sort(), `${save.json.message} / ${submit.json.message}`).toEqual([200, 409]);
      const row = await db().selectFrom('declaration').select(['status', 'content_json', 'version']).where('id', '=', decl.id).executeTakeFirstOrThrow();
      const basis = JSON.parse(row.content_json).indicators[0].basis;
      if (submit.status === 200) expect({ status: row.status, basis, version: row.version }).toEqual({ status: 'submitted', basis: '《质量强省建设纲要》', version: v + 1 });
      else expect({ status: row.status, basis, version: row.version }).toEqual({ status: 'draft', basis: '《计量发展规划》', version: v + 1 });
    }
  }, SLOW);

  it('a new scheme version that removes a submitted department’s scores reopens its submission (never submitted and incomplete)', async () => {
    const cycle = await scoringCycle();
    await fillAll(cycle); // 2.a = 0.5 for every city
    expect((await ndrc.request('POST', `/api/cycles/${cycle.id}/scoring/submit`, {})).status).toBe(200);
    const v2 = await office.request('POST', `/api/cycles/${cycle.id}/schemes`, { reason: '调整品牌建设要点分值' });
    expect(v2.status).toBe(201);
    const fw = structuredClone(v2.json.framework);
    const item2 = fw.sections.flatMap((s: any) => s.items).find((i: any) => i.code === '2');
    item2.criteria.find((c: any) => c.code === 'a').points = 0.4; // ndrc's 0.5 no longer fits
    item2.criteria.find((c: any) => c.code === 'b').points = 2.1;
    const saved = await office.request('PUT', `/api/schemes/${v2.json.id}`, { framework: fw, version: v2.json.version });
    expect(saved.status, saved.json.message).toBe(200);
    const pub = await office.request('POST', `/api/schemes/${v2.json.id}/publish`, { version: saved.json.version });
    expect(pub.status, pub.json.message).toBe(200);
    expect(pub.json.removedScores).toHaveLength(units.length);
    const sub = await db().selectFrom('score_submission').selectAll().where('cycle_id', '=', cycle.id).where('department_id', '=', ndrcId).executeTakeFirstOrThrow();
    expect(sub).toMatchObject({ status: 'open', submitted_at: null, reopen_reason: `考核方案第2版发布后，本部门有${units.length}项评分需要补充或重新评分` });
    const audit = await db().selectFrom('audit_log').select('action').where('action', '=', 'scoreSubmission.reopen').where('entity_id', '=', `${cycle.id}:${ndrcId}`).execute();
    expect(audit).toHaveLength(1);
    const todo = (await ndrc.request('GET', '/api/todos')).json.items.find((x: any) => x.kind === 'scoring.reopened' && x.link === `/assessment/${cycle.id}?tab=scoring`);
    expect(todo.detail).toBe('重新开放原因：考核方案第2版发布后，本部门有14项评分需要补充或重新评分');
    // scored again under the new version, it can be submitted again
    await fillAll(cycle, 0.4);
    expect((await ndrc.request('POST', `/api/cycles/${cycle.id}/scoring/submit`, {})).status).toBe(200);
  }, SLOW);
});
