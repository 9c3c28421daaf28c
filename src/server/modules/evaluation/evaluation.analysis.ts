/**
 * What the quality analysis report (modules/analysis) reads from the creation evaluation: the applications of a
 * year's rounds by the given applicants (a city and its counties, or every unit for the province), or named
 * within the period, with their state and 命名 document.
 */
import type { Kysely } from 'kysely';
import { APPLICATION_WORKFLOW } from '../../../shared/workflow/evaluation';
import type { Database } from '../../db/schema';

export interface EvaluationOfPeriod {
  roundTitle: string;
  year: number;
  applicant: string;
  status: string;
  statusLabel: string;
  namedAt: string | null;
  namingDocNo: string | null;
}

export async function evaluationsOfPeriod(db: Kysely<Database>, o: { year: number; from: string; to: string; applicantIds: number[] | null }): Promise<EvaluationOfPeriod[]> {
  let q = db
    .selectFrom('evaluation_application')
    .innerJoin('evaluation_round', 'evaluation_round.id', 'evaluation_application.round_id')
    .innerJoin('org_unit', 'org_unit.id', 'evaluation_application.applicant_org_id')
    .select(['evaluation_round.title', 'evaluation_round.year', 'org_unit.name', 'evaluation_application.status', 'evaluation_application.named_at', 'evaluation_application.naming_doc_no'])
    .where('evaluation_application.status', '!=', 'draft')
    .where((eb) => eb.or([eb('evaluation_round.year', '=', o.year), eb.and([eb('evaluation_application.named_at', '>=', o.from), eb('evaluation_application.named_at', '<=', o.to)])]));
  if (o.applicantIds) q = q.where('evaluation_application.applicant_org_id', 'in', o.applicantIds.length ? o.applicantIds : [0]);
  const rows = await q.orderBy('evaluation_round.year').orderBy('org_unit.sort_order').execute();
  return rows.map((r) => ({ roundTitle: r.title, year: r.year, applicant: r.name, status: r.status, statusLabel: APPLICATION_WORKFLOW.states[r.status], namedAt: r.named_at, namingDocNo: r.naming_doc_no }));
}
