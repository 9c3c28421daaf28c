/**
 * The audit chain's append (core/audit-chain.ts) against hostile content and concurrency: every row it writes,
 * whichever path wrote it (PostgreSQL's one-statement append hashes in SQL, SQLite in Node), hashes as the v1 text
 * written out on its own, and verifyChain passes.
 */
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import type { Db, DialectName } from '../db/connection';
import { v1RowHash } from '../test/audit-v1';
import { freshDb, testDialects } from '../test/helpers';
import { writeAudit, type AuditActor, type AuditRecord } from './audit';
import { auditRowHash, GENESIS_HASH, verifyChain } from './audit-chain';

const v1 = v1RowHash;

const HOSTILE = [
  '"',
  '\\',
  '\\"',
  '\\u0000',
  '\n\r\t\b\f',
  '\u0001\u001f\u007f\u0080\u009f',
  '\u2028\u2029',
  '😀👨‍👩‍👧‍👦🇨🇳',
  '湘潭市「质量强市」\'单引号\'',
  '</script><!--',
  '$1 $$ %s %d ? :1',
  "'; DROP TABLE audit_log; --",
  '\uFEFF\u200B\uFFFD\uFFFF',
  'x'.repeat(100_000),
  '长'.repeat(30_000),
  '1e3',
  '',
];

const baseActor: AuditActor = { userId: 1, username: 'u', role: 'sysadmin', ip: '::1', userAgent: 'ua', method: 'POST', path: '/p', requestId: 'req' };
const baseRec: AuditRecord = { action: 'test.hostile', entityType: 't', entityId: 'e', cycleId: 5, before: { b: 1 }, after: { a: 1 } };

/** every nullable column null alone, set alone, all null, all set */
function nullCombinations(): { actor: AuditActor; rec: AuditRecord }[] {
  const actorKeys = ['userId', 'username', 'role', 'ip', 'userAgent', 'method', 'path', 'requestId'] as const;
  const recKeys = ['entityType', 'entityId', 'cycleId', 'before', 'after'] as const;
  const allNullActor = Object.fromEntries(actorKeys.map((k) => [k, null])) as unknown as AuditActor;
  const allNullRec: AuditRecord = { action: 'test.null' };
  const out = [
    { actor: baseActor, rec: baseRec },
    { actor: allNullActor, rec: allNullRec },
    { actor: { ...baseActor, requestId: undefined }, rec: baseRec },
    { actor: { ...baseActor, requestId: '' }, rec: baseRec },
  ];
  for (const k of actorKeys) {
    out.push({ actor: { ...baseActor, [k]: null }, rec: baseRec });
    out.push({ actor: { ...allNullActor, [k]: (baseActor as any)[k] }, rec: allNullRec });
  }
  for (const k of recKeys) {
    out.push({ actor: baseActor, rec: { ...baseRec, [k]: undefined } });
    out.push({ actor: allNullActor, rec: { ...allNullRec, [k]: (baseRec as any)[k] } });
  }
  return out;
}

describe.each(testDialects())('audit chain append, hostile content and concurrency, on %s', (dialect: DialectName) => {
  let db: Db | undefined;
  /** a new empty database for each test (the chain starts at 1) */
  const fresh = async () => ((await db?.close()), (db = await freshDb(dialect)));
  afterAll(() => db?.close());
  const expectChain = async (db: Db, n: number) => {
    const rows = await db.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    expect(rows).toHaveLength(n);
    let prev = GENESIS_HASH;
    rows.forEach((r, i) => {
      expect(Number(r.seq)).toBe(i + 1);
      expect(r.prev_hash).toBe(prev);
      expect(r.row_hash).toBe(v1(r));
      prev = r.row_hash!;
    });
    const anchor = await db.db.selectFrom('audit_anchor').selectAll().executeTakeFirstOrThrow();
    expect([Number(anchor.seq), anchor.hash]).toEqual([n, prev]);
    expect(await verifyChain(db.db, 7)).toMatchObject({ ok: true, total: n });
    return rows;
  };

  it('hashes every null/non-null combination of every column as the v1 text', async () => {
    const db = await fresh();
    const cases = nullCombinations();
    for (const { actor, rec } of cases) await writeAudit(db.db, actor, rec);
    const rows = await expectChain(db, cases.length);
    expect(rows[1]).toMatchObject({ user_id: null, username: null, role: null, ip: null, user_agent: null, method: null, path: null, entity_type: null, entity_id: null, cycle_id: null, before_json: null, after_json: null, request_id: null });
    expect(rows[0]).toMatchObject({ user_id: 1, cycle_id: 5, request_id: 'req' });
  });

  it('hashes hostile strings in every text column, numbers as ids, as the v1 text', async () => {
    const db = await fresh();
    let n = 0;
    for (const s of HOSTILE) {
      await writeAudit(
        db.db,
        { userId: 2_147_483_647, username: s, role: s, ip: s, userAgent: s, method: s, path: s, requestId: s },
        { action: s || 'x', entityType: s, entityId: s, cycleId: 0, before: s, after: { [s]: s } },
      );
      // a number as the entity id, a cycle found from a prefixed id
      await writeAudit(db.db, { ...baseActor, userId: 0, username: s }, { action: 'test.n', entityType: 'score', entityId: `12/${s}` });
      n += 2;
    }
    const rows = await expectChain(db, n);
    expect(rows.some((r) => r.username === '长'.repeat(30_000) && r.entity_id === r.username)).toBe(true);
    expect(rows.filter((r) => r.action === 'test.n').every((r) => r.cycle_id === 12)).toBe(true);
  });

  it('hashes text as it is stored: a lone surrogate (half an emoji cut by a slice) still verifies', async () => {
    const db = await fresh();
    const cut = '😀'.repeat(3).slice(0, 5); // ends in half an emoji, as a .slice(0, 200) of a filter text can
    await writeAudit(db.db, { ...baseActor, username: '\ud800x', requestId: '\udfff' }, { action: 'download', entityType: 'audit_log', entityId: cut, after: { q: '\ud800' } });
    await writeAudit(db.db, baseActor, { action: 'test.after' });
    await expectChain(db, 2);
  });

  if (dialect === 'postgres')
    it('keeps one chain when concurrent transactions append, some rolling back after their append, some appending twice', async () => {
      const db = await fresh();
      const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
      const results = await Promise.allSettled(
        Array.from({ length: 30 }, (_, i) =>
          db.db.transaction().execute(async (trx) => {
            await writeAudit(trx, { ...baseActor, username: `w${i}` }, { action: 'test.concurrent', entityId: i });
            if (i % 4 === 1) await writeAudit(trx, { ...baseActor, username: `w${i}b` }, { action: 'test.concurrent', entityId: i });
            await sleep(i % 3);
            if (i % 5 === 0) throw new Error('roll back');
          }),
        ),
      );
      const committed = results.map((r, i) => (r.status === 'fulfilled' ? (i % 4 === 1 ? 2 : 1) : 0)).reduce<number>((a, b) => a + b, 0);
      expect(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason.message === 'roll back')).toBe(true);
      const rows = await expectChain(db, committed);
      expect(rows.filter((r) => r.username?.endsWith('b')).length).toBe(6); // i = 1, 9, 13, 17, 21, 29
      // rows of one transaction are consecutive
      for (const r of rows.filter((x) => x.username?.endsWith('b'))) {
        const first = rows.find((x) => x.username === r.username!.slice(0, -1))!;
        expect(Number(r.seq)).toBe(Number(first.seq) + 1);
      }
    });

  if (dialect === 'postgres')
    it('appends exactly one row when the anchor is missing, and the next row in one statement again', async () => {
      const db = await fresh();
      await writeAudit(db.db, baseActor, { action: 'test.one' });
      await sql`ALTER TABLE audit_anchor DISABLE TRIGGER USER`.execute(db.db);
      await db.db.deleteFrom('audit_anchor').execute();
      await sql`ALTER TABLE audit_anchor ENABLE TRIGGER USER`.execute(db.db);
      await writeAudit(db.db, baseActor, { action: 'test.two' });
      expect(await db.db.selectFrom('audit_log').select('action').orderBy('seq').execute()).toEqual([{ action: 'test.one' }, { action: 'test.two' }]);
      await writeAudit(db.db, baseActor, { action: 'test.three' });
      const rows = await expectChain(db, 3);
      expect(rows[2].row_hash).toBe(auditRowHash({ ...rows[2], user_id: 1, cycle_id: null }, 3, rows[1].row_hash!));
    });
});
