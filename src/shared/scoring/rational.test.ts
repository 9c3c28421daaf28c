import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  add,
  cmp,
  div,
  floor,
  fromNumber,
  mul,
  parseDecimal,
  rat,
  sub,
  sum,
  toDecimalString,
  toDecimalStringBig,
  toFractionString,
  toNumber,
  toRational,
} from './rational';

/** Property-test sizes: what finds bugs in practice by default; KAOPING_NIGHTLY=1 runs the nightly sizes. */
const NIGHTLY = process.env.KAOPING_NIGHTLY === '1';

describe('rational', () => {
  it.each([
    ['0.1', '1/10'],
    ['14.5', '29/2'],
    ['-0.25', '-1/4'],
    ['1e-7', '1/10000000'],
    ['3.2E+5', '320000'],
    ['0.30000000000000004', '7500000000000001/25000000000000000'],
  ])('parses %s exactly as %s', (text, frac) => {
    expect(toFractionString(parseDecimal(text)!)).toBe(frac);
  });

  it('reads JS numbers through their decimal text', () => {
    expect(fromNumber(0.1)).toEqual({ n: 1, d: 10 });
    expect(fromNumber(0.2)).toEqual({ n: 1, d: 5 });
    expect(fromNumber(14.5)).toEqual({ n: 29, d: 2 });
    expect(fromNumber(0.7)).toEqual({ n: 7, d: 10 });
    expect(toFractionString(fromNumber(0.1 + 0.2))).toBe('7500000000000001/25000000000000000');
    expect(toFractionString(fromNumber(1e21))).toBe('1000000000000000000000');
    expect(toFractionString(fromNumber(1.5e-9))).toBe('3/2000000000');
  });

  it('0.1 + 0.2 is 0.3 and 0.5 / 0.2 / 14.5 never drift', () => {
    expect(toDecimalString(add(fromNumber(0.1), fromNumber(0.2)))).toBe('0.3');
    let s = rat(0);
    for (let i = 0; i < 1000; i++) s = add(s, fromNumber(0.1));
    expect(toDecimalString(s)).toBe('100');
    expect(toDecimalString(sum([0.5, 0.2, 14.5, 0.2, 0.1].map(fromNumber)))).toBe('15.5');
  });

  it('falls back to BigInt and back', () => {
    const big = rat(Number.MAX_SAFE_INTEGER, 1);
    const sq = mul(big, big);
    expect(typeof sq.n).toBe('bigint');
    expect(toFractionString(div(sq, big))).toBe(String(Number.MAX_SAFE_INTEGER));
    expect(typeof div(sq, big).n).toBe('number');
    expect(cmp(sq, big)).toBe(1);
    expect(cmp(rat(1, 3), rat(BigInt(Number.MAX_SAFE_INTEGER), 3n * BigInt(Number.MAX_SAFE_INTEGER)))).toBe(0);
    expect(rat(BigInt(Number.MAX_SAFE_INTEGER), 3n * BigInt(Number.MAX_SAFE_INTEGER))).toEqual({ n: 1, d: 3 });
  });

  it('floors, formats, rounds', () => {
    expect(floor(rat(-3, 2))).toEqual({ n: -2, d: 1 });
    expect(floor(rat(7, 2))).toEqual({ n: 3, d: 1 });
    expect(toDecimalString(rat(1, 8))).toBe('0.125');
    expect(toDecimalString(rat(99, 1), 1)).toBe('99.0');
    expect(toDecimalString(rat(2, 3))).toBe('0.666667');
    expect(toDecimalString(rat(-2, 3), 0, 2)).toBe('-0.67');
    expect(toDecimalString(rat(1, 1000000000))).toBe('0.000000001');
    expect(toDecimalString(rat(999999, 1000000), 0, 3)).toBe('0.999999'); // terminating: always exact
    expect(toDecimalString(rat(99999, 100001), 0, 3)).toBe('1');
    expect(toRational('3/4')).toEqual({ n: 3, d: 4 });
    expect(toNumber(rat(1, 4))).toBe(0.25);
  });

  it('property: decimal text round-trips and arithmetic is a field', () => {
    const dec = fc.tuple(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.integer({ min: 0, max: 6 })).map(([m, k]) => m / 10 ** k);
    fc.assert(
      fc.property(dec, dec, dec, (a, b, c) => {
        const [x, y, z] = [a, b, c].map(fromNumber);
        expect(Number(toDecimalString(x, 0, 15))).toBe(a);
        expect(cmp(add(add(x, y), z), add(x, add(y, z)))).toBe(0);
        expect(cmp(sub(add(x, y), y), x)).toBe(0);
        if (y.n !== 0) expect(cmp(mul(div(x, y), y), x)).toBe(0);
        expect(cmp(x, y)).toBe(Math.sign(a - b) as -1 | 0 | 1);
      }),
    );
  });
});

describe('toDecimalString: the safe-integer path agrees with the BigInt one', () => {
  it('on random fractions, with and without minimum decimals', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -2_000_000_000, max: 2_000_000_000 }),
        fc.integer({ min: 1, max: 2_000_000 }),
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 0, max: 9 }),
        (n, d, minD, maxD) => {
          const x = rat(n, d);
          expect(toDecimalString(x, minD, maxD)).toBe(toDecimalStringBig(x, minD, maxD));
        },
      ),
      { numRuns: NIGHTLY ? 3000 : 500 },
    );
  });
  it('rounds half up on the magnitude, carrying into the integer part', () => {
    expect(toDecimalString(rat(2, 3))).toBe('0.666667');
    expect(toDecimalString(rat(-2, 3))).toBe('-0.666667');
    expect(toDecimalString(rat(9999999, 10000000 + 1))).toBe(toDecimalStringBig(rat(9999999, 10000001)));
    expect(toDecimalString(rat(1999999999, 2000000000 - 1), 0, 6)).toBe('1');
    expect(toDecimalString(rat(169176, 211))).toBe('801.781991');
    expect(toDecimalString(rat(-1, 3000000))).toBe('0');
  });
});
