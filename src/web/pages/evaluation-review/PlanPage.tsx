/**
 * 评价工作方案 (seed 004 §10): the office drafts it — 合理缺项 with reasons (criteria of the round's sheet that allow
 * it), the way scores are combined, the 分歧 threshold, the review dates, the panel (experts from the pool, the team
 * leader, which items each scores: a checkbox per group that opens to its items) and the peer table of the rank
 * criteria (5.2.a) — and approves it once nothing blocks it (the server's `problems` show beside 批准). An approved
 * plan is revised as a new version with a reason. Leaders and experts read it; each expert declares 回避 on
 * their own row (无利害关系, or 需回避 with the relations).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, DatePicker, Descriptions, Empty, Form, Input, InputNumber, Modal, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { Link } from 'react-router-dom';
import type { ExpertView, PeerTableSummary, PlanBody, PlanPage, PlanView } from '../../../shared/contracts/evaluation';
import { COMBINE_METHOD_LABELS } from '../../../shared/evaluation/consolidate';
import type { Framework } from '../../../shared/scoring/framework-schema';
import { PLAN_SCHEDULE_FIELDS, planScheduleRefusal, RECUSAL_RELATIONS, SHEET_WORKFLOW } from '../../../shared/workflow/evaluation';
import { useAccess, useUser } from '../../access';
import { errorMessage } from '../../api/client';
import { approvePlan, declareRecusal, getPlan, listExperts, savePlan } from '../../api/evaluationReview';
import { listPeerTables } from '../../api/peer-tables';
import PageHeader from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';
import { chinaToday, formatDate } from '../../lib/format';
import { useCaretOnOpen } from '../../lib/useCaretOnOpen';
import { useLeaveWarning } from '../../lib/useLeaveWarning';
import { APPLICATION_CRUMB, applicationName, useApplicationAndSheet, useApplicationId } from './common';

type Member = PlanView['members'][number];
type Schedule = PlanView['schedule'];

const SHEET_LABELS: Record<Member['sheetStatus'], string> = { none: '未开始评分', ...SHEET_WORKFLOW.states };
const RECUSAL_COLORS: Record<Member['recusalStatus'], string> = { pending: 'gold', cleared: 'green', conflicted: 'red' };
const SCHEDULE_FIELDS: readonly (readonly [keyof Schedule, string])[] = PLAN_SCHEDULE_FIELDS;

/** The draft being edited (the body of PUT …/plan without version and reason). */
interface Draft {
  notApplicable: { key: string; reason: string }[];
  method: PlanBody['method'];
  threshold: string;
  schedule: Schedule;
  members: { expertId: number; leader: boolean; items: string[] }[];
  peers: Record<string, { code: string; name: string; value: number }[]>;
  /** the organiser's peer table (null: none, the peers above; undefined: the server picks the default for a first plan) */
  peerTableId?: number | null;
}

const draftOf = (plan: PlanView | null): Draft => ({
  notApplicable: plan?.notApplicable.map((n) => ({ key: n.key, reason: n.reason })) ?? [],
  method: plan?.method ?? 'mean',
  threshold: plan?.threshold ?? '0.3',
  schedule: plan?.schedule ?? { documentReviewStart: null, documentReviewEnd: null, siteReviewStart: null, siteReviewEnd: null },
  members: plan?.members.map((m) => ({ expertId: m.expert.id, leader: m.leader, items: [...m.items] })) ?? [],
  peers: plan?.peers ?? {},
  ...(plan ? { peerTableId: plan.peerTable?.id ?? null } : {}),
});

export default function PlanPage() {
  const { message } = App.useApp();
  const { can } = useAccess();
  const user = useUser();
  const id = useApplicationId();
  const { app, fw } = useApplicationAndSheet(id);
  const [page, setPage] = useState<PlanPage | undefined>(undefined);
  const plan = page?.plan;
  /** what the server lets the caller do (planAbilities: the organiser while the application is accepted or under review) */
  const may = page?.abilities ?? { edit: false, revise: false, approve: false, declare: false };
  const [error, setError] = useState<string | null>(null);
  const [pool, setPool] = useState<ExpertView[]>([]);
  const [peerTables, setPeerTables] = useState<PeerTableSummary[]>([]);
  /** editing: the draft and whether it is a new version of an approved plan */
  const [editing, setEditing] = useState<{ draft: Draft; newVersion: boolean } | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [declaring, setDeclaring] = useState<Member | null>(null);
  const manage = can('evaluation.manage');
  const isExpert = user.role === 'expert';
  const readsPlan = manage || isExpert || user.role === 'leader';

  const load = useCallback(async () => {
    if (!Number.isFinite(id)) return setError('申请编号无效');
    // the server shows the plan to the organiser, leaders and the panel only: others are told so without asking
    if (!readsPlan) return setError('评价工作方案只有评价组织单位、领导和评价组专家可以查看');
    try {
      setPage(await getPlan(id));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [id, readsPlan]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (manage) listExperts().then(setPool, () => undefined);
    if (manage) listPeerTables().then(setPeerTables, () => undefined);
  }, [manage]);

  // changes on the screen not yet saved: the draft edited, or a revision's reason typed
  const unsaved = !!editing && JSON.stringify(editing.draft) !== JSON.stringify(draftOf(plan ?? null));
  // closing or reloading the tab with them asks first, as the scoring grid and the 申报 form do
  useLeaveWarning(() => unsaved || (!!editing && reason.trim() !== ''));

  const names = { [APPLICATION_CRUMB]: applicationName(app) };
  if (error) {
    return (
      <div>
        <PageHeader names={names} />
        <Alert type="warning" showIcon message={error} />
      </div>
    );
  }
  if (plan === undefined || !fw) return <PageLoading />;

  const startEditing = (newVersion: boolean) => {
    setEditing({ draft: draftOf(plan), newVersion });
    setReason('');
    setSaveError(null);
  };
  // the office edits a draft straight away; an approved plan only through 修订为新版本 (the server's abilities)
  const draftEditable = may.edit;
  const current = editing ?? (draftEditable ? { draft: draftOf(plan), newVersion: false } : null);

  const save = async () => {
    if (!current) return;
    setBusy(true);
    try {
      const body: PlanBody = { version: current.newVersion || !plan ? null : plan.version, ...current.draft, ...(current.newVersion ? { reason } : {}) };
      setPage(await savePlan(id, body));
      setEditing(null);
      setSaveError(null);
      message.success(current.newVersion ? '已生成评价工作方案新版本（草稿）' : '评价工作方案已保存');
    } catch (err) {
      setSaveError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const approve = async () => {
    if (!plan) return;
    setBusy(true);
    try {
      setPage(await approvePlan(id, plan.version));
      setEditing(null);
      message.success('评价工作方案已批准');
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  /** the signed-in expert's own row still 待声明 (the server marks it), for 回避声明 while the server offers it (not once the 综合评价 is confirmed) */
  const isMine = (m: Member) => isExpert && may.declare && m.mine && m.recusalStatus === 'pending';

  return (
    <div>
      <PageHeader
        names={names}
        tags={plan && <Tag color={plan.status === 'approved' ? 'green' : plan.status === 'draft' ? 'blue' : 'default'} data-testid="plan-status">{`第${plan.versionNo}版 · ${plan.statusLabel}`}</Tag>}
        extra={
          manage && (
            <Space wrap>
              {may.revise && !editing && <Button onClick={() => startEditing(true)}>修订为新版本</Button>}
              {editing && <Button onClick={() => setEditing(null)}>放弃修改</Button>}
              {current && (
                <Button type={plan?.status === 'draft' ? 'default' : 'primary'} loading={busy} onClick={save} data-testid="save-plan">
                  {current.newVersion ? '保存为新版本草稿' : '保存草稿'}
                </Button>
              )}
              {/* 批准 approves the draft as saved: with changes on the screen not yet saved it would approve other dates,
                  experts or method than the page shows, and say 已批准 beside them */}
              {plan && may.approve && unsaved && (
                <Typography.Text type="warning" data-testid="plan-unsaved">
                  有未保存的修改，请先保存草稿再批准
                </Typography.Text>
              )}
              {plan && may.approve && (
                <Button type="primary" loading={busy} disabled={plan.problems.length > 0 || unsaved} onClick={approve} data-testid="approve-plan">
                  批准
                </Button>
              )}
            </Space>
          )
        }
      />
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {plan?.status === 'draft' && plan.problems.length > 0 && (
          <Alert
            type="warning"
            showIcon
            data-testid="plan-problems"
            message="还不能批准："
            description={
              <ul style={{ margin: 0, paddingLeft: 20 }}>
                {plan.problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            }
          />
        )}
        {plan?.status === 'draft' && plan.warnings.length > 0 && (
          <Alert type="info" showIcon data-testid="plan-warnings" message="批准前请核对：" description={plan.warnings.join('；')} />
        )}
        {saveError && <Alert type="error" showIcon message={saveError} role="alert" />}
        {!plan && !current && <Empty description="评价组织单位尚未制定评价工作方案" />}
        {/* the editor waits for the application: its round's year is the first day the dates may fall on */}
        {current && app ? (
          <PlanEditor
            year={app.round.year}
            fw={fw}
            pool={pool}
            peerTables={peerTables}
            draft={current.draft}
            newVersion={current.newVersion}
            reason={reason}
            onReason={setReason}
            onChange={(draft) => setEditing({ draft, newVersion: current.newVersion })}
          />
        ) : (
          plan && <PlanSummary plan={plan} />
        )}
        {plan && (
          <Card title="评价组" size="small">
            <MembersTable plan={plan} isMine={isMine} onDeclare={setDeclaring} />
          </Card>
        )}
      </Space>
      {plan && (
        <RecusalModal
          member={declaring}
          onClose={() => setDeclaring(null)}
          onSave={async (body) => {
            setPage(await declareRecusal(declaring!.id, { version: declaring!.version, ...body }));
            message.success('回避声明已提交');
            setDeclaring(null);
            void load();
          }}
        />
      )}
    </div>
  );
}

function PlanSummary({ plan }: { plan: PlanView }) {
  return (
    <Card size="small" title="方案内容">
      <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
        <Descriptions.Item label="版本">第{plan.versionNo}版</Descriptions.Item>
        <Descriptions.Item label="状态">{plan.statusLabel}</Descriptions.Item>
        {plan.reason && (
          <Descriptions.Item label="修订理由" span={2}>
            {plan.reason}
          </Descriptions.Item>
        )}
        <Descriptions.Item label="汇总方式">{plan.methodLabel}</Descriptions.Item>
        <Descriptions.Item label="分歧阈值">偏离平均分超过该项分值的{Math.round(Number(plan.threshold) * 1000) / 10}%</Descriptions.Item>
        {SCHEDULE_FIELDS.map(([k, label]) => (
          <Descriptions.Item key={k} label={label.replace('日期', '')}>
            {formatDate(plan.schedule[k])}
          </Descriptions.Item>
        ))}
        <Descriptions.Item label="批准时间">{formatDate(plan.approvedAt)}</Descriptions.Item>
        {plan.peerTable && (
          <Descriptions.Item label="同级比较表" span={2}>
            <Link to={`/evaluation/peer-tables/${plan.peerTable.id}`} data-testid="plan-peer-table">
              {plan.peerTable.title}
            </Link>
            {plan.status === 'approved' && <Typography.Text type="secondary">（批准时的数值副本）</Typography.Text>}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        合理缺项
      </Typography.Title>
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={plan.notApplicable}
        locale={{ emptyText: '无合理缺项' }}
        columns={[
          { title: '评分细则', render: (_, n) => `${n.key} ${n.title}` },
          { title: '分值', dataIndex: 'points' },
          { title: '理由', dataIndex: 'reason' },
        ]}
      />
      {Object.entries(plan.peers).map(([key, rows]) => (
        <div key={key}>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {key} 同级城市比较
          </Typography.Title>
          <Table
            size="small"
            rowKey="code"
            pagination={false}
            dataSource={rows}
            columns={[
              { title: '行政区划代码', dataIndex: 'code' },
              { title: '名称', dataIndex: 'name' },
              { title: '数值', dataIndex: 'value' },
            ]}
          />
        </div>
      ))}
    </Card>
  );
}

function MembersTable({ plan, isMine, onDeclare }: { plan: PlanView; isMine: (m: Member) => boolean; onDeclare: (m: Member) => void }) {
  const columns: ColumnsType<Member> = [
    {
      title: '姓名',
      key: 'name',
      render: (_, m) => (
        <Space size={4}>
          {m.expert.name}
          {m.leader && <Tag color="blue">组长</Tag>}
        </Space>
      ),
    },
    { title: '单位', key: 'org', render: (_, m) => `${m.expert.organisation}${m.expert.title ? `（${m.expert.title}）` : ''}` },
    { title: '专业领域', key: 'field', render: (_, m) => m.expert.field },
    { title: '评分项目', key: 'items', render: (_, m) => groupSummary(m.items) },
    {
      title: '回避',
      key: 'recusal',
      render: (_, m) => (
        <Space direction="vertical" size={2}>
          <Tag color={RECUSAL_COLORS[m.recusalStatus]}>{m.recusalLabel}</Tag>
          {m.recusal && m.recusal.relations.length > 0 && <Typography.Text type="secondary">{m.recusal.relations.map((r) => RECUSAL_RELATIONS[r] ?? r).join('；')}</Typography.Text>}
          {m.regionFlag && <Typography.Text type="warning">⚠ 所在单位位于申请单位辖区</Typography.Text>}
        </Space>
      ),
    },
    { title: '评分表', key: 'sheet', render: (_, m) => SHEET_LABELS[m.sheetStatus] },
    {
      title: '操作',
      key: 'op',
      render: (_, m) =>
        isMine(m) && m.recusalStatus === 'pending' && plan.status !== 'superseded' ? (
          <Button size="small" type={m.recusalStatus === 'pending' ? 'primary' : 'default'} onClick={() => onDeclare(m)} data-testid={`recusal-${m.id}`}>
            回避声明
          </Button>
        ) : null,
    },
  ];
  return <Table size="small" rowKey="id" pagination={false} columns={columns} dataSource={plan.members} scroll={{ x: 'max-content' }} data-testid="plan-members" />;
}

/** "1.1、1.2、2.1…" → "第 1、2 组（共 5 项）" style summary of assigned items */
function groupSummary(items: string[]): string {
  if (items.length === 0) return '未分配';
  const groups = [...new Set(items.map((c) => c.split('.')[0]))];
  return `第${groups.join('、')}组，共${items.length}项`;
}

function PlanEditor(p: { year: number; fw: Framework; pool: ExpertView[]; peerTables: PeerTableSummary[]; draft: Draft; newVersion: boolean; reason: string; onReason: (r: string) => void; onChange: (d: Draft) => void }) {
  const { fw, draft, onChange } = p;
  const naOptions = useMemo(
    () => fw.sections.flatMap((s) => s.items.flatMap((i) => i.criteria.filter((c) => c.notApplicable).map((c) => ({ value: `${i.code}.${c.code}`, label: `${i.code}.${c.code} ${c.title}（${c.points}分）` })))),
    [fw],
  );
  const rankKeys = useMemo(() => fw.sections.flatMap((s) => s.items.flatMap((i) => i.criteria.filter((c) => c.rule.type === 'rank').map((c) => `${i.code}.${c.code}`))), [fw]);
  const set = (patch: Partial<Draft>) => onChange({ ...draft, ...patch });
  const toDay = (v: string | null) => (v ? dayjs(v) : null);
  // the server's rule for the plan's dates (planScheduleRefusal): a day before the round's year or more than a year out is greyed
  const today = chinaToday().format('YYYY-MM-DD');
  const misdated = (k: keyof Schedule) => (d: Dayjs) => planScheduleRefusal({ [k]: d.format('YYYY-MM-DD') }, today, p.year) !== null;

  return (
    <Card size="small" title={p.newVersion ? '修订评价工作方案（保存后生成新版本草稿）' : '编辑评价工作方案'}>
      <Form layout="vertical">
        {p.newVersion && (
          <Form.Item label="修订理由" required>
            <Input.TextArea aria-label="修订理由" rows={2} value={p.reason} onChange={(e) => p.onReason(e.target.value)} maxLength={2000} placeholder="如：某专家声明回避，调整评价组" />
          </Form.Item>
        )}
        <Space wrap size="large">
          <Form.Item label="汇总方式">
            <Select
              aria-label="汇总方式"
              style={{ width: 380 }}
              value={draft.method}
              onChange={(method) => set({ method })}
              options={(Object.keys(COMBINE_METHOD_LABELS) as Draft['method'][]).map((m) => ({ value: m, label: COMBINE_METHOD_LABELS[m] }))}
            />
          </Form.Item>
          <Form.Item label="分歧阈值（偏离平均分超过该项分值的比例）">
            <InputNumber aria-label="分歧阈值" min={0} max={1} step={0.05} value={Number(draft.threshold)} onChange={(v) => set({ threshold: v === null ? '' : String(v) })} />
          </Form.Item>
        </Space>
        <Space wrap size="large">
          {SCHEDULE_FIELDS.map(([k, label]) => (
            <Form.Item key={k} label={label}>
              <DatePicker
                aria-label={label}
                value={toDay(draft.schedule[k])}
                disabledDate={misdated(k)}
                onChange={(d: Dayjs | null) => set({ schedule: { ...draft.schedule, [k]: d ? d.format('YYYY-MM-DD') : null } })}
              />
            </Form.Item>
          ))}
        </Space>
        <Form.Item label="合理缺项">
          <Select
            mode="multiple"
            aria-label="合理缺项"
            placeholder="选择合理缺项的评分细则"
            value={draft.notApplicable.map((n) => n.key)}
            options={naOptions}
            onChange={(keys: string[]) => set({ notApplicable: keys.map((key) => draft.notApplicable.find((n) => n.key === key) ?? { key, reason: '' }) })}
          />
          {draft.notApplicable.map((n) => (
            <Input
              key={n.key}
              style={{ marginTop: 8 }}
              addonBefore={`${n.key} 理由`}
              aria-label={`${n.key} 合理缺项理由`}
              value={n.reason}
              onChange={(e) => set({ notApplicable: draft.notApplicable.map((x) => (x.key === n.key ? { ...x, reason: e.target.value } : x)) })}
            />
          ))}
        </Form.Item>
        <MembersEditor fw={fw} pool={p.pool} members={draft.members} onChange={(members) => set({ members })} />
        {rankKeys.length > 0 && (
          <Form.Item label="同级比较表（排名类评分项按其排名计分）" extra="方案批准时保存所选比较表数值的副本，此后修改比较表不影响已批准的方案">
            <Select
              aria-label="同级比较表"
              style={{ width: 420 }}
              value={draft.peerTableId === undefined ? undefined : (draft.peerTableId ?? 0)}
              placeholder="默认：评价年度、与申请单位同级的比较表"
              onChange={(v: number) => set({ peerTableId: v === 0 ? null : v })}
              options={[...p.peerTables.map((t) => ({ value: t.id, label: `${t.title}（已填${t.filled}/${t.units}）` })), { value: 0, label: '不使用比较表（在方案中录入同级数据）' }]}
            />
          </Form.Item>
        )}
        {draft.peerTableId === null &&
          rankKeys.map((key) => <PeersEditor key={key} criterion={key} rows={draft.peers[key] ?? []} onChange={(rows) => set({ peers: { ...draft.peers, [key]: rows } })} />)}
      </Form>
    </Card>
  );
}

function MembersEditor(p: { fw: Framework; pool: ExpertView[]; members: Draft['members']; onChange: (m: Draft['members']) => void }) {
  const byId = new Map(p.pool.map((e) => [e.id, e]));
  const groups = p.fw.sections.map((s) => ({ code: s.code, title: s.title, items: s.items.map((i) => ({ code: i.code, title: i.title })) }));
  const update = (expertId: number, patch: Partial<Draft['members'][number]>) => p.onChange(p.members.map((m) => (m.expertId === expertId ? { ...m, ...patch } : m)));
  const columns: ColumnsType<Draft['members'][number]> = [
    { title: '专家', key: 'name', fixed: 'left', render: (_, m) => byId.get(m.expertId)?.name ?? `专家${m.expertId}` },
    {
      title: '组长',
      key: 'leader',
      render: (_, m) => <Radio aria-label={`${byId.get(m.expertId)?.name ?? ''} 组长`} checked={m.leader} onChange={() => p.onChange(p.members.map((x) => ({ ...x, leader: x.expertId === m.expertId })))} />,
    },
    ...groups.map((g) => ({
      title: <span title={g.title}>第{g.code}组</span>,
      key: `g-${g.code}`,
      render: (_: unknown, m: Draft['members'][number]) => {
        const has = g.items.filter((i) => m.items.includes(i.code)).length;
        return (
          <Checkbox
            aria-label={`${byId.get(m.expertId)?.name ?? ''} 第${g.code}组`}
            checked={has === g.items.length}
            indeterminate={has > 0 && has < g.items.length}
            onChange={(e) => {
              const others = m.items.filter((c) => !g.items.some((i) => i.code === c));
              update(m.expertId, { items: e.target.checked ? [...others, ...g.items.map((i) => i.code)] : others });
            }}
          />
        );
      },
    })),
    { title: '', key: 'remove', render: (_, m) => <Button size="small" type="link" danger onClick={() => p.onChange(p.members.filter((x) => x.expertId !== m.expertId))}>移出</Button> },
  ];
  return (
    <Form.Item label="评价组成员（勾选每名专家评分的组，展开可逐项调整）">
      <Select
        aria-label="添加专家"
        placeholder="从专家库添加专家"
        style={{ width: 360, marginBottom: 8 }}
        value={null}
        options={p.pool.filter((e) => !p.members.some((m) => m.expertId === e.id)).map((e) => ({ value: e.id, label: `${e.name}（${e.organisation}，${e.field}${e.region ? `，${e.region.name}` : ''}）` }))}
        onChange={(expertId: number) => p.onChange([...p.members, { expertId, leader: p.members.length === 0, items: [] }])}
      />
      <Table
        size="small"
        rowKey="expertId"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={p.members}
        columns={columns}
        locale={{ emptyText: '请从专家库添加专家' }}
        expandable={{
          expandedRowRender: (m) => (
            <Space direction="vertical" style={{ width: '100%' }}>
              {groups.map((g) => (
                <Checkbox.Group
                  key={g.code}
                  value={m.items.filter((c) => g.items.some((i) => i.code === c))}
                  onChange={(vals) => update(m.expertId, { items: [...m.items.filter((c) => !g.items.some((i) => i.code === c)), ...(vals as string[])] })}
                  options={g.items.map((i) => ({ value: i.code, label: <span title={i.title}>{i.code}</span> }))}
                />
              ))}
            </Space>
          ),
        }}
      />
    </Form.Item>
  );
}

function PeersEditor(p: { criterion: string; rows: { code: string; name: string; value: number }[]; onChange: (rows: { code: string; name: string; value: number }[]) => void }) {
  const set = (i: number, patch: Partial<{ code: string; name: string; value: number }>) => p.onChange(p.rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <Form.Item label={`${p.criterion} 同级城市比较数据（按排名计分）`}>
      <Space direction="vertical">
        {p.rows.map((r, i) => (
          <Space key={i}>
            <Input aria-label={`同级城市${i + 1}行政区划代码`} placeholder="行政区划代码" value={r.code} onChange={(e) => set(i, { code: e.target.value })} style={{ width: 140 }} />
            <Input aria-label={`同级城市${i + 1}名称`} placeholder="名称" value={r.name} onChange={(e) => set(i, { name: e.target.value })} style={{ width: 160 }} />
            <InputNumber aria-label={`同级城市${i + 1}数值`} placeholder="数值" value={r.value} onChange={(v) => set(i, { value: v ?? 0 })} />
            <Button type="link" danger onClick={() => p.onChange(p.rows.filter((_, j) => j !== i))}>
              删除
            </Button>
          </Space>
        ))}
        <Button size="small" onClick={() => p.onChange([...p.rows, { code: '', name: '', value: 0 }])}>
          添加同级城市
        </Button>
      </Space>
    </Form.Item>
  );
}

function RecusalModal(p: { member: Member | null; onClose: () => void; onSave: (body: { conflict: boolean; relations: string[]; statement: string }) => Promise<void> }) {
  const [conflict, setConflict] = useState<boolean | null>(null);
  const [relations, setRelations] = useState<string[]>([]);
  const [statement, setStatement] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const caret = useCaretOnOpen();
  useEffect(() => {
    if (p.member) {
      setConflict(p.member.recusalStatus === 'pending' ? null : p.member.recusalStatus === 'conflicted');
      setRelations(p.member.recusal?.relations ?? []);
      setStatement(p.member.recusal?.statement ?? '');
      setError(null);
    }
  }, [p.member]);
  return (
    <Modal
      afterOpenChange={caret.afterOpenChange}
      title="回避声明"
      open={!!p.member}
      okText="提交声明"
      cancelText="取消"
      confirmLoading={busy}
      onCancel={p.onClose}
      onOk={async () => {
        if (conflict === null) return setError('请说明是否存在需回避的情形');
        setBusy(true);
        try {
          await p.onSave({ conflict, relations: conflict ? relations : [], statement });
        } catch (err) {
          setError(errorMessage(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Radio.Group ref={caret.groupRef} value={conflict} onChange={(e) => setConflict(e.target.value as boolean)} aria-label="是否需回避">
          <Radio value={false}>无利害关系</Radio>
          <Radio value={true}>需回避</Radio>
        </Radio.Group>
        {conflict && (
          <Checkbox.Group
            style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
            value={relations}
            onChange={(v) => setRelations(v as string[])}
            options={Object.entries(RECUSAL_RELATIONS).map(([value, label]) => ({ value, label }))}
          />
        )}
        <Input.TextArea aria-label="声明" rows={3} value={statement} onChange={(e) => setStatement(e.target.value)} placeholder={conflict ? '说明需回避的具体情况' : '如：本人与申请单位无利害关系'} maxLength={2000} />
        {error && <Alert type="error" showIcon message={error} role="alert" />}
      </Space>
    </Modal>
  );
}
