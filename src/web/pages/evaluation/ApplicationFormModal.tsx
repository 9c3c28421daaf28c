/**
 * 申请创建评价 / 修改申请: the contact, the note, and the four 不予受理情形 with their text, each declared
 * (是否存在, 否 by default) with a statement. Choosing 是 shows the rule: such an applicant may not apply.
 */
import { useEffect, useState } from 'react';
import { Alert, App, Col, Form, Input, Modal, Radio, Row, Typography } from 'antd';
import type { ApplicationView, RoundView } from '../../../shared/contracts/evaluation';
import { errorMessage } from '../../api/client';
import { createApplication, updateApplication } from '../../api/evaluation';
import { getFramework } from '../../api/frameworks';
import { validated } from '../../lib/forms';
import { isConflict, showNestedFieldErrors } from './common';
import { useCaretOnOpen } from '../../lib/useCaretOnOpen';

interface Values {
  contactName: string;
  contactPhone: string;
  note?: string;
  conditions: { code: string; applies: boolean; statement?: string }[];
}

const KNOWN = ['contactName', 'contactPhone', 'note', 'conditions'] as const;

export type ApplicationFormTarget = { round: RoundView } | { application: ApplicationView };

export default function ApplicationFormModal({
  target,
  onClose,
  onSaved,
  onConflict,
}: {
  target: ApplicationFormTarget;
  onClose: () => void;
  onSaved: (a: ApplicationView) => void;
  /** the application or the round has moved on (409): the page reloads */
  onConflict?: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const caret = useCaretOnOpen();
  const [saving, setSaving] = useState(false);
  const [texts, setTexts] = useState<{ code: string; text: string }[] | null>('application' in target ? target.application.conditions : null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const declared = Form.useWatch('conditions', form);

  useEffect(() => {
    if ('application' in target) {
      const a = target.application;
      form.setFieldsValue({
        contactName: a.contactName,
        contactPhone: a.contactPhone,
        note: a.note ?? '',
        conditions: a.conditions.map((c) => ({ code: c.code, applies: c.applies ?? false, statement: c.statement })),
      });
      return;
    }
    // the four conditions of the round's score sheet (表A.1)
    getFramework(target.round.frameworkId)
      .then((fw) => {
        const list = fw.ineligibility ?? [];
        setTexts(list);
        form.setFieldsValue({ conditions: list.map((c) => ({ code: c.code, applies: false, statement: '' })) });
      })
      .catch((err) => setLoadError(errorMessage(err)));
  }, [target, form]);

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    const body = {
      contactName: v.contactName,
      contactPhone: v.contactPhone,
      ...(v.note ? { note: v.note } : {}),
      conditions: v.conditions.map((c) => ({ code: c.code, applies: c.applies, statement: c.statement ?? '' })),
    };
    setSaving(true);
    try {
      const saved = 'application' in target ? await updateApplication(target.application.id, { ...body, version: target.application.version }) : await createApplication(target.round.id, body);
      message.success('application' in target ? '申请已保存' : '申请已保存为草稿，请核对后提交');
      onSaved(saved);
    } catch (err) {
      showNestedFieldErrors(form, err, KNOWN);
      message.error(errorMessage(err));
      if (isConflict(err)) (onConflict ?? onClose)();
    } finally {
      setSaving(false);
    }
  };

  const round = 'application' in target ? target.application.round : target.round;
  return (
    <Modal
      afterOpenChange={caret.afterOpenChange}
      open
      title={'application' in target ? '修改创建评价申请' : `申请创建评价：${round.title}`}
      width={820}
      okText="保存"
      confirmLoading={saving}
      okButtonProps={{ disabled: !texts }}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      {loadError && <Alert type="error" showIcon message={loadError} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical">
        <Form.Item label="联系人" style={{ marginBottom: 0 }} required>
          <Form.Item name="contactName" rules={[{ required: true, message: '请填写联系人' }]} style={{ display: 'inline-block', width: '40%', marginRight: 12 }}>
            <Input ref={caret.ref} placeholder="姓名" maxLength={40} />
          </Form.Item>
          <Form.Item name="contactPhone" rules={[{ required: true, message: '请填写联系电话' }]} style={{ display: 'inline-block', width: '40%' }}>
            <Input placeholder="联系电话" maxLength={20} />
          </Form.Item>
        </Form.Item>
        <Form.Item name="note" label="申请说明">
          <Input.TextArea rows={3} maxLength={4000} placeholder="申请创建的名称、自评情况等" />
        </Form.Item>
        <Typography.Title level={5}>不予受理情形（近三年）</Typography.Title>
        <Typography.Paragraph type="secondary">请逐项说明是否存在下列情形。存在其中任一情形的，按规范不予受理。</Typography.Paragraph>
        <Form.List name="conditions">
          {(fields) =>
            fields.map((field, i) => {
              const text = texts?.[i]?.text ?? '';
              return (
                <div key={field.key} data-testid={`condition-${i + 1}`} style={{ borderTop: '1px solid #f0f0f0', paddingTop: 12 }}>
                  <Typography.Paragraph strong>
                    情形{i + 1}：{text}
                  </Typography.Paragraph>
                  <Form.Item name={[field.name, 'code']} hidden>
                    <Input />
                  </Form.Item>
                  <Row gutter={16}>
                    <Col flex="120px">
                      <Form.Item name={[field.name, 'applies']} label="是否存在" rules={[{ required: true, message: '请说明是否存在该情形' }]}>
                        <Radio.Group
                          options={[
                            { value: false, label: '否' },
                            { value: true, label: '是' },
                          ]}
                        />
                      </Form.Item>
                    </Col>
                    <Col flex="auto">
                      <Form.Item name={[field.name, 'statement']} label="情况说明" extra="提交申请前须写明（至少5个字）">
                        <Input.TextArea rows={1} autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} placeholder="如：经核实，近三年本地未发生该情形" />
                      </Form.Item>
                    </Col>
                  </Row>
                  {declared?.[i]?.applies === true && (
                    <Alert type="warning" showIcon style={{ marginBottom: 12 }} message="存在该情形的，按规范不予受理，不能申请创建评价。" />
                  )}
                </div>
              );
            })
          }
        </Form.List>
      </Form>
    </Modal>
  );
}
