// The seed's data files, read by seed.ts and demo-assessment.ts alike. Its own file so that the demo
// assessment does not import seed.ts, which imports the demo assessment (no import circle).
import fs from 'node:fs';
import path from 'node:path';

export interface DepartmentEntry {
  code: string;
  name: string;
  shortName?: string;
  inNotice: boolean;
  aliases?: string[];
}

export const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');

export function loadDepartments(): DepartmentEntry[] {
  return JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'frameworks/departments.json'), 'utf8'));
}
