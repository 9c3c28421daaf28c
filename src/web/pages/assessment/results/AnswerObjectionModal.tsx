/** The evaluating department answers an objection: 维持 (uphold) or 调整 (adjust, with a new answer), always with a reason. */
import { useEffect, useState } from 'react';
import { Alert, Form, Input, Modal, Radio, Typography } from 'antd';
import { answerObjectionBody, keyPointLabel, type ObjectionView } from '../../../../shared/contracts/results';
import { answerObjection } from '../../../api/results';
import { formErrorMessage, showFieldProblems, zodProblems } from '../../../lib/forms';
import { useCaretOnOpen } from '../../../lib/useCaretOnOpen';
import AnswerInput from '../scoring/AnswerInput';
import { previewAnswer } from '../scoring/engine';

interface Values {
  decision: 'uphold' | 'adjust';
  response: string;
  /** the new score, in the input the key point's rule takes (the scoring grid's AnswerInput) */
  answer: unknown;
}

/** What the engine makes of the new score as it is typed: its points, or what to fix (the server checks the same way). */
function AnswerPreview({ answering, answer }: { answering: NonNullable<ObjectionView['answering']>; answer: unknown }) {
  if (answer === undefined || answer === null) return null;
  const p = previewAnswer(answering.framework, answering.criterion, answer);
  return (
    <Typography.Text type={p.ok ? 'secondary' : 'danger'} data-testid="answer-preview">
      {p.ok ? `新评分：${p.score}分（${p.explanation}）` : p.message}
    </Typography.Text>
  );
}

export default function AnswerObjectionModal({ objection, onClose, onDone }: { objection: ObjectionView | null; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const decision = Form.useWatch('decision', form);
  const answer: unknown = Form.useWatch('answer', form);
  const caret = useCaretOnOpen();
  useEffect(() => setError(null), [objection]);
  if (!objection) return null;
  const submit = async () => {
    const v = form.getFieldsValue();
    const body = {
      decision: v.decision,
      response: v.response ?? '',
      ...(v.decision === 'adjust' ? { answer: v.answer } : {}),
      version: objection.version,
    };
    const parsed = answerObjectionBody.safeParse(body);
    if (!parsed.success) {
      showFieldProblems(form, zodProblems(parsed.error.issues).map((p) => (p.field.startsWith('answer') ? { ...p, field: 'answer' } : p)), ['decision', 'response', 'answer']);
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await answerObjection(objection.id, parsed.data);
      onDone();
    } catch (err) {
      setError(formErrorMessage(form, err, ['decision', 'response', 'answer']));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal afterOpenChange={caret.afterOpenChange} title={`答复${objection.unit.name}的异议`} open onCancel={onClose} onOk={submit} confirmLoading={saving} okText="提交答复" destroyOnHidden width={600}>
      <p data-testid="objection-key-point">
        <Typography.Text strong>{keyPointLabel(`${objection.itemCode}.${objection.criterionCode}`, objection.itemTitle)}</Typography.Text> {objection.criterionTitle}
      </p>
      <p>异议理由：{objection.reason}</p>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      {/* preserve={false}: an answer typed and cancelled goes with the dialog (it opened over the next objection, decision, score and reason) */}
      <Form<Values> form={form} layout="vertical" preserve={false} initialValues={{ decision: 'uphold', answer: undefined, response: '' }}>
        <Form.Item name="decision" label="答复结论">
          <Radio.Group ref={caret.groupRef}>
            <Radio value="uphold">维持原评分</Radio>
            <Radio value="adjust" disabled={!objection.answering}>
              调整评分
            </Radio>
          </Radio.Group>
        </Form.Item>
        {decision === 'adjust' && objection.answering && (
          <Form.Item label="新的评分" required extra={<AnswerPreview answering={objection.answering} answer={answer} />}>
            <Form.Item name="answer" noStyle>
              <AnswerInput criterion={objection.answering.criterion} value={answer} onChange={(a) => form.setFieldValue('answer', a)} />
            </Form.Item>
          </Form.Item>
        )}
        <Form.Item name="response" label="答复理由" rules={[{ required: true, message: '请填写答复理由' }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount placeholder="说明维持或调整的依据" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
