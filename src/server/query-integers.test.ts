/**
 * Every integer of a query string (year, quarter, page, pageSize, a version, an id …) is decimal digits only, on
 * every route that takes one: Number() would also read "2e3" as 2000, "0x3" as 3, " 12" as 12 and "" as 0, so a
 * request would name a year, page or version nobody wrote. Each written otherwise is a 400 that names the
 * parameter in Chinese.
 *
 * The parameters are found from the OpenAPI document (an integer, or a string of digits), so a new route is
 * covered by itself. For each: a value in decimal digits first gets past validation (the route may still answer
 * 404 for the placeholder id), then the same number written otherwise is refused.
 *
 * A parameter written twice (?year=2023&year=2024) is told it may be written once, whatever its kind (core/validation.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldLabel } from '../shared/contracts/field-labels';
import { DEMO_ACCOUNTS } from './seed/seed';
import { isChineseMessage } from './test/chinese';
import { login, makeTestApp, testDialects, type TestApp } from './test/helpers';
import { apiOperations, clientsByRole, type ApiOperation as Operation, type ApiParam as Param } from './test/openapi';

const isInteger = (p: Param) => {
  const types = [p.schema.type].flat();
  return types.includes('integer') || types.includes('number') || p.schema.pattern === '^[0-9]+$';
};

/** A number written as something other than decimal digits, each of which Number() reads as `n`. */
const otherwise = (n: string): string[] => [
  `${n}e0`,
  `0x${Number(n).toString(16)}`,
  `0b${Number(n).toString(2)}`,
  `0o${Number(n).toString(8)}`,
  `%20${n}`,
  `${n}%20`,
  `%2B${n}`,
  `${n}.0`,
  `${n}.`,
  `%09${n}`,
  `${Number(n) / 10}e1`,
];

const CANDIDATES = ['1', '3', '2023'];

describe.each(testDialects())('integers in query strings on %s', (dialect) => {
  let t: TestApp;
  let ops: Operation[];
  const clientFor = clientsByRole(() => t.app);

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    ops = await apiOperations(await login(t.app, DEMO_ACCOUNTS.find((a) => a.role === 'office')!.username));
  }, 120_000);
  afterAll(() => t?.close());

  it('finds the integer parameters of the query strings', () => {
    const names = new Set(ops.flatMap((op) => op.parameters.filter((p) => p.in === 'query' && isInteger(p)).map((p) => p.name)));
    for (const name of ['year', 'quarter', 'page', 'pageSize', 'version', 'upToYear', 'fromYear', 'orgUnitId', 'ownerId']) expect(names, name).toContain(name);
  });

  it('reads each only from decimal digits, and names the parameter when it is written otherwise', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const op of ops) {
      if (op.path === '/api/auth/logout') continue;
      const ints = op.parameters.filter((p) => p.in === 'query' && isInteger(p));
      if (!ints.length) continue;
      const client = await clientFor(op);
      const path = op.path.replace(/\{\w+\}/g, '999999');
      for (const p of ints) {
        // the other required parameters, valid
        const others = op.parameters
          .filter((o) => o.in === 'query' && o.required && o.name !== p.name)
          .map((o) => `${o.name}=${o.schema.enum ? String(o.schema.enum[0]) : isInteger(o) ? (/year/i.test(o.name) ? '2023' : '1') : 'x'}`);
        const send = async (value: string) => {
          const url = `${path}?${[...others, `${p.name}=${value}`].join('&')}`;
          const res = await client.request(op.method as never, url);
          const named = res.status === 400 && (res.json?.fields ?? []).some((f: { field: string }) => f.field === p.name);
          return { url, res, named };
        };
        let good: string | undefined;
        for (const n of CANDIDATES) if (!(await send(n)).named) (good ??= n);
        if (good === undefined) {
          failures.push(`${op.method} ${op.path}: ${p.name} takes none of ${CANDIDATES.join(', ')}`);
          continue;
        }
        for (const bad of [...otherwise(good), '']) {
          const { url, res, named } = await send(bad);
          checked++;
          if (!named) failures.push(`${op.method} ${url} → ${res.status} ${JSON.stringify(res.json).slice(0, 160)}`);
          else if (!isChineseMessage(res.json.message) || !String(res.json.message).includes(fieldLabel([p.name])))
            failures.push(`${op.method} ${url}: the message does not name ${fieldLabel([p.name])}: ${res.json.message}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  }, 300_000);

  it('says a query parameter given twice (?year=2023&year=2024) may be given once, on every route, whatever its kind', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const op of ops) {
      if (op.path === '/api/auth/logout' || op.body) continue;
      const query = op.parameters.filter((p) => p.in === 'query');
      if (!query.length) continue;
      const client = await clientFor(op);
      const path = op.path.replace(/\{\w+\}/g, '999999');
      for (const p of query) {
        const value = (o: Param) => (o.schema.enum ? String(o.schema.enum[0]) : isInteger(o) ? (/year/i.test(o.name) ? '2023' : '1') : 'x');
        const others = op.parameters.filter((o) => o.in === 'query' && o.required && o.name !== p.name).map((o) => `${o.name}=${value(o)}`);
        const url = `${path}?${[...others, `${p.name}=${value(p)}`, `${p.name}=${value(p)}`].join('&')}`;
        const res = await client.request(op.method as never, url);
        checked++;
        const fields = (res.json?.fields ?? []) as { field: string; message: string }[];
        const expected = `${fieldLabel([p.name])}只能填写一个（查询条件中出现了2次）`;
        if (res.status !== 400 || !fields.some((f) => f.field === p.name && f.message === expected)) {
          failures.push(`${op.method} ${url} → ${res.status} ${JSON.stringify(res.json).slice(0, 200)}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(50);
  }, 300_000);
});
