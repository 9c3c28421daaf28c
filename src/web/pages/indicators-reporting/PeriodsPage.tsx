/**
 * 填报期管理 (the plan's office; the province's office also reads the cities' own plans, a city's office the province's,
 * marked 只读): plan by plan — a plan with no period too, saying how to add the first — the periods with their windows, a new period (year, or a quarter;
 * opens, closes, lock days — no rows are created until someone saves), and per period the values reported, with
 * 重新开放 for one value of one unit (after the lock, or an accepted value), with a reason; the items nobody reported
 * (which may be reopened once the period is locked) on request.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Empty, Form, Input, InputNumber, Modal, Row, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { ApiError, errorMessage } from '../../api/client';
import { createPeriod, listPeriods, periodRows, reopenValue, type PeriodView, type PlanSummary, type RowView } from '../../api/indicator-reporting';
import PageHeader from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';
import { showFieldProblems, yearRules } from '../../lib/forms';
import { fmtValue, Light, ValueStatusTag } from './common';
import { noPeriodsText, periodsByPlan } from './periodGroups';
import { useCaretOnOpen } from '../../lib/useCaretOnOpen';

const WINDOW_COLOR: Record<string, string> = { not_open: 'default', open: 'green', late: 'orange', locked: 'red' };
const PAGE_SIZE = 30;

interface NewPeriod {
  planId: number;
  year: number;
  quarter: number | null;
  opensOn: Dayjs;
  closesOn: Dayjs;
  lockDays: number;
}

export default function PeriodsPage() {
  const { message } = App.useApp();
  const [data, setData] = useState<{ plans: PlanSummary[]; periods: PeriodView[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  // the plan whose empty state asked for its first period (null: the card's button, the first plan managed)
  const [createFor, setCreateFor] = useState<number | null>(null);
  const startCreate = (planId: number | null) => {
    setCreateFor(planId);
    setCreating(true);
  };
  const [open, setOpen] = useState<PeriodView | null>(null);
  const [rows, setRows] = useState<RowView[] | null>(null);
  const [reopening, setReopening] = useState<RowView | null>(null);
  const caret = useCaretOnOpen();
  const createCaret = useCaretOnOpen();
  const [reason, setReason] = useState('');
  const [form] = Form.useForm<NewPeriod>();
  const reload = useCallback(() => listPeriods().then(setData, (err) => setError(errorMessage(err))), []);
  useEffect(() => {
    void reload();
  }, [reload]);
  // a to-do names the period and the value (?period=3&value=12, 重新开放 a value returned behind the lock): the
  // period's values are shown on the page that holds that row, the row marked, and its 重新开放 asked once
  const [search] = useSearchParams();
  const wanted = Number(search.get('period')) || null;
  const focus = Number(search.get('value')) || null;
  const asked = useRef<number | null>(null);
  const [page, setPage] = useState(1);
  const [withBlank, setWithBlank] = useState(false);
  useEffect(() => {
    const p = wanted ? data?.periods.find((x) => x.id === wanted) : undefined;
    if (p) setOpen((o) => o ?? p);
  }, [wanted, data]);
  const loadRows = useCallback(async (p: PeriodView) => setRows((await periodRows(p.id, 'all')).rows), []);
  useEffect(() => {
    setPage(1);
    if (open) void loadRows(open).catch((err) => setError(errorMessage(err)));
  }, [open, loadRows]);
  const shown = (rows ?? []).filter((r) => r.value || (withBlank && r.abilities.reopen));
  useEffect(() => {
    const at = focus ? shown.findIndex((r) => r.value?.id === focus) : -1;
    if (at < 0 || asked.current === focus) return;
    asked.current = focus;
    setPage(Math.floor(at / PAGE_SIZE) + 1);
    const row = shown[at];
    setTimeout(() => document.querySelector(`[data-row-key="${CSS.escape(row.key)}"]`)?.scrollIntoView({ block: 'center' }), 0);
    if (row.abilities.reopen) setReopening(row);
  }, [focus, shown]);

  const create = async () => {
    let v: NewPeriod;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    try {
      await createPeriod({ planId: v.planId, year: v.year, quarter: v.quarter ?? null, opensOn: v.opensOn.format('YYYY-MM-DD'), closesOn: v.closesOn.format('YYYY-MM-DD'), lockDays: v.lockDays });
      message.success('已设置填报期');
      setCreating(false);
      form.resetFields();
      await reload();
    } catch (err) {
      if (err instanceof ApiError && err.fields.length) {
        const rest = showFieldProblems(form, err.fields, ['planId', 'year', 'quarter', 'opensOn', 'closesOn', 'lockDays']);
        if (rest.length || err.status !== 400) message.error(err.message);
      } else message.error(errorMessage(err));
    }
  };

  const reopen = async () => {
    if (!reopening || !open) return;
    try {
      await reopenValue(open.id, { indicatorId: reopening.indicator.id, orgId: reopening.unit.id, reason });
      message.success('已重新开放');
      setReopening(null);
      setReason('');
      await loadRows(open);
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  if (error) return <Alert type="error" showIcon message={error} />;
  if (!data) return <PageLoading />;
  const manageable = data.plans.filter((p) => p.abilities.manage);
  return (
    <>
      <PageHeader />
      <Card
        title="填报期"
        extra={
          manageable.length > 0 && (
            <Button type="primary" onClick={() => startCreate(null)} data-testid="period-create">
              设置填报期
            </Button>
          )
        }
      >
        {periodsByPlan(data.plans, data.periods).map(({ plan, periods }) => (
          <section key={plan.id} data-testid={`plan-periods-${plan.id}`} style={{ marginBottom: 16 }}>
            <Space style={{ marginBottom: 8 }}>
              <Typography.Text strong>{plan.title}</Typography.Text>
              {/* a plan the office reads but does not own (the province's office over a city's plan, a city's office over the province's) */}
              {!plan.abilities.manage && <Tag data-testid={`plan-readonly-${plan.id}`}>只读（由{plan.ownerName}管理）</Tag>}
            </Space>
            <Table<PeriodView>
              rowKey="id"
              size="small"
              dataSource={periods}
              pagination={false}
              locale={{
                emptyText: (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<span data-testid={`plan-no-periods-${plan.id}`}>{noPeriodsText(plan)}</span>}>
                    {plan.abilities.manage && (
                      <Button type="primary" onClick={() => startCreate(plan.id)} data-testid={`period-create-${plan.id}`}>
                        为本规划设置填报期
                      </Button>
                    )}
                  </Empty>
                ),
              }}
              columns={[
                { title: '填报期', dataIndex: 'label' },
                { title: '开始', dataIndex: 'opensOn', width: 110 },
                { title: '截止', dataIndex: 'closesOn', width: 110 },
                { title: '锁定日', dataIndex: 'lockOn', width: 110 },
                { title: '窗口', dataIndex: 'windowLabel', width: 130, render: (v: string, r) => <Tag color={WINDOW_COLOR[r.window]}>{v}</Tag> },
                {
                  title: '操作',
                  key: 'actions',
                  width: 110,
                  render: (_: unknown, r) => (
                    <Button size="small" onClick={() => setOpen(r)} data-testid={`period-values-${r.id}`}>
                      查看数据
                    </Button>
                  ),
                },
              ]}
            />
          </section>
        ))}
      </Card>
      {open && (
        <Card
          title={`${open.planTitle} · ${open.label}：${withBlank ? '全部数据' : '已填报的数据'}`}
          style={{ marginTop: 16 }}
          extra={
            <Checkbox
              checked={withBlank}
              onChange={(e) => {
                setWithBlank(e.target.checked);
                setPage(1);
              }}
              data-testid="period-with-blank"
            >
              显示未填报项（锁定后可重新开放，供补报）
            </Checkbox>
          }
        >
          <Table<RowView>
            rowKey="key"
            size="small"
            loading={rows === null}
            dataSource={shown}
            pagination={{ pageSize: PAGE_SIZE, current: page, onChange: setPage, showSizeChanger: false }}
            rowClassName={(r) => (focus && r.value?.id === focus ? 'kp-row-focus' : '')}
            locale={{ emptyText: withBlank ? '尚无数据' : '尚无已填报的数据' }}
            columns={[
              { title: '指标', dataIndex: ['indicator', 'name'], render: (v: string, r) => `${r.indicator.number}. ${v}` },
              { title: '单位', dataIndex: ['unit', 'name'], width: 90 },
              { title: '数值', key: 'value', width: 100, render: (_: unknown, r) => fmtValue(r) },
              { title: '状态灯', key: 'light', width: 110, render: (_: unknown, r) => <Light light={r.light} /> },
              { title: '状态', key: 'status', width: 170, render: (_: unknown, r) => <ValueStatusTag row={r} /> },
              {
                title: '操作',
                key: 'actions',
                width: 110,
                render: (_: unknown, r) =>
                  r.abilities.reopen && (
                    <Button size="small" onClick={() => setReopening(r)} data-testid={`reopen-${r.key}`}>
                      重新开放
                    </Button>
                  ),
              },
            ]}
          />
        </Card>
      )}
      <Modal
        open={creating}
        title="设置填报期"
        onCancel={() => setCreating(false)}
        onOk={() => void create()}
        okText="设置"
        destroyOnHidden
        afterOpenChange={(shown) => {
          if (shown && createFor !== null) form.setFieldValue('planId', createFor);
          createCaret.afterOpenChange(shown);
        }}
      >
        <Form form={form} layout="vertical" initialValues={{ planId: manageable[0]?.id, quarter: null, lockDays: 15 }}>
          <Form.Item label="规划" name="planId" rules={[{ required: true, message: '请选择规划' }]}>
            <Select ref={createCaret.ref} options={manageable.map((p) => ({ value: p.id, label: p.title }))} />
          </Form.Item>
          <Space>
            <Form.Item label="年度" name="year" rules={yearRules()}>
              {/* no min / max: they would quietly turn 400 into 365 on blur; the server's message goes under the field */}
              <InputNumber data-testid="period-year" />
            </Form.Item>
            <Form.Item label="季度" name="quarter">
              <Select style={{ width: 120 }} options={[{ value: null, label: '全年' }, ...[1, 2, 3, 4].map((q) => ({ value: q, label: `第${q}季度` }))]} />
            </Form.Item>
            <Form.Item label="截止后锁定天数" name="lockDays" rules={[{ required: true, message: '请填写锁定天数' }]}>
              <InputNumber />
            </Form.Item>
          </Space>
          {/* two halves: a long message under one date (the server's, on a period locked the day it is set) wraps in its half, never squeezing the other */}
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item label="开始日期" name="opensOn" rules={[{ required: true, message: '请选择开始日期' }]}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item label="截止日期" name="closesOn" rules={[{ required: true, message: '请选择截止日期' }]}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Modal>
      <Modal afterOpenChange={caret.afterOpenChange} open={!!reopening} title={reopening ? `重新开放：${reopening.indicator.name}（${reopening.unit.name}）` : ''} onCancel={() => setReopening(null)} onOk={() => void reopen()} okText="重新开放">
        <Input.TextArea ref={caret.ref} rows={3} placeholder="理由（必填）" value={reason} onChange={(e) => setReason(e.target.value)} data-testid="reopen-reason" />
      </Modal>
    </>
  );
}
