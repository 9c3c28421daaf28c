import { describe, expect, it } from 'vitest';
import { chinaDateTime, chinaTime } from './auth.presenter';

describe('the dates of the auth messages', () => {
  it('a lockout’s end leaves out the year of the request’s clock, not of the wall clock', () => {
    const until = '2031-01-02T01:05:00Z'; // 2031-01-02 09:05 in China
    expect(chinaTime(until, new Date('2031-01-01T12:00:00Z'))).toBe('1月2日 09:05');
    expect(chinaTime(until, new Date('2030-12-31T12:00:00Z'))).toBe('2031年1月2日 09:05');
    expect(chinaDateTime(until)).toBe('2031-01-02 09:05');
  });
});
