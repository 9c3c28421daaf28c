/**
 * Chinese names of the audit log's actions and objects, for the audit page and the cycle's audit tab.
 * Every action the server writes has a label here (a test greps src/server for them); an action missing from
 * the table is still shown in Chinese, marked as not registered, never as a bare code.
 */

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
  'user.approve': '审核通过新账户',
  'user.reject': '驳回新账户',
  'user.unlock': '解锁账户',
  'user.password.reset': '重置密码',
  'todo.done': '办结待办',
  download: '下载文件',
  'cycle.open': '开启考核（发出指标征集通知）',
  'cycle.update': '修改考核工作',
  'cycle.closeCollection': '结束指标征集',
  'cycle.reopenCollection': '重新开放指标征集',
  'cycle.startScoring': '开始评分',
  'cycle.openReview': '公布初步结果，开放异议',
  'cycle.publishResults': '发布最终结果',
  'cycle.publishPreliminary': '公布已提交部门的初步结果（评分未完成）',
  'declaration.save': '保存指标申报表',
  'declaration.upload': '上传指标申报表',
  'declaration.reopen': '重新开放指标申报',
  'declaration.submit': '提交指标申报表',
  'declaration.return': '退回指标申报表',
  'declaration.accept': '接收指标申报表',
  'declaration.remind': '催办指标申报',
  'scheme.update': '修改考核方案',
  'scheme.newVersion': '新建考核方案版本',
  'scheme.applyDeclarations': '将申报指标纳入考核方案',
  'scheme.publish': '发布考核方案',
  'scheme.supersede': '考核方案被新版本取代',
  'score.create': '评分',
  'score.update': '修改评分',
  'score.delete': '清除评分',
  'score.upload': '上传评分表',
  'score.adjust': '因异议调整评分',
  'scoreSubmission.submit': '提交评分',
  'scoreSubmission.reopen': '重新开放评分',
  'scoring.remind': '催办评分',
  'selfReport.create': '填报自评材料',
  'selfReport.update': '修改自评材料',
  'evidence.upload': '上传佐证材料',
  'evidence.delete': '删除佐证材料',
  'objection.raise': '提出异议',
  'objection.uphold': '答复异议：维持原评分',
  'objection.adjust': '答复异议：调整评分',
  'objection.closeAtPublication': '发布最终结果时异议未答复，维持原评分',
  'result.freeze': '固化考核结果',
  // the creation evaluation (seed 004)
  'evaluationRound.create': '开启创建评价批次',
  'evaluationRound.close': '截止创建评价申请',
  'evaluationRound.reopen': '重新开放创建评价申请',
  'evaluationApplication.create': '申请创建评价（草稿）',
  'evaluationApplication.update': '修改创建评价申请',
  'evaluationApplication.submit': '提交创建评价申请',
  'evaluationApplication.return': '退回创建评价申请补正',
  'evaluationApplication.accept': '受理创建评价申请',
  'evaluationApplication.refuse': '不予受理创建评价申请',
  'evaluationApplication.startReview': '批准评价工作方案，开始评审',
  'evaluationApplication.consolidate': '确认综合评价结果',
  'evaluationApplication.sendReport': '反馈评价报告',
  'evaluationApplication.acknowledge': '确认收到评价报告',
  'evaluationApplication.publicise': '公示创建评价结果',
  'evaluationApplication.name': '命名质量强市（县）',
  'eligibilityConsultation.ask': '受理审查征求成员单位意见',
  'eligibilityConsultation.answer': '回复受理审查征求意见',
  'evaluationApplication.agree': '组长确定分歧项目得分',
  'evaluationPlan.create': '制定评价工作方案（新版本）',
  'evaluationPlan.update': '修改评价工作方案草稿',
  'evaluationPlan.approve': '批准评价工作方案',
  'evaluationPlan.supersede': '评价工作方案由新版本取代',
  'recusal.declareNone': '专家声明无利害关系',
  'recusal.declareConflict': '专家声明需回避',
  'expertSheet.score': '专家评分',
  'expertSheet.submit': '专家提交评分',
  'expertSheet.reopenForSite': '现场评审重新打开评分表',
  'selfAssessment.score': '申请单位自评',
  'selfAssessment.submit': '提交自评',
  'siteFinding.record': '记录现场评审发现的问题',
  'expert.create': '专家库新增专家',
  'expert.update': '修改专家库中的专家',
  'rectification.raise': '就失分项目提出整改要求',
  'rectification.answer': '答复整改情况',
  'indicator.target.set': '调整规划指标年度目标',
};

/** Families of actions (the part before the first dot), for the filter and for unregistered actions. */
export const ACTION_FAMILY_LABELS: Record<string, string> = {
  auth: '认证',
  access: '访问控制',
  org: '机构',
  user: '用户',
  session: '会话',
  system: '系统',
  audit: '审计',
  todo: '待办',
  download: '下载',
  cycle: '考核工作',
  declaration: '指标申报',
  scheme: '考核方案',
  score: '评分',
  scoreSubmission: '评分提交',
  scoring: '评分',
  selfReport: '自评材料',
  evidence: '佐证材料',
  objection: '异议',
  result: '考核结果',
  evaluationRound: '创建评价批次',
  evaluationApplication: '创建评价申请',
  eligibilityConsultation: '受理审查征求意见',
  evaluationPlan: '评价工作方案',
  recusal: '回避声明',
  expertSheet: '专家评分',
  selfAssessment: '自评',
  siteFinding: '现场评审问题',
  expert: '专家库',
  rectification: '整改事项',
  indicator: '规划指标',
};

export const ENTITY_LABELS: Record<string, string> = {
  user: '用户',
  org_unit: '机构',
  todo: '待办',
  route: '接口',
  session: '会话',
  assessment_cycle: '考核周期',
  declaration: '指标申报表',
  scheme: '考核方案',
  score: '评分',
  score_submission: '评分提交',
  self_report: '自评材料',
  evidence: '佐证材料',
  objection: '异议',
  cycle_result: '考核结果',
  evaluation_round: '创建评价批次',
  evaluation_application: '创建评价申请',
  eligibility_consultation: '受理审查征求意见',
  evaluation_plan: '评价工作方案',
  plan_member: '评价组成员',
  expert_sheet: '专家评分表',
  self_assessment: '自评',
  site_finding: '现场评审问题',
  expert: '评价专家',
  rectification: '整改事项',
  indicator: '规划指标',
  indicator_plan: '规划',
};

export const OUTCOME_LABELS = { ok: '成功', denied: '拒绝', failed: '失败' } as const;

/** The action in Chinese; an unregistered one says so and keeps its code visible. */
export function actionLabel(action: string): string {
  const known = ACTION_LABELS[action];
  if (known) return known;
  const family = ACTION_FAMILY_LABELS[action.split('.')[0]];
  return family ? `${family}：未登记的操作（${action}）` : `未登记的操作（${action}）`;
}

export function entityTypeLabel(type: string): string {
  return ENTITY_LABELS[type] ?? `未登记的对象类型（${type}）`;
}

/** The object in Chinese: 考核周期「2023年度…」 when its name is known, else 考核周期 #2 (接口「GET /api/users」 for a non-numeric id). */
export function objectLabel(type: string | null, id: string | null, name?: string | null): string {
  if (!type) return id ? `#${id}` : '—';
  const kind = entityTypeLabel(type);
  if (name) return `${kind}「${name}」`;
  if (!id) return kind;
  return /^\d+$/.test(id) ? `${kind} #${id}` : `${kind}「${id}」`;
}
