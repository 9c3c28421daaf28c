/**
 * One date convention on screens: a day reads 2027-06-01 and a moment 2027-06-01 14:30, written by formatDate /
 * formatDateTime in lib/format.ts and nowhere else. The 公文 style (2027年6月1日, dayText and its kin in
 * shared/deadline.ts) belongs to documents (.docx/.xlsx, notices) only; a page that formats a day itself drifts
 * from the others, as the 整改事项 pages once did. (A 截止 with its countdown, "7月10日 24:00（剩 3 天）", is the
 * deadline component's own convention: formatDeadline.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from './lib/format';

const WEB = path.dirname(new URL(import.meta.url).pathname);

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** ways a page writes a date of its own */
const OWN_FORMATTING: [RegExp, string][] = [
  [/\b(dayText|chinaMomentText|formatChinaMoment|chinaDayOf)\b/, 'a document-style or raw day helper from shared/deadline'],
  [/\.format\('(?!YYYY-MM-DD')[^']*'\)/, "dayjs .format() with its own pattern (only 'YYYY-MM-DD' for what is sent to the server)"],
  [/toLocale(Date)?String\(/, 'toLocaleDateString / toLocaleString'],
  [/(At|On|Date|date)\??\.(slice|substring)\(0, ?1[0-9]\)/, 'a stored day or moment cut to its first characters'],
  [/\}年\$\{[^}]*\}月|\}月\$\{[^}]*\}日/, 'a day written out as 年月日'],
  [/getFullYear\(\)/, "the browser's year (chinaYear gives China's)"],
];

describe('dates on screens', () => {
  it('every page writes a day or a moment through lib/format (formatDate / formatDateTime), never by itself', () => {
    const found: string[] = [];
    for (const file of sources(WEB)) {
      if (file.endsWith(path.join('lib', 'format.ts'))) continue;
      fs.readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          for (const [re, what] of OWN_FORMATTING) if (re.test(line)) found.push(`${path.relative(WEB, file)}:${i + 1} ${what}`);
        });
    }
    expect(found).toEqual([]);
  });

  it('formatDate writes the day, formatDateTime the moment, both in the ISO style; nothing is a dash', () => {
    expect(formatDate('2027-06-01')).toBe('2027-06-01');
    // a moment's day is its day in China (as chinaDayOf says), whatever the browser's time zone: 00:30 in Changsha
    expect(formatDate('2027-05-31T16:30:00.000Z')).toBe('2027-06-01');
    expect(formatDate(null)).toBe('—');
    expect(formatDateTime(undefined)).toBe('—');
    // a moment in China time too: 06:30 UTC is 14:30 in Changsha, 23:30 UTC on the 31st is 07:30 on the 1st
    expect(formatDateTime('2027-06-01T06:30:00.000Z')).toBe('2027-06-01 14:30');
    expect(formatDateTime('2027-05-31T23:30:00.000Z')).toBe('2027-06-01 07:30');
  });
});
