import { describe, expect, it } from 'vitest';
import { conflict } from '../core/errors';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isUniqueViolation, onDuplicate, recoverDuplicate } from './errors';

describe('isUniqueViolation', () => {
  const err = (code: string | undefined, message = 'x') => Object.assign(new Error(message), code ? { code } : {});
  it('knows the unique and primary-key codes of both drivers', () => {
    expect(isUniqueViolation(err('23505'))).toBe(true);
    expect(isUniqueViolation(err('SQLITE_CONSTRAINT_UNIQUE'))).toBe(true);
    expect(isUniqueViolation(err('SQLITE_CONSTRAINT_PRIMARYKEY'))).toBe(true);
  });
  it('knows the drivers’ messages when the code is lost', () => {
    expect(isUniqueViolation(err(undefined, 'UNIQUE constraint failed: score.cycle_id'))).toBe(true);
    expect(isUniqueViolation(err(undefined, 'duplicate key value violates unique constraint "score_key"'))).toBe(true);
  });
  it('is false for other constraints and for non-errors', () => {
    expect(isUniqueViolation(err('23503'))).toBe(false);
    expect(isUniqueViolation(err('SQLITE_CONSTRAINT_FOREIGNKEY', 'FOREIGN KEY constraint failed'))).toBe(false);
    expect(isUniqueViolation(null)).toBe(false);
    expect(isUniqueViolation('duplicate key')).toBe(false);
  });
});

describe('onDuplicate', () => {
  const unique = () => Object.assign(new Error('UNIQUE constraint failed: work_plan.issuer_org_id'), { code: 'SQLITE_CONSTRAINT_UNIQUE' });
  it('answers the work’s own result and never builds the error when nothing collides', async () => {
    let built = 0;
    const value = await onDuplicate(
      async () => 7,
      () => {
        built += 1;
        return conflict('x');
      },
    );
    expect(value).toBe(7);
    expect(built).toBe(0);
  });
  it('turns a unique violation into the caller’s error, awaited when it reads the winner first', async () => {
    const e = await onDuplicate(
      () => Promise.reject(unique()),
      async () => conflict('本单位 2026 年度已有工作要点', { id: 3 }),
    ).catch((x: unknown) => x);
    expect(e).toMatchObject({ status: 409, message: '本单位 2026 年度已有工作要点', current: { id: 3 } });
  });
  it('passes any other error through unchanged', async () => {
    const other = Object.assign(new Error('FOREIGN KEY constraint failed'), { code: 'SQLITE_CONSTRAINT_FOREIGNKEY' });
    await expect(onDuplicate(() => Promise.reject(other), () => conflict('x'))).rejects.toBe(other);
  });
});

describe('recoverDuplicate', () => {
  const unique = () => Object.assign(new Error('duplicate key value violates unique constraint "doc_number_office_no"'), { code: '23505' });
  it('answers the recovery’s value when the work hits a unique key (the same thing is already there)', async () => {
    expect(await recoverDuplicate(() => Promise.reject(unique()), async () => 'printed')).toBe('printed');
  });
  it('or the recovery’s error; never runs it when nothing collides; passes other errors through', async () => {
    await expect(recoverDuplicate(() => Promise.reject(unique()), () => Promise.reject(conflict('文号已被使用')))).rejects.toMatchObject({ status: 409, message: '文号已被使用' });
    let ran = 0;
    expect(await recoverDuplicate(async () => 1, async () => ++ran)).toBe(1);
    expect(ran).toBe(0);
    const other = new Error('boom');
    await expect(recoverDuplicate(() => Promise.reject(other), async () => 2)).rejects.toBe(other);
  });
});

describe('one way to meet a unique violation', () => {
  it('no server source outside db/errors.ts asks isUniqueViolation itself (commands use onDuplicate or recoverDuplicate)', () => {
    const root = join(__dirname, '..');
    const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => /\.ts$/.test(f) && !/\.test\.ts$/.test(f) && !f.startsWith('test/') && f !== join('db', 'errors.ts'));
    const askers = files.filter((f) => /isUniqueViolation\(/.test(readFileSync(join(root, f), 'utf8')));
    expect(askers).toEqual([]);
  });
});
