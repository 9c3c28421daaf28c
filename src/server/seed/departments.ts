/**
 * The repository root and the seed's list of provincial departments (frameworks/departments.json): read by the
 * org seed (seed.ts) and the demo assessment (demo-assessment.ts), which therefore do not import each other.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface DepartmentEntry {
  code: string;
  name: string;
  /** how the assessment scheme (seed 000 附件4, 评价部门) spells it, where not as `name`: 省发改委 */
  schemeName?: string;
  shortName?: string;
  inNotice: boolean;
  aliases?: string[];
}

export const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');

/** the file's text, read once: it ships with the code, and live results name departments by it on every read */
let departmentsText: string | undefined;

/** the seed's departments, a fresh copy for each caller */
export function loadDepartments(): DepartmentEntry[] {
  departmentsText ??= fs.readFileSync(path.join(REPO_ROOT, 'frameworks/departments.json'), 'utf8');
  return JSON.parse(departmentsText);
}

