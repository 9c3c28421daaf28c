/**
 * 同级比较表: the organiser's yearly tables of one metric for the units of one level (the province's cities, or the
 * counties under the organiser), which the rank criteria (5.2.a 获奖企业数量居省内同级城市前列/中游) rank the
 * applicant against. Listed by year; a new table lists every unit of its level and may copy an earlier year's values.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Select, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { PEER_LEVEL_LABELS, type PeerTableSummary } from '../../../shared/contracts/evaluation';
import { errorMessage } from '../../api/client';
import { createPeerTable, listPeerTables } from '../../api/peer-tables';
import PageHeader from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';
import { formErrorMessage, validated, yearRules } from '../../lib/forms';
import { chinaYear } from '../../lib/format';
import { useCaretOnOpen } from '../../lib/useCaretOnOpen';
import { SameNamedTableLink, sameNamedTableOf } from './common';

interface Values {
  year: number;
  level: 'city' | 'county';
  metric: string;
  items: string[];
  source: string | null;
  copyFrom: number | null;
}
const FIELDS = ['year', 'level', 'metric', 'items', 'source', 'copyFrom'] as const;

function CreateModal({ tables, onClose, onStale }: { tables: PeerTableSummary[]; onClose: () => void; onStale: () => void }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const caret = useCaretOnOpen();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  /** the table of that year, level and metric the office already keeps (sameNamedTableOf), linked beside the problem */
  const [there, setThere] = useState<number | null>(null);
  const level = Form.useWatch('level', form);
  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    setBusy(true);
    setProblem(null);
    setThere(null);
    try {
      const t = await createPeerTable({ year: v.year, level: v.level, metric: v.metric, items: v.items, source: v.source?.trim() || null, copyFrom: v.copyFrom ?? null });
      message.success('已新建同级比较表');
      navigate(`/evaluation/peer-tables/${t.id}`);
    } catch (err) {
      setProblem(formErrorMessage(form, err, FIELDS));
      const other = sameNamedTableOf(err);
      if (other === undefined) return;
      // the table exists (a colleague's, or made in another window since the list was read): say whose, link to it,
      // and list it behind the dialog
      setProblem(errorMessage(err));
      setThere(other);
      onStale();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal afterOpenChange={caret.afterOpenChange} open title="新建同级比较表" onCancel={onClose} onOk={submit} confirmLoading={busy} okText="新建" cancelText="取消" destroyOnHidden>
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} action={there !== null && <SameNamedTableLink id={there} />} data-testid="new-peer-table-problem" />}
      <Form form={form} layout="vertical" initialValues={{ year: chinaYear(), level: 'city', metric: '获奖企业数量', items: ['5.2.a'], source: null, copyFrom: null }}>
        <Form.Item name="year" label="年度" rules={yearRules()}>
          <InputNumber ref={caret.ref} precision={0} />
        </Form.Item>
        <Form.Item name="level" label="比较范围" rules={[{ required: true, message: '请选择比较范围' }]}>
          <Select options={Object.entries(PEER_LEVEL_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="metric" label="比较指标" rules={[{ required: true, message: '请填写比较指标' }]}>
          <Input maxLength={50} placeholder="如获奖企业数量" />
        </Form.Item>
        <Form.Item name="items" label="适用的排名评分细则" extra="评分表中按同级排名计分的细则，如5.2.a" rules={[{ required: true, message: '请至少选择一个适用的排名评分细则' }]}>
          <Select mode="tags" options={[{ value: '5.2.a', label: '5.2.a 获奖企业数量居省内同级城市前列/中游' }]} />
        </Form.Item>
        <Form.Item name="source" label="数据来源">
          <Input.TextArea rows={2} maxLength={500} placeholder="如各市州报送的年度各级政府质量奖获奖企业名单" />
        </Form.Item>
        <Form.Item name="copyFrom" label="复制往年数值（可选）">
          <Select allowClear placeholder="不复制" options={tables.filter((t) => t.level === level).map((t) => ({ value: t.id, label: t.title }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function PeerTablesPage() {
  const [items, setItems] = useState<PeerTableSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const load = useCallback(async () => {
    try {
      setItems(await listPeerTables());
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <div>
      <PageHeader
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} disabled={!items} data-testid="new-peer-table">
            新建同级比较表
          </Button>
        }
      />
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      {!items && !error && <PageLoading />}
      {items && (
        <Card size="small">
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            message="排名类评分项（如5.2 获奖企业数量居省内同级城市前列/中游）按本表排名计分。评价工作方案默认选用评价年度、与申请单位同级的比较表；方案批准时保存本表数值的副本，此后修改本表不影响已批准的方案。"
          />
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={items}
            locale={{ emptyText: '尚无同级比较表' }}
            data-testid="peer-tables"
            columns={[
              { title: '年度', dataIndex: 'year', width: 80 },
              { title: '比较范围', dataIndex: 'levelLabel' },
              { title: '比较指标', key: 'metric', render: (_, t) => <Link to={`/evaluation/peer-tables/${t.id}`}>{t.metric}</Link> },
              { title: '适用评分细则', key: 'items', render: (_, t) => t.items.map((k) => <Tag key={k}>{k}</Tag>) },
              { title: '已填', key: 'filled', render: (_, t) => `${t.filled} / ${t.units}` },
            ]}
          />
        </Card>
      )}
      {creating && items && <CreateModal tables={items} onClose={() => setCreating(false)} onStale={() => void load()} />}
    </div>
  );
}
