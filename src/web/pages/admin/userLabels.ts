import { ORG_KIND_LABELS, ROLE_LABELS, ROLE_ORG_KINDS, ROLES, SERVER_ONLY_ROLES, type Role } from '../../../shared/roles';

export const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));
/** Roles that can be asked for or assigned in user management: the three administrators' are made on the server only. */
export const ASSIGNABLE_ROLE_OPTIONS = ROLE_OPTIONS.filter((o) => !SERVER_ONLY_ROLES.includes(o.value));

/** "须属于 质强办" — which units a role may belong to. */
export const roleOrgHint = (role: Role | undefined): string | undefined =>
  role ? `${ROLE_LABELS[role]}须属于：${ROLE_ORG_KINDS[role].map((k) => ORG_KIND_LABELS[k]).join('、')}` : undefined;
