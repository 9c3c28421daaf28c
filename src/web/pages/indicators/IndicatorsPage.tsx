/** 规划指标: the plan's indicators with the chosen year's target, the latest accepted value, the status light and the 2025 forecast; optionally one quarter's column (?quarter=): its value, path and light. */
import { useCallback, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { IndicatorRow } from '../../../shared/contracts/indicators';
import { ROLL_RULE } from '../../../shared/honours/kinds';
import { planTargetHead, statusInYear } from '../../../shared/indicators/format';
import { BINDING_RULE, statusLabels, statusRule } from '../../../shared/indicators/status';
import { getTable, reportDocxUrl, tableXlsxUrl } from '../../api/indicators';
import PageHeader from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';
import { num, PlanSelect, StatusLight, usePlanYear, ViewSwitch, YearSelect } from './common';

export default function IndicatorsPage() {
  const [params, setParams] = useSearchParams();
  const quarter = Number(params.get('quarter')) || null;
  const fetchTable = useCallback((planId: number, y: number) => getTable(planId, y, quarter), [quarter]);
  const { plans, plan, choose, year, setYear, data: table, error } = usePlanYear(fetchTable);
  const setQuarter = (q: number | null) => {
    const next = new URLSearchParams(params);
    if (q) next.set('quarter', String(q));
    else next.delete('quarter');
    setParams(next);
  };
  const [group, setGroup] = useState<string | null>(null);
  const rows = useMemo(() => (table ? table.rows.filter((r) => !group || r.group === group) : []), [table, group]);
  if (error) return <Alert type="error" showIcon message={error} />;
  if (!plans) return <PageLoading />;
  if (!plan) return <Alert type="info" showIcon message="没有可查看的规划" />;
  // only the statuses of the chosen year count; a row whose latest figure is of an earlier year is shown apart
  const current = (r: IndicatorRow) => !!r.status && statusInYear(r.status, table!.year).current;
  const counts = table ? (['ahead', 'on_track', 'lagging', 'unknown'] as const).map((s) => [s, table.rows.filter((r) => current(r) && r.status!.status === s).length] as const) : [];
  const earlier = table ? table.rows.filter((r) => r.status && !current(r)).length : 0;
  const forecastMethod = table?.rows.find((r) => r.forecast)?.forecast?.method;
  return (
    <>
      <PageHeader
        title="规划指标监测"
        extra={
          <Space wrap>
            <Button icon={<DownloadOutlined />} href={year ? tableXlsxUrl(plan.id, year) : undefined}>
              导出监测表
            </Button>
            <Button icon={<DownloadOutlined />} href={year ? reportDocxUrl(plan.id, year) : undefined}>
              监测情况报告
            </Button>
          </Space>
        }
      />
      <Card>
        <Space wrap style={{ marginBottom: 12 }}>
          <ViewSwitch current="/indicators" plan={plan} />
          <PlanSelect plans={plans} plan={plan} choose={choose} />
          {year && <YearSelect plan={plan} year={year} onChange={setYear} />}
          <Select
            aria-label="类别"
            allowClear
            placeholder="全部类别"
            style={{ width: 160 }}
            value={group}
            onChange={(g) => setGroup(g ?? null)}
            options={(table?.groups ?? []).map((g) => ({ value: g, label: g }))}
          />
          <Select
            aria-label="季度列"
            allowClear
            placeholder="季度列：不显示"
            style={{ width: 200 }}
            value={quarter}
            onChange={(q) => setQuarter(q ?? null)}
            options={[1, 2, 3, 4].map((q) => ({ value: q, label: `第${q}季度${table && year && !table.quarterYears.includes(year) ? '（本年无季度数据）' : ''}` }))}
          />
        </Space>
        {table && (
          <Space wrap style={{ marginBottom: 12 }}>
            {counts.map(([s, n]) => (
              <StatusLight key={s} status={s} reason={`${n}项`} />
            ))}
            <Typography.Text type="secondary">
              {counts.map(([s, n]) => `${statusLabels[s]}${n}项`).join('，')}；{earlier ? `${earlier}项尚无${table.year}年数据（灰字为最近一年的状态，按该年目标判断）；` : ''}其余无确认数据。{BINDING_RULE}。
            </Typography.Text>
          </Space>
        )}
        {!table ? (
          <PageLoading />
        ) : (
          <Table<IndicatorRow>
            rowKey="id"
            size="small"
            dataSource={rows}
            pagination={false}
            // the columns fit a 1366-pixel screen (the quarter column, when chosen, scrolls); 类别, 属性 and 计量方式
            // sit under the indicator's name, the category also in the filter above
            scroll={{ x: 1070 }}
            columns={[
              { title: '序号', dataIndex: 'number', width: 50, fixed: 'left' },
              {
                title: '指标',
                dataIndex: 'name',
                width: 230,
                fixed: 'left',
                render: (v: string, r) => (
                  <>
                    <Link to={`/indicators/${r.id}`}>{v}</Link>
                    <div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {r.group} · {r.measureLabel}
                      </Typography.Text>
                      {r.nature === '约束性' ? (
                        <Tag color="purple" style={{ marginLeft: 4 }}>
                          约束性
                        </Tag>
                      ) : null}
                    </div>
                  </>
                ),
              },
              { title: '单位', dataIndex: 'unit', width: 60 },
              { title: `${plan.baselineYear}年`, dataIndex: 'baseline', width: 70, render: (v: number | null) => num(v) },
              { title: planTargetHead(plan, table.year), dataIndex: 'targetText', width: 100 },
              {
                title: `${table.year}年目标`,
                dataIndex: 'yearTarget',
                width: 110,
                render: (v: IndicatorRow['yearTarget']) => (
                  <Tooltip title={v.reason ?? v.originLabel}>
                    {v.text}
                    {v.origin === 'work-plan' || v.origin === 'office' ? <Tag style={{ marginLeft: 4 }}>{v.originLabel}</Tag> : null}
                  </Tooltip>
                ),
              },
              {
                title: '最新确认值',
                dataIndex: 'actual',
                width: 130,
                render: (v: IndicatorRow['actual'], r) => (
                  <>
                    {v ? `${num(v.value)}（${v.year}）` : r.rollCount ? null : '—'}
                    {r.rollCount && (
                      <Tooltip title={r.rollCount.text}>
                        <div>
                          <Tag color="blue">名录计数</Tag>
                          {num(r.rollCount.value)}
                        </div>
                      </Tooltip>
                    )}
                  </>
                ),
              },
              {
                title: '状态',
                dataIndex: 'status',
                width: 100,
                render: (v: IndicatorRow['status'], r) => {
                  const reason = v ? `${r.rollCount?.usedForStatus ? `按名录计数（${r.rollCount.text}）：` : ''}${v.reason}` : undefined;
                  const shown = v ? statusInYear(v, table.year) : null;
                  if (!v || !shown || shown.current) return <StatusLight status={v?.status} reason={reason} />;
                  // the latest figure is of an earlier year: its status, against that year's target, must not read as this year's
                  return (
                    <Tooltip title={`${v.year}年的值对照${v.year}年目标${num(v.yearTarget)}：${reason}`}>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="indicator-status-earlier">
                        {shown.text}
                      </Typography.Text>
                    </Tooltip>
                  );
                },
              },
              ...(table.quarter
                ? [
                    {
                      title: `${table.year}年第${table.quarter}季度`,
                      dataIndex: 'quarter',
                      key: 'quarter',
                      width: 160,
                      render: (v: IndicatorRow['quarter']) =>
                        v?.actual ? (
                          <Tooltip title={`季度序时进度${num(v.path)}`}>
                            <span data-testid="quarter-cell">
                              {num(v.actual.value)} <StatusLight status={v.status?.status} reason={v.status?.reason} />
                            </span>
                          </Tooltip>
                        ) : (
                          '—'
                        ),
                    },
                  ]
                : []),
              {
                title: `${plan.targetYear}年预测`,
                dataIndex: 'forecast',
                width: 100,
                render: (v: IndicatorRow['forecast']) => (v ? <Tooltip title={v.method}>{`${num(v.value)}${v.reaches === false ? '（未达目标）' : ''}`}</Tooltip> : '—'),
              },
              {
                title: '责任单位',
                dataIndex: 'departments',
                width: 120,
                render: (v: IndicatorRow['departments'], r) => (
                  <Tooltip title={r.assumed ? r.note : null}>
                    {v.map((d) => d.name).join('、') || '—'}
                    {r.assumed ? '（假定）' : ''}
                  </Tooltip>
                ),
              },
            ]}
          />
        )}
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          {statusRule(plan.thresholds)}预测方法：
          {forecastMethod ?? '最小二乘线性趋势外推（基期值及各年已确认值）'}，百分比不超过100%。只采用已确认的数据{table?.rows.some((r) => r.actual?.demo) ? '；当前数据为演示数据' : ''}。
          {table?.rows.some((r) => r.rollCount) ? ROLL_RULE : ''}
        </Typography.Paragraph>
      </Card>
    </>
  );
}
