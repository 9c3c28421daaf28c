import { formatDate } from '../../lib/format';

/**
 * A pending extension as the 待审核 card shows it. Asked late, it names the date lateness stays judged against — the
 * deadline it missed (judgedDeadline in src/shared/workplan/rules.ts), the 由X of the same line — where “同意后逾期仍按
 * 原期限判定” beside 由X延至Y read as a contradiction.
 */
export function pendingExtensionLine(e: { late: boolean; fromDueOn: string; newDueOn: string; reason: string }): string {
  const kind = e.late ? `逾期后申请延期（整改期限届满后提出；同意后是否逾期仍按所误的期限${formatDate(e.fromDueOn)}判定）` : '延期申请';
  return `${kind}：由${formatDate(e.fromDueOn)}延至${formatDate(e.newDueOn)}。理由：${e.reason}`;
}
