/**
 * Which columns this process has written: counters raised by every statement that changes rows — an UPDATE
 * raises the columns it sets; a DELETE, an INSERT that upserts or a MERGE the whole table; raw SQL that writes and
 * schema changes everything at once. A plain INSERT raises only the table's new-row counter, which matters to a
 * read that depends on which rows exist ('*'), not to a copy of rows found by key.
 *
 * An in-memory copy of rows (the session copy in core/session.ts) notes `generation(columns it read)` before it
 * reads and is stale as soon as the number differs. The counter is raised after the statement ran and only when it
 * touched rows (a DELETE of nothing keeps copies valid). Only this process's writes are seen: a copy must also
 * expire after a short time, for another process (a second server on the same PostgreSQL, the command line
 * tool) and for a reader that, on PostgreSQL, read the old rows while another request's transaction was still
 * open.
 *
 * Installed on every handle connect() makes (db/connection.ts); handles derived with withPlugin and
 * transactions keep it.
 */
import {
  AliasNode,
  ColumnNode,
  DeleteQueryNode,
  InsertQueryNode,
  MergeQueryNode,
  RawNode,
  TableNode,
  UpdateQueryNode,
  type Kysely,
  type KyselyPlugin,
  type OperationNode,
  type QueryResult,
  type RootOperationNode,
  type Transaction,
  type UnknownRow,
} from 'kysely';

/** raw SQL that may change rows (ours: migrations, a few maintenance statements) */
const RAW_WRITE = /\b(update|delete|replace|merge|drop|alter|truncate)\b/i;
const SCHEMA_CHANGE = new Set(['CreateTableNode', 'DropTableNode', 'AlterTableNode', 'CreateIndexNode', 'DropIndexNode', 'CreateViewNode', 'DropViewNode']);

function tableName(node: OperationNode | undefined): string | null {
  if (!node) return null;
  if (TableNode.is(node)) return node.table.identifier.name;
  if (AliasNode.is(node)) return tableName(node.node);
  return null;
}

/** What a statement may change: columns of one table (an UPDATE), whole tables, 'all' (cannot tell), or nothing ([]). */
type Written = string[] | { table: string; columns: string[] } | { inserted: string } | 'all';

function written(node: RootOperationNode): Written {
  const own = writtenAtRoot(node);
  // a write in a WITH clause (PostgreSQL's data-modifying CTEs: the audit chain's one-statement append) counts too,
  // whole tables at a time
  const ctes = 'with' in node && node.with ? node.with.expressions.map((e) => writtenAtRoot(e.expression as RootOperationNode)) : [];
  if (!ctes.some((w) => !Array.isArray(w) || w.length)) return own;
  const all = [own, ...ctes];
  if (all.includes('all')) return 'all';
  return [...new Set(all.flatMap((w) => (w === 'all' ? [] : Array.isArray(w) ? w : 'inserted' in w ? [w.inserted] : [w.table])))];
}

function writtenAtRoot(node: RootOperationNode): Written {
  if (UpdateQueryNode.is(node)) {
    const t = tableName(node.table);
    if (!t) return 'all';
    const columns = (node.updates ?? []).map((u) => (ColumnNode.is(u.column) ? u.column.column.name : null));
    return columns.every((c): c is string => c !== null) ? { table: t, columns } : [t];
  }
  if (DeleteQueryNode.is(node)) {
    const ts = node.from.froms.map(tableName);
    return ts.every((t): t is string => t !== null) ? ts : 'all';
  }
  if (InsertQueryNode.is(node)) {
    const t = tableName(node.into);
    if (!t) return 'all';
    return node.onConflict || node.onDuplicateKey || node.replace ? [t] : { inserted: t };
  }
  if (MergeQueryNode.is(node)) {
    const t = tableName(node.into);
    return t ? [t] : 'all';
  }
  if (RawNode.is(node)) return RAW_WRITE.test(node.sqlFragments.join(' ')) ? 'all' : [];
  return SCHEMA_CHANGE.has(node.kind) ? 'all' : [];
}

export class WriteWatch {
  /** raised by statements that may change any column of the table (DELETE, upsert, MERGE) */
  private readonly perTable = new Map<string, number>();
  /** raised by UPDATEs, per column set: table → column → count */
  private readonly perColumn = new Map<string, Map<string, number>>();
  /** raised by plain INSERTs: they matter only to a read of '*' (which rows there are) */
  private readonly perInsert = new Map<string, number>();
  private everything = 0;
  /** raised with every counter: while it stands still, no generation() changed (Copies uses it to skip the sums) */
  writes = 0;
  /** set while quietly() compiles a statement */
  private quiet = false;

  /** A number that changes whenever this process may have changed one of these columns (table → columns read, or '*'). */
  generation(read: ColumnsRead): number {
    let n = this.everything;
    for (const [t, columns] of Object.entries(read)) {
      n += this.perTable.get(t) ?? 0;
      const set = this.perColumn.get(t);
      if (set) {
        if (columns === '*') for (const v of set.values()) n += v;
        else for (const c of columns) n += set.get(c) ?? 0;
      }
      if (columns === '*') n += this.perInsert.get(t) ?? 0;
    }
    return n;
  }

  private readonly kept = new Map<string, Copies<unknown>>();
  /** The copies of one kind of read, for this database (one set per kind, made on first use). */
  copies<V>(kind: string, opts: CopiesOptions): Copies<V> {
    let c = this.kept.get(kind);
    if (!c) this.kept.set(kind, (c = new Copies<unknown>(this, opts)));
    return c as Copies<V>;
  }

  /**
   * Compile a statement whose write no copy needs to hear of, because the one copy that holds the row updates
   * itself (a session's activity stamp): `db.executeQuery(watch.quietly(() => query.compile()))`.
   */
  quietly<T>(compile: () => T): T {
    this.quiet = true;
    try {
      return compile();
    } finally {
      this.quiet = false;
    }
  }

  /**
   * What a transaction's statements raise, to raise again once it has committed (see transaction()). A statement
   * raises its counters as soon as it ran, but on PostgreSQL its rows are seen by other connections only after the
   * commit: a read on another connection in between finds the old rows under the new counters, and its copy would be
   * taken as current until it expired. The second raise makes such a copy stale. (SQLite's one connection runs
   * nothing else while a transaction is open.) A plugin on the transaction's own handle, so nothing has to follow the
   * transaction through its promises.
   */
  recorder(into: Written[]): KyselyPlugin {
    return watching(this, (w) => into.push(w));
  }

  /** raise again what a committed transaction's statements raised */
  raiseAll(ws: readonly Written[]): void {
    for (const w of ws) this.raise(w);
  }

  private raise(w: Written): void {
    this.writes += 1;
    if (w === 'all') this.everything += 1;
    else if (Array.isArray(w)) for (const t of w) this.perTable.set(t, (this.perTable.get(t) ?? 0) + 1);
    else if ('inserted' in w) this.perInsert.set(w.inserted, (this.perInsert.get(w.inserted) ?? 0) + 1);
    else {
      const set = this.perColumn.get(w.table) ?? new Map<string, number>();
      for (const c of w.columns) set.set(c, (set.get(c) ?? 0) + 1);
      this.perColumn.set(w.table, set);
    }
  }

  /** whether quietly() is compiling a statement now */
  isQuiet(): boolean {
    return this.quiet;
  }

  readonly plugin: KyselyPlugin = new WatchPlugin(this, watching(this, (w) => this.raise(w)));
}

/** A plugin that hands `onWrite` what each statement may have changed, once it ran and touched rows. */
function watching(watch: WriteWatch, onWrite: (w: Written) => void): KyselyPlugin {
  /** statements in flight: what each will raise once it has run */
  const pending = new WeakMap<object, Written>();
  return {
    transformQuery: ({ node, queryId }) => {
      const w = watch.isQuiet() ? [] : written(node);
      if (!Array.isArray(w) || w.length) pending.set(queryId, w);
      return node;
    },
    transformResult: async ({ result, queryId }): Promise<QueryResult<UnknownRow>> => {
      const w = pending.get(queryId);
      if (w) {
        pending.delete(queryId);
        // rows touched, or a driver that does not say: raise
        if (result.numAffectedRows === undefined || result.numAffectedRows > 0n) onWrite(w);
      }
      return result;
    },
  };
}

/** The plugin connect() installs; it names its watch, so any handle derived from the connection finds it. */
class WatchPlugin implements KyselyPlugin {
  constructor(
    readonly watch: WriteWatch,
    private readonly hooks: KyselyPlugin,
  ) {}
  transformQuery: KyselyPlugin['transformQuery'] = (a) => this.hooks.transformQuery(a);
  transformResult: KyselyPlugin['transformResult'] = (a) => this.hooks.transformResult(a);
}

/** `db.transaction().execute(fn)`, with what it wrote raised again after the commit (WriteWatch.recorder). */
export async function transaction<DB, T>(db: Kysely<DB>, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  const watch = watchOf(db);
  if (!watch) return db.transaction().execute(fn);
  const raised: Written[] = [];
  const result = await db.transaction().execute((trx) => fn(trx.withPlugin(watch.recorder(raised))));
  watch.raiseAll(raised);
  return result;
}

/**
 * The watch of the connection a handle comes from; none inside a transaction (a change reads what it depends on
 * fresh, under its locks) or for a handle made without connect().
 */
export function watchOf(db: Kysely<never> | Kysely<any>): WriteWatch | undefined {
  if (db.isTransaction) return undefined;
  for (const p of db.getExecutor().plugins) if (p instanceof WatchPlugin) return p.watch;
  return undefined;
}

export type ColumnsRead = Readonly<Record<string, readonly string[] | '*'>>;

export interface CopiesOptions {
  /**
   * every column the read depends on (what it selects, filters and joins by), per table; '*' for a read that also
   * depends on which rows there are (the newest version, whether one exists): then a new row makes it stale too;
   * 'any' for a read that depends on so much that any write of this process makes it stale (the to-do list)
   */
  columns: ColumnsRead | 'any';
  /** how long a copy may be used at most (another process's writes are not seen) */
  ttlMs: number;
  /** how many copies at most (the oldest goes first) */
  max: number;
}

/**
 * What one kind of read found, kept per key for at most ttlMs and while this process wrote none of the columns
 * it depends on. A copy is taken only of what `keep` accepts (a session that is still valid, say), so a copy
 * only ever confirms what the database said a moment ago; anything else is read again.
 */
export class Copies<V> {
  private readonly map = new Map<string, { value: V; generation: number; readAt: number }>();
  /** generation() of this kind's columns, as of watch.writes = seenWrites */
  private seenWrites = -1;
  private seenGeneration = 0;
  constructor(
    private readonly watch: WriteWatch,
    private readonly opts: CopiesOptions,
  ) {}

  private generation(): number {
    const { columns } = this.opts;
    if (columns === 'any') return this.watch.writes;
    if (this.watch.writes !== this.seenWrites) {
      this.seenWrites = this.watch.writes;
      this.seenGeneration = this.watch.generation(columns);
    }
    return this.seenGeneration;
  }

  /** reads under way, per key: a request that finds one begun since the last write waits for it instead */
  private readonly loading = new Map<string, { generation: number; value: Promise<V> }>();

  async get(key: string, load: () => Promise<V>, keep: (v: V) => boolean = () => true, now = Date.now()): Promise<V> {
    const c = this.map.get(key);
    if (c && c.generation === this.generation() && now - c.readAt < this.opts.ttlMs && keep(c.value)) return c.value;
    // noted before the read: a write that lands while it runs leaves the copy stale
    const generation = this.generation();
    // many requests that miss at once (a copy just expired, 200 connections) make one read, not 200
    const pending = this.loading.get(key);
    if (pending && pending.generation === generation) return pending.value;
    const reading = load();
    this.loading.set(key, { generation, value: reading });
    try {
      const value = await reading;
      this.map.delete(key);
      if (keep(value)) {
        if (this.map.size >= this.opts.max) this.map.delete(this.map.keys().next().value!);
        this.map.set(key, { value, generation, readAt: now });
      }
      return value;
    } finally {
      if (this.loading.get(key)?.value === reading) this.loading.delete(key);
    }
  }
}
