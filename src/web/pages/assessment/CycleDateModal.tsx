/**
 * The office moves one of a cycle's dates (PATCH /api/cycles/:id with the version it read, so a second office editing
 * meanwhile gets the 409 naming who changed it, not an overwrite): the declaration deadline on the overview
 * (ChangeDeadlineModal), the objection window's end on 结果与异议 (ChangeObjectionEndModal). The days the server's rule
 * refuses are greyed in the picker beforehand (`refused`); what the server still says — its 400 under the field or
 * above it, a 409 above it — is shown in Chinese, and on a 409 the page takes the latest cycle (`onConflict`).
 */
import { useState, type ReactNode } from 'react';
import { Alert, DatePicker, Form, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { CycleDetail } from '../../../shared/contracts/cycles';
import { ApiError } from '../../api/client';
import { updateCycle } from '../../api/cycles';
import { formErrorMessage } from '../../lib/forms';
import { useCaretOnOpen } from '../../lib/useCaretOnOpen';

export interface CycleDateField {
  /** the PATCH's field */
  name: 'deadline' | 'objectionEnd';
  /** the dialog's title, the field's label and the picker's placeholder */
  title: string;
  label: string;
  placeholder: string;
  /** said when nothing is chosen */
  missing: string;
  /** the date the picker opens with */
  initial: string | null;
  /** a day the server's rule refuses (greyed) */
  refused: (day: string) => boolean;
  /** the line above the field: what the date is now and what it governs */
  intro: ReactNode;
  testId: string;
}

export interface CycleDateModalProps {
  cycle: CycleDetail;
  open: boolean;
  onClose: () => void;
  onDone: () => void;
  onConflict: () => void;
}

export default function CycleDateModal({ cycle, open, onClose, onDone, onConflict, field }: CycleDateModalProps & { field: CycleDateField }) {
  const [form] = Form.useForm<Record<string, Dayjs | null>>();
  const caret = useCaretOnOpen();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const day = form.getFieldValue(field.name) as Dayjs | null;
    if (!day) {
      form.setFields([{ name: field.name, errors: [field.missing] }]);
      return;
    }
    // the day already in force: nothing to change, so nothing is sent (no new version, no audit row, no 已修改)
    if (field.initial && day.format('YYYY-MM-DD') === field.initial) {
      onClose();
      return;
    }
    setSaving(true);
    // what the server said of the last try goes: this one's answer replaces it
    setError(null);
    form.setFields([{ name: field.name, errors: [] }]);
    try {
      await updateCycle(cycle.id, { [field.name]: day.format('YYYY-MM-DD'), version: cycle.version });
      onDone();
    } catch (err) {
      setError(formErrorMessage(form, err, [field.name]));
      // changed by someone else: the page takes the latest cycle (and its version), the message says who and when
      if (err instanceof ApiError && err.status === 409) onConflict();
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal afterOpenChange={caret.afterOpenChange} title={field.title} open={open} onCancel={onClose} onOk={submit} confirmLoading={saving} okText="保存" destroyOnHidden>
      <Typography.Paragraph>{field.intro}</Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid={field.testId} />}
      <Form form={form} layout="vertical" initialValues={{ [field.name]: field.initial ? dayjs(field.initial) : null }}>
        <Form.Item name={field.name} label={field.label} required>
          <DatePicker ref={caret.ref} style={{ width: '100%' }} placeholder={field.placeholder} disabledDate={(d) => field.refused(d.format('YYYY-MM-DD'))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
