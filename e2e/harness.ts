/**
 * Browser tests: the real server (built web bundle, embedded SQLite in a temp dir, demo seed) and Debian's
 * Chromium driven by playwright-core. Without Chromium the suites skip, saying why — unless
 * KAOPING_REQUIRE_ALL=1 (CI), where a missing browser is a failure.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContextOptions, Dialog, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, type TestOptions } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app';
import { loadConfig, type Config, REPO_ROOT } from '../src/server/config';
import { connect, type Db } from '../src/server/db/connection';
import { migrateToLatest } from '../src/server/db/migrate';
import { importFrameworks, loadFrameworkDir } from '../src/server/modules/frameworks';
import { seedIfEmpty } from '../src/server/seed/seed';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const WEB_DIR = path.join(REPO_ROOT, 'dist/web');
export const DEMO_PASSWORD = 'Kaoping@2023';

/** Why browser tests cannot run here, or null when they can. */
export function browserSkipReason(): string | null {
  const reasons: string[] = [];
  if (!fs.existsSync(CHROMIUM)) reasons.push(`找不到 Chromium（${CHROMIUM}；apt-get install -y chromium fonts-noto-cjk）`);
  if (!fs.existsSync(path.join(WEB_DIR, 'index.html'))) reasons.push('前端尚未构建（npm run build）');
  if (reasons.length === 0) return null;
  const reason = reasons.join('；');
  if (process.env.KAOPING_REQUIRE_ALL === '1') throw new Error(`KAOPING_REQUIRE_ALL=1 但浏览器测试无法运行：${reason}`);
  return reason;
}

export interface Served {
  url: string;
  app: FastifyInstance;
  db: Db;
  dataDir: string;
  close(): Promise<void>;
}

/** `overrides`: environment settings; `settings`: settings the environment cannot give (the rules' clock `now`). */
export async function startServer(overrides: Record<string, string> = {}, settings: Pick<Config, 'now'> = {}): Promise<Served> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-e2e-'));
  const config = { ...loadConfig({ DATA_DIR: dataDir, LOGIN_RATE_LIMIT_PER_MINUTE: '1000', ...overrides }), webDir: WEB_DIR, port: 0, ...settings };
  const db = connect({ url: config.databaseUrl });
  await migrateToLatest(db);
  await importFrameworks(db.db, loadFrameworkDir(path.join(REPO_ROOT, 'frameworks')));
  await seedIfEmpty(db.db, { demo: true, demoPassword: DEMO_PASSWORD, dataDir });
  const app = await buildApp({ config, db });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url: address,
    app,
    db,
    dataDir,
    close: async () => {
      await app.close();
      await db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A browser suite's set-up, the same in every browser test file: `describe` (or `describe.skip`, saying why, where
 * browser tests cannot run), and the demo server (`startServer(overrides, settings)`) and browser started before
 * its tests and closed after them; read them through the getters inside tests. A suite's own beforeAll runs after
 * they have started, its own afterAll before they close.
 */
export function browserSuite(name: string, overrides?: Record<string, string>, settings?: Pick<Config, 'now'>) {
  const skipReason = browserSkipReason();
  if (skipReason) console.warn(`[${name}] 跳过浏览器测试：${skipReason}`);
  let served: Served | undefined;
  let browser: Browser | undefined;
  const withSetUp = (body: () => void) => () => {
    beforeAll(async () => {
      served = await startServer(overrides, settings);
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
      await served?.close();
    });
    body();
  };
  /** `describe(title[, options], body)`, options such as a longer timeout for a journey's steps */
  function suite(title: string, body: () => void): void;
  function suite(title: string, options: TestOptions, body: () => void): void;
  function suite(title: string, a: TestOptions | (() => void), b?: () => void): void {
    const run = skipReason ? describe.skip : describe;
    if (typeof a === 'function') run(title, withSetUp(a));
    else run(title, a, withSetUp(b!));
  }
  return { suite, served: () => served!, browser: () => browser! };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A button by its exact text, as antd writes it ("报 送": a space between two Chinese characters). (A busy button's
 * loading icon used to linger after the action, in its leave transition, and add "loading" to the name; the
 * journey tests now ask for less motion, BROWSER_CONTEXT, so nothing lingers.)
 */
export const buttonNamed = (text: string) => new RegExp(`^${[...text].join('\\s*')}$`);

export const ARTIFACTS = path.join(REPO_ROOT, 'test-results');

/** Keep a screenshot as a test artifact (test-results/, ignored by git). */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Wait until antd's entrance animations (a modal's or a popconfirm's zoom, a message's move-up) have ended, so
 * that a click inside an overlay that has just opened lands on its final position.
 */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('[class*="-appear-active"], [class*="-enter-active"]'));
}

/**
 * Reload the page as a person does who, asked 离开此网站？, stays: the dialogs the browser put up — ['beforeunload'] when
 * the page asked first (the reload then does not happen, and waits out `timeout`), [] when it reloaded.
 */
export async function reloadStaying(page: Page, timeout = 3000): Promise<string[]> {
  const asked: string[] = [];
  const stay = (d: Dialog) => {
    asked.push(d.type());
    void d.dismiss();
  };
  page.on('dialog', stay);
  try {
    await page.reload({ timeout }).catch(() => undefined);
  } finally {
    page.off('dialog', stay);
  }
  return asked;
}

export interface SignInOptions {
  /** where the form lands (default: any page but /login) */
  landing?: RegExp;
  /**
   * Collects the page's console errors and uncaught exceptions as "username: text", from the moment the login page
   * has settled (its session probe answers 401 by design, before that).
   */
  errors?: string[];
  /** leave out "Failed to load resource" (a refused request the page shows to the user, e.g. a 400 sent on purpose) */
  ignoreFailedRequests?: boolean;
}

/** Sign in through the login form on an open page and wait until the signed-in layout shows. */
export async function logIn(page: Page, url: string, username: string, options: SignInOptions = {}): Promise<void> {
  await page.goto(`${url}/login`, { waitUntil: 'networkidle' });
  const errors = options.errors;
  let signedIn = false;
  if (errors) {
    page.on('console', (m) => {
      if (m.type() !== 'error') return;
      if (options.ignoreFailedRequests && m.text().startsWith('Failed to load resource')) return;
      // the login page's session probe answers 401 by design; on a busy machine its console line can come in late
      if (!signedIn && m.text().includes('401') && m.location().url.endsWith('/api/auth/me')) return;
      errors.push(`${username}: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`${username}: ${e.message}`));
  }
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(DEMO_PASSWORD);
  await page.locator('button[type=submit]').click();
  await page.waitForURL(options.landing ?? ((u) => !u.pathname.startsWith('/login')));
  await page.getByTestId('header-display-name').waitFor();
  signedIn = true;
}

/**
 * How the journey tests' browsers are set: a Chinese user in China, a laptop's window, and less motion asked for
 * (the app then turns antd's transitions off, so nothing lingers in a leave transition while a test reads the page;
 * the crawl of every page keeps the transitions on).
 */
export const BROWSER_CONTEXT = {
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
  viewport: { width: 1366, height: 860 },
  reducedMotion: 'reduce',
} as const satisfies BrowserContextOptions;

/**
 * A demo account in its own browser context (BROWSER_CONTEXT, downloads accepted, requests relative to the
 * server), signed in through the login form. Close it with page.context().close().
 */
export async function signIn(browser: Browser, url: string, username: string, options: SignInOptions & { context?: BrowserContextOptions } = {}): Promise<Page> {
  const context = await browser.newContext({
    ...BROWSER_CONTEXT,
    acceptDownloads: true,
    baseURL: url,
    ...options.context,
  });
  const page = await context.newPage();
  await logIn(page, url, username, options);
  return page;
}
