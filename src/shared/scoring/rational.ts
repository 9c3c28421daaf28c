/**
 * Exact rational arithmetic for scores.
 *
 * A Rational is an immutable pair (n, d) with d > 0 and gcd(|n|, d) = 1. Both parts are plain JS numbers
 * (safe integers) in the common case; when a product or sum would leave the safe-integer range the value
 * silently switches to BigInt parts and switches back as soon as it fits again. Callers never see the
 * difference: use the functions below, never n/d directly for arithmetic.
 *
 * Numbers coming from JSON (points, thresholds, measured values) are read through their shortest decimal
 * text, so 0.1, 0.5, 14.5 are exactly 1/10, 1/2, 29/2 — never the binary float that JS stores.
 */

export type Int = number | bigint;

export interface Rational {
  readonly n: Int;
  readonly d: Int;
}

const MAX = Number.MAX_SAFE_INTEGER;

function isSmall(x: Int): x is number {
  return typeof x === 'number';
}

function shrink(x: bigint): Int {
  return x <= 9007199254740991n && x >= -9007199254740991n ? Number(x) : x;
}

function big(x: Int): bigint {
  return typeof x === 'bigint' ? x : BigInt(x);
}

function gcdNum(a: number, b: number): number {
  if (a < 0) a = -a;
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

function gcdBig(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/** Build a normalised rational from integer parts (d ≠ 0). */
export function rat(n: Int, d: Int = 1): Rational {
  if (isSmall(n) && isSmall(d)) {
    if (d === 0) throw new RangeError('分母不能为0');
    if (!Number.isSafeInteger(n) || !Number.isSafeInteger(d)) throw new RangeError(`不是安全整数：${n}/${d}`);
    if (d < 0) {
      n = -n;
      d = -d;
    }
    if (d === 1) return { n: n === 0 ? 0 : n, d: 1 };
    const g = gcdNum(n, d);
    return g === 1 ? { n, d } : { n: n / g, d: d / g };
  }
  let bn = big(n);
  let bd = big(d);
  if (bd === 0n) throw new RangeError('分母不能为0');
  if (bd < 0n) {
    bn = -bn;
    bd = -bd;
  }
  const g = gcdBig(bn, bd);
  if (g !== 1n) {
    bn /= g;
    bd /= g;
  }
  return { n: shrink(bn), d: shrink(bd) };
}

export const ZERO: Rational = { n: 0, d: 1 };
export const ONE: Rational = { n: 1, d: 1 };

const POW10: number[] = [];
for (let i = 0, p = 1; i <= 15; i++, p *= 10) POW10.push(p);

/**
 * Parse a decimal text ("14.5", "-0.25", "1e-7", "3.2E+5") exactly.
 * Returns undefined when the text is not a plain decimal number.
 */
export function parseDecimal(text: string): Rational | undefined {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const sign = m[1] === '-' ? -1n : 1n;
  const intPart = m[2] || '0';
  const frac = m[3] ?? '';
  const exp = m[4] ? Number.parseInt(m[4], 10) : 0;
  let n = BigInt(intPart + frac) * sign;
  let scale = frac.length - exp; // value = n / 10^scale
  if (scale < 0) {
    n *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return rat(n, 10n ** BigInt(scale));
}

/**
 * Read a JS number through its shortest decimal text: 0.1 → 1/10, 14.5 → 29/2.
 * Fast path without string work for integers and numbers with up to 15 decimals.
 */
export function fromNumber(x: number): Rational {
  if (!Number.isFinite(x)) throw new RangeError(`不是有限数：${x}`);
  if (Number.isInteger(x)) {
    if (Number.isSafeInteger(x)) return { n: x === 0 ? 0 : x, d: 1 };
    return parseDecimal(String(x))!;
  }
  const ax = x < 0 ? -x : x;
  if (ax < 1e6 && ax > 1e-6) {
    for (let k = 1; k <= 15; k++) {
      const p = POW10[k];
      const m = Math.round(x * p);
      if (m / p === x && Number.isSafeInteger(m)) return rat(m, p);
    }
  }
  return parseDecimal(String(x))!;
}

/** Accept a Rational, a JS number or a decimal string. */
export function toRational(x: Rational | number | string): Rational {
  if (typeof x === 'number') return fromNumber(x);
  if (typeof x === 'string') {
    const slash = x.indexOf('/');
    if (slash > 0) {
      const a = parseDecimal(x.slice(0, slash));
      const b = parseDecimal(x.slice(slash + 1));
      if (a && b) return div(a, b);
    }
    const r = parseDecimal(x);
    if (!r) throw new RangeError(`不是数字：${x}`);
    return r;
  }
  return x;
}

function mulInt(a: Int, b: Int): Int {
  if (isSmall(a) && isSmall(b)) {
    const p = a * b;
    if (p <= MAX && p >= -MAX) return p;
  }
  return shrink(big(a) * big(b));
}

function addInt(a: Int, b: Int): Int {
  if (isSmall(a) && isSmall(b)) {
    const s = a + b;
    if (s <= MAX && s >= -MAX) return s;
  }
  return shrink(big(a) + big(b));
}

export function add(x: Rational, y: Rational): Rational {
  if (isSmall(x.d) && x.d === y.d && isSmall(x.n) && isSmall(y.n)) {
    const s = x.n + y.n;
    if (s <= MAX && s >= -MAX) return x.d === 1 ? { n: s, d: 1 } : rat(s, x.d);
  }
  if (y.n === 0) return x;
  if (x.n === 0) return y;
  return rat(addInt(mulInt(x.n, y.d), mulInt(y.n, x.d)), mulInt(x.d, y.d));
}

export function neg(x: Rational): Rational {
  return isSmall(x.n) ? { n: x.n === 0 ? 0 : -x.n, d: x.d } : { n: shrink(-x.n), d: x.d };
}

export function sub(x: Rational, y: Rational): Rational {
  return add(x, neg(y));
}

export function mul(x: Rational, y: Rational): Rational {
  if (x.n === 0 || y.n === 0) return ZERO;
  return rat(mulInt(x.n, y.n), mulInt(x.d, y.d));
}

export function div(x: Rational, y: Rational): Rational {
  if (y.n === 0) throw new RangeError('除数不能为0');
  return rat(mulInt(x.n, y.d), mulInt(x.d, y.n));
}

/** −1, 0 or 1: exact comparison by cross multiplication. */
export function cmp(x: Rational, y: Rational): -1 | 0 | 1 {
  if (x.d === y.d) {
    if (isSmall(x.n) && isSmall(y.n)) return x.n < y.n ? -1 : x.n > y.n ? 1 : 0;
  }
  const a = mulInt(x.n, y.d);
  const b = mulInt(y.n, x.d);
  if (isSmall(a) && isSmall(b)) return a < b ? -1 : a > b ? 1 : 0;
  const ba = big(a);
  const bb = big(b);
  return ba < bb ? -1 : ba > bb ? 1 : 0;
}

export function eq(x: Rational, y: Rational): boolean {
  return x.n === y.n && x.d === y.d;
}
export function lt(x: Rational, y: Rational): boolean {
  return cmp(x, y) < 0;
}
export function le(x: Rational, y: Rational): boolean {
  return cmp(x, y) <= 0;
}
export function gt(x: Rational, y: Rational): boolean {
  return cmp(x, y) > 0;
}
export function ge(x: Rational, y: Rational): boolean {
  return cmp(x, y) >= 0;
}
export function min(x: Rational, y: Rational): Rational {
  return cmp(x, y) <= 0 ? x : y;
}
export function max(x: Rational, y: Rational): Rational {
  return cmp(x, y) >= 0 ? x : y;
}
export function isZero(x: Rational): boolean {
  return x.n === 0;
}
export function sign(x: Rational): -1 | 0 | 1 {
  return x.n === 0 ? 0 : x.n > 0 ? 1 : -1;
}

/** Largest integer ≤ x, as a rational. */
export function floor(x: Rational): Rational {
  if (x.d === 1) return x;
  if (isSmall(x.n) && isSmall(x.d)) return { n: Math.floor(x.n / x.d), d: 1 };
  const n = big(x.n);
  const d = big(x.d);
  let q = n / d;
  if (n < 0n && q * d !== n) q -= 1n;
  return { n: shrink(q), d: 1 };
}

/** True when the decimal expansion of x terminates (denominator has only factors 2 and 5). */
export function isTerminating(x: Rational): boolean {
  if (isSmall(x.d)) {
    let d = x.d;
    while (d % 2 === 0) d /= 2;
    while (d % 5 === 0) d /= 5;
    return d === 1;
  }
  let d = x.d;
  while (d % 2n === 0n) d /= 2n;
  while (d % 5n === 0n) d /= 5n;
  return d === 1n;
}

/**
 * Decimal text. Exact when the expansion terminates (1/8 → "0.125"); otherwise rounded half away from
 * zero to `maxDecimals` places (default 6) with trailing zeros removed. minDecimals pads with zeros
 * ("99.0"). Integers print without a point: 13 → "13".
 */
export function toDecimalString(x: Rational, minDecimals = 0, maxDecimals = 6): string {
  if (x.d === 1 && minDecimals === 0) return String(x.n);
  if (isTerminating(x)) maxDecimals = Math.max(maxDecimals, decimalsOf(x));
  if (isSmall(x.n) && isSmall(x.d)) {
    // fast path: a terminating decimal with few places, computed with safe integers
    for (let k = 1; k <= maxDecimals && k <= 15; k++) {
      const p = POW10[k];
      if (p % x.d === 0) {
        const m = x.n * (p / x.d);
        if (!Number.isSafeInteger(m)) break;
        const neg = m < 0;
        let s = String(neg ? -m : m);
        if (s.length <= k) s = '0'.repeat(k - s.length + 1) + s;
        const ip = s.slice(0, s.length - k);
        let end = s.length;
        while (end > s.length - k && s.charCodeAt(end - 1) === 48) end--;
        let fp = s.slice(s.length - k, end);
        while (fp.length < minDecimals) fp += '0';
        const body = fp.length ? `${ip}.${fp}` : ip;
        return neg ? `-${body}` : body;
      }
    }
  }
  if (isSmall(x.n) && isSmall(x.d) && maxDecimals <= 15) {
    // not terminating within maxDecimals, small parts: the same digits and rounding with safe integers
    const p = POW10[maxDecimals];
    const a = x.n < 0 ? -x.n : x.n;
    const d = x.d;
    if (d * p <= Number.MAX_SAFE_INTEGER && a + d <= Number.MAX_SAFE_INTEGER) {
      let q = Math.floor(a / d);
      while (q * d > a) q--;
      while ((q + 1) * d <= a) q++;
      const rp = (a - q * d) * p;
      let f = Math.floor(rp / d);
      while (f * d > rp) f--;
      while ((f + 1) * d <= rp) f++;
      const r2 = rp - f * d;
      if (r2 !== 0 && r2 * 2 >= d) {
        // round half up on the magnitude
        f++;
        if (f === p) {
          f = 0;
          q++;
        }
      }
      let digits = f === 0 ? '' : String(f).padStart(maxDecimals, '0');
      let end = digits.length;
      while (end > 0 && digits.charCodeAt(end - 1) === 48) end--;
      digits = digits.slice(0, end);
      while (digits.length < minDecimals) digits += '0';
      const body = digits.length ? `${q}.${digits}` : String(q);
      return x.n < 0 && (q !== 0 || f !== 0) ? `-${body}` : body;
    }
  }
  return toDecimalStringBig(x, minDecimals, maxDecimals);
}

/** The general case of toDecimalString, with BigInt (exported for tests: the small-number path must agree). */
export function toDecimalStringBig(x: Rational, minDecimals = 0, maxDecimals = 6): string {
  if (isTerminating(x)) maxDecimals = Math.max(maxDecimals, decimalsOf(x));
  const negative = x.n < 0;
  let n = big(x.n);
  if (negative) n = -n;
  const d = big(x.d);
  const intPart = n / d;
  let rem = n % d;
  let digits = '';
  let exact = rem === 0n;
  for (let i = 0; i < maxDecimals && rem !== 0n; i++) {
    rem *= 10n;
    digits += String(rem / d);
    rem %= d;
  }
  exact = rem === 0n;
  let ip = intPart;
  if (!exact && rem * 2n >= d) {
    // round half up on the magnitude
    let carry = 1;
    const arr = digits.split('').map(Number);
    for (let i = arr.length - 1; i >= 0 && carry; i--) {
      const v = arr[i] + carry;
      arr[i] = v % 10;
      carry = v === 10 ? 1 : 0;
    }
    if (carry) ip += 1n;
    digits = arr.join('');
  }
  digits = digits.replace(/0+$/, '');
  while (digits.length < minDecimals) digits += '0';
  const body = digits.length ? `${ip}.${digits}` : String(ip);
  return negative && (ip !== 0n || /[1-9]/.test(digits)) ? `-${body}` : body;
}

/** "n/d" (or "n" for integers): the exact value, always. */
export function toFractionString(x: Rational): string {
  return x.d === 1 ? String(x.n) : `${x.n}/${x.d}`;
}

/** Nearest JS number (for display and sorting convenience only, never for arithmetic). */
export function toNumber(x: Rational): number {
  if (isSmall(x.n) && isSmall(x.d)) return x.n / x.d;
  // scale to keep precision for huge parts
  const n = big(x.n);
  const d = big(x.d);
  const q = n / d;
  const r = n - q * d;
  return Number(q) + Number((r * 10n ** 17n) / d) / 1e17;
}

/** Number of decimal places in the shortest decimal text of a JS number (0.5 → 1, 14 → 0). */
export function decimalsOf(x: Rational): number {
  if (x.d === 1) return 0;
  if (isSmall(x.d)) {
    for (let k = 1; k <= 15; k++) if (POW10[k] % x.d === 0) return k;
  }
  if (!isTerminating(x)) return 6;
  let k = 0;
  const d = big(x.d);
  let p = 1n;
  while (p % d !== 0n && k < 30) {
    p *= 10n;
    k++;
  }
  return k;
}

export function sum(xs: Iterable<Rational>): Rational {
  let s = ZERO;
  for (const x of xs) s = add(s, x);
  return s;
}
