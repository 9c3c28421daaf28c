/**
 * The quality analysis report's changes: create a draft (its sections generated from the platform's data), save
 * a section's text, refresh the generated data (the office's text stays), issue it as a 公文 (文号, date →
 * frozen). Each writes its row and its audit row in the change's transaction; a stale version is a 409.
 */
import { halfYear } from '../../../shared/analysis/periods';
import { SECTION_TITLES, type SectionKey } from '../../../shared/contracts/analysis';
import { ANALYSIS_REPORT_WORKFLOW } from '../../../shared/workflow/analysis';
import { recordedChanges } from '../../core/audit';
import type { Change } from '../../core/change';
import { badRequest, conflict, type AppError } from '../../core/errors';
import { transition } from '../../core/transition';
import { personAt } from '../../core/user-names';
import { onDuplicate } from '../../db/errors';
import type { Database } from '../../db/schema';
import type { Kysely } from 'kysely';
import { docNoRefusal, docNoTaken, ensure, issueDateRefusal, periodRefusal, reportMovedRefusal } from './analysis.policy';
import { buildSections, type ReportScope } from './analysis.sections';
import { findOrg, findReport, findReportOf, insertReport, lockReport, reportWithDocNo, updateDraftReport, type ReportRow } from './analysis.queries';
import { numberTakenMeanwhile, registerDocNumber } from '../docnumbers';


/** the 409 of a change that lost to another (the report moved or was issued since the page was read): who did what, when */
async function moved(c: Change, id: number, section?: SectionKey) {
  const now = await findReport(c.trx, id);
  return reportMovedRefusal(await recordedChanges(c.trx, 'analysis_report', id, { limit: 200 }), now ?? { status: 'draft', doc_no: null }, section, c.user.id);
}

/** The office's report of the half-year exists: who created it and when (您在其他窗口 when it was the caller, `me`). */
async function reportExists(db: Kysely<Database>, r: ReportRow, me: number): Promise<AppError> {
  return conflict(`本单位${halfYear(r.period).label}的质量分析报告已由${await personAt(db, r.created_by, r.created_at, me)}新建，请刷新后查看`);
}

/**
 * A creation that passed createReport's check while another creation of the office's half-year, not yet committed,
 * wrote its report: the unique key analysis_report_office_period refused it (its transaction is gone, nothing of it
 * saved) and the 409 names who created the one that won, read after the fact. Wraps the route's ctx.tx.
 */
export const reportTaken = <T>(db: Kysely<Database>, officeId: number, period: string, me: number, create: () => Promise<T>): Promise<T> =>
  onDuplicate(create, async () => {
    const won = await findReportOf(db, officeId, period);
    return won ? reportExists(db, won, me) : conflict(`本单位${halfYear(period).label}的质量分析报告刚由他人新建，请刷新后查看`);
  });

export async function createReport(c: Change, scope: ReportScope, period: string, o: { demo?: boolean } = {}): Promise<number> {
  const { clock } = c;
  ensure(periodRefusal(period, clock.today));
  const existing = await findReportOf(c.trx, scope.office.id, period);
  if (existing) throw await reportExists(c.trx, existing, c.user.id);
  const data = await buildSections(c.trx, c.user, scope, period, clock.today);
  // one created at the same moment: the unique key decides, reportTaken answers
  const { id } = await insertReport(c.trx, {
    office_org_id: scope.office.id,
    region_org_id: scope.region.id,
    period,
    status: 'draft',
    data_json: JSON.stringify(data),
    texts_json: '{}',
    refreshed_at: clock.at,
    demo: o.demo ? 1 : 0,
    created_by: c.user.id,
    created_at: clock.at,
    updated_at: clock.at,
    version: 1,
  });
  await c.audit({ action: 'analysisReport.create', entityType: 'analysis_report', entityId: id, after: { office: scope.office.name, period } });
  return id;
}

async function bump(c: Change, r: ReportRow, version: number, set: { data_json?: string; texts_json?: string; refreshed_at?: string }, at: string, section?: SectionKey) {
  const updated = await updateDraftReport(c.trx, r.id, version, { ...set, updated_at: at, version: version + 1 });
  if (!updated) throw await moved(c, r.id, section);
}

async function checkDraft(c: Change, r: ReportRow, version: number) {
  if (r.status !== 'draft' || r.version !== version) throw await moved(c, r.id);
}

/**
 * One section's text. Two writers of the office write the report's sections side by side: a save from a page read
 * before another writer's save stands when its own section is as the writer loaded it (`base`), on top of the
 * other's; when the section itself changed meanwhile (or the page sent no base), a 409 says who changed it and when.
 */
export async function saveSectionText(c: Change, r: ReportRow, key: SectionKey, body: { version: number; text: string; base?: string }): Promise<void> {
  const { clock } = c;
  if (r.status !== 'draft') throw await moved(c, r.id, key);
  const texts = JSON.parse(r.texts_json) as Record<string, string>;
  const before = texts[key] ?? '';
  if (r.version !== body.version && (body.base === undefined || body.base !== before)) throw await moved(c, r.id, key);
  texts[key] = body.text;
  await bump(c, r, r.version, { texts_json: JSON.stringify(texts) }, clock.at, key);
  await c.audit({ action: 'analysisReport.edit', entityType: 'analysis_report', entityId: r.id, before: { section: key, text: before }, after: { section: key, text: body.text } });
}

export async function refreshReport(c: Change, r: ReportRow, scope: ReportScope, version: number): Promise<void> {
  const { clock } = c;
  await checkDraft(c, r, version);
  const data = await buildSections(c.trx, c.user, scope, r.period, clock.today);
  await bump(c, r, version, { data_json: JSON.stringify(data), refreshed_at: clock.at }, clock.at);
  await c.audit({ action: 'analysisReport.refresh', entityType: 'analysis_report', entityId: r.id, before: { refreshedAt: r.refreshed_at }, after: { refreshedAt: clock.at } });
}

export async function issueReport(c: Change, seen: ReportRow, body: { version: number; docNo: string; issuedOn: string }): Promise<void> {
  const { clock } = c;
  // the report as it stands, read under its lock: another issue of it (another window, a colleague) committed first is
  // told by whom, when and under which 文号 — before this one registers a number for a report already numbered
  const r = (await lockReport(c.trx, seen.id)) ?? seen;
  await checkDraft(c, r, body.version);
  const h = halfYear(r.period);
  ensure(issueDateRefusal(r.period, body.issuedOn, clock.today));
  // the platform writes the data; the problems and next steps are the office's own words, and a 公文 needs them
  const texts = JSON.parse(r.texts_json) as Record<string, string>;
  if (!texts.outlook?.trim()) throw badRequest(`请先填写“${SECTION_TITLES.outlook}”一节，再印发`, [{ field: 'texts.outlook', message: '印发前须填写' }]);
  ensure(docNoRefusal(body.docNo, await reportWithDocNo(c.trx, body.docNo, r.id)));
  // the office's 文号 register: not a number another 公文 of the office carries (a call for indicators, a bulletin …)
  const region = await findOrg(c.trx, r.region_org_id);
  const doc = { officeId: r.office_org_id, kind: 'analysis_report' as const, subject: String(r.id), title: `${region?.name ?? ''}${h.label}质量分析报告` };
  await onDuplicate(
    () => registerDocNumber(c, doc, body.docNo, { field: 'docNo' }),
    () => numberTakenMeanwhile(body.docNo, 'docNo'),
  );
  // the check above does not see a report issued under the same number by a transaction not yet committed: the
  // unique index analysis_report_doc_no decides
  await onDuplicate(
    () =>
      transition(c, {
        workflow: ANALYSIS_REPORT_WORKFLOW,
        table: 'analysis_report',
        key: { id: r.id, version: body.version },
        from: r.status,
        event: 'issue',
        entityId: r.id,
        set: { doc_no: body.docNo, issued_on: body.issuedOn, issued_at: clock.at, issued_by: c.user.id, updated_at: clock.at },
        onStale: () => moved(c, r.id),
      }),
    () => docNoTaken(body.docNo),
  );
}
