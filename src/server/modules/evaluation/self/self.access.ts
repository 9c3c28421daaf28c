/**
 * Who reads what the applicant is evaluated on (its 自评 with the materials attached to it, the on-site findings):
 * reviewMaterialRefusal, with whether an expert caller declared no conflict on the plan in force; the 自评 (and its
 * materials) besides only once submitted, to all but the applicant (selfDraftRefusal).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import type { AppError } from '../../../core/errors';
import { reviewMaterialRefusal, selfDraftRefusal, type RoundAccess } from '../evaluation.policy';
import type { ApplicationRow } from '../evaluation.queries';
import { myPlace } from '../review/review.commands';
import { naKeysOf } from '../review/review.policy';
import { plansOf } from '../review/review.queries';
import { selfOf } from './self.queries';

export async function materialReadRefusal(db: Kysely<Database>, a: RoundAccess, app: ApplicationRow, what: '自评' | '现场评审发现的问题'): Promise<AppError | null> {
  const cleared = a.as === 'expert' && (await myPlace(db, app.id, a.user.id)).member?.status === 'cleared';
  return reviewMaterialRefusal(a, app, cleared, what) ?? (what === '自评' ? selfDraftRefusal(a, app, await selfOf(db, app.id)) : null);
}

/** The 合理缺项 the 自评 is read and saved under: the newest plan version's (a draft's shapes it at once), none before a plan exists. */
export async function naKeys(db: Kysely<Database>, appId: number): Promise<string[]> {
  const plan = (await plansOf(db, appId))[0];
  return plan ? naKeysOf(plan) : [];
}
