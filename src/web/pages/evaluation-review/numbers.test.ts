/**
 * Scores on the creation evaluation's pages read as the standard and the 评价报告 write them: 1060, 1049.95 — not
 * "1,060" or "1,049.95". antd's Statistic groups digits by default, so each one here says groupSeparator="".
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const PAGES = path.dirname(path.dirname(new URL(import.meta.url).pathname));

describe('numbers on the creation evaluation pages', () => {
  it('every Statistic writes its number without digit grouping', () => {
    const found: string[] = [];
    for (const dir of ['evaluation', 'evaluation-review'])
      for (const name of fs.readdirSync(path.join(PAGES, dir)).filter((f) => f.endsWith('.tsx'))) {
        const src = fs.readFileSync(path.join(PAGES, dir, name), 'utf8');
        for (const m of src.matchAll(/<Statistic\b[^>]*>/g)) if (!/groupSeparator=""/.test(m[0])) found.push(`${dir}/${name}: ${m[0]}`);
      }
    expect(found).toEqual([]);
  });
});
