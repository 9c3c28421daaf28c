/**
 * The one locking rule, on both databases (issue 8 §6): a change reads every precondition it depends on
 * (a submission's lock, completeness, a workflow state, a version) inside its own transaction, after taking
 * the lock on the row that serialises it — `SELECT … FOR UPDATE` (or `FOR SHARE` for a row it only reads,
 * such as the cycle's phase) written plainly with Kysely's `.forUpdate()` / `.forShare()`. Lock order is
 * always cycle → submission / declaration / objection / scheme → score, so two changes never wait on each
 * other in a circle.
 *
 * PostgreSQL does exactly that. SQLite has no row locks and would reject the clause, so this dialect:
 * - starts every transaction with `BEGIN IMMEDIATE`: the database's single write lock is taken at the start,
 *   so no other connection or process can write between a transaction's reads and its writes (Kysely's
 *   SqliteDialect begins with a deferred `BEGIN`, which would let another process in between);
 * - compiles `FOR UPDATE` / `FOR SHARE` (and friends) to nothing: under that write lock they add nothing.
 * Within one process Kysely already runs SQLite statements one at a time on its single connection.
 */
import {
  CompiledQuery,
  SqliteDialect,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Driver,
  type QueryCompiler,
  type SelectQueryNode,
  type TransactionSettings,
} from 'kysely';

const ROW_LOCKS = new Set(['ForUpdate', 'ForNoKeyUpdate', 'ForShare', 'ForKeyShare', 'NoWait', 'SkipLocked']);

class NoRowLockCompiler extends SqliteQueryCompiler {
  protected override visitSelectQuery(node: SelectQueryNode): void {
    const endModifiers = node.endModifiers?.filter((m) => !(m.modifier && ROW_LOCKS.has(m.modifier)));
    super.visitSelectQuery({ ...node, endModifiers });
  }
}

/** Delegates everything to Kysely's SQLite driver except how a transaction begins. */
class ImmediateDriver implements Driver {
  constructor(private readonly inner: Driver) {}
  init() {
    return this.inner.init();
  }
  acquireConnection() {
    return this.inner.acquireConnection();
  }
  async beginTransaction(connection: DatabaseConnection, _settings: TransactionSettings): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
  commitTransaction(connection: DatabaseConnection) {
    return this.inner.commitTransaction(connection);
  }
  rollbackTransaction(connection: DatabaseConnection) {
    return this.inner.rollbackTransaction(connection);
  }
  savepoint(...args: Parameters<NonNullable<Driver['savepoint']>>) {
    return this.inner.savepoint!(...args);
  }
  rollbackToSavepoint(...args: Parameters<NonNullable<Driver['rollbackToSavepoint']>>) {
    return this.inner.rollbackToSavepoint!(...args);
  }
  releaseSavepoint(...args: Parameters<NonNullable<Driver['releaseSavepoint']>>) {
    return this.inner.releaseSavepoint!(...args);
  }
  releaseConnection(connection: DatabaseConnection) {
    return this.inner.releaseConnection(connection);
  }
  destroy() {
    return this.inner.destroy();
  }
}

/** Kysely's SqliteDialect with `BEGIN IMMEDIATE` transactions and row-lock clauses compiled away. */
export class ImmediateSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    return new ImmediateDriver(super.createDriver());
  }
  override createQueryCompiler(): QueryCompiler {
    return new NoRowLockCompiler();
  }
}
