/**
 * The web client in a real browser against the real server: sign-in for every demo role (menu and header),
 * wrong password and lockout messages, logout, idle timeout, the login page's download size, a user
 * created by the system administrator showing up in the auditor's log and approved by the security
 * administrator, and the one-time password after a reset (only the change-password form until changed).
 */
import { afterAll, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../src/server/seed/seed';
import { menuFor } from '../src/shared/menu';
import { BROWSER_CONTEXT, browserSuite, DEMO_PASSWORD, logIn, screenshot, settled } from './harness';

const { suite, served, browser } = browserSuite('auth.e2e');

/** Chunks only the signed-in application needs; the login page must download none of them. */
const APP_CHUNKS = /\/assets\/(AppLayout|TodosPage|UsersPage|OrgsPage|AuditPage|FrameworksPage|FrameworkDetailPage|ChangePasswordPage|Table|tree|zod)-[^/]*\.js/;

suite('登录、菜单与权限（浏览器）', () => {
  const contexts: BrowserContext[] = [];

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
  });

  async function newPage(): Promise<Page> {
    const context = await browser().newContext(BROWSER_CONTEXT);
    contexts.push(context);
    return context.newPage();
  }

  async function fillLogin(page: Page, username: string, password: string): Promise<void> {
    if (!page.url().endsWith('/login')) await page.goto(`${served().url}/login`);
    await page.locator('#username').fill(username);
    await page.locator('#password').fill(password);
    await page.locator('button[type=submit]').click();
  }

  /** Sign in through the form and wait until the home has loaded (the 待办 list; a leader's is the 驾驶舱). */
  async function signInHome(page: Page, username: string): Promise<void> {
    const leader = username === 'leader';
    const homeLoaded = page.waitForResponse((r) => r.url().includes(leader ? '/api/dashboard' : '/api/todos?status=open'));
    await logIn(page, served().url, username, { landing: leader ? /\/dashboard$/ : /\/todos$/ });
    await homeLoaded;
  }

  // the labels only (a menu entry may carry its count of open to-dos beside the label)
  const menuLabels = (page: Page) => page.locator('.ant-layout-sider .ant-menu-item .kp-menu-label').allTextContents();
  const loginAlert = (page: Page) => page.locator('.ant-alert[role=alert]');

  it('系统要求减少动态效果时，界面不播放过渡动画；未要求时照常播放', async () => {
    const durations = async (reducedMotion: 'reduce' | 'no-preference') => {
      const context = await browser().newContext({ ...BROWSER_CONTEXT, reducedMotion });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(`${served().url}/login`);
      const button = page.locator('button[type=submit]');
      await button.waitFor();
      const d = await button.evaluate((el) => getComputedStyle(el).transitionDuration);
      await context.close();
      return d.split(',').map((x) => parseFloat(x));
    };
    expect((await durations('reduce')).every((x) => x === 0)).toBe(true);
    expect((await durations('no-preference')).some((x) => x > 0)).toBe(true);
  });

  it('登录页不下载后台页面的代码', async () => {
    const page = await newPage();
    const urls: string[] = [];
    page.on('request', (r) => urls.push(r.url()));
    await page.goto(`${served().url}/login`);
    await page.locator('#username').waitFor();
    await page.waitForLoadState('networkidle');
    const scripts = urls.filter((u) => u.endsWith('.js'));
    expect(scripts.some((u) => /\/assets\/LoginPage-/.test(u))).toBe(true);
    expect(scripts.filter((u) => APP_CHUNKS.test(u))).toEqual([]);
    await expect(page.title()).resolves.toBe('考评 — 质量工作考核评价平台');
    await expect(page.locator('h1').textContent()).resolves.toBe('考评');
    await expect(page.getByText('湖南省质量工作考核评价平台').count()).resolves.toBe(1);
    await screenshot(page, 'auth-login-page');
  });

  for (const account of DEMO_ACCOUNTS) {
    it(`${account.username}（${account.role}）登录后看到本角色的菜单与姓名`, async () => {
      const page = await newPage();
      await signInHome(page, account.username);
      expect(await menuLabels(page)).toEqual(menuFor(account.role).map((m) => m.label));
      await expect(page.getByTestId('header-display-name').textContent()).resolves.toBe(account.displayName);
      await page.getByText('待办事项', { exact: true }).first().waitFor();
      await screenshot(page, `auth-role-${account.username}`);
      await page.context().close();
    });
  }

  it('密码错误与用户名不存在时提示相同', async () => {
    const page = await newPage();
    await fillLogin(page, 'samr', 'Wrong-Password-1');
    await expect(loginAlert(page).textContent()).resolves.toBe('用户名或密码错误');
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
    await fillLogin(page, 'no.such.user', 'Wrong-Password-1');
    await answered;
    await expect(loginAlert(page).textContent()).resolves.toBe('用户名或密码错误');
    await screenshot(page, 'auth-wrong-password');
  });

  it('同一来源连续输错 5 次后被暂停登录该账户，正确密码也不能登录', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${served().url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'yuelu', password: `Wrong-Password-${i}` }),
      });
      expect([401, 423]).toContain(res.status);
    }
    const page = await newPage();
    await fillLogin(page, 'yuelu', DEMO_PASSWORD);
    await expect(loginAlert(page).textContent()).resolves.toContain('登录失败次数过多，已暂停从当前网络地址登录该账户');
    expect(page.url()).toMatch(/\/login$/);
    await screenshot(page, 'auth-locked');
  });

  it('退出登录回到登录页，之后访问后台页面要求重新登录', async () => {
    const page = await newPage();
    await signInHome(page, 'office');
    await page.getByTestId('header-user').click();
    await page.getByRole('menuitem', { name: /退出登录/ }).click();
    await page.waitForURL(/\/login$/);
    await page.locator('#username').waitFor();
    await page.goto(`${served().url}/admin/orgs`);
    await page.waitForURL(/\/login$/);
    await page.locator('#username').waitFor();
  });

  it('一个窗口退出登录、换人登录，同一浏览器的另一窗口随即跟随，不在前一人的姓名下显示后一人的数据', async () => {
    const a = await newPage();
    await signInHome(a, 'office');
    const b = await a.context().newPage();
    await b.goto(`${served().url}/honours`);
    await b.getByTestId('header-user').waitFor();
    await expect(b.getByTestId('header-user').textContent()).resolves.toContain('唐碧辉');
    await a.getByTestId('header-user').click();
    await a.getByRole('menuitem', { name: /退出登录/ }).click();
    await a.waitForURL(/\/login$/);
    // the other window goes to the login page by itself, saying why, without a request of its own
    await b.waitForURL(/\/login$/);
    await expect(loginAlert(b).first().textContent()).resolves.toContain('您已在其他窗口退出登录');
    // someone else signs in in the first window: the other returns to its page, under that user's name
    await fillLogin(a, 'yueyang.office', DEMO_PASSWORD);
    await a.waitForURL(/\/todos$/);
    await b.waitForURL(/\/honours$/);
    await b.getByTestId('header-user').waitFor();
    await expect(b.getByTestId('header-user').textContent()).resolves.not.toContain('唐碧辉');
    await expect(b.getByTestId('header-user').textContent()).resolves.toContain(await a.getByTestId('header-user').textContent());
  });

  it('另一窗口的请求在退出登录之后才到达服务器：仍说明是在其他窗口退出登录，而不是笼统的“请先登录”，换人登录后回到原页面', async () => {
    const a = await newPage();
    await signInHome(a, 'office');
    const b = await a.context().newPage();
    // the other window's list request is held until the sign-out has reached the server, so it meets the ended session
    let release = () => undefined as void;
    const signedOut = new Promise<void>((resolve) => (release = resolve));
    await b.route(/\/api\/honours\?/, async (route) => {
      await signedOut;
      await route.continue();
    });
    const held = b.waitForRequest(/\/api\/honours\?/);
    await b.goto(`${served().url}/honours`);
    await held;
    await b.getByTestId('header-user').waitFor();
    const loggedOut = a.waitForResponse((r) => r.url().endsWith('/api/auth/logout'));
    await a.getByTestId('header-user').click();
    await a.getByRole('menuitem', { name: /退出登录/ }).click();
    await loggedOut;
    const refused = b.waitForResponse((r) => /\/api\/honours\?/.test(r.url()));
    release();
    expect((await refused).status()).toBe(401);
    await b.waitForURL(/\/login$/);
    await settled(b);
    await expect(loginAlert(b).first().textContent()).resolves.toContain('您已在其他窗口退出登录');
    await fillLogin(a, 'yueyang.office', DEMO_PASSWORD);
    await a.waitForURL(/\/todos$/);
    await b.waitForURL(/\/honours$/);
  });

  it('会话超时后，下一次操作回到登录页并显示服务器的提示', async () => {
    const page = await newPage();
    await signInHome(page, 'leader');
    const leader = await served().db.db.selectFrom('app_user').select('id').where('username', '=', 'leader').executeTakeFirstOrThrow();
    const longAgo = new Date(Date.now() - 3 * 3600_000).toISOString();
    await served().db.db.updateTable('session').set({ last_seen_at: longAgo }).where('user_id', '=', leader.id).execute();
    await page.locator('.ant-layout-sider').getByText('组织机构').click();
    await page.waitForURL(/\/login$/);
    await expect(loginAlert(page).textContent()).resolves.toContain('分钟未操作，登录已超时，请重新登录');
    // signing in again returns to the page the user was on
    await fillLogin(page, 'leader', DEMO_PASSWORD);
    await page.waitForURL(/\/admin\/orgs$/);
    await screenshot(page, 'auth-idle-timeout-return');
  });

  it('无权限的页面显示“无权访问”，不存在的页面显示 404', async () => {
    const page = await newPage();
    await signInHome(page, 'expert');
    await page.goto(`${served().url}/admin/users`);
    await page.getByText('无权访问', { exact: true }).waitFor();
    await page.goto(`${served().url}/no-such-page`);
    await page.getByText('页面不存在', { exact: true }).waitFor();
  });

  it('系统管理员通过表单新建用户（待安全管理员审核），审计管理员在审计日志中看到这次操作', async () => {
    const admin = await newPage();
    await signInHome(admin, 'admin');
    await admin.locator('.ant-layout-sider').getByText('用户管理').click();
    await admin.waitForURL(/\/admin\/users$/);
    await admin.getByRole('button', { name: /新建用户/ }).click();
    const modal = admin.locator('.ant-modal').filter({ hasText: '新建用户' });
    await modal.waitFor();

    await modal.locator('#username').fill('e2e.tester');
    await modal.locator('#displayName').fill('测试专家甲');
    await modal.locator('#role').click();
    await admin.locator('.ant-select-item-option[title="评价专家"]').click();
    await modal.locator('#orgUnitId').click();
    await modal.locator('#orgUnitId').fill('质量强省领导小组办公室');
    await admin.locator('.ant-select-tree-node-content-wrapper[title="湖南省质量强省领导小组办公室"]').click();
    await modal.locator('#phone').fill('0731-88888888');
    // 三员分立: no password here — the security administrator's approval issues a one-time password
    await modal.getByText('新建账户不设密码：安全管理员审核通过时由系统生成一次性密码').waitFor();
    expect(await modal.locator('#password').count()).toBe(0);
    await screenshot(admin, 'auth-create-user-form');
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();
    await modal.waitFor({ state: 'hidden' });

    const row = admin.locator('.ant-table-row').filter({ hasText: 'e2e.tester' });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('测试专家甲');
    await expect(row.textContent()).resolves.toContain('评价专家');
    await expect(row.textContent()).resolves.toContain('待审核');
    await screenshot(admin, 'auth-users-after-create');

    const auditor = await newPage();
    await signInHome(auditor, 'auditor');
    await auditor.locator('.ant-layout-sider').getByText('审计日志').click();
    await auditor.waitForURL(/\/audit$/);
    await auditor.getByText(/^审计日志哈希链完整：共\d+条$/).waitFor();
    const entry = auditor.locator('.ant-table-row').filter({ hasText: '新建用户' }).first();
    await entry.waitFor();
    await expect(entry.textContent()).resolves.toContain('admin');
    await expect(entry.textContent()).resolves.toContain('用户「e2e.tester」');
    await entry.locator('.ant-table-row-expand-icon').click();
    // the change in words: 用户名：e2e.tester (not the stored JSON)
    await auditor.getByTestId('audit-fields').filter({ hasText: '用户名：e2e.tester' }).first().waitFor();
    await screenshot(auditor, 'auth-audit-user-create');
  }, 120_000);

  it('安全管理员从待办进入用户管理，解锁被锁定的账户', async () => {
    const page = await newPage();
    await signInHome(page, 'secadmin');
    const todo = page.locator('.ant-list-item').filter({ hasText: '账户yuelu' });
    await todo.waitFor();
    await screenshot(page, 'auth-secadmin-todos');
    await todo.getByRole('link', { name: /去办理/ }).click();
    await page.waitForURL(/\/admin\/users\?q=yuelu$/);
    await expect(page.getByPlaceholder('姓名或用户名').inputValue()).resolves.toBe('yuelu');
    const row = page.locator('.ant-table-row').filter({ hasText: 'yuelu' });
    await row.getByText('已锁定').waitFor();
    await row.getByRole('button', { name: /解\s*锁/ }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /解\s*锁/ }).click();
    await page.getByText('已解锁账户yuelu').waitFor();
    await row.getByText('已锁定').waitFor({ state: 'detached' });
    await screenshot(page, 'auth-secadmin-users');
    // at 1,366 px with the menu open, a last sign-in is read whole, clear of the fixed 操作 column
    await page.getByPlaceholder('姓名或用户名').fill('secadmin');
    await page.getByPlaceholder('姓名或用户名').press('Enter');
    const me = page.locator('.ant-table-row').filter({ hasText: 'secadmin' });
    const last = me.getByTestId('last-login');
    await expect.poll(() => last.textContent()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    const lastBox = (await last.boundingBox())!;
    const actionsBox = (await me.locator('td.ant-table-cell-fix-right').boundingBox())!;
    expect(lastBox.x + lastBox.width).toBeLessThanOrEqual(actionsBox.x);
  });

  it('所属单位名称很长（60 字）时，用户列表在 1366 像素下仍完整显示状态与最近登录，单位名以省略号截断', async () => {
    const db = served().db.db;
    const city = await db.selectFrom('org_unit').select('id').where('code', '=', '430600').executeTakeFirstOrThrow();
    const at = new Date().toISOString();
    const longName = '岳阳市城陵矶新港区临港产业新区经济技术开发区管理委员会质量工作领导小组';
    const org = await db
      .insertInto('org_unit')
      .values({ code: '430698', name: longName, short_name: null, kind: 'county', parent_id: city.id, sort_order: 0, version: 1, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    const admin = await newPage();
    await signInHome(admin, 'admin');
    const made = await admin.evaluate(
      async ([orgUnitId]) => {
        const me = await (await fetch('/api/auth/me')).json();
        const r = await fetch('/api/users', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
          body: JSON.stringify({ username: 'e2e.longunit', displayName: '欧阳诸葛司马上官慕容端木长孙宇文令狐', role: 'unit', orgUnitId }),
        });
        return r.status;
      },
      [org.id],
    );
    expect(made).toBe(201);
    const page = await newPage();
    await signInHome(page, 'secadmin');
    await page.goto(`${served().url}/admin/users`);
    const row = page.locator('.ant-table-row').filter({ hasText: 'e2e.longunit' });
    await row.getByText('待审核').waitFor();
    await settled(page);
    await screenshot(page, 'auth-users-long-unit');
    const actions = (await row.locator('td.ant-table-cell-fix-right').boundingBox())!;
    const status = (await row.getByText('待审核').boundingBox())!;
    expect(status.x + status.width).toBeLessThanOrEqual(actions.x);
    // every row's 最近登录 is clear of 操作 too (the long name widened the column for all of them)
    const other = page.locator('.ant-table-row').filter({ hasText: 'zhuzhou.new' });
    const lastBox = (await other.getByTestId('last-login').boundingBox())!;
    expect(lastBox.x + lastBox.width).toBeLessThanOrEqual((await other.locator('td.ant-table-cell-fix-right').boundingBox())!.x);
    await expect(row.locator('td').filter({ hasText: '岳阳市城陵矶' }).getAttribute('title')).resolves.toBe(longName);
  });

  it('安全管理员审核通过新账户（看到系统生成的一次性密码），并重置密码；用户用一次性密码登录后只能修改密码，并看到由谁何时重置', async () => {
    const sec = await newPage();
    await signInHome(sec, 'secadmin');
    const review = sec.locator('.ant-list-item').filter({ hasText: '账户e2e.tester' });
    await review.getByRole('link', { name: /去办理/ }).click();
    await sec.waitForURL(/\/admin\/users\?q=e2e\.tester$/);
    const row = sec.locator('.ant-table-row').filter({ hasText: 'e2e.tester' });
    await row.getByRole('button', { name: /审核通过/ }).click();
    await settled(sec);
    // Wait for the server's answer itself, so that a refusal fails here with its message.
    const [approved] = await Promise.all([
      sec.waitForResponse((r) => r.url().endsWith('/approve') && r.request().method() === 'POST'),
      sec.locator('.ant-popconfirm').getByRole('button', { name: /通\s*过/ }).click(),
    ]);
    expect(approved.status(), await approved.text()).toBe(200);
    await sec.getByText('已通过账户e2e.tester').waitFor();
    // the account's first password, generated by the server, shown to the security administrator this once
    const issued = sec.locator('.ant-modal').filter({ hasText: '已通过账户 — ' });
    const first = (await issued.getByTestId('one-time-password').textContent())!.trim();
    expect(first).toMatch(/^\S{14}$/);
    expect(first).toBe(((await approved.json()) as { oneTimePassword: string }).oneTimePassword);
    // it tells what the user will read at sign-in: an approval's initial password, not a reset
    await expect(issued.getByTestId('one-time-password-notice').textContent()).resolves.toMatch(/初始密码已由安全管理员 secadmin于.+审核通过您的账户时生成/);
    await screenshot(sec, 'auth-approve-one-time-password');
    await issued.getByRole('button', { name: /我已记下/ }).click();
    await issued.waitFor({ state: 'hidden' });
    await row.getByText('启用').waitFor();

    await row.getByRole('button', { name: /重置密码/ }).click();
    const modal = sec.locator('.ant-modal').filter({ hasText: '重置密码' });
    await modal.getByText('系统将生成一次性密码').waitFor();
    await settled(sec);
    // Wait for the server's answer itself, so that a refusal fails here with its message rather than as a
    // 30-second wait for a password that will never be shown.
    const [answer] = await Promise.all([
      sec.waitForResponse((r) => r.url().endsWith('/reset-password') && r.request().method() === 'POST'),
      modal.getByRole('button', { name: /生成一次性密码/ }).click(),
    ]);
    expect(answer.status(), await answer.text()).toBe(200);
    const otp = (await modal.getByTestId('one-time-password').textContent())!.trim();
    expect(otp).toMatch(/^\S{14}$/);
    const told = (await modal.getByTestId('one-time-password-notice').textContent())!;
    expect(told).toMatch(/密码已由安全管理员 secadmin于.+重置/);
    await screenshot(sec, 'auth-reset-one-time-password');
    await modal.getByRole('button', { name: /我已记下/ }).click();

    const user = await newPage();
    await fillLogin(user, 'e2e.tester', otp);
    await user.getByTestId('password-change-gate').waitFor();
    const notice = (await user.getByTestId('password-notice').textContent())!;
    expect(notice).toMatch(/密码已由安全管理员 secadmin于.+重置/);
    // the reset dialog told the administrator this very text
    expect(notice).toContain(/“(.+)”/.exec(told)![1]);
    // Nothing but the form: no side menu.
    expect(await user.locator('.ant-layout-sider').count()).toBe(0);
    await screenshot(user, 'auth-must-change-password');
    await user.locator('#oldPassword').fill(otp);
    await user.locator('#newPassword').fill('Tester#Own2024');
    await user.locator('#confirm').fill('Tester#Own2024');
    await user.getByRole('button', { name: /确认修改/ }).click();
    await user.waitForURL(/\/todos$/);
    await user.locator('.ant-layout-sider').waitFor();
    expect(await menuLabels(user)).toEqual(menuFor('expert').map((m) => m.label));
  });

  it('组织机构树可搜索，选中后显示机构信息', async () => {
    const page = await newPage();
    await signInHome(page, 'admin');
    await page.locator('.ant-layout-sider').getByText('组织机构').click();
    await page.locator('.ant-tree-node-content-wrapper').filter({ hasText: '湖南省' }).first().waitFor();
    await page.getByPlaceholder('按名称、简称或代码搜索').fill('岳麓');
    await page.locator('.ant-tree-node-content-wrapper').filter({ hasText: '岳麓区' }).click();
    await page.locator('.ant-descriptions').getByText('430104').waitFor();
    await page.getByRole('button', { name: /新增下级机构/ }).waitFor();
    await screenshot(page, 'auth-orgs');
  });

  it('质强办打开每个菜单项都有页面；查看指标体系列表与详情', async () => {
    const page = await newPage();
    await signInHome(page, 'office');
    for (const entry of menuFor('office')) {
      await page.locator('.ant-layout-sider').getByText(entry.label, { exact: true }).click();
      await page.waitForURL((url) => url.pathname === entry.path);
      await page.getByTestId('page-title').filter({ hasText: entry.label }).waitFor();
    }
    await page.locator('.ant-layout-sider').getByText('指标体系').click();
    await page.waitForURL(/\/frameworks$/);
    await page.getByRole('link', { name: '2022 年度湖南省政府质量工作考核要点' }).click();
    await page.waitForURL(/\/frameworks\/hunan-assessment-2022$/);
    await page.locator('.ant-table-row').first().waitFor();
    await page.locator('.ant-descriptions').getByText('考核', { exact: true }).waitFor();
    await screenshot(page, 'auth-framework-detail');
  });
});
