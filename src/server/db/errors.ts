import { AppError, conflict } from '../core/errors';

const UNIQUE_CODES = new Set(['23505', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);
const UNIQUE_MESSAGE = /UNIQUE constraint failed|duplicate key value violates unique constraint/;

/**
 * Whether an insert or update hit a unique key (or primary key), the same question asked of SQLite and
 * PostgreSQL: by the driver's code, or, for an error that lost its code on the way, by the driver's message.
 * The only definition in the code base; use it, do not write another.
 */
export function isUniqueViolation(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { code?: unknown; message?: unknown };
  if (typeof e.code === 'string' && UNIQUE_CODES.has(e.code)) return true;
  return typeof e.message === 'string' && UNIQUE_MESSAGE.test(e.message);
}

/**
 * Runs `work`; when it hits a unique key, `recover` answers instead: it reads the row that won and either returns
 * what the caller would have returned had it come second (the same thing already there: nothing to add) or throws
 * the caller's error. Any other error passes unchanged. On PostgreSQL the violation has ended the transaction, so
 * `recover` reads outside it. The one place a command catches a unique violation (the error handler answers any other with
 * duplicateConflict).
 */
export async function recoverDuplicate<T>(work: () => Promise<T>, recover: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (isUniqueViolation(e)) return await recover();
    throw e;
  }
}

/**
 * What the person hears when a unique key is hit by a race that no command foresaw (no onDuplicate around it): the
 * transaction is rolled back, so nothing is half saved and the row that won stays; the answer is a conflict to look at
 * again, not a 500. The error handler (app.ts) gives it, and logs the error, because each command should say what and
 * who won (onDuplicate with personAt), as every known race does.
 */
export const UNFORESEEN_DUPLICATE = '同一内容刚刚已由他人（或您在其他窗口）同时保存，您的这次操作未保存；请刷新页面查看后再试';

/** The 409 for a unique violation nobody caught (UNFORESEEN_DUPLICATE), or null for any other error. */
export const duplicateConflict = (err: unknown): AppError | null => (isUniqueViolation(err) ? conflict(UNFORESEEN_DUPLICATE) : null);

/**
 * Runs `work`; when it hits a unique key, the caller's own error is thrown instead (usually a 409 that says who
 * got there first), built only then (it may read the row that won). Any other error passes unchanged.
 */
export const onDuplicate = <T>(work: () => Promise<T>, error: () => AppError | Promise<AppError>): Promise<T> =>
  recoverDuplicate(work, async () => {
    throw await error();
  });

/**
 * Faults of the database or the data directory that are nobody's mistake and pass by themselves (or need an
 * administrator): each becomes a 503 with a Chinese message, never a 500 and never a crashed process.
 *  - busy:        SQLite is write-locked by another process (SQLITE_BUSY / SQLITE_LOCKED), or PostgreSQL rolled the
 *                 transaction back as a deadlock's victim (its whole change undone; the person tries again)
 *  - storage:     the data directory or database file cannot be written (read-only, full, I/O error)
 *  - unavailable: PostgreSQL cannot be reached or dropped the connection (restart, failover, terminated backend)
 */
export type DbFaultKind = 'busy' | 'storage' | 'unavailable';

export const DB_FAULT_MESSAGES: Record<DbFaultKind, string> = {
  busy: '系统繁忙，请稍后重试',
  storage: '数据目录不可写或磁盘空间已满，暂时无法保存；请联系系统管理员检查数据目录的权限与磁盘空间',
  unavailable: '数据库暂时不可用，请稍后重试',
};

const SQLITE_BUSY = /^SQLITE_(BUSY|LOCKED)/;
const SQLITE_STORAGE = /^SQLITE_(READONLY|FULL|IOERR|CANTOPEN|CORRUPT|NOTADB)/;
const FS_STORAGE = new Set(['EROFS', 'ENOSPC', 'EDQUOT', 'EIO', 'EACCES', 'EPERM', 'ENOTDIR']);
const NET = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'EAI_AGAIN']);
// PostgreSQL SQLSTATEs: class 08 (connection exception), 57P01–57P03 (admin/crash shutdown, cannot connect now),
// 53300 (too many connections).
const PG_UNAVAILABLE = /^(08\d{3}|57P0[1-3]|53300)$/;
// PostgreSQL SQLSTATEs of a transaction aborted because it met others at the same moment, nobody's mistake and gone
// on a retry: 40P01 (deadlock detected, the victim rolled back), 40001 (serialization failure), 55P03 (lock not available)
const PG_BUSY = /^(40P01|40001|55P03)$/;
// node-postgres reports a dropped socket or a pool timeout without a code.
const PG_MESSAGES = /Connection terminated|connection error|not queryable|timeout exceeded when trying to connect|Client was closed/i;

/** What kind of database/storage fault this error is, or null for anything else. */
export function classifyDbFault(err: unknown): DbFaultKind | null {
  if (!err || typeof err !== 'object') return null;
  const e = err as { code?: unknown; message?: unknown; errno?: unknown; syscall?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  if (SQLITE_BUSY.test(code) || PG_BUSY.test(code)) return 'busy';
  if (SQLITE_STORAGE.test(code)) return 'storage';
  if (PG_UNAVAILABLE.test(code) || NET.has(code)) return 'unavailable';
  // file system errors from the data directory (evidence files, the SQLite file's folder)
  if (FS_STORAGE.has(code) && typeof e.syscall === 'string') return 'storage';
  if (code === 'ENOSPC' || code === 'EROFS') return 'storage';
  if (!code && typeof e.message === 'string' && PG_MESSAGES.test(e.message)) return 'unavailable';
  // AggregateError (e.g. a host name with several addresses, all refused), or a wrapped cause (a failed migration)
  const inner = (err as { errors?: unknown[] }).errors;
  if (Array.isArray(inner)) for (const i of inner) if (classifyDbFault(i)) return classifyDbFault(i);
  const cause = (err as { cause?: unknown }).cause;
  return cause && cause !== err ? classifyDbFault(cause) : null;
}

/** The 503 for a database/storage fault, or null when the error is something else. */
export function dbFaultError(err: unknown): AppError | null {
  const kind = classifyDbFault(err);
  return kind ? new AppError(503, kind === 'busy' ? 'busy' : kind === 'storage' ? 'storage_unavailable' : 'database_unavailable', DB_FAULT_MESSAGES[kind]) : null;
}
