/**
 * The audit log's hash chain (issue 8 §5). Each row carries `seq` (1, 2, …), `prev_hash` (the previous row's
 * row_hash, 64 zeros for the first) and `row_hash` = SHA-256 over a canonical serialisation of its content
 * and prev_hash. `audit_anchor` (one row) repeats the head: last seq and hash.
 *
 * Appends are serialised: on PostgreSQL by the row lock on the head (audit_anchor, read FOR UPDATE), on SQLite by
 * the single write transaction. So seq has no gaps and the chain never forks; verification walks seq order.
 *
 * What is detected: a row changed after the trigger was dropped (its hash no longer matches), a row
 * deleted in the middle (the next row's seq/prev_hash do not follow), rows deleted at the end or the table
 * emptied (the anchor names more rows than the table holds), a row inserted around the chain (no hash).
 */
import { hash } from 'node:crypto';
import { type Kysely, PostgresAdapter, sql } from 'kysely';
import type { AuditAnchorTable, AuditLogTable, Database } from '../db/schema';

export const GENESIS_HASH = '0'.repeat(64);
/** pg_advisory_xact_lock key of the audit chain when its head row is missing ("KPAUDIT" in spirit; any constant works) */
const CHAIN_LOCK = 0x4b50_4155;

/** an audit row before the chain places it: everything but its id, seq and hashes */
export type AuditContent = Omit<AuditLogTable, 'id' | 'seq' | 'prev_hash' | 'row_hash'>;

/**
 * The canonical serialisation, version 1 — the same as in migration 2026-11-28T1100-audit-chain — with the
 * request id appended before prevHash when the row has one (migration 2026-11-28T1200): rows written before it
 * (or outside a request) hash exactly as they always did, and a request id changed or removed later breaks
 * the hash like any other field.
 */
export function auditRowHash(r: AuditContent, seq: number, prevHash: string): string {
  const { pre, mid, post } = hashedText(r);
  return hash('sha256', `${pre}${seq}${mid}${prevHash}${post}`, 'hex');
}

/**
 * The text hashed for a row, around its seq and prevHash: `${pre}${seq}${mid}${prevHash}${post}` is exactly
 * JSON.stringify(['kaoping-audit-v1', seq, r.at, …, r.outcome, {requestId}?, prevHash]) (seq an integer, prevHash
 * hex, neither of which JSON escapes). In three pieces so that PostgreSQL can hash a row whose seq and prevHash
 * only its own append statement reads (appendOnPostgres); auditRowHash and that statement hash the same text.
 */
function hashedText(r: AuditContent): { pre: string; mid: string; post: string } {
  const between = [
    r.at,
    r.user_id ?? null,
    r.username ?? null,
    r.role ?? null,
    r.ip ?? null,
    r.user_agent ?? null,
    r.action,
    r.method ?? null,
    r.path ?? null,
    r.entity_type ?? null,
    r.entity_id ?? null,
    r.cycle_id ?? null,
    r.before_json ?? null,
    r.after_json ?? null,
    r.outcome,
    ...(r.request_id ? [{ requestId: r.request_id }] : []),
  ];
  return { pre: '["kaoping-audit-v1",', mid: `,${JSON.stringify(between).slice(1, -1)},"`, post: '"]' };
}

export const isPostgres = (db: Kysely<Database>): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * Append one row to the chain. `trx` must be a transaction (the head's lock and its update live in it).
 *
 * On PostgreSQL the head's row lock is what serialises appenders: a second one waits for the first to commit, then
 * reads the head it left. The lock is held until the commit, so the append is one statement (appendOnPostgres) and
 * a change's audit rows are appended last, just before its commit (core/route.ts): the lock is held for that statement
 * and the COMMIT, not for the round trips of the rest of the change. SQLite's transactions already hold the single
 * write lock (BEGIN IMMEDIATE); there the head is read, the row hashed here, then written.
 */
export async function appendToChain(trx: Kysely<Database>, row: AuditContent): Promise<void> {
  if (isPostgres(trx) && (await appendOnPostgres(trx, row))) return;
  let head: { seq: number | string | null; hash: string | null } | undefined = await trx.selectFrom('audit_anchor').select(['seq', 'hash']).where('id', '=', 1).forUpdate().executeTakeFirst();
  const anchored = head !== undefined;
  if (!anchored) {
    // The migration writes the head and a trigger refuses its deletion, so this is never expected: continue from the
    // last chained row, with a lock of its own in place of the missing row's
    if (isPostgres(trx)) await sql`SELECT pg_advisory_xact_lock(${CHAIN_LOCK})`.execute(trx);
    head = await trx
      .selectFrom('audit_log')
      .select(['seq', 'row_hash as hash'])
      .where('seq', 'is not', null)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
  }
  const seq = Number(head?.seq ?? 0) + 1;
  const prev = head?.hash ?? GENESIS_HASH;
  const rowHash = auditRowHash(row, seq, prev);
  await trx.insertInto('audit_log').values({ ...row, seq, prev_hash: prev, row_hash: rowHash }).execute();
  const next: AuditAnchorTable = { id: 1, seq, hash: rowHash, updated_at: row.at };
  if (anchored) await trx.updateTable('audit_anchor').set(next).where('id', '=', 1).execute();
  else await trx.insertInto('audit_anchor').values(next).execute();
}

/**
 * PostgreSQL: lock the head, insert the row with the next seq and the head's hash, hash it (the same text as
 * auditRowHash, built around the seq and hash the statement read) and move the head, in one statement. False when
 * there is no head row (appendToChain then continues from the last row, as before).
 */
async function appendOnPostgres(trx: Kysely<Database>, row: AuditContent): Promise<boolean> {
  const { pre, mid, post } = hashedText(row);
  const columns = Object.keys(row) as (keyof AuditContent)[];
  const moved = await trx
    .with('head', (db) => db.selectFrom('audit_anchor').select(['seq', 'hash']).where('id', '=', 1).forUpdate())
    .with('added', (db) =>
      db
        .insertInto('audit_log')
        .columns([...columns, 'seq', 'prev_hash', 'row_hash'])
        .expression((eb) =>
          eb
            .selectFrom('head')
            .select([
              ...columns.map((c) => sql`${row[c]}`.as(c)),
              sql<number>`head.seq + 1`.as('seq'),
              'head.hash as prev_hash',
              sql<string>`encode(sha256(convert_to(${pre}::text || (head.seq + 1)::text || ${mid}::text || head.hash || ${post}::text, 'UTF8')), 'hex')`.as('row_hash'),
            ]),
        )
        .returning(['seq', 'row_hash']),
    )
    .updateTable('audit_anchor')
    .from('added')
    .set({ seq: sql<number>`added.seq`, hash: sql<string>`added.row_hash`, updated_at: row.at })
    .where('audit_anchor.id', '=', 1)
    .executeTakeFirst();
  return Number(moved.numUpdatedRows) === 1;
}

export interface ChainReport {
  ok: boolean;
  /** rows in the chain walked */
  total: number;
  /** the first broken row: its id (null when rows are missing at the end or the whole table) */
  brokenId: number | null;
  /** why, in Chinese */
  reason: string | null;
  /** the one-line summary the CLI prints and the audit page shows */
  message: string;
  /** the head recorded in audit_anchor */
  anchor: { seq: number; hash: string } | null;
}

function broken(total: number, id: number | null, reason: string, anchor: ChainReport['anchor']): ChainReport {
  const where = id === null ? '日志末尾' : `第${id}条`;
  return { ok: false, total, brokenId: id, reason, message: `第一处断裂：${where}（${reason}）`, anchor };
}

/**
 * Walk the whole chain in seq order and name the first broken row. Reads in pages; never changes anything.
 *
 * The anchor is read after the walk, not before: others keep writing meanwhile (each row and its anchor update are
 * committed together), so an anchor read first would already be behind the rows the walk then finds, and report
 * tampering that is not there. Read last, it is at or past every row walked; rows appended in the meantime are
 * walked up to it before the tail is compared.
 */
export async function verifyChain(db: Kysely<Database>, pageSize = 2000): Promise<ChainReport> {
  const unchained = await db.selectFrom('audit_log').select('id').where((eb) => eb.or([eb('seq', 'is', null), eb('row_hash', 'is', null)])).orderBy('id').limit(1).executeTakeFirst();
  const readAnchor = async () => {
    const row = await db.selectFrom('audit_anchor').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
    return row ? { seq: Number(row.seq), hash: row.hash } : null;
  };
  if (unchained) return broken(0, unchained.id, '没有哈希，未经审计模块写入', await readAnchor());

  let expectedSeq = 1;
  let prev = GENESIS_HASH;
  let total = 0;
  /** walk the rows from expectedSeq (up to seq `upTo`), in pages; a broken row's report, or null */
  const walk = async (upTo: number | null): Promise<ChainReport | null> => {
    for (;;) {
      const rows = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('seq', '>=', expectedSeq)
        .$if(upTo !== null, (q) => q.where('seq', '<=', upTo!))
        .orderBy('seq')
        .limit(pageSize)
        .execute();
      for (const r of rows) {
        const seq = Number(r.seq);
        if (seq !== expectedSeq) {
          const missing = seq - expectedSeq;
          return broken(total, r.id, `其前缺少${missing}条记录（序号${expectedSeq}${missing > 1 ? `–${seq - 1}` : ''}已被删除）`, await readAnchor());
        }
        if (r.prev_hash !== prev) return broken(total, r.id, '前一条记录的哈希不符，前面的记录被删除或改动', await readAnchor());
        const { id: _id, seq: _seq, prev_hash: _prev, row_hash: _hash, ...content } = r;
        if (auditRowHash({ ...content, user_id: content.user_id === null ? null : Number(content.user_id), cycle_id: content.cycle_id === null ? null : Number(content.cycle_id) }, seq, prev) !== r.row_hash) {
          return broken(total, r.id, '内容与哈希不符，记录被改动', await readAnchor());
        }
        prev = r.row_hash!;
        expectedSeq += 1;
        total += 1;
      }
      if (rows.length < pageSize) return null;
    }
  };
  const first = await walk(null);
  if (first) return first;
  const anchor = await readAnchor();
  // rows written while the chain was walked, up to the anchor now read
  if (anchor && anchor.seq > total) {
    const more = await walk(anchor.seq);
    if (more) return more;
  }

  if (!anchor) {
    if (total > 0) return broken(total, null, '缺少链头锚点（audit_anchor），无法确认末尾记录是否被删除', anchor);
  } else if (anchor.seq > total) {
    return broken(total, null, `锚点记录共${anchor.seq}条，日志中只有${total}条：末尾${anchor.seq - total}条记录被删除或日志被清空`, anchor);
  } else if (anchor.seq < total || anchor.hash !== prev) {
    return broken(total, null, '链头锚点与日志末条记录不符，锚点被改动', anchor);
  }
  return { ok: true, total, brokenId: null, reason: null, message: `审计日志哈希链完整：共${total}条`, anchor };
}
