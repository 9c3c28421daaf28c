/**
 * vitest global setup: a directory and an id for this run's template databases (built on first use, see
 * templates.ts), removed at the end of the run along with the PostgreSQL template schemas.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import type { TemplateRun } from './templates';

export default function setup(project: TestProject): () => Promise<void> {
  const run: TemplateRun = {
    dir: fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-templates-')),
    runId: crypto.randomBytes(4).toString('hex'),
  };
  project.provide('kaopingTemplates', run);
  return async () => {
    fs.rmSync(run.dir, { recursive: true, force: true });
    const url = process.env.TEST_DATABASE_URL;
    if (!url) return;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ s: string }>('SELECT nspname AS s FROM pg_namespace WHERE nspname LIKE $1', [`kp_tmpl_${run.runId}_%`]);
      for (const { s } of rows) await client.query(`DROP SCHEMA "${s}" CASCADE`);
    } finally {
      await client.end();
    }
  };
}
