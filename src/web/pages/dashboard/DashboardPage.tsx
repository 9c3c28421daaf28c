/**
 * 驾驶舱 — the leader's home (the office may open it too): this year's cycles and where each stands, and the
 * latest published results with their charts (the same chart definitions the documents use), and the most recent
 * year's work plan supervision (lights, overdue tasks, closed), from one read.
 */
import type { ReactNode } from 'react';
import { Alert, Button, Card, Col, Empty, List, Progress, Row, Skeleton, Space, Statistic, Steps, Table, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import type { DashboardCityCycle, DashboardCycle, DashboardResults, DashboardUnit } from '../../../shared/contracts/dashboard';
import { domainRadarChart, fmt, gradeColor, rankingChart, SECONDARY, toNum, yearOnYearChart } from '../../../shared/charts';
import { getDashboard } from '../../api/dashboard';
import EChart from '../../components/EChart';
import PageHeader from '../../components/PageHeader';
import { formatDate } from '../../lib/format';
import { chinaDate } from '../../../shared/deadline';
import { objectionEndShown } from '../../../shared/workflow/assessment';
import { useLoad } from '../../lib/useLoad';
import { WorkPlanCard } from './WorkPlanCard';

const PHASES = [
  { status: 'collecting', title: '指标征集' },
  { status: 'scheme', title: '方案制定' },
  { status: 'scoring', title: '评分' },
  { status: 'review', title: '结果公示' },
  { status: 'published', title: '结果发布' },
];
const STATUS_COLOR: Record<string, string> = { collecting: 'processing', scheme: 'purple', scoring: 'orange', review: 'gold', published: 'success' };

const ratio = (done: number, total: number) => (total > 0 ? Math.round((done / total) * 100) : 0);

/** done of total with its bar; with nothing to count (total 0) a dash and why, never a 0/0 bar at 0% */
function CountStat({ title, label, done, total, none, children }: { title: string; label: string; done: number; total: number; none: string; children?: ReactNode }) {
  if (!total)
    return (
      <>
        <Statistic title={title} value="—" />
        <Typography.Text type="secondary">{none}</Typography.Text>
      </>
    );
  return (
    <>
      <Statistic title={title} value={done} suffix={`/ ${total}`} />
      <Progress percent={ratio(done, total)} size="small" aria-label={label} />
      {children}
    </>
  );
}

function CycleProgressCard({ c }: { c: DashboardCycle }) {
  const phase = PHASES.findIndex((p) => p.status === c.status);
  const objectionEnd = objectionEndShown(c, chinaDate(new Date()));
  const due =
    c.status === 'collecting'
      ? `申报截止${formatDate(c.deadline)}`
      : c.status === 'review' && c.objectionEnd
        ? `异议期${formatDate(c.objectionStart)}至${objectionEnd ? formatDate(objectionEnd) : '结束日期待定'}`
        : c.status === 'published'
          ? `结果发布于${formatDate(c.publishedAt)}`
          : null;
  return (
    <Card
      size="small"
      title={
        <Space wrap>
          <Link to={`/assessment/${c.id}`}>{c.title}</Link>
          <Tag color={STATUS_COLOR[c.status]}>{c.statusLabel}</Tag>
          {c.demo && <Tag>演示数据</Tag>}
        </Space>
      }
      extra={<Typography.Text type="secondary">{c.officeName}</Typography.Text>}
    >
      <Steps size="small" current={phase} status={c.status === 'published' ? 'finish' : 'process'} items={PHASES.map((p) => ({ title: p.title }))} style={{ marginBottom: 16 }} />
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}>
          <CountStat title="指标申报（已提交 / 应申报）" label="指标申报进度" done={c.declarations.submitted} total={c.declarations.total} none="本次考核未向成员单位征集指标">
            <Typography.Text type="secondary">已接收{c.declarations.accepted}份</Typography.Text>
          </CountStat>
        </Col>
        <Col xs={24} md={8}>
          <CountStat title="评分（已提交部门 / 评价部门）" label="评分进度" done={c.scoring.submitted} total={c.scoring.total} none="方案发布后开始评分" />
        </Col>
        <Col xs={24} md={8}>
          <Statistic title="待答复异议" value={c.objections.open} suffix={`/ 共${c.objections.total}件`} valueStyle={c.objections.open ? { color: '#cf1322' } : undefined} />
        </Col>
      </Row>
      {due && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {due}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

/** the province's leaders and its office: each city office's assessment of its counties, a line each (read-only, not opened from here) */
function CityCyclesCard({ rows }: { rows: DashboardCityCycle[] }) {
  return (
    <Card title="各市州对县市区的考核" extra={<Typography.Text type="secondary">由各市州质强办组织，仅供了解进展</Typography.Text>}>
      <Table<DashboardCityCycle>
        size="small"
        pagination={false}
        rowKey={(r) => `${r.officeName}:${r.year}:${r.title}`}
        dataSource={rows}
        columns={[
          { title: '市州', dataIndex: 'cityName' },
          { title: '年度', dataIndex: 'year', render: (y: number) => `${y}年度` },
          { title: '考核工作', dataIndex: 'title', render: (t: string, r) => (r.demo ? <Space size={4}>{t}<Tag>演示数据</Tag></Space> : t) },
          { title: '阶段', dataIndex: 'statusLabel', render: (l: string, r) => <Tag color={STATUS_COLOR[r.status]}>{l}</Tag> },
          {
            title: '评分（已提交部门 / 评价部门）',
            render: (_: unknown, r) => (r.scoring.total ? `${r.scoring.submitted} / ${r.scoring.total}` : '—'),
          },
          { title: '待答复异议', render: (_: unknown, r) => (r.objections.total ? `${r.objections.open} / 共${r.objections.total}件` : '—') },
          { title: '结果发布', dataIndex: 'publishedAt', render: (d: string | null) => (d ? formatDate(d) : '—') },
        ]}
      />
    </Card>
  );
}

function UnitList({ title, units }: { title: string; units: DashboardUnit[] }) {
  return (
    <Card size="small" title={title}>
      <List
        size="small"
        dataSource={units}
        locale={{ emptyText: '—' }}
        renderItem={(u) => (
          <List.Item>
            <Space>
              <Typography.Text strong>第{u.rank ?? '—'}名</Typography.Text>
              <span>{u.unitName}</span>
            </Space>
            <Space>
              <span>{fmt(Number(u.total))}分</span>
              {u.grade && <Tag color={gradeColor(u.grade)}>{u.grade}级</Tag>}
              {u.veto && <Tag color="red">否决</Tag>}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

function LatestResults({ r }: { r: DashboardResults }) {
  const totals = r.units.map((u) => Number(u.total));
  const average = totals.length ? totals.reduce((s, x) => s + x, 0) / totals.length : 0;
  const prev = r.previous;
  const navigate = useNavigate();
  return (
    <Card
      title={
        <Space wrap>
          <span>最近发布的考核结果</span>
          <Link to={`/assessment/${r.cycleId}`}>{r.title}</Link>
          {r.demo && <Tag>演示数据</Tag>}
        </Space>
      }
      extra={
        <Space>
          <Typography.Text type="secondary">发布于{formatDate(r.publishedAt)}</Typography.Text>
          {/* a button, not a link: the crawl test takes every /assessment/… link for a cycle of its own */}
          <Button size="small" onClick={() => navigate(`/assessment/${r.cycleId}?tab=results`)}>
            查看结果与异议
          </Button>
        </Space>
      }
    >
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Statistic title="参评单位" value={r.units.length} suffix="个" />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title="平均分" value={fmt(average)} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title="最高分" value={totals.length ? fmt(Math.max(...totals)) : '—'} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title="最低分" value={totals.length ? fmt(Math.min(...totals)) : '—'} />
        </Col>
        <Col xs={24} md={12}>
          <UnitList title="排名前列" units={r.top} />
        </Col>
        <Col xs={24} md={12}>
          <UnitList title="排名靠后" units={r.bottom} />
        </Col>
        {r.units.length > 0 && (
          <Col xs={24} xl={14}>
            <Card size="small">
              <EChart label="总分排名" spec={rankingChart(r.units.map((u) => ({ name: u.unitName, total: Number(u.total), rank: u.rank, grade: u.grade, veto: u.veto })))} />
            </Card>
          </Col>
        )}
        {r.domains.length >= 3 && (
          <Col xs={24} xl={10}>
            <Card size="small">
              <EChart
                label="各考核领域平均得分率雷达图"
                spec={domainRadarChart(r.domains, [{ name: '各单位平均', values: r.domains.map((d) => d.average), color: SECONDARY }], '各考核领域平均得分率')}
              />
            </Card>
          </Col>
        )}
        {prev && (
          <Col span={24}>
            <Card size="small">
              <EChart
                label="与上年度比较"
                spec={yearOnYearChart(
                  r.units.map((u) => ({ name: u.unitName, current: Number(u.total), previous: toNum(prev.units.find((p) => p.unitCode === u.unitCode)?.total) })),
                  prev.year,
                  r.year,
                )}
              />
            </Card>
          </Col>
        )}
      </Row>
    </Card>
  );
}

const noArg = undefined;

export default function DashboardPage() {
  const { data, loading, error } = useLoad(getDashboard, noArg);
  return (
    <>
      <PageHeader />
      {loading && !data && <Skeleton active />}
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        {error && <Alert type="error" showIcon message={error} />}
        {data && (
          <>
            <Card title={data.year ? `${data.year}年度考核工作` : '考核工作'}>
              {data.cycles.length === 0 ? (
                <Empty description="暂无考核工作" />
              ) : (
                <Space direction="vertical" size={16} style={{ width: '100%' }}>
                  {data.cycles.map((c) => (
                    <CycleProgressCard key={c.id} c={c} />
                  ))}
                </Space>
              )}
            </Card>
            {data.cityCycles.length > 0 && <CityCyclesCard rows={data.cityCycles} />}
            {data.workPlans.map((w) => (
              <WorkPlanCard key={w.id} w={w} />
            ))}
            {data.latest ? (
              <LatestResults r={data.latest} />
            ) : (
              <Card title="最近发布的考核结果">
                <Empty description="尚无已发布的考核结果" />
              </Card>
            )}
          </>
        )}
      </Space>
    </>
  );
}
