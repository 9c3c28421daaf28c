/**
 * The 督办单 answered, as both 通报 list them (the work plan's, workplan-notice.ts, and the 整改事项's,
 * rectification-notice.ts): a heading counting the replies — each a report in after a 督办单 — then a line each, with
 * the 逾期原因 the unit gave. A 督办单 asks for one and the report is refused without it (lateReasonRefusal in
 * src/shared/workplan/rules.ts), but a report of before that rule has none: the heading does not claim every reply
 * explained itself, and such a line says 未说明逾期原因.
 */
import { arabicDate, type Block } from '../document-kit/gongwen';
import { bareClause } from '../../../shared/text';

export interface OrderReply {
  periodLabel: string;
  dueOn: string;
  orderedOn: string;
  reportedOn: string;
  daysLate: number;
  lateReason: string | null;
}

/**
 * The blocks for `replies` (none when there are none): `units` names who replied (单位, 责任单位), `report` what they
 * reported (进展, 整改进展), `subject` a reply's unit and task or item, as the line opens.
 */
export function orderReplyBlocks<R extends OrderReply>(replies: readonly R[], o: { units: string; report: string; subject: (r: R) => string }): Block[] {
  if (!replies.length) return [];
  return [
    { kind: 'p', text: `以下${o.units}收到督办单后已报送${o.report}（${replies.length}份）：` },
    ...replies.map((r): Block => ({
      kind: 'p',
      text: `${o.subject(r)}${r.periodLabel}进展应于${arabicDate(r.dueOn)}前报送，${arabicDate(r.orderedOn)}下发督办单后于${arabicDate(r.reportedOn)}报送，逾期${r.daysLate}天；${r.lateReason ? `逾期原因：“${bareClause(r.lateReason)}”。` : '未说明逾期原因。'}`,
    })),
  ];
}
