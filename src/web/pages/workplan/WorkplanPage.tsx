/**
 * 工作要点督办: the year's work plan with one light per task (the two clocks: time and progress against 序时进度)
 * and the task × unit matrix; the office imports the 2023 plan from the seed and publishes it. A plan past its
 * supervision shows its lights as of that end; 回看 shows them as of an earlier day.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Collapse, DatePicker, Descriptions, Empty, Popconfirm, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useDocNumber } from '../../components/DocNumber';
import { workplanNoticeSubject } from '../../../shared/contracts/docnumbers';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { DownloadOutlined } from '@ant-design/icons';
import { getPlan, importPlan, listMyTasks, listPlans, matrixXlsxUrl, noticeDocxUrl, publishPlan, removeTask, type PlanDetail, type PlanSummary, type TaskRowView } from '../../api/workplan';
import PageHeader from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';
import { formatDate } from '../../lib/format';
import LightTag from './LightTag';
import { leadText, PROGRESS_CLOCK_RULE, supervisionEndedLine } from '../../../shared/workplan/rules';
import { AddTaskButton, CreatePlanButton } from './PlanAuthoring';
import { useAction } from '../../lib/useAction';

export default function WorkplanPage() {
  const [plans, setPlans] = useState<PlanSummary[] | null>(null);
  const [canImport, setCanImport] = useState(false);
  const [canCreate, setCanCreate] = useState(false);
  const [planId, setPlanId] = useState<number | null>(null);
  const [asOf, setAsOf] = useState<string | undefined>(undefined);
  const [plan, setPlan] = useState<PlanDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [myTasks, setMyTasks] = useState<(TaskRowView & { plan: { id: number } })[]>([]);
  const [noticePeriod, setNoticePeriod] = useState<string | undefined>(undefined);
  // the 文号 registered for the chosen period's notice is filled in (最近一期: the server prints the registered one)
  const noticeNo = useDocNumber('notice-doc-no', planId !== null && noticePeriod ? { kind: 'workplan_notice', subject: workplanNoticeSubject(planId, noticePeriod) } : null);
  useEffect(() => {
    listMyTasks().then((items) => setMyTasks(items.filter((t) => t.myRole !== null)), () => setMyTasks([]));
  }, []);

  const loadList = useCallback(async () => {
    try {
      const r = await listPlans();
      setPlans(r.items);
      setCanImport(r.abilities.import);
      setCanCreate(r.abilities.create);
      setPlanId((id) => id ?? r.items[0]?.id ?? null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, []);
  useEffect(() => {
    void loadList();
  }, [loadList]);
  useEffect(() => {
    if (planId === null) return;
    getPlan(planId, asOf).then(setPlan, (err) => setError(errorMessage(err)));
  }, [planId, asOf]);

  const { busy, run: act, submitForm } = useAction<PlanDetail>((p) => {
    setPlan(p);
    setPlanId(p.id);
    void loadList();
  });

  if (error) return <Alert type="error" showIcon message={error} />;
  if (!plans) return <PageLoading />;
  const hasProvincePlan = plans.some((p) => p.year === 2023);
  const extra = (
    <Space>
      {/* the popup as wide as its longest title (岳阳市2026年质量强市工作要点（演示数据）（已发布） was cut in 320 px), the box's title in its tooltip */}
      {plans.length > 1 && (
        <Select
          style={{ width: 320 }}
          data-testid="plan-select"
          popupMatchSelectWidth={false}
          value={planId ?? undefined}
          onChange={setPlanId}
          options={plans.map((p) => ({ value: p.id, label: `${p.title}（${p.statusLabel}）`, title: `${p.title}（${p.statusLabel}）` }))}
        />
      )}
      {canImport && !hasProvincePlan && (
        <Button type="primary" loading={busy} onClick={() => act(importPlan, '已导入2023年工作要点（草稿）')}>
          导入2023年工作要点
        </Button>
      )}
      {canCreate && <CreatePlanButton submit={submitForm} busy={busy} />}
      {plan?.status === 'draft' && plan.abilities.edit && <AddTaskButton plan={plan} submit={submitForm} busy={busy} />}
      {plan && (
        <Button icon={<DownloadOutlined />} href={matrixXlsxUrl(plan.id, asOf)} data-testid="matrix-xlsx">
          导出矩阵
        </Button>
      )}
      {plan?.abilities.notice && (
        <Space.Compact>
          <Select style={{ width: 150 }} placeholder="最近一期" allowClear value={noticePeriod} onChange={setNoticePeriod} options={plan.periods.map((p) => ({ value: p.code, label: p.label }))} />
          {/* only the issuing office registers a 文号 (registerRefusal); a leader downloads with the registered one */}
          {plan.abilities.manage && noticeNo.input}
          <Button
            icon={<DownloadOutlined />}
            href={noticeNo.error || noticeNo.fresh ? undefined : noticeDocxUrl(plan.id, noticePeriod, asOf)}
            onClick={(e) => void noticeNo.download(noticeDocxUrl(plan.id, noticePeriod, asOf), e)}
            disabled={!!noticeNo.error}
            data-testid="notice-docx"
          >
            落实情况通报
          </Button>
        </Space.Compact>
      )}
      {plan?.abilities.publish && (
        <Button type="primary" loading={busy} onClick={() => act(() => publishPlan(plan.id, plan.version), '已发布')}>
          发布
        </Button>
      )}
    </Space>
  );
  if (!plan) {
    return (
      <>
        <PageHeader extra={extra} />
        <Card>
          <Empty description={planId === null ? '尚无工作要点' : '加载中'} />
        </Card>
      </>
    );
  }
  const mine = myTasks.filter((t) => t.plan.id === plan.id);
  return (
    <>
      <PageHeader extra={extra} tags={<Tag color={plan.status === 'published' ? 'blue' : 'default'}>{plan.statusLabel}</Tag>} />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={3}>
          <Descriptions.Item label="工作要点">{plan.title}</Descriptions.Item>
          <Descriptions.Item label="发文单位">{plan.issuer.name}</Descriptions.Item>
          <Descriptions.Item label="版本">{plan.revision ? `第${plan.revision}版` : '草稿'}</Descriptions.Item>
          <Descriptions.Item label="发布日期">{formatDate(plan.publishedAt)}</Descriptions.Item>
          <Descriptions.Item label="灯的计算日期">
            <Space>
              <span data-testid="as-of">{plan.asOf}</span>
              <DatePicker size="small" placeholder="回看某日" value={asOf ? dayjs(asOf) : null} onChange={(d) => setAsOf(d ? d.format('YYYY-MM-DD') : undefined)} />
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label="灯">
            <Space size={4}>
              <Tag color="success">正常{plan.lights.green}</Tag>
              <Tag color="warning">预警{plan.lights.yellow}</Tag>
              <Tag color="error">逾期{plan.lights.red}</Tag>
              <Tag>已办结{plan.lights.done}</Tag>
            </Space>
          </Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          灯：办理期限或报送期限临近为预警、已过为逾期（办理期限未到、只是进展报告逾期未报的，写“报送逾期”）；进度落后序时进度为预警。{PROGRESS_CLOCK_RULE}。
        </Typography.Paragraph>
        {plan.ended && (
          <Typography.Text type="secondary" data-testid="supervision-ended">
            {supervisionEndedLine(plan.supervisionEnd)}
          </Typography.Text>
        )}
        {plan.warnings.length > 0 && (
          <Collapse
            size="small"
            style={{ marginTop: 8 }}
            items={[{ key: 'w', label: `从原文解读承办单位时的说明（${plan.warnings.length}条）`, children: <ul style={{ margin: 0 }}>{plan.warnings.map((w) => <li key={w}>{w}</li>)}</ul> }]}
          />
        )}
      </Card>
      <Card>
        <Tabs
          items={[
            { key: 'tasks', label: '任务', children: <TaskTable rows={plan.taskRows} onRemove={plan.status === 'draft' && plan.abilities.edit ? (r) => act(() => removeTask(r.id, r.version), `已删除任务“${r.title}”`) : undefined} /> },
            // this plan's tasks only (the list of the unit's tasks spans every plan: the province's 13 appeared under 岳阳市's)
            ...(mine.length ? [{ key: 'mine', label: `本单位承办（${mine.length}）`, children: <TaskTable rows={mine} /> }] : []),
            { key: 'matrix', label: '任务 × 单位', children: <Matrix rows={plan.taskRows} /> },
          ]}
        />
      </Card>
    </>
  );
}

function TaskTable({ rows, onRemove }: { rows: TaskRowView[]; onRemove?: (r: TaskRowView) => void }) {
  return (
    <Table<TaskRowView>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={rows}
      columns={[
        { title: '序号', dataIndex: 'number', width: 60 },
        { title: '部分', dataIndex: 'part', width: 60 },
        { title: '任务', dataIndex: 'title', render: (v: string, r) => <Link to={`/workplan/tasks/${r.id}`}>{v}</Link> },
        { title: '牵头单位', width: 160, render: (_: unknown, r) => (r.lead ? r.lead.name : <Typography.Text type="secondary">{leadText(r)}</Typography.Text>) },
        { title: '承办单位', width: 90, render: (_: unknown, r) => `${r.units.length}个` },
        { title: '办理期限', width: 120, render: (_: unknown, r) => (r.deadline !== r.dueOn ? <span title={`原期限${r.dueOn}`}>{r.deadline}（延期）</span> : r.dueOn) },
        { title: '进度', dataIndex: 'progress', width: 80, render: (v: number | null) => (v === null ? '—' : `${v}%`) },
        { title: '状态', dataIndex: 'statusLabel', width: 90 },
        { title: '灯', width: 80, render: (_: unknown, r) => <LightTag light={r.light} /> },
        ...(onRemove
          ? [
              {
                title: '操作',
                width: 80,
                render: (_: unknown, r: TaskRowView) => (
                  <Popconfirm title={`删除草稿中的任务“${r.title}”？`} onConfirm={() => onRemove(r)}>
                    <Button type="link" danger size="small">
                      删除
                    </Button>
                  </Popconfirm>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}

function Matrix({ rows }: { rows: TaskRowView[] }) {
  const columns = new Map<number, string>();
  for (const r of rows) for (const u of r.units) columns.set(u.org.id, u.org.name);
  return (
    <Table<TaskRowView>
      rowKey="id"
      size="small"
      pagination={false}
      scroll={{ x: 240 + columns.size * 64 }}
      dataSource={rows}
      columns={[
        { title: '任务', fixed: 'left', width: 240, render: (_: unknown, r) => <Link to={`/workplan/tasks/${r.id}`}>{`${r.number}. ${r.title}`}</Link> },
        ...[...columns].map(([id, name]) => ({
          title: <span style={{ writingMode: 'vertical-rl' }}>{name}</span>,
          key: String(id),
          width: 64,
          render: (_: unknown, r: TaskRowView) => {
            const cell = r.units.find((u) => u.org.id === id);
            return cell ? <LightTag light={cell.light} compact /> : null;
          },
        })),
      ]}
    />
  );
}
