/**
 * Backup and restore (`npx kaoping backup [file]`, `npx kaoping restore <file>`).
 *
 * One zip archive holds:
 *   manifest.json        format, version, dialect, schema, time, and every other entry with its size and SHA-256
 *   db/kaoping.sqlite    SQLite: a consistent copy made with SQLite's online backup (the server may keep running)
 *   db/dump.sql          PostgreSQL: `pg_dump` of the schema (plain SQL, no owners or grants)
 *   evidence/…           the evidence files (佐证材料), as stored under <DATA_DIR>/evidence
 *
 * Restore reads the whole archive and checks every entry against the manifest (and the manifest against the
 * archive) before it changes anything; a damaged or foreign archive is refused with a Chinese message.
 * Then it replaces the database (SQLite: the file; PostgreSQL: the schema, in one transaction) and the evidence
 * folder. Stop the server before restoring.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import JSZip from 'jszip';

export const BACKUP_FORMAT = 'kaoping-backup';
export const BACKUP_VERSION = 1;

/** What to back up or restore into: the same settings the server reads (DATABASE_URL, DATA_DIR). */
export interface BackupTarget {
  databaseUrl: string;
  dataDir: string;
  /** PostgreSQL: the schema holding the tables (default public) */
  schema?: string;
}

export interface ManifestEntry {
  path: string;
  size: number;
  sha256: string;
}

export interface Manifest {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  dialect: 'sqlite' | 'postgres';
  schema?: string;
  entries: ManifestEntry[];
}

/** A refusal someone must act on: the message says what is wrong and what to do, in Chinese. */
export class BackupError extends Error {}

const isPostgres = (url: string) => /^postgres(ql)?:\/\//.test(url);
const sqliteFile = (url: string) => url.replace(/^sqlite:(\/\/)?/, '');
const sha256 = (buf: Buffer) => crypto.createHash('sha256').update(buf).digest('hex');
const EVIDENCE = 'evidence';
const SAFE_SCHEMA = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

function pgSchema(target: BackupTarget): string {
  const schema = target.schema ?? 'public';
  if (!SAFE_SCHEMA.test(schema)) throw new BackupError(`模式名「${schema}」不合法：只能包含字母、数字和下划线`);
  return schema;
}

/** The connection string without its password (which goes in PGPASSWORD, so `ps` does not show it). */
function pgConnection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env: password ? { ...process.env, PGPASSWORD: password } : process.env };
}

/** Run a PostgreSQL client tool; its error output becomes part of a Chinese message. */
function runTool(cmd: string, args: string[], opts: { stdoutTo?: string; env?: NodeJS.ProcessEnv } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', opts.stdoutTo ? 'pipe' : 'ignore', 'pipe'], env: opts.env ?? process.env });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    const out = opts.stdoutTo ? fs.createWriteStream(opts.stdoutTo) : null;
    if (out) child.stdout!.pipe(out);
    child.on('error', (e) =>
      reject(
        new BackupError(
          (e as NodeJS.ErrnoException).code === 'ENOENT'
            ? `找不到 PostgreSQL 客户端工具 ${cmd}：请安装与数据库版本相符的 postgresql-client`
            : `无法运行 ${cmd}：${e.message}`,
        ),
      ),
    );
    child.on('close', (code) => {
      const done = () => (code === 0 ? resolve() : reject(new BackupError(`${cmd} 执行失败（退出码${code}）：${stderr.trim().split('\n').slice(-3).join(' ')}`)));
      if (out && !out.closed) out.on('close', done);
      else done();
    });
  });
}

/** Every file under dir, as paths relative to it (sorted, '/'-separated); the upload staging folder is left out. */
async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(rel: string) {
    let entries: fs.Dirent[];
    try {
      entries = await fsp.readdir(path.join(dir, rel), { withFileTypes: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw e;
    }
    for (const e of entries) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (r !== 'tmp') await walk(r);
      } else if (e.isFile()) out.push(r);
    }
  }
  await walk('');
  return out.sort();
}

export function defaultBackupName(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `kaoping-backup-${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}.zip`;
}

/** Write one archive with a consistent database copy and the evidence files. */
export async function createBackup(target: BackupTarget, file: string): Promise<Manifest> {
  const work = await fsp.mkdtemp(path.join(os.tmpdir(), 'kaoping-backup-'));
  try {
    const zip = new JSZip();
    const entries: ManifestEntry[] = [];
    const add = (p: string, data: Buffer) => {
      zip.file(p, data);
      entries.push({ path: p, size: data.length, sha256: sha256(data) });
    };
    let dialect: Manifest['dialect'];
    let schema: string | undefined;
    if (isPostgres(target.databaseUrl)) {
      dialect = 'postgres';
      schema = pgSchema(target);
      const dump = path.join(work, 'dump.sql');
      const pgc = pgConnection(target.databaseUrl);
      await runTool('pg_dump', ['--dbname', pgc.dbname, '--schema', schema, '--no-owner', '--no-privileges', '--encoding', 'UTF8'], { stdoutTo: dump, env: pgc.env });
      add('db/dump.sql', await fsp.readFile(dump));
    } else {
      dialect = 'sqlite';
      const dbFile = sqliteFile(target.databaseUrl);
      if (dbFile === ':memory:' || !fs.existsSync(dbFile)) throw new BackupError(`找不到数据库文件「${dbFile}」：请检查 DATA_DIR 或 DATABASE_URL`);
      const src = new SQLite(dbFile, { readonly: true, fileMustExist: true });
      try {
        // SQLite's online backup: a consistent copy even while the server writes
        await src.backup(path.join(work, 'kaoping.sqlite'));
      } finally {
        src.close();
      }
      add('db/kaoping.sqlite', await fsp.readFile(path.join(work, 'kaoping.sqlite')));
    }
    const evidenceDir = path.join(target.dataDir, EVIDENCE);
    for (const rel of await listFiles(evidenceDir)) add(`${EVIDENCE}/${rel}`, await fsp.readFile(path.join(evidenceDir, rel)));

    const manifest: Manifest = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: new Date().toISOString(),
      dialect,
      ...(schema ? { schema } : {}),
      entries,
    };
    zip.file('manifest.json', JSON.stringify(manifest, null, 2));
    const tmp = `${file}.partial`;
    await fsp.mkdir(path.dirname(path.resolve(file)), { recursive: true });
    await fsp.writeFile(tmp, sealArchive(await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } })));
    await fsp.rename(tmp, file);
    return manifest;
  } finally {
    await fsp.rm(work, { recursive: true, force: true });
  }
}

const DAMAGED = '备份文件已损坏或不是考评备份文件，未做任何更改';

/**
 * The archive's seal: the zip comment (the last bytes of the file) is the SHA-256 of everything before it, so a
 * byte changed anywhere, even in zip bookkeeping that no entry's checksum covers, is noticed.
 */
const SEAL_PREFIX = 'kaoping-sha256:';
const SEAL_LENGTH = SEAL_PREFIX.length + 64;

export function sealArchive(zip: Buffer): Buffer {
  // a zip without a comment ends with the end-of-central-directory record, whose last field is the comment length
  if (zip.readUInt16LE(zip.length - 2) !== 0 || zip.readUInt32LE(zip.length - 22) !== 0x06054b50) throw new Error('unexpected zip layout');
  const body = zip.subarray(0, zip.length - 2);
  const length = Buffer.alloc(2);
  length.writeUInt16LE(SEAL_LENGTH);
  return Buffer.concat([body, length, Buffer.from(SEAL_PREFIX + sha256(body), 'latin1')]);
}

function sealHolds(buf: Buffer): boolean {
  if (buf.length < 22 + SEAL_LENGTH) return false;
  const comment = buf.subarray(buf.length - SEAL_LENGTH).toString('latin1');
  return (
    comment.startsWith(SEAL_PREFIX) &&
    buf.readUInt16LE(buf.length - SEAL_LENGTH - 2) === SEAL_LENGTH &&
    sha256(buf.subarray(0, buf.length - SEAL_LENGTH - 2)) === comment.slice(SEAL_PREFIX.length)
  );
}

/** Read an archive and check it completely against its manifest; nothing is written. */
export async function verifyBackup(file: string): Promise<{ manifest: Manifest; files: Map<string, Buffer> }> {
  let buf: Buffer;
  try {
    buf = await fsp.readFile(file);
  } catch (e) {
    throw new BackupError(`无法读取备份文件「${file}」（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）`);
  }
  if (!sealHolds(buf)) throw new BackupError(`${DAMAGED}（整个文件的 SHA-256 校验值不符，文件可能被截断或改动）`);
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(buf, { checkCRC32: true });
  } catch (e) {
    throw new BackupError(`${DAMAGED}（无法解开：${(e as Error).message}）`);
  }
  const files = new Map<string, Buffer>();
  try {
    for (const [name, entry] of Object.entries(zip.files)) if (!entry.dir) files.set(name, await entry.async('nodebuffer'));
  } catch (e) {
    throw new BackupError(`${DAMAGED}（内容无法读出：${(e as Error).message}）`);
  }
  const raw = files.get('manifest.json');
  if (!raw) throw new BackupError(`${DAMAGED}（缺少 manifest.json）`);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new BackupError(`${DAMAGED}（manifest.json 不是合法的 JSON）`);
  }
  if (manifest?.format !== BACKUP_FORMAT || !Array.isArray(manifest.entries)) throw new BackupError(`${DAMAGED}（不是考评备份清单）`);
  if (manifest.version !== BACKUP_VERSION) throw new BackupError(`备份格式版本${manifest.version}不受支持（本程序支持版本${BACKUP_VERSION}），未做任何更改`);
  const listed = new Set<string>();
  for (const e of manifest.entries) {
    if (typeof e?.path !== 'string' || e.path.split('/').some((s) => s === '..' || s === '') || path.isAbsolute(e.path)) {
      throw new BackupError(`${DAMAGED}（清单中有不安全的路径「${String(e?.path)}」）`);
    }
    listed.add(e.path);
    const data = files.get(e.path);
    if (!data) throw new BackupError(`${DAMAGED}（缺少「${e.path}」）`);
    if (data.length !== e.size || sha256(data) !== e.sha256) throw new BackupError(`${DAMAGED}（「${e.path}」的 SHA-256 校验不符）`);
  }
  for (const name of files.keys()) if (name !== 'manifest.json' && !listed.has(name)) throw new BackupError(`${DAMAGED}（「${name}」不在清单中）`);
  const dbEntry = manifest.dialect === 'postgres' ? 'db/dump.sql' : manifest.dialect === 'sqlite' ? 'db/kaoping.sqlite' : null;
  if (!dbEntry || !listed.has(dbEntry)) throw new BackupError(`${DAMAGED}（缺少数据库副本）`);
  return { manifest, files };
}

/** Swap a new directory into place: the old one is kept until the new one is there, then removed. */
async function replaceDir(target: string, fresh: string): Promise<void> {
  const old = `${target}.old-${Date.now()}`;
  const had = fs.existsSync(target);
  if (had) await fsp.rename(target, old);
  try {
    await fsp.rename(fresh, target);
  } catch (e) {
    if (had) await fsp.rename(old, target);
    throw e;
  }
  if (had) await fsp.rm(old, { recursive: true, force: true });
}

/** Verify the archive, then replace the database and the evidence files with its contents. */
export async function restoreBackup(target: BackupTarget, file: string): Promise<Manifest> {
  const { manifest, files } = await verifyBackup(file);
  const targetDialect = isPostgres(target.databaseUrl) ? 'postgres' : 'sqlite';
  const label = { sqlite: 'SQLite', postgres: 'PostgreSQL' };
  if (manifest.dialect !== targetDialect) {
    throw new BackupError(`这是 ${label[manifest.dialect]} 数据库的备份，不能恢复到 ${label[targetDialect]} 数据库，未做任何更改`);
  }
  const schema = targetDialect === 'postgres' ? pgSchema(target) : undefined;
  if (schema && manifest.schema !== schema) {
    throw new BackupError(`备份来自模式「${manifest.schema}」，当前目标是模式「${schema}」：请用「--schema ${manifest.schema}」恢复，未做任何更改`);
  }

  // Stage the evidence next to its final place (same file system, so the swap is a rename).
  await fsp.mkdir(target.dataDir, { recursive: true });
  const staged = await fsp.mkdtemp(path.join(target.dataDir, '.restore-'));
  try {
    const evidenceStage = path.join(staged, EVIDENCE);
    await fsp.mkdir(evidenceStage, { recursive: true });
    for (const e of manifest.entries) {
      if (!e.path.startsWith(`${EVIDENCE}/`)) continue;
      const dest = path.join(staged, e.path);
      await fsp.mkdir(path.dirname(dest), { recursive: true });
      await fsp.writeFile(dest, files.get(e.path)!);
    }

    if (targetDialect === 'postgres') {
      const sqlFile = path.join(staged, 'restore.sql');
      // Drop the whole schema first (tables added since the backup too), then the dump recreates it; one
      // transaction, so a failure leaves the database as it was.
      await fsp.writeFile(sqlFile, Buffer.concat([Buffer.from(`DROP SCHEMA IF EXISTS "${schema}" CASCADE;\n`), files.get('db/dump.sql')!]));
      const pgc = pgConnection(target.databaseUrl);
      await runTool('psql', ['--dbname', pgc.dbname, '--no-psqlrc', '--quiet', '--single-transaction', '--set', 'ON_ERROR_STOP=1', '--file', sqlFile], { env: pgc.env });
    } else {
      const dbFile = path.resolve(sqliteFile(target.databaseUrl));
      await fsp.mkdir(path.dirname(dbFile), { recursive: true });
      const tmp = `${dbFile}.restore-${process.pid}`;
      await fsp.writeFile(tmp, files.get('db/kaoping.sqlite')!);
      const check = new SQLite(tmp, { readonly: true });
      let ok: unknown;
      try {
        ok = check.pragma('integrity_check', { simple: true });
      } finally {
        check.close();
      }
      if (ok !== 'ok') {
        await fsp.rm(tmp, { force: true });
        throw new BackupError(`备份中的 SQLite 数据库未通过完整性检查（${String(ok)}），未做任何更改`);
      }
      // the old file's write-ahead log belongs to the old data
      for (const suffix of ['-wal', '-shm']) await fsp.rm(`${dbFile}${suffix}`, { force: true });
      await fsp.rename(tmp, dbFile);
    }
    await replaceDir(path.join(target.dataDir, EVIDENCE), evidenceStage);
    return manifest;
  } finally {
    await fsp.rm(staged, { recursive: true, force: true });
  }
}
