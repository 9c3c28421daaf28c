#!/usr/bin/env node
/**
 * npm test: the whole suite. Unit and API tests (SQLite always; PostgreSQL when TEST_DATABASE_URL is set),
 * then the browser tests (when Chromium is there; the web bundle is built first). Suites that cannot run
 * here are skipped and named; with KAOPING_REQUIRE_ALL=1 (CI) a skipped PostgreSQL or browser suite fails.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const strict = process.env.KAOPING_REQUIRE_ALL === '1';
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const skipped = [];
const totals = { passed: 0, failed: 0, skipped: 0 };
/** wall-clock time of each suite, printed with the totals */
const timings = [];
/** every failed test, printed last so that the tail of a CI log names them */
const failures = [];
const node = process.execPath;
const firstLine = (m) => String(m ?? '').split('\n').find((l) => l.trim()) ?? '';
const bin = (p) => path.join(root, 'node_modules', p);

function vitest(label, args) {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-test-')), 'report.json');
  console.log(`\n=== ${label} ===`);
  const started = Date.now();
  const r = spawnSync(node, [bin('vitest/vitest.mjs'), 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile=${out}`], {
    cwd: root,
    stdio: 'inherit',
    env: process.env,
  });
  let report = null;
  try {
    report = JSON.parse(fs.readFileSync(out, 'utf8'));
  } catch {
    /* no report: counted as a failure below */
  }
  if (report) {
    totals.passed += report.numPassedTests;
    // A file that fails before its tests run (e.g. an import error) counts as one failure.
    totals.failed += report.numFailedTests || report.numFailedTestSuites || 0;
    totals.skipped += report.numPendingTests + (report.numTodoTests ?? 0);
    for (const file of report.testResults ?? []) {
      const name = path.relative(root, file.name);
      const failed = (file.assertionResults ?? []).filter((t) => t.status === 'failed');
      for (const t of failed) failures.push(`${name} > ${t.fullName}\n      ${firstLine(t.failureMessages?.[0])}`);
      if (!failed.length && file.status === 'failed') failures.push(`${name}\n      ${firstLine(file.message)}`);
    }
  } else {
    failures.push(`${label}：没有生成测试报告（vitest 退出码 ${r.status}）`);
  }
  const seconds = Math.round((Date.now() - started) / 100) / 10;
  timings.push(`${label} ${seconds} 秒`);
  return r.status === 0 && report !== null;
}

let ok = true;
if (!process.env.TEST_DATABASE_URL) {
  skipped.push('PostgreSQL 测试：未设置 TEST_DATABASE_URL（例：TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm test）');
}
ok = vitest('单元测试与接口测试', []) && ok;

if (!fs.existsSync(chromium)) {
  skipped.push(`浏览器测试：找不到 Chromium（${chromium}；apt-get install -y chromium fonts-noto-cjk）`);
  if (strict) ok = false;
} else {
  console.log('\n=== 构建前端（浏览器测试用） ===');
  const b = spawnSync(node, [bin('vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) ok = false;
  else ok = vitest('浏览器测试（Playwright + Chromium）', ['--config', 'vitest.e2e.config.ts']) && ok;
}

if (skipped.length) {
  console.log(`\n跳过的测试套件${strict ? '（KAOPING_REQUIRE_ALL=1：视为失败）' : ''}：`);
  for (const s of skipped) console.log(`  - ${s}`);
  if (strict) ok = false;
}
console.log(`\ntotal: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
if (timings.length) console.log(`用时：${timings.join('；')}`);
if (failures.length) {
  console.log(`\n失败的测试（${failures.length}）：`);
  for (const f of failures) console.log(`  - ${f}`);
}
process.exit(ok ? 0 : 1);
