/**
 * The 文号 register's rules: a 文号 names one 公文 of the issuing office (among entries not voided), a 公文 carries
 * one 文号, only the issuing office registers and voids its numbers, and only numbers that live in the register
 * alone (a download's) are voided there.
 */
import { DOC_KINDS, mayRegisterNumber, VOIDABLE_KINDS } from '../../../shared/contracts/docnumbers';
import { chinaDayOf } from '../../../shared/deadline';
import { conflict, forbidden, type AppError } from '../../core/errors';
import type { SessionUser } from '../../core/session';
import type { DocNumberRow } from '../../db/schema';

const fieldOf = (message: string, field = 'docNumber') => [{ field, message }];

/** The 文号 is held by another 公文 of the office. */
export const numberTaken = (docNo: string, holder: Pick<DocNumberRow, 'title' | 'registered_at'>, field?: string): AppError =>
  conflict(`文号${docNo}已用于《${holder.title}》（${chinaDayOf(holder.registered_at)}登记），请换一个文号`, undefined, fieldOf('文号已被使用', field));

/** The same refusal when the unique index decided and the holder cannot be read (PostgreSQL ended the transaction). */
export const numberTakenMeanwhile = (docNo: string, field?: string): AppError =>
  conflict(`文号${docNo}刚被本单位的另一份公文登记，请换一个文号`, undefined, fieldOf('文号已被使用', field));

/** The 公文 already carries another 文号. */
export const subjectNumbered = (entry: Pick<DocNumberRow, 'title' | 'doc_no' | 'registered_at'>, asked: string, field?: string): AppError =>
  conflict(
    `《${entry.title}》已登记文号${entry.doc_no}（${chinaDayOf(entry.registered_at)}登记）；如需改用${asked}，请先在「文号登记」中作废原文号`,
    undefined,
    fieldOf(`已登记文号${entry.doc_no}`, field),
  );

/** Only the issuing office (its own staff) gives its 公文 a number. */
export function registerRefusal(user: SessionUser, officeId: number, issuerName: string): AppError | null {
  if (mayRegisterNumber(user, officeId)) return null;
  return forbidden(`文号由发文单位（${issuerName}）登记；不填文号下载即印已登记的文号`);
}

export const mayVoid = (user: SessionUser, e: Pick<DocNumberRow, 'office_org_id' | 'kind' | 'voided_at'>): boolean =>
  user.role === 'office' && user.orgUnitId === e.office_org_id && e.voided_at === null && VOIDABLE_KINDS.includes(e.kind);

/** `voidedBy`: who voided it and when, in personAt's words (唐碧辉（省质强办）于 2026-12-01 10:00), said to whoever comes second. */
export function voidRefusal(user: SessionUser, e: DocNumberRow, version: number, voidedBy: string | null = null): AppError | null {
  if (user.role !== 'office' || user.orgUnitId !== e.office_org_id) return forbidden('只有发文的质强办可以作废本单位的文号');
  if (!VOIDABLE_KINDS.includes(e.kind)) {
    return conflict(`${DOC_KINDS[e.kind]}的文号随该公文保存、印在每一份上，不能在「文号登记」中作废`);
  }
  if (e.voided_at !== null) {
    return conflict(`文号${e.doc_no}已${voidedBy ? `由${voidedBy}` : `于${chinaDayOf(e.voided_at)}`}作废${e.void_reason ? `（原因：${e.void_reason}）` : ''}`);
  }
  // an entry changes only by its 作废 (answered above): another version is a page that never saw this one
  if (e.version !== version) return conflict('该登记与您看到的版本不一致，请刷新后重试');
  return null;
}

export function ensure(refusal: AppError | null): void {
  if (refusal) throw refusal;
}
