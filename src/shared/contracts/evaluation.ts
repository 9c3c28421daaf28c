/**
 * The creation evaluation of quality-strong cities and counties (seed 004, DB43): request and response shapes of
 * rounds, applications and the eligibility review (受理审查). Plans, panels and expert scores follow.
 */
import { choiceOf, dateOnly, docNumberText, engineAnswer, id, idText, text, versionOf, yearOf, z } from './common';
import { COMBINE_METHOD_LABELS } from '../evaluation/consolidate';
import { REASON_LABEL } from '../scoring/check';
import { APPLICATION_WORKFLOW, CONSULTATION_WORKFLOW, ROUND_WORKFLOW } from '../workflow/evaluation';

const statusOf = <T extends Record<string, string>>(states: T) => z.enum(Object.keys(states) as [keyof T & string, ...(keyof T & string)[]]);
export const roundStatus = statusOf(ROUND_WORKFLOW.states);
export const applicationStatus = statusOf(APPLICATION_WORKFLOW.states);
export const consultationStatus = statusOf(CONSULTATION_WORKFLOW.states);

export const roundParams = z.strictObject({ id: idText('评价批次编号须为正整数') });
export const applicationParams = z.strictObject({ id: idText('创建评价申请编号须为正整数') });
export const consultationParams = z.strictObject({ id: idText('征求意见编号须为正整数') });
/** an expert of the organiser's pool, and a seat on an evaluation plan's panel (回避声明), by id in the address */
export const expertParams = z.strictObject({ id: idText('专家编号须为正整数') });
export const planMemberParams = z.strictObject({ id: idText('评价组成员编号须为正整数') });

export const createRoundBody = z.strictObject({
  year: yearOf('评价年度'),
  title: text({ error: '请填写标题' }).trim().min(4, { error: '标题至少4个字' }).max(100, { error: '标题最多100字' }),
});
export type CreateRoundBody = z.infer<typeof createRoundBody>;

export const orgRef = z.object({ id: z.number(), name: z.string() });

export const roundView = z.object({
  id: z.number(),
  year: z.number(),
  title: z.string(),
  organiser: orgRef,
  frameworkId: z.string(),
  frameworkTitle: z.string(),
  /** points of sheet A.1 and the pass mark */
  totalPoints: z.string(),
  passMark: z.string().nullable(),
  status: roundStatus,
  statusLabel: z.string(),
  applications: z.number(),
  version: z.number(),
  createdAt: z.string(),
  /** what the caller may do to the round now (roundAbilities: applyRefusal, roundMoveRefusal): 申请创建评价, and the moves 截止申请 (close) / 重新开放申请 (reopen) */
  abilities: z.object({ apply: z.boolean(), events: z.array(z.enum(['close', 'reopen'])) }),
});
export type RoundView = z.infer<typeof roundView>;

/** One 不予受理 condition as the applicant declares it: it does not apply, and why (a statement). */
export const conditionDeclaration = z.strictObject({
  code: text().max(10),
  applies: z.boolean({ error: '请说明是否存在该情形' }),
  statement: text({ error: '请填写情况说明' }).trim().max(2000, { error: '情况说明最多2000字' }),
});

export const applicationBody = z.strictObject({
  contactName: text({ error: '请填写联系人' }).trim().min(2, { error: '联系人至少2个字' }).max(40, { error: '联系人最多40字' }),
  contactPhone: text({ error: '请填写联系电话' })
    .trim()
    .regex(/^[0-9+\-() ]{7,20}$/, { error: '联系电话须为7～20位数字（可含 - 与括号）' }),
  note: text().trim().max(4000, { error: '申请说明最多4000字' }).optional(),
  conditions: z.array(conditionDeclaration, { error: '请逐项说明四种不予受理情形' }).max(10),
});
export type ApplicationBody = z.infer<typeof applicationBody>;

export const createApplicationBody = applicationBody;
export const updateApplicationBody = applicationBody.extend({ version: versionOf('请带上版本号') });

export const applicationEventBody = z.discriminatedUnion(
  'event',
  [
    z.strictObject({ event: z.literal('submit'), version: versionOf('请带上版本号') }),
    z.strictObject({
      event: z.literal('accept'),
      version: versionOf('请带上版本号'),
      /** required when a consulted department found a 不予受理 condition or has not answered (acceptConcerns) */
      reason: text().trim().min(10, { error: '受理理由至少10个字，请写明核实的情况' }).max(4000).optional(),
    }),
    z.strictObject({
      event: z.literal('return'),
      version: versionOf('请带上版本号'),
      reason: text({ error: '请写明退回补正的理由' }).trim().min(5, { error: '退回理由至少5个字，请写明需要补正的材料' }).max(2000),
    }),
    z.strictObject({
      event: z.literal('refuse'),
      version: versionOf('请带上版本号'),
      condition: text({ error: '请选择不予受理的情形' }).max(10),
      reason: text({ error: '请写明不予受理的理由' }).trim().min(10, { error: '不予受理理由至少10个字，请写明事实和依据' }).max(4000),
    }),
    z.strictObject({ event: z.literal('sendReport'), version: versionOf('请带上版本号') }),
    z.strictObject({ event: z.literal('acknowledge'), version: versionOf('请带上版本号') }),
    z.strictObject({
      event: z.literal('publicise'),
      version: versionOf('请带上版本号'),
      publicityStart: dateOnly('公示开始日期'),
      publicityEnd: dateOnly('公示截止日期'),
    }),
    z.strictObject({
      event: z.literal('name'),
      version: versionOf('请带上版本号'),
      docNo: docNumberText('请填写命名文件的文号'),
    }),
  ],
  { error: '操作无效：可为提交、受理、退回补正、不予受理、反馈评价报告、确认收到、公示或命名' },
);
export type ApplicationEventBody = z.infer<typeof applicationEventBody>;

export const consultBody = z.strictObject({
  departmentIds: z.array(id('成员单位编号须为正整数'), { error: '请选择征求意见的成员单位' }).min(1, { error: '请至少选择一个成员单位' }).max(40),
  conditions: z.array(text().max(10), { error: '请选择征求意见的不予受理情形' }).min(1, { error: '请至少选择一种不予受理情形' }).max(10),
  question: text({ error: '请填写征求意见的内容' }).trim().min(5, { error: '征求意见的内容至少5个字' }).max(2000),
});
export type ConsultBody = z.infer<typeof consultBody>;

export const answerConsultationBody = z.strictObject({
  version: versionOf('请带上版本号'),
  findings: z
    .array(z.strictObject({ code: text().max(10), applies: z.boolean({ error: '请说明是否存在该情形' }) }), { error: '请对每种情形给出意见' })
    .min(1)
    .max(20, { error: '不予受理情形不超过20种' }),
  /** the form's 回复意见 (the shared name of `answer` is a score's 评分) */
  answer: text({ error: '请填写回复意见' }).trim().min(2, { error: '回复意见至少2个字' }).max(4000, { error: '回复意见最多4000字' }).meta({ title: '回复意见' }),
});
export type AnswerConsultationBody = z.infer<typeof answerConsultationBody>;

export const consultationView = z.object({
  id: z.number(),
  applicationId: z.number(),
  applicant: orgRef,
  department: orgRef,
  conditions: z.array(z.object({ code: z.string(), text: z.string() })),
  question: z.string(),
  status: consultationStatus,
  statusLabel: z.string(),
  findings: z.array(z.object({ code: z.string(), applies: z.boolean() })).nullable(),
  answer: z.string().nullable(),
  askedAt: z.string(),
  answeredAt: z.string().nullable(),
  version: z.number(),
  /** the caller may answer it now (the answer command's own refusal, consultationAnswerRefusal) */
  mayAnswer: z.boolean(),
});
export type ConsultationView = z.infer<typeof consultationView>;

export const applicationView = z.object({
  id: z.number(),
  round: z.object({ id: z.number(), year: z.number(), title: z.string(), organiser: orgRef }),
  applicant: orgRef.extend({ kind: z.string() }),
  status: applicationStatus,
  statusLabel: z.string(),
  contactName: z.string(),
  contactPhone: z.string(),
  note: z.string().nullable(),
  conditions: z.array(z.object({ code: z.string(), text: z.string(), applies: z.boolean().nullable(), statement: z.string() })),
  returnReason: z.string().nullable(),
  refusal: z.object({ code: z.string(), text: z.string(), reason: z.string() }).nullable(),
  /** what the departments said against accepting (before 受理, which then needs a reason; after it, those the office accepted over), and that reason */
  acceptConcerns: z.array(z.string()),
  acceptReason: z.string().nullable(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  /** the confirmed 综合评价's result (null until the team leader confirms it) */
  result: z.object({ total: z.string(), passed: z.boolean().nullable() }).nullable(),
  reportedAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  publicity: z.object({ start: z.string(), end: z.string() }).nullable(),
  namedAt: z.string().nullable(),
  namingDocNo: z.string().nullable(),
  consultations: z.array(consultationView),
  /** what the caller may do now (the buttons), from the same predicates the commands check */
  abilities: z.object({ edit: z.boolean(), submit: z.boolean(), decide: z.boolean(), consult: z.boolean(), events: z.array(z.string()) }),
  /**
   * Where the applicant's 自评 stands once the application is accepted (未开始 / 自评中 / 已退回补正 / 已提交 / 已提交，已审查),
   * so the list tells the office which applicant it waits on; null before 受理 and for a consulted department.
   */
  self: z.object({ status: z.enum(['none', 'open', 'submitted']), label: z.string() }).nullable(),
  /** the review pages the caller may open now, and whether it may read the on-site findings (the same checks as their routes) */
  links: z.object({
    plan: z.boolean(),
    selfAssessment: z.boolean(),
    findings: z.boolean(),
    sheet: z.boolean(),
    consolidation: z.boolean(),
    decisionDoc: z.boolean(),
    reportDoc: z.boolean(),
  }),
  version: z.number(),
  updatedAt: z.string(),
});
export type ApplicationView = z.infer<typeof applicationView>;

// ------------------------------------------------------------------------------------------------ plan and panel

const dateText = (label: string) => dateOnly(label).nullable();

export const expertView = z.object({
  id: z.number(),
  version: z.number(),
  active: z.boolean(),
  username: z.string().nullable(),
  name: z.string(),
  organisation: z.string(),
  region: orgRef.nullable(),
  field: z.string(),
  title: z.string().nullable(),
  hasAccount: z.boolean(),
});
export type ExpertView = z.infer<typeof expertView>;

export const planBody = z.strictObject({
  /** null: a new draft (the first, or a new version after approval, with a reason) */
  version: versionOf('请带上版本号').nullable(),
  reason: text().trim().max(2000, { error: '修订理由最多2000字' }).optional(),
  notApplicable: z
    .array(z.strictObject({ key: text().max(20), reason: text({ error: '请写明合理缺项的理由' }).trim().min(4, { error: '合理缺项的理由至少4个字' }).max(500) }))
    .max(60),
  method: choiceOf(COMBINE_METHOD_LABELS, '汇总方式'),
  threshold: text({ error: '请填写分歧阈值' }).regex(/^(0(\.\d{1,3})?|1(\.0{1,3})?)$/, { error: '分歧阈值须为0～1之间的小数（如0.3表示偏离平均分超过该项分值的30%）' }),
  schedule: z.strictObject({
    documentReviewStart: dateText('资料评审开始日期'),
    documentReviewEnd: dateText('资料评审截止日期'),
    siteReviewStart: dateText('现场评审开始日期'),
    siteReviewEnd: dateText('现场评审结束日期'),
  }),
  members: z
    .array(
      z.strictObject({
        expertId: id('专家编号须为正整数'),
        leader: z.boolean(),
        items: z
          .array(text().max(10))
          .max(60)
          .refine((xs) => new Set(xs).size === xs.length, { error: '同一评分项目选了不止一次，请每项只选一次' }),
      }),
    )
    .min(1, { error: '请至少选择一名专家' })
    .max(15, { error: '评价组最多15名专家' }),
  /** rank criteria: the peer table used, per criterion key ("5.2.a") */
  peers: z
    .record(text().max(20), z.array(z.strictObject({ code: text().max(20), name: text().max(50), value: z.number({ error: '同级城市的数值须为数字' }) })).max(200))
    .refine((r) => Object.keys(r).length <= 20, { error: '排名类评分细则不超过20项' })
    .optional(),
  /** the organiser's peer table the rank criteria use (null: none, the peers above; absent: the plan's current one, or for a new plan the default table of the round's year and the applicant's level) */
  peerTableId: id('同级比较表编号须为正整数').nullable().optional(),
});
export type PlanBody = z.infer<typeof planBody>;

export const planMemberView = z.object({
  id: z.number(),
  expert: expertView,
  leader: z.boolean(),
  items: z.array(z.string()),
  recusalStatus: z.enum(['pending', 'cleared', 'conflicted']),
  recusalLabel: z.string(),
  recusal: z.object({ relations: z.array(z.string()), statement: z.string() }).nullable(),
  declaredAt: z.string().nullable(),
  /** the expert's organisation sits in the applicant's region (or the applicant in the expert's) */
  regionFlag: z.boolean(),
  sheetStatus: z.enum(['none', 'open', 'submitted']),
  /** the member row's version (the 回避声明 carries it) */
  version: z.number(),
  /** the signed-in expert is this member */
  mine: z.boolean(),
});

export const planView = z.object({
  id: z.number(),
  applicationId: z.number(),
  versionNo: z.number(),
  status: z.enum(['draft', 'approved', 'superseded']),
  statusLabel: z.string(),
  reason: z.string().nullable(),
  notApplicable: z.array(z.object({ key: z.string(), title: z.string(), points: z.string(), reason: z.string() })),
  method: z.enum(['mean', 'trimmed', 'leader']),
  methodLabel: z.string(),
  threshold: z.string(),
  schedule: z.object({ documentReviewStart: z.string().nullable(), documentReviewEnd: z.string().nullable(), siteReviewStart: z.string().nullable(), siteReviewEnd: z.string().nullable() }),
  peers: z.record(z.string(), z.array(z.object({ code: z.string(), name: z.string(), value: z.number() }))),
  /** the peer table the rank criteria use: a draft shows the table's values now, an approved plan the copy taken at approval */
  peerTable: z.object({ id: z.number(), title: z.string() }).nullable(),
  members: z.array(planMemberView),
  /** what blocks approval now (empty: may be approved) */
  problems: z.array(z.string()),
  /** what the organiser should check before approving a draft, not blocking it (a peer table of another year) */
  warnings: z.array(z.string()),
  approvedAt: z.string().nullable(),
  version: z.number(),
});
export type PlanView = z.infer<typeof planView>;
/**
 * The plan page: the newest version (null: none yet) and what the caller may do (planAbilities: the organiser while the
 * application is accepted or under review — 保存草稿 on a draft or none, 修订为新版本 of an approved plan, 批准 a draft)
 */
export const planPage = z.object({
  plan: planView.nullable(),
  /** the office's 保存草稿 / 修订为新版本 / 批准; `declare`: the signed-in expert's 回避声明 on its seat still 待声明, while the review is open */
  abilities: z.object({ edit: z.boolean(), revise: z.boolean(), approve: z.boolean(), declare: z.boolean() }),
});
export type PlanPage = z.infer<typeof planPage>;

export const recusalBody = z.strictObject({
  version: versionOf('请带上版本号'),
  conflict: z.boolean({ error: '请说明是否存在需回避的情形' }),
  relations: z.array(text().max(20)).max(10),
  statement: text({ error: '请填写声明' }).trim().min(4, { error: '声明至少4个字' }).max(2000),
});
export type RecusalBody = z.infer<typeof recusalBody>;

// ------------------------------------------------------------------------------------------------ expert scores

export const sheetCellParams = z.strictObject({ id: idText('创建评价申请编号须为正整数'), itemCode: text().max(10), criterionCode: text().max(10) });

export const putSheetScoreBody = z.strictObject({
  /** null: the expert's first score (no sheet yet) */
  version: versionOf('请带上版本号').nullable(),
  answer: engineAnswer(),
  /**
   * 扣分理由: required when the answer loses points; on site, also the reason for the revision. Named in a refusal as the
   * sheet names it (REASON_LABEL), not by the shared name of `reason` (原因)
   */
  reason: text().trim().max(2000, { error: '理由最多2000字' }).optional().meta({ title: REASON_LABEL }),
});
export type PutSheetScoreBody = z.infer<typeof putSheetScoreBody>;

/**
 * Evidence shown to the scorer beside an item of sheet A.1, read from another register of the platform (e.g. 4.8: the
 * applicant's 质量分析报告 issued in the evaluation period). It informs the score; it never changes the scoring rules.
 */
export const itemEvidenceView = z.object({
  itemCode: z.string(),
  title: z.string(),
  /** what the register supports ("评价期（2023—2024年）内印发 2 次：…") */
  hint: z.string(),
  rows: z.array(z.object({ label: z.string(), docNo: z.string().nullable(), date: z.string().nullable() })),
});
export type ItemEvidenceView = z.infer<typeof itemEvidenceView>;

export const sheetView = z.object({
  applicationId: z.number(),
  expert: z.object({ id: z.number(), name: z.string() }),
  status: z.enum(['open', 'submitted']),
  statusLabel: z.string(),
  stage: z.enum(['document', 'site']),
  /** the applicant has submitted its 自评: before, the expert cannot score (资料评审 reviews the 自评 and its materials) */
  selfSubmitted: z.boolean(),
  items: z.array(
    z.object({
      code: z.string(),
      title: z.string(),
      points: z.string(),
      score: z.string(),
      criteria: z.array(z.object({ code: z.string(), title: z.string(), points: z.string(), notApplicable: z.boolean(), answer: z.unknown().nullable(), reason: z.string().nullable(), score: z.string().nullable(), explanation: z.string().nullable() })),
    }),
  ),
  missing: z.array(z.string()),
  revisions: z.array(z.object({ key: z.string(), before: z.unknown().nullable(), after: z.unknown(), reason: z.string(), at: z.string() })),
  /** the peer table the plan's rank criteria rank against ("2024年 省内同级城市 获奖企业数量"), null: none */
  peerTable: z.object({ id: z.number(), title: z.string() }).nullable(),
  /** registers shown beside the expert's items (4.8: the 质量分析报告 register) */
  evidence: z.array(itemEvidenceView),
  /**
   * what the expert may do on the page now, from the commands' own refusals: score and 提交评分 (scoreRefusal), 重新打开
   * （现场评审） (sheetReopenRefusal), 记录现场问题 (findingRefusal)
   */
  abilities: z.object({ score: z.boolean(), reopen: z.boolean(), recordFinding: z.boolean() }),
  /** null until the first score */
  version: z.number().nullable(),
});
export type SheetView = z.infer<typeof sheetView>;

/**
 * The 确定得分 dialog's reason (确定 and 撤销 alike): its caption, which a refusal names it by (not 原因, the shared name
 * of `reason`), and the fewest characters it takes, which the dialog states and checks before sending.
 */
export const AGREED_REASON_LABEL = '理由（讨论结果）';
export const AGREED_REASON_MIN = 4;
const agreedReason = (missing: string) =>
  text({ error: missing })
    .trim()
    .min(AGREED_REASON_MIN, { error: `理由至少${AGREED_REASON_MIN}个字` })
    .max(2000)
    .meta({ title: AGREED_REASON_LABEL });

export const agreedBody = z.strictObject({
  /**
   * exact decimal text ("12.5"), as the dialog sends it; a JSON number (12.5), as every other score is sent (an
   * answer's {score}, a declaration's points), is the same score — read as it is written (12.345 keeps its three decimals
   * and is refused for them), not as if none were sent
   */
  score: z
    .preprocess(
      (v) => (typeof v === 'number' ? String(v) : v),
      text({ error: '请填写组长确定的得分' }).regex(/^\d+(\.\d{1,2})?$/, { error: '得分须为不小于0的数字，最多两位小数（如12.5）' }),
    )
    // the API description says both (the preprocess is invisible to it: it showed the text alone): the pattern is the
    // text's, the minimum the number's
    .meta({ type: ['number', 'string'], minimum: 0, description: '组长确定的得分：JSON数字（如12.5）或十进制数字文本（如"12.5"），不小于0，最多两位小数' }),
  reason: agreedReason('请写明确定得分的理由'),
  /** the application's version as the leader saw it (GET …/consolidation): another window's agreed score is a 409 */
  version: versionOf('请带上版本号'),
});
export type AgreedBody = z.infer<typeof agreedBody>;

/** The team leader withdraws an agreed score (the item counts at the plan's method again, or is open again). */
export const withdrawAgreedBody = z.strictObject({
  reason: agreedReason('请写明撤销的理由'),
  version: versionOf('请带上版本号'),
});
export type WithdrawAgreedBody = z.infer<typeof withdrawAgreedBody>;

export const registerEntry = z.object({
  applicationId: z.number(),
  applicant: orgRef.extend({ kind: z.string() }),
  year: z.number(),
  organiser: orgRef,
  total: z.string(),
  namedAt: z.string(),
  docNo: z.string().nullable(),
});

export const putSelfScoreBody = z.strictObject({
  /** null: the first answer (no self-assessment yet) */
  version: versionOf('请带上版本号').nullable(),
  answer: engineAnswer('请填写自评'),
  note: text().trim().max(2000, { error: '说明最多2000字' }).optional(),
});
export type PutSelfScoreBody = z.infer<typeof putSelfScoreBody>;

export const selfAssessmentView = z.object({
  applicationId: z.number(),
  status: z.enum(['open', 'submitted']),
  statusLabel: z.string(),
  /** the engine's total of what is answered so far (prorated for the plan's 合理缺项 where a plan exists) */
  total: z.string(),
  score: z.string(),
  items: z.array(
    z.object({
      code: z.string(),
      title: z.string(),
      section: z.string(),
      points: z.string(),
      score: z.string(),
      criteria: z.array(z.object({ code: z.string(), title: z.string(), points: z.string(), notApplicable: z.boolean(), answer: z.unknown().nullable(), note: z.string().nullable(), score: z.string().nullable() })),
    }),
  ),
  missing: z.array(z.string()),
  editable: z.boolean(),
  /** the organiser's 退回补正 reason, standing until the applicant submits again */
  returnReason: z.string().nullable(),
  /** the caller (the organiser) may return it for correction now */
  returnable: z.boolean(),
  /** 审查无误: the organiser looked at the submitted 自评 and found nothing to return (who, when); null until then */
  checked: z.object({ by: z.string(), at: z.string() }).nullable(),
  /** the caller (the organiser) may mark it checked now */
  checkable: z.boolean(),
  version: z.number().nullable(),
});
export type SelfAssessmentView = z.infer<typeof selfAssessmentView>;

/** 审查无误 of a submitted 自评, at the version seen */
export const checkSelfBody = z.strictObject({ version: versionOf('请带上版本号') });

/** 退回补正 of a submitted 自评 */
export const returnSelfBody = z.strictObject({
  version: versionOf('请带上版本号'),
  reason: text({ error: '请写明退回补正的理由' }).trim().min(5, { error: '退回理由至少5个字，请写明需要补正的内容' }).max(2000),
});

export const findingBody = z.strictObject({
  // the sheet item it concerns, or null (none given; an empty string is none, not an item called "")
  itemCode: text().trim().max(10).nullable().transform((s) => s || null),
  text: text({ error: '请填写发现的问题' }).trim().min(5, { error: '问题描述至少5个字' }).max(2000),
});
export const findingView = z.object({
  id: z.number(),
  itemCode: z.string().nullable(),
  text: z.string(),
  /** the expert (or office worker) who recorded it; null for the applicant, who reads the findings, not the panel's workings */
  recordedBy: z.string().nullable(),
  recordedAt: z.string(),
  /** the 整改事项 raised from this finding (null: none yet) */
  rectification: z.object({ id: z.number(), status: z.enum(['open', 'answered', 'closing', 'closed']), statusLabel: z.string() }).nullable(),
});
export type FindingView = z.infer<typeof findingView>;

export const expertBody = z.strictObject({
  name: text({ error: '请填写专家姓名' }).trim().min(2, { error: '专家姓名至少2个字' }).max(20, { error: '专家姓名最多20字' }),
  organisation: text({ error: '请填写工作单位' }).trim().min(2, { error: '工作单位至少2个字' }).max(60, { error: '工作单位最多60字' }),
  /** the city or county the organisation sits in (for the 回避 flag); null: provincial or outside the province */
  regionId: id('所在地区须为机构编号').nullable(),
  field: text({ error: '请填写专业领域' }).trim().min(2, { error: '专业领域至少2个字' }).max(30, { error: '专业领域最多30字' }),
  title: text().trim().max(20, { error: '职称最多20字' }).nullable(),
  /** the expert's account (role 评价专家), by username; null: none yet */
  username: text().trim().max(40).nullable(),
});
export type ExpertBody = z.infer<typeof expertBody>;
export const updateExpertBody = expertBody.extend({ version: versionOf('请带上版本号'), active: z.boolean({ error: '请说明是否在库' }) });
export type UpdateExpertBody = z.infer<typeof updateExpertBody>;

/** the organiser chooses lost items of the 综合评价 and findings of the on-site review (at least one of either) */
export const raiseRectificationsBody = z
  .strictObject({
    itemCodes: z.array(text().max(10), { error: '请选择要整改的失分项目' }).max(60).default([]),
    findingIds: z.array(id('现场评审问题编号须为正整数'), { error: '请选择要整改的现场评审问题' }).max(60).default([]),
    dueOn: dateOnly('整改期限').nullable(),
  })
  .refine((b) => b.itemCodes.length + b.findingIds.length > 0, { error: '请至少选择一个失分项目或现场评审问题', path: ['itemCodes'] });
export const answerRectificationBody = z.strictObject({
  version: versionOf('请带上版本号'),
  /** the form's 整改情况 (the shared name of `answer` is a score's 评分) */
  answer: text({ error: '请填写整改情况' }).trim().min(10, { error: '整改情况至少10个字，请写明采取的措施和取得的效果' }).max(4000).meta({ title: '整改情况' }),
});
export const rectificationView = z.object({
  id: z.number(),
  /** evaluation: a deduction (sourceRef the item code); evaluation_site: an on-site finding (sourceRef its id) */
  sourceType: z.enum(['evaluation', 'evaluation_site']),
  sourceRef: z.string(),
  owner: orgRef,
  title: z.string(),
  detail: z.string(),
  dueOn: z.string().nullable(),
  status: z.enum(['open', 'answered', 'closing', 'closed']),
  statusLabel: z.string(),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  version: z.number(),
});
export type RectificationView = z.infer<typeof rectificationView>;

// ------------------------------------------------------------------------------------------------ peer tables

export const PEER_LEVEL_LABELS = { city: '省内同级城市', county: '同级县（市、区）' } as const;
/** "2024年 省内同级城市 获奖企业数量" */
export const peerTableTitle = (t: { year: number; level: keyof typeof PEER_LEVEL_LABELS; metric: string }): string => `${t.year}年 ${PEER_LEVEL_LABELS[t.level]} ${t.metric}`;
export const peerLevel = choiceOf(PEER_LEVEL_LABELS, '比较范围');
export const peerTableParams = z.strictObject({ id: idText('同级比较表编号须为正整数') });

const peerMeta = {
  metric: text({ error: '请填写比较指标' }).trim().min(2, { error: '比较指标至少2个字' }).max(50, { error: '比较指标最多50字' }),
  items: z.array(text().max(20)).min(1, { error: '请至少选择一个适用的排名评分项' }).max(20),
  source: text().trim().max(500, { error: '数据来源最多500字' }).nullable(),
};

export const createPeerTableBody = z.strictObject({
  year: yearOf(),
  level: peerLevel,
  ...peerMeta,
  /** copy the values of this earlier table of the same level (optional) */
  copyFrom: id('复制来源编号须为正整数').nullable().optional(),
});
export type CreatePeerTableBody = z.infer<typeof createPeerTableBody>;

export const peerValueInput = z.strictObject({
  orgId: id('单位编号须为正整数'),
  value: z.number({ error: '数值须为数字' }).min(0, { error: '数值不能为负数' }).max(1e9, { error: '数值过大' }).nullable(),
  note: text().trim().max(200, { error: '备注最多200字' }).nullable(),
});
export type PeerValueInput = z.infer<typeof peerValueInput>;

export const updatePeerTableBody = z.strictObject({
  version: versionOf('请带上版本号'),
  ...peerMeta,
  values: z.array(peerValueInput).max(300),
});
export type UpdatePeerTableBody = z.infer<typeof updatePeerTableBody>;

/** Fill a table from the honours roll (荣誉名录) at the version the editor saw. */
export const fillPeerTableFromHonoursBody = z.strictObject({ version: versionOf('请带上版本号') });
export type FillPeerTableFromHonoursBody = z.infer<typeof fillPeerTableFromHonoursBody>;

export const peerTableSummary = z.object({
  id: z.number(),
  year: z.number(),
  level: peerLevel,
  levelLabel: z.string(),
  metric: z.string(),
  items: z.array(z.string()),
  title: z.string(),
  /** units with a value, of all units of the level */
  filled: z.number(),
  units: z.number(),
  version: z.number(),
});
export type PeerTableSummary = z.infer<typeof peerTableSummary>;

export const peerTableView = peerTableSummary.extend({
  source: z.string().nullable(),
  values: z.array(z.object({ orgId: z.number(), code: z.string(), name: z.string(), value: z.number().nullable(), note: z.string().nullable() })),
  /** the plans that rank against it: a draft follows the table, an approved plan keeps its copy */
  plans: z.array(z.object({ applicationId: z.number(), applicant: z.string(), versionNo: z.number(), status: z.string(), statusLabel: z.string() })),
  /** the caller may edit it (the organiser) */
  editable: z.boolean(),
  /** the unit its values count in, from the rank criteria it serves (5.2.a 获奖企业数量: 个); '' when none says */
  unit: z.string(),
  /** the unit counts whole things (src/shared/figures.ts): each value is a whole number */
  wholeNumbers: z.boolean(),
});
export type PeerTableView = z.infer<typeof peerTableView>;
