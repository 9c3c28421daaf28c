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
  // lists and paging
  q: '搜索词',
  page: '页码',
  pageSize: '每页条数',
  version: '版本号',
  file: '文件',
  id: '编号',
  // work plan supervision (工作要点督办)
  progress: '进度',
  progressReason: '下调原因',
  problems: '存在问题',
  nextSteps: '下一步计划',
  newDueOn: '延期后日期',
  dueOn: '办理期限',
  summary: '办结情况',
  judgeAgainstOriginal: '按原期限判定逾期',
  period: '报送期次',
  orgId: '单位',
  approve: '审批意见',
  accept: '审核意见',
  units: '承办单位',
  source: '来源',
  schedule: '报送周期',
  milestoneId: '节点',
};

/** A field path as a person reads it: "indicators.2.title" → "指标 第 3 项 标题". */
export function fieldLabel(path: string): string {
  if (!path || path === '(整体)') return '整体';
  return path
    .split('.')
    .map((seg) => (/^\d+$/.test(seg) ? `第 ${Number(seg) + 1} 项` : (FIELD_LABELS[seg] ?? seg)))
    .join(' ');
}
