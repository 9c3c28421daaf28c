/**
 * A value outside a field's choices (a state, a kind, a method, an audit filter …) is refused in Chinese that names
 * the field as the page does and lists the choices as the page shows them, each code in brackets after its name
 * (来源应为年度考核失分（assessment）或规划指标滞后（indicator）), never a bare code list (汇总方式须为 mean（…）…).
 *
 * The fields are found from the OpenAPI document, so a new route is covered by itself: every query parameter with
 * choices (an enum, or a comma-separated list of states, `x-choices`), and every enum in a JSON body reached
 * through its objects and lists, and the audit log's free filters, whose names must be Chinese too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldLabel } from '../shared/contracts/field-labels';
import { PERMISSIONS } from '../shared/permissions';
import { DEMO_ACCOUNTS } from './seed/seed';
import { isChineseMessage } from './test/chinese';
import { auditRoutes } from './modules/audit';
import { login, makeTestApp, testDialects, type TestApp } from './test/helpers';
import { unlabelledFields } from './test/unlabelled-fields';
import { apiOperations, clientsByRole, sample, type ApiOperation, type ApiParam, type JsonSchema as Schema } from './test/openapi';

const WRONG = 'no_such_choice';

/** The codes a field chooses from, or undefined: an enum of two or more, or a list of states (`x-choices`). */
function choices(s: Schema | undefined): string[] | undefined {
  if (!s) return undefined;
  if (s['x-choices']) return s['x-choices'];
  if (s.enum && s.enum.length > 1) return s.enum.map(String);
  for (const alt of s.anyOf ?? s.oneOf ?? []) {
    const c = choices(alt);
    if (c) return c;
  }
  return undefined;
}

/**
 * Every enum of a body schema, through its objects, lists and alternatives: its path, its codes, and a body that is
 * a plausible sample but for that field, which holds a wrong value (inside an alternative, that alternative's sample,
 * so a rule of type "linear" carries the linear rule's fields).
 */
function wrongBodies(s: Schema | undefined, depth = 0): { path: (string | number)[]; codes: string[]; body: unknown }[] {
  if (!s || depth > 10) return [];
  const codes = choices(s);
  if (codes) return [{ path: [], codes, body: WRONG }];
  const out: { path: (string | number)[]; codes: string[]; body: unknown }[] = [];
  for (const [k, v] of Object.entries(s.properties ?? {}))
    for (const w of wrongBodies(v, depth + 1)) out.push({ path: [k, ...w.path], codes: w.codes, body: { ...(frame(s) as object), [k]: w.body } });
  if (s.items)
    for (const w of wrongBodies(s.items, depth + 1)) {
      const rest = Array.from({ length: Math.max((s.minItems ?? 1) - 1, 0) }, () => frame(s.items));
      out.push({ path: [0, ...w.path], codes: w.codes, body: [w.body, ...rest] });
    }
  for (const alt of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])]) out.push(...wrongBodies(alt, depth + 1));
  return out;
}

/** A plausible body around the wrong field (only a frame, it need not be accepted), with a well-formed 文号: its pattern sits behind a pipe the input schema does not show. */
function frame(s: Schema | undefined): unknown {
  const v = sample(s);
  return v && typeof v === 'object' && 'docNumber' in v ? { ...v, docNumber: '湘质强办〔2026〕12号' } : v;
}

const CJK = /[\u3400-\u9fff]/;

/**
 * What is wrong with the message for a field chosen wrongly, or undefined: the field named in Chinese, the field's own
 * message Chinese, not opening with a code, and every code it mentions in brackets after its name ("名称（code）").
 */
function problem(path: readonly (string | number)[], overall: unknown, fieldMessage: string, codes: string[]): string | undefined {
  const label = fieldLabel(path);
  if (/[A-Za-z]/.test(label)) return `the field is not named in Chinese: ${label}`;
  if (typeof overall !== 'string' || !overall.includes(`${label}：`)) return `the message does not name ${label}: ${String(overall)}`;
  if (!isChineseMessage(fieldMessage) || !CJK.test(fieldMessage)) return `not Chinese: ${fieldMessage}`;
  if (/^[\s"'“]*[A-Za-z0-9_-]/.test(fieldMessage)) return `opens with a code: ${fieldMessage}`;
  for (const code of codes.filter((c) => /^[\x21-\x7e]+$/.test(c))) {
    const bare = new RegExp(`(^|[^（A-Za-z0-9_-])${code.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9_（-])`);
    const inBrackets = new RegExp(`[^\\s（、，,：]（-?${code.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}）`);
    if (bare.test(fieldMessage) || (fieldMessage.includes(code) && !inBrackets.test(fieldMessage))) return `${code} is not in brackets after its name: ${fieldMessage}`;
  }
  return undefined;
}

describe.each(testDialects())('a wrong choice is told in Chinese on %s', (dialect) => {
  let t: TestApp;
  let ops: ApiOperation[];
  const clientFor = clientsByRole(() => t.app);

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    ops = (await apiOperations(await login(t.app, DEMO_ACCOUNTS.find((a) => a.role === 'office')!.username))).filter((op) => op.path !== '/api/auth/logout');
  }, 120_000);
  afterAll(() => t?.close());

  const queryValue = (o: ApiParam) => {
    const c = choices(o.schema);
    if (c) return c[0]!;
    const types = [o.schema.type].flat();
    if (types.includes('integer') || types.includes('number') || o.schema.pattern === '^[0-9]+$') return /year/i.test(o.name) ? '2023' : '1';
    return 'x';
  };

  it('names the field and its choices, label first, for every query parameter with choices', async () => {
    const failures: string[] = [];
    const seen = new Set<string>();
    for (const op of ops) {
      const withChoices = op.parameters.filter((p) => p.in === 'query' && choices(p.schema));
      if (!withChoices.length) continue;
      const client = await clientFor(op);
      const path = op.path.replace(/\{\w+\}/g, '999999');
      for (const p of withChoices) {
        seen.add(p.name);
        seen.add(`${op.path} ${p.name}`);
        const others = op.parameters.filter((o) => o.in === 'query' && o.required && o.name !== p.name).map((o) => `${o.name}=${queryValue(o)}`);
        const url = `${path}?${[...others, `${p.name}=${WRONG}`].join('&')}`;
        const res = await client.request(op.method as never, url, op.body ? frame(op.body) : undefined);
        const field = ((res.json?.fields ?? []) as { field: string; message: string }[]).find((f) => f.field === p.name);
        if (res.status !== 400 || !field) failures.push(`${op.method} ${url} → ${res.status} ${JSON.stringify(res.json).slice(0, 200)}`);
        else {
          const why = problem([p.name], res.json.message, field.message, choices(p.schema)!);
          if (why) failures.push(`${op.method} ${url}: ${why}`);
        }
      }
    }
    console.log(`query parameters with choices: ${[...seen].filter((x) => !x.includes(' ')).sort().join(', ')}`);
    expect(failures).toEqual([]);
    for (const name of ['status', 'sort', 'view', 'detail', 'outcome', 'source', 'light', 'scope', 'all']) expect(seen, name).toContain(name);
    // a list of states (statesFilter) is found by its x-choices
    expect(seen).toContain('/api/cycles status');
  }, 300_000);

  it('names the field and its choices, label first, for every enum of a JSON body', async () => {
    const failures: string[] = [];
    const seen = new Set<string>();
    for (const op of ops) {
      if (!op.body) continue;
      const wrong = wrongBodies(op.body);
      if (!wrong.length) continue;
      const client = await clientFor(op);
      const url = op.path.replace(/\{\w+\}/g, '999999');
      for (const { path: at, codes, body } of wrong) {
        const key = at.join('.');
        seen.add(key);
        const res = await client.request(op.method as never, url, body);
        const field = ((res.json?.fields ?? []) as { field: string; message: string }[]).find((f) => f.field === key);
        if (res.status !== 400 || !field) failures.push(`${op.method} ${url} ${key} → ${res.status} ${JSON.stringify(res.json).slice(0, 300)}`);
        else {
          const why = problem(at, res.json.message, field.message, codes);
          if (why) failures.push(`${op.method} ${url} ${key}: ${why}`);
        }
      }
    }
    console.log(`body fields with choices: ${[...seen].sort().join(', ')}`);
    expect(failures).toEqual([]);
    for (const name of ['method', 'event', 'kind', 'role', 'level']) expect(seen, name).toContain(name);
  }, 300_000);

  it('names the audit log filters in Chinese when one is given twice or is no date', async () => {
    expect(unlabelledFields(auditRoutes)).toEqual([]);
    const client = await login(t.app, DEMO_ACCOUNTS.find((a) => a.role === PERMISSIONS[ops.find((o) => o.path === '/api/audit')!.permission as keyof typeof PERMISSIONS].roles[0])!.username);
    const failures: string[] = [];
    for (const name of ['from', 'to', 'username', 'action', 'entityType', 'outcome']) {
      const res = await client.request('GET', `/api/audit?${name}=2023-01-01&${name}=2023-01-02`);
      const field = ((res.json?.fields ?? []) as { field: string; message: string }[]).find((f) => f.field === name);
      if (res.status !== 400 || !field || !CJK.test(fieldLabel([name])) || !field.message.startsWith(fieldLabel([name]))) failures.push(`${name} twice → ${res.status} ${JSON.stringify(res.json)}`);
    }
    for (const name of ['from', 'to']) {
      const res = await client.request('GET', `/api/audit?${name}=2023-02-30`);
      const field = ((res.json?.fields ?? []) as { field: string; message: string }[]).find((f) => f.field === name);
      if (res.status !== 400 || !field || !field.message.startsWith(fieldLabel([name]))) failures.push(`${name}=2023-02-30 → ${res.status} ${JSON.stringify(res.json)}`);
    }
    expect(failures).toEqual([]);
  });
});
