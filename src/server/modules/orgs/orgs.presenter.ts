/** Org unit rows → the API's shape. */
import type { OrgUnit } from '../../../shared/contracts/orgs';
import type { OrgUnitRow } from '../../db/schema';

export const presentOrg = (r: OrgUnitRow): OrgUnit => ({
  id: r.id,
  code: r.code,
  name: r.name,
  shortName: r.short_name,
  kind: r.kind,
  parentId: r.parent_id,
  sortOrder: r.sort_order,
  version: r.version,
});
