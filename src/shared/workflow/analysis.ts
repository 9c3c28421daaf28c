/**
 * The quality analysis report (质量分析报告, DB43 4.8): a draft the office edits and refreshes, then issued as a
 * 公文 (文号, date) and frozen.
 */
import type { Workflow } from './workflow';

export type AnalysisReportStatus = 'draft' | 'issued';
export type AnalysisReportEvent = 'issue';
export const ANALYSIS_REPORT_WORKFLOW: Workflow<AnalysisReportStatus, AnalysisReportEvent> = {
  name: 'analysisReport',
  states: { draft: '草稿', issued: '已印发' },
  transitions: [{ from: ['draft'], event: 'issue', to: 'issued', permission: 'analysis.manage', label: '印发' }],
};
