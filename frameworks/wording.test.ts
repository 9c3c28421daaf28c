/**
 * The frameworks' notes and warnings are shown to users (the scheme's 编者注, a plan indicator's note, the work plan's
 * 解读说明, a policy's notes). Their readers know the documents by name and number, not as this project's "seed"
 * files, so no text in them may say 种子. File names under `source.seed` are for us and are not shown.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.dirname(fileURLToPath(import.meta.url));

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return name === 'golden' ? [] : jsonFiles(p);
    return name.endsWith('.json') ? [p] : [];
  });
}

/** Every string in a parsed JSON value, with the path that leads to it. */
function strings(x: unknown, at: string): Array<[string, string]> {
  if (typeof x === 'string') return [[at, x]];
  if (Array.isArray(x)) return x.flatMap((v, i) => strings(v, `${at}[${i}]`));
  if (x && typeof x === 'object') return Object.entries(x).flatMap(([k, v]) => strings(v, `${at}.${k}`));
  return [];
}

describe('framework wording shown to users', () => {
  const files = jsonFiles(root);

  it('reads every framework file', () => {
    expect(files.map((f) => path.relative(root, f)).sort()).toEqual(expect.arrayContaining([
      'db43-quality-city.json', 'hunan-assessment-2022.json', 'plan-indicators/hunan-14th.json',
      'plan-indicators/yueyang-2025.json', 'policies/yueyang-2023.json', 'work-plans/hunan-2023.json',
    ]));
  });

  it.each(files.map((f) => [path.relative(root, f), f]))('%s names the documents, not 种子', (_name, file) => {
    const found = strings(JSON.parse(readFileSync(file, 'utf8')), '$').filter(([, s]) => s.includes('种子'));
    expect(found).toEqual([]);
  });
});
