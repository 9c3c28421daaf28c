/** Register rows → the response shapes of src/shared/contracts/docnumbers.ts. */
import { DOC_KINDS, type DocKind, type DocNumberView } from '../../../shared/contracts/docnumbers';
import type { SessionUser } from '../../core/session';
import { mayVoid } from './docnumbers.policy';
import type { EntryRow } from './docnumbers.queries';

/** the page of what a 文号 was printed for */
function linkOf(kind: DocKind, subject: string): string | null {
  switch (kind) {
    case 'cycle_notice':
      return `/assessment/${subject}`;
    case 'results_publicity':
    case 'results_bulletin':
      return `/assessment/${subject}?tab=results`;
    // "cycle:unit:stage", "cycle:objection": the cycle's results
    case 'results_feedback':
    case 'results_report':
    case 'objection_notice':
      return `/assessment/${subject.split(':')[0]}?tab=results`;
    case 'evaluation_decision':
    case 'evaluation_report':
      return `/evaluation/applications/${subject}`;
    case 'analysis_report':
      return `/analysis/${subject}`;
    case 'workplan_notice':
      return '/workplan';
    case 'rectification_notice':
      return '/rectifications';
    case 'evaluation_naming':
      return '/evaluation/register';
  }
}

export function presentEntry(e: EntryRow, user: SessionUser): DocNumberView {
  return {
    id: e.id,
    office: { id: e.office_org_id, name: e.office_name },
    docNo: e.doc_no,
    kind: e.kind,
    kindLabel: DOC_KINDS[e.kind],
    subject: e.subject,
    title: e.title,
    link: linkOf(e.kind, e.subject),
    registered: { name: e.registered_name ?? '（迁移时登记）', at: e.registered_at },
    voided: e.voided_at ? { name: e.voided_name ?? '', at: e.voided_at, reason: e.void_reason ?? '' } : null,
    mayVoid: mayVoid(user, e),
    version: e.version,
  };
}
