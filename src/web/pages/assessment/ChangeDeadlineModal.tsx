/**
 * The office moves the cycle's declaration deadline (申报截止日期) while the call for indicators runs (the overview's
 * 修改 beside 申报截止, offered by abilities.changeDeadline; CycleDateModal sends the PATCH with the version it read).
 * The days cycleDeadlineRefusal refuses — before today, before the notice's 发文日期, more than a year out — are greyed
 * with the same rule the server judges with.
 */
import { chinaDate, formatDeadline } from '../../../shared/deadline';
import { cycleDeadlineRefusal } from '../../../shared/workflow/assessment';
import CycleDateModal, { type CycleDateModalProps } from './CycleDateModal';

export default function ChangeDeadlineModal(props: CycleDateModalProps) {
  const { cycle } = props;
  const today = chinaDate(new Date());
  const refused = (deadline: string) => cycleDeadlineRefusal({ deadline, issuedOn: cycle.issuedOn, today }) !== null;
  return (
    <CycleDateModal
      {...props}
      field={{
        name: 'deadline',
        title: '修改申报截止日期',
        label: '申报截止日期',
        placeholder: '选择截止日期',
        missing: '请选择申报截止日期',
        // the picker opens on the deadline in force unless it is one the rule now refuses (a day already past)
        initial: refused(cycle.deadline) ? null : cycle.deadline,
        refused,
        intro: `当前申报截止：${formatDeadline(cycle.deadline).at}。各成员单位在截止日期（含当日）前可填报和提交申报表；已单独重新开放申报的单位，仍以其重新开放的日期为准（晚于新的截止日期时）。`,
        testId: 'deadline-error',
      }}
    />
  );
}
