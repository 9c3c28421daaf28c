/**
 * The role × route matrix: every declared route, called by every role and by nobody. A role without the
 * route's permission gets 403, nobody gets 401, a role with it gets past authorization (its answer may
 * still be 400 for the empty body or 404 for the placeholder id, but never 401/403).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, PERMISSIONS } from '../shared/permissions';
import { menuFor } from '../shared/menu';
import { ROLES, type Role } from '../shared/roles';
import { ALL_ROUTES } from './routes';
import { DEMO_ACCOUNTS } from './seed/seed';
import { login, makeTestApp, testDialects, type Client, type TestApp } from './test/helpers';

const usernameOf = (role: Role) => DEMO_ACCOUNTS.find((a) => a.role === role)!.username;
const urlOf = (url: string) => url.replace(/:id\b/g, '999999');

describe.each(testDialects())('role × route matrix on %s', (dialect) => {
  let t: TestApp;
  const clients = new Map<Role, Client>();
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    for (const role of ROLES) clients.set(role, await login(t.app, usernameOf(role)));
  });
  afterAll(() => t.close());

  it('has a demo account for every role', () => {
    for (const role of ROLES) expect(DEMO_ACCOUNTS.some((a) => a.role === role)).toBe(true);
  });

  it('declares a known access rule on every route', () => {
    for (const r of ALL_ROUTES) {
      expect(r.access === 'public' || r.access === 'authenticated' || r.access in PERMISSIONS, `${r.method} ${r.url}`).toBe(true);
    }
  });

  const cases = ALL_ROUTES.flatMap((r) => [
    { route: r, role: null as Role | null },
    ...ROLES.map((role) => ({ route: r, role: role as Role | null })),
  ]);

  it.each(cases.map((c) => [`${c.route.method} ${c.route.url}`, c.role ?? '未登录', c] as const))('%s as %s', async (_n, _r, c) => {
    const { route: r, role } = c;
    const body = ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method) ? {} : undefined;
    let status: number;
    if (role === null) {
      const res = await t.app.inject({ method: r.method, url: urlOf(r.url), ...(body ? { payload: body } : {}) });
      status = res.statusCode;
    } else {
      // Logging out ends the session, so that route gets a session of its own.
      const client = r.url === '/api/auth/logout' ? await login(t.app, usernameOf(role)) : clients.get(role)!;
      status = (await client.request(r.method, urlOf(r.url), body)).status;
    }
    if (r.access === 'public') {
      expect([401, 403]).not.toContain(status);
    } else if (role === null) {
      expect(status).toBe(401);
    } else if (r.access === 'authenticated' || can(role, r.access)) {
      expect([401, 403]).not.toContain(status);
    } else {
      expect(status).toBe(403);
    }
  });

  it('keeps the handlers that are not route()s (the API description and its UI) behind the same sign-in and password gates', async () => {
    // every path Fastify serves, read from its route tree (4 columns a level), less the declared routes and the web shell
    const declared = new Set(ALL_ROUTES.map((r) => `${r.method} ${r.url}`));
    const stack: string[] = [];
    const raw: string[] = [];
    for (const line of t.app.printRoutes({ commonPrefix: false }).split('\n')) {
      const m = /^([\s│├└─]*)(\S+) \(([A-Z, ]+)\)$/.exec(line);
      if (!m) continue;
      const level = m[1].length / 4 - 1;
      stack[level] = (level > 0 ? stack[level - 1] : '') + m[2];
      stack.length = level + 1;
      const path = stack[level];
      if (!path.startsWith('/api/')) continue;
      for (const method of m[3].split(', ').filter((x) => x !== 'HEAD')) if (!declared.has(`${method} ${path}`)) raw.push(`${method} ${path}`);
    }
    expect(raw.sort()).toEqual([
      'GET /api/docs',
      'GET /api/docs/',
      'GET /api/docs/*',
      'GET /api/docs/json',
      'GET /api/docs/static/index.html',
      'GET /api/docs/static/swagger-initializer.js',
      'GET /api/docs/yaml',
      'GET /api/openapi.json',
    ]);
    const mustChange = await login(t.app, usernameOf('office'));
    await t.db.db.updateTable('app_user').set({ must_change_password: 1 }).where('username', '=', usernameOf('office')).execute();
    try {
      for (const r of raw) {
        const url = r.slice(4).replace('*', 'static/swagger-ui.css');
        const anon = await t.app.inject({ method: 'GET', url });
        expect([anon.statusCode, anon.statusCode === 401 ? anon.json().message : anon.body.slice(0, 40)], url).toEqual([401, '请先登录：接口文档只对已登录的用户开放']);
        const gated = await mustChange.request('GET', url);
        expect([gated.status, gated.json.error], url).toEqual([403, 'password_change_required']);
      }
    } finally {
      await t.db.db.updateTable('app_user').set({ must_change_password: 0 }).where('username', '=', usernameOf('office')).execute();
    }
  });

  it('keeps the three administrators away from business data and business roles away from administration', () => {
    for (const admin of ['sysadmin', 'secadmin', 'auditor'] as const) expect(can(admin, 'framework.read')).toBe(false);
    for (const r of ['office', 'department', 'unit', 'expert', 'leader'] as const) {
      expect(can(r, 'user.manage') || can(r, 'user.security') || can(r, 'audit.read')).toBe(false);
    }
    expect(can('sysadmin', 'audit.read')).toBe(false);
    expect(can('auditor', 'user.manage')).toBe(false);
  });

  it('derives each role menu from the permission table', () => {
    expect(menuFor('auditor').map((m) => m.label)).toEqual(['待办事项', '审计日志']);
    expect(menuFor('sysadmin').map((m) => m.label)).toEqual(['待办事项', '组织机构', '用户管理']);
    expect(menuFor('department').map((m) => m.label)).toEqual(['待办事项', '年度考核', '创建评价', '规划指标监测', '数据填报', '数据审核', '荣誉名录', '激励政策', '奖励测算', '工作要点督办', '整改事项', '指标体系']);
    expect(menuFor('expert').map((m) => m.label)).toEqual(['待办事项', '创建评价', '指标体系']);
  });
});
