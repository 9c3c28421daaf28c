/**
 * 催办 sent several times at once (a double click, two windows): one goes out, each department that has not submitted
 * keeps one open 催办 to-do, on both databases. (On PostgreSQL each reminder closed the open to-dos it could see and added
 * its own, so six at once left up to five per department.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countStatements, login, makeTestApp, named, orgId, raceAgainstHeld, testDialects, type Client, type TestApp } from '../../../test/helpers';

describe.each(testDialects())('reminders sent at once, on %s', (dialect) => {
  let t: TestApp;
  let cityOffice: Client;
  let cycleId: number;
  const db = () => t.db.db;

  beforeAll(async () => {
    t = await makeTestApp(dialect, {}, { demoAssessment: true });
    cycleId = (await db().selectFrom('assessment_cycle').select('id').where('office_org_id', '=', await orgId(t.db, 'office-430600')).executeTakeFirstOrThrow()).id;
    cityOffice = await login(t.app, 'yueyang.office');
  });
  afterAll(() => t?.close());

  it('leave one open 催办 to-do per department that has not submitted', async () => {
    const sent = await Promise.all(Array.from({ length: 6 }, () => cityOffice.request('POST', `/api/cycles/${cycleId}/scoring/remind`, {})));
    // one 催办 goes out; the five after it find every department reminded a moment ago (remindedJustNow): 409, nothing sent twice
    expect(sent.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    expect(sent.filter((r) => r.status === 409).map((r) => r.json.message)).toEqual(Array(5).fill(expect.stringMatching(/已由您于.+催办，10分钟内不再重复催办$/)));
    const reminded = new Set(sent.flatMap((r) => (r.status === 200 ? r.json.reminded.map((d: any) => d.departmentId) : [])));
    expect(reminded.size).toBeGreaterThan(1);
    const open = await db().selectFrom('todo').select('org_unit_id').where('kind', '=', 'scoring.remind').where('status', '=', 'open').where('source_id', 'like', `${cycleId}:%`).execute();
    const perDepartment = new Map<number, number>();
    for (const o of open) perDepartment.set(o.org_unit_id!, (perDepartment.get(o.org_unit_id!) ?? 0) + 1);
    expect([...perDepartment.keys()].sort()).toEqual([...reminded].sort());
    expect([...perDepartment.values()].filter((n) => n !== 1)).toEqual([]);
  });
});

/**
 * Two of the office's staff 催办 the same department at once: one reminder goes out, the other is told who sent it and
 * when (409), one to-do stays open. 催办 racing the department's own 提交评分: either the reminder goes first and the
 * submission closes it, or the submission goes first and the 催办 is told the department has submitted (409) — never a
 * 200 that reminded nobody, nor an audit row of a 催办 sent to no one.
 */
describe.each(testDialects())('催办 by two office staff at once, and 催办 racing a submission, on %s', (dialect) => {
  let t: TestApp;
  let office: Client, colleague: Client, ndrc: Client;
  let cycleId: number;
  const db = () => t.db.db;
  const openReminders = async (departmentId: number) =>
    (await db().selectFrom('todo').select('id').where('kind', '=', 'scoring.remind').where('status', '=', 'open').where('source_id', '=', `${cycleId}:${departmentId}`).execute()).length;
  const remindRows = async () => (await db().selectFrom('audit_log').select('after_json').where('action', '=', 'scoring.remind').where('entity_id', '=', String(cycleId)).execute()).map((r) => JSON.parse(r.after_json!).departments.map((d: any) => d.id));

  beforeAll(async () => {
    t = await makeTestApp(dialect, {}, { demoAssessment: true });
    cycleId = (await db().selectFrom('assessment_cycle').select('id').where('office_org_id', '=', await orgId(t.db, 'office-430600')).executeTakeFirstOrThrow()).id;
    // a colleague at 岳阳市质强办 (the demo has one account there): the same row under another name
    const { id: _id, ...row } = await db().selectFrom('app_user').selectAll().where('username', '=', 'yueyang.office').executeTakeFirstOrThrow();
    await db().insertInto('app_user').values({ ...row, username: 'yueyang.office2', display_name: '周明' }).execute();
    [office, colleague, ndrc] = [await login(t.app, 'yueyang.office'), await login(t.app, 'yueyang.office2'), await login(t.app, 'ndrc')];
  });
  afterAll(() => t?.close());

  it('two office staff 催办 one department at once: one reminder, the other told who sent it', async () => {
    for (const [i, code] of ['samr', 'ecology', 'housing'].entries()) {
      const dept = await orgId(t.db, code);
      const before = (await remindRows()).length;
      const pair = i % 2 ? [colleague, office] : [office, colleague];
      const [a, b] = await Promise.all(pair.map((c) => c.request('POST', `/api/cycles/${cycleId}/scoring/remind`, { departmentIds: [dept] })));
      expect([a.status, b.status].sort(), `${code}: ${a.json.message ?? ''} ${b.json.message ?? ''}`).toEqual([200, 409]);
      const [won, lost] = a.status === 200 ? [a, b] : [b, a];
      expect(won.json.reminded.map((d: any) => d.departmentId)).toEqual([dept]);
      const winner = won === a ? pair[0] : pair[1];
      // the account's name is its office's (岳阳市质强办); the colleague's is a person's, with the office after it
      expect(lost.json.message).toEqual(expect.stringMatching(named(`${won.json.reminded[0].name}已由${winner === office ? '岳阳市质强办' : '周明（岳阳市质强办）'}于<T>催办，10分钟内不再重复催办`)));
      expect(await openReminders(dept)).toBe(1);
      expect((await remindRows()).slice(before)).toEqual([[dept]]);
    }
  });

  it('催办 racing the department’s 提交评分: reminded then submitted (the reminder closed), or a 409 saying it has submitted', async () => {
    const dept = await orgId(t.db, 'ndrc');
    const submittedWords = named('省发展改革委已由省发展改革委联络员（省发展改革委）于<T>提交评分，无需催办');
    // 省发展改革委 has scored everything: reopened, it may submit again at once
    const reopen = async () => expect((await office.request('POST', `/api/cycles/${cycleId}/scoring/reopen`, { departmentId: dept, reason: '请核对评分后重新提交' })).status).toBe(200);
    const remind = () => office.request('POST', `/api/cycles/${cycleId}/scoring/remind`, { departmentIds: [dept] });
    await reopen();
    const before = (await remindRows()).length;
    const [reminded, submitted] = await Promise.all([remind(), ndrc.request('POST', `/api/cycles/${cycleId}/scoring/submit`, {})]);
    expect(submitted.status, submitted.json.message).toBe(200);
    // whichever went first, no 催办 stays open on a department that has submitted
    expect(await openReminders(dept)).toBe(0);
    if (reminded.status === 200) {
      expect(reminded.json.reminded.map((d: any) => d.departmentId)).toEqual([dept]);
      expect((await remindRows()).slice(before)).toEqual([[dept]]);
    } else {
      expect([reminded.status, reminded.json.message]).toEqual([409, expect.stringMatching(submittedWords)]);
      expect((await remindRows()).slice(before)).toEqual([]);
    }
    if (dialect !== 'postgres') return;
    // PostgreSQL, the submission first for certain: it holds the row while the 催办 (which read it open) waits on its lock
    await reopen();
    const rows = (await remindRows()).length;
    const held = await raceAgainstHeld(
      t.db,
      (trx) => trx.updateTable('score_submission').set({ status: 'submitted', submitted_at: new Date().toISOString() }).where('cycle_id', '=', cycleId).where('department_id', '=', dept).execute(),
      remind,
    );
    expect([held.status, held.json.message]).toEqual([409, expect.stringMatching(submittedWords)]);
    expect((await remindRows()).slice(rows)).toEqual([]);
    expect(await openReminders(dept)).toBe(0);
  });

  it('催办 of a department that has submitted, beside one just reminded: a 409 that says both, no audit row of a 催办 to no one', async () => {
    const [ndrcId, samrId] = [await orgId(t.db, 'ndrc'), await orgId(t.db, 'samr')];
    const T = '\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d';
    const before = (await remindRows()).length;
    const one = await office.request('POST', `/api/cycles/${cycleId}/scoring/remind`, { departmentIds: [ndrcId] });
    expect([one.status, one.json.message]).toEqual([409, expect.stringMatching(named('省发展改革委已由省发展改革委联络员（省发展改革委）于<T>提交评分，无需催办'))]);
    // 省市场监督管理局 was reminded in the first test by one of the two; the colleague asks now
    const both = await colleague.request('POST', `/api/cycles/${cycleId}/scoring/remind`, { departmentIds: [ndrcId, samrId] });
    expect([both.status, both.json.message]).toEqual([
      409,
      expect.stringMatching(new RegExp(`^省发展改革委已由省发展改革委联络员（省发展改革委）于${T}提交评分，无需催办；省市场监督管理局已由(岳阳市质强办|您)于${T}催办，10分钟内不再重复催办$`)),
    ]);
    expect((await remindRows()).slice(before)).toEqual([]);
  });
});

/**
 * A 催办 of several departments each reminded a moment ago: one 409 naming, for each, who sent the 催办 and when (您
 * for the caller's own), read from the 催办's audit row — as many statements for three held departments as for one.
 */
describe.each(testDialects())('催办 of several departments held at once, on %s', (dialect) => {
  let t: TestApp;
  let office: Client, colleague: Client;
  let cycleId: number;
  let ids: number[];
  const T = '\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d';
  const remind = (who: Client, departmentIds: number[]) => who.request('POST', `/api/cycles/${cycleId}/scoring/remind`, { departmentIds });

  beforeAll(async () => {
    t = await makeTestApp(dialect, {}, { demoAssessment: true });
    const db = t.db.db;
    cycleId = (await db.selectFrom('assessment_cycle').select('id').where('office_org_id', '=', await orgId(t.db, 'office-430600')).executeTakeFirstOrThrow()).id;
    const { id: _id, ...row } = await db.selectFrom('app_user').selectAll().where('username', '=', 'yueyang.office').executeTakeFirstOrThrow();
    await db.insertInto('app_user').values({ ...row, username: 'yueyang.office2', display_name: '周明' }).execute();
    [office, colleague] = [await login(t.app, 'yueyang.office'), await login(t.app, 'yueyang.office2')];
    ids = [await orgId(t.db, 'samr'), await orgId(t.db, 'ecology'), await orgId(t.db, 'housing')];
  });
  afterAll(() => t?.close());

  it('names each held department’s sender, with the same number of statements for one, two or three', async () => {
    const sent = await remind(office, ids.slice(0, 2));
    expect(sent.status, sent.json.message).toBe(200);
    const [a, b] = (sent.json.reminded as { name: string }[]).map((d) => d.name);
    expect([a, b]).toEqual(['省市场监督管理局', '省生态环境厅']);
    const held = (by: string) => new RegExp(`^${a}已由${by}于${T}催办；${b}已由${by}于${T}催办，10分钟内不再重复催办$`);
    // the colleague is told the office's account sent both (its name is its office's); the office, that it did
    const toColleague = await remind(colleague, ids.slice(0, 2));
    expect([toColleague.status, toColleague.json.message]).toEqual([409, expect.stringMatching(held('岳阳市质强办'))]);
    const toOffice = await remind(office, ids.slice(0, 2));
    expect([toOffice.status, toOffice.json.message]).toEqual([409, expect.stringMatching(held('您'))]);
    // the third, sent by the colleague: each department named with its own sender (in the departments' order)
    expect((await remind(colleague, [ids[2]!])).status).toBe(200);
    const mixed = await remind(office, ids);
    expect([mixed.status, mixed.json.message]).toEqual([
      409,
      expect.stringMatching(new RegExp(`^${a}已由您于${T}催办；省住房城乡建设厅已由周明（岳阳市质强办）于${T}催办；${b}已由您于${T}催办，10分钟内不再重复催办$`)),
    ]);
    // the statements of a held 催办 do not grow with the departments held (the names come with the 催办's rows)
    const counted = async (departmentIds: number[]) => {
      const { n, value } = await countStatements(t, () => remind(office, departmentIds));
      expect(value.status).toBe(409);
      return n;
    };
    const one = await counted(ids.slice(0, 1));
    expect(await counted(ids.slice(0, 2))).toBe(one);
    expect(await counted(ids)).toBe(one);
    expect(await counted(ids.slice(0, 1))).toBe(one);
  });
});
