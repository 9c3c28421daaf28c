/**
 * The change context: what every command (a function that changes data, in a module's `<x>.commands.ts`)
 * takes first. One transaction, the audit writer bound to it (the row lands in the same transaction as the
 * change), the signed-in user on whose behalf the change is made, and the request's clock. A route gets one from
 * `ctx.tx`.
 */
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';
import type { AuditRecord } from './audit';
import type { Clock } from './clock';
import type { SessionUser } from './session';

/** Writes one audit row inside the change's transaction. */
export type Audit = (rec: AuditRecord) => Promise<void>;

export interface Change {
  trx: Transaction<Database>;
  audit: Audit;
  /** the signed-in user (reading it on a public route, where nobody is signed in, is a 401) */
  user: SessionUser;
  /** the request's clock (core/clock.ts): what the change dates its rows by and judges its day rules by */
  clock: Clock;
}
