/** The roles of the platform. 三员分立: sysadmin, secadmin and auditor never hold business permissions. */
export const ROLES = [
  'sysadmin',
  'secadmin',
  'auditor',
  'office',
  'department',
  'unit',
  'expert',
  'leader',
] as const;
export type Role = (typeof ROLES)[number];
/** the three administrators (三员): their passwords are reset only on the server, never by one another */
export const ADMIN_ROLES: readonly Role[] = ['sysadmin', 'secadmin', 'auditor'];
/**
 * Roles given and taken away only on the server (`npx kaoping user create`): on the web page the system administrator
 * would choose such an account's first password, and the security administrator could reset a business account's
 * password and then promote it — either would sign in as the administrator who watches it (三员分立).
 */
export const SERVER_ONLY_ROLES: readonly Role[] = ADMIN_ROLES;
/** the administrators who watch the system administrator (三员分立): it may not disable, rename or re-number them */
export const WATCHER_ROLES: readonly Role[] = ['secadmin', 'auditor'];

export const ROLE_LABELS: Record<Role, string> = {
  sysadmin: '系统管理员',
  secadmin: '安全管理员',
  auditor: '审计管理员',
  office: '质强办工作人员',
  department: '成员单位工作人员',
  unit: '市州/县市区工作人员',
  expert: '评价专家',
  leader: '领导（只读）',
};

/** Org unit kinds: governments (province, city, county), member departments and quality offices. */
export const ORG_KINDS = ['province', 'city', 'county', 'department', 'office'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const ORG_KIND_LABELS: Record<OrgKind, string> = {
  province: '省级政府',
  city: '市州',
  county: '县市区',
  department: '成员单位',
  office: '质强办',
};

/** Which org kinds a user of each role may belong to (checked when a user is created or changed). */
export const ROLE_ORG_KINDS: Record<Role, readonly OrgKind[]> = {
  sysadmin: ['office'],
  secadmin: ['office'],
  auditor: ['office'],
  office: ['office'],
  department: ['department'],
  unit: ['city', 'county'],
  expert: ['office', 'department', 'city', 'county', 'province'],
  leader: ['province', 'city', 'office'],
};
