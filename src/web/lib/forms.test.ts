/** The progress field says what is wrong instead of clamping (150 → 100) or rounding (50.5 → 51) quietly. */
import { describe, expect, it } from 'vitest';
import { keepMine, PROGRESS_RULES } from './forms';

const check = (v: unknown) => (PROGRESS_RULES[1] as { validator: (r: unknown, v: unknown) => Promise<void> }).validator(null, v);

describe('PROGRESS_RULES', () => {
  it('accepts whole numbers 0–100 and leaves an empty field to the required rule', async () => {
    for (const v of [0, 35, 100, null, undefined]) await expect(check(v)).resolves.toBeUndefined();
    expect(PROGRESS_RULES[0]).toMatchObject({ required: true, message: '请填写进度（0–100的整数）' });
  });
  it('refuses 150, −1 and 50.5 with the value in the message', async () => {
    await expect(check(150)).rejects.toThrow('进度须为0–100的整数（100表示已完成），填的是150');
    await expect(check(-1)).rejects.toThrow('填的是-1');
    await expect(check(50.5)).rejects.toThrow('填的是50.5');
  });
});

describe('keepMine', () => {
  it('keeps what the user changed, takes the latest where the user left the value as it was', () => {
    const was: Record<string, unknown> = { a: 1, b: 'x', c: null };
    const mine = { a: 2, b: 'x', c: null };
    const next = { a: 5, b: 'y', c: 'z' };
    expect(keepMine(mine, was, next)).toEqual({ a: 2, b: 'y', c: 'z' });
  });
  it('takes the latest for a field the form did not give (not rendered), not an empty one', () => {
    const was = { title: '旧标题', lead: 7, cooperating: [1, 2] };
    const next = { title: '新标题', lead: 9, cooperating: [3] };
    expect(keepMine({ title: '我的标题' }, was, next)).toEqual({ title: '我的标题', lead: 9, cooperating: [3] });
  });
  it('keeps a field the user emptied: a key present with no value is the user’s entry', () => {
    expect(keepMine({ a: undefined, b: 'x' }, { a: 1, b: 'x' }, { a: 5, b: 'y' })).toEqual({ a: undefined, b: 'y' });
  });
});
