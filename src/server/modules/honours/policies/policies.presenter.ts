/** Policy rows → the response shape (src/shared/contracts/honours.ts policyView). */
import type { PolicyView } from '../../../../shared/contracts/honours';
import { POLICY_LEVELS } from '../../../../shared/incentives/schema';
import { POLICY_WORKFLOW, policyExpiry } from '../../../../shared/workflow/honours';
import { policyCity, policyEditRefusal } from '../honours.policy';
import type { OrgLite } from '../honours.queries';
import type { PolicyRow } from './policies.queries';

/** `mayEdit`: whether the reader may change this policy (policyWriteRefusal over its region, in the route) */
export function presentPolicy(p: PolicyRow, orgs: Map<number, OrgLite>, titles: Map<number, string>, today: string, mayEdit: (region: OrgLite) => boolean): PolicyView {
  const region = orgs.get(p.region_org_id);
  const keeper = region ? mayEdit(region) : false;
  // a repealed or superseded policy is closed (policyEditRefusal, the words editPolicy answers with)
  const closed = policyEditRefusal(p, p.superseded_by_id === null ? null : (titles.get(p.superseded_by_id) ?? null));
  return {
    id: p.id,
    code: p.code,
    title: p.title,
    issuer: p.issuer,
    docNo: p.doc_no,
    level: p.level,
    levelLabel: POLICY_LEVELS[p.level],
    region: { id: p.region_org_id, name: region?.name ?? `单位${p.region_org_id}`, code: region?.code ?? '' },
    keptBy: region ? policyCity(region) : null,
    issuedOn: p.issued_on,
    effectiveFrom: p.effective_from,
    expiresOn: p.expires_on,
    status: p.status,
    statusLabel: POLICY_WORKFLOW.states[p.status],
    supersededBy: p.superseded_by_id === null ? null : { id: p.superseded_by_id, title: titles.get(p.superseded_by_id) ?? `政策${p.superseded_by_id}` },
    expiry: policyExpiry({ status: p.status, expiresOn: p.expires_on }, today),
    source: p.source,
    rules: JSON.parse(p.rules_json),
    notes: JSON.parse(p.notes_json),
    demo: p.demo === 1,
    version: p.version,
    // the keeper changes it while it is current; told why not once it is closed
    abilities: { edit: keeper && closed === null },
    editRefusal: keeper ? closed : null,
  };
}
