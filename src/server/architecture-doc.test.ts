/**
 * docs/architecture.md (the one-page map) and docs/rules.md (each module's notes, every rule by area) are kept true:
 * every file, folder, function and constant they name in backquotes exists. A rule moved or renamed without the pages
 * following fails here, naming the stale word. The map stays one page, names every module, and the rule index keeps
 * every row under an area.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './config';

const map = fs.readFileSync(path.join(REPO_ROOT, 'docs/architecture.md'), 'utf8');
const rules = fs.readFileSync(path.join(REPO_ROOT, 'docs/rules.md'), 'utf8');
const doc = `${map}\n${rules}`;
const tokens = [...new Set([...doc.matchAll(/`([^`\n]+)`/g)].map((m) => m[1].trim()))];

const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'data', 'coverage']);
function walk(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIP_DIRS.has(e.name) || e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      out.push(`${path.relative(REPO_ROOT, p)}/`);
      walk(p, out);
    } else out.push(path.relative(REPO_ROOT, p));
  }
  return out;
}
const entries = walk(REPO_ROOT).map((p) => p.split(path.sep).join('/'));
const sources = entries.filter((p) => /^(src|scripts|bench|e2e)\/.*\.(ts|tsx|mjs)$/.test(p) && !p.endsWith('architecture-doc.test.ts'));
const code = sources.map((p) => fs.readFileSync(path.join(REPO_ROOT, p), 'utf8')).join('\n');

/** a path the map names: a file or folder of the repository ending with it (the map writes them from the nearest root it describes); lint rule names are not paths */
const isPath = (t: string) => /^[\w.@-]+(\/[\w.@-]+)*\/?$/.test(t) && (t.includes('/') || /\.(ts|tsx|mjs|json|md)$/.test(t)) && !t.startsWith('/') && !t.startsWith('import-x/');
const pathExists = (t: string) => {
  const as = t.endsWith('/') ? [t] : [t, `${t}/`];
  return entries.some((e) => as.some((a) => e === a || e.endsWith(`/${a}`)));
};
/** a function (`name()`), a member (`abilities.notice` is not checked: data, not code) or a constant (`HASH_QUEUE_MAX`) */
const functionName = (t: string) => /^([A-Za-z_$][\w$]*)\(\)$/.exec(t)?.[1] ?? /^([A-Za-z_$][\w$]*)\([^()]*\)$/.exec(t)?.[1];
const constantName = (t: string) => (/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(t) ? t : undefined);
const defined = (name: string) => new RegExp(`\\b${name.replace(/\$/g, '\\$')}\\b`).test(code);

describe('docs/architecture.md and docs/rules.md', () => {
  it('names only files and folders that exist', () => {
    const paths = tokens.filter(isPath);
    expect(paths.length).toBeGreaterThan(80);
    expect(paths.filter((t) => !pathExists(t))).toEqual([]);
  });

  it('names only functions and constants that the code has', () => {
    const names = [...new Set(tokens.flatMap((t) => [functionName(t), constantName(t)].filter((x): x is string => !!x)))];
    expect(names.length).toBeGreaterThan(80);
    // environment variables and seed words are constants of the shell, not of the code
    const missing = names.filter((n) => !defined(n) && !/^(KAOPING|TEST|BENCH|LOG)_/.test(n));
    expect(missing).toEqual([]);
  });

  it('the check sees a stale name', () => {
    expect(defined('noSuchRuleAnywhere')).toBe(false);
    expect(pathExists('modules/nowhere/nowhere.policy.ts')).toBe(false);
    expect(functionName('planNoticeRefusal()')).toBe('planNoticeRefusal');
    expect(constantName('HASH_QUEUE_MAX')).toBe('HASH_QUEUE_MAX');
  });

  it('the map stays one page: read, not admired (detail goes to docs/rules.md)', () => {
    expect(map.split('\n').length).toBeLessThanOrEqual(130);
    expect(map.length).toBeLessThanOrEqual(12_000);
  });

  it('the map names every module folder in its module table', () => {
    const modules = fs
      .readdirSync(path.join(REPO_ROOT, 'src/server/modules'), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    expect(modules.length).toBeGreaterThan(10);
    const table = map.split('\n').filter((l) => l.startsWith('| `') && /^\| `[a-z]+\/`/.test(l));
    const named = new Set(table.flatMap((l) => [...l.split('|')[1].matchAll(/`([a-z]+)\/`/g)].map((m) => m[1])));
    expect(modules.filter((m) => !named.has(m))).toEqual([]);
  });

  it('every rule of the index sits under an area heading', () => {
    const lines = rules.split('\n');
    const index = lines.findIndex((l) => l.startsWith('## The rule for X, by area'));
    expect(index).toBeGreaterThan(0);
    let area: string | null = null;
    const orphans: string[] = [];
    let rows = 0;
    for (const l of lines.slice(index + 1)) {
      if (l.startsWith('### ')) area = l;
      else if (l.startsWith('## ')) area = null;
      else if (l.startsWith('| ') && !l.startsWith('| Rule |')) {
        rows += 1;
        if (!area) orphans.push(l.slice(0, 80));
      }
    }
    expect(rows).toBeGreaterThan(100);
    expect(orphans).toEqual([]);
  });
});
