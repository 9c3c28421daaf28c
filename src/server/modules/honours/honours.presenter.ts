/** Rows of the honours roll → the response shapes of src/shared/contracts/honours.ts. */
import type { HonourView } from '../../../shared/contracts/honours';
import { HONOUR_LEVEL_LABELS, honourKind } from '../../../shared/honours/kinds';
import type { SessionUser } from '../../core/session';
import { honourWriteRefusal } from './honours.policy';
import type { HonourRow, OrgLite } from './honours.queries';

const orgOf = (orgs: Map<number, OrgLite>, id: number) => ({ id, name: orgs.get(id)?.name ?? `单位 ${id}` });

export function presentHonour(r: HonourRow, orgs: Map<number, OrgLite>, me: SessionUser): HonourView {
  const k = honourKind(r.kind);
  return {
    id: r.id,
    kind: r.kind,
    kindName: k?.name ?? r.kind,
    level: k?.level ?? 'national',
    levelLabel: k ? HONOUR_LEVEL_LABELS[k.level] : '',
    planIndicator: k?.planIndicator ?? null,
    awardee: r.awardee,
    year: r.year,
    city: orgOf(orgs, r.city_org_id),
    county: r.county_org_id === null ? null : orgOf(orgs, r.county_org_id),
    sourceDoc: r.source_doc,
    note: r.note,
    demo: r.demo === 1,
    version: r.version,
    abilities: { edit: honourWriteRefusal(me, r.city_org_id) === null },
  };
}
