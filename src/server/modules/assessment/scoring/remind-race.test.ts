/**
 * 催办 sent several times at once (a double click, two windows): one goes out, each department that has not submitted
 * keeps one open 催办 to-do, on both databases. (On PostgreSQL each reminder closed the open to-dos it could see and added
 * its own, so six at once left up to five per department.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeTestApp, orgId, testDialects, type Client, type TestApp } from '../../../test/helpers';

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
    expect(sent.filter((r) => r.status === 409).map((r) => r.json.message)).toEqual(Array(5).fill(expect.stringMatching(/已由您在其他窗口于 .+ 催办，10 分钟内不再重复催办$/)));
    const reminded = new Set(sent.flatMap((r) => (r.status === 200 ? r.json.reminded.map((d: any) => d.departmentId) : [])));
    expect(reminded.size).toBeGreaterThan(1);
    const open = await db().selectFrom('todo').select('org_unit_id').where('kind', '=', 'scoring.remind').where('status', '=', 'open').where('source_id', 'like', `${cycleId}:%`).execute();
    const perDepartment = new Map<number, number>();
    for (const o of open) perDepartment.set(o.org_unit_id!, (perDepartment.get(o.org_unit_id!) ?? 0) + 1);
    expect([...perDepartment.keys()].sort()).toEqual([...reminded].sort());
    expect([...perDepartment.values()].filter((n) => n !== 1)).toEqual([]);
  });
});
