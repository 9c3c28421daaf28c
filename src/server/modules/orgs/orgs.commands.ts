/** Every change of the orgs module: one function each, taking the change context {trx, audit, user}. */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { createOrgBody, OrgUnit, updateOrgBody } from '../../../shared/contracts/orgs';
import { byWhomWhen, recordedChanges } from '../../core/audit';
import type { Change } from '../../core/change';
import { conflict } from '../../core/errors';
import { onDuplicate, UNFORESEEN_DUPLICATE } from '../../db/errors';
import type { Database, OrgUnitRow } from '../../db/schema';
import { nameRefusal } from './orgs.policy';
import { presentOrg } from './orgs.presenter';
import { findOrg, findOrgByCode, findSiblingByName, insertOrg, updateOrgAt } from './orgs.queries';

/**
 * A unit whose code or (among its siblings) name another unit holds, found by a unique key (org_unit.code,
 * org_unit_sibling_name) when another administrator, or the caller's other window, saved it at the same moment and
 * both passed the checks in the commands: the transaction is gone and nothing of it saved, so the 409 is built from
 * `db` after the fact. A code already held comes first, as in createOrg (the same unit added twice): it names the unit
 * that holds the code and, when the audit log has it, who added it and when; else the sibling that holds the name
 * (nameRefusal, the words the commands use). Wraps the route's ctx.tx; `except` is the unit being renamed.
 */
export const orgTaken = <T>(
  db: Kysely<Database>,
  me: number,
  at: { code?: string; parentId: number | null; name?: string; except?: number },
  work: () => Promise<T>,
): Promise<T> =>
  onDuplicate(work, async () => {
    const holder = at.code === undefined ? undefined : await findOrgByCode(db, at.code);
    if (holder) {
      const [added] = await recordedChanges(db, 'org_unit', holder.id, { action: 'org.create' });
      const what = `已用于「${holder.name}」${added ? `（${byWhomWhen(added, me)}新增）` : ''}`;
      return conflict(`机构代码「${holder.code}」${what}，请换一个代码`, undefined, [{ field: 'code', message: `机构代码「${holder.code}」已存在` }]);
    }
    const sibling = at.name === undefined ? undefined : await findSiblingByName(db, at.parentId, at.name, at.except);
    return nameRefusal(sibling, at.parentId === null ? null : await findOrg(db, at.parentId)) ?? conflict(UNFORESEEN_DUPLICATE);
  });

/** A sibling under `parent` (other than `except`) that holds `name`, read in the change's transaction: a 409 naming it. */
async function ensureNameFree(c: Change, parent: OrgUnitRow | null, name: string, except?: number): Promise<void> {
  const refused = nameRefusal(await findSiblingByName(c.trx, parent ? parent.id : null, name, except), parent);
  if (refused) throw refused;
}

/**
 * A new unit under `parent` (checkPlacement has placed it). A code already held skips the name check: the insert then
 * fails on the code's key and orgTaken says who added that unit (a double click, a second window).
 */
export async function createOrg(c: Change, b: z.infer<typeof createOrgBody>, parent: OrgUnitRow | null): Promise<OrgUnit> {
  if (!(await findOrgByCode(c.trx, b.code))) await ensureNameFree(c, parent, b.name);
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

/** Name, short name or order, at the version the caller saw; a new name no sibling holds. */
export async function updateOrg(c: Change, before: OrgUnitRow, body: z.infer<typeof updateOrgBody>): Promise<OrgUnit> {
  const { version, ...changes } = body;
  if (changes.name !== undefined && changes.name !== before.name) {
    await ensureNameFree(c, before.parent_id === null ? null : ((await findOrg(c.trx, before.parent_id)) ?? null), changes.name, before.id);
  }
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
    const what = last ? `已由${byWhomWhen(last, c.user.id)}${last.action === 'org.create' ? '新建' : '修改'}` : '已被他人修改';
    throw conflict(`该机构${what}，请查看最新内容后重试`, current && presentOrg(current));
  }
  await c.audit({ action: 'org.update', entityType: 'org_unit', entityId: r.id, before: presentOrg(before), after: presentOrg(r) });
  return presentOrg(r);
}
