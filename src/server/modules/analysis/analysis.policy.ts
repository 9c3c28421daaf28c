/**
 * Who may do what to a quality analysis report (pure predicates over loaded objects). An office writes, refreshes
 * and issues its own report while it is a draft; the province's office and the province's leaders read every
 * office's report and the whole register; a city's office (or a city's leader) reads only its own. A leader reads
 * issued (印发) reports only: a draft is the office's work in progress, not yet its word (mayReadReport).
 */
import { dueOnOf, FIRST_PERIOD, halfYear, issuableOn } from '../../../shared/analysis/periods';
import { SECTION_TITLES, type SectionKey } from '../../../shared/contracts/analysis';
import { can } from '../../../shared/permissions';
import { byWhomWhen, type RecordedChange } from '../../core/audit';
import { badRequest, conflict, forbidden, notFound, type AppError } from '../../core/errors';
import type { SessionUser } from '../../core/session';
import type { OrgRow, ReportRow } from './analysis.queries';

/** the caller's standing: the office they write for (if any) and whether they see every office */
export interface AnalysisAccess {
  user: SessionUser;
  /** the caller's own office and its region, when the caller is a reporting office */
  own: { office: OrgRow; region: OrgRow } | null;
  /** the province's office and the province's leaders */
  seesAll: boolean;
  /** a leader of a city: sees that city's office */
  regionId: number | null;
}

export const mayReadOffice = (a: AnalysisAccess, officeId: number, regionId: number): boolean =>
  a.seesAll || a.own?.office.id === officeId || (a.user.role === 'leader' && a.regionId === regionId);

/**
 * This report: of an office the caller reads (mayReadOffice), and — for a leader — issued. A leader read the drafts
 * (岳阳市's 2024 上半年 one, half-written) as if they were the office's report.
 */
export const mayReadReport = (a: AnalysisAccess, r: Pick<ReportRow, 'office_org_id' | 'region_org_id' | 'status'>): boolean =>
  mayReadOffice(a, r.office_org_id, r.region_org_id) && (a.user.role !== 'leader' || isIssued(r));

export const mayWrite = (a: AnalysisAccess, r: Pick<ReportRow, 'office_org_id'>): boolean => can(a.user.role, 'analysis.manage') && a.own?.office.id === r.office_org_id;
export const mayEdit = (a: AnalysisAccess, r: Pick<ReportRow, 'office_org_id' | 'status'>): boolean => mayWrite(a, r) && r.status === 'draft';
export const mayCreate = (a: AnalysisAccess): boolean => can(a.user.role, 'analysis.manage') && a.own !== null;

/**
 * A half-year's report analyses the whole half-year: it is issued once the half-year has ended, on a day from then on
 * up to `today` (the request's day). Before the end a 409 says from which day (the 2026 上半年 report was issued on
 * 2026-03-01); an 印发日期 before it, or after today, is a 400 on the field.
 */
export function issueDateRefusal(period: string, issuedOn: string, today: string): AppError | null {
  const h = halfYear(period);
  const from = issuableOn(period);
  if (today < from) return conflict(`${h.label}至${h.endOn}结束，其质量分析报告自${from}起方可印发`, undefined, [{ field: 'issuedOn', message: `自${from}起方可印发` }]);
  if (issuedOn < from) return badRequest(`印发日期不能早于${from}：${h.label}至${h.endOn}结束，其质量分析报告在结束后印发`, [{ field: 'issuedOn', message: `不早于${from}` }]);
  if (issuedOn > today) return badRequest('印发日期不能晚于今天', [{ field: 'issuedOn', message: `不晚于${today}` }]);
  return null;
}

/** The caller may issue the report on `today`: its office's draft, of a half-year that has ended. */
export const mayIssue = (a: AnalysisAccess, r: Pick<ReportRow, 'office_org_id' | 'status' | 'period'>, today: string): boolean => mayEdit(a, r) && today >= issuableOn(r.period);

/** a report issued (印发): frozen, and on the register */
export const isIssued = (r: Pick<ReportRow, 'status'> | undefined): boolean => r?.status === 'issued';

/** the register's 逾期: a report issued after its half-year's due day, or none issued and the due day passed */
export const isLate = (r: Pick<ReportRow, 'status' | 'issued_on'> | undefined, period: string, today: string): boolean =>
  isIssued(r) ? (r!.issued_on ?? '') > dueOnOf(period) : today > dueOnOf(period);

/** A report the caller may not read does not exist for them: the same 404 as a report that does not exist (a 403 told another office which ids are taken). */
export function readRefusal(a: AnalysisAccess, r: ReportRow): AppError | null {
  return mayReadReport(a, r) ? null : notFound(`质量分析报告${r.id}不存在`);
}
export function writeRefusal(a: AnalysisAccess, r: ReportRow): AppError | null {
  return mayWrite(a, r) ? null : forbidden('只能编写本单位的质量分析报告');
}

/**
 * The half-years a report may be written for: those the register lists (from FIRST_PERIOD on) that have begun. A
 * report for 2000 上半年 was stored, listed and could be issued, yet no register row, to-do or 4.8 evidence ever
 * showed it, and the page offers no such half-year.
 */
export function periodRefusal(period: string, today: string): AppError | null {
  const h = halfYear(period);
  const first = halfYear(FIRST_PERIOD).label;
  if (period < FIRST_PERIOD) return badRequest(`平台自${first}起登记质量分析报告，不能编写${h.label}的报告`, [{ field: 'period', message: `请选择${first}及以后的半年度` }]);
  if (h.startOn > today) return badRequest(`${h.label}尚未开始，不能编写其质量分析报告`, [{ field: 'period', message: '请选择已开始的半年度' }]);
  return null;
}

/**
 * A 文号 names one 公文: a report is not issued under the number another report already carries (the register and
 * the 4.8 evidence listed two reports as 岳质强办发〔2024〕1号).
 */
export function docNoRefusal(docNo: string, holder: { period: string; region_name: string } | undefined): AppError | null {
  if (!holder) return null;
  return conflict(`文号“${docNo}”已用于${holder.region_name}${halfYear(holder.period).label}质量分析报告，请核对后重新填写`, undefined, [{ field: 'docNo', message: '文号已被使用' }]);
}

/**
 * The same refusal when the unique index decided: another report was issued under the number after this request
 * checked (on PostgreSQL the transaction has ended, so the holder cannot be read; the number is named).
 */
export const docNoTaken = (docNo: string): AppError =>
  conflict(`文号“${docNo}”已用于另一份质量分析报告，请核对后重新填写`, undefined, [{ field: 'docNo', message: '文号已被使用' }]);

export const abilities = (a: AnalysisAccess, r: ReportRow, today: string) => ({ edit: mayEdit(a, r), issue: mayIssue(a, r, today) });

export function ensure(refusal: AppError | null): void {
  if (refusal) throw refusal;
}

const sectionOf = (c: RecordedChange): string | null => {
  try {
    return (JSON.parse(c.after_json ?? 'null') as { section?: string } | null)?.section ?? null;
  } catch {
    return null;
  }
};


/**
 * What the loser of a race on a report is told: who did what, and when, from the report's audit rows (newest
 * first). Issued: who issued it under which 文号 (nothing more can be saved). A section save whose section another
 * writer changed: who and when, and that the text is not saved. Anything else: the latest change, to look at first.
 * `me`: the caller, told 您在其他窗口 when the change was their own.
 */
export function reportMovedRefusal(changes: RecordedChange[], r: Pick<ReportRow, 'status' | 'doc_no'>, section?: SectionKey, me?: number): AppError {
  const issue = changes.find((c) => c.action === 'analysisReport.issue');
  if (r.status !== 'draft') return conflict(issue ? `质量分析报告已由${byWhomWhen(issue, me)}印发（${r.doc_no ?? ''}），不能再修改` : '质量分析报告已印发，不能再修改');
  const mine = section && changes.find((c) => c.action === 'analysisReport.edit' && sectionOf(c) === section);
  if (mine) return conflict(`“${SECTION_TITLES[section]}”一节已由${byWhomWhen(mine, me)}修改，您的文字尚未保存：请先复制，刷新后在其基础上修改`);
  const last = changes.find((c) => c.action === 'analysisReport.edit' || c.action === 'analysisReport.refresh');
  if (!last) return conflict('质量分析报告已被他人修改，请刷新后重试');
  const key = sectionOf(last) as SectionKey | null;
  const what = last.action === 'analysisReport.refresh' ? '刷新数据' : `修改“${key && SECTION_TITLES[key] ? SECTION_TITLES[key] : '章节'}”一节`;
  return conflict(`质量分析报告已由${byWhomWhen(last, me)}${what}，${section ? '您的文字尚未保存：请先复制，刷新后再保存' : '请刷新后查看再操作'}`);
}
