/**
 * The attachment owner kind `indicator_value` (附件 of a reported plan-indicator value): loads the value with its
 * period, plan, indicator and unit, and answers read / write with this sub-domain's policy (maySee, mayReport,
 * attachmentLock). Registered with the attachments module by ../index.ts.
 */
import { ATTACHMENT_OWNER_LABELS } from '../../../../shared/contracts/attachments';
import { windowState } from '../../../../shared/indicators/checks';
import type { AttachmentOwnerKind } from '../../attachments';
import { periodLabel } from './reporting.presenter';
import { attachmentKept, attachmentLock, isReopened, mayReport, maySee } from './reporting.policy';
import { findIndicator, findPeriod, findUnit, indicatorScope, loadPlans, lockValue, findValue } from './reporting.queries';

export const indicatorValueAttachments: AttachmentOwnerKind = {
  type: 'indicator_value',
  label: ATTACHMENT_OWNER_LABELS.indicator_value,
  async load(db, id, today, lock) {
    const value = lock ? await lockValue(db, id) : await findValue(db, id);
    if (!value) return undefined;
    const period = await findPeriod(db, value.period_id);
    const [plan] = period ? await loadPlans(db, period.plan_id) : [];
    const indicator = await findIndicator(db, value.indicator_id);
    const unit = await findUnit(db, value.org_id);
    if (!period || !plan || !indicator || !unit) return undefined;
    const ind = indicatorScope(indicator);
    const window = windowState({ opensOn: period.opens_on, closesOn: period.closes_on, lockDays: period.lock_days }, today);
    const locked = attachmentLock(value.status, window, isReopened(value));
    const label = `${periodLabel(period)}${unit.name}「${indicator.name}」`;
    return {
      label,
      orgId: unit.id,
      locked,
      canRead: (me) => maySee(me, plan, ind, unit, value.status),
      isWriter: (me) => mayReport(me, plan, ind, unit),
      keeps: (file) => attachmentKept(value, label, file.uploadedAt),
    };
  },
};
