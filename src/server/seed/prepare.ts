import type { Db } from '../db/connection';
import { exclusively } from '../db/exclusive';
import { importFrameworks, type LoadedFramework } from '../modules/frameworks';
import { loadIndicatorPlans } from '../modules/indicators';
import { repairDemoResults } from './demo-assessment';
import { seedIfEmpty } from './seed';

/** what the seed is told (demo or not, its password, its data directory and clock) */
export type PrepareOptions = Parameters<typeof seedIfEmpty>[1];

/**
 * What a start does to a migrated database before it answers: the framework files imported (new or changed ones),
 * the demo (or the three administrators) written when the database is empty, the plan indicators loaded, demo results
 * of an older version repaired. Each step looks before it writes (is the file imported, is the database empty), so two
 * processes starting at once on one empty PostgreSQL database (two instances behind a proxy, restarted together)
 * would both look, both write, and the second die on the first's keys: the steps run one start at a time
 * (exclusively), and the second finds the work done.
 */
export async function prepareData(db: Db, frameworks: LoadedFramework[], opts: PrepareOptions): Promise<{ seeded: boolean; repairedDemo: number[] }> {
  return exclusively(db, 'kaoping.prepareData', async () => {
    await importFrameworks(db.db, frameworks);
    const seeded = await seedIfEmpty(db.db, opts);
    // a data directory seeded before the plan indicators existed gets them now (idempotent)
    await loadIndicatorPlans(db.db);
    // a data directory seeded by an older version holds the 2022 demo results in a shape no reader accepts
    const repairedDemo = await repairDemoResults(db.db);
    return { seeded, repairedDemo };
  });
}
