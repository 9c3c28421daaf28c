/**
 * Backup and restore on both databases: back up, change data (a new user, a new evidence file), refuse a
 * damaged or tampered archive without touching anything, restore, and find every table and evidence file as
 * it was at backup time.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../cli/main';
import { connect, type Db, type DialectName } from '../db/connection';
import { migrateToLatest } from '../db/migrate';
import { seedIfEmpty } from '../seed/seed';
import { freshDb, ownTables, TEST_PASSWORD, testDialects } from '../test/helpers';
import { BackupError, createBackup, restoreBackup, sealArchive, verifyBackup, type BackupTarget } from './backup';

async function tables(db: Db): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  const names = [...(await ownTables(db)).keys()];
  // a comparison of no tables would pass whatever the restore did
  if (!names.includes('app_user') || !names.includes('audit_log')) throw new Error(`tables not found: ${names.join(', ')}`);
  for (const name of names) {
    const rows = await db.db.selectFrom(name as never).selectAll().execute();
    out[name] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

function evidenceFiles(dataDir: string): Record<string, string> {
  const root = path.join(dataDir, 'evidence');
  const out: Record<string, string> = {};
  if (!fs.existsSync(root)) return out;
  for (const rel of fs.readdirSync(root, { recursive: true }) as string[]) {
    const p = path.join(root, rel);
    if (fs.statSync(p).isFile()) out[rel.split(path.sep).join('/')] = crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex');
  }
  return out;
}

function storeEvidence(dataDir: string, content: string): string {
  const sha = crypto.createHash('sha256').update(content).digest('hex');
  const p = path.join(dataDir, 'evidence', sha.slice(0, 2), sha);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, content);
  return sha;
}

async function addUser(db: Db, username: string) {
  const office = await db.db.selectFrom('app_user').selectAll().where('username', '=', 'office').executeTakeFirstOrThrow();
  const { id: _id, ...rest } = office;
  await db.db.insertInto('app_user').values({ ...rest, username, display_name: '备份后新建' }).execute();
}

describe.each(testDialects())('backup and restore on %s', (dialect: DialectName) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-backup-test-'));
  const dataDir = path.join(dir, 'data');
  const archive = path.join(dir, 'backup.zip');
  let db: Db;
  let target: BackupTarget;
  let before: { tables: Record<string, string[]>; files: Record<string, string> };

  const reopen = async () => {
    // SQLite: the restore replaces the file, so the connection is closed around it (as the server must be stopped)
    if (dialect === 'sqlite') db = connect({ url: target.databaseUrl });
  };

  beforeAll(async () => {
    if (dialect === 'sqlite') {
      target = { databaseUrl: path.join(dataDir, 'kaoping.sqlite'), dataDir };
      db = connect({ url: target.databaseUrl });
      await migrateToLatest(db);
    } else {
      db = await freshDb('postgres');
      target = { databaseUrl: process.env.TEST_DATABASE_URL!, dataDir, schema: db.schema };
    }
    await seedIfEmpty(db.db, { demo: true, demoPassword: TEST_PASSWORD, assessment: false });
    storeEvidence(dataDir, '%PDF-1.4 第一份佐证材料');
    storeEvidence(dataDir, '%PDF-1.4 第二份佐证材料');
  });
  afterAll(async () => {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes one archive with the database, the evidence files and a manifest of SHA-256 sums', async () => {
    before = { tables: await tables(db), files: evidenceFiles(dataDir) };
    expect(before.tables.app_user.length).toBeGreaterThan(5);
    expect(Object.keys(before.files)).toHaveLength(2);
    const manifest = await createBackup(target, archive);
    expect(manifest).toMatchObject({ format: 'kaoping-backup', version: 1, dialect });
    const paths = manifest.entries.map((e) => e.path);
    expect(paths).toContain(dialect === 'sqlite' ? 'db/kaoping.sqlite' : 'db/dump.sql');
    expect(paths.filter((p) => p.startsWith('evidence/')).sort()).toEqual(Object.keys(before.files).map((f) => `evidence/${f}`).sort());
    for (const e of manifest.entries.filter((e) => e.path.startsWith('evidence/'))) expect(e.sha256).toBe(path.basename(e.path));
    await expect(verifyBackup(archive)).resolves.toBeDefined();
  });

  it('refuses a damaged archive (one flipped byte) and a tampered one before replacing anything', async () => {
    await addUser(db, 'after-backup');
    storeEvidence(dataDir, '%PDF-1.4 备份之后上传的材料');
    const changed = { tables: await tables(db), files: evidenceFiles(dataDir) };
    expect(changed.tables.app_user).toHaveLength(before.tables.app_user.length + 1);
    expect(Object.keys(changed.files)).toHaveLength(3);

    const bytes = fs.readFileSync(archive);
    const damaged = path.join(dir, 'damaged.zip');
    // a byte in the data, in the zip's bookkeeping, in the seal itself
    for (const at of [Math.floor(bytes.length / 2), bytes.length - 120, bytes.length - 1]) {
      const copy = Buffer.from(bytes);
      copy[at] ^= 0xff;
      fs.writeFileSync(damaged, copy);
      const err = await restoreBackup(target, damaged).catch((e) => e);
      expect(err).toBeInstanceOf(BackupError);
      expect(err.message).toMatch(/^备份文件已损坏或不是考评备份文件，未做任何更改/);
    }
    // a well-formed zip whose evidence file was swapped: refused by the seal, and, sealed again, by the manifest
    const zip = await JSZip.loadAsync(bytes);
    const evidenceEntry = Object.keys(zip.files).find((n) => n.startsWith('evidence/') && !zip.files[n].dir)!;
    zip.file(evidenceEntry, 'not the original');
    (zip as unknown as { comment: string }).comment = ''; // loading kept the old seal as the zip comment
    const tampered = path.join(dir, 'tampered.zip');
    const rezipped = await zip.generateAsync({ type: 'nodebuffer' });
    fs.writeFileSync(tampered, rezipped);
    await expect(restoreBackup(target, tampered)).rejects.toThrow('整个文件的 SHA-256 校验值不符');
    fs.writeFileSync(tampered, sealArchive(rezipped));
    await expect(restoreBackup(target, tampered)).rejects.toThrow(`（「${evidenceEntry}」的 SHA-256 校验不符）`);

    // an intact archive of the other database kind, or of another schema, is refused too
    const elsewhere = dialect === 'sqlite' ? 'postgres://nobody@127.0.0.1:1/none' : path.join(dir, 'other.sqlite');
    await expect(restoreBackup({ ...target, databaseUrl: elsewhere }, archive)).rejects.toThrow(/数据库的备份，不能恢复到 .* 数据库，未做任何更改$/);
    if (dialect === 'postgres') await expect(restoreBackup({ ...target, schema: 'public' }, archive)).rejects.toThrow(/^备份来自模式「t_/);

    expect(await tables(db)).toEqual(changed.tables);
    expect(evidenceFiles(dataDir)).toEqual(changed.files);
  });

  it('restores the database and the evidence files to the state at backup time', async () => {
    if (dialect === 'sqlite') await db.close();
    await restoreBackup(target, archive);
    await reopen();
    expect(await tables(db)).toEqual(before.tables);
    expect(evidenceFiles(dataDir)).toEqual(before.files);
    const gone = await db.db.selectFrom('app_user').select('id').where('username', '=', 'after-backup').executeTakeFirst();
    expect(gone).toBeUndefined();
    // the restored database is a working one
    expect(await migrateToLatest(db)).toEqual([]);
    await addUser(db, 'after-restore');
  });
});

describe('kaoping backup / restore commands', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-backup-cli-'));
  const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
  const io = { stdout: '', stderr: '', out: (s: string) => void (io.stdout += s), err: (s: string) => void (io.stderr += s) };
  beforeAll(async () => {
    process.env.DATA_DIR = path.join(dir, 'data');
    delete process.env.DATABASE_URL;
    const db = connect({ url: path.join(dir, 'data', 'kaoping.sqlite') });
    await migrateToLatest(db);
    await seedIfEmpty(db.db, { demo: false, demoPassword: TEST_PASSWORD });
    await db.close();
  });
  afterAll(() => {
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
    else process.env[k] = v;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('backs up with the server settings, restores, and answers a damaged archive with exit 1 and a Chinese message', async () => {
    const file = path.join(dir, 'b.zip');
    expect(await run(['backup', file], io)).toBe(0);
    expect(io.stderr).toMatch(/^已写入备份「.*b\.zip」（SQLite，佐证材料0个文件）/);
    expect(await run(['restore', file], io)).toBe(0);
    expect(io.stderr).toMatch(/已从「.*b\.zip」恢复/);
    const bytes = fs.readFileSync(file);
    bytes[Math.floor(bytes.length / 2)] ^= 0xff;
    fs.writeFileSync(file, bytes);
    io.stderr = '';
    expect(await run(['restore', file], io)).toBe(1);
    expect(io.stderr).toMatch(/^恢复失败：备份文件已损坏或不是考评备份文件，未做任何更改/);
    io.stderr = '';
    expect(await run(['restore'], io)).toBe(2);
    expect(io.stderr).toMatch(/^缺少备份文件/);
    expect(await run(['restore', file, '--force'], io)).toBe(2);
  });
});
