/**
 * The list of provincial departments cut from seed 000 (frameworks/departments.json), with the names the scheme
 * (附件4) spells them by: read by the org seed (seed/seed.ts), the demo assessment (seed/demo-assessment.ts) and the
 * schemes' evaluator names (evaluatorNames in assessment/schemes), through this module's index.
 */
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../config';

export interface DepartmentEntry {
  code: string;
  name: string;
  /** how the assessment scheme (seed 000 附件4, 评价部门) spells it, where not as `name`: 省发改委 */
  schemeName?: string;
  shortName?: string;
  inNotice: boolean;
  aliases?: string[];
}

/** the file's text, read once: it ships with the code, and live results name departments by it on every read */
let departmentsText: string | undefined;

/** the seed's departments, a fresh copy for each caller */
export function loadDepartments(): DepartmentEntry[] {
  departmentsText ??= fs.readFileSync(path.join(REPO_ROOT, 'frameworks/departments.json'), 'utf8');
  return JSON.parse(departmentsText);
}

/** the departments the scheme spells otherwise than their name (schemeName), by code: made once, never changed */
let spellings: ReadonlyMap<string, Readonly<{ name: string; schemeName: string }>> | undefined;

/** How the scheme (附件4) spells a department, by code, where it differs from its name: one shared map (read-only). */
export function schemeSpellings(): ReadonlyMap<string, Readonly<{ name: string; schemeName: string }>> {
  spellings ??= new Map(loadDepartments().flatMap((d) => (d.schemeName ? [[d.code, Object.freeze({ name: d.name, schemeName: d.schemeName })] as const] : [])));
  return spellings;
}
