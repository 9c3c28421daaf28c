/**
 * What every seed-cutting script shares (scripts/cut-*.ts): where the repository and the seeds are, how a cut file is
 * written (pretty JSON, one trailing newline), and the command line — `[--seeds <dir>] [--check]`, where --check
 * writes nothing and exits 1 when a committed file differs from what the seed gives.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const defaultSeedsDir = path.resolve(repoRoot, '../shared/seeds');

export const render = (x: unknown): string => `${JSON.stringify(x, null, 2)}\n`;

/** Writes each file into outDir, or with check compares it with the committed one; returns the number that differ. */
export function writeOrCheck(files: Record<string, unknown>, outDir: string, check: boolean): number {
  let differs = 0;
  if (!check) mkdirSync(outDir, { recursive: true });
  for (const [name, data] of Object.entries(files)) {
    const file = path.join(outDir, name);
    const text = render(data);
    if (check) {
      const same = existsSync(file) && readFileSync(file, 'utf8') === text;
      if (!same) differs++;
      console.log(`${same ? '一致' : '不一致'}  ${path.relative(repoRoot, file)}`);
    } else {
      writeFileSync(file, text);
      console.log(`已写入  ${path.relative(repoRoot, file)}`);
    }
  }
  return differs;
}

/** Runs a cut script's command line when the file is executed directly (not when a test imports it). */
export function runCut(moduleUrl: string, outDir: string, cut: (seedsDir: string) => Record<string, unknown>): void {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(path.resolve(process.argv[1])).href) return;
  const argv = process.argv.slice(2);
  const i = argv.indexOf('--seeds');
  const seedsDir = i >= 0 && argv[i + 1] ? path.resolve(argv[i + 1]!) : defaultSeedsDir;
  process.exitCode = writeOrCheck(cut(seedsDir), outDir, argv.includes('--check')) ? 1 : 0;
}
