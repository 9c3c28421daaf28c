/**
 * The SQLite connection's durability is set, not left to the build: WAL with synchronous = NORMAL on every start
 * (connection.ts says why). better-sqlite3 is built with SQLITE_DEFAULT_WAL_SYNCHRONOUS=1, and PRAGMA synchronous
 * read FULL on a file this process had just made, NORMAL on every reopening: the setting reported depended on whether
 * the file was new.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { connect } from './connection';

const settings = async (file: string) => {
  const c = connect({ url: file });
  try {
    const journal = (await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(c.db)).rows[0].journal_mode;
    const synchronous = (await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(c.db)).rows[0].synchronous;
    return { journal, synchronous };
  } finally {
    await c.close();
  }
};

describe('SQLite durability', () => {
  it('runs WAL with synchronous = NORMAL (1) on a new file and on every reopening of it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-sync-'));
    try {
      const file = path.join(dir, 'kaoping.sqlite');
      expect(await settings(file)).toEqual({ journal: 'wal', synchronous: 1 });
      expect(await settings(file)).toEqual({ journal: 'wal', synchronous: 1 });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
