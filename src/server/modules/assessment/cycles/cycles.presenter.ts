/** The cycle: rows → CycleSummary / CycleDetail (pure). */
import type { CycleDetail, CycleSummary } from '../../../../shared/contracts/cycles';
import { CYCLE_WORKFLOW } from '../../../../shared/workflow/assessment';
import { abilities, type CycleAccess } from '../assessment.policy';
import type { CycleRow } from '../assessment.queries';

export const presentCycleSummary = (c: CycleRow, officeName: string): CycleSummary => ({
  id: c.id,
  year: c.year,
  title: c.title,
  status: c.status,
  statusLabel: CYCLE_WORKFLOW.states[c.status],
  officeOrgId: c.office_org_id,
  officeName,
  deadline: c.deadline,
  demo: c.demo === 1,
  version: c.version,
});

export function presentCycleDetail(
  a: CycleAccess,
  officeName: string,
  units: CycleDetail['units'],
  departments: CycleDetail['departments'],
  preliminary: CycleDetail['preliminary'],
): CycleDetail {
  const c = a.cycle;
  return {
    ...presentCycleSummary(c, officeName),
    baseCycleId: c.base_cycle_id,
    noticeNo: c.notice_no,
    issuedOn: c.issued_on,
    contactName: c.contact_name,
    contactPhone: c.contact_phone,
    contactEmail: c.contact_email,
    gradeBands: JSON.parse(c.grade_bands_json),
    objectionStart: c.objection_start,
    objectionEnd: c.objection_end,
    publishedAt: c.published_at,
    preliminary,
    units,
    departments,
    abilities: abilities(a),
  };
}
