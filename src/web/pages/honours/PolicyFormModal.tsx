/**
 * 登记 / 编辑激励政策: the policy's particulars and its rules as an editable table (成果、对象、上限或定额（万元）或
 * “从其规定”、原文). The server checks everything; its problems are shown beside the fields and cells they name,
 * a lost update (409) as a conflict message.
 */
import { useState } from 'react';
import { Alert, Button, Form, Input, InputNumber, Modal, Select, Space, Table, Typography, message, type FormListFieldData, type SelectProps } from 'antd';
import type { PolicyView } from '../../../shared/contracts/honours';
import { EXPIRES_ON_HELP, EXPIRES_ON_LABEL } from '../../../shared/incentives/in-force';
import { ACHIEVEMENTS, RECIPIENTS, ROLES } from '../../../shared/incentives/schema';
import { ApiError, errorMessage } from '../../api/client';
import { addPolicy, honourMeta, updatePolicy, type HonourMeta } from '../../api/honours';
import { PageLoading } from '../../components/PageLoading';
import { useCaretOnOpen } from '../../lib/useCaretOnOpen';
import { useLoad } from '../../lib/useLoad';
import { blankRule, formNameOf, levelChoices, levelForRegion, policyToValues, valuesToBody, type PolicyFormValues, type RuleRow } from './policyForm';

const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));
const AMOUNT_KINDS = [
  { value: 'ceiling', label: '上限（最高）' },
  { value: 'fixed', label: '定额' },
  { value: 'by-other-rules', label: '从其规定' },
];

function regionOptions(meta: HonourMeta) {
  return [
    ...(meta.province ? [{ label: '省', options: [{ value: meta.province.code, label: meta.province.name }] }] : []),
    { label: '市州', options: meta.cities.map((c) => ({ value: c.code, label: c.name })) },
    { label: '县市区', options: meta.cities.flatMap((c) => c.counties.map((x) => ({ value: x.code, label: `${c.name}${x.name}` }))) },
  ];
}

const BASES = [
  { value: 'per-item', label: '按项目' },
  { value: 'once', label: '一次性' },
];

/** a rule cell chosen from a list (成果、角色、对象、计算) */
function selectColumn(key: 'achievement' | 'role' | 'recipient' | 'basis', title: string, width: number, choices: { value: string; label: string }[], extra: SelectProps = {}) {
  return {
    title,
    key,
    width,
    render: (_: unknown, f: FormListFieldData) => (
      <Form.Item name={[f.name, key]} style={{ margin: 0 }}>
        <Select aria-label={`第${f.name + 1}条规则的${title}`} options={choices} {...extra} />
      </Form.Item>
    ),
  };
}

function RulesTable() {
  const form = Form.useFormInstance<PolicyFormValues>();
  const rows = (Form.useWatch('rules', form) ?? []) as RuleRow[];
  return (
    <Form.List name="rules">
      {(fields, { add, remove }) => (
        <>
          <Table
            size="small"
            pagination={false}
            rowKey="key"
            dataSource={fields}
            scroll={{ x: 1100 }}
            data-testid="policy-rules-table"
            columns={[
              selectColumn('achievement', '成果', 190, options(ACHIEVEMENTS), { showSearch: true, optionFilterProp: 'label', placeholder: '选择成果类别' }),
              selectColumn('role', '角色', 90, options(ROLES), { allowClear: true, placeholder: '奖项不填' }),
              selectColumn('recipient', '对象', 90, options(RECIPIENTS)),
              selectColumn('basis', '计算', 100, BASES),
              {
                title: '金额',
                key: 'amount',
                width: 260,
                render: (_, f) => (
                  <Space align="start">
                    <Form.Item name={[f.name, 'amountType']} style={{ margin: 0 }}>
                      <Select aria-label={`第${f.name + 1}条规则的金额方式`} style={{ width: 120 }} options={AMOUNT_KINDS} />
                    </Form.Item>
                    {rows[f.name]?.amountType === 'by-other-rules' ? (
                      <Form.Item name={[f.name, 'otherText']} style={{ margin: 0 }}>
                        <Input aria-label={`第${f.name + 1}条规则的从其规定说明`} placeholder="如：按省政府规定执行" maxLength={300} />
                      </Form.Item>
                    ) : (
                      <Form.Item name={[f.name, 'wan']} style={{ margin: 0 }}>
                        <InputNumber aria-label={`第${f.name + 1}条规则的金额（万元）`} min={0} addonAfter="万元" style={{ width: 130 }} />
                      </Form.Item>
                    )}
                  </Space>
                ),
              },
              {
                title: '原文',
                key: 'text',
                render: (_, f) => (
                  <Form.Item name={[f.name, 'text']} style={{ margin: 0 }}>
                    <Input.TextArea aria-label={`第${f.name + 1}条规则的原文`} autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} placeholder="政策原文中该条的表述" />
                  </Form.Item>
                ),
              },
              {
                title: '',
                key: 'remove',
                width: 60,
                render: (_, f) => (
                  <Button type="link" danger size="small" onClick={() => remove(f.name)}>
                    删除
                  </Button>
                ),
              },
            ]}
          />
          <Button style={{ marginTop: 8 }} onClick={() => add(blankRule(form.getFieldValue('rules') ?? []))}>
            添加规则
          </Button>
        </>
      )}
    </Form.List>
  );
}

export default function PolicyFormModal({ editing, onClose, onSaved }: { editing: PolicyView | 'new'; onClose(): void; onSaved(): void }) {
  const meta = useLoad(honourMeta, undefined);
  const [form] = Form.useForm();
  // the title takes the caret, also when the form shows only after the regions have loaded
  const caret = useCaretOnOpen();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<{ text: string; conflict: boolean } | null>(null);
  const [rulesErrors, setRulesErrors] = useState<string[]>([]);
  const initial: PolicyFormValues = editing === 'new' ? { level: undefined, expiresOn: null, source: null, rules: [blankRule([])] } : policyToValues(editing);

  const save = async () => {
    setSaving(true);
    setError(null);
    setRulesErrors([]);
    const names = form.getFieldsError().filter((f) => f.errors.length).map((f) => ({ name: f.name, errors: [] }));
    form.setFields(names);
    try {
      const body = valuesToBody(form.getFieldsValue(true) as PolicyFormValues, editing === 'new' ? [] : editing.notes);
      if (editing === 'new') await addPolicy(body);
      else await updatePolicy(editing.id, { ...body, version: editing.version });
      message.success('已保存');
      onSaved();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) return setError({ text: `${err.message}（关闭后列表会刷新）`, conflict: true });
      const problems = err instanceof ApiError ? err.fields : [];
      const onFields: { name: (string | number)[]; errors: string[] }[] = [];
      const onRules: string[] = [];
      const rest: string[] = [];
      for (const p of problems) {
        const name = formNameOf(p.field);
        if (!name) rest.push(p.message);
        else if (name.length === 1 && name[0] === 'rules') onRules.push(p.message);
        else {
          const known = onFields.find((x) => x.name.join('.') === name.join('.'));
          if (known) known.errors.push(p.message);
          else onFields.push({ name, errors: [p.message] });
        }
      }
      form.setFields(onFields);
      setRulesErrors(onRules);
      if (!problems.length || rest.length) setError({ text: rest.length ? rest.join('；') : errorMessage(err), conflict: false });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      afterOpenChange={caret.afterOpenChange}
      open
      title={editing === 'new' ? '登记激励政策' : `编辑“${editing.title}”`}
      onCancel={error?.conflict ? onSaved : onClose}
      onOk={save}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      destroyOnHidden
      width={1200}
    >
      {error && <Alert type={error.conflict ? 'warning' : 'error'} showIcon message={error.conflict ? '保存冲突' : error.text} description={error.conflict ? error.text : undefined} style={{ marginBottom: 12 }} data-testid="policy-form-error" />}
      {meta.error && !meta.data && <Alert type="error" showIcon message={meta.error} />}
      {!meta.data ? (
        <PageLoading />
      ) : (
        <Form form={form} layout="vertical" initialValues={initial} name="policy">
          <Form.Item name="title" label="政策标题">
            <Input ref={caret.ref} maxLength={200} placeholder="如：岳阳市质量强市奖励办法" />
          </Form.Item>
          <Space size="large" wrap align="start">
            <Form.Item name="issuer" label="发布机关">
              <Input maxLength={100} style={{ width: 260 }} />
            </Form.Item>
            <Form.Item name="docNo" label="文号">
              <Input maxLength={60} style={{ width: 220 }} placeholder="如：岳政发〔2026〕1号" />
            </Form.Item>
            <Form.Item name="regionCode" label="适用地区">
              <Select
                style={{ width: 220 }}
                showSearch
                optionFilterProp="label"
                options={regionOptions(meta.data)}
                placeholder="湖南省或市州、县市区"
                onChange={(code: string) => form.setFieldValue('level', levelForRegion(meta.data!, code, form.getFieldValue('level')))}
              />
            </Form.Item>
            <Form.Item noStyle shouldUpdate={(a: PolicyFormValues, b: PolicyFormValues) => a.regionCode !== b.regionCode}>
              {() => {
                // the levels the server accepts for the chosen region (省：国家级、省级；市州：市级；县市区：县级)
                const choices = levelChoices(meta.data!, form.getFieldValue('regionCode'));
                return (
                  <Form.Item name="level" label="级别">
                    <Select style={{ width: 120 }} options={choices} disabled={!choices.length} placeholder={choices.length ? '选择级别' : '先选适用地区'} />
                  </Form.Item>
                );
              }}
            </Form.Item>
          </Space>
          <Space size="large" wrap align="start">
            <Form.Item name="issuedOn" label="成文日期">
              <Input type="date" style={{ width: 170 }} />
            </Form.Item>
            <Form.Item name="effectiveFrom" label="施行日期">
              <Input type="date" style={{ width: 170 }} />
            </Form.Item>
            <Form.Item name="expiresOn" label={EXPIRES_ON_LABEL} extra={EXPIRES_ON_HELP}>
              <Input type="date" style={{ width: 170 }} />
            </Form.Item>
          </Space>
          <Form.Item name="source" label="来源（原文出处）">
            <Input.TextArea maxLength={300} autoSize={{ minRows: 1, maxRows: 3 }} />
          </Form.Item>
          <Typography.Text strong>奖励规则</Typography.Text>
          <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
            金额以万元填写；原文为“从其规定”的，选“从其规定”并写明依据，不填金额
          </Typography.Text>
          <div style={{ marginTop: 8 }}>
            <RulesTable />
          </div>
          {rulesErrors.length > 0 && <Alert type="error" showIcon style={{ marginTop: 8 }} message={rulesErrors.join('；')} data-testid="policy-rules-error" />}
        </Form>
      )}
    </Modal>
  );
}
