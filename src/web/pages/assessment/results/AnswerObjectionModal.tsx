/** The evaluating department answers an objection: 维持 (uphold) or 调整 (adjust, with a new answer), always with a reason. */
import { useEffect, useState } from 'react';
import { Alert, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import { answerObjectionBody, type ObjectionView } from '../../../../shared/contracts/results';
import { answerObjection } from '../../../api/results';
import { formErrorMessage, showFieldProblems, zodProblems } from '../../../lib/forms';
import { useCaretOnOpen } from '../../../lib/useCaretOnOpen';

type Kind = 'score' | 'value' | 'level' | 'true' | 'false' | 'na';
const KINDS: { value: Kind; label: string }[] = [
  { value: 'score', label: '直接评分（分）' },
  { value: 'value', label: '实测值' },
  { value: 'level', label: '档次（分）' },
  { value: 'true', label: '符合' },
  { value: 'false', label: '不符合' },
  { value: 'na', label: '合理缺项' },
];

function kindOf(a: unknown): Kind {
  if (a === true) return 'true';
  if (a === false) return 'false';
  if (a === 'na') return 'na';
  if (a && typeof a === 'object') {
    if ('value' in a) return 'value';
    if ('level' in a) return 'level';
  }
  return 'score';
}

function toAnswer(kind: Kind, n: number | null | undefined): unknown {
  if (kind === 'true') return true;
  if (kind === 'false') return false;
  if (kind === 'na') return 'na';
  return n === null || n === undefined ? undefined : { [kind]: n };
}

interface Values {
  decision: 'uphold' | 'adjust';
  response: string;
  kind: Kind;
  amount: number | null;
}

export default function AnswerObjectionModal({ objection, onClose, onDone }: { objection: ObjectionView | null; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const decision = Form.useWatch('decision', form);
  const kind = Form.useWatch('kind', form);
  const caret = useCaretOnOpen();
  useEffect(() => setError(null), [objection]);
  if (!objection) return null;
  const submit = async () => {
    const v = form.getFieldsValue();
    const body = {
      decision: v.decision,
      response: v.response ?? '',
      ...(v.decision === 'adjust' ? { answer: toAnswer(v.kind, v.amount) } : {}),
      version: objection.version,
    };
    const parsed = answerObjectionBody.safeParse(body);
    if (!parsed.success) {
      showFieldProblems(form, zodProblems(parsed.error.issues).map((p) => (p.field.startsWith('answer') ? { ...p, field: 'amount' } : p)), ['decision', 'response', 'amount']);
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await answerObjection(objection.id, parsed.data);
      onDone();
    } catch (err) {
      const e = err as { fields?: { field: string; message: string }[] };
      if (e.fields) e.fields.forEach((f) => f.field === 'answer' && (f.field = 'amount'));
      setError(formErrorMessage(form, err, ['decision', 'response', 'amount']));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal afterOpenChange={caret.afterOpenChange} title={`答复${objection.unit.name}的异议`} open onCancel={onClose} onOk={submit} confirmLoading={saving} okText="提交答复" destroyOnHidden width={600}>
      <p>
        第{objection.itemCode}项「{objection.itemTitle}」{objection.criterionTitle}
      </p>
      <p>异议理由：{objection.reason}</p>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      {/* preserve={false}: an answer typed and cancelled goes with the dialog (it opened over the next objection, decision, score and reason) */}
      <Form<Values> form={form} layout="vertical" preserve={false} initialValues={{ decision: 'uphold', kind: kindOf(objection.beforeAnswer), amount: null, response: '' }}>
        <Form.Item name="decision" label="答复结论">
          <Radio.Group ref={caret.groupRef}>
            <Radio value="uphold">维持原评分</Radio>
            <Radio value="adjust">调整评分</Radio>
          </Radio.Group>
        </Form.Item>
        {decision === 'adjust' && (
          <Form.Item label="新的评分" required extra="新评分按该考核要点的评分方法自动校验">
            <Input.Group compact>
              <Form.Item name="kind" noStyle>
                <Select style={{ width: 160 }} options={KINDS} />
              </Form.Item>
              {kind !== 'true' && kind !== 'false' && kind !== 'na' && (
                <Form.Item name="amount" noStyle>
                  <InputNumber style={{ width: 160 }} min={0} step={0.1} placeholder="数值" />
                </Form.Item>
              )}
            </Input.Group>
          </Form.Item>
        )}
        <Form.Item name="response" label="答复理由" rules={[{ required: true, message: '请填写答复理由' }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount placeholder="说明维持或调整的依据" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
