/** Every change of the orgs module: one function each, taking the change context {trx, audit, user}. */
import type { z } from 'zod';
import type { createOrgBody, OrgUnit, updateOrgBody } from '../../../shared/contracts/orgs';
import { byWhomWhen, recordedChanges } from '../../core/audit';
import type { Change } from '../../core/change';
import { conflict } from '../../core/errors';
import type { OrgUnitRow } from '../../db/schema';
import { presentOrg } from './orgs.presenter';
import { findOrg, insertOrg, updateOrgAt } from './orgs.queries';

export async function createOrg(c: Change, b: z.infer<typeof createOrgBody>): Promise<OrgUnit> {
  const now = c.clock.at;
  const row = await insertOrg(c.trx, {
    code: b.code,
    name: b.name,
    short_name: b.shortName ?? null,
    kind: b.kind,
    parent_id: b.parentId,
    sort_order: b.sortOrder ?? 0,
    version: 1,
    created_at: now,
    updated_at: now,
  });
  await c.audit({ action: 'org.create', entityType: 'org_unit', entityId: row.id, after: presentOrg(row) });
  return presentOrg(row);
}

/** Name, short name or order, at the version the caller saw. */
export async function updateOrg(c: Change, before: OrgUnitRow, body: z.infer<typeof updateOrgBody>): Promise<OrgUnit> {
  const { version, ...changes } = body;
  const r = await updateOrgAt(c.trx, before.id, version, {
    ...(changes.name !== undefined ? { name: changes.name } : {}),
    ...(changes.shortName !== undefined ? { short_name: changes.shortName } : {}),
    ...(changes.sortOrder !== undefined ? { sort_order: changes.sortOrder } : {}),
    version: version + 1,
    updated_at: c.clock.at,
  });
  if (!r) {
    // read after the miss, so it names the change that won: who, how and when
    const current = await findOrg(c.trx, before.id);
    const [last] = await recordedChanges(c.trx, 'org_unit', before.id, { family: 'org' });
    const what = last ? `已由${byWhomWhen(last, c.user.id)} ${last.action === 'org.create' ? '新建' : '修改'}` : '已被他人修改';
    throw conflict(`该机构${what}，请查看最新内容后重试`, current && presentOrg(current));
  }
  await c.audit({ action: 'org.update', entityType: 'org_unit', entityId: r.id, before: presentOrg(before), after: presentOrg(r) });
  return presentOrg(r);
}
