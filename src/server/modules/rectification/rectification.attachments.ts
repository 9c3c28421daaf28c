/**
 * The attachment owner kind `rectification_report` (附件 of a 整改事项 progress report): loads the report with its
 * item and answers read / write with this module's policy — read by whoever reads the item (a draft by its owner
 * only, as the report itself), written by the owner while the report is a draft or sent back and the item live.
 * Registered with the attachments module by src/server/routes.ts.
 */
import { ATTACHMENT_OWNER_LABELS } from '../../../shared/contracts/attachments';
import type { AttachmentOwnerKind } from '../attachments';
import { isLive, isOwner, maySeeReport } from './rectification.policy';
import { findRectification, findItemReport, lineageOf, lineages, lockItemReport, orgNames } from './rectification.queries';

export const rectificationReportAttachments: AttachmentOwnerKind = {
  type: 'rectification_report',
  label: ATTACHMENT_OWNER_LABELS.rectification_report,
  async load(db, id, _today, lock) {
    const report = lock ? await lockItemReport(db, id) : await findItemReport(db, id);
    const item = report && (await findRectification(db, report.rectification_id));
    if (!report || !item) return undefined;
    const org = (await orgNames(db, [report.org_id])).get(report.org_id) ?? '';
    const lineage = lineageOf(await lineages(db, [item.owner_org_id, item.raised_by_org_id]), item);
    const locked =
      item.status === 'closed' ? '所属整改事项已销号，不能再增删附件'
      : !isLive(item) ? '所属整改事项已申请销号，不能再增删附件'
      : report.status === 'submitted' ? '已报送，不能再增删附件（退回后可修改）'
      : null;
    return {
      label: `${org}「${item.title}」${report.period}整改进展`,
      orgId: report.org_id,
      locked,
      canRead: (me) => maySeeReport(me, item, lineage, report),
      // the owner writes; the item's and the report's state is `locked` above (mayEditReport is the two together)
      isWriter: (me) => isOwner(me, item),
    };
  },
};
