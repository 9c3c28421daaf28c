/**
 * 专家库: the organiser's evaluation experts (name, organisation, the city or county it sits in — for the 回避 flag —,
 * field, title, and the 评价专家 account that scores). The office adds and edits them and takes them out of the pool;
 * plans pick their panels from it.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Select, Switch, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { ExpertView } from '../../../shared/contracts/evaluation';
import { errorMessage } from '../../api/client';
import { addExpert, listExperts, updateExpert } from '../../api/evaluation-experts';
import PageHeader from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';
import { formErrorMessage, validated } from '../../lib/forms';
import { useOrgs } from '../../lib/useOrgs';
import { isConflict } from './common';
import { useCaretOnOpen } from '../../lib/useCaretOnOpen';

interface Values {
  name: string;
  organisation: string;
  regionId: number | null;
  field: string;
  title: string | null;
  username: string | null;
  active: boolean;
}
const FIELDS = ['name', 'organisation', 'regionId', 'field', 'title', 'username', 'active'] as const;

function ExpertModal({ editing, onClose, onSaved }: { editing: ExpertView | null; onClose: () => void; onSaved: (items: ExpertView[] | null) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const caret = useCaretOnOpen();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const orgs = useOrgs();
  const regions = useMemo(() => orgs.items.filter((o) => o.kind === 'city' || o.kind === 'county').map((o) => ({ value: o.id, label: o.name })), [orgs.items]);
  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    setBusy(true);
    setProblem(null);
    const body = { name: v.name, organisation: v.organisation, regionId: v.regionId ?? null, field: v.field, title: v.title || null, username: v.username?.trim() || null };
    try {
      onSaved(editing ? await updateExpert(editing.id, { ...body, version: editing.version, active: v.active }) : await addExpert(body));
      message.success(editing ? '已保存' : '已加入专家库');
    } catch (err) {
      if (isConflict(err)) {
        message.error(errorMessage(err));
        onSaved(null);
      } else setProblem(formErrorMessage(form, err, FIELDS));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal afterOpenChange={caret.afterOpenChange} open title={editing ? `编辑专家：${editing.name}` : '新增专家'} onCancel={onClose} onOk={submit} confirmLoading={busy} okText="保存" cancelText="取消" destroyOnHidden>
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={
          editing
            ? { name: editing.name, organisation: editing.organisation, regionId: editing.region?.id ?? null, field: editing.field, title: editing.title, username: editing.username, active: editing.active }
            : { regionId: null, active: true }
        }
      >
        <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请填写专家姓名' }]}>
          <Input ref={caret.ref} maxLength={20} />
        </Form.Item>
        <Form.Item name="organisation" label="工作单位" rules={[{ required: true, message: '请填写工作单位' }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="regionId" label="工作单位所在地区" extra="位于申请单位辖区内的专家，评价工作方案中会提示回避">
          <Select allowClear showSearch optionFilterProp="label" options={regions} placeholder="省直单位或省外可不选" loading={orgs.loading} />
        </Form.Item>
        <Form.Item name="field" label="专业领域" rules={[{ required: true, message: '请填写专业领域' }]}>
          <Input maxLength={30} placeholder="如质量管理、标准化、检验检测" />
        </Form.Item>
        <Form.Item name="title" label="职称">
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="username" label="评价专家账户（用户名）" extra="关联后该专家可登录评分；须为该专家本人的账户（账户姓名与专家姓名一致），由系统管理员创建，角色为评价专家">
          <Input maxLength={40} />
        </Form.Item>
        {editing && (
          <Form.Item name="active" label="在库" valuePropName="checked">
            <Switch checkedChildren="在库" unCheckedChildren="已移出" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

export default function ExpertsPage() {
  const [items, setItems] = useState<ExpertView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<ExpertView | 'new' | null>(null);
  const reload = useCallback(async () => {
    try {
      setItems(await listExperts());
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  const columns: TableColumnsType<ExpertView> = [
    { title: '姓名', dataIndex: 'name', width: 110 },
    { title: '工作单位', dataIndex: 'organisation' },
    { title: '所在地区', dataIndex: ['region', 'name'], width: 120, render: (v: string | undefined) => v ?? '—' },
    { title: '专业领域', dataIndex: 'field', width: 130 },
    { title: '职称', dataIndex: 'title', width: 120, render: (v: string | null) => v ?? '—' },
    { title: '账户', dataIndex: 'username', width: 120, render: (v: string | null) => v ?? <Tag>未关联</Tag> },
    { title: '状态', dataIndex: 'active', width: 90, render: (v: boolean) => (v ? <Tag color="green">在库</Tag> : <Tag>已移出</Tag>) },
    {
      title: '操作',
      key: 'op',
      width: 90,
      render: (_v, e) => (
        <Button size="small" onClick={() => setEditing(e)}>
          编辑
        </Button>
      ),
    },
  ];
  if (error) return <Alert type="error" showIcon message={error} />;
  if (!items) return <PageLoading />;
  return (
    <>
      <PageHeader
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="expert-add">
            新增专家
          </Button>
        }
      />
      <Card>
        <Table<ExpertView> rowKey="id" size="small" dataSource={items} columns={columns} pagination={{ pageSize: 20, showTotal: (n) => `共${n}名专家` }} scroll={{ x: 900 }} />
      </Card>
      {editing && (
        <ExpertModal
          editing={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(list) => {
            setEditing(null);
            if (list) setItems(list);
            else void reload();
          }}
        />
      )}
    </>
  );
}
