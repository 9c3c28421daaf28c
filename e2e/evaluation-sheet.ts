/**
 * The DB43 score sheet (表A.1) for the creation evaluation's browser tests, and filling an expert's sheet through
 * the expert's own session — the sheet page has no bulk entry, and 109 criteria by mouse would make the journey
 * tests slow without testing anything the per-criterion browser steps do not.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { checkAnswer } from '../src/shared/scoring';
import type { Answer } from '../src/shared/scoring/answers';
import type { Framework } from '../src/shared/scoring/framework-schema';
import { REPO_ROOT } from '../src/server/config';

export const DB43 = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'frameworks/db43-quality-city.json'), 'utf8')) as Framework;

/** An answer with full marks for a criterion (5.2.a, a rank: 32, above peers of 30, 9 and 6). */
export function fullMarks(item: string, criterion: string): Answer {
  const c = DB43.sections.flatMap((s) => s.items).find((i) => i.code === item)!.criteria.find((x) => x.code === criterion)!;
  if (c.rule.type === 'rank') return { value: 32 };
  const tries: Answer[] = [true, ...('levels' in c.rule ? (c.rule.levels as number[]) : []).map((level) => ({ level })), { value: 100 }, { value: 0 }];
  return tries.find((a) => {
    const r = checkAnswer(DB43, item, criterion, a);
    return r.ok && Number(r.score) >= c.points;
  })!;
}

/** China's date `offsetDays` from today, YYYY-MM-DD. */
export const chinaDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

/**
 * Score every criterion of the expert's sheet not yet answered, through the signed-in expert's session (the page's
 * cookies and CSRF token): full marks unless `answers` gives one ("item.criterion" → answer and 扣分理由).
 * `path` 'self-assessment': the applicant's 自评 the same way, through the applicant's session.
 * Returns the number of criteria scored.
 */
export async function scoreRestThroughApi(
  page: Page,
  url: string,
  appId: number,
  answers: Record<string, { answer: Answer; reason?: string }> = {},
  path: 'sheet' | 'self-assessment' = 'sheet',
): Promise<number> {
  const api = page.request;
  const csrf = ((await (await api.get(`${url}/api/auth/me`)).json()) as { csrfToken: string }).csrfToken;
  const sheet = (await (await api.get(`${url}/api/evaluation-applications/${appId}/${path}`)).json()) as {
    version: number | null;
    items: { code: string; criteria: { code: string; notApplicable: boolean; answer: unknown }[] }[];
  };
  let version = sheet.version;
  let scored = 0;
  for (const item of sheet.items)
    for (const c of item.criteria) {
      if (c.notApplicable || (c.answer !== null && c.answer !== undefined)) continue;
      const given = answers[`${item.code}.${c.code}`];
      const r = await api.put(`${url}/api/evaluation-applications/${appId}/${path}/${item.code}/${c.code}`, {
        headers: { 'x-csrf-token': csrf },
        data: { version, answer: given?.answer ?? fullMarks(item.code, c.code), ...(given?.reason ? { reason: given.reason } : {}) },
      });
      expect(r.status(), `${item.code}.${c.code}: ${await r.text()}`).toBe(200);
      version = ((await r.json()) as { version: number }).version;
      scored++;
    }
  return scored;
}
