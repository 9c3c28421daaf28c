import { describe, expect, it } from 'vitest';
import { isUniqueViolation } from './errors';

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
