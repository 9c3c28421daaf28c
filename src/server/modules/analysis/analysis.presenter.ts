/** Rows → the quality analysis report's response shapes (src/shared/contracts/analysis.ts). */
import { dueOnOf, FIRST_PERIOD, halfYear, lastEndedPeriod, periodsBetween } from '../../../shared/analysis/periods';
import { SECTION_KEYS, SECTION_TITLES, type RegisterView, type ReportView, type SectionData } from '../../../shared/contracts/analysis';
import { ANALYSIS_REPORT_WORKFLOW, type AnalysisReportStatus } from '../../../shared/workflow/analysis';
import { isIssued, isLate } from './analysis.policy';
import type { OrgRow, ReportRow } from './analysis.queries';

type Named = Pick<OrgRow, 'id' | 'name'>;

export function presentSummary(r: ReportRow, office: Named, region: Named) {
  return {
    id: r.id,
    office: { id: office.id, name: office.name },
    region: { id: region.id, name: region.name },
    period: r.period,
    periodLabel: halfYear(r.period).label,
    status: r.status,
    statusLabel: ANALYSIS_REPORT_WORKFLOW.states[r.status],
    docNo: r.doc_no,
    issuedOn: r.issued_on,
    refreshedAt: r.refreshed_at,
    version: r.version,
  };
}

export function presentReport(r: ReportRow, office: Named, region: Named, abilities: { edit: boolean; issue: boolean }): ReportView {
  const data = JSON.parse(r.data_json) as Partial<Record<string, SectionData>>;
  const texts = JSON.parse(r.texts_json) as Partial<Record<string, string>>;
  return {
    ...presentSummary(r, office, region),
    title: `${region.name}${halfYear(r.period).label}质量分析报告`,
    sections: SECTION_KEYS.map((key) => ({ key, title: SECTION_TITLES[key], data: data[key] ?? { summary: '', tables: [], charts: [] }, text: texts[key] ?? '' })),
    abilities,
  };
}

/** the mark a draft's file name carries (（草稿）); none once issued */
export const draftMark = (status: AnalysisReportStatus): string => (status === 'draft' ? '（草稿）' : '');

type OfficeOf = { office: OrgRow; region: OrgRow };

/**
 * The reports the caller sees, each with whether the caller may edit it (mayEdit), and the half-years up to the
 * current one that it may write a report for (mayCreate).
 */
export function presentReportList(visible: OfficeOf[], reports: ReportRow[], may: { create: boolean; edit: (r: ReportRow) => boolean }, today: string) {
  const names = new Map(visible.flatMap((o) => [o.office, o.region]).map((x) => [x.id, x]));
  const current = `${today.slice(0, 4)}-H${today.slice(5) >= '07-01' ? 2 : 1}`;
  const periods = periodsBetween(FIRST_PERIOD, current).reverse();
  return {
    items: reports.map((r) => ({ ...presentSummary(r, names.get(r.office_org_id)!, names.get(r.region_org_id)!), editable: may.edit(r) })),
    abilities: { create: may.create },
    periods: may.create ? periods.map((p) => ({ code: p, label: halfYear(p).label })) : [],
  };
}

/** The register: each visible office's report per ended half-year (issued or not, late or not), and how many were issued. */
export function presentRegister(visible: OfficeOf[], reports: ReportRow[], today: string): RegisterView {
  const last = lastEndedPeriod(today);
  const periods = last >= FIRST_PERIOD ? periodsBetween(FIRST_PERIOD, last) : [];
  let issued = 0;
  const rows = visible.map((o) => ({
    office: { id: o.office.id, name: o.office.name },
    region: { id: o.region.id, name: o.region.name },
    cells: periods.map((p) => {
      const r = reports.find((x) => x.office_org_id === o.office.id && x.period === p);
      if (isIssued(r)) issued++;
      const late = isLate(r, p, today);
      return { period: p, status: r ? r.status : ('none' as const), reportId: r?.id ?? null, docNo: r?.doc_no ?? null, issuedOn: r?.issued_on ?? null, late };
    }),
  }));
  return { periods: periods.map((p) => ({ code: p, label: halfYear(p).label, dueOn: dueOnOf(p) })), rows, issued };
}
