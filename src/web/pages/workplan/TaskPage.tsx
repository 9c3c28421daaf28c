/**
 * A supervised task (督办任务): its text, units and lights; the caller's unit signs (签收) and reports its part (the
 * lead writes the consolidated report and sees the sub-reports); the timeline of reports by period, returns with
 * reasons; extensions (asked by the lead before the deadline, decided by the office; the original deadline stays);
 * closure (asked by the lead, 销号 or 退回 by the office); 催办 and 督办单 for overdue reports.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useParams, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import * as api from '../../api/workplan';
import type { ReportView, TaskPage as TaskPageData, TaskRevision } from '../../api/workplan';
import Attachments from '../../components/Attachments';
import PageHeader from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';
import { formatDate, formatDateTime } from '../../lib/format';
import { useAction } from '../../lib/useAction';
import { PROGRESS_RULES } from '../../lib/forms';
import { joinClauses } from '../../../shared/text';
import { LATE_REASON_MIN, daysBetween, lateReasonAsk, lateReasonHint, leadText, stageWithNotices, supervisionEndedLine, ORDER_ISSUERS } from '../../../shared/workplan/rules';
import LightTag from './LightTag';
import MilestonesCard from './MilestonesCard';
import TaskEditModal from './TaskEditModal';
import { useCaretOnOpen } from '../../lib/useCaretOnOpen';

/** where the office's staff member who asked a request would decide it: why another of the office's staff decides */
function OwnRequest({ refusal }: { refusal: string | null }) {
  if (!refusal) return null;
  return (
    <Typography.Text type="secondary" data-testid="own-request" style={{ maxWidth: 220, display: 'inline-block' }}>
      {refusal}
    </Typography.Text>
  );
}

interface ReasonAsk {
  title: string;
  label: string;
  /** the request's field the text goes to (the server's problems are shown beside it) */
  field?: 'reason' | 'summary';
  optional?: boolean;
  withOriginal?: boolean;
  /** shown above the text: what to weigh before sending (an early 办结 request) */
  warning?: string;
  run: (reason: string, judgeAgainstOriginal: boolean) => Promise<TaskPageData>;
}

/** what the ask did, in the toast: its title (退回…, 同意延期, 申请办结) as done, not a bare "已提交" */
const doneText = (title: string) => `已${title}`;

const REPORT_FIELDS = ['progress', 'progressReason', 'lateReason', 'text', 'problems', 'nextSteps'] as const;

export default function TaskPage() {
  const id = Number(useParams().id);
  // a to-do opens the form on the period it names (?period=2026-H1)
  const asked = useSearchParams()[0].get('period');
  const [page, setPage] = useState<TaskPageData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [period, setPeriod] = useState<string | undefined>(undefined);
  const [ask, setAsk] = useState<ReasonAsk | null>(null);
  const [judge, setJudge] = useState(false);
  const [extOpen, setExtOpen] = useState(false);
  const [editOpen, setEditOpen] = useState(false);
  const [form] = Form.useForm();
  const [extForm] = Form.useForm();
  const [askForm] = Form.useForm();
  const caret = useCaretOnOpen();
  const extCaret = useCaretOnOpen();

  const load = useCallback(async () => {
    try {
      const p = await api.getTask(id);
      setPage(p);
      // without one asked for: the server's choice (the earliest period this unit still owes, else the next one due)
      setPeriod((cur) => cur ?? p.periods.find((x) => x.code === asked)?.code ?? p.reportPeriod ?? p.periods[p.periods.length - 1]?.code);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [id, asked]);
  useEffect(() => {
    void load();
  }, [load]);

  const issuedKinds = (r: { org: { id: number }; period: string }) => new Set((page?.notices ?? []).filter((n) => n.org.id === r.org.id && n.period === r.period).map((n) => n.kind));
  const mine = page && period ? page.reports.find((r) => r.period === period && page.myOrg && r.org.id === page.myOrg.id) : undefined;
  /**
   * The form shows the period's saved report when another report (a period, a first save) or another version of it
   * comes in; any other reload of the page (a 节点 added, a sub-report returned, 申请延期) leaves what is being typed as it is.
   */
  const shownReport = useRef<string | null>(null);
  useEffect(() => {
    const shown = `${period}:${mine?.id ?? ''}:${mine?.version ?? 0}`;
    if (shownReport.current === shown) return;
    shownReport.current = shown;
    form.setFieldsValue(mine ? { progress: mine.progress, progressReason: mine.progressReason, lateReason: mine.lateReason, text: mine.text, problems: mine.problems, nextSteps: mine.nextSteps } : { progress: null, progressReason: null, lateReason: null, text: '', problems: null, nextSteps: null });
  }, [period, mine, form]);

  const { busy, run, submitForm } = useAction<TaskPageData>(setPage);
  const { modal } = App.useApp();

  if (error) return <Alert type="error" showIcon message={error} />;
  if (!page) return <PageLoading />;
  const { task, abilities } = page;
  // the 逾期原因 the period's report gives: required once a 督办单 was issued to the unit, offered when past due (the server's rule)
  const shownPeriod = page.periods.find((p) => p.code === period);
  const myNotices = page.notices.filter((n) => n.org.id === page.myOrg?.id && n.period === period).map((n) => n.kind);
  const lateAsk = shownPeriod ? lateReasonAsk({ dueOn: shownPeriod.dueOn, today: page.plan.asOf, notices: myNotices }) : null;
  const lateRules = [...(lateAsk === 'required' ? [{ required: true, whitespace: true, message: '请填写逾期原因' }] : []), { min: LATE_REASON_MIN, message: `逾期原因至少${LATE_REASON_MIN}个字` }];

  /** whether the form shows the period's report as saved (blank and absent alike): nothing to save */
  const unchanged = () => {
    const shown = form.getFieldsValue(REPORT_FIELDS as unknown as string[]) as Record<string, unknown>;
    const same = (a: unknown, b: unknown) => (typeof a === 'string' ? a.trim() || null : (a ?? null)) === (typeof b === 'string' ? b.trim() || null : (b ?? null));
    return REPORT_FIELDS.every((k) => same(shown[k], mine?.[k]));
  };
  type ReportValues = { progress: number; progressReason?: string | null; lateReason?: string | null; text?: string; problems?: string | null; nextSteps?: string | null };
  const reportBody = (v: ReportValues) => ({ version: mine?.version ?? 0, progress: v.progress, progressReason: v.progressReason || null, lateReason: lateAsk ? v.lateReason?.trim() || null : null, text: v.text ?? '', problems: v.problems || null, nextSteps: v.nextSteps || null });
  const saveReport = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !period) return;
    await submitForm(form, REPORT_FIELDS, () => api.saveReport(task.id, period, reportBody(v)), '已保存，确认无误后请报送');
  };
  /**
   * Saves what the form shows where it differs from the saved report, then submits that report (as the rectification
   * page does): submitting the saved version alone dropped an edit made after 保存 without a word, and the form then
   * showed the old text again; saving an unchanged form wrote a version and a 保存 audit row of nothing.
   */
  const sendReport = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !period) return;
    const saved = mine && unchanged() ? mine : null;
    await submitForm(
      form,
      REPORT_FIELDS,
      async () => {
        if (saved) return api.submitReport(saved.id, saved.version);
        const after = await api.saveReport(task.id, period, reportBody(v));
        const r = after.reports.find((x) => x.period === period && x.org.id === after.myOrg?.id)!;
        return api.submitReport(r.id, r.version);
      },
      mine?.status === 'returned' ? '已修改并重新报送' : '已报送',
    );
  };

  /** another period: the form then shows that period's report, so an edit not yet saved is given up only when confirmed */
  const choosePeriod = (next: string) => {
    if (unchanged()) return setPeriod(next);
    const label = page.periods.find((p) => p.code === period)?.label ?? '本期';
    modal.confirm({
      title: `${label}进展的修改尚未保存`,
      content: '切换报送期次将放弃这些修改。要保留，请取消，先「保存」再切换。',
      okText: '放弃修改并切换',
      cancelText: '取消',
      onOk: () => setPeriod(next),
    });
  };

  const closureWaits = page.closureWaits;
  /**
   * a unit's latest report sent back (退回) and not reported again, where the caller may read it (its own unit, the
   * lead, the office): the page says 已退回 with the reason, as that unit's form and 待办 do, not 尚未报送
   */
  const returnedOf = (orgId: number) => page.reports.filter((r) => r.org.id === orgId && r.status === 'returned').sort((a, b) => (a.period < b.period ? -1 : 1)).at(-1);
  const returnedText = (r: ReportView) => `${r.periodLabel}进展已退回（退回理由：${r.returnReason}）`;
  const leadReturned = returnedOf(task.consolidator.id);

  return (
    <>
      <PageHeader
        names={{ '/workplan/tasks/:id': `第${task.number}项 ${task.title}` }}
        tags={
          <Space size={4}>
            <Tag>{task.statusLabel}</Tag>
            <LightTag light={task.light} />
          </Space>
        }
        extra={
          <Space>
            {abilities.edit && (
              <Button onClick={() => setEditOpen(true)} data-testid="task-edit">
                编辑
              </Button>
            )}
            {abilities.sign && page.myUnit && (
              <Button type="primary" loading={busy} onClick={() => run(() => api.signTask(task.id, page.myUnit!.version), '已签收')}>
                签收
              </Button>
            )}
            {abilities.askExtension && <Button onClick={() => setExtOpen(true)}>申请延期</Button>}
            {abilities.askClosure && (
              <Button disabled={closureWaits !== null} data-testid="ask-closure" onClick={() => setAsk({ title: '申请办结', label: '办结情况', field: 'summary', warning: task.progress !== null && task.progress < 100 ? `当前进度${task.progress}%，尚未达到100%：请确认任务确已完成，并在办结情况中写明。` : undefined, run: (s) => api.askClosure(task.id, task.version, s) })}>申请办结</Button>
            )}
          </Space>
        }
      />
      {abilities.askClosure && closureWaits && <Alert type="warning" showIcon data-testid="closure-waits" message={closureWaits} style={{ marginBottom: 16 }} />}
      {/* why 报送, 申请延期, 申请办结, 节点 and 催办 are gone (the server refuses them: supervisionEndedRefusal) */}
      {page.plan.ended && <Alert type="info" showIcon data-testid="supervision-ended" message={supervisionEndedLine(page.plan.supervisionEnd)} style={{ marginBottom: 16 }} />}
      <Card style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={3}>
          <Descriptions.Item label="所属部分">{`${task.part}、${task.partTitle}`}</Descriptions.Item>
          <Descriptions.Item label="牵头单位">{leadText(task)}</Descriptions.Item>
          <Descriptions.Item label="报送周期">{task.scheduleLabel}</Descriptions.Item>
          <Descriptions.Item label="办理期限">{task.deadline !== task.dueOn ? `${task.deadline}（已延期，原期限${task.dueOn}）` : task.dueOn}</Descriptions.Item>
          <Descriptions.Item label="进度">{task.progress === null ? (leadReturned ? `${returnedText(leadReturned)}，待重新报送` : '尚未报送') : task.status === 'closed' ? `${task.progress}%（已销号）` : `${task.progress}%（序时进度${task.light.expected}%）`}</Descriptions.Item>
          <Descriptions.Item label="承办单位">{task.unitsText || task.units.map((u) => `${u.org.name}（${u.roleLabel}）`).join('、')}</Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph style={{ marginTop: 8, whiteSpace: 'pre-wrap' }}>{task.text}</Typography.Paragraph>
        <Space size={[4, 4]} wrap>
          {task.units.map((u) => {
            const returned = returnedOf(u.org.id);
            return (
              <Tag key={u.org.id} color={u.role === 'lead' ? 'blue' : undefined}>
                {u.org.name}·{u.roleLabel}
                {u.signed ? '' : '（未签收）'}
                {returned && (
                  <Tooltip title={returnedText(returned)}>
                    <Typography.Text type="danger">（已退回）</Typography.Text>
                  </Tooltip>
                )}{' '}
                <LightTag light={u.light} flush />
              </Tag>
            );
          })}
        </Space>
      </Card>
      {page.revisions.length > 0 && <RevisionsCard revisions={page.revisions} />}
      <MilestonesCard page={page} run={run} busy={busy} />

      {abilities.report && (
        <Card data-testid="report-form" title={abilities.consolidate ? '报送汇总报告（可参阅下方各配合单位的分报告）' : '报送本单位进展（分报告）'} style={{ marginBottom: 16 }}>
          <Form form={form} layout="vertical" disabled={busy}>
            {/* where the unit starts correcting it, not at the foot beside 报送 */}
            {mine?.status === 'returned' && (
              <Alert type="error" showIcon data-testid="report-returned" style={{ marginBottom: 16 }} message={`${mine.periodLabel}进展已被退回，请修改后重新报送`} description={`退回理由：${mine.returnReason}`} />
            )}
            <Space align="start" wrap>
              <Form.Item label="报送期次">
                <Select id="report-period" style={{ width: 280 }} value={period} onChange={choosePeriod} options={page.periods.map((p) => ({ value: p.code, label: `${p.label}（${p.dueOn}前）` }))} />
              </Form.Item>
              <Form.Item name="progress" label="进度（%）" rules={PROGRESS_RULES}>
                <InputNumber style={{ width: 120 }} />
              </Form.Item>
              <Form.Item name="progressReason" label="下调原因（进度低于上次时必填）">
                <Input style={{ width: 360 }} />
              </Form.Item>
            </Space>
            {lateAsk && (
              <Form.Item
                name="lateReason"
                label="逾期原因"
                rules={lateRules}
                extra={shownPeriod && lateReasonHint({ ask: lateAsk, issuer: ORDER_ISSUERS.task, periodLabel: shownPeriod.label, dueOn: shownPeriod.dueOn })}
              >
                <Input.TextArea data-testid="report-late-reason" rows={2} />
              </Form.Item>
            )}
            <Form.Item name="text" label="工作进展" rules={[{ required: true, message: '请填写工作进展' }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
            <Form.Item name="problems" label="存在问题">
              <Input.TextArea rows={2} />
            </Form.Item>
            <Form.Item name="nextSteps" label="下一步计划">
              <Input.TextArea rows={2} />
            </Form.Item>
            <Form.Item label="附件（佐证材料）">
              <Attachments key={`${mine?.id}:${mine?.status}`} owner={mine ? { ownerType: 'work_report', ownerId: mine.id } : null} />
            </Form.Item>
            <Space>
              <Button data-testid="report-save" onClick={saveReport} loading={busy} disabled={mine?.status === 'submitted'}>
                保存
              </Button>
              {mine && mine.status !== 'submitted' && (
                <Button data-testid="report-submit" type="primary" loading={busy} onClick={sendReport}>
                  报送
                </Button>
              )}
              {mine?.status === 'submitted' && <Typography.Text type="secondary">本期已报送</Typography.Text>}
            </Space>
          </Form>
        </Card>
      )}

      <Card title="进展报告" style={{ marginBottom: 16 }}>
        <Table<ReportView>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={[...page.reports].sort((a, b) => (a.period === b.period ? Number(b.consolidated) - Number(a.consolidated) : a.period < b.period ? -1 : 1))}
          locale={{ emptyText: '暂无可查看的进展报告' }}
          expandable={{ expandedRowRender: (r) => <ReportBody r={r} /> }}
          columns={[
            { title: '期次', dataIndex: 'periodLabel', width: 130 },
            {
              title: '单位',
              render: (_: unknown, r) => (
                <Space size={4}>
                  {r.org.name}
                  {r.consolidated && <Tag color="blue">汇总</Tag>}
                  {r.lateReason && (
                    <Tooltip title={`逾期原因：${r.lateReason}`}>
                      <Tag color="orange">已说明逾期原因</Tag>
                    </Tooltip>
                  )}
                </Space>
              ),
            },
            { title: '进度', dataIndex: 'progress', width: 80, render: (v: number) => `${v}%` },
            { title: '状态', dataIndex: 'statusLabel', width: 90, render: (v: string, r) => <Tag color={r.status === 'returned' ? 'error' : r.status === 'submitted' ? 'success' : 'default'}>{v}</Tag> },
            { title: '报送时间', dataIndex: 'submittedAt', width: 150, render: (v: string | null) => formatDateTime(v) },
            {
              title: '操作',
              width: 90,
              render: (_: unknown, r) => {
                // the server's answer: offered as the return command would take it; while the task asks to close, why not
                if (!r.abilities.return && !r.returnRefusal) return null;
                return r.returnRefusal ? (
                  <Tooltip title={r.returnRefusal}>
                    <Button size="small" danger disabled>
                      退回
                    </Button>
                  </Tooltip>
                ) : (
                  <Button size="small" danger onClick={() => setAsk({ title: `退回${r.org.name}的${r.periodLabel}进展`, label: '退回理由', run: (s) => api.returnReport(r.id, r.version, s) })}>
                    退回
                  </Button>
                );
              },
            },
          ]}
        />
      </Card>

      {(page.extensions.length > 0 || page.closures.length > 0) && (
        <Card title="延期与办结" style={{ marginBottom: 16 }}>
          {page.extensions.map((e) => (
            <Alert
              key={`e${e.id}`}
              style={{ marginBottom: 8 }}
              type={e.status === 'approved' ? 'success' : e.status === 'refused' ? 'warning' : 'info'}
              message={`${e.org.name}${e.late ? '逾期后' : ''}申请延期：${e.fromDueOn} → ${e.newDueOn}（${e.statusLabel}）`}
              description={joinClauses([`理由：${e.reason}`, e.decisionReason && `审批意见：${e.decisionReason}`, e.judgeAgainstOriginal && (e.late ? `是否逾期仍按所误的期限${e.fromDueOn}判定` : '是否逾期仍按任务最初的办理期限判定')])}
              action={
                e.abilities.decide ? (
                  <Space direction="vertical">
                    <Button size="small" type="primary" onClick={() => setAsk({ title: '同意延期', label: '审批意见', optional: true, withOriginal: !e.late, warning: e.late ? `该申请在期限${e.fromDueOn}届满后提出（逾期申请延期）：同意后办理期限延至${e.newDueOn}，是否逾期仍按所误的期限${e.fromDueOn}判定。` : undefined, run: (s, j) => api.decideExtension(e.id, { version: e.version, approve: true, reason: s || undefined, judgeAgainstOriginal: e.late || j }) })}>
                      同意
                    </Button>
                    <Button size="small" danger onClick={() => setAsk({ title: '不同意延期', label: '理由', run: (s) => api.decideExtension(e.id, { version: e.version, approve: false, reason: s, judgeAgainstOriginal: false }) })}>
                      不同意
                    </Button>
                  </Space>
                ) : (
                  <OwnRequest refusal={e.decideRefusal} />
                )
              }
            />
          ))}
          {page.closures.map((c) => (
            <Alert
              key={`c${c.id}`}
              style={{ marginBottom: 8 }}
              type={c.status === 'accepted' ? 'success' : c.status === 'returned' ? 'warning' : 'info'}
              message={`${c.org.name}申请办结（${formatDate(c.createdAt)}，${c.statusLabel}）`}
              description={joinClauses([`办结情况：${c.summary}`, c.decisionReason && `审核意见：${c.decisionReason}`])}
              action={
                c.abilities.decide ? (
                  <Space direction="vertical">
                    <Popconfirm
                      title="确定销号？"
                      description={
                        task.progress === null
                          ? '注意：该任务尚无任何已报送的进展报告。销号后该任务办结，不再督办和报送，不能撤销。'
                          : task.progress < 100
                            ? `注意：最近报送的进度为${task.progress}%，尚未达到100%。销号后该任务办结，不再督办和报送，不能撤销。`
                            : '销号后该任务办结，不再督办和报送，不能撤销。'
                      }
                      okText="确定销号"
                      cancelText="取消"
                      onConfirm={() => run(() => api.decideClosure(c.id, { version: c.version, accept: true }), '已销号')}
                    >
                      <Button size="small" type="primary" loading={busy}>
                        销号
                      </Button>
                    </Popconfirm>
                    <Button size="small" danger onClick={() => setAsk({ title: '退回办结申请', label: '退回理由', run: (s) => api.decideClosure(c.id, { version: c.version, accept: false, reason: s }) })}>
                      退回
                    </Button>
                  </Space>
                ) : (
                  <OwnRequest refusal={c.decideRefusal} />
                )
              }
            />
          ))}
        </Card>
      )}

      {(page.notices.length > 0 || page.overdue.length > 0) && (
        <Card title="催办与督办">
          {page.notices.map((n) => (
            <Alert key={n.id} style={{ marginBottom: 8 }} type="warning" message={`${n.kindLabel} · ${n.org.name} · ${formatDate(n.issuedAt)}${n.replyBy ? ` · 请于${n.replyBy}前回复` : ''}`} description={<NoticeReply text={n.text} reply={n.kind === 'order' ? page.reports.find((r) => r.org.id === n.org.id && r.period === n.period && r.status === 'submitted') : undefined} />} />
          ))}
          {page.overdue.length > 0 && (
            <Table
              rowKey={(r) => `${r.org.id}:${r.period}`}
              size="small"
              pagination={false}
              dataSource={page.overdue}
              columns={[
                { title: '逾期未报送单位', render: (_: unknown, r) => r.org.name },
                { title: '期次', dataIndex: 'periodLabel', width: 130 },
                { title: '应报日期', dataIndex: 'dueOn', width: 120 },
                {
                  title: '阶段',
                  width: 160,
                  render: (_: unknown, r) => stageWithNotices(r, issuedKinds(r)),
                },
                {
                  title: '操作',
                  width: 180,
                  render: (_: unknown, r) => {
                    if (!abilities.notice) return null;
                    // each is issued once per unit and period (the server refuses a second one)
                    const sent = issuedKinds(r);
                    return (
                      <Space>
                        <Button size="small" disabled={sent.has('reminder') || sent.has('order')} onClick={() => run(() => api.issueNotice(task.id, { orgId: r.org.id, period: r.period, kind: 'reminder' }), '已催办')}>
                          {sent.has('reminder') ? '已催办' : '催办'}
                        </Button>
                        {/* a 督办单 is a formal document to the unit: confirmed, with what it says, before it goes */}
                        <Popconfirm
                          title={`向${r.org.name}下发督办单？`}
                          description={`${r.periodLabel}进展应于${formatDate(r.dueOn)}前报送，现已逾期${daysBetween(r.dueOn, page.plan.asOf)}天${sent.has('reminder') ? '' : '，尚未催办'}。督办单将要求其限期报送并说明逾期原因。`}
                          okText="下发"
                          cancelText="取消"
                          disabled={r.stage === 'reminder' || sent.has('order')}
                          onConfirm={() => run(() => api.issueNotice(task.id, { orgId: r.org.id, period: r.period, kind: 'order' }), '已下发督办单')}
                        >
                          <Button size="small" danger disabled={r.stage === 'reminder' || sent.has('order')}>
                            {sent.has('order') ? '已下发' : '督办单'}
                          </Button>
                        </Popconfirm>
                      </Space>
                    );
                  },
                },
              ]}
            />
          )}
        </Card>
      )}

      <Modal
        afterOpenChange={caret.afterOpenChange}
        open={ask !== null}
        title={ask?.title}
        confirmLoading={busy}
        destroyOnHidden
        onCancel={() => setAsk(null)}
        onOk={async () => {
          if (!ask) return;
          const field = ask.field ?? 'reason';
          const text = String(askForm.getFieldValue(field) ?? '').trim();
          // the server checks the text (its message shows beside the field); an optional one is left out when empty
          if (await submitForm(askForm, [field], () => ask.run(text, judge), doneText(ask.title))) {
            setAsk(null);
            setJudge(false);
          }
        }}
      >
        {ask?.warning && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={ask.warning} data-testid="ask-warning" />}
        <Form form={askForm} layout="vertical" preserve={false}>
          <Form.Item name={ask?.field ?? 'reason'} label={ask?.label} required={!ask?.optional}>
            <Input.TextArea ref={caret.ref} rows={3} />
          </Form.Item>
        </Form>
        {ask?.withOriginal && (
          <Checkbox style={{ marginTop: 8 }} checked={judge} onChange={(e) => setJudge(e.target.checked)}>
            是否逾期仍按任务最初的办理期限判定
          </Checkbox>
        )}
      </Modal>
      {abilities.edit && <TaskEditModal page={page} open={editOpen} onClose={() => setEditOpen(false)} submit={submitForm} busy={busy} reload={setPage} />}
      <Modal
        afterOpenChange={extCaret.afterOpenChange}
        open={extOpen}
        title="申请延期"
        confirmLoading={busy}
        onCancel={() => setExtOpen(false)}
        onOk={async () => {
          const v = await extForm.validateFields().catch(() => null);
          if (!v) return;
          if (await submitForm(extForm, ['newDueOn', 'reason'], () => api.askExtension(task.id, v.newDueOn.format('YYYY-MM-DD'), v.reason), '已提交延期申请')) setExtOpen(false);
        }}
      >
        <Form form={extForm} layout="vertical">
          <Typography.Paragraph type="secondary">
            {page.plan.asOf > task.deadline
              ? `现行期限${task.deadline}已过（逾期${daysBetween(task.deadline, page.plan.asOf)}天）：仍可申请延期，请写明逾期原因和延期理由；获批后是否逾期仍按所误的期限${task.deadline}判定，原期限留档。`
              : `现行期限${task.deadline}，请在期限届满前申请；原期限留档。`}
          </Typography.Paragraph>
          <Form.Item name="newDueOn" label="延期后日期" rules={[{ required: true, message: '请选择延期后日期' }]}>
            <DatePicker ref={extCaret.ref} />
          </Form.Item>
          <Form.Item name="reason" label="延期理由" rules={[{ required: true, message: '请填写延期理由' }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** 修改记录: each change of the published plan's task — the version, who, when, why and what changed */
function RevisionsCard({ revisions }: { revisions: TaskRevision[] }) {
  return (
    <Card title="修改记录（发布后的修改，每次记为新版本）" size="small" style={{ marginBottom: 16 }} data-testid="task-revisions">
      {revisions.map((r) => (
        <div key={r.revision} style={{ marginBottom: 12 }} data-testid="task-revision">
          <Typography.Text strong>{`第${r.revision}版 · ${r.by ?? '—'} · ${formatDateTime(r.createdAt)}`}</Typography.Text>
          <Typography.Paragraph style={{ margin: '4px 0' }}>修改原因：{r.reason}</Typography.Paragraph>
          <Table
            rowKey="field"
            size="small"
            pagination={false}
            dataSource={r.changes}
            locale={{ emptyText: '无内容变化' }}
            columns={[
              { title: '项目', dataIndex: 'label', width: 120 },
              { title: '修改前', dataIndex: 'before', render: (v: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{v}</span> },
              { title: '修改后', dataIndex: 'after', render: (v: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{v}</span> },
            ]}
          />
        </div>
      ))}
    </Card>
  );
}

function ReportBody({ r }: { r: ReportView }) {
  return (
    <Descriptions size="small" column={1}>
      <Descriptions.Item label="工作进展">{r.text}</Descriptions.Item>
      {r.progressReason && <Descriptions.Item label="下调原因">{r.progressReason}</Descriptions.Item>}
      {r.lateReason && <Descriptions.Item label="逾期原因">{r.lateReason}</Descriptions.Item>}
      {r.problems && <Descriptions.Item label="存在问题">{r.problems}</Descriptions.Item>}
      {r.nextSteps && <Descriptions.Item label="下一步计划">{r.nextSteps}</Descriptions.Item>}
      {r.returnReason && <Descriptions.Item label="退回理由">{r.returnReason}</Descriptions.Item>}
      <Descriptions.Item label="附件">
        <Attachments owner={{ ownerType: 'work_report', ownerId: r.id }} editable={false} />
      </Descriptions.Item>
    </Descriptions>
  );
}

/** a notice's text and, for a 督办单 the unit has answered (its report of the period submitted), the reply: when, and its 逾期原因 */
function NoticeReply({ text, reply }: { text: string; reply: ReportView | undefined }) {
  return (
    <>
      <div>{text}</div>
      {reply && (
        <div data-testid="notice-reply" style={{ marginTop: 4 }}>
          <Tag color="success">已回复</Tag>
          {`${formatDate(reply.submittedAt)}报送${reply.periodLabel}进展${reply.lateReason ? `，逾期原因：${reply.lateReason}` : ''}`}
        </div>
      )}
    </>
  );
}
