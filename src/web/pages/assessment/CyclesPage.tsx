/** 年度考核: the cycles the user takes part in, paged, filtered and sorted by the server; the office opens a new one. */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import type { CycleList, CycleSummary } from '../../../shared/contracts/cycles';
import { errorMessage } from '../../api/client';
import { listCycles } from '../../api/cycles';
import { useAccess } from '../../access';
import PageHeader from '../../components/PageHeader';
import { nextQuery, sortOrderOf, type ListQuery } from '../../lib/serverTable';
import { formatDeadline } from '../../../shared/deadline';
import { CYCLE_WORKFLOW } from '../../../shared/workflow/assessment';
import OpenCycleModal from './OpenCycleModal';

const STATUS_COLOR: Record<string, string> = { collecting: 'processing', scheme: 'purple', scoring: 'orange', review: 'gold', published: 'success' };

const columns = (q: ListQuery): TableColumnsType<CycleSummary> => [
  // the server sorts by year, newest first unless asked otherwise: the column toggles between the two orders
  { title: '年度', dataIndex: 'year', key: 'year', width: 90, sorter: true, sortOrder: sortOrderOf(q, 'year'), sortDirections: ['ascend', 'descend', 'ascend'] },
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
    key: 'status',
    width: 160,
    filters: Object.entries(CYCLE_WORKFLOW.states).map(([value, text]) => ({ text, value })),
    filteredValue: q.status ? q.status.split(',') : null,
    render: (s: string, c) => <Tag color={STATUS_COLOR[c.status]}>{s}</Tag>,
  },
  { title: '申报截止', dataIndex: 'deadline', width: 150, render: (v: string) => formatDeadline(v).at },
];

export default function CyclesPage() {
  const access = useAccess();
  const [query, setQuery] = useState<ListQuery>({ page: 1, pageSize: 20, sort: '-year' });
  const [list, setList] = useState<CycleList | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [opening, setOpening] = useState(false);

  const load = useCallback(() => {
    setLoading(true);
    listCycles(query)
      .then((l) => {
        setList(l);
        setError(null);
      })
      .catch((err) => setError(errorMessage(err)))
      .finally(() => setLoading(false));
  }, [query]);
  useEffect(load, [load]);

  return (
    <>
      <PageHeader
        extra={
          access.can('cycle.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpening(true)}>
              开启年度考核
            </Button>
          )
        }
      />
      <Card>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
        <Table<CycleSummary>
          rowKey="id"
          loading={loading}
          columns={columns(query)}
          dataSource={list?.items ?? []}
          onChange={(...change) => setQuery((q) => nextQuery(q, change, 'status', { year: 'year' }))}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: list?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            hideOnSinglePage: (list?.total ?? 0) <= 10,
            showTotal: (n) => `共${n}项考核工作`,
          }}
          locale={{ emptyText: query.status ? '没有符合筛选条件的考核工作' : '暂无考核工作' }}
        />
      </Card>
      {opening && <OpenCycleModal onClose={() => setOpening(false)} onOpened={load} />}
    </>
  );
}
