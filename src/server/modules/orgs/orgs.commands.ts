/** Every change of the orgs module: one function each, taking the change context {trx, audit, user}. */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { createOrgBody, OrgUnit, updateOrgBody } from '../../../shared/contracts/orgs';
import { byWhomWhen, recordedChanges } from '../../core/audit';
import type { Change } from '../../core/change';
import { conflict } from '../../core/errors';
import { onDuplicate } from '../../db/errors';
import type { Database, OrgUnitRow } from '../../db/schema';
import { presentOrg } from './orgs.presenter';
import { findOrg, findOrgByCode, insertOrg, updateOrgAt } from './orgs.queries';

/**
 * A new unit whose code another unit holds (added before, or at the same moment by another administrator or the
 * caller's other window: the unique key on org_unit.code decides, the transaction is gone and nothing of it saved): the
 * 409 names the unit that holds the code and, when the audit log has it, who added it and when, read through `db`
 * after the fact. Wraps the route's ctx.tx.
 */
export const orgCodeTaken = <T>(db: Kysely<Database>, code: string, me: number, work: () => Promise<T>): Promise<T> =>
  onDuplicate(work, async () => {
    const holder = await findOrgByCode(db, code);
    const [added] = holder ? await recordedChanges(db, 'org_unit', holder.id, { action: 'org.create' }) : [];
    const what = holder ? `已用于「${holder.name}」${added ? `（${byWhomWhen(added, me)} 新增）` : ''}` : '已存在';
    return conflict(`机构代码「${code}」${what}，请换一个代码`, undefined, [{ field: 'code', message: `机构代码「${code}」已存在` }]);
  });

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
