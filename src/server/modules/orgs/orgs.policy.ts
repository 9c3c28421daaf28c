/** The shape of the org tree: which kinds may sit under which. Pure. */
import { ORG_KIND_LABELS } from '../../../shared/roles';
import type { OrgUnitRow } from '../../db/schema';
import { type AppError, badRequest, conflict } from '../../core/errors';

type Kind = OrgUnitRow['kind'];

/** The province holds cities, departments and its office; a city its counties and office. */
export const CHILD_KINDS: Record<Kind | 'root', readonly Kind[]> = {
  root: ['province'],
  province: ['city', 'department', 'office'],
  city: ['county', 'office', 'department'],
  county: ['office', 'department'],
  department: [],
  office: [],
};

/** A new unit must go under an existing parent (or at the top) that may hold its kind. */
export function checkPlacement(parentId: number | null, parent: OrgUnitRow | undefined | null, kind: Kind): void {
  if (parentId !== null && !parent) {
    throw badRequest(`上级机构${parentId}不存在`, [{ field: 'parentId', message: `上级机构${parentId}不存在` }]);
  }
  const allowed = CHILD_KINDS[parent ? parent.kind : 'root'];
  if (!allowed.includes(kind)) {
    const msg = `「${parent ? parent.name : '顶层'}」下不能设立${ORG_KIND_LABELS[kind]}类机构（允许：${allowed.map((k) => ORG_KIND_LABELS[k]).join('、') || '无'}）`;
    throw badRequest(msg, [{ field: 'kind', message: msg }]);
  }
}

/**
 * A unit is told from its siblings by its name: a second 长沙市 under 湖南省 (or 株洲市 renamed 长沙市) left every list
 * a user is assigned from, every ranking and the audit log with two units of one name, and the security administrator
 * choosing 长沙市 for an account could give it the other unit's data. The 409 names the code of the unit that holds it;
 * null when no sibling holds the name. Asked by the org commands inside their transaction, and after a lost race on
 * the unique index org_unit_sibling_name (orgTaken), so both say the same.
 */
export function nameRefusal(holder: Pick<OrgUnitRow, 'code' | 'name'> | undefined, parent: Pick<OrgUnitRow, 'name'> | null | undefined): AppError | null {
  if (!holder) return null;
  const msg = `「${parent ? parent.name : '顶层'}」下已有名为「${holder.name}」的机构（代码${holder.code}），同一上级下的机构名称不能相同`;
  return conflict(msg, undefined, [{ field: 'name', message: `「${holder.name}」已存在` }]);
}
