/**
 * The office publishes the scores of the departments that have submitted, before every department has (with a
 * reason). The cities then see their own key points scored by those departments, marked 初步, without total,
 * rank or grade; the objection window opens only once every department has submitted.
 */
import { useState } from 'react';
import { Alert, Form, Input, Modal, Typography } from 'antd';
import type { CycleDetail } from '../../../../shared/contracts/cycles';
import { publishPreliminaryBody, type PendingDepartment } from '../../../../shared/contracts/results';
import { publishPreliminary } from '../../../api/results';
import { formErrorMessage, showFieldProblems, zodProblems } from '../../../lib/forms';
import { assessedTerm } from '../../../../shared/contracts/results';
import { useCaretOnOpen } from '../../../lib/useCaretOnOpen';

export default function PublishPreliminaryModal({
  cycle,
  pending,
  open,
  onClose,
  onDone,
}: {
  cycle: CycleDetail;
  pending: PendingDepartment[];
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const term = assessedTerm(cycle.units.map((u) => u.code));
  const [form] = Form.useForm<{ reason?: string }>();
  const caret = useCaretOnOpen();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const parsed = publishPreliminaryBody.safeParse({ reason: form.getFieldValue('reason') || undefined, version: cycle.version });
    if (!parsed.success) {
      showFieldProblems(form, zodProblems(parsed.error.issues), ['reason']);
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await publishPreliminary(cycle.id, parsed.data);
      onDone();
    } catch (err) {
      setError(formErrorMessage(form, err, ['reason']));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal afterOpenChange={caret.afterOpenChange} title="公布已提交部门的初步结果" open={open} onCancel={onClose} onOk={submit} confirmLoading={saving} okText="公布" cancelText="取消" destroyOnHidden>
      <Typography.Paragraph>
        还有{pending.length}个评价部门未提交评分：{pending.map((d) => d.name).join('、')}。公布后，各{term}可查看本地区由
        <b>已提交评分的部门</b>评定的考核要点得分和失分原因（标注“初步结果，评分未完成”），不显示总分、排名和等级；未提交的部门继续评分。
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">
        全部评价部门提交后，再「公布初步结果，开放异议」：各{term}看到完整的初步结果并可在异议期内提出异议，异议答复后发布最终结果。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label="提前公布的原因" required>
          <Input.TextArea ref={caret.ref} rows={3} maxLength={500} showCount placeholder={`例如：${pending[0]?.name ?? '某部门'}因机构调整延期提交，先公布其余部门的评分供各${term}核对`} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
