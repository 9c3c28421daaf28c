/**
 * The audit log is tamper-evident and honest (issue 8 §5) and shows business content only to the office that
 * runs the cycle (§4).
 */
import crypto from 'node:crypto';
import { Migrator, sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig, trustProxyOf } from '../../config';
import { connect, type Db, type DialectName } from '../../db/connection';
import { MIGRATIONS } from '../../db/migrations/index';
import type { Database } from '../../db/schema';
import { freshDb, login, makeTestApp, openTestCycle, testDialects, type Client, type TestApp } from '../../test/helpers';
import { GENESIS_HASH, verifyChain } from '../../core/audit-chain';
import { writeAudit, type AuditActor } from '../../core/audit';
import type { AuditQuery } from '../../../shared/contracts/audit';
import { searchLog } from './audit.queries';
import { v1RowHash } from '../../test/audit-v1';

const actor: AuditActor = { userId: null, username: 'tester', role: 'sysadmin', ip: '127.0.0.1', userAgent: 'vitest', method: 'POST', path: '/x' };

async function writeRows(db: Kysely<Database>, n: number): Promise<number[]> {
  for (let i = 0; i < n; i++) await writeAudit(db, actor, { action: 'user.update', entityType: 'user', entityId: i + 1, before: { n: i }, after: { n: i + 1 } });
  return (await db.selectFrom('audit_log').select('id').orderBy('seq').execute()).map((r) => r.id);
}

/** Lift the append-only protection, as someone with database access would. */
async function dropProtection(db: Db): Promise<void> {
  if (db.dialect === 'postgres') await sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(db.db);
  else {
    await sql`DROP TRIGGER audit_log_no_update`.execute(db.db);
    await sql`DROP TRIGGER audit_log_no_delete`.execute(db.db);
  }
}

describe.each(testDialects())('audit hash chain, on %s', (dialect: DialectName) => {
  let db: Db;
  beforeAll(async () => {
    db = await freshDb(dialect);
  });
  afterAll(async () => {
    await db?.close();
  });
  const fresh = async () => {
    await db.close();
    db = await freshDb(dialect);
  };

  it('links each row to the previous one, keeps the head in audit_anchor and verifies', async () => {
    await fresh();
    expect(await verifyChain(db.db)).toMatchObject({ ok: true, total: 0, message: '审计日志哈希链完整：共0条' });
    const ids = await writeRows(db.db, 5);
    const rows = await db.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(rows[0].prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i].prev_hash).toBe(rows[i - 1].row_hash);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.row_hash ?? ''))).toBe(true);
    expect(await db.db.selectFrom('audit_anchor').selectAll().executeTakeFirstOrThrow()).toMatchObject({ id: 1, seq: 5, hash: rows[4].row_hash });
    expect(await verifyChain(db.db, 2)).toMatchObject({ ok: true, total: 5, brokenId: null, message: '审计日志哈希链完整：共5条' });
    expect(ids).toHaveLength(5);
  });

  it('hashes the canonical v1 text of every row, odd characters and nulls included; on PostgreSQL one statement appends', async () => {
    await fresh();
    // the v1 definition written out on its own: a row PostgreSQL hashed in its append statement must verify as one hashed here
    const v1 = v1RowHash;
    const odd = '湘"引号\\反斜杠\n换行\t制表 😀 \u0001 \u2028';
    let statements = 0;
    const counted = db.db.withPlugin({ transformQuery: (a) => ((statements += 1), a.node), transformResult: async (a) => a.result });
    await counted.transaction().execute(async (trx) => {
      const before = statements;
      await writeAudit(trx, { ...actor, userId: 7, username: odd, userAgent: null, requestId: 'req-1' }, { action: 'score.save', entityType: 'score', entityId: 'x', cycleId: 3, before: { a: odd }, after: null });
      if (dialect === 'postgres') expect(statements - before).toBe(1);
    });
    await writeAudit(db.db, { ...actor, ip: null, method: null, path: null }, { action: 'auth.logout' });
    const rows = await db.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ user_id: 7, username: odd, cycle_id: 3, request_id: 'req-1', user_agent: null });
    for (const r of rows) expect(r.row_hash).toBe(v1(r));
    expect(rows[1].prev_hash).toBe(rows[0].row_hash);
    expect(await verifyChain(db.db)).toMatchObject({ ok: true, total: 2 });
  });

  it('is not fooled by rows others write while it walks the chain (the anchor moves on with them)', async () => {
    await fresh();
    await writeRows(db.db, 5);
    // others' writes land between verify's first statements, as they do on a busy server
    // (started, not awaited: verify holds SQLite's one connection while a result is handed back)
    let results = 0;
    const writes: Promise<unknown>[] = [];
    const busy = db.db.withPlugin({
      transformQuery: (args) => args.node,
      transformResult: async (args) => {
        results += 1;
        if (results <= 2) writes.push(writeRows(db.db, 3));
        return args.result;
      },
    });
    expect(await verifyChain(busy, 4)).toMatchObject({ ok: true, brokenId: null });
    await Promise.all(writes);
    expect(await verifyChain(db.db)).toMatchObject({ ok: true, total: 11 });
  });

  it('filters by China days and by action in any letter case, the same on both databases', async () => {
    await fresh();
    // 01:30 on 30 November in China is still 29 November in UTC
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2026-11-29T17:30:00Z'));
      await writeRows(db.db, 1);
    } finally {
      vi.useRealTimers();
    }
    const find = async (q: Partial<AuditQuery>) => (await searchLog(db.db, { page: 1, pageSize: 10, ...q } as AuditQuery)).total;
    expect(await find({ from: '2026-11-30', to: '2026-11-30' })).toBe(1);
    expect(await find({ from: '2026-11-29', to: '2026-11-29' })).toBe(0);
    expect(await find({ to: '2026-11-29' })).toBe(0);
    expect(await find({ from: '2026-12-01' })).toBe(0);
    expect([await find({ action: 'user.' }), await find({ action: 'USER' }), await find({ action: 'user_' }), await find({ action: '%' })]).toEqual([1, 1, 0, 0]);
    // one action chosen from the list is that action only, not the others that begin with its name
    await writeAudit(db.db, actor, { action: 'user.update.bulk', entityType: 'user', entityId: 9 });
    await writeAudit(db.db, actor, { action: 'auth.login.rateLimited', entityType: 'user', entityId: 'leader' });
    expect([await find({ action: 'user.update' }), await find({ action: 'user.' }), await find({ action: 'auth.login' }), await find({ action: 'auth.login.rateLimited' }), await find({ action: 'auth.' })]).toEqual([1, 2, 0, 1, 1]);
  });

  it('names a row changed after the trigger was dropped', async () => {
    await fresh();
    const ids = await writeRows(db.db, 5);
    await dropProtection(db);
    await db.db.updateTable('audit_log').set({ after_json: '{"n":99}' }).where('id', '=', ids[2]).execute();
    const r = await verifyChain(db.db);
    expect(r).toMatchObject({ ok: false, brokenId: ids[2], total: 2 });
    expect(r.message).toBe(`第一处断裂：第${ids[2]}条（内容与哈希不符，记录被改动）`);
  });

  it('names the row after one deleted from the middle, even when the forger recomputes hashes after it', async () => {
    await fresh();
    const ids = await writeRows(db.db, 5);
    await dropProtection(db);
    await db.db.deleteFrom('audit_log').where('id', '=', ids[1]).execute();
    const r = await verifyChain(db.db);
    expect(r).toMatchObject({ ok: false, brokenId: ids[2] });
    expect(r.message).toBe(`第一处断裂：第${ids[2]}条（其前缺少1条记录（序号2已被删除））`);
    // renumbering the rest does not help: the prev_hash no longer follows
    await db.db.updateTable('audit_log').set((eb) => ({ seq: eb('seq', '-', 1) })).where('seq', '>', 2).execute();
    expect(await verifyChain(db.db)).toMatchObject({ ok: false, brokenId: ids[2], reason: '前一条记录的哈希不符，前面的记录被删除或改动' });
  });

  it('detects rows deleted at the end and an emptied table through the anchor', async () => {
    await fresh();
    const ids = await writeRows(db.db, 4);
    await dropProtection(db);
    await db.db.deleteFrom('audit_log').where('id', '=', ids[3]).execute();
    expect(await verifyChain(db.db)).toMatchObject({ ok: false, brokenId: null, total: 3, message: '第一处断裂：日志末尾（锚点记录共4条，日志中只有3条：末尾1条记录被删除或日志被清空）' });
    if (dialect === 'postgres') await sql`TRUNCATE audit_log`.execute(db.db);
    else await db.db.deleteFrom('audit_log').execute();
    expect(await verifyChain(db.db)).toMatchObject({ ok: false, total: 0, reason: '锚点记录共4条，日志中只有0条：末尾4条记录被删除或日志被清空' });
    // writing on after the table was emptied does not hide it: the chain continues from the anchor
    await writeAudit(db.db, actor, { action: 'auth.login' });
    const r = await verifyChain(db.db);
    expect(r.ok).toBe(false);
    expect(r.reason).toBe('其前缺少4条记录（序号1–4已被删除）');
  });

  it('refuses TRUNCATE (PostgreSQL) and moving the anchor backwards; names a row written around the chain', async () => {
    await fresh();
    await writeRows(db.db, 2);
    if (dialect === 'postgres') await expect(sql`TRUNCATE audit_log`.execute(db.db)).rejects.toThrow(/append-only/);
    await expect(db.db.updateTable('audit_anchor').set({ seq: 0, hash: GENESIS_HASH }).execute()).rejects.toThrow(/only moves forward/);
    await expect(db.db.deleteFrom('audit_anchor').execute()).rejects.toThrow(/only moves forward/);
    const forged = await db.db
      .insertInto('audit_log')
      .values({ at: new Date().toISOString(), user_id: null, username: 'x', role: null, ip: null, user_agent: null, action: 'user.create', method: null, path: null, entity_type: null, entity_id: null, before_json: null, after_json: null, outcome: 'ok', cycle_id: null, seq: null, prev_hash: null, row_hash: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(await verifyChain(db.db)).toMatchObject({ ok: false, brokenId: forged.id, reason: '没有哈希，未经审计模块写入' });
  });

  it('keeps one unforked chain under 40 concurrent writers', async () => {
    await fresh();
    await Promise.all(Array.from({ length: 40 }, (_, i) => writeAudit(db.db, { ...actor, username: `u${i}` }, { action: 'auth.login', outcome: 'failed' })));
    const r = await verifyChain(db.db);
    expect(r).toMatchObject({ ok: true, total: 40 });
  });

  it('chains the rows written before the migration, in id order', async () => {
    let raw: Db;
    let cleanup = async () => {};
    let schema: string | undefined;
    if (dialect === 'sqlite') raw = connect({ url: ':memory:' });
    else {
      const url = process.env.TEST_DATABASE_URL!;
      schema = `t_${crypto.randomBytes(6).toString('hex')}`;
      const admin = connect({ url, poolSize: 1 });
      await sql.raw(`CREATE SCHEMA ${schema}`).execute(admin.db);
      raw = connect({ url, schema, poolSize: 2 });
      cleanup = async () => {
        await sql.raw(`DROP SCHEMA ${schema} CASCADE`).execute(admin.db);
        await admin.close();
      };
    }
    try {
      const names = Object.keys(MIGRATIONS);
      const upTo = async (last: string) =>
        new Migrator({
          db: raw.db,
          provider: { getMigrations: async () => Object.fromEntries(names.slice(0, names.indexOf(last) + 1).map((n) => [n, MIGRATIONS[n]])) },
          ...(schema ? { migrationTableSchema: schema } : {}),
        }).migrateToLatest();
      expect((await upTo('2026-11-24T1300-assessment')).error).toBeUndefined();
      const old = (action: string, entityType: string | null, entityId: string | null) =>
        (raw.db as Kysely<any>)
          .insertInto('audit_log')
          .values({ at: '2026-11-25T01:00:00.000Z', user_id: 1, username: 'office', role: 'office', ip: '10.0.0.1', user_agent: null, action, method: 'POST', path: '/p', entity_type: entityType, entity_id: entityId, before_json: null, after_json: '{"a":1}', outcome: 'ok' })
          .execute();
      await old('auth.login', 'user', '1');
      await old('cycle.open', 'assessment_cycle', '7');
      await old('scoreSubmission.submit', 'score_submission', '7:12');
      expect((await upTo('2026-11-28T1100-audit-chain')).error).toBeUndefined();
      const rows = await raw.db.selectFrom('audit_log').select(['id', 'seq', 'cycle_id']).orderBy('id').execute();
      expect(rows.map((r) => [r.seq, r.cycle_id])).toEqual([
        [1, null],
        [2, 7],
        [3, 7],
      ]);
      expect(await verifyChain(raw.db)).toMatchObject({ ok: true, total: 3 });
      // the later migrations (audit_log.request_id) keep the chain valid
      expect((await upTo(names[names.length - 1])).error).toBeUndefined();
      expect(await verifyChain(raw.db)).toMatchObject({ ok: true, total: 3 });
      await writeAudit(raw.db, actor, { action: 'auth.logout' });
      expect(await verifyChain(raw.db)).toMatchObject({ ok: true, total: 4 });
    } finally {
      await raw.close();
      await cleanup();
    }
  });
});

describe.each(testDialects())('audit over HTTP, on %s', (dialect: DialectName) => {
  let t: TestApp;
  let auditor: Client;
  let office: Client;
  let cycle: any;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    ({ office, cycle } = await openTestCycle(t));
    auditor = await login(t.app, 'auditor');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('keeps the chain intact under 20 parallel requests, and the auditor sees its state', async () => {
    const samr = await login(t.app, 'samr');
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? samr.request('GET', '/api/users') : office.request('GET', '/api/audit'))));
    expect(results.every((r) => r.status === 403)).toBe(true);
    const denied = await t.db.db.selectFrom('audit_log').select('id').where('action', '=', 'access.denied').execute();
    expect(denied).toHaveLength(20);
    const total = Number((await t.db.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const v = await auditor.request('GET', '/api/audit/verify');
    expect(v.status).toBe(200);
    expect(v.json).toEqual({ ok: true, total, brokenId: null, reason: null, message: `审计日志哈希链完整：共${total}条` });
    expect((await office.request('GET', '/api/audit/verify')).status).toBe(403);
    // the auditor's own acts are in the log too (三员: every administrator's acts are audited): the check, with its
    // outcome, and a search, with its filters — written after the search, so its page does not open on its own row
    const verified = await t.db.db.selectFrom('audit_log').selectAll().where('action', '=', 'audit.verify').execute();
    expect(verified.map((r) => [r.username, JSON.parse(r.after_json!)])).toEqual([['auditor', { ok: true, total, brokenId: null }]]);
    const page = await auditor.request('GET', '/api/audit?action=access.');
    expect(page.json.items.map((x: any) => x.action)).not.toContain('audit.search');
    const searched = await t.db.db.selectFrom('audit_log').selectAll().where('action', '=', 'audit.search').execute();
    expect(searched.map((r) => [r.username, r.entity_id])).toEqual([['auditor', '时间：全部；操作：access.']]);
  });

  // every read of the log is recorded above the rows it read, so paging on found one row more each time: the last row
  // of page 1 again at the head of page 2, and 共 N 条 one more than the page before (37, then 38)
  it('pages through the rows the listing began with: no row twice, none left out, the same 共 N 条 on every page', async () => {
    const first = await auditor.request('GET', '/api/audit?page=1&pageSize=5');
    expect(first.status).toBe(200);
    // the newest row when it was read, on top of the first page; the search's own row was written after, above it
    expect(first.json.upTo).toBe(first.json.items[0].id);
    expect(await t.db.db.selectFrom('audit_log').select(['action']).where('id', '=', first.json.upTo + 1).executeTakeFirst()).toEqual({ action: 'audit.search' });
    const { total, upTo } = first.json;
    const ids: number[] = first.json.items.map((x: any) => x.id);
    for (let page = 2; page <= Math.ceil(total / 5); page++) {
      const next = await auditor.request('GET', `/api/audit?page=${page}&pageSize=5&upTo=${upTo}`);
      expect([next.status, next.json.total, next.json.upTo]).toEqual([200, total, upTo]);
      ids.push(...next.json.items.map((x: any) => x.id));
    }
    const listed = (await t.db.db.selectFrom('audit_log').select('id').where('id', '<=', upTo).orderBy('id', 'desc').execute()).map((r) => r.id);
    expect(ids).toEqual(listed);
    expect(ids).toHaveLength(total);
    // the office's tab of one cycle pages the same way
    const tab = await office.request('GET', `/api/cycles/${cycle.id}/audit?page=1&pageSize=1`);
    expect(tab.json.upTo).toBeGreaterThanOrEqual(upTo);
    expect((await auditor.request('GET', '/api/audit?upTo=0')).json.fields).toEqual([{ field: 'upTo', message: expect.stringContaining('截至记录编号须为正整数') }]);
  });

  it('shows the auditor the who, when, what and outcome of business rows but not their content; administrative rows in full', async () => {
    const admin = await login(t.app, 'admin');
    const changshaId = (await t.db.db.selectFrom('org_unit').select('id').where('code', '=', '430100').executeTakeFirstOrThrow()).id;
    const created = await admin.request('POST', '/api/users', { username: 'audit.probe', displayName: '审计探针', role: 'unit', orgUnitId: changshaId });
    expect(created.status).toBe(201);
    const page = await auditor.request('GET', '/api/audit?pageSize=200');
    expect(page.status).toBe(200);
    const open = page.json.items.find((e: any) => e.action === 'cycle.open');
    expect(open).toMatchObject({ username: 'office', outcome: 'ok', before: null, after: null, contentHidden: true, actionLabel: '开启考核（发出指标征集通知）', object: `考核周期「${cycle.title}」` });
    const create = page.json.items.find((e: any) => e.action === 'user.create');
    expect(create).toMatchObject({ contentHidden: false, actionLabel: '新建用户', object: `用户「audit.probe」` });
    expect(create.after).toMatchObject({ username: 'audit.probe' });
    const denied = page.json.items.find((e: any) => e.action === 'access.denied' && e.entityId === 'GET /api/users');
    expect(denied).toMatchObject({ username: 'samr', outcome: 'denied', actionLabel: '越权访问', object: '接口「GET /api/users」', contentHidden: false });
  });

  it("finds by user name what the account did and what was done to it, its failed sign-ins included", async () => {
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'leader', password: 'wrong-password' } });
    expect(wrong.statusCode).toBe(401);
    await login(t.app, 'leader');
    const rows = (await auditor.request('GET', '/api/audit?username=leader&action=auth.login')).json.items;
    expect(rows.map((r: any) => r.outcome).sort()).toEqual(['failed', 'ok']);
    expect(rows.find((r: any) => r.outcome === 'failed')).toMatchObject({ username: null, object: '用户「leader」' });
    // another account's rows stay out
    expect((await auditor.request('GET', '/api/audit?username=leader')).json.items.every((r: any) => r.username === 'leader' || r.object === '用户「leader」')).toBe(true);
    // the dates reversed: told so (an empty list would read as "nothing happened"), the list and the export alike
    const reversed = await auditor.request('GET', '/api/audit?from=2026-12-10&to=2026-12-01');
    expect([reversed.status, reversed.json.fields]).toEqual([400, [{ field: 'to', message: '截止日期不能早于起始日期，请调换两个日期' }]]);
    expect((await t.app.inject({ method: 'GET', url: '/api/audit/export.xlsx?from=2026-12-10&to=2026-12-01', headers: { cookie: auditor.cookie } })).statusCode).toBe(400);
    expect((await auditor.request('GET', '/api/audit?from=2026-12-01&to=2026-12-01')).status).toBe(200);
  });

  it('keeps the chain verifiable after an export whose filters the audit row cuts in the middle of an emoji', async () => {
    // the row names the filters cut to 200 characters: here the cut falls between the halves of a 😀
    const q = `from=2026-01-01&to=2026-12-31&username=${'a'.repeat(63)}&action=${'b'.repeat(64)}&entityType=${encodeURIComponent('😀'.repeat(32))}`;
    const r = await t.app.inject({ method: 'GET', url: `/api/audit/export.xlsx?${q}`, headers: { cookie: auditor.cookie } });
    expect(r.statusCode).toBe(200);
    const row = await t.db.db.selectFrom('audit_log').selectAll().where('action', '=', 'download').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(row.entity_id!.length).toBe(200);
    expect((await auditor.request('GET', '/api/audit/verify')).json).toMatchObject({ ok: true });
  });

  it('exports what the filters find as .xlsx for the auditor, business content still hidden; the export is audited', async () => {
    const get = (c: Client, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: c.cookie } });
    const r = await get(auditor, '/api/audit/export.xlsx?action=cycle.');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const { loadExcelJS } = await import('../../io/excel/exceljs');
    const wb = new (await loadExcelJS()).Workbook();
    await wb.xlsx.load(r.rawPayload as never);
    const ws = wb.getWorksheet('审计日志')!;
    const page = (await auditor.request('GET', '/api/audit?action=cycle.&pageSize=200')).json;
    const header = ws.getRow(3).values as unknown[];
    expect(header.slice(1)).toEqual(['编号', '时间', '用户', '角色', '来源地址', '操作', '对象', '结果', '内容']);
    const ids: number[] = [];
    ws.eachRow((row, n) => {
      if (n > 3 && typeof row.getCell(1).value === 'number') ids.push(row.getCell(1).value as number);
    });
    expect(ids).toEqual(page.items.map((e: any) => e.id));
    expect(String(ws.getRow(2).getCell(1).value)).toContain(`操作：cycle.；共${page.total}条`);
    const open = page.items.findIndex((e: any) => e.action === 'cycle.open');
    expect(ws.getRow(4 + open).getCell(9).value).toBe('（业务内容不向审计管理员显示）');
    expect((await auditor.request('GET', '/api/audit?action=download&entityType=audit_log')).json.total).toBeGreaterThan(0);
    // nobody else exports the whole log
    expect((await get(office, '/api/audit/export.xlsx')).statusCode).toBe(403);
  });

  it('shows the office the business before/after of its own cycle only', async () => {
    const mine = await office.request('GET', `/api/cycles/${cycle.id}/audit`);
    expect(mine.status).toBe(200);
    expect(mine.json.items.length).toBeGreaterThan(0);
    expect(mine.json.items.every((e: any) => e.entityType !== 'user')).toBe(true);
    const open = mine.json.items.find((e: any) => e.action === 'cycle.open');
    expect(open.contentHidden).toBe(false);
    expect(open.after).not.toBeNull();
    const yueyangOffice = await login(t.app, 'yueyang.office');
    const other = await yueyangOffice.request('GET', `/api/cycles/${cycle.id}/audit`);
    expect(other.status).toBe(404);
    expect(other.json.message).toBe(`考核工作${cycle.id}不存在或您未参与`);
    expect((await auditor.request('GET', `/api/cycles/${cycle.id}/audit`)).status).toBe(403);
    expect((await (await login(t.app, 'samr')).request('GET', `/api/cycles/${cycle.id}/audit`)).status).toBe(403);
  });

  it('records who downloaded which file; the auditor and the office see the file name', async () => {
    const samr = await login(t.app, 'samr');
    const r = await t.app.inject({ method: 'GET', url: `/api/cycles/${cycle.id}/notice.docx`, headers: { cookie: samr.cookie } });
    expect(r.statusCode).toBe(200);
    const row = await t.db.db.selectFrom('audit_log').selectAll().where('action', '=', 'download').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ username: 'samr', entity_type: 'assessment_cycle', entity_id: String(cycle.id), cycle_id: cycle.id, outcome: 'ok', method: 'GET' });
    expect(JSON.parse(row.after_json!)).toEqual({ fileName: `${cycle.title}指标征集通知.docx` });
    const seen = (await auditor.request('GET', '/api/audit?action=download')).json.items[0];
    expect(seen).toMatchObject({ actionLabel: '下载文件', contentHidden: false, after: { fileName: `${cycle.title}指标征集通知.docx` } });
    const officeSeen = (await office.request('GET', `/api/cycles/${cycle.id}/audit?action=download`)).json.items[0];
    expect(officeSeen).toMatchObject({ username: 'samr', contentHidden: false });
  });
});

describe('client address in the audit log', () => {
  let t: TestApp | undefined;
  afterAll(async () => {
    await t?.close();
  });
  const loginFrom = async (app: TestApp['app']) =>
    app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': '203.0.113.9' }, payload: { username: 'changsha', password: 'wrong-password' } });
  const lastIp = async (tt: TestApp) => (await tt.db.db.selectFrom('audit_log').select('ip').where('action', '=', 'auth.login').orderBy('id', 'desc').executeTakeFirstOrThrow()).ip;

  it('reads TRUST_PROXY as nothing, a hop count or a list of proxy addresses, and says what is wrong otherwise', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(trustProxyOf('')).toBe(false);
    expect(trustProxyOf('false')).toBe(false);
    expect(trustProxyOf('1')).toBe(1);
    expect(trustProxyOf(' 127.0.0.1, 10.0.0.0/8 ,::1')).toEqual(['127.0.0.1', '10.0.0.0/8', '::1']);
    expect(() => trustProxyOf('true')).toThrow('环境变量 TRUST_PROXY 须为反向代理的 IP 或网段（逗号分隔，如 127.0.0.1,10.0.0.0/8）或代理层数（如 1），「true」不是有效的 IP 或网段');
    expect(() => trustProxyOf('10.0.0.0/33')).toThrow('「10.0.0.0/33」不是有效的 IP 或网段');
    expect(() => trustProxyOf('proxy.local')).toThrow(/proxy\.local/);
  });

  it('ignores X-Forwarded-For by default: the socket address is written', async () => {
    t = await makeTestApp('sqlite');
    expect((await loginFrom(t.app)).statusCode).toBe(401);
    expect(await lastIp(t)).toBe('127.0.0.1');
    await t.close();
    t = undefined;
  });

  it('believes X-Forwarded-For when TRUST_PROXY names the proxy, and only then', async () => {
    t = await makeTestApp('sqlite', { trustProxy: ['127.0.0.1'] });
    await loginFrom(t.app);
    expect(await lastIp(t)).toBe('203.0.113.9');
    await t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '198.51.100.7', headers: { 'x-forwarded-for': '203.0.113.9' }, payload: { username: 'changsha', password: 'wrong-password' } });
    expect(await lastIp(t)).toBe('198.51.100.7');
    await t.close();
    t = await makeTestApp('sqlite', { trustProxy: 1 });
    await loginFrom(t.app);
    expect(await lastIp(t)).toBe('203.0.113.9');
  });
});

describe.each(testDialects())('audit objects named in words, on %s', (dialect: DialectName) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp(dialect, {}, { demoAssessment: true });
  });
  afterAll(() => t.close());

  it('a score is named by its unit and criterion (评分「平江县 1.a」), not by its row id', async () => {
    // 岳阳市质强办's demo cycle is in scoring: 省市场监督管理局 saves one score and submits
    const cycle = await t.db.db.selectFrom('assessment_cycle').select(['id']).where('status', '=', 'scoring').executeTakeFirstOrThrow();
    const samr = await login(t.app, 'samr');
    const grid = (await samr.request('GET', `/api/cycles/${cycle.id}/scoring/grid`)).json;
    const cell = grid.cells[0];
    const [item, criterion] = [cell.itemCode, cell.criterionCode];
    const unit = grid.units.find((u: any) => u.id === cell.unitId);
    const r = await samr.request('PUT', `/api/cycles/${cycle.id}/scores/${cell.unitId}/${item}/${criterion}`, { answer: cell.answer, version: cell.version, comment: cell.comment ?? '理由' });
    expect(r.status).toBe(200);
    const office = await login(t.app, 'yueyang.office');
    const entries = (await office.request('GET', `/api/cycles/${cycle.id}/audit`)).json.items;
    const saved = entries.find((e: any) => e.action === 'score.update');
    expect(saved.object).toBe(`评分「${unit.name} ${item}.${criterion}」`);
  });
});
