/**
 * The office publishes the preliminary results and opens the objection window (a date range). The days the server's
 * rule for an opening window refuses (objectionWindowRefusal: an end before today or more than a year out) are greyed
 * in the picker beforehand.
 */
import { useState } from 'react';
import { Alert, DatePicker, Form, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import type { CycleDetail } from '../../../../shared/contracts/cycles';
import { chinaDate } from '../../../../shared/deadline';
import { objectionWindowRefusal } from '../../../../shared/workflow/assessment';
import { openReviewBody } from '../../../../shared/contracts/results';
import { openReview } from '../../../api/results';
import { formErrorMessage, showFieldProblems, zodProblems } from '../../../lib/forms';
import { useCaretOnOpen } from '../../../lib/useCaretOnOpen';
import { assessedTerm } from '../../../../shared/contracts/results';

export default function OpenReviewModal({ cycle, open, onClose, onDone }: { cycle: CycleDetail; open: boolean; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ range: [Dayjs, Dayjs] | null }>();
  const caret = useCaretOnOpen();
  const term = assessedTerm(cycle.units.map((u) => u.code));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const today = chinaDate(new Date());
  // the server's rule for the window it is sent (objectionWindowRefusal, opening): with one day chosen (`from`), the
  // window is the two days in order; with none yet, the day may start a window that ends today or later
  const refused = (d: Dayjs, info?: { from?: Dayjs }) => {
    const day = d.format('YYYY-MM-DD');
    const from = info?.from?.format('YYYY-MM-DD');
    const [start, end] = from ? [day, from].sort() : [day, day < today ? today : day];
    return objectionWindowRefusal({ start, end, today, opening: true }) !== null;
  };
  const submit = async () => {
    const range = form.getFieldValue('range') as [Dayjs, Dayjs] | null;
    const body = { objectionStart: range?.[0]?.format('YYYY-MM-DD'), objectionEnd: range?.[1]?.format('YYYY-MM-DD'), version: cycle.version };
    const parsed = openReviewBody.safeParse(body);
    if (!parsed.success) {
      showFieldProblems(form, zodProblems(parsed.error.issues).map((p) => ({ ...p, field: 'range' })), ['range']);
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await openReview(cycle.id, parsed.data);
      onDone();
    } catch (err) {
      setError(formErrorMessage(form, err, []) ?? null);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal afterOpenChange={caret.afterOpenChange} title="公布初步结果，开放异议期" open={open} onCancel={onClose} onOk={submit} confirmLoading={saving} okText="公布并开放异议" destroyOnHidden>
      <p>公布后，各{term}可查看本地区的初步结果和每一处失分原因，并在异议期内对考核要点提出异议。须全部评价部门已提交评分。</p>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical">
        <Form.Item name="range" label="异议期（起止日期）" rules={[{ required: true, message: '请选择异议期的开始和结束日期' }]}>
          <DatePicker.RangePicker ref={caret.ref} style={{ width: '100%' }} disabledDate={refused} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
