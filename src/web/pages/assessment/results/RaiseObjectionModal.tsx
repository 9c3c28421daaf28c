/** A city objects to the score of one key point: a reason, and evidence files (uploaded through the evidence API). */
import { useEffect, useState } from 'react';
import { Alert, Button, Form, Input, Modal, Upload, type UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { keyPointInText, raiseObjectionBody, type CriterionLine } from '../../../../shared/contracts/results';
import { errorMessage } from '../../../api/client';
import { raiseObjection, uploadObjectionEvidence } from '../../../api/results';
import { formErrorMessage, showFieldProblems, zodProblems } from '../../../lib/forms';
import { useCaretOnOpen } from '../../../lib/useCaretOnOpen';

export default function RaiseObjectionModal({
  cycleId,
  criterion,
  onClose,
  onDone,
}: {
  cycleId: number;
  criterion: CriterionLine | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const caret = useCaretOnOpen();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // another key point's dialog starts empty: no files or refusal left from the one cancelled before it
  useEffect(() => {
    setFiles([]);
    setError(null);
  }, [criterion]);
  if (!criterion) return null;
  const submit = async () => {
    const body = { itemCode: criterion.itemCode, criterionCode: criterion.criterionCode, reason: form.getFieldValue('reason') ?? '' };
    const parsed = raiseObjectionBody.safeParse(body);
    if (!parsed.success) {
      showFieldProblems(form, zodProblems(parsed.error.issues), ['reason']);
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const o = await raiseObjection(cycleId, parsed.data);
      const failed: string[] = [];
      for (const f of files) {
        try {
          await uploadObjectionEvidence(cycleId, o.id, f.originFileObj as File);
        } catch (err) {
          failed.push(`${f.name}：${errorMessage(err)}`);
        }
      }
      if (failed.length) {
        setError(`异议已提出，但以下证明材料未能上传，请在异议列表中补传：${failed.join('；')}`);
        setFiles([]);
        return;
      }
      onDone();
    } catch (err) {
      setError(formErrorMessage(form, err, ['reason']));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal afterOpenChange={caret.afterOpenChange} title={`对${keyPointInText(criterion.code, criterion.itemTitle)}提出异议`} open onCancel={onClose} onOk={submit} confirmLoading={saving} okText="提出异议" destroyOnHidden width={640}>
      <p>
        <b>{criterion.itemTitle}</b>：{criterion.title}
      </p>
      <p>
        得分{criterion.score}/{criterion.maximum}。{criterion.explanation}
        {criterion.comment ? `（${criterion.department?.name ?? ''}：${criterion.comment}）` : ''}
      </p>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      {/* preserve={false}: a reason typed and cancelled goes with the dialog (it opened over the next key point's objection) */}
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="reason" label="异议理由" rules={[{ required: true, message: '请填写异议理由' }]}>
          <Input.TextArea ref={caret.ref} rows={5} maxLength={2000} showCount placeholder="写明认为扣分不当的事实和依据" />
        </Form.Item>
        <Form.Item label="证明材料（可选）">
          <Upload
            multiple
            fileList={files}
            beforeUpload={(f) => {
              setFiles((fs) => [...fs, { uid: f.uid, name: f.name, originFileObj: f, status: 'done' } as UploadFile]);
              return false;
            }}
            onRemove={(f) => setFiles((fs) => fs.filter((x) => x.uid !== f.uid))}
          >
            <Button icon={<UploadOutlined />}>选择文件</Button>
          </Upload>
        </Form.Item>
      </Form>
    </Modal>
  );
}
