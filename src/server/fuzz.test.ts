/**
 * Fuzz every route of the OpenAPI document with malformed requests, on every database. A person can send
 * anything; the answer must be a 4xx with a Chinese message (never a 5xx, never Fastify's or zod's English),
 * and a refused request must leave the database as it was (audit rows and sessions aside).
 *
 * For each operation: bad path and query values (0, -1, 2³¹, 2⁵³+1, 'abc', '1e3', 5000 characters, NUL …),
 * body fields of the wrong type (derived from the operation's JSON schema), missing and extra fields, NUL and
 * control characters, huge and deeply nested bodies, bad JSON, wrong content types and odd headers; sent as
 * the provincial office with a valid CSRF token (so requests reach validation), a few as nobody and as
 * other roles, and bad Origins on the public login.
 */
import type { InjectOptions } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_ROUTES } from './routes';
import { isChineseMessage } from './test/chinese';
import { login, makeTestApp, openTestCycle, ownTables, testDialects, type Client, type TestApp } from './test/helpers';
import { apiOperations, sample, type ApiOperation } from './test/openapi';

type Operation = Pick<ApiOperation, 'method' | 'path' | 'parameters' | 'body'>;
interface Probe {
  label: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  payload?: string | Buffer;
  as?: 'anonymous' | 'department' | 'unit';
}


const BAD_IDS = ['0', '-1', '2147483648', '9007199254740993', 'abc', '1e3', '1.5', '0x10', '%20', '%00', '1%00', '%E2%80%AE1', '１', 'x'.repeat(5000)];
const BAD_STRINGS = ['a\u0000b', '\u0001', 'x\u001bx', 'x'.repeat(5000), '%', '%zz', '1e3', '-1'];

/** 2⁵³ + 1, written into the JSON text as a number (a JS number cannot hold it) */
const BIG = '9007199254740993';
const BAD_QUERY = ['0', '-1', '2147483648', '9007199254740993', 'abc', '1e3', 'x'.repeat(5000), '%00', 'a%01b', '%zz'];

const TOO_DEEP_ARRAY = '['.repeat(50_000) + ']'.repeat(50_000);
const TOO_DEEP_OBJECT = '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000);

/** Paths to every node of a sampled body (not the body itself), shallowest first. */
function leaves(v: unknown): (string | number)[][] {
  const out: (string | number)[][] = [];
  const walk = (x: unknown, p: (string | number)[]) => {
    if (Array.isArray(x)) x.slice(0, 1).forEach((y, i) => walk(y, [...p, i]));
    else if (x && typeof x === 'object') for (const [k, y] of Object.entries(x)) walk(y, [...p, k]);
    if (p.length) out.push(p);
  };
  walk(v, []);
  return out.sort((a, b) => a.length - b.length);
}

function setAt(base: unknown, p: (string | number)[], value: unknown, remove = false): unknown {
  const copy = structuredClone(base) as Record<string | number, unknown>;
  let cur: any = copy;
  for (const k of p.slice(0, -1)) cur = cur[k];
  const last = p[p.length - 1];
  if (remove) {
    if (Array.isArray(cur)) cur.splice(last as number, 1);
    else delete cur[last];
  } else cur[last] = value;
  return copy;
}

function probesFor(op: Operation): Probe[] {
  const probes: Probe[] = [];
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const good = (p: Operation['parameters'][number]) => {
    const v = sample(p.schema);
    // a number that is a valid id but names nothing, so a request that passes validation changes nothing
    return typeof v === 'number' || p.schema.type === 'string' && /^\d/.test(String(v)) ? '999999' : encodeURIComponent(String(v));
  };
  const urlWith = (override: Record<string, string> = {}, query = '') =>
    op.path.replace(/\{(\w+)\}/g, (_m, name: string) => override[name] ?? good(pathParams.find((p) => p.name === name)!)) + query;
  const json = { 'content-type': 'application/json' };
  const sendsBody = op.method !== 'GET' && op.method !== 'DELETE';
  const bodySample = op.body ? sample(op.body) : {};
  const withBody = (label: string, payload: string | Buffer, headers: Record<string, string> = json, url = urlWith()): Probe => ({
    label,
    method: op.method,
    url,
    headers,
    payload,
  });
  const baseline = (url: string, label: string): Probe =>
    sendsBody ? withBody(label, JSON.stringify(bodySample), json, url) : { label, method: op.method, url };

  // path parameters
  for (const p of pathParams) for (const bad of BAD_IDS) probes.push(baseline(urlWith({ [p.name]: bad }), `path ${p.name}=${bad.slice(0, 20)}`));
  // query parameters
  for (const p of queryParams) {
    for (const bad of BAD_QUERY) probes.push(baseline(urlWith({}, `?${p.name}=${bad}`), `query ${p.name}=${bad.slice(0, 20)}`));
    probes.push(baseline(urlWith({}, `?${p.name}=1&${p.name}=2`), `query ${p.name} twice`));
    probes.push(baseline(urlWith({}, `?${p.name}[a]=1`), `query ${p.name}[a]`));
  }
  // a stray parameter with bad values (every route, so even one without parameters gets its 50 probes)
  for (const bad of [...BAD_IDS, ...BAD_STRINGS.map(encodeURIComponent)]) probes.push(baseline(urlWith({}, `?id=${bad}`), `stray query id=${bad.slice(0, 20)}`));
  probes.push(baseline(urlWith({}, '?unknownParam=1'), 'unknown query parameter'));
  probes.push(baseline(urlWith({}, `?q=${'%00'.repeat(10)}`), 'NUL query'));
  probes.push(baseline(urlWith({}, `?${'a'.repeat(5000)}=1`), 'long query'));
  probes.push(baseline(`${urlWith()}%`, 'bad percent-encoding'));
  probes.push(baseline(`${urlWith()}/%E0%A4%A`, 'bad UTF-8 in the path'));

  // body fields of the wrong type, missing, with NUL and control characters, out of range
  if (op.body) {
    for (const p of leaves(bodySample).slice(0, 10)) {
      const at = p.join('.');
      const cur = p.reduce<any>((o, k) => o?.[k], bodySample);
      const variants: [string, unknown][] =
        typeof cur === 'string'
          ? [['number', 123], ['NUL', `a\u0000b`], ['control', '\u0007x'], ['null', null], ['array', ['x']], ['long', 'x'.repeat(20_000)]]
          : typeof cur === 'number'
            ? [['string', 'abc'], ['2^31', 2147483648], ['2^53+1', BIG], ['-1', -1], ['0', 0], ['huge', 1e308], ['fraction', 1.5], ['null', null]]
            : [['string', 'abc'], ['number', 1], ['null', null], ['object', { x: 1 }]];
      for (const [name, v] of variants) probes.push(withBody(`body ${at} ${name}`, JSON.stringify(setAt(bodySample, p, v)).replace(`"${BIG}"`, BIG)));
      probes.push(withBody(`body ${at} missing`, JSON.stringify(setAt(bodySample, p, undefined, true))));
    }
    probes.push(withBody('body extra field', JSON.stringify({ ...(bodySample as object), extraField: 1 })));
    probes.push(withBody('body NUL key', JSON.stringify({ ...(bodySample as object), 'a\u0000': 1 })));
    probes.push(withBody('body __proto__', '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}'));
    probes.push(withBody('body number literal beyond double', JSON.stringify(bodySample).replace(/^\{/, '{"big":1e400,')));
  }
  if (sendsBody) {
    for (const [label, raw] of [
      ['empty', ''],
      ['truncated', '{"a":'],
      ['not JSON', 'hello'],
      ['null', 'null'],
      ['array', '[]'],
      ['string', '"x"'],
      ['number', '123'],
      ['50,000-deep array', TOO_DEEP_ARRAY],
      ['50,000-deep object', TOO_DEEP_OBJECT],
      ['40-deep object', '{"a":'.repeat(40) + '1' + '}'.repeat(40)],
      ['NUL escape', '{"x":"\\u0000"}'],
      ['lone surrogate', '{"x":"\\ud800"}'],
    ] as const)
      probes.push(withBody(`raw ${label}`, raw));
    probes.push(withBody('invalid UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])));
    probes.push(withBody('large body', JSON.stringify({ x: 'x'.repeat(3 * 1024 * 1024) })));
  }
  for (const ct of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'multipart/form-data', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', 'application/json\u0000', 'garbage', 'application/jsonx', ';;;'])
    probes.push(withBody(`content-type ${JSON.stringify(ct)}`, ct.includes('urlencoded') ? 'a=1' : JSON.stringify(bodySample), { 'content-type': ct }));
  if (sendsBody) {
    probes.push(withBody('content-length -1', '{}', { ...json, 'content-length': '-1' }));
    probes.push(withBody('content-length too short', '{"a":1}', { ...json, 'content-length': '3' }));
  } else {
    probes.push({ label: 'GET with a body', method: op.method, url: urlWith(), headers: json, payload: TOO_DEEP_OBJECT });
    probes.push({ label: 'GET with bad JSON', method: op.method, url: urlWith(), headers: json, payload: '{' });
  }
  // odd headers
  for (const [name, value] of [
    ['user-agent', 'fuzz\u0000agent'],
    ['user-agent', 'x'.repeat(10_000)],
    ['x-forwarded-for', 'not-an-ip\u0000'],
    ['x-forwarded-for', '999.999.999.999, ::zz'],
    ['accept', '\u0001'],
    ['accept-language', 'xx'],
    ['x-csrf-token', 'wrong'],
    ['x-csrf-token', '\u0000'],
    ['cookie', 'kp_sid=%00'],
    ['origin', 'null'],
  ] as const)
    probes.push({ ...baseline(urlWith(), `header ${name}`), headers: { ...(sendsBody ? json : {}), [name]: value } });

  // as nobody and as other roles
  for (const as of ['anonymous', 'department', 'unit'] as const) {
    probes.push({ ...baseline(urlWith(), `as ${as}`), as });
    if (pathParams[0]) probes.push({ ...baseline(urlWith({ [pathParams[0].name]: '2147483648' }), `as ${as} with id 2^31`), as });
    if (op.body) probes.push({ ...withBody(`as ${as} with NUL body`, '{"x":"\\u0000"}'), as });
  }
  // a public state-changing route (login) checks the Origin: null, garbage, another port or scheme
  if (sendsBody) {
    for (const origin of ['null', 'garbage', 'http://', 'http://localhost:1', 'https://localhost:80', 'http://evil.example', 'http://localhost:80\u0000', '://x', 'file:///etc/passwd', 'http://[::1'])
      probes.push({ ...withBody(`origin ${origin}`, JSON.stringify(bodySample)), headers: { ...json, origin, host: 'localhost:80' }, as: 'anonymous' });
  }
  return probes;
}

/**
 * How many probes a route gets. Nightly (KAOPING_NIGHTLY=1) sends every probe (about 100 a route, 300 for a
 * route with a large body); otherwise 50: the route's own probes first (its path, query and body fields, other
 * roles), the generic ones (odd headers, raw bodies, Origins, stray parameters) spread over the routes in
 * rotation, so that every generic probe still reaches some route in every run.
 */
const NIGHTLY = process.env.KAOPING_NIGHTLY === '1';
const PROBES_PER_ROUTE = 50;
const OWN = /^(path |query |body |as )/;

/** n of the list, evenly spaced, starting at a position that moves with `turn` */
function spread<T>(list: T[], n: number, turn: number): T[] {
  if (n >= list.length) return list;
  return Array.from({ length: n }, (_, i) => list[(Math.floor((i * list.length) / n) + turn) % list.length]!);
}

function chooseProbes(probes: Probe[], turn: number): Probe[] {
  if (NIGHTLY || probes.length <= PROBES_PER_ROUTE) return probes;
  const own = probes.filter((p) => OWN.test(p.label));
  const generic = probes.filter((p) => !OWN.test(p.label));
  const ownCount = Math.min(own.length, Math.max(35, PROBES_PER_ROUTE - generic.length));
  return [...spread(own, ownCount, turn), ...spread(generic, PROBES_PER_ROUTE - ownCount, turn)];
}

/**
 * Row counts and a cheap checksum (sum of versions, latest updated_at) of every table but the logs: the audit log
 * and its chain head (a refused request is audited), sessions, and the login-failure counters (a refused login
 * is counted, by design: that is the lock-out).
 */
async function snapshotQuery(t: TestApp): Promise<() => Promise<string>> {
  const tables = [...(await ownTables(t.db)).entries()].filter(
    ([name]) => !['audit_log', 'audit_anchor', 'session', 'login_failure'].includes(name) && !name.startsWith('kysely_'),
  );
  expect(tables.length).toBeGreaterThan(10);
  const parts = tables.map(([name, cols]) => {
    const q = (expr: string) => `CAST((SELECT ${expr} FROM "${name}") AS TEXT)`;
    const versions = cols.get('version')?.includes('int') ? q('coalesce(sum(version), 0)') : "'-'";
    const updated = cols.has('updated_at') ? q("coalesce(max(updated_at), '')") : "'-'";
    return `'${name}=' || ${q('count(*)')} || ':' || ${versions} || ':' || ${updated}`;
  });
  const text = `SELECT ${parts.join(" || '|' || ")} AS s`;
  return async () => {
    const r = await sql<{ s: string }>`${sql.raw(text)}`.execute(t.db.db);
    return String(r.rows[0].s);
  };
}

describe.each(testDialects())('fuzz every route on %s', (dialect) => {
  let t: TestApp;
  let office: Client;
  const others: Record<'department' | 'unit', Client> = {} as never;
  let ops: Operation[];

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    ({ office } = await openTestCycle(t));
    others.department = await login(t.app, 'samr');
    others.unit = await login(t.app, 'changsha');
    ops = await apiOperations(office);
    // logging out ends the session every other probe uses: that route goes last
    ops.sort((a, b) => Number(a.path === '/api/auth/logout') - Number(b.path === '/api/auth/logout'));
  }, 120_000);
  afterAll(() => t?.close());

  it('answers every malformed request with a 4xx in Chinese and changes nothing', async () => {
    const snapshot = await snapshotQuery(t);
    const failures: string[] = [];
    let requests = 0;
    let serverErrors = 0;
    let english = 0;
    let changed = 0;
    const started = Date.now();
    const send = async (op: Operation, p: Probe) => {
      const who = p.as === 'anonymous' ? null : p.as ? others[p.as] : office;
      const headers: Record<string, string> = who ? { cookie: who.cookie, 'x-csrf-token': who.csrf } : {};
      const opts: InjectOptions = { method: p.method as never, url: p.url, headers: { ...headers, ...p.headers } };
      if (p.payload !== undefined) opts.payload = p.payload;
      const res = await t.app.inject(opts);
      return { res, name: `${op.method} ${op.path} [${p.label}${p.as ? ` as ${p.as}` : ''}] → ${res.statusCode}` };
    };
    for (const [turn, op] of ops.entries()) {
      const all = probesFor(op);
      expect(all.length, `${op.method} ${op.path}`).toBeGreaterThanOrEqual(50);
      const probes = chooseProbes(all, turn);
      expect(probes.length, `${op.method} ${op.path}`).toBeGreaterThanOrEqual(50);
      // One snapshot per route; when it moved, replay the route's probes one by one to find the request.
      const before = await snapshot();
      // six at a time: the probes are independent (each is refused or changes nothing), and a database round trip dominates
      const answers: Awaited<ReturnType<typeof send>>[] = [];
      for (let i = 0; i < probes.length; i += 6) answers.push(...(await Promise.all(probes.slice(i, i + 6).map((p) => send(op, p)))));
      for (const { res, name } of answers) {
        requests++;
        let message: unknown;
        try {
          message = res.json().message;
        } catch {
          message = undefined;
        }
        if (res.statusCode >= 500) {
          serverErrors++;
          failures.push(`${name}: ${res.body.slice(0, 200)}`);
        } else if (res.statusCode >= 400 && !isChineseMessage(message)) {
          english++;
          failures.push(`${name}: message not in Chinese: ${res.body.slice(0, 200)}`);
        }
      }
      if ((await snapshot()) !== before) {
        let last = await snapshot();
        for (const p of probes) {
          const { res, name } = await send(op, p);
          const now = await snapshot();
          if (now !== last && res.statusCode >= 400) {
            changed++;
            failures.push(`${name}: a refused request changed the database`);
          }
          last = now;
        }
      }
    }
    console.log(
      `fuzz on ${dialect}${NIGHTLY ? ' (nightly: every probe)' : ''}: ${requests} requests to ${ops.length} routes in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
        `5xx ${serverErrors}, messages not in Chinese ${english}, database changed on a 4xx ${changed}`,
    );
    if (failures.length) console.log(failures.slice(0, 200).join('\n'));
    expect(failures.slice(0, 60)).toEqual([]);
    expect(ops.length).toBe(ALL_ROUTES.length); // every declared route is in the document, so every route was fuzzed
  }, 300_000);
});

describe('the English detector', () => {
  it('accepts Chinese messages and flags untranslated ones', () => {
    expect(isChineseMessage('请求体有误 — year：无效输入：期望 number，实际接收 string')).toBe(true);
    expect(isChineseMessage('操作须为 open、close 之一')).toBe(true);
    expect(isChineseMessage("'/api/x' is exceeding the max param length")).toBe(false);
    expect(isChineseMessage('FST_ERR_BAD_URL 错误')).toBe(false);
    expect(isChineseMessage('Invalid input: expected number, received string')).toBe(false);
    expect(isChineseMessage(undefined)).toBe(false);
  });
});
