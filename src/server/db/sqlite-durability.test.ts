/**
 * A save the user saw answered survives a power loss: the SQLite connection commits with synchronous = FULL on
 * every start. better-sqlite3 is built with SQLITE_DEFAULT_WAL_SYNCHRONOUS=1, so a file that is already in WAL
 * mode opened at NORMAL (a commit could roll back after a power loss), while a new file, switched to WAL by us,
 * stayed at FULL: the first start and every restart kept different promises.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { connect } from './connection';

const synchronous = async (file: string) => {
  const c = connect({ url: file });
  try {
    return (await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(c.db)).rows[0].synchronous;
  } finally {
    await c.close();
  }
};

describe('SQLite durability', () => {
  it('commits with synchronous = FULL on a new file and on every reopening of it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-sync-'));
    try {
      const file = path.join(dir, 'kaoping.sqlite');
      expect(await synchronous(file)).toBe(2);
      expect(await synchronous(file)).toBe(2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
