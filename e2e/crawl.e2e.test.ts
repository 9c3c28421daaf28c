/**
 * The crawl (issue 8 §1): every demo account signs in and opens every page its side menu offers (from
 * src/shared/menu.ts) and every page of the route table (src/web/routes.tsx) it may see — pages with a path
 * parameter through the links of their list page — and every tab of every cycle on its cycles page. A page
 * fails the crawl on an uncaught error, an unhandled rejection, a console error, a response ≥ 500, the error
 * boundary, an error banner, "undefined"/"NaN" on screen, or an empty cell under a name header (市州, 单位,
 * 名称 …). Then every GET route of /api/openapi.json is called once per account through the same signed-in
 * context, path parameters filled from the demo data, and none may answer ≥ 500. New pages and routes join
 * the crawl by themselves. A screenshot of each account's results tab is kept in test-results/.
 *
 * Every role is crawled, with two member departments besides 省市场监管局 and 省发展改革委 (all 19 with
 * CRAWL_ALL_DEPARTMENTS=1).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { request, type APIRequestContext, type BrowserContext, type Page } from 'playwright-core';
import { menuFor } from '../src/shared/menu';
import { can } from '../src/shared/permissions';
import type { Role } from '../src/shared/roles';
import { APP_ROUTES } from '../src/web/routes';
import { DEMO_ACCOUNTS, departmentDemoAccounts, type DemoAccount } from '../src/server/seed/seed';
import { browserSuite, DEMO_PASSWORD, screenshot } from './harness';

const { suite, served, browser } = browserSuite('crawl.e2e');

const ACCOUNTS: DemoAccount[] = [
  ...DEMO_ACCOUNTS,
  ...(process.env.CRAWL_ALL_DEPARTMENTS === '1' ? departmentDemoAccounts() : departmentDemoAccounts().slice(0, 2)),
];

/** Table headers under which every cell must name something. */
const NAME_HEADER = /市州|单位|名称|部门|姓名|用户名|被考核|组织/;
/** Pages per parameterised route reached through its list page (enough to see each kind). */
const MAX_DETAIL_PAGES = 4;
/** Values tried per path parameter in the API sweep. */
const MAX_PARAM_VALUES = 3;

interface OpenApi {
  paths: Record<string, Record<string, unknown>>;
}

suite('巡检：每个演示账号打开菜单中的每个页面、每个考核的每个标签页，并调用每个 GET 接口（浏览器）', () => {
  /** every GET url of the API with its parameters filled from the demo data */
  let getUrls: string[] = [];
  const started = Date.now();

  beforeAll(async () => {
    const anon = await request.newContext({ baseURL: served().url });
    // the API's description is for signed-in users only
    expect((await anon.get('/api/openapi.json')).status()).toBe(401);
    await anon.dispose();
    const reader = await apiLogin('office');
    const spec = (await (await reader.get('/api/openapi.json')).json()) as OpenApi;
    await reader.dispose();
    const templates = Object.entries(spec.paths)
      .filter(([, ops]) => 'get' in ops)
      .map(([p]) => p);
    expect(templates.length).toBeGreaterThan(10);
    getUrls = await fillTemplates(templates);
    // every GET route as four users, downloads included: minutes on a loaded 2-core machine
  }, 600_000);

  afterAll(async () => {
    console.info(`[crawl.e2e] ${ACCOUNTS.length} 个账号，${getUrls.length} 个 GET 地址，用时 ${Math.round((Date.now() - started) / 1000)} 秒`);
  });

  async function apiLogin(username: string): Promise<APIRequestContext> {
    const req = await request.newContext({ baseURL: served().url });
    const r = await req.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
    if (r.status() !== 200) throw new Error(`login ${username}: HTTP ${r.status()} ${await r.text()}`);
    return req;
  }

  /**
   * Fill `{param}` of the GET templates from what the office, the administrators and the auditor can list:
   * `{id}` after /X/ takes ids from lists named X (`items` of GET …/X, or an array field X), `{unitId}` from
   * `units`. Lists found on the way feed the next round, so nested resources fill themselves.
   */
  async function fillTemplates(templates: string[]): Promise<string[]> {
    const pools = new Map<string, Set<string>>();
    const add = (key: string, v: unknown) => {
      if (typeof v !== 'number' && typeof v !== 'string') return;
      if (!pools.has(key)) pools.set(key, new Set());
      pools.get(key)!.add(String(v));
    };
    const harvest = (url: string, json: unknown) => {
      if (!json || typeof json !== 'object') return;
      const last = url.split('?')[0].split('/').filter(Boolean).at(-1)!;
      for (const [k, v] of Object.entries(json as Record<string, unknown>)) {
        if (!Array.isArray(v)) continue;
        for (const it of v) if (it && typeof it === 'object' && 'id' in it) add(k === 'items' ? last : k, (it as { id: unknown }).id);
      }
    };
    const poolOf = (template: string, param: string): string => {
      if (param !== 'id') return `${param.replace(/Id$/, '')}s`;
      const segs = template.split('/');
      return segs[segs.indexOf('{id}') - 1];
    };
    const fill = (template: string): string[] => {
      let urls = [template];
      for (const m of template.matchAll(/\{(\w+)\}/g)) {
        const values = [...(pools.get(poolOf(template, m[1])) ?? [])].slice(0, MAX_PARAM_VALUES);
        urls = urls.flatMap((u) => values.map((v) => u.replace(m[0], encodeURIComponent(v))));
      }
      return urls;
    };
    const readers = await Promise.all(['office', 'admin', 'auditor', 'changsha'].map(apiLogin));
    const seen = new Set<string>();
    for (let round = 0; round < 4; round++) {
      let fresh = 0;
      for (const t of templates) {
        for (const url of fill(t)) {
          if (seen.has(url)) continue;
          seen.add(url);
          fresh++;
          for (const r of readers) {
            const res = await r.get(url);
            if ((res.headers()['content-type'] ?? '').includes('json')) harvest(url, await res.json().catch(() => null));
          }
        }
      }
      if (fresh === 0) break;
    }
    for (const r of readers) await r.dispose();
    const unfilled = templates.filter((t) => fill(t).length === 0);
    expect(unfilled, '这些 GET 接口的路径参数无法从演示数据填充，巡检调不到它们').toEqual(
      // evidence exists only once someone uploads some (the demo seed has none); attachments are listed only by their
      // owner (?ownerType=&ownerId=, a query the crawl does not form) — their downloads are tested in attachments.test.ts
      unfilled.filter((t) => t.startsWith('/api/evidence/') || t.startsWith('/api/attachments/')),
    );
    return [...seen].filter((u) => !u.includes('{'));
  }

  /** A signed-in browser context for the account, recording every problem a page shows. */
  async function open(username: string): Promise<{ context: BrowserContext; page: Page; problems: string[]; where: { now: string } }> {
    const context = await browser().newContext({
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: { width: 1440, height: 900 },
      acceptDownloads: true,
      baseURL: served().url,
    });
    const r = await context.request.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
    if (r.status() !== 200) throw new Error(`login ${username}: HTTP ${r.status()} ${await r.text()}`);
    await context.addInitScript(() => {
      window.addEventListener('unhandledrejection', (e) => console.error(`unhandledrejection: ${(e.reason as Error)?.stack ?? String(e.reason)}`));
    });
    const page = await context.newPage();
    const problems: string[] = [];
    const where = { now: '(登录)' };
    page.on('pageerror', (err) => problems.push(`${where.now}：页面错误 ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`${where.now}：控制台错误 ${msg.text()}`);
    });
    page.on('response', (res) => {
      if (res.status() >= 500) problems.push(`${where.now}：${res.request().method()} ${new URL(res.url()).pathname} → ${res.status()}`);
    });
    return { context, page, problems, where };
  }

  /** Wait until the page is quiet, then look at it. */
  async function inspect(page: Page, problems: string[], where: string): Promise<void> {
    await page.waitForLoadState('networkidle');
    const loading = await page
      .waitForFunction(
        // a spinner the user can see (one in a hidden tab pane waits for nobody)
        () => ![...document.querySelectorAll('.kp-loading, .ant-spin-spinning')].some((e) => (e as HTMLElement).getClientRects().length > 0),
        null,
        { timeout: 30_000 },
      )
      .then(() => false)
      .catch(() => true);
    if (loading) problems.push(`${where}：30 秒后仍在加载`);
    const found = await page.evaluate((nameHeader) => {
      const out: string[] = [];
      const boundary = document.querySelector('[data-testid=error-boundary]');
      if (boundary) out.push(`错误边界：${boundary.textContent}`);
      for (const a of document.querySelectorAll('.ant-alert-error')) out.push(`错误提示：${a.textContent}`);
      const text = document.body.innerText;
      for (const bad of ['undefined', 'NaN', '[object Object]']) if (text.includes(bad)) out.push(`页面上出现「${bad}」：…${text.slice(Math.max(0, text.indexOf(bad) - 40), text.indexOf(bad) + 40)}…`);
      const re = new RegExp(nameHeader);
      for (const table of document.querySelectorAll('.ant-table')) {
        const ths = [...table.querySelectorAll('thead tr:last-child > th')] as HTMLTableCellElement[];
        const cols: { text: string; start: number }[] = [];
        let c = 0;
        for (const th of ths) {
          cols.push({ text: (th.textContent ?? '').trim(), start: c });
          c += th.colSpan || 1;
        }
        // a score grid's criterion column ("2.c 1分 · …组织开展…") is not a name column: an empty cell there is a
        // score not yet entered (the demo has a cycle in scoring)
        const names = cols.filter((x) => re.test(x.text) && !/^\d+\.[a-z]+ /.test(x.text));
        for (const tr of table.querySelectorAll('tbody tr.ant-table-row')) {
          // a parent row of a tree table groups its children; the names belong to the leaves
          if (tr.querySelector('.ant-table-row-expand-icon:not(.ant-table-row-expand-icon-spaced)')) continue;
          let i = 0;
          const cells = new Map<number, string>();
          for (const td of tr.children as HTMLCollectionOf<HTMLTableCellElement>) {
            cells.set(i, (td.textContent ?? '').trim());
            i += td.colSpan || 1;
          }
          for (const n of names) {
            const v = cells.get(n.start);
            if (v !== undefined && (v === '' || v === '—' || v === '-')) out.push(`表格「${n.text}」列有空单元格（行：${(tr.textContent ?? '').slice(0, 60)}）`);
          }
        }
      }
      return out;
    }, NAME_HEADER.source);
    for (const f of found) problems.push(`${where}：${f}`);
  }

  const pattern = (routePath: string) => new RegExp(`^${routePath.replace(/:\w+/g, '[^/]+')}$`);

  for (const account of ACCOUNTS) {
    it(`${account.username}（${account.note}）`, { timeout: 300_000 }, async () => {
      const role: Role = account.role;
      const { context, page, problems, where } = await open(account.username);
      try {
        const visited = new Set<string>();
        /** every in-app link seen on a visited page */
        const links = new Set<string>();
        const visit = async (path: string, how: () => Promise<unknown>) => {
          where.now = path;
          const t0 = Date.now();
          await how();
          await inspect(page, problems, path);
          visited.add(new URL(page.url()).pathname);
          // by path: a to-do's 「去办理」 is a link too, to a page with its tab or row in the query (/assessment/2?tab=declarations)
          for (const h of await page.locator('a[href^="/"]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href')!))) links.add(h.split(/[?#]/)[0]);
          if (process.env.CRAWL_TIMING) console.info(`[crawl] ${account.username} ${path} ${Date.now() - t0}ms`);
        };

        // 1. the side menu: exactly the entries of the role, each one clicked
        await visit('/todos', () => page.goto('/todos'));
        const menu = menuFor(role);
        await page.locator('[data-testid=side-menu] .ant-menu-item').first().waitFor();
        // the labels only: a menu entry may carry a badge with its count of open to-dos
        const shown = await page.locator('[data-testid=side-menu] .ant-menu-item .kp-menu-label').allTextContents();
        expect(shown.map((s) => s.trim()), '侧边菜单应与 src/shared/menu.ts 一致').toEqual(menu.map((m) => m.label));
        for (const m of menu) {
          await visit(m.path, async () => {
            await page.locator('[data-testid=side-menu] .ant-menu-item').filter({ hasText: m.label }).click();
            await page.waitForURL((u) => u.pathname === m.path);
          });
        }

        // 2. the route table: every page the role may open; a page with a path parameter through the links of
        //    its list page (cycles: every one, with its tabs, below)
        const allowed = APP_ROUTES.filter((r) => r.permission === null || can(role, r.permission));
        for (const r of allowed.filter((x) => !x.path.includes(':') && !visited.has(x.path))) await visit(r.path, () => page.goto(r.path));
        let cycleLinks: string[] = [];
        for (const r of allowed.filter((x) => x.path.includes(':'))) {
          const list = r.path.slice(0, r.path.indexOf('/:'));
          if (!visited.has(list)) await visit(list, () => page.goto(list));
          const hrefs = [...links].filter((h) => pattern(r.path).test(h)).sort();
          if (r.path === '/assessment/:id') cycleLinks = hrefs;
          else for (const h of hrefs.slice(0, MAX_DETAIL_PAGES)) await visit(h, () => page.goto(h));
        }
        // the office and the leader see the two demo cycles (2022 published, 2023 collecting)
        if (['office', 'leader'].includes(account.username)) expect(cycleLinks).toHaveLength(2);

        // 3. every tab of every cycle
        for (const link of cycleLinks) {
          await visit(link, () => page.goto(link));
          const title = (await page.getByTestId('page-title').textContent()) ?? '';
          const tabs = (await page.getByRole('tab').allTextContents()).map((s) => s.trim());
          expect(tabs.length, `${link} 没有标签页`).toBeGreaterThan(0);
          for (const tab of tabs) {
            await visit(`${link} 「${tab}」`, async () => {
              await page.getByRole('tab', { name: tab, exact: true }).click();
              await page.getByRole('tab', { name: tab, exact: true, selected: true }).waitFor();
            });
            if (tab === '结果与异议' && title.includes('2022')) {
              await screenshot(page, `crawl-${account.username}-results`);
              // the radar's file is named after the year and the unit shown
              const png = page.getByRole('button', { name: '下载各考核领域得分率图片' });
              if (await png.count()) {
                const [dl] = await Promise.all([page.waitForEvent('download'), png.click()]);
                expect(dl.suggestedFilename()).toMatch(/^2022年度.+各考核领域得分率\.png$/);
                expect(dl.suggestedFilename()).not.toMatch(/undefined|null|NaN/);
              }
              // the ranking names every city
              // (the ranking: the table with both 排名 and 市州 columns; the objection list has 市州 too)
              const ranking = page
                .locator('.ant-table')
                .filter({ has: page.locator('th', { hasText: /^市州$/ }) })
                .filter({ has: page.locator('th', { hasText: /^排名$/ }) });
              if (await ranking.count()) expect(await ranking.locator('tbody tr.ant-table-row').count()).toBe(14);
            }
          }
        }

        // 4. every GET of the API once, as this account
        where.now = 'API';
        const t0 = Date.now();
        for (const url of getUrls) {
          const res = await context.request.get(url);
          if (res.status() >= 500) problems.push(`GET ${url} → ${res.status()} ${(await res.text()).slice(0, 200)}`);
        }
        if (process.env.CRAWL_TIMING) console.info(`[crawl] ${account.username} API ${Date.now() - t0}ms`);
        expect(problems.join('\n')).toBe('');
      } finally {
        await context.close();
      }
    });
  }

  it('a page that fails shows 页面出错了, the error and 重试, never a white screen', { timeout: 120_000 }, async () => {
    const { context, page } = await open('office');
    try {
      // a page chunk that cannot be loaded (network down, or replaced by a new deployment)
      await page.goto('/todos');
      await page.locator('[data-testid=side-menu]').waitFor();
      await page.route(/\/assets\/CyclesPage-[^/]*\.js$/, (r) => r.abort());
      await page.locator('[data-testid=side-menu] .ant-menu-item').filter({ hasText: '年度考核' }).click();
      const boundary = page.getByTestId('error-boundary');
      await expect.poll(() => boundary.textContent(), { timeout: 15_000 }).toContain('页面出错了');
      expect(await boundary.textContent()).toMatch(/dynamically imported module|Failed to fetch/);
      await expect.poll(() => page.locator('[data-testid=side-menu]').count()).toBe(1); // the layout stays
      await page.unroute(/\/assets\/CyclesPage-[^/]*\.js$/);
      await boundary.getByRole('button', { name: '重试' }).click();
      await page.getByRole('link', { name: /2022年度/ }).waitFor();
      expect(await boundary.count()).toBe(0);

      // a render error inside a tab (the results answer in a shape the page does not expect)
      const cycleUrl = await page.getByRole('link', { name: /2022年度/ }).getAttribute('href');
      await page.route(/\/api\/cycles\/\d+\/results(\?[^/]*)?$/, (r) => r.fulfill({ status: 200, contentType: 'application/json', body: '{"units":null}' }));
      await page.goto(`${cycleUrl}?tab=results`);
      await expect.poll(() => boundary.textContent(), { timeout: 15_000 }).toContain('页面出错了');
      expect(await page.getByRole('tab', { name: '概况' }).count()).toBe(1); // only the tab failed
      await page.unroute(/\/api\/cycles\/\d+\/results(\?[^/]*)?$/);
      await boundary.getByRole('button', { name: '重试' }).click();
      await page.locator('.ant-card-head-title', { hasText: '排名（最终结果）' }).waitFor();
      expect(await boundary.count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
