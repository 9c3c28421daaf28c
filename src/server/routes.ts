/** Every API route of the platform, module by module. */
import type { RouteDef } from './core/route';
import { authRoutes } from './modules/auth';
import { auditRoutes } from './modules/audit';
import { orgRoutes } from './modules/orgs';
import { systemRoutes } from './modules/system';
import { todoRoutes } from './modules/todos';
import { userRoutes } from './modules/users';
import { frameworkRoutes } from './modules/frameworks';
import { cycleRoutes, declarationRoutes, objectionRoutes, resultRoutes, schemeRoutes, scoringRoutes } from './modules/assessment';
import { evidenceRoutes } from './modules/evidence';
import { attachmentRoutes, registerAttachmentOwner } from './modules/attachments';
import { dashboardRoutes } from './modules/dashboard';
import { evaluationDocRoutes, evaluationRectificationRoutes, evaluationRoutes, peerRoutes, registerItemEvidence, reviewRoutes, selfMaterialAttachments, selfRoutes } from './modules/evaluation';
import { honourRoutes, policyRoutes, registerStockCounter } from './modules/honours';
import { analysisItemEvidence, analysisRoutes } from './modules/analysis';
import { docNumberRoutes } from './modules/docnumbers';
import { rectificationReportAttachments, rectificationRoutes } from './modules/rectification';
import { workplanRoutes, workReportAttachments } from './modules/workplan';
import { indicatorRoutes, indicatorValueAttachments, reportingRoutes, rollStockCount } from './modules/indicators';

// 附件: the owner kinds, each defined (with its read/write rule) by its owning module.
registerAttachmentOwner(indicatorValueAttachments);
registerAttachmentOwner(workReportAttachments);
// DB43 4.8: the score sheets show the applicant's 质量分析报告 register beside the item (the rule is the analysis module's)
registerItemEvidence(analysisItemEvidence);
registerAttachmentOwner(rectificationReportAttachments);
// 自评资料: the applicant's materials per item of its 自评 (DB43 资料评审)
registerAttachmentOwner(selfMaterialAttachments);
// 荣誉名录「规划指标计数」: plan indicators 4–8 counted by the indicators' own rule (baseline + entries after the baseline year)
registerStockCounter(rollStockCount);

export const ALL_ROUTES: RouteDef<any, any, any>[] = [
  ...systemRoutes,
  ...authRoutes,
  ...todoRoutes,
  ...orgRoutes,
  ...userRoutes,
  ...auditRoutes,
  ...frameworkRoutes,
  ...cycleRoutes,
  ...declarationRoutes,
  ...schemeRoutes,
  ...scoringRoutes,
  ...resultRoutes,
  ...objectionRoutes,
  ...evidenceRoutes,
  ...attachmentRoutes,
  ...dashboardRoutes,
  ...evaluationRoutes,
  ...reviewRoutes,
  ...selfRoutes,
  ...evaluationDocRoutes,
  ...evaluationRectificationRoutes,
  ...peerRoutes,
  ...reportingRoutes,
  ...honourRoutes,
  ...policyRoutes,
  ...workplanRoutes,
  ...analysisRoutes,
  ...rectificationRoutes,
  ...docNumberRoutes,
  ...indicatorRoutes,
];
