import { useEffect, useState } from 'react';
import { Alert, Form, Input, InputNumber, Modal, Select } from 'antd';
import { createOrgBody, updateOrgBody, type OrgUnit } from '../../../shared/contracts/orgs';
import { ORG_KIND_LABELS, ORG_KINDS, type OrgKind } from '../../../shared/roles';
import { ApiError } from '../../api/client';
import { createOrg, updateOrg } from '../../api/orgs';
import { formErrorMessage, showFieldProblems, zodProblems, validated } from '../../lib/forms';
import { useCaretOnOpen } from '../../lib/useCaretOnOpen';

const KIND_OPTIONS = ORG_KINDS.map((k) => ({ value: k, label: ORG_KIND_LABELS[k] }));
const blankToNull = (s: string | undefined | null) => (s && s.trim() ? s.trim() : null);

interface CreateValues {
  code: string;
  name: string;
  shortName?: string;
  kind: OrgKind;
  sortOrder?: number;
}
const CREATE_FIELDS = ['code', 'name', 'shortName', 'kind', 'sortOrder'] as const;

export function CreateOrgModal({ parent, onClose, onCreated }: { parent: OrgUnit; onClose(): void; onCreated(org: OrgUnit): void }) {
  const [form] = Form.useForm<CreateValues>();
  const caret = useCaretOnOpen();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    const parsed = createOrgBody.safeParse({ ...v, shortName: blankToNull(v.shortName), parentId: parent.id });
    if (!parsed.success) {
      showFieldProblems(form, zodProblems(parsed.error.issues), CREATE_FIELDS);
      return;
    }
    setSaving(true);
    setError(null);
    try {
      onCreated(await createOrg(parsed.data));
    } catch (err) {
      setError(formErrorMessage(form, err, CREATE_FIELDS));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal afterOpenChange={caret.afterOpenChange} open title={`新增下级机构 — ${parent.name}`} okText="保存" onOk={submit} confirmLoading={saving} onCancel={onClose}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Form<CreateValues> form={form} layout="vertical" initialValues={{ sortOrder: 0 }}>
        <Form.Item name="code" label="机构代码" rules={[{ required: true, message: '请填写机构代码' }]} extra="字母、数字、点、下划线或连字符，如行政区划代码">
          <Input ref={caret.ref} maxLength={40} />
        </Form.Item>
        <Form.Item name="name" label="机构名称" rules={[{ required: true, message: '请填写机构名称' }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="shortName" label="简称">
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="kind" label="机构类型" rules={[{ required: true, message: '请选择机构类型' }]}>
          <Select options={KIND_OPTIONS} placeholder="请选择" />
        </Form.Item>
        <Form.Item name="sortOrder" label="排序号">
          <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface EditValues {
  name: string;
  shortName?: string | null;
  sortOrder: number;
}
const EDIT_FIELDS = ['name', 'shortName', 'sortOrder'] as const;

export function EditOrgModal({ org, onClose, onSaved }: { org: OrgUnit; onClose(): void; onSaved(org: OrgUnit): void }) {
  const [form] = Form.useForm<EditValues>();
  const caret = useCaretOnOpen();
  const [error, setError] = useState<string | null>(null);
  const [current, setCurrent] = useState<OrgUnit | null>(null);
  const [version, setVersion] = useState(org.version);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    form.setFieldsValue({ name: org.name, shortName: org.shortName ?? '', sortOrder: org.sortOrder });
  }, [form, org]);

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    const parsed = updateOrgBody.safeParse({ name: v.name, shortName: blankToNull(v.shortName), sortOrder: v.sortOrder, version });
    if (!parsed.success) {
      showFieldProblems(form, zodProblems(parsed.error.issues), EDIT_FIELDS);
      return;
    }
    setSaving(true);
    setError(null);
    try {
      onSaved(await updateOrg(org.id, parsed.data));
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && err.current) {
        // Someone else saved first: show their version; saving again overwrites it knowingly.
        const latest = err.current as OrgUnit;
        setCurrent(latest);
        setVersion(latest.version);
        setError(err.message);
      } else {
        setError(formErrorMessage(form, err, EDIT_FIELDS));
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal afterOpenChange={caret.afterOpenChange} open title={`修改机构 — ${org.name}`} okText={current ? '仍然保存' : '保存'} onOk={submit} confirmLoading={saving} onCancel={onClose}>
      {error && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          message={error}
          description={
            current && (
              <span data-testid="org-conflict">
                他人保存的当前内容：名称「{current.name}」，简称「{current.shortName ?? '—'}」，排序号{current.sortOrder}。如仍要保存您的修改，请再次点击“仍然保存”。
              </span>
            )
          }
        />
      )}
      <Form<EditValues> form={form} layout="vertical">
        <Form.Item label="机构代码">
          <Input value={org.code} disabled />
        </Form.Item>
        <Form.Item name="name" label="机构名称" rules={[{ required: true, message: '请填写机构名称' }]}>
          <Input ref={caret.ref} maxLength={60} />
        </Form.Item>
        <Form.Item name="shortName" label="简称">
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="sortOrder" label="排序号" rules={[{ required: true, message: '请填写排序号' }]}>
          <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
