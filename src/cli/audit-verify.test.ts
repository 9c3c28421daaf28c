/** `kaoping audit verify`: reads the server's database (DATABASE_URL / DATA_DIR) and walks the audit hash chain. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../server/db/connection';
import { migrateToLatest } from '../server/db/migrate';
import { writeAudit } from '../server/core/audit';
import { run, type Io } from './main';

const root = resolve(fileURLToPath(import.meta.url), '..', '..', '..');
const bin = join(root, 'bin', 'kaoping.mjs');
let dir: string;
let file: string;
const saved = { DATABASE_URL: process.env.DATABASE_URL, DATA_DIR: process.env.DATA_DIR };

function capture(): Io & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', out: (s: string) => void (io.stdout += s), err: (s: string) => void (io.stderr += s) };
  return io;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kaoping-audit-'));
  file = join(dir, 'kaoping.sqlite');
  const db = connect({ url: file });
  await migrateToLatest(db);
  for (let i = 0; i < 3; i++) {
    await writeAudit(db.db, { userId: null, username: 'admin', role: 'sysadmin', ip: '127.0.0.1', userAgent: null, method: 'POST', path: '/api/users' }, { action: 'user.create', entityType: 'user', entityId: i + 1 });
  }
  await db.close();
  delete process.env.DATABASE_URL;
  process.env.DATA_DIR = dir; // like the server: DATA_DIR/kaoping.sqlite
});

afterAll(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('kaoping audit verify', () => {
  it('reports an intact chain with exit code 0', async () => {
    const io = capture();
    expect(await run(['audit', 'verify'], io)).toBe(0);
    expect(io.stdout).toBe('审计日志哈希链完整：共3条\n');
  });

  it('names the first broken row with exit code 1, also as the installed command', async () => {
    const db = connect({ url: file });
    await sql`DROP TRIGGER audit_log_no_update`.execute(db.db);
    const second = await db.db.selectFrom('audit_log').select('id').where('seq', '=', 2).executeTakeFirstOrThrow();
    await db.db.updateTable('audit_log').set({ username: 'someone-else' }).where('id', '=', second.id).execute();
    await db.close();
    const io = capture();
    expect(await run(['audit', 'verify'], io)).toBe(1);
    expect(io.stderr).toBe(`第一处断裂：第${second.id}条（内容与哈希不符，记录被改动）\n`);

    const p = spawnSync(process.execPath, [bin, 'audit', 'verify'], { env: { ...process.env, DATABASE_URL: file }, encoding: 'utf8', cwd: root });
    expect(p.status).toBe(1);
    expect(p.stderr).toContain(`第一处断裂：第${second.id}条`);
  });

  it('exits 2 with a Chinese message for a missing database or a wrong subcommand', async () => {
    const io = capture();
    process.env.DATABASE_URL = join(dir, 'nowhere.sqlite');
    try {
      expect(await run(['audit', 'verify'], io)).toBe(2);
    } finally {
      delete process.env.DATABASE_URL;
    }
    expect(io.stderr).toContain(`数据库文件「${join(dir, 'nowhere.sqlite')}」不存在`);
    const io2 = capture();
    expect(await run(['audit', 'check'], io2)).toBe(2);
    expect(io2.stderr).toContain('用法：kaoping audit verify');
  });
});
