/** 年度考核: the cycles the user takes part in; the office opens a new one (the call for indicators). */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import type { CycleSummary } from '../../../shared/contracts/cycles';
import { errorMessage } from '../../api/client';
import { listCycles } from '../../api/cycles';
import { useAccess } from '../../access';
import { formatDeadline } from '../../../shared/deadline';
import { CYCLE_WORKFLOW } from '../../../shared/workflow/assessment';
import OpenCycleModal from './OpenCycleModal';

const STATUS_COLOR: Record<string, string> = { collecting: 'processing', scheme: 'purple', scoring: 'orange', review: 'gold', published: 'success' };

const columns: TableColumnsType<CycleSummary> = [
  { title: '年度', dataIndex: 'year', width: 90, sorter: (a, b) => a.year - b.year },
  {
    title: '考核工作',
    dataIndex: 'title',
    render: (t: string, c) => (
      <Link to={`/assessment/${c.id}`}>
        {t} {c.demo && <Tag>演示数据</Tag>}
      </Link>
    ),
  },
  { title: '组织单位', dataIndex: 'officeName', width: 280 },
  {
    title: '状态',
    dataIndex: 'statusLabel',
    width: 160,
    filters: Object.entries(CYCLE_WORKFLOW.states).map(([value, text]) => ({ text, value })),
    onFilter: (value, c) => c.status === value,
    render: (s: string, c) => <Tag color={STATUS_COLOR[c.status]}>{s}</Tag>,
  },
  { title: '申报截止', dataIndex: 'deadline', width: 150, render: (v: string) => formatDeadline(v).at },
];

export default function CyclesPage() {
  const access = useAccess();
  const [items, setItems] = useState<CycleSummary[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [opening, setOpening] = useState(false);

  const load = useCallback(() => {
    setLoading(true);
    listCycles()
      .then(setItems)
      .catch((err) => setError(errorMessage(err)))
      .finally(() => setLoading(false));
  }, []);
  useEffect(load, [load]);

  return (
    <Card
      title="年度考核"
      extra={
        access.can('cycle.manage') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpening(true)}>
            开启年度考核
          </Button>
        )
      }
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Table<CycleSummary> rowKey="id" loading={loading} columns={columns} dataSource={items} pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 项考核工作` }} locale={{ emptyText: '暂无考核工作' }} />
      {opening && <OpenCycleModal cycles={items} onClose={() => setOpening(false)} onOpened={load} />}
    </Card>
  );
}
