/**
 * The Chinese name of each request field, as the forms label it: what an error message says instead of the API's
 * English key (the key itself still travels in `fields[].field`, so a form can put the message beside its input).
 * A field missing here is shown by its key; add it when a form gains a field.
 */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  // people and accounts
  username: '用户名',
  displayName: '姓名',
  password: '密码',
  oldPassword: '原密码',
  newPassword: '新密码',
  role: '角色',
  orgUnitId: '所属单位',
  phone: '联系电话',
  status: '状态',
  // organisations
  code: '代码',
  name: '名称',
  shortName: '简称',
  kind: '类型',
  parentId: '上级单位',
  sortOrder: '排序',
  // cycles
  year: '考核年度',
  title: '标题',
  deadline: '截止日期',
  contactName: '联系人',
  contactPhone: '联系电话',
  contactEmail: '电子邮箱',
  departmentIds: '成员单位',
  baseFrameworkId: '参照方案',
  baseCycleId: '参照年度',
  noticeNo: '通知文号',
  issuedOn: '发文日期',
  objectionStart: '异议期开始日期',
  objectionEnd: '异议期结束日期',
  event: '操作',
  // declarations and schemes
  indicators: '指标',
  bonuses: '加分项',
  itemCode: '考核项目',
  criterionCode: '考核要点',
  keyPoint: '考核要点',
  standard: '评分标准',
  basis: '依据',
  points: '分值',
  text: '内容',
  reason: '原因',
  reopenReason: '重新开放原因',
  returnReason: '退回原因',
  overReason: '超出分值的理由',
  overPoints: '超出分值',
  reopenedUntil: '重新开放至',
  decision: '处理结果',
  framework: '方案内容',
  versionNo: '方案版本',
  // scoring, results, objections
  unitId: '被考核单位',
  answer: '评分',
  score: '得分',
  comment: '说明',
  message: '内容',
  detail: '明细',
  // honours roll and incentive policies (issue 12)
  awardee: '获奖单位（项目）',
  cityId: '市州',
  countyId: '县市区',
  sourceDoc: '来源文件',
  note: '备注',
  docNo: '文号',
  issuer: '发布机关',
  level: '级别',
  regionCode: '适用地区',
  effectiveFrom: '施行日期',
  expiresOn: '失效日期',
  supersededById: '替代政策',
  rules: '奖励规则',
  notes: '说明',
  achievements: '成果',
  achievement: '成果类别',
  count: '数量',
  requestedYuan: '申请金额',
  policyId: '激励政策',
  upToYear: '截至年度',
  indicatorCode: '规划指标',
  // lists and paging
  q: '搜索词',
  page: '页码',
  pageSize: '每页条数',
  version: '版本号',
  file: '文件',
  id: '编号',
  // plan-indicator reporting (issue 12)
  planId: '规划',
  periodId: '填报期',
  indicatorId: '指标',
  orgId: '填报单位',
  value: '数值',
  explanation: '情况说明',
  quarter: '季度',
  opensOn: '开始日期',
  closesOn: '截止日期',
  lockDays: '锁定天数',
};

/** A field path as a person reads it: "indicators.2.title" → "指标 第 3 项 标题". */
export function fieldLabel(path: string): string {
  if (!path || path === '(整体)') return '整体';
  return path
    .split('.')
    .map((seg) => (/^\d+$/.test(seg) ? `第 ${Number(seg) + 1} 项` : (FIELD_LABELS[seg] ?? seg)))
    .join(' ');
}
