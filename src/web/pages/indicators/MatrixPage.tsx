/** 市州矩阵: each city's latest accepted value of each indicator, with its light against the province's target of that year. */
import { Link } from 'react-router-dom';
import { Alert, Card, Space, Table, Tooltip, Typography } from 'antd';
import type { CityMatrix } from '../../../shared/contracts/indicators';
import { getMatrix } from '../../api/indicators';
import PageHeader from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';
import { num, PlanSelect, STATUS_COLORS, STATUS_TEXT, usePlanYear, ViewSwitch, YearSelect } from './common';

const CELL_COLORS: Record<string, string> = { blue: '#e6f4ff', green: '#f6ffed', red: '#fff1f0', default: '#fafafa' };

export default function MatrixPage() {
  const { plans, plan, choose, year, setYear, data: m, error } = usePlanYear(getMatrix);
  if (error) return <Alert type="error" showIcon message={error} />;
  if (!plans) return <PageLoading />;
  if (!plan) return <Alert type="info" showIcon message="没有可查看的规划" />;
  type Row = CityMatrix['rows'][number];
  return (
    <>
      <PageHeader title="市州 × 指标矩阵" />
      <Card>
        <Space wrap style={{ marginBottom: 12 }}>
          <ViewSwitch current="/indicators/matrix" plan={plan} />
          <PlanSelect plans={plans} plan={plan} choose={choose} />
          {year && <YearSelect plan={plan} year={year} onChange={setYear} />}
        </Space>
        {!plan.cities ? (
          <Alert type="info" showIcon message={`${plan.title}只填报${plan.region.name}本级的数值，没有市州矩阵；请在「规划指标」中查看`} />
        ) : !m ? (
          <PageLoading />
        ) : m.rows.length === 0 || m.indicators.length === 0 ? (
          <Alert type="info" showIcon message="尚无市州的确认数据" />
        ) : (
          <>
            <Table<Row>
              rowKey={(r) => r.org.id}
              size="small"
              pagination={false}
              bordered
              dataSource={m.rows}
              scroll={{ x: 160 + m.indicators.length * 120 }}
              columns={[
                { title: '市州', dataIndex: ['org', 'name'], width: 160, fixed: 'left' },
                ...m.indicators.map((ind, k) => ({
                  title: (
                    <Tooltip title={`${m.year}年目标${ind.targetText}`}>
                      <Link to={`/indicators/${ind.id}`}>
                        {ind.number}. {ind.name}（{ind.unit}）
                      </Link>
                    </Tooltip>
                  ),
                  key: String(ind.id),
                  width: 120,
                  onCell: (r: Row) => ({ style: { background: r.cells[k]?.light ? CELL_COLORS[STATUS_COLORS[r.cells[k]!.light!]] : undefined } }),
                  render: (_: unknown, r: Row) => {
                    const c = r.cells[k];
                    if (!c || c.value === null) return '—';
                    return (
                      <Tooltip title={`${c.year}年${c.light ? `，${STATUS_TEXT[c.light]}` : ''}${c.demo ? '（演示数据）' : ''}`}>
                        <span data-light={c.light ?? ''}>{num(c.value)}</span>
                      </Tooltip>
                    );
                  },
                })),
              ]}
            />
            <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
              底色：蓝 提前实现，绿 符合预期，红 滞后，灰 无法判断。{m.rule}
            </Typography.Paragraph>
          </>
        )}
      </Card>
    </>
  );
}
