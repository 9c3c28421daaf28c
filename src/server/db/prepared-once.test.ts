import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { preparedOnce } from './connection';

describe('preparedOnce (the SQLite statement cache)', () => {
  it('prepares each SQL text once and hands back the same statement', () => {
    const raw = new SQLite(':memory:');
    const db = preparedOnce(raw);
    const a = db.prepare('select 1 as x');
    const b = db.prepare('select 1 as x');
    expect(b).toBe(a);
    expect(db.prepare('select 2 as x')).not.toBe(a);
    expect((a.get() as { x: number }).x).toBe(1);
    db.close();
    expect(raw.open).toBe(false);
  });

  it('drops the least recently used text beyond its bound', () => {
    const db = preparedOnce(new SQLite(':memory:'), 2);
    const one = db.prepare('select 1');
    db.prepare('select 2');
    expect(db.prepare('select 1')).toBe(one); // used again: now the newest
    db.prepare('select 3'); // evicts "select 2"
    expect(db.prepare('select 1')).toBe(one);
    const two = db.prepare('select 2');
    expect(db.prepare('select 2')).toBe(two);
    expect(db.prepare('select 3')).not.toBeUndefined();
  });

  it('a cached statement still runs after the schema changed under it', () => {
    const db = preparedOnce(new SQLite(':memory:'));
    db.prepare('create table t (a integer)').run();
    db.prepare('insert into t (a) values (?)').run(1);
    const read = db.prepare('select * from t');
    expect(read.all()).toEqual([{ a: 1 }]);
    db.prepare('alter table t add column b text').run();
    db.prepare('update t set b = ?').run('x');
    expect(db.prepare('select * from t')).toBe(read);
    expect(read.all()).toEqual([{ a: 1, b: 'x' }]);
  });
});
