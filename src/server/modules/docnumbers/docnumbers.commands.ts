/**
 * The 文号 register's changes: register a 文号 for a 公文 (inside the change that prints or stores it: a download's
 * audit row, a cycle's opening, a report's issue) and void one. A 文号 held by another 公文 of the office, or a 公文
 * that already carries another one, is a 409; under concurrent registrations the unique indexes decide.
 */
import type { Kysely } from 'kysely';
import type { DocKind } from '../../../shared/contracts/docnumbers';
import type { Change } from '../../core/change';
import { personAt } from '../../core/user-names';
import { conflict } from '../../core/errors';
import type { SessionUser } from '../../core/session';
import type { Database } from '../../db/schema';
import { ensure, numberTaken, registerRefusal, subjectNumbered, voidRefusal } from './docnumbers.policy';
import { entryById, entryFor, holderOf, insertEntry, voidEntryAt, type EntryRow } from './docnumbers.queries';

/** A 公文 of an office that carries a 文号: its kind, what it is for (a cycle id, …) and its title. */
export interface PrintedDoc {
  officeId: number;
  /** the issuing office's name (for a refusal to someone else) */
  officeName: string;
  kind: DocKind;
  subject: string;
  title: string;
}

/**
 * The 文号 to print on the 公文: the one asked for (checked: not held by another 公文 of the office, the 公文 not
 * numbered otherwise, the caller of the issuing office), or, none asked, the registered one (null if none).
 * `fresh` says the number is not yet registered (the download registers it). Reads only; registerDocNumber decides.
 */
export async function numberToPrint(db: Kysely<Database>, user: SessionUser, doc: PrintedDoc, asked: string | undefined): Promise<{ docNo: string | null; fresh: boolean }> {
  const current = await entryFor(db, doc.officeId, doc.kind, doc.subject);
  if (!asked) return { docNo: current?.doc_no ?? null, fresh: false };
  if (current?.doc_no === asked) return { docNo: asked, fresh: false };
  // who may register comes before what is registered: a leader asking another number hears 403, not the number
  ensure(registerRefusal(user, doc.officeId, doc.officeName));
  if (current) throw subjectNumbered(current, asked);
  const holder = await holderOf(db, doc.officeId, asked);
  // another request registered it for this very 公文 between the two reads: printed, as if asked a moment later
  if (holder && holdsIt(holder, doc)) return { docNo: asked, fresh: false };
  if (holder) throw numberTaken(asked, holder);
  return { docNo: asked, fresh: true };
}

/** Whether the number's holder is this 公文 (registered for it before, or by another request a moment ago). */
const holdsIt = (holder: Pick<EntryRow, 'kind' | 'subject'>, doc: Pick<PrintedDoc, 'kind' | 'subject'>): boolean => holder.kind === doc.kind && holder.subject === doc.subject;

/**
 * Register the 文号 for the 公文 in the change's transaction (nothing when it is registered for it already). No
 * audit row of its own: the change it belongs to writes one naming the 文号. The unique indexes refuse a number
 * or a 公文 taken by a transaction not yet committed: callers wrap their transaction with onDuplicate.
 */
export async function registerDocNumber(
  c: Pick<Change, 'trx' | 'user' | 'clock'>,
  doc: Omit<PrintedDoc, 'officeName'>,
  docNo: string,
  o: { field?: string } = {},
): Promise<void> {
  const current = await entryFor(c.trx, doc.officeId, doc.kind, doc.subject);
  if (current && current.doc_no !== docNo) throw subjectNumbered(current, docNo, o.field);
  // "already registered" is this one comparison: the number's holder is this 公文 — registered before, or by another
  // request between the two reads (PostgreSQL reads what committed before each statement)
  const holder = await holderOf(c.trx, doc.officeId, docNo);
  if (holder && holdsIt(holder, doc)) return;
  if (holder) throw numberTaken(docNo, holder, o.field);
  await insertEntry(c.trx, {
    office_org_id: doc.officeId,
    doc_no: docNo,
    kind: doc.kind,
    subject: doc.subject,
    title: doc.title,
    registered_by: c.user.id,
    registered_at: c.clock.at,
    voided_at: null,
    voided_by: null,
    void_reason: null,
    version: 1,
  });
}

/** who voided an entry and when (personAt's words; 您在其他窗口 when it was the caller, `me`), null while it stands */
const voidedBy = async (db: Change['trx'], e: EntryRow, me: number): Promise<string | null> => (e.voided_at ? personAt(db, e.voided_by, e.voided_at, me) : null);

/**
 * 作废 an entry (with its reason): the 文号 is free again for the office, the 公文 may be numbered anew. Answers the
 * entry as voided, read in the change's transaction.
 */
export async function voidDocNumber(c: Change, id: number, body: { version: number; reason: string }, at: string): Promise<EntryRow> {
  const e = await entryById(c.trx, id);
  if (!e) throw conflict('该登记已不存在，请刷新后重试');
  ensure(voidRefusal(c.user, e, body.version, await voidedBy(c.trx, e, c.user.id)));
  if (!(await voidEntryAt(c.trx, id, body.version, c.user.id, at, body.reason))) {
    // another 作废 committed meanwhile (PostgreSQL: read again now that it has): say who voided it, when and why
    const now = await entryById(c.trx, id);
    if (now) ensure(voidRefusal(c.user, now, body.version, await voidedBy(c.trx, now, c.user.id)));
    throw conflict('该登记已不存在，请刷新后重试');
  }
  await c.audit({ action: 'docNumber.void', entityType: 'doc_number', entityId: id, before: { docNo: e.doc_no, title: e.title }, after: { voidedAt: at, reason: body.reason } });
  return (await entryById(c.trx, id))!;
}
