/**
 * 数据审核: the values waiting on the caller — submitted ones for the responsible department (审核通过 / 退回), reviewed
 * ones (and submitted ones, to return) for the plan's office (确认 / 退回) — with the source document, the reporter's
 * explanation of the checks' warnings and the value's status light.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Space, Table, Tooltip } from 'antd';
import { errorMessage } from '../../api/client';
import { reviewRows, type RowView } from '../../api/indicator-reporting';
import Attachments from '../../components/Attachments';
import PageHeader from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';
import { formatDateTime } from '../../lib/format';
import { fmtValue, Light, moveAndReload, ReturnModal, ValueStatusTag } from './common';

export default function ReviewPage() {
  const { message } = App.useApp();
  const [rows, setRows] = useState<RowView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [returning, setReturning] = useState<RowView | null>(null);
  const reload = useCallback(() => reviewRows().then(setRows, (err) => setError(errorMessage(err))), []);
  useEffect(() => {
    void reload();
  }, [reload]);

  const act = (row: RowView, event: 'review' | 'accept') => moveAndReload(row, event, message, reload);

  if (error) return <Alert type="error" showIcon message={error} />;
  if (!rows) return <PageLoading />;
  return (
    <>
      <PageHeader />
      <Card>
        <Table<RowView>
          rowKey="key"
          size="small"
          scroll={{ x: 'max-content' }}
          dataSource={rows}
          pagination={false}
          locale={{ emptyText: '暂无待审核或待确认的数据' }}
          expandable={{ rowExpandable: (r) => !!r.value, expandedRowRender: (r) => r.value && <Attachments owner={{ ownerType: 'indicator_value', ownerId: r.value.id }} editable={false} /> }}
          columns={[
            { title: '填报期', key: 'period', width: 90, render: (_: unknown, r) => r.facts.period.label },
            // (a width of its own: at 1366 the long 来源与说明 column squeezed the name to a character or two per line)
            { title: '指标', dataIndex: ['indicator', 'name'], width: 200, render: (v: string, r) => `${r.indicator.number}. ${v}` },
            { title: '填报单位', dataIndex: ['unit', 'name'], width: 90 },
            { title: '数值', key: 'value', width: 100, render: (_: unknown, r) => <span data-testid={`value-${r.key}`}>{fmtValue(r)}</span> },
            { title: '状态灯', key: 'light', width: 110, render: (_: unknown, r) => <Light light={r.light} testId={`light-${r.key}`} /> },
            { title: '状态', key: 'status', width: 150, render: (_: unknown, r) => <ValueStatusTag row={r} /> },
            {
              title: '来源与说明',
              key: 'source',
              width: 320,
              render: (_: unknown, r) => (
                <div>
                  <div>{r.value?.sourceDoc ?? '—'}</div>
                  {r.checks.warnings.map((w) => (
                    <div key={w.code} style={{ color: '#d48806' }}>
                      提示：{w.message}
                    </div>
                  ))}
                  {r.value?.explanation && <div style={{ color: '#555' }}>情况说明：{r.value.explanation}</div>}
                </div>
              ),
            },
            { title: '提交', key: 'by', width: 150, render: (_: unknown, r) => <Tooltip title={r.value?.submittedBy}>{formatDateTime(r.value?.submittedAt)}</Tooltip> },
            {
              title: '操作',
              key: 'actions',
              width: 170,
              // the table is wider than 1366 px allows: the buttons stay at the right edge, not behind the scroll
              fixed: 'right',
              render: (_: unknown, r) => (
                <Space size={4}>
                  {r.abilities.review && (
                    <Button size="small" type="primary" onClick={() => void act(r, 'review')} data-testid={`review-${r.key}`}>
                      审核通过
                    </Button>
                  )}
                  {r.abilities.accept && (
                    <Button size="small" type="primary" onClick={() => void act(r, 'accept')} data-testid={`accept-${r.key}`}>
                      确认
                    </Button>
                  )}
                  {r.abilities.return && (
                    <Button size="small" danger onClick={() => setReturning(r)} data-testid={`return-${r.key}`}>
                      退回
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {returning && (
        <ReturnModal
          row={returning}
          onClose={() => setReturning(null)}
          onDone={(row) => {
            setReturning(null);
            // returned behind the lock: its reporter cannot change it until 质强办 reopens it — say so to whoever returned it
            if (row.lockedReturn) message.warning(`已退回。${row.lockedReturn}`);
            else message.success('已退回');
            void reload();
          }}
        />
      )}
    </>
  );
}
