/**
 * DB43 sheet A.1 item 4.8 (“定期分析城市质量状况…每年发布质量分析报告…2次以上”) read from the 质量分析报告 register:
 * the reports an applicant's quality office issued for the half-years of the evaluation period, and what they support.
 * The scorer sees it beside the item; the scoring rules and points are untouched. The evaluation module calls this
 * through the evidence source registered in src/server/routes.ts (the analysis module already reads the evaluation's).
 *
 * The evaluation period (an assumption; seed 004 names none): the round's year and the year before it — the year
 * before is the last complete one when a city applies, and 4.8.c judges each complete year (“每年 … 2次以上”); the
 * round's own year is still running, so it gets its count so far without a verdict. A report counts for the year of
 * the half-year it covers, and only once issued (印发); drafts are named, not counted.
 */
import type { Kysely } from 'kysely';
import { halfYear } from '../../../shared/analysis/periods';
import type { ItemEvidenceView } from '../../../shared/contracts/evaluation';
import type { Database } from '../../db/schema';
import { reportingOffices, reportsOf, type ReportRow } from './analysis.queries';

/** the score sheet's item the register is evidence for */
export const ANALYSIS_ITEM_CODE = '4.8';
/** 4.8.c: at least this many issued a year */
export const ISSUES_A_YEAR = 2;

export const evaluationYears = (roundYear: number): number[] => [roundYear - 1, roundYear];

/** The register's answer for one office and period (pure): the issued reports in order, each year's count, the hint. */
export function analysisEvidence(officeName: string | null, reports: readonly Pick<ReportRow, 'period' | 'status' | 'doc_no' | 'issued_on'>[], years: readonly number[]): ItemEvidenceView {
  const span = `${years[0]}—${years[years.length - 1]}年`;
  const title = `质量分析报告发布登记（${officeName ?? '申请单位'}，评价期${span}）`;
  if (!officeName) {
    return { itemCode: ANALYSIS_ITEM_CODE, title, hint: '平台只登记省、市州质强办的质量分析报告，没有该单位的登记，请以申请材料为准。', rows: [] };
  }
  const inPeriod = reports.filter((r) => years.includes(halfYear(r.period).year)).sort((a, b) => a.period.localeCompare(b.period));
  const issued = inPeriod.filter((r) => r.status === 'issued');
  const drafts = inPeriod.filter((r) => r.status !== 'issued');
  const last = years[years.length - 1];
  const perYear = years.map((y) => {
    const n = issued.filter((r) => halfYear(r.period).year === y).length;
    // the round's own year is still running while it is scored: its count so far, no verdict
    if (y === last) return `${y}年（评价当年）已印发${n}次`;
    return `${y}年${n}次，${n >= ISSUES_A_YEAR ? '满足' : '不满足'}「每年${ISSUES_A_YEAR}次以上」`;
  });
  const draftNote = drafts.length ? `；另有${drafts.map((r) => halfYear(r.period).label).join('、')}报告尚未印发，不计入` : '';
  return {
    itemCode: ANALYSIS_ITEM_CODE,
    title,
    hint: `评价期（${span}）内印发${issued.length}次：${perYear.join('；')}${draftNote}。`,
    rows: issued.map((r) => ({ label: `${halfYear(r.period).label}质量分析报告`, docNo: r.doc_no, date: r.issued_on })),
  };
}

/** 4.8's evidence for an applicant (a city: its quality office's reports; a county has no reporting office here) */
export async function analysisEvidenceOf(db: Kysely<Database>, applicantOrgId: number, roundYear: number): Promise<ItemEvidenceView> {
  const office = (await reportingOffices(db)).find((o) => o.region.id === applicantOrgId);
  const years = evaluationYears(roundYear);
  return analysisEvidence(office?.office.name ?? null, office ? await reportsOf(db, [office.office.id]) : [], years);
}

/** the evidence source the evaluation's score sheets show beside item 4.8 */
export const analysisItemEvidence = { itemCode: ANALYSIS_ITEM_CODE, load: analysisEvidenceOf };
