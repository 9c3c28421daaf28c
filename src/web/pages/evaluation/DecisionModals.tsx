/** The organiser's eligibility-review dialogs (征求意见, 退回补正, 不予受理) and the department's answer form. */
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import type { ApplicationView, ConsultationView } from '../../../shared/contracts/evaluation';
import { errorMessage } from '../../api/client';
import { answerConsultation, consult, transitionApplication } from '../../api/evaluation';
import { validated } from '../../lib/forms';
import { useOrgs } from '../../lib/useOrgs';
import { isConflict, showNestedFieldErrors } from './common';
import { useCaretOnOpen } from '../../lib/useCaretOnOpen';

interface Done {
  /** after a success (the new view) or a conflict (reload) */
  onDone: (a?: ApplicationView) => void;
  onClose: () => void;
}

/** 征求意见: member departments (GET /api/orgs), the conditions asked about, the question. */
export function ConsultModal({ application, onDone, onClose }: { application: ApplicationView } & Done) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ departmentIds: number[]; conditions: string[]; question: string }>();
  const caret = useCaretOnOpen();
  const [saving, setSaving] = useState(false);
  const { items: orgs, loading } = useOrgs();
  const departments = useMemo(() => orgs.filter((o) => o.kind === 'department'), [orgs]);
  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    setSaving(true);
    try {
      const a = await consult(application.id, v);
      message.success(`已向${v.departmentIds.length}个成员单位征求意见`);
      onDone(a);
    } catch (err) {
      showNestedFieldErrors(form, err, ['departmentIds', 'conditions', 'question']);
      message.error(errorMessage(err));
      if (isConflict(err)) onDone();
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal afterOpenChange={caret.afterOpenChange} open title="受理审查：征求成员单位意见" width={720} okText="发出征求意见" confirmLoading={saving} onOk={submit} onCancel={onClose} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          conditions: application.conditions.map((c) => c.code),
          question: `请核实${application.applicant.name}近三年是否存在下列不予受理情形，并回复意见。`,
        }}
      >
        <Form.Item name="departmentIds" label="成员单位" rules={[{ required: true, message: '请至少选择一个成员单位' }]}>
          <Select
            ref={caret.ref}
            mode="multiple"
            loading={loading}
            showSearch
            optionFilterProp="label"
            placeholder="选择征求意见的成员单位"
            options={departments.map((d) => ({ value: d.id, label: d.name }))}
            data-testid="consult-departments"
          />
        </Form.Item>
        <Form.Item name="conditions" label="征求意见的不予受理情形" rules={[{ required: true, message: '请至少选择一种不予受理情形' }]}>
          <Select mode="multiple" options={application.conditions.map((c, i) => ({ value: c.code, label: `情形${i + 1}：${c.text}` }))} />
        </Form.Item>
        <Form.Item name="question" label="征求意见的内容" rules={[{ required: true, message: '请填写征求意见的内容' }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * 退回补正, 不予受理, or 受理 despite what the member departments said (acceptConcerns): each with its written reason
 * (the acceptance's goes into the 受理通知书).
 */
export function DecisionModal({ application, kind, onDone, onClose }: { application: ApplicationView; kind: 'return' | 'refuse' | 'accept' } & Done) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ condition?: string; reason: string }>();
  const caret = useCaretOnOpen();
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    setSaving(true);
    try {
      const a =
        kind === 'return'
          ? await transitionApplication(application.id, { event: 'return', version: application.version, reason: v.reason })
          : kind === 'accept'
            ? await transitionApplication(application.id, { event: 'accept', version: application.version, reason: v.reason })
            : await transitionApplication(application.id, { event: 'refuse', version: application.version, condition: v.condition ?? '', reason: v.reason });
      message.success(kind === 'return' ? '已退回补正' : kind === 'accept' ? '已受理' : '已决定不予受理');
      onDone(a);
    } catch (err) {
      showNestedFieldErrors(form, err, ['condition', 'reason']);
      message.error(errorMessage(err));
      if (isConflict(err)) onDone();
    } finally {
      setSaving(false);
    }
  };
  const texts = {
    return: { title: '退回补正', ok: '退回', label: '需要补正的内容', required: '请写明退回补正的理由', extra: '至少5个字，写明需要补正的材料' },
    refuse: { title: '不予受理', ok: '决定不予受理', label: '不予受理的理由', required: '请写明不予受理的理由', extra: '至少10个字，写明事实和依据' },
    accept: { title: '受理', ok: '仍予受理', label: '受理理由（核实情况）', required: '请写明受理理由', extra: '至少10个字，写明对成员单位意见的核实情况；将写入受理通知书' },
  }[kind];
  return (
    <Modal
      afterOpenChange={caret.afterOpenChange}
      open
      title={texts.title}
      width={640}
      okText={texts.ok}
      okButtonProps={{ danger: kind === 'refuse' }}
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      {kind === 'accept' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="accept-concerns"
          message="成员单位的意见不支持直接受理"
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {application.acceptConcerns.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          }
        />
      )}
      <Form form={form} layout="vertical">
        {kind === 'refuse' && (
          <Form.Item name="condition" label="不予受理情形" rules={[{ required: true, message: '请选择不予受理的情形' }]}>
            <Select ref={caret.ref} placeholder="选择存在的情形" options={application.conditions.map((c, i) => ({ value: c.code, label: `情形${i + 1}：${c.text}` }))} />
          </Form.Item>
        )}
        <Form.Item name="reason" label={texts.label} rules={[{ required: true, message: texts.required }]} extra={texts.extra}>
          {/* 不予受理 starts with the 情形 to choose, which takes the caret */}
          <Input.TextArea ref={kind === 'refuse' ? undefined : caret.ref} rows={4} maxLength={kind === 'return' ? 2000 : 4000} data-testid="decision-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A department's answer: for each condition asked, 存在 / 不存在, and its 回复意见. */
export function AnswerForm({ consultation, onDone }: { consultation: ConsultationView; onDone: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ findings: Record<string, boolean>; answer: string }>();
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    setSaving(true);
    try {
      await answerConsultation(consultation.id, {
        version: consultation.version,
        findings: consultation.conditions.map((c) => ({ code: c.code, applies: v.findings[c.code] })),
        answer: v.answer,
      });
      message.success('已回复意见');
      onDone();
    } catch (err) {
      showNestedFieldErrors(form, err, ['answer']);
      message.error(errorMessage(err));
      if (isConflict(err)) onDone();
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card title="回复征求意见" style={{ marginBottom: 16 }} data-testid="answer-form">
      <Typography.Paragraph>{consultation.question}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        {consultation.conditions.map((c) => (
          <Form.Item key={c.code} name={['findings', c.code]} label={c.text} rules={[{ required: true, message: '请说明是否存在该情形' }]}>
            <Radio.Group
              options={[
                { value: false, label: '不存在' },
                { value: true, label: '存在' },
              ]}
            />
          </Form.Item>
        ))}
        <Form.Item name="answer" label="回复意见" rules={[{ required: true, message: '请填写回复意见' }]}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Button type="primary" loading={saving} onClick={submit}>
          回复
        </Button>
      </Form>
    </Card>
  );
}
