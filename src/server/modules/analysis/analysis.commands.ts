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
import { badRequest, conflict } from '../../core/errors';
import { transition } from '../../core/transition';
import { onDuplicate } from '../../db/errors';
import { docNoRefusal, docNoTaken, ensure, periodRefusal, reportMovedRefusal } from './analysis.policy';
import { buildSections, type ReportScope } from './analysis.sections';
import { findOrg, findReport, findReportOf, insertReport, reportWithDocNo, updateDraftReport, type ReportRow } from './analysis.queries';
import { numberTakenMeanwhile, registerDocNumber } from '../docnumbers';


/** the 409 of a change that lost to another (the report moved or was issued since the page was read): who did what, when */
async function moved(c: Change, id: number, section?: SectionKey) {
  const now = await findReport(c.trx, id);
  return reportMovedRefusal(await recordedChanges(c.trx, 'analysis_report', id, { limit: 200 }), now ?? { status: 'draft', doc_no: null }, section, c.user.id);
}

export async function createReport(c: Change, scope: ReportScope, period: string, o: { demo?: boolean } = {}): Promise<number> {
  const { clock } = c;
  const h = halfYear(period);
  ensure(periodRefusal(period, clock.today));
  if (await findReportOf(c.trx, scope.office.id, period)) throw conflict(`本单位${h.label}的质量分析报告已存在`);
  const data = await buildSections(c.trx, c.user, scope, period, clock.today);
  const { id } = await onDuplicate(
    () =>
      insertReport(c.trx, {
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
      }),
    () => conflict(`本单位${h.label}的质量分析报告已存在`),
  );
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

export async function issueReport(c: Change, r: ReportRow, body: { version: number; docNo: string; issuedOn: string }): Promise<void> {
  const { clock } = c;
  await checkDraft(c, r, body.version);
  const h = halfYear(r.period);
  if (body.issuedOn < h.startOn) throw badRequest(`印发日期不能早于${h.label}开始（${h.startOn}）`, [{ field: 'issuedOn', message: `不早于 ${h.startOn}` }]);
  if (body.issuedOn > clock.today) throw badRequest('印发日期不能晚于今天', [{ field: 'issuedOn', message: `不晚于 ${clock.today}` }]);
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
      transition({
        trx: c.trx,
        audit: c.audit,
        user: c.user,
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
