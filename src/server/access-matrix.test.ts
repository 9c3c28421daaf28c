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
