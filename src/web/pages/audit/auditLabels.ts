/** Chinese names for the audit actions and object types written by the server (unknown ones show as is). */
export const ACTION_LABELS: Record<string, string> = {
  'auth.login': '登录',
  'auth.logout': '退出登录',
  'auth.password.change': '修改密码',
  'access.denied': '越权访问',
  'org.create': '新增机构',
  'org.update': '修改机构',
  'user.create': '新建用户',
  'user.update': '修改用户',
  'user.role': '分配角色',
  'user.unlock': '解锁账户',
  'user.password.reset': '重置密码',
  'todo.done': '办结待办',
};

export const ENTITY_LABELS: Record<string, string> = {
  user: '用户',
  org_unit: '机构',
  todo: '待办',
  route: '接口',
};

export const OUTCOME_LABELS = { ok: '成功', denied: '拒绝', failed: '失败' } as const;
export const OUTCOME_COLORS = { ok: 'green', denied: 'orange', failed: 'red' } as const;
