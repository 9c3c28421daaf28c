/**
 * npm run bench:audit — what one audited change costs on SQLite, in the process, with no HTTP: where the time of the
 * signed-in save's floor goes (bench:api's "signed-in audited save (floor)"), step by step, beside the bare chained
 * save bench:api's INSERT server makes. Each row is the mean time of one transaction over BENCH_SAVES (default 5,000)
 * runs after 500 to warm up, run one after another (BENCH_CONCURRENCY, default 1, runs that many at once), twice.
 *
 *   bare chained save       read a cell, write it at its version, append a hash-chained audit row to a 5-column
 *                           table with no index, through Kysely's sql`` (the bench's INSERT server, in-process)
 *   empty transaction       db/write-watch.ts's transaction() around nothing (BEGIN IMMEDIATE … COMMIT)
 *   cell save, no audit     the floor's read and versioned write, Kysely's builders
 *   audit row only          + core/audit.ts's auditRow() (the row's content), nothing written
 *   audit append            + core/audit-chain.ts's appendToChain() (head read, row hashed, row, head moved)
 *   the floor               the cell save and the audit append together: what route()'s ctx.tx runs
 *   audit row, raw SQL      the append with the same statements written as sql`` (what Kysely's builders cost)
 *   … into a copy of audit_log: the same raw append into a copy of the table with and without AUTOINCREMENT and its
 *                           five indexes (what each costs the commit)
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { auditRow, type AuditActor } from '../src/server/core/audit';
import { appendToChain } from '../src/server/core/audit-chain';
import { connect } from '../src/server/db/connection';
import { migrateToLatest } from '../src/server/db/migrate';
import type { Database } from '../src/server/db/schema';
import { transaction } from '../src/server/db/write-watch';

const SAVES = Number(process.env.BENCH_SAVES ?? 5000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 1);
const CELLS = 500;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-audit-bench-'));
const db = connect({ url: `sqlite:${path.join(dir, 'kaoping.db')}` });
try {
  await migrateToLatest(db);
  const k = db.db as unknown as Kysely<any>;
  await sql`CREATE TABLE bench_cell (id INTEGER PRIMARY KEY, answer_json TEXT NOT NULL, version INTEGER NOT NULL)`.execute(k);
  await sql`CREATE TABLE bench_head (id INTEGER PRIMARY KEY, seq INTEGER NOT NULL, hash TEXT NOT NULL)`.execute(k);
  await sql`CREATE TABLE bench_audit (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT, entity_id INTEGER, before_json TEXT, after_json TEXT, row_hash TEXT)`.execute(k);
  await sql`INSERT INTO bench_head (id, seq, hash) VALUES (1, 0, ${'0'.repeat(64)})`.execute(k);
  for (let id = 1; id <= CELLS; id++) await sql`INSERT INTO bench_cell (id, answer_json, version) VALUES (${id}, ${'null'}, ${1})`.execute(k);

  // copies of audit_log as the migrations made it: with and without AUTOINCREMENT, with and without its indexes
  const ddl = (await sql<{ sql: string }>`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'`.execute(k)).rows[0].sql;
  const indexes = (await sql<{ sql: string }>`SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'audit_log' AND sql IS NOT NULL`.execute(k)).rows.map((r) => r.sql);
  const copies = [
    { table: 'copy_autoinc_indexed', autoinc: true, indexed: true, label: 'audit row, raw SQL, copy of audit_log (AUTOINCREMENT, its indexes)' },
    { table: 'copy_plain_indexed', autoinc: false, indexed: true, label: '… without AUTOINCREMENT' },
    { table: 'copy_autoinc_bare', autoinc: true, indexed: false, label: `… with AUTOINCREMENT, without its ${indexes.length} indexes` },
    { table: 'copy_plain_bare', autoinc: false, indexed: false, label: '… without either' },
  ];
  for (const c of copies) {
    let d = ddl.replace(/^CREATE TABLE\s+"?audit_log"?/i, `CREATE TABLE ${c.table}`);
    if (d === ddl) throw new Error(`audit_log's DDL not understood: ${ddl.slice(0, 80)}`);
    if (!c.autoinc) d = d.replace(/\s+autoincrement/i, '');
    await sql.raw(d).execute(k);
    if (c.indexed) for (const i of indexes) await sql.raw(i.replace(/INDEX\s+"?(\w+)"?\s+ON\s+"?audit_log"?/i, `INDEX ${c.table}_$1 ON ${c.table}`)).execute(k);
  }

  const actor: AuditActor = { userId: 1, username: 'samr', role: 'department', ip: '127.0.0.1', userAgent: 'bench', method: 'PUT', path: '/__bench/audited-save', requestId: '0123456789abcdef' };
  const after = JSON.stringify({ answer: { score: 1 }, version: 1 });
  let n = 0;
  const nextCell = () => (n++ % CELLS) + 1;
  const record = (id: number) => ({ action: 'bench.save', entityType: 'bench_cell', entityId: id, before: { answer: 'null', version: 1 }, after: { answer: after, version: 2 } });
  type Trx = Kysely<Database>;
  const cellSave = async (trx: Trx, id: number) => {
    const t = trx as unknown as Kysely<any>;
    const before = await t.selectFrom('bench_cell').select(['answer_json', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
    await t.updateTable('bench_cell').set({ answer_json: after, version: before.version + 1 }).where('id', '=', id).where('version', '=', before.version).execute();
  };
  /** the append as appendToChain makes it on SQLite, written as raw SQL, into `table` */
  const rawAppend = async (trx: Trx, id: number, table: string) => {
    const row = await auditRow(trx, actor, record(id));
    const head = (await sql<{ seq: number; hash: string }>`SELECT seq, hash FROM audit_anchor WHERE id = 1`.execute(trx)).rows[0];
    const seq = Number(head.seq) + 1;
    const hash = crypto.createHash('sha256').update(JSON.stringify([seq, ...Object.values(row), head.hash])).digest('hex');
    const columns = Object.keys(row);
    await sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}, seq, prev_hash, row_hash) VALUES (${sql.join(Object.values(row))}, ${seq}, ${head.hash}, ${hash})`.execute(trx);
    await sql`UPDATE audit_anchor SET seq = ${seq}, hash = ${hash}, updated_at = ${row.at} WHERE id = 1`.execute(trx);
  };

  const steps: [string, () => Promise<unknown>][] = [
    [
      'bare chained save',
      () => {
        const id = nextCell();
        return k.transaction().execute(async (trx) => {
          const before = (await sql<{ answer_json: string; version: number }>`SELECT answer_json, version FROM bench_cell WHERE id = ${id}`.execute(trx)).rows[0];
          await sql`UPDATE bench_cell SET answer_json = ${after}, version = ${before.version + 1} WHERE id = ${id} AND version = ${before.version}`.execute(trx);
          const at = new Date().toISOString();
          const head = (await sql<{ seq: number; hash: string }>`SELECT seq, hash FROM bench_head WHERE id = 1`.execute(trx)).rows[0];
          const seq = Number(head.seq) + 1;
          const hash = crypto.createHash('sha256').update(JSON.stringify([seq, at, id, before.answer_json, after, head.hash])).digest('hex');
          await sql`INSERT INTO bench_audit (at, entity_id, before_json, after_json, row_hash) VALUES (${at}, ${id}, ${before.answer_json}, ${after}, ${hash})`.execute(trx);
          await sql`UPDATE bench_head SET seq = ${seq}, hash = ${hash} WHERE id = 1`.execute(trx);
        });
      },
    ],
    ['empty transaction', () => transaction(db.db, async () => {})],
    ['cell save, no audit', () => transaction(db.db, (trx) => cellSave(trx, nextCell()))],
    ['audit row only (nothing written)', () => transaction(db.db, (trx) => auditRow(trx, actor, record(nextCell())))],
    ['audit append (appendToChain)', () => transaction(db.db, async (trx) => appendToChain(trx, await auditRow(trx, actor, record(nextCell()))))],
    [
      'the floor: cell save + audit append',
      () =>
        transaction(db.db, async (trx) => {
          const id = nextCell();
          await cellSave(trx, id);
          await appendToChain(trx, await auditRow(trx, actor, record(id)));
        }),
    ],
    ['audit append, raw SQL (audit_log)', () => transaction(db.db, (trx) => rawAppend(trx, nextCell(), 'audit_log'))],
    ...copies.map((c): [string, () => Promise<unknown>] => [c.label, () => transaction(db.db, (trx) => rawAppend(trx, nextCell(), c.table))]),
  ];

  console.log(`bench:audit — SQLite, in-process, ${SAVES} transactions per row (${CONCURRENCY} at a time), µs per transaction, two rounds`);
  const results = new Map<string, number[]>();
  for (let round = 0; round < 2; round++) {
    for (const [name, run] of steps) {
      for (let i = 0; i < 500; i++) await run();
      let left = SAVES;
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (left-- > 0) await run();
        }),
      );
      results.set(name, [...(results.get(name) ?? []), ((performance.now() - t0) * 1000) / SAVES]);
    }
  }
  const width = Math.max(...steps.map(([name]) => name.length));
  for (const [name, [a, b]] of results) console.log(`${name.padEnd(width)}  ${a.toFixed(1).padStart(7)}  ${b.toFixed(1).padStart(7)}`);
} finally {
  await db.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
