/**
 * The office moves the end of the objection window while the cycle is in 异议期 (PATCH /api/cycles/:id with the
 * version it read, so a second office editing meanwhile gets the 409 naming who changed it, not an overwrite). The
 * server's rules (objectionWindowRefusal, checkCycleUpdate) are said under the date field; the days the window's rule
 * refuses for a moved end (before today, or more than a year out) are greyed in the picker beforehand.
 */
import { useState } from 'react';
import { Alert, DatePicker, Form, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { CycleDetail } from '../../../../shared/contracts/cycles';
import { assessedTerm } from '../../../../shared/contracts/results';
import { chinaDate } from '../../../../shared/deadline';
import { objectionEndShown, objectionWindowRefusal } from '../../../../shared/workflow/assessment';
import { ApiError } from '../../../api/client';
import { updateCycle } from '../../../api/cycles';
import { formErrorMessage } from '../../../lib/forms';
import { useCaretOnOpen } from '../../../lib/useCaretOnOpen';

export default function ChangeObjectionEndModal({ cycle, open, onClose, onDone, onConflict }: { cycle: CycleDetail; open: boolean; onClose: () => void; onDone: () => void; onConflict: () => void }) {
  const [form] = Form.useForm<{ objectionEnd: Dayjs | null }>();
  const caret = useCaretOnOpen();
  const term = assessedTerm(cycle.units.map((u) => u.code));
  const today = chinaDate(new Date());
  const shown = objectionEndShown(cycle, today);
  // the server's rule for the end it is sent (objectionWindowRefusal in 异议期, the end moved): a day it refuses is greyed
  const refused = (d: Dayjs) => {
    const end = d.format('YYYY-MM-DD');
    return objectionWindowRefusal({ start: cycle.objectionStart, end, today, review: true, endMoved: end !== cycle.objectionEnd })?.field === 'objectionEnd';
  };
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const end = form.getFieldValue('objectionEnd') as Dayjs | null;
    if (!end) {
      form.setFields([{ name: 'objectionEnd', errors: ['请选择异议期的结束日期'] }]);
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await updateCycle(cycle.id, { objectionEnd: end.format('YYYY-MM-DD'), version: cycle.version });
      onDone();
    } catch (err) {
      setError(formErrorMessage(form, err, ['objectionEnd']));
      // changed by someone else: the page takes the latest cycle (and its version), the message says who and when
      if (err instanceof ApiError && err.status === 409) onConflict();
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal afterOpenChange={caret.afterOpenChange} title="修改异议期" open={open} onCancel={onClose} onOk={submit} confirmLoading={saving} okText="保存" destroyOnHidden>
      <Typography.Paragraph>
        当前异议期：{cycle.objectionStart ?? '开始日期未设置'}至{shown ?? '结束日期待定'}。各{term}在结束日期（含当日）前可提出异议，异议期结束后方可发布最终结果。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="objection-end-error" />}
      <Form form={form} layout="vertical" initialValues={{ objectionEnd: shown ? dayjs(shown) : null }}>
        <Form.Item name="objectionEnd" label="异议期结束日期" required>
          <DatePicker ref={caret.ref} style={{ width: '100%' }} placeholder="选择结束日期" disabledDate={refused} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
