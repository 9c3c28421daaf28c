/**
 * One 文号 per call for indicators, within the office that issues it: opening a cycle under a number the office
 * already gave another cycle is a 409 that names that cycle, and nothing of the refused cycle is saved (no row,
 * declarations, 待办 or audit entry); the cycle that holds the number stays as it was. Another office (a city's
 * 质强办) numbers its own notices. Two openings at once under one number, or one whose check ran before the other
 * committed, are decided by the unique index, with the same 409.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityOfficeCode } from '../../../seed/seed';
import { daysFromToday, login, makeTestApp, orgId, orgIds, testDialects, type Client, type TestApp } from '../../../test/helpers';

describe.each(testDialects())('a cycle 文号 used once per office on %s', (dialect) => {
  let t: TestApp;
  let office: Client;
  let departmentIds: number[];
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    office = await login(t.app, 'office');
    departmentIds = await orgIds(t.db, ['samr', 'ndrc']);
  });
  afterAll(() => t.close());

  const open = (c: Client, year: number, noticeNo: string | undefined, ids = departmentIds) =>
    c.request('POST', '/api/cycles', { year, baseFrameworkId: 'hunan-assessment-2022', deadline: daysFromToday(200), departmentIds: ids, ...(noticeNo !== undefined ? { noticeNo } : {}) });
  const cyclesOf = async (officeCode: string) =>
    t.db.db.selectFrom('assessment_cycle').select(['id', 'year', 'notice_no', 'version']).where('office_org_id', '=', await orgId(t.db, officeCode)).orderBy('year').execute();
  const counts = async () => ({
    declarations: Number((await t.db.db.selectFrom('declaration').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    todos: Number((await t.db.db.selectFrom('todo').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    audits: Number((await t.db.db.selectFrom('audit_log').select((e) => e.fn.countAll().as('n')).where('action', '=', 'cycle.open').executeTakeFirstOrThrow()).n),
  });

  it('a second cycle of the office under a 文号 it already used is a 409 naming the cycle that has it; nothing of it is saved', async () => {
    const docNo = '湘质强办发〔2024〕8号';
    const first = await open(office, 2024, docNo);
    expect(first.status).toBe(201);
    expect(first.json.noticeNo).toBe(docNo);
    const before = await counts();
    const dup = await open(office, 2025, docNo);
    expect(dup.status).toBe(409);
    expect(dup.json.message).toBe(`文号“${docNo}”已用于「2024年度省政府对市州政府质量工作考核」，请核对后重新填写`);
    expect(dup.json.fields).toEqual([{ field: 'noticeNo', message: '文号已被使用' }]);
    expect(await counts()).toEqual(before);
    expect(await cyclesOf('office')).toEqual([{ id: first.json.id, year: 2024, notice_no: docNo, version: 1 }]);
    // the same year under another number opens
    expect((await open(office, 2025, '湘质强办发〔2025〕8号')).status).toBe(201);
  });

  it('cycles opened without a 文号 (or with one left blank) are not twins', async () => {
    expect((await open(office, 2026, undefined)).status).toBe(201);
    expect((await open(office, 2027, '  ')).status).toBe(201);
    expect((await open(office, 2028, '')).status).toBe(201);
    expect((await cyclesOf('office')).filter((c) => c.year >= 2026).map((c) => c.notice_no)).toEqual([null, null, null]);
  });

  it('a city office numbers its own notices: it may use a number the province used, but not one of its own twice', async () => {
    const admin = await login(t.app, 'admin');
    const dept = await admin.request('POST', '/api/orgs', { code: 'yy-samr', name: '岳阳市市场监督管理局', kind: 'department', parentId: await orgId(t.db, '430600') });
    expect(dept.status).toBe(201);
    const yueyang = await login(t.app, 'yueyang.office');
    const docNo = '湘质强办发〔2024〕8号';
    expect((await open(yueyang, 2024, docNo, [dept.json.id])).status).toBe(201);
    const dup = await open(yueyang, 2025, docNo, [dept.json.id]);
    expect(dup.status).toBe(409);
    expect(dup.json.message).toBe(`文号“${docNo}”已用于「2024年度对县市区政府质量工作考核」，请核对后重新填写`);
    expect((await cyclesOf(cityOfficeCode('430600'))).map((c) => c.year)).toEqual([2024]);
  });

  it('two openings at once under one 文号: one is saved, the other gets the 409 naming it, and nothing of it is kept', async () => {
    const docNo = '湘质强办发〔2030〕1号';
    const before = await counts();
    const answers = await Promise.all([2030, 2031].map((year) => open(office, year, docNo)));
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
    const won = answers.find((r) => r.status === 201)!;
    const lost = answers.find((r) => r.status === 409)!;
    expect(lost.json.message).toBe(`文号“${docNo}”已用于「${won.json.title}」，请核对后重新填写`);
    expect(lost.json.fields).toEqual([{ field: 'noticeNo', message: '文号已被使用' }]);
    const held = (await cyclesOf('office')).filter((c) => c.notice_no === docNo);
    expect(held.map((c) => c.id)).toEqual([won.json.id]);
    const after = await counts();
    expect(after).toEqual({ declarations: before.declarations + 2, todos: before.todos + 2, audits: before.audits + 1 });
  });

  it('an opening whose check ran before the other cycle committed is refused by the unique index (409 naming it)', async () => {
    const docNo = '湘质强办发〔2032〕1号';
    const own = await orgId(t.db, 'office');
    let holder = 0;
    let second: ReturnType<Client['request']> | undefined;
    // another opening has written its cycle but not yet committed when this request arrives
    await t.db.db.transaction().execute(async (trx) => {
      const at = new Date().toISOString();
      holder = (
        await trx
          .insertInto('assessment_cycle')
          .values({ year: 2032, office_org_id: own, title: '2032年度省政府对市州政府质量工作考核', base_cycle_id: null, status: 'collecting', notice_no: docNo, issued_on: null, deadline: daysFromToday(200), contact_name: null, contact_phone: null, contact_email: null, grade_bands_json: '[]', objection_start: null, objection_end: null, published_at: null, demo: 0, version: 1, created_at: at, updated_at: at })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
      second = open(office, 2033, docNo);
      await new Promise((r) => setTimeout(r, 300));
    });
    const r = await second!;
    expect(r.status).toBe(409);
    expect(r.json.message).toBe(`文号“${docNo}”已用于「2032年度省政府对市州政府质量工作考核」，请核对后重新填写`);
    expect(r.json.fields).toEqual([{ field: 'noticeNo', message: '文号已被使用' }]);
    expect((await cyclesOf('office')).filter((c) => c.notice_no === docNo).map((c) => c.id)).toEqual([holder]);
    expect((await cyclesOf('office')).some((c) => c.year === 2033)).toBe(false);
  });
});
