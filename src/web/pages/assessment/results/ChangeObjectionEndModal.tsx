/**
 * The office moves the end of the objection window while the cycle is in 异议期 (CycleDateModal: the PATCH with the
 * version it read). The server's rules (objectionWindowRefusal, checkCycleUpdate) are said under the date field; the
 * days the window's rule refuses for a moved end (before today, or more than a year out) are greyed in the picker
 * beforehand.
 */
import { assessedTerm } from '../../../../shared/contracts/results';
import { chinaDate } from '../../../../shared/deadline';
import { objectionEndShown, objectionWindowRefusal } from '../../../../shared/workflow/assessment';
import CycleDateModal, { type CycleDateModalProps } from '../CycleDateModal';

export default function ChangeObjectionEndModal(props: CycleDateModalProps) {
  const { cycle } = props;
  const term = assessedTerm(cycle.units.map((u) => u.code));
  const today = chinaDate(new Date());
  const shown = objectionEndShown(cycle, today);
  return (
    <CycleDateModal
      {...props}
      field={{
        name: 'objectionEnd',
        title: '修改异议期',
        label: '异议期结束日期',
        placeholder: '选择结束日期',
        missing: '请选择异议期的结束日期',
        initial: shown,
        // the server's rule for the end it is sent (objectionWindowRefusal in 异议期, the end moved): a day it refuses is greyed
        refused: (end) => objectionWindowRefusal({ start: cycle.objectionStart, end, today, review: true, endMoved: end !== cycle.objectionEnd })?.field === 'objectionEnd',
        intro: `当前异议期：${cycle.objectionStart ?? '开始日期未设置'}至${shown ?? '结束日期待定'}。各${term}在结束日期（含当日）前可提出异议，异议期结束后方可发布最终结果。`,
        testId: 'objection-end-error',
      }}
    />
  );
}
