/** The shape of the org tree: which kinds may sit under which. Pure. */
import { ORG_KIND_LABELS } from '../../../shared/roles';
import type { OrgUnitRow } from '../../db/schema';
import { badRequest } from '../../core/errors';

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
    throw badRequest(`上级机构 ${parentId} 不存在`, [{ field: 'parentId', message: `上级机构 ${parentId} 不存在` }]);
  }
  const allowed = CHILD_KINDS[parent ? parent.kind : 'root'];
  if (!allowed.includes(kind)) {
    const msg = `「${parent ? parent.name : '顶层'}」下不能设立${ORG_KIND_LABELS[kind]}类机构（允许：${allowed.map((k) => ORG_KIND_LABELS[k]).join('、') || '无'}）`;
    throw badRequest(msg, [{ field: 'kind', message: msg }]);
  }
}
