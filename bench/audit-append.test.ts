/**
 * bench:audit still runs against today's schema (it copies audit_log's DDL and indexes, which a migration may
 * change): a short run prints every step with a time.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';

it('npm run bench:audit prints a time for each step', () => {
  const root = path.resolve(import.meta.dirname, '..');
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'bench/audit-append.ts')], {
    cwd: root,
    env: { ...process.env, BENCH_SAVES: '20' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const rows = r.stdout.split('\n').filter((l) => /\s\d+\.\d\s+\d+\.\d$/.test(l));
  expect(rows.map((l) => l.replace(/\s+[\d.]+\s+[\d.]+$/, '').trim())).toEqual([
    'bare chained save',
    'empty transaction',
    'cell save, no audit',
    'audit row only (nothing written)',
    'audit append (appendToChain)',
    'the floor: cell save + audit append',
    'audit append, raw SQL (audit_log)',
    'audit row, raw SQL, copy of audit_log (AUTOINCREMENT, its indexes)',
    '… without AUTOINCREMENT',
    '… with AUTOINCREMENT, without its 5 indexes',
    '… without either',
  ]);
  for (const l of rows) for (const x of l.match(/[\d.]+\s+[\d.]+$/)![0].split(/\s+/)) expect(Number(x)).toBeGreaterThan(0);
}, 90_000);
