/**
 * Which columns this process has written: counters raised by every statement that changes rows which were
 * already there — an UPDATE raises the columns it sets; a DELETE, an INSERT that upserts or a MERGE the whole
 * table; raw SQL that writes and schema changes everything at once. A plain INSERT raises nothing: a new row
 * cannot make a copy of an existing row stale.
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
  type KyselyPlugin,
  type OperationNode,
  type QueryResult,
  type RootOperationNode,
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
type Written = string[] | { table: string; columns: string[] } | 'all';

function written(node: RootOperationNode): Written {
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
    if (!node.onConflict && !node.onDuplicateKey && !node.replace) return [];
    const t = tableName(node.into);
    return t ? [t] : 'all';
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
  private everything = 0;
  /** statements in flight: what each will raise once it has run */
  private readonly pending = new WeakMap<object, Written>();
  /** set while quietly() compiles a statement */
  private quiet = false;

  /** A number that changes whenever this process may have changed one of these columns (table → columns read). */
  generation(read: Readonly<Record<string, readonly string[]>>): number {
    let n = this.everything;
    for (const [t, columns] of Object.entries(read)) {
      n += this.perTable.get(t) ?? 0;
      const set = this.perColumn.get(t);
      if (set) for (const c of columns) n += set.get(c) ?? 0;
    }
    return n;
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

  private raise(w: Written): void {
    if (w === 'all') this.everything += 1;
    else if (Array.isArray(w)) for (const t of w) this.perTable.set(t, (this.perTable.get(t) ?? 0) + 1);
    else {
      const set = this.perColumn.get(w.table) ?? new Map<string, number>();
      for (const c of w.columns) set.set(c, (set.get(c) ?? 0) + 1);
      this.perColumn.set(w.table, set);
    }
  }

  readonly plugin: KyselyPlugin = {
    transformQuery: ({ node, queryId }) => {
      const w = this.quiet ? [] : written(node);
      if (!Array.isArray(w) || w.length) this.pending.set(queryId, w);
      return node;
    },
    transformResult: async ({ result, queryId }): Promise<QueryResult<UnknownRow>> => {
      const w = this.pending.get(queryId);
      if (w) {
        this.pending.delete(queryId);
        // rows touched, or a driver that does not say: raise
        if (result.numAffectedRows === undefined || result.numAffectedRows > 0n) this.raise(w);
      }
      return result;
    },
  };
}
