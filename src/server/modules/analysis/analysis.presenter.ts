/** Rows → the quality analysis report's response shapes (src/shared/contracts/analysis.ts). */
import { halfYear } from '../../../shared/analysis/periods';
import { SECTION_KEYS, SECTION_TITLES, type ReportView, type SectionData } from '../../../shared/contracts/analysis';
import { ANALYSIS_REPORT_WORKFLOW } from '../../../shared/workflow/analysis';
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
