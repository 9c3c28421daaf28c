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
  // (keys shared by several domains get the neutral name; the contract's own message names the field precisely)
  year: '年度',
  title: '标题',
  deadline: '截止日期',
  contactName: '联系人',
  contactPhone: '联系电话',
  contactEmail: '电子邮箱',
  departmentIds: '成员单位',
  baseFrameworkId: '参照方案',
  baseCycleId: '参照年度',
  noticeNo: '通知文号',
  issuedOn: '成文日期',
  objectionStart: '异议期开始日期',
  objectionEnd: '异议期结束日期',
  event: '操作',
  sort: '排序方式',
  cycleId: '考核工作',
  // declarations and schemes
  content: '申报内容',
  until: '重新开放至',
  departmentId: '成员单位',
  indicators: '指标',
  bonuses: '加分项',
  itemCode: '考核项目',
  criterionCode: '考核要点',
  keyPoint: '考核要点',
  standard: '评分标准',
  basis: '依据',
  points: '分值',
  text: '内容',
  // a quality analysis report's section (the route's :section) and the text a save started from
  section: '章节',
  base: '章节原文',
  reason: '原因',
  reopenReason: '重新开放原因',
  returnReason: '退回原因',
  overReason: '超出分值的理由',
  overPoints: '超出分值',
  reopenedUntil: '重新开放至',
  decision: '处理结果',
  framework: '方案内容',
  sections: '考核领域',
  criteria: '要点考核内容',
  versionNo: '方案版本',
  // scoring, results, objections
  view: '查看范围',
  confirm: '确认发布',
  response: '答复理由',
  ownerType: '所属类型',
  ownerId: '所属记录',
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
  docNumber: '文号',
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
  orgId: '单位',
  value: '数值',
  explanation: '情况说明',
  quarter: '季度',
  opensOn: '开始日期',
  closesOn: '截止日期',
  lockDays: '锁定天数',
  // work plan supervision (工作要点督办)
  progress: '进度',
  progressReason: '下调原因',
  problems: '存在问题',
  nextSteps: '下一步计划',
  lateReason: '逾期原因',
  newDueOn: '延期后日期',
  dueOn: '期限',
  summary: '办结情况',
  judgeAgainstOriginal: '按原期限判定逾期',
  period: '报送期次',
  approve: '审批结论（同意或不同意）',
  accept: '审核意见',
  units: '承办单位',
  source: '来源',
  schedule: '报送周期',
  milestoneId: '节点',
  // peer tables, targets, rectification, incentive rules
  items: '评分项',
  metric: '比较指标',
  values: '数值',
  target: '目标值',
  criterionCodes: '失分项目',
  findingIds: '现场评审问题',
  amount: '金额',
  yuan: '元',
  gradeBands: '等级划分',
  min: '下限',
  max: '上限',
  grade: '等级',
  // 整改事项 filters and steps, the honours peers' query, a policy rule's amount kind
  owner: '责任单位',
  light: '指示灯',
  sourceId: '来源编号',
  date: '日期',
  reportId: '进展报告',
  extensionId: '延期申请',
  closureId: '销号申请',
  fromYear: '起始年度',
  kinds: '荣誉类别',
  type: '类型',
  // the audit log's filters, as its page labels them (日期 from … to, 操作, 对象类型, 结果)
  from: '起始日期',
  to: '截止日期',
  action: '操作',
  entityType: '对象类型',
  outcome: '结果',
  upTo: '截至记录编号', // the newest row a listing keeps to, sent back by the page (not typed)
  // choices of other pages and forms
  method: '方法',
  recipient: '奖励对象',
  bound: '目标类型',
  all: '专家范围',
  scope: '范围',
  // the creation evaluation (申请, 受理审查, 专家库, 评价工作方案, 回避声明, 整改)
  conditions: '不予受理情形',
  'conditions.statement': '情况说明',
  condition: '不予受理情形',
  publicityStart: '公示开始日期',
  publicityEnd: '公示截止日期',
  question: '征求意见的内容',
  findings: '核实结果',
  organisation: '工作单位',
  regionId: '工作单位所在地区',
  field: '专业领域',
  active: '在库',
  notApplicable: '合理缺项',
  threshold: '分歧阈值',
  members: '评价组成员',
  peers: '同级城市比较',
  peerTableId: '同级比较表',
  conflict: '是否需回避',
  relations: '需回避的关系',
  statement: '声明',
  itemCodes: '整改的评分项',
  rectificationId: '整改通知编号',
  copyFrom: '复制往年数值',
  // the work plan (回看某日; a task's 所属部分) and the 文号 register
  asOf: '回看日期',
  part: '所属部分',
  partTitle: '所属部分标题',
  subject: '公文对象',
  // a framework (the scheme editor's 方案内容): keys qualified by the object they sit in, where the bare key means something else
  'framework.kind': '方案类型',
  notApplicablePolicy: '合理缺项处理',
  'sections.role': '类别',
  'items.method': '考核评分方法',
  rule: '评分规则',
  direction: '方向',
  stepPolicy: '扣分方式',
  'rules.basis': '计奖方式',
  'framework.totalPoints': '总分',
  'source.seed': '来源文件',
  'source.table': '来源表格',
  vetoGrade: '否决项对应等级',
  passMark: '合格分数线',
  ineligibility: '不予受理情形',
  'items.evaluators': '评价部门',
  'criteria.evaluators': '评价部门',
  evaluatorsText: '评价部门（原文）',
  details: '评分说明',
  'rule.levels': '等级分值',
  'rule.labels': '等级名称',
  'rule.unit': '单位',
  'rule.steps': '分档',
  'rule.otherwise': '其余情形',
  'rule.valueRange': '取值范围',
  'rule.step': '计分步长',
  'rule.deduct': '扣分',
  'rule.tiers': '档次',
  'rule.tierLabels': '档次名称',
  // an indicator's year target: a floor or ceiling (its bound), as a figure or words
  'target.bound': '目标类型',
  // a declaration's rows (申报表: 考核领域, 考核内容, 考核要点; 加分项目)
  'indicators.domain': '考核领域',
  'indicators.item': '考核内容',
  lastYearPoints: '上年分值',
  sourceCode: '上年编号',
  project: '加分项目',
  // an objection's answer, the creation evaluation's nested rows
  'answer.ratio': '得分比例',
  applies: '是否存在该情形',
  'notApplicable.key': '合理缺项的评分细则',
  // an evaluation plan's dates sit in an object named schedule, which is a work plan's 报送周期 as a field of its own
  'schedule.*': '评审日程',
  documentReviewStart: '资料评审开始日期',
  documentReviewEnd: '资料评审截止日期',
  siteReviewStart: '现场评审开始日期',
  siteReviewEnd: '现场评审结束日期',
  'members.expertId': '专家',
  'members.leader': '组长',
};

/**
 * Rows a form shows one by one under a name of their own, each named as the form titles it: ['indicators', 0] →
 * 第1条指标 (the 申报表's card, its delete button, the submission's checks and a refused save alike), not 指标 第1项. A
 * row is looked up with the object it sits in first, as FIELD_LABELS is ('indicators.criteria': a declared key point's
 * 要点考核内容, not a framework's); the text is what follows 第N.
 */
const ROW_LABELS: Readonly<Record<string, string>> = {
  indicators: '条指标',
  bonuses: '条加分项',
  'indicators.criteria': '项要点考核内容',
};

/**
 * A field's path: its keys as the contract's check gives them, an index a number and an object's key a string. Only
 * the keys keep a key that holds dots itself apart: a plan's 同级城市比较 is keyed by its criterion (the key "5.2.a",
 * its row 0, its value: ['peers', '5.2.a', 0, 'value']); where only the dotted text is at hand, fieldKeys reads it.
 */
export type FieldPath = readonly PropertyKey[];

/**
 * The keys of a field's dotted text (`fields[].field` of an answer: "indicators.2.title"), a part of digits an index;
 * "(整体)", the whole input, has none. The text runs a key holding dots ("5.2.a") into several: name a field from its
 * keys where they are at hand.
 */
export const fieldKeys = (field: string): (string | number)[] =>
  field === '' || field === '(整体)' ? [] : field.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));

/** the path's keys, a symbol as its text */
const keysOf = (path: FieldPath): (string | number)[] => path.map((k) => (typeof k === 'number' ? k : String(k)));

/** the label of a key, never a property every object has ("constructor", a record's key, is no field) */
const named = (key: string): string | undefined => (Object.hasOwn(FIELD_LABELS, key) ? FIELD_LABELS[key] : undefined);

/**
 * Whether the last key of a path has a name of its own under its parent (`target.bound` → 目标类型): a key a form does
 * not take is named so only then, since its bare name belongs to whichever form has it (`accept` is 审核意见 on a 销号
 * decision, nothing on a 延期 one).
 */
export function labelledUnder(path: FieldPath): boolean {
  const keys = keysOf(path);
  const parent = keys.slice(0, -1).findLast((k) => typeof k === 'string');
  return parent !== undefined && named(`${parent}.${keys[keys.length - 1]}`) !== undefined;
}

/**
 * A field path as a person reads it: ['sections', 2, 'title'] → "考核领域 第3项 标题"; a row with a name of its own
 * (ROW_LABELS) as the form titles it: ['indicators', 2, 'item'] → "第3条指标 考核内容". A key is first looked up with the
 * object it sits in ("sections.role": a section's 类别, not a person's 角色), then — a key holding an object — as
 * "key.*" ("schedule.*": an evaluation plan's 评审日程, not a work plan's 报送周期), then alone. A key with no name (a
 * record's own key, such as a criterion's "5.2.a") is shown as it is.
 */
export function fieldLabel(path: FieldPath): string {
  if (path.length === 0) return '整体';
  const keys = keysOf(path);
  const parentOf = (i: number) => keys.slice(0, i).findLast((k) => typeof k === 'string');
  const lookUp = (table: Readonly<Record<string, string>>, key: string, parent: string | number | undefined) =>
    (parent !== undefined && Object.hasOwn(table, `${parent}.${key}`) ? table[`${parent}.${key}`] : undefined) ?? (Object.hasOwn(table, key) ? table[key] : undefined);
  const rowOf = (i: number) => {
    const key = keys[i];
    return typeof key === 'string' && typeof keys[i + 1] === 'number' ? lookUp(ROW_LABELS, key, parentOf(i)) : undefined;
  };
  return keys
    .flatMap((key, i) => {
      if (typeof key === 'number') return rowOf(i - 1) ? [] : [`第${key + 1}项`];
      const row = rowOf(i);
      if (row) return [`第${(keys[i + 1] as number) + 1}${row}`];
      const parent = parentOf(i);
      const holder = i < keys.length - 1 ? named(`${key}.*`) : undefined;
      return [(parent !== undefined ? named(`${parent}.${key}`) : undefined) ?? holder ?? named(key) ?? key];
    })
    .join(' ');
}
