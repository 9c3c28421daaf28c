/** 已命名名录: the cities and counties named quality-strong after the creation evaluation, with year, score and the naming document. */
import { useEffect, useState } from 'react';
import { Alert, Card, Table } from 'antd';
import { errorMessage } from '../../api/client';
import { listRegister, type RegisterEntry } from '../../api/evaluation-experts';
import PageHeader from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';
import { formatDate } from '../../lib/format';

const KIND: Record<string, string> = { city: '市州', county: '县市区' };

export default function RegisterPage() {
  const [items, setItems] = useState<RegisterEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    listRegister().then(setItems, (err) => setError(errorMessage(err)));
  }, []);
  if (error) return <Alert type="error" showIcon message={error} />;
  if (!items) return <PageLoading />;
  return (
    <>
      <PageHeader />
      <Card>
        <Table<RegisterEntry>
          rowKey="applicationId"
          size="small"
          dataSource={items}
          pagination={false}
          locale={{ emptyText: '尚无命名的质量强市（县）' }}
          columns={[
            // plain text: the register is open to every reader of evaluations, the application itself is not
            { title: '名称', dataIndex: ['applicant', 'name'] },
            { title: '类别', dataIndex: ['applicant', 'kind'], width: 90, render: (k: string) => KIND[k] ?? '—' },
            { title: '评价年度', dataIndex: 'year', width: 100 },
            { title: '综合评价得分', dataIndex: 'total', width: 130 },
            { title: '命名日期', dataIndex: 'namedAt', width: 120, render: (v: string) => (v ? formatDate(v) : '—') },
            { title: '命名文号', dataIndex: 'docNo', width: 200, render: (v: string | null) => v ?? '—' },
            { title: '评价组织单位', dataIndex: ['organiser', 'name'] },
          ]}
        />
      </Card>
    </>
  );
}
