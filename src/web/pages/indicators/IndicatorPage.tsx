/**
 * One plan indicator: the chart of its target path against the province's and the cities' accepted values, the yearly
 * targets (the office edits them with a reason, or puts one back on the interpolated path), the values by year; a
 * 年度/季度 switch shows a year's quarters against the quarter path (序时进度 within the year) with a light each.
 */
import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, Button, Card, Descriptions, Form, Input, Modal, Segmented, Select, Space, Table, Tag, Typography, message } from 'antd';
import { indicatorPathChart } from '../../../shared/charts';
import type { IndicatorDetail, QuarterCell, QuarterView, RollDetailView, YearTargetView } from '../../../shared/contracts/indicators';
import { detailChartInput, quarterChartInput } from '../../../shared/indicators/chart-input';
import { readTypedValue } from '../../../shared/indicators/checks';
import { BOUND_LABELS } from '../../../shared/indicators/format';
import { boundFor } from '../../../shared/indicators/interpolate';
import type { Direction, Target } from '../../../shared/indicators/schema';
import { errorMessage } from '../../api/client';
import { getIndicator, getQuarters, revertTarget, setTarget } from '../../api/indicators';
import EChart from '../../components/EChart';
import PageHeader from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';
import { num, StatusLight } from './common';
import RaiseFromIndicator from '../rectification/RaiseFromIndicator';
import { useCaretOnOpen } from '../../lib/useCaretOnOpen';

type Kind = 'value' | 'min' | 'max';

/** a target modal's save: validate (which gives the call), call, then a message and the new detail, or the error shown */
function useTargetSave(onSaved: (d: IndicatorDetail) => void, done: string, prepare: () => Promise<() => Promise<IndicatorDetail>>) {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    // a refused form check shows under its fields (validateFields rejects): nothing to call, nothing left uncaught
    const call = await prepare().catch(() => null);
    if (!call) return;
    setSaving(true);
    try {
      const next = await call();
      message.success(done);
      onSaved(next);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };
  return { saving, error, save };
}

function TargetModal({ d, row, onClose, onSaved }: { d: IndicatorDetail; row: YearTargetView; onClose: () => void; onSaved: (d: IndicatorDetail) => void }) {
  // the figure as typed (full-width digits, "94.8%"), read as the value form reads it (readTypedValue)
  const [form] = Form.useForm<{ kind: Kind; value: string; reason: string }>();
  const caret = useCaretOnOpen();
  const t = row.target;
  const initial = { kind: (t && 'bound' in t ? t.bound : 'value') as Kind, value: t && 'value' in t ? String(t.value) : '', reason: '' };
  const unit = d.indicator.unit;
  const { saving, error, save } = useTargetSave(onSaved, `${row.year}年目标已调整`, async () => {
    const v = await form.validateFields();
    const read = readTypedValue(v.value, unit);
    const value = 'value' in read && read.value !== null ? read.value : NaN; // the validator let only a figure through
    const target: Target = v.kind === 'value' ? { value } : { bound: v.kind, value };
    return () => setTarget(d.indicator.id, row.year, { target, reason: v.reason, ...(row.version ? { version: row.version } : {}) });
  });
  return (
    <Modal afterOpenChange={caret.afterOpenChange} open title={`调整${row.year}年目标：${d.indicator.name}`} okText="保存" cancelText="取消" onOk={save} confirmLoading={saving} onCancel={onClose} destroyOnHidden>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph type="secondary">
        当前：{row.text}（{row.originLabel}）。保存后该年目标以此为准，记入审计日志。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={initial}>
        <Form.Item name="kind" label="目标形式">
          {/* only the bound that runs with the indicator's direction (≥ where higher is better); the server refuses the other */}
          <Select ref={caret.ref} options={[{ value: 'value', label: '确定值' }, ...(['min', 'max'] as const).filter((b) => b === boundFor(d.indicator.direction as Direction)).map((b) => ({ value: b, label: BOUND_LABELS[b] }))]} />
        </Form.Item>
        <Form.Item
          name="value"
          label={`目标值（${unit}）`}
          rules={[
            {
              validator: (_: unknown, text: string | undefined) => {
                const read = readTypedValue(text ?? '', unit);
                if ('error' in read) return Promise.reject(new Error(read.error));
                return read.value === null ? Promise.reject(new Error('请填写目标值')) : Promise.resolve();
              },
            },
          ]}
        >
          <Input style={{ width: '100%' }} inputMode="decimal" autoComplete="off" suffix={unit} />
        </Form.Item>
        <Form.Item name="reason" label="调整理由" rules={[{ required: true, min: 2, message: '请写明调整理由（至少2个字）' }]}>
          <Input.TextArea rows={3} maxLength={500} placeholder="如：国家下达2024年目标；年度工作要点另有规定" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 恢复按路径插值: removes the year's stored target (the office's or the 工作要点's) with a reason */
function RevertModal({ d, row, onClose, onSaved }: { d: IndicatorDetail; row: YearTargetView; onClose: () => void; onSaved: (d: IndicatorDetail) => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const caret = useCaretOnOpen();
  const { saving, error, save } = useTargetSave(onSaved, `${row.year}年目标已恢复按路径插值`, async () => {
    const v = await form.validateFields();
    return () => revertTarget(d.indicator.id, row.year, { reason: v.reason, version: row.version ?? 0 });
  });
  return (
    <Modal afterOpenChange={caret.afterOpenChange} open title={`恢复${row.year}年目标按路径插值：${d.indicator.name}`} okText="恢复" cancelText="取消" onOk={save} confirmLoading={saving} onCancel={onClose} destroyOnHidden>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph type="secondary">
        当前：{row.text}（{row.originLabel}{row.reason ? `：${row.reason}` : ''}）。恢复后该年目标按基期值至规划目标的路径插值，记入审计日志。
      </Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label="恢复理由" rules={[{ required: true, min: 2, message: '请写明恢复理由（至少2个字）' }]}>
          <Input.TextArea ref={caret.ref} rows={3} maxLength={500} placeholder="如：当年不再单独设定目标" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 季度监测: a year's quarters against the quarter path (chart + table), a light per quarter */
function QuarterCard({ d }: { d: IndicatorDetail }) {
  const [year, setYear] = useState<number | null>(null);
  const [q, setQ] = useState<QuarterView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setQ(null);
    getQuarters(d.indicator.id, year ?? undefined).then(setQ, (err) => setError(errorMessage(err)));
  }, [d.indicator.id, year]);
  if (error) return <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />;
  if (!q) return <PageLoading />;
  const years: number[] = [];
  for (let y = d.plan.baselineYear + 1; y <= d.plan.targetYear; y++) years.push(y);
  return (
    <Card
      title="季度监测"
      style={{ marginBottom: 16 }}
      extra={
        <Select
          aria-label="季度监测年份"
          style={{ width: 170 }}
          value={q.year}
          onChange={setYear}
          options={years.map((y) => ({ value: y, label: `${y}年${q.years.includes(y) ? '' : '（无季度数据）'}` }))}
        />
      }
    >
      <Typography.Paragraph>
        {q.year}年目标：{q.yearTarget.text}（{q.yearTarget.originLabel}）；起点：{q.start ? `${q.start.label}（${q.start.year}年）${num(q.start.value)}` : '无（无法确定季度序时进度）'}。
      </Typography.Paragraph>
      <EChart spec={indicatorPathChart(quarterChartInput(d, q))} label={`${d.indicator.name}${q.year}年季度监测`} />
      <Table<QuarterCell>
        rowKey="quarter"
        size="small"
        pagination={false}
        dataSource={q.quarters}
        data-testid="quarter-table"
        columns={[
          { title: '季度', dataIndex: 'label', width: 100 },
          { title: '季度序时进度', dataIndex: 'path', width: 140, render: (v: number | null) => num(v) },
          { title: `${d.region.org.name}确认值`, dataIndex: 'actual', width: 140, render: (v: QuarterCell['actual']) => (v ? `${num(v.value)}${v.demo ? '（演示数据）' : ''}` : '—') },
          { title: '状态', dataIndex: 'status', width: 110, render: (v: QuarterCell['status']) => (v ? <StatusLight status={v.status} reason={v.reason} /> : '—') },
          { title: '说明', key: 'reason', render: (_: unknown, r) => r.status?.reason ?? '—' },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {q.rule}只采用已确认的季度数据。
      </Typography.Paragraph>
    </Card>
  );
}

/** 名录计数 (专栏1 4–8): baseline + the roll's entries, year by year, per city, with the entries and a link to the roll */
function RollCard({ roll, unit }: { roll: RollDetailView; unit: string }) {
  const c = roll.count;
  return (
    <Card title={`名录计数（${c.year}年）`} extra={<Link to={roll.link}>在荣誉名录中查看</Link>} style={{ marginBottom: 16 }}>
      <Typography.Paragraph>
        <Typography.Text strong>
          {num(c.value)}
          {unit}
        </Typography.Text>
        ：{c.text}
        {c.usedForStatus ? '。当年尚无确认值，状态按名录计数判断。' : '。当年已有确认值，状态以确认值为准。'}
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        {roll.series.map((s) => (
          <span key={s.year}>
            {s.year}年 {num(s.value)} <StatusLight status={s.status.status} reason={s.status.reason} />
          </span>
        ))}
      </Space>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={roll.entries}
        locale={{ emptyText: '基期年之后名录中尚无条目' }}
        columns={[
          { title: '获奖单位', dataIndex: 'awardee' },
          { title: '年度', dataIndex: 'year', width: 80 },
          { title: '市州', dataIndex: ['city', 'name'], width: 180, render: (v: string | undefined) => v ?? '—' },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        各市州（本期条目数，无市州基期值）：{roll.cities.map((x) => `${x.org.name} ${x.count}`).join('，') || '—'}。{roll.rule}
      </Typography.Paragraph>
    </Card>
  );
}

export default function IndicatorPage() {
  const id = Number(useParams().id);
  const [d, setD] = useState<IndicatorDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<YearTargetView | null>(null);
  const [reverting, setReverting] = useState<YearTargetView | null>(null);
  const [view, setView] = useState<'year' | 'quarter'>('year');
  const load = useCallback(() => getIndicator(id).then(setD, (err) => setError(errorMessage(err))), [id]);
  useEffect(() => {
    void load();
  }, [load]);
  if (error) return <Alert type="error" showIcon message={error} />;
  if (!d) return <PageLoading />;
  const ind = d.indicator;
  const years = d.path.map((p) => p.year).filter((y) => y > d.plan.baselineYear);
  const series = [d.region, ...d.cities];
  const statusOf = (y: number) => d.statuses.find((s) => s.year === y)?.status;
  return (
    <>
      <PageHeader title={`${ind.number}. ${ind.name}`} names={{ '/indicators/:id': ind.name }} tags={ind.nature === '约束性' ? <Tag color="purple">约束性</Tag> : <Tag>预期性</Tag>} />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={3}>
          <Descriptions.Item label="类别">{ind.group}</Descriptions.Item>
          <Descriptions.Item label="单位">{ind.unit}</Descriptions.Item>
          <Descriptions.Item label="计量方式">{ind.measureLabel}</Descriptions.Item>
          <Descriptions.Item label={`${d.plan.baselineYear}年基期值`}>{num(ind.baseline)}</Descriptions.Item>
          <Descriptions.Item label={`${d.plan.targetYear}年目标`}>{ind.targetText}</Descriptions.Item>
          <Descriptions.Item label="责任单位">
            {ind.departments.map((x) => x.name).join('、') || '—'}
            {ind.assumed ? '（假定）' : ''}
          </Descriptions.Item>
          <Descriptions.Item label="最新状态">
            <StatusLight status={ind.status?.status} reason={ind.status?.reason} /> {ind.status?.reason}
          </Descriptions.Item>
          <Descriptions.Item label={`${d.plan.targetYear}年预测`}>
            {ind.forecast ? `${num(ind.forecast.value)}${ind.forecast.reaches === false ? '（按趋势未达目标）' : ind.forecast.reaches ? '（按趋势可达目标）' : ''}` : '—'}
          </Descriptions.Item>
          <Descriptions.Item label="说明">{ind.note ?? '—'}</Descriptions.Item>
        </Descriptions>
        {ind.forecast && <Typography.Text type="secondary">预测方法：{ind.forecast.method}，百分比不超过100%。</Typography.Text>}
      </Card>
      <Space style={{ marginBottom: 16 }}>
        <Segmented
          aria-label="年度或季度"
          value={view}
          onChange={(v) => setView(v as 'year' | 'quarter')}
          options={[
            { value: 'year', label: '年度' },
            { value: 'quarter', label: '季度' },
          ]}
        />
      </Space>
      {view === 'quarter' && <QuarterCard d={d} />}
      {view === 'year' && (
        <>
          <Card title="目标路径与实际值" style={{ marginBottom: 16 }}>
            <EChart spec={indicatorPathChart(detailChartInput(d))} label={`${ind.name}目标路径与实际值`} />
          </Card>
          <Card title="逐年目标" style={{ marginBottom: 16 }}>
            <Table<YearTargetView>
              rowKey="year"
              size="small"
              pagination={false}
              dataSource={d.path}
              columns={[
                { title: '年份', dataIndex: 'year', width: 80 },
                { title: '目标', dataIndex: 'text', width: 160 },
                { title: '来源', dataIndex: 'originLabel', width: 160 },
                { title: '理由', dataIndex: 'reason', render: (v: string | null) => v ?? '—' },
                { title: `${d.region.org.name}确认值`, key: 'actual', width: 120, render: (_: unknown, r) => num(d.region.values.find((v) => v.year === r.year)?.value ?? (r.year === d.plan.baselineYear ? ind.baseline : null)) },
                { title: '状态', key: 'status', width: 110, render: (_: unknown, r) => (statusOf(r.year) ? <StatusLight status={statusOf(r.year)!.status} reason={statusOf(r.year)!.reason} /> : '—') },
                ...(d.abilities.editTarget
                  ? [
                      {
                        title: '操作',
                        key: 'op',
                        width: 220,
                        render: (_: unknown, r: YearTargetView) =>
                          r.year > d.plan.baselineYear ? (
                            <Space size={4}>
                              <Button size="small" onClick={() => setEditing(r)}>
                                调整
                              </Button>
                              {r.version !== null && (
                                <Button size="small" onClick={() => setReverting(r)}>
                                  恢复按路径插值
                                </Button>
                              )}
                            </Space>
                          ) : null,
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
        </>
      )}
      {d.roll && <RollCard roll={d.roll} unit={ind.unit} />}
      <Card title="各单位确认值">
        <Table
          rowKey={(r) => r.org.id}
          size="small"
          pagination={false}
          dataSource={series}
          scroll={{ x: 600 }}
          columns={[
            { title: '单位', dataIndex: ['org', 'name'], width: 180 },
            ...years.map((y) => ({ title: `${y}年`, key: String(y), width: 100, render: (_: unknown, r: (typeof series)[number]) => num(r.values.find((v) => v.year === y)?.value) })),
          ]}
        />
        <Space style={{ marginTop: 8 }}>
          <Typography.Text type="secondary">只列已确认的数据{series.some((s) => s.values.some((v) => v.demo)) ? '（演示数据）' : ''}。</Typography.Text>
        </Space>
      </Card>
      {reverting && (
        <RevertModal
          d={d}
          row={reverting}
          onClose={() => setReverting(null)}
          onSaved={(next) => {
            setD(next);
            setReverting(null);
          }}
        />
      )}
      <RaiseFromIndicator indicatorId={ind.id} manages={d.abilities.editTarget} units={series} raiseFor={d.abilities.raiseFor} />
      {editing && (
        <TargetModal
          d={d}
          row={editing}
          onClose={() => setEditing(null)}
          onSaved={(next) => {
            setD(next);
            setEditing(null);
          }}
        />
      )}
    </>
  );
}
