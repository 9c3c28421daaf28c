// Frozen migration: never edit after it has shipped; add a new date-named file instead.
// A 整改事项 raised from an on-site finding (source 'evaluation_site') is read by the 整改单位, the applicant, which reads
// what was found but not which expert found it (the panel's working; 2026-12-06, mayReadFindingRecorder). Items raised
// before then end their 说明 with the recorder's name: 「现场评审发现：…\n记录：王建国，2026-11-20」 (the day the UTC day
// before 2026-11-29, the China day since). That last line becomes today's form, 「记录日期：<the finding's China day>」
// (the stored day where the finding is gone); the rest of the text, the title and everything else stay as they are.
// Every change is in the audit log: one row per item rewritten (action rectification.redactRecorder, before and after
// the 说明; the audit log keeps who recorded the finding, as it always did), appended to the hash chain here with the
// chain's own serialisation (version 1, as migration 2026-11-28T1100-audit-chain writes it), so that the running code
// is not needed and `kaoping audit verify` finds the chain whole. Nobody's account: the row names this migration.
import { createHash } from 'node:crypto';
import { type Kysely, PostgresAdapter, sql } from 'kysely';

const NAME = '2026-12-07T0900-site-finding-recorder';
const OLD_LAST_LINE = /\n记录：[^\n]*，(\d{4}-\d{2}-\d{2})$/;
const GENESIS = '0'.repeat(64);

/** the China day (UTC+8, no daylight saving) of a stored moment; a text that is no moment stays null */
function chinaDay(moment: string | null | undefined): string | null {
  const t = moment ? Date.parse(moment) : NaN;
  return Number.isNaN(t) ? null : new Date(t + 8 * 3600_000).toISOString().slice(0, 10);
}

/** the audit row's hash, the serialisation version 1 (no request id): core/audit-chain.ts auditRowHash reads it the same */
function rowHash(r: Record<string, unknown>, seq: number, prevHash: string): string {
  const fields = ['kaoping-audit-v1', seq, r.at, r.user_id, r.username, r.role, r.ip, r.user_agent, r.action, r.method, r.path, r.entity_type, r.entity_id, r.cycle_id, r.before_json, r.after_json, r.outcome, prevHash];
  return createHash('sha256').update(JSON.stringify(fields), 'utf8').digest('hex');
}

export async function up(db: Kysely<any>): Promise<void> {
  const items = await db
    .selectFrom('rectification as r')
    .leftJoin('site_finding as f', (j) => j.on(sql`CAST(f.id AS TEXT)`, '=', sql.ref('r.source_ref')))
    .select(['r.id', 'r.detail', 'f.recorded_at'])
    .where('r.source_type', '=', 'evaluation_site')
    .where('r.detail', 'like', '%\n记录：%')
    .orderBy('r.id')
    .execute();
  const changed = items.flatMap((r) => {
    const old = OLD_LAST_LINE.exec(r.detail as string);
    if (!old || !(r.detail as string).startsWith('现场评审发现：')) return [];
    const detail = `${(r.detail as string).slice(0, old.index)}\n记录日期：${chinaDay(r.recorded_at as string | null) ?? old[1]}`;
    return [{ id: Number(r.id), before: r.detail as string, detail }];
  });
  if (!changed.length) return;

  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  // the chain's head, locked against a running server's appends on PostgreSQL (SQLite's write lock is the transaction's)
  const head = pg
    ? (await sql<{ seq: number | string; hash: string }>`SELECT seq, hash FROM audit_anchor WHERE id = 1 FOR UPDATE`.execute(db)).rows[0]
    : await db.selectFrom('audit_anchor').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
  const last = head ?? (await db.selectFrom('audit_log').select(['seq', 'row_hash as hash']).where('seq', 'is not', null).orderBy('seq', 'desc').limit(1).executeTakeFirst());
  let seq = Number(last?.seq ?? 0);
  let prev: string = last?.hash ?? GENESIS;
  const at = new Date().toISOString();
  for (const c of changed) {
    await db.updateTable('rectification').set({ detail: c.detail }).where('id', '=', c.id).execute();
    const row = {
      at,
      user_id: null,
      username: null,
      role: null,
      ip: null,
      user_agent: null,
      action: 'rectification.redactRecorder',
      method: 'MIGRATION',
      path: NAME,
      entity_type: 'rectification',
      entity_id: String(c.id),
      cycle_id: null,
      before_json: JSON.stringify({ detail: c.before }),
      after_json: JSON.stringify({ detail: c.detail }),
      outcome: 'ok',
    };
    seq += 1;
    const hash = rowHash(row, seq, prev);
    await db.insertInto('audit_log').values({ ...row, seq, prev_hash: prev, row_hash: hash }).execute();
    prev = hash;
  }
  const anchor = { seq, hash: prev, updated_at: at };
  if (head) await db.updateTable('audit_anchor').set(anchor).where('id', '=', 1).execute();
  else await db.insertInto('audit_anchor').values({ id: 1, ...anchor }).execute();
}

/** The names removed are not put back (the audit rows keep them). */
export async function down(): Promise<void> {}
