/**
 * The Content-Security-Policy in a real browser: the web app signs in and shows its pages, and Swagger UI at
 * /api/docs renders the API, with no CSP violation reported by Chromium (no inline script, no eval needed).
 */
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite, DEMO_PASSWORD } from './harness';

const { suite, served, browser } = browserSuite('security-headers.e2e');

suite('安全响应头（浏览器）', () => {

  async function watchedPage(): Promise<{ page: Page; violations: string[] }> {
    const context = await browser().newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    return { page, violations };
  }

  it('the web app signs in and renders its pages without a CSP violation', async () => {
    const { page, violations } = await watchedPage();
    const res = await page.goto(`${served().url}/login`);
    expect(res!.headers()['content-security-policy']).toMatch(/script-src 'self'/);
    await page.locator('#username').fill('office');
    await page.locator('#password').fill(DEMO_PASSWORD);
    const todos = page.waitForResponse((r) => r.url().includes('/api/todos'));
    await page.locator('button[type=submit]').click();
    await todos;
    await page.waitForLoadState('networkidle');
    // antd wrote its CSS-in-JS <style> tags (style-src allows inline styles)
    expect(await page.locator('style').count()).toBeGreaterThan(0);
    expect(violations).toEqual([]);
  });

  it('Swagger UI renders the API under the same policy (for a signed-in user)', async () => {
    const { page, violations } = await watchedPage();
    const r = await page.context().request.post(`${served().url}/api/auth/login`, { data: { username: 'office', password: DEMO_PASSWORD } });
    expect(r.status()).toBe(200);
    await page.goto(`${served().url}/api/docs/`);
    await page.locator('.opblock').first().waitFor({ timeout: 30_000 });
    expect(await page.locator('.opblock').count()).toBeGreaterThan(20);
    expect(violations).toEqual([]);
  });
});
