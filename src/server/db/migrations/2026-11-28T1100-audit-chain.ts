// Frozen migration: never edit after it has shipped; add a new date-named file instead.
// The audit log becomes a hash chain (issue 8 §5): every row carries `seq`, `prev_hash` and `row_hash`
// (SHA-256 over its content and the previous row's hash), and `audit_anchor` keeps the chain's head so that
// emptying the table is detected too. Rows written before this migration are chained here, in id order.
// `cycle_id` names the assessment cycle a business row belongs to (the office reads its own cycles' rows).
import { createHash } from 'node:crypto';
import { type Kysely, PostgresAdapter, sql } from 'kysely';

const GENESIS = '0'.repeat(64);

// The canonical serialisation, version 1. The running code (audit.chain.ts) must produce the same bytes.
function rowHash(r: any, seq: number, cycleId: number | null, prevHash: string): string {
  const fields = [
    'kaoping-audit-v1',
    seq,
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
    cycleId,
    r.before_json ?? null,
    r.after_json ?? null,
    r.outcome,
    prevHash,
  ];
  return createHash('sha256').update(JSON.stringify(fields), 'utf8').digest('hex');
}

const CYCLE_TABLES = ['declaration', 'scheme', 'score', 'self_report', 'evidence', 'objection'];

async function cycleOf(db: Kysely<any>, r: any): Promise<number | null> {
  const type = r.entity_type as string | null;
  const id = r.entity_id as string | null;
  if (!type || !id) return null;
  if (type === 'assessment_cycle') return /^\d+$/.test(id) ? Number(id) : null;
  const prefixed = /^(\d+)[:/]/.exec(id); // score_submission "cycle:department", score "cycle/unit/code"
  if (prefixed) return Number(prefixed[1]);
  if (CYCLE_TABLES.includes(type) && /^\d+$/.test(id)) {
    const row = await db.selectFrom(type).select('cycle_id').where('id', '=', Number(id)).executeTakeFirst();
    return row ? Number(row.cycle_id) : null;
  }
  return null;
}

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;

  for (const [name, type] of [
    ['seq', 'integer'],
    ['prev_hash', 'text'],
    ['row_hash', 'text'],
    ['cycle_id', 'integer'],
  ] as const) {
    await db.schema.alterTable('audit_log').addColumn(name, type).execute();
  }

  await db.schema
    .createTable('audit_anchor')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // Chain the rows written so far; the append-only triggers are lifted for this one pass.
  if (pg) await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change`.execute(db);
  else await sql`DROP TRIGGER audit_log_no_update`.execute(db);

  const rows = await db.selectFrom('audit_log').selectAll().orderBy('id').execute();
  let prev = GENESIS;
  let seq = 0;
  for (const r of rows) {
    seq += 1;
    const cycleId = await cycleOf(db, r);
    const hash = rowHash(r, seq, cycleId, prev);
    await db.updateTable('audit_log').set({ seq, prev_hash: prev, row_hash: hash, cycle_id: cycleId }).where('id', '=', r.id).execute();
    prev = hash;
  }

  if (pg) await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change`.execute(db);
  else {
    await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
  }

  await db.schema.createIndex('audit_log_seq_uq').on('audit_log').column('seq').unique().execute();
  await db.schema.createIndex('audit_log_cycle_idx').on('audit_log').column('cycle_id').execute();
  await db.insertInto('audit_anchor').values({ id: 1, seq, hash: prev, updated_at: new Date().toISOString() }).execute();

  // TRUNCATE bypasses row triggers on PostgreSQL: refuse it too. The anchor may only move forward.
  if (pg) {
    await sql`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`.execute(db);
    await sql`CREATE FUNCTION audit_anchor_forward_only() RETURNS trigger AS $$
      BEGIN
        IF TG_OP = 'DELETE' OR NEW.seq <= OLD.seq THEN RAISE EXCEPTION 'audit_anchor only moves forward'; END IF;
        RETURN NEW;
      END; $$ LANGUAGE plpgsql`.execute(db);
    await sql`CREATE TRIGGER audit_anchor_forward BEFORE UPDATE OR DELETE ON audit_anchor
      FOR EACH ROW EXECUTE FUNCTION audit_anchor_forward_only()`.execute(db);
  } else {
    await sql`CREATE TRIGGER audit_anchor_forward BEFORE UPDATE ON audit_anchor WHEN NEW.seq <= OLD.seq
      BEGIN SELECT RAISE(ABORT, 'audit_anchor only moves forward'); END`.execute(db);
    await sql`CREATE TRIGGER audit_anchor_no_delete BEFORE DELETE ON audit_anchor
      BEGIN SELECT RAISE(ABORT, 'audit_anchor only moves forward'); END`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('audit chain migration cannot be reverted');
}
