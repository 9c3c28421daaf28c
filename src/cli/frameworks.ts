/**
 * Frameworks on disk: frameworks/*.json (or $KAOPING_FRAMEWORKS_DIR), each parsed with the zod schema and run
 * through the validator. JSON files that are not frameworks (e.g. frameworks/departments.json, an array) are
 * skipped. Every failure is a FrameworkLoadError with a Chinese message.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import '../shared/contracts/common';
import { framework as frameworkSchema, type Framework } from '../shared/scoring/framework-schema';
import { validateFramework, type ValidationIssue } from '../shared/scoring/validator';

export class FrameworkLoadError extends Error {
  override readonly name = 'FrameworkLoadError';
  constructor(
    message: string,
    readonly problems: string[] = [],
  ) {
    super(problems.length ? `${message}\n${problems.map((p) => `  - ${p}`).join('\n')}` : message);
  }
}

export interface LoadedFramework {
  file: string;
  framework: Framework;
  warnings: ValidationIssue[];
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function frameworksDir(): string {
  return process.env.KAOPING_FRAMEWORKS_DIR ? resolve(process.env.KAOPING_FRAMEWORKS_DIR) : join(repoRoot, 'frameworks');
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new FrameworkLoadError(`无法读取文件「${file}」：${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new FrameworkLoadError(`文件「${file}」不是合法的 JSON：${(e as Error).message}`);
  }
}

/** True for a JSON value shaped like a framework (an object with sections), so other data files are skipped. */
function looksLikeFramework(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'sections' in v;
}

/** Parse a framework value with the zod schema; structural problems as a FrameworkLoadError. */
export function parseFramework(value: unknown, file: string): Framework {
  const r = frameworkSchema.safeParse(value);
  if (r.success) return r.data;
  throw new FrameworkLoadError(
    `指标体系文件「${file}」不符合格式要求（共${r.error.issues.length}处）：`,
    r.error.issues.slice(0, 50).map((i) => `${i.path.join('.') || '(整体)'}：${i.message}`),
  );
}

/** Parse and validate; validator errors throw, warnings are returned. */
export function loadFrameworkFile(file: string): LoadedFramework {
  const fw = parseFramework(readJson(file), file);
  const report = validateFramework(fw);
  if (report.errors.length)
    throw new FrameworkLoadError(
      `指标体系${fw.id}（${basename(file)}）未通过校验（${report.errors.length}个错误）：`,
      report.errors.map((e) => `${e.code ? `${e.code}：` : ''}${e.message}`),
    );
  return { file, framework: fw, warnings: report.warnings };
}

export interface FrameworkEntry {
  file: string;
  loaded?: LoadedFramework;
  error?: FrameworkLoadError;
}

/** Every framework file in the directory (valid or not), sorted by file name. */
export function listFrameworks(dir = frameworksDir()): FrameworkEntry[] {
  if (!existsSync(dir)) throw new FrameworkLoadError(`指标体系目录不存在：${dir}`);
  const out: FrameworkEntry[] = [];
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const file = join(dir, name);
    try {
      const value = readJson(file);
      if (!looksLikeFramework(value)) continue;
      const fw = parseFramework(value, file);
      const report = validateFramework(fw);
      if (report.errors.length) {
        out.push({
          file,
          error: new FrameworkLoadError(
            `指标体系${fw.id}（${name}）未通过校验（${report.errors.length}个错误）：`,
            report.errors.map((e) => `${e.code ? `${e.code}：` : ''}${e.message}`),
          ),
        });
      } else out.push({ file, loaded: { file, framework: fw, warnings: report.warnings } });
    } catch (e) {
      out.push({ file, error: e instanceof FrameworkLoadError ? e : new FrameworkLoadError(String(e)) });
    }
  }
  return out;
}

/** The framework with this id; unknown id → FrameworkLoadError naming the ids available. */
export function loadFramework(id: string, dir = frameworksDir()): LoadedFramework {
  const entries = listFrameworks(dir);
  for (const e of entries) {
    if (e.loaded?.framework.id === id) return e.loaded;
  }
  // a broken file whose name matches the id: report its own error
  const broken = entries.find((e) => e.error && basename(e.file, '.json') === id);
  if (broken?.error) throw broken.error;
  const ids = entries.filter((e) => e.loaded).map((e) => e.loaded!.framework.id);
  throw new FrameworkLoadError(`没有指标体系${id}；可用的指标体系：${ids.length ? ids.join('、') : '（无）'}（目录「${dir}」）`);
}
