/** Frameworks are data files in frameworks/*.json, validated on load and imported into the database on start. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { framework as frameworkSchema, type Framework } from '../../../shared/scoring/framework-schema';
import { validateFramework } from '../../../shared/scoring/validator';
import { frameworkHash, saveFramework } from './frameworks.queries';

export interface LoadedFramework {
  file: string;
  framework: Framework;
  sha256: string;
  warnings: string[];
}

export function loadFrameworkFile(file: string): LoadedFramework {
  const text = fs.readFileSync(file, 'utf8');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new Error(`指标体系文件${path.basename(file)}不是合法的 JSON：${(e as Error).message}`);
  }
  const parsed = frameworkSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}：${i.message}`);
    throw new Error(`指标体系文件${path.basename(file)}格式有误：${first.join('；')}`);
  }
  const report = validateFramework(parsed.data);
  if (report.errors.length) {
    throw new Error(`指标体系${parsed.data.id}校验未通过：${report.errors.map((e) => e.message).join('；')}`);
  }
  return {
    file,
    framework: parsed.data,
    sha256: crypto.createHash('sha256').update(text).digest('hex'),
    warnings: report.warnings.map((w) => w.message),
  };
}

export function loadFrameworkDir(dir: string): LoadedFramework[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== 'departments.json')
    .sort()
    .map((f) => loadFrameworkFile(path.join(dir, f)));
}

/** Insert new frameworks and refresh changed ones (by content hash). Returns the ids imported or updated. */
export async function importFrameworks(db: Kysely<Database>, list: LoadedFramework[]): Promise<string[]> {
  const changed: string[] = [];
  for (const f of list) {
    const fw = f.framework;
    const existing = await frameworkHash(db, fw.id);
    if (existing === f.sha256) continue;
    const row = {
      id: fw.id,
      version: fw.version,
      title: fw.title,
      kind: fw.kind,
      total_points: String(fw.totalPoints),
      content_json: JSON.stringify(fw),
      content_sha256: f.sha256,
      imported_at: new Date().toISOString(),
    };
    await saveFramework(db, row, existing !== undefined);
    changed.push(fw.id);
  }
  return changed;
}
