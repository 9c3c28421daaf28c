import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Card, Table, Tag, type TableColumnsType } from 'antd';
import { errorMessage } from '../../api/client';
import { listFrameworks, type FrameworkSummary } from '../../api/frameworks';
import PageHeader from '../../components/PageHeader';
import { editionLabel, KIND_LABELS } from './frameworkLabels';

const columns: TableColumnsType<FrameworkSummary> = [
  { title: '名称', dataIndex: 'title', render: (t: string, f) => <Link to={`/frameworks/${f.id}`}>{t}</Link> },
  { title: '版本', dataIndex: 'version', width: 200, render: (v: string) => editionLabel(v) },
  {
    title: '类别',
    dataIndex: 'kind',
    width: 90,
    render: (k: FrameworkSummary['kind']) => <Tag color={k === 'assessment' ? 'blue' : 'green'}>{KIND_LABELS[k]}</Tag>,
  },
  { title: '总分', dataIndex: 'totalPoints', width: 90, align: 'right' },
];

export default function FrameworksPage() {
  const [items, setItems] = useState<FrameworkSummary[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    listFrameworks()
      .then(setItems)
      .catch((err) => setError(errorMessage(err)))
      .finally(() => setLoading(false));
  }, []);

  return (
    <>
      <PageHeader />
      <Card>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
        <Table<FrameworkSummary> rowKey="id" loading={loading} columns={columns} dataSource={items} pagination={false} />
      </Card>
    </>
  );
}
