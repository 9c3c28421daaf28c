/** The list of migrations, in order. Each file is frozen once shipped; add new ones at the end. */
import type { Migration } from 'kysely';
import * as m20261124T0900 from './2026-11-24T0900-foundation';
import * as m20261124T1300 from './2026-11-24T1300-assessment';

export const MIGRATIONS: Record<string, Migration> = {
  '2026-11-24T0900-foundation': m20261124T0900,
  '2026-11-24T1300-assessment': m20261124T1300,
};
