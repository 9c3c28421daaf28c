/** 填报情况: per reporting period and unit, how many values were expected, reported, accepted, and submitted after the window closed. */
import { useEffect, useState } from 'react';
import { Alert, Card, Progress, Space, Table, Typography } from 'antd';
import type { CompletenessView } from '../../../shared/contracts/indicators';
import { errorMessage } from '../../api/client';
import { getCompleteness } from '../../api/indicators';
import PageHeader from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';
import { PlanSelect, usePlans, ViewSwitch } from './common';

type Row = CompletenessView['periods'][number]['units'][number];

const pct = (a: number, b: number) => (b ? Math.round((a * 1000) / b) / 10 : 0);

export default function CompletenessPage() {
  const { plans, plan, error: planError, choose } = usePlans();
  const [c, setC] = useState<CompletenessView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!plan) return;
    setC(null);
    getCompleteness(plan.id).then(setC, (err) => setError(errorMessage(err)));
  }, [plan]);
  if (planError || error) return <Alert type="error" showIcon message={planError ?? error} />;
  if (!plans) return <PageLoading />;
  if (!plan) return <Alert type="info" showIcon message="没有可查看的规划" />;
  return (
    <>
      <PageHeader title="填报情况" />
      <Card>
        <Space wrap style={{ marginBottom: 12 }}>
          <ViewSwitch current="/indicators/completeness" plan={plan} />
          <PlanSelect plans={plans} plan={plan} choose={choose} />
        </Space>
        <Typography.Paragraph type="secondary">
          应报 = 填报单位 × 规划指标数；已报 = 已提交（含待审核、已退回）；已确认 = 经质强办确认；逾期 = 在填报截止日之后提交。
        </Typography.Paragraph>
        {!c ? (
          <PageLoading />
        ) : c.periods.length === 0 ? (
          <Alert type="info" showIcon message="尚未设立填报期" />
        ) : (
          c.periods.map((p) => (
            <Card
              key={p.id}
              type="inner"
              size="small"
              style={{ marginBottom: 12 }}
              title={`${p.label}（${p.opensOn}至${p.closesOn}）`}
              extra={
                <Space>
                  <span>完整率</span>
                  <Progress percent={pct(p.totals.reported, p.totals.expected)} size="small" style={{ width: 120 }} />
                  <span>及时率{pct(p.totals.reported - p.totals.late, p.totals.reported)}%</span>
                </Space>
              }
            >
              <Table<Row>
                rowKey={(r) => r.org.id}
                size="small"
                pagination={false}
                dataSource={p.units}
                columns={[
                  { title: '单位', dataIndex: ['org', 'name'] },
                  { title: '应报', dataIndex: 'expected', width: 80 },
                  { title: '已报', dataIndex: 'reported', width: 80 },
                  { title: '已确认', dataIndex: 'accepted', width: 80 },
                  { title: '逾期', dataIndex: 'late', width: 80, render: (v: number) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : 0) },
                  { title: '完整率', key: 'rate', width: 100, render: (_: unknown, r) => `${pct(r.reported, r.expected)}%` },
                ]}
              />
            </Card>
          ))
        )}
      </Card>
    </>
  );
}
