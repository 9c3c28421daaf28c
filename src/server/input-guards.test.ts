/**
 * The rules that keep bad input a 4xx in Chinese: the shared id/int32/text builders, the control-character
 * net, the JSON depth limit, the Origin check and Fastify's own errors translated — and, on every database,
 * the requests the issue found answering 500.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { id, idText, int32, INT32_MAX, MAX_DEPARTMENTS, text, versionOf, versionText } from '../shared/contracts/common';
import { answerConsultationBody, planBody } from '../shared/contracts/evaluation';
import { AppError } from './core/errors';
import { frameworkError, jsonDepthExceeds, MAX_JSON_DEPTH } from './core/framework-errors';
import { sameOrigin } from './core/route';
import { controlCharProblems, headerText } from './core/validation';
import { isChineseMessage } from './test/chinese';
import { login, makeTestApp, TEST_PASSWORD, testDialects, type TestApp } from './test/helpers';

describe('shared builders', () => {
  it('id() takes 1 … 2,147,483,647 and nothing else, in Chinese', () => {
    const s = id('考核编号须为正整数');
    expect(s.safeParse(1).success).toBe(true);
    expect(s.safeParse(INT32_MAX).success).toBe(true);
    for (const bad of [0, -1, 1.5, INT32_MAX + 1, Number.MAX_SAFE_INTEGER + 2, Number.NaN, '1', null]) {
      const r = s.safeParse(bad);
      expect(r.success, String(bad)).toBe(false);
      expect(isChineseMessage(r.error!.issues[0].message), r.error!.issues[0].message).toBe(true);
    }
  });

  it('idText() reads a path or query string within the same bounds', () => {
    const s = idText('id 必须是正整数');
    expect(s.parse('42')).toBe(42);
    for (const bad of ['0', '-1', '2147483648', '9007199254740993', 'abc', '1.5', '']) expect(s.safeParse(bad).success, bad).toBe(false);
    // written otherwise than in decimal digits, a number is not an id: /api/cycles/1e3 is not cycle 1000
    for (const bad of ['1e3', '0x10', ' 12', '12 ', '+5', '1_000', '0b11']) expect(s.safeParse(bad).success, bad).toBe(false);
    const v = versionText();
    expect(v.parse('3')).toBe(3);
    for (const bad of ['1e1', '0x3', ' 3']) expect(v.safeParse(bad).success, bad).toBe(false);
  });

  it('int32() and versionOf() stay inside the 32-bit column', () => {
    expect(int32('年度', 2000, 2100).safeParse(2100).success).toBe(true);
    expect(int32('年度', 2000, 2100).safeParse(2101).success).toBe(false);
    expect(versionOf().safeParse(0).success).toBe(true); // stale, answered 409 by the change
    // version + 1 is written back: the top version must leave room for it in the 32-bit column
    expect(versionOf().safeParse(INT32_MAX - 1).success).toBe(true);
    expect(versionOf().safeParse(INT32_MAX).success).toBe(false);
    expect(versionOf().safeParse(-1).success).toBe(false);
    expect(versionText().parse('0')).toBe(0);
    expect(versionText().safeParse('2147483647').success).toBe(false);
  });

  it('says one thing of a wrong integer: its range when out of it (however large), its kind otherwise', () => {
    const issues = (schema: { safeParse(v: unknown): { error?: { issues: { message: string }[] } } }, v: unknown) => schema.safeParse(v).error?.issues.map((i) => i.message);
    const range = `编号须为正整数（1至${INT32_MAX}）`;
    for (const v of [1e20, INT32_MAX + 1, Number.MAX_SAFE_INTEGER + 2, 0, -1, 0.5]) expect(issues(id(), v), String(v)).toEqual([range]);
    expect(issues(id(), 1.5)).toEqual(['编号须为正整数']);
    for (const v of ['99999999999999999999', '2147483648', '0']) expect(issues(idText(), v), v).toEqual([range]);
    expect(issues(int32('年度须为整数', 2000, 2100), 1e20)).toEqual(['年度须为整数（2000至2100）']);
    expect(issues(int32('年度须为整数', 2000, 2100), 2023.5)).toEqual(['年度须为整数']);
    expect(issues(versionOf(), 1e20)).toEqual([`版本号须在0至${INT32_MAX - 1}之间`]);
  });

  it('text() refuses NUL and control characters but keeps tabs and line breaks', () => {
    const s = text().trim().max(20);
    expect(s.parse(' 第一行\n第二行\t（完）\r ')).toBe('第一行\n第二行\t（完）');
    for (const bad of ['a\u0000b', '\u0001', 'x\u001bx', '\u007f']) {
      const r = s.safeParse(bad);
      expect(r.success).toBe(false);
      expect(r.error!.issues[0].message).toContain('控制字符');
    }
  });
});

describe('the control-character net and stored headers', () => {
  it('finds a NUL anywhere in a body, keys included, with its path', () => {
    expect(controlCharProblems({ answer: { value: 'ok' }, list: ['a', { b: 'x\u0000' }] })).toEqual([
      { field: 'list.1.b', message: expect.stringContaining('控制字符') },
    ]);
    expect(controlCharProblems({ 'k\u0000': 1 })[0].field).toBe('"k\\u0000"');
    expect(controlCharProblems({ a: '第一行\n第二行\t' })).toEqual([]);
    // an invisible direction mark or a C1 control in a name: named by its field, as a NUL is
    expect(controlCharProblems({ name: '长沙\u200f市', list: [{ title: 'x\u0085' }], note: '完成👨‍👩‍👧' }).map((p) => p.field)).toEqual(['name', 'list.0.title']);
  });

  it('stores headers without control characters and bounded', () => {
    expect(headerText('agent\u0000/1.0')).toBe('agent/1.0');
    expect(headerText('x'.repeat(1000))).toHaveLength(300);
    expect(headerText(undefined)).toBeNull();
    expect(headerText('\u0000')).toBeNull();
  });
});

describe('JSON depth', () => {
  it('counts nesting outside strings only', () => {
    const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
    expect(jsonDepthExceeds(deep(MAX_JSON_DEPTH), MAX_JSON_DEPTH)).toBe(false);
    expect(jsonDepthExceeds(deep(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH)).toBe(true);
    expect(jsonDepthExceeds(JSON.stringify({ s: '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["\\' }), 3)).toBe(false);
    expect(jsonDepthExceeds('{"a":'.repeat(50_000), MAX_JSON_DEPTH)).toBe(true);
  });
});

describe('Origin', () => {
  const req = (origin: string | undefined, host = 'kaoping.example:8080', protocol: 'http' | 'https' = 'http') => ({
    headers: { origin, host },
    protocol,
  });
  it('accepts no Origin and the site itself', () => {
    expect(sameOrigin(req(undefined))).toBe(true);
    expect(sameOrigin(req('http://kaoping.example:8080'))).toBe(true);
    expect(sameOrigin(req('https://kaoping.example', 'kaoping.example', 'https'))).toBe(true);
    expect(sameOrigin(req('https://kaoping.example:443', 'kaoping.example', 'https'))).toBe(true);
  });
  it('refuses null, garbage, another port and another scheme', () => {
    for (const o of ['null', 'garbage', '://x', 'http://[::1', 'http://kaoping.example:8081', 'https://kaoping.example:8080', 'http://evil.example:8080', 'file:///etc/passwd']) {
      expect(sameOrigin(req(o)), o).toBe(false);
    }
  });
});

describe("Fastify's errors in Chinese", () => {
  const fst = (code: string, statusCode: number, message = 'English words here') => Object.assign(new Error(message), { code, statusCode });
  it('translates each known code and any other 4xx, and leaves 5xx alone', () => {
    const cases: [Error, number][] = [
      [fst('FST_ERR_MAX_PARAM_LENGTH', 414), 414],
      [fst('FST_ERR_BAD_URL', 400), 400],
      [fst('FST_ERR_CTP_INVALID_CONTENT_LENGTH', 400), 400],
      [fst('FST_ERR_CTP_INVALID_MEDIA_TYPE', 415), 415],
      [fst('FST_ERR_CTP_BODY_TOO_LARGE', 413), 413],
      [fst('FST_ERR_ASYNC_CONSTRAINT', 500), 400],
      [fst('FST_INVALID_MULTIPART_CONTENT_TYPE', 406), 415],
      [new Error('Multipart: Boundary not found'), 400],
      [new SyntaxError('Unexpected token'), 400],
      [fst('SOMETHING_NEW', 429, 'Rate limit exceeded, retry in 1 minute'), 429],
      [fst('SOMETHING_NEW', 405, 'Method Not Allowed'), 405],
    ];
    for (const [err, status] of cases) {
      const t = frameworkError(err as never, 1024 * 1024);
      expect(t, err.message).toBeInstanceOf(AppError);
      expect(t!.status).toBe(status);
      expect(isChineseMessage(t!.message), t!.message).toBe(true);
    }
    expect(frameworkError(fst('X', 500) as never, 0)).toBeNull();
    expect(frameworkError(new Error('connection refused') as never, 0)).toBeNull();
  });
});

describe.each(testDialects())('the requests that answered 500, on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    // inject's socket is 127.0.0.1: named as the proxy, so the X-Forwarded-For below is believed (and cleaned)
    t = await makeTestApp(dialect, { trustProxy: ['127.0.0.1'] });
  });
  afterAll(() => t.close());

  it('answers an id beyond the 32-bit column with 400, not 500', async () => {
    const office = await login(t.app, 'office');
    for (const url of ['/api/cycles/2147483648', '/api/cycles/9007199254740993/declarations', '/api/evidence/2147483648']) {
      const res = await office.request('GET', url);
      expect(res.status, url).toBe(400);
      expect(isChineseMessage(res.json.message)).toBe(true);
    }
    // one field, one message (not 须为正整数 and its range both)
    const sec = await login(t.app, 'secadmin');
    const huge = await sec.request('PUT', '/api/users/99999999999999999999/role', { role: 'office', version: 1 });
    expect([huge.status, huge.json.fields]).toEqual([400, [{ field: 'id', message: `编号须为正整数（1至${INT32_MAX}）` }]]);
    const body = await office.request('POST', '/api/cycles/1/scoring/reopen', { departmentId: 2147483648, reason: '重新评分' });
    expect(body.status).toBe(400);
    expect(body.json.fields[0].field).toBe('departmentId');
  });

  it('refuses a NUL in an anonymous login with 400, and stores headers without it', async () => {
    const nul = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'off\u0000ice', password: 'x' } });
    expect(nul.statusCode).toBe(400);
    expect(nul.json().fields[0]).toEqual({ field: 'username', message: expect.stringContaining('控制字符') });
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'user-agent': 'agent\u0000/1', 'x-forwarded-for': '10.0.0.1\u0000' },
      payload: { username: 'office', password: TEST_PASSWORD },
    });
    expect(ok.statusCode).toBe(200);
    const row = await t.db.db.selectFrom('session').select(['user_agent', 'ip']).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    expect(row.user_agent).toBe('agent/1');
    expect(row.ip).toBe('10.0.0.1');
  });

  it('refuses a lone surrogate ("\\ud800" in the JSON text) with 400, not a name stored as U+FFFD', async () => {
    const admin = await login(t.app, 'admin');
    const send = (payload: string) =>
      t.app.inject({ method: 'POST', url: '/api/orgs', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' }, payload });
    for (const name of ['测试\\ud800单位', '测试单位\\udc00', '测试\\ud83d单位']) {
      const res = await send(`{"code":"surrogate-test","name":"${name}","kind":"department","parentId":1}`);
      expect([res.statusCode, res.json().fields], name).toEqual([400, [{ field: 'name', message: expect.stringContaining('控制字符') }]]);
    }
    expect(await t.db.db.selectFrom('org_unit').select('id').where('code', '=', 'surrogate-test').execute()).toEqual([]);
    // a whole emoji (a surrogate pair) is kept
    const ok = await send('{"code":"surrogate-test","name":"测试\\ud83d\\udc4d单位","kind":"department","parentId":1}');
    expect([ok.statusCode, ok.json().name]).toEqual([201, '测试👍单位']);
  });

  it('refuses a list of 40,000 member departments with 400 before the database (too many SQL variables: 500)', async () => {
    const office = await login(t.app, 'office');
    const ids = Array.from({ length: 40_000 }, (_, i) => i + 1);
    for (const [url, body] of [
      ['/api/cycles', { year: 2031, deadline: '2031-07-10', departmentIds: ids, baseFrameworkId: 'hunan-assessment-2022' }],
      ['/api/cycles/1/scoring/remind', { departmentIds: ids }],
      ['/api/schemes/1/apply-declarations', { departmentIds: ids, version: 1 }],
    ] as const) {
      const res = await office.request('POST', url, body);
      expect([res.status, res.json.fields], url).toEqual([400, [{ field: 'departmentIds', message: `成员单位不超过${MAX_DEPARTMENTS}个` }]]);
    }
  });

  it('refuses 50,000-element lists without a bound before: a cycle\'s grade bands (a 400 of 3.9 MB, one problem a band), a consultation\'s findings, a plan\'s peer criteria', async () => {
    const office = await login(t.app, 'office');
    const bands = Array.from({ length: 40_000 }, () => ({ grade: 'A', min: 9 }));
    const started = Date.now();
    const cycle = await office.request('POST', '/api/cycles', { year: 2031, deadline: '2031-07-10', departmentIds: [1], baseFrameworkId: 'hunan-assessment-2022', gradeBands: bands });
    expect([cycle.status, cycle.json.fields]).toEqual([400, [{ field: 'gradeBands', message: '等级不超过10个' }]]);
    expect(Date.now() - started).toBeLessThan(2000);
    const findings = answerConsultationBody.safeParse({ version: 1, findings: Array.from({ length: 50_000 }, () => ({ code: 'I1', applies: false })), answer: '经核实不存在该情形' });
    expect(findings.success ? [] : findings.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['findings', '不予受理情形不超过20种']]);
    const peers = Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, []]));
    const plan = planBody.shape.peers.safeParse(peers);
    expect(plan.success ? [] : plan.error.issues.map((i) => i.message)).toEqual(['排名类评分细则不超过20项']);
  });

  it('refuses a 50,000-deep answer before the engine', async () => {
    const office = await login(t.app, 'office');
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/cycles/1/scores/1/1/a',
      headers: { cookie: office.cookie, 'x-csrf-token': office.csrf, 'content-type': 'application/json' },
      payload: `{"answer":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)},"version":null}`,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe(`请求内容嵌套层数过多（最多${MAX_JSON_DEPTH}层）`);
  });

  it('answers an Origin of null, garbage or another port on login with 403 in Chinese', async () => {
    for (const origin of ['null', 'garbage', 'http://localhost:81', 'https://localhost:80']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { origin, host: 'localhost:80' },
        payload: { username: 'office', password: TEST_PASSWORD },
      });
      expect(res.statusCode, origin).toBe(403);
      expect(res.json().message).toContain('不接受来自其他站点的请求');
    }
    const same = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: 'http://localhost', host: 'localhost:80' },
      payload: { username: 'office', password: TEST_PASSWORD },
    });
    expect(same.statusCode).toBe(200);
  });

  it("answers Fastify's own refusals in Chinese: over-long parameter, bad URL, broken multipart", async () => {
    const office = await login(t.app, 'office');
    const long = await office.request('GET', `/api/cycles/${'1'.repeat(5000)}`);
    expect(long.status).toBe(414);
    expect(long.json).toEqual({ error: 'uri_too_long', message: '请求地址中的参数过长，请检查地址' });
    const badUrl = await office.request('GET', '/api/cycles/%E0%A4%A');
    expect(badUrl.status).toBe(400);
    expect(isChineseMessage(badUrl.json.message)).toBe(true);
    const mp = await office.request('POST', '/api/evidence', '{}', { 'content-type': 'multipart/form-data' });
    expect(mp.status).toBe(400);
    expect(isChineseMessage(mp.json.message)).toBe(true);
  });

  it('answers a request Node cannot parse (a raw 中文 in the address, an over-long header) in Chinese, as JSON', async () => {
    // only a real socket reaches Node's HTTP parser: a browser encodes the address, a script or a proxy may not
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = t.app.server.address() as import('node:net').AddressInfo;
    const raw = (head: Buffer) =>
      new Promise<string>((resolve, reject) => {
        const socket = net.connect(port, '127.0.0.1', () => socket.write(head));
        const chunks: Buffer[] = [];
        socket.on('data', (c) => chunks.push(c));
        socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
        socket.on('error', reject);
      });
    const answer = (text: string) => {
      const [head, body] = text.split('\r\n\r\n');
      return { status: Number(head.split(' ')[1]), type: /content-type: ([^\r]*)/i.exec(head)?.[1], length: Number(/content-length: (\d+)/i.exec(head)?.[1]), body: body ? JSON.parse(body) : null, bytes: Buffer.byteLength(body ?? '') };
    };
    const chinese = answer(await raw(Buffer.from('GET /api/honours?q=湖南 HTTP/1.1\r\nHost: x\r\n\r\n', 'utf8')));
    expect(chinese).toMatchObject({ status: 400, type: 'application/json; charset=utf-8', body: { error: 'bad_request' } });
    expect(chinese.length).toBe(chinese.bytes);
    expect(chinese.body.message).toContain('请求地址或请求头含有无法识别的字符');
    const huge = answer(await raw(Buffer.from(`GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`)));
    expect(huge).toMatchObject({ status: 431, body: { error: 'header_too_large' } });
    expect(isChineseMessage(huge.body.message)).toBe(true);
  });
});

describe('zod messages', () => {
  it('are Chinese even when a schema carries an English message', async () => {
    const { parseOr400 } = await import('./core/validation');
    const { z } = await import('../shared/contracts/common');
    const schema = z.strictObject({ a: z.number({ error: 'Expected a number here' }), b: z.string().max(2) });
    try {
      parseOr400(schema, { a: 'x', b: 'long', c: 1 }, 'body');
      expect.unreachable();
    } catch (e) {
      const err = e as AppError;
      expect(err.status).toBe(400);
      expect(err.fields!.map((f) => f.field).sort()).toEqual(['a', 'b', 'c']);
      for (const f of err.fields!) expect(isChineseMessage(f.message), f.message).toBe(true);
      expect(err.fields!.find((f) => f.field === 'a')!.message).toBe('类型不正确');
    }
  });
});
