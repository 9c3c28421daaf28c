/**
 * 数据填报: for a reporter (a member department for the province's figures of its indicators, a city for its own),
 * the periods and the indicators it reports in one, each with its value, status, return comment and status light;
 * 填报 / 修改 opens the value form, 提交 submits a saved value.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, App, Button, Card, Descriptions, Select, Space, Table, Typography } from 'antd';
import { errorMessage } from '../../api/client';
import { listPeriods, periodRows, type PeriodView, type RowView } from '../../api/indicator-reporting';
import PageHeader from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';
import { fmtValue, Light, moveAndReload, ValueFormModal, ValueStatusTag } from './common';

export default function EntryPage() {
  const { message } = App.useApp();
  const [search, setSearch] = useSearchParams();
  const [periods, setPeriods] = useState<PeriodView[] | null>(null);
  const [rows, setRows] = useState<RowView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<RowView | null>(null);
  // no plan reports through this unit (a county): not a period to wait for
  const [noPlan, setNoPlan] = useState(false);
  const wanted = Number(search.get('period')) || null;
  // a to-do names the value to change (?value=12): its row is shown, marked, and its form opened once
  const focus = Number(search.get('value')) || null;
  const opened = useRef<number | null>(null);

  useEffect(() => {
    listPeriods().then(
      (r) => {
        setPeriods(r.periods);
        setNoPlan(r.plans.length === 0);
      },
      (err) => setError(errorMessage(err)),
    );
  }, []);
  const current = periods?.find((p) => p.id === wanted) ?? periods?.find((p) => p.window === 'open' || p.window === 'late') ?? periods?.[0] ?? null;
  const reload = useCallback(async () => {
    if (!current) return;
    try {
      setRows((await periodRows(current.id, 'report')).rows);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [current]);
  useEffect(() => {
    void reload();
  }, [reload]);
  useEffect(() => {
    const row = focus && rows?.find((r) => r.value?.id === focus);
    if (!row || opened.current === focus) return;
    opened.current = focus;
    document.querySelector(`[data-row-key="${CSS.escape(row.key)}"]`)?.scrollIntoView({ block: 'center' });
    if (row.abilities.edit) setEditing(row);
    else if (row.lockedReturn) message.warning(row.lockedReturn);
  }, [focus, rows, message]);

  const submit = (row: RowView) => moveAndReload(row, 'submit', message, reload);

  if (error) return <Alert type="error" showIcon message={error} />;
  if (!periods) return <PageLoading />;
  return (
    <>
      <PageHeader />
      <Card>
        {noPlan ? (
          <Alert type="info" showIcon data-testid="no-plan" message="本单位没有需要填报的规划指标" description="规划指标由规划所属的质强办、负责的成员单位和市州填报；县市区不填报。" />
        ) : periods.length === 0 ? (
          <Alert type="info" showIcon message="暂无填报期：质强办设置填报期后即可填报" />
        ) : (
          <>
            <Space wrap style={{ marginBottom: 12 }}>
              <span>填报期：</span>
              <Select
                style={{ width: 360 }}
                value={current?.id}
                onChange={(id: number) => setSearch({ period: String(id) })}
                popupMatchSelectWidth={false}
                options={periods.map((p) => ({ value: p.id, label: `${p.planTitle} · ${p.label}（${p.windowLabel}）` }))}
                data-testid="period-select"
              />
            </Space>
            {current && (
              <Descriptions size="small" column={4} style={{ marginBottom: 12 }}>
                <Descriptions.Item label="填报窗口">{current.windowLabel}</Descriptions.Item>
                <Descriptions.Item label="开始">{current.opensOn}</Descriptions.Item>
                <Descriptions.Item label="截止">{current.closesOn}</Descriptions.Item>
                <Descriptions.Item label="锁定">{current.lockOn}之后</Descriptions.Item>
              </Descriptions>
            )}
            <Table<RowView>
              rowKey="key"
              size="small"
              rowClassName={(r) => (focus && r.value?.id === focus ? 'kp-row-focus' : '')}
              loading={rows === null}
              dataSource={rows ?? []}
              pagination={false}
              locale={{ emptyText: '本填报期没有需要本单位填报的指标' }}
              columns={[
                { title: '序号', dataIndex: ['indicator', 'code'], width: 60 },
                { title: '指标', dataIndex: ['indicator', 'name'], render: (v: string, r) => `${v}（${r.indicator.nature}）` },
                { title: '填报单位', dataIndex: ['unit', 'name'], width: 100 },
                { title: '数值', key: 'value', width: 110, render: (_: unknown, r) => <span data-testid={`value-${r.key}`}>{fmtValue(r)}</span> },
                { title: '状态', key: 'status', width: 170, render: (_: unknown, r) => <ValueStatusTag row={r} /> },
                { title: '状态灯', key: 'light', width: 120, render: (_: unknown, r) => <Light light={r.light} testId={`light-${r.key}`} /> },
                { title: '退回意见', key: 'comment', render: (_: unknown, r) => (r.value?.status === 'returned' ? r.value.returnComment : null) ?? '—' },
                {
                  title: '操作',
                  key: 'actions',
                  width: 160,
                  render: (_: unknown, r) => (
                    <Space size={4}>
                      {r.abilities.edit && (
                        <Button size="small" onClick={() => setEditing(r)} data-testid={`edit-${r.key}`}>
                          {r.value ? '修改' : '填报'}
                        </Button>
                      )}
                      {r.abilities.submit && (
                        <Button size="small" type="primary" onClick={() => void submit(r)} data-testid={`submit-${r.key}`}>
                          提交
                        </Button>
                      )}
                      {r.lockedReturn && (
                        <Typography.Text type="warning" data-testid={`locked-return-${r.key}`}>
                          {r.lockedReturn}
                        </Typography.Text>
                      )}
                    </Space>
                  ),
                },
              ]}
            />
          </>
        )}
      </Card>
      {editing && (
        <ValueFormModal
          row={editing}
          onClose={() => setEditing(null)}
          onDone={() => {
            setEditing(null);
            void reload();
          }}
          onSaved={(saved) => {
            setEditing(saved);
            void reload();
          }}
        />
      )}
    </>
  );
}
