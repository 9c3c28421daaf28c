/**
 * One 整改事项: where it came from (a link back to its source), the owner, the deadline in force and the light of the
 * two clocks, the timeline of progress reports, 催办 / 督办单, extensions and closure requests. The owner writes a
 * report as a draft (with files), submits it, asks for an extension (before the deadline) or for closure; the raiser
 * escalates, decides and may send the latest report back (退回) with a reason the owner sees above its form.
 */
import { useCallback, useEffect, useState } from 'react';
import { pendingExtensionLine } from './extensionLine';
import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Popconfirm, Space, Tag, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import Attachments from '../../components/Attachments';
import { errorMessage } from '../../api/client';
import * as api from '../../api/rectification';
import type { RectificationItemView } from '../../api/rectification';
import PageHeader from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';
import { formatDate, formatDateTime } from '../../lib/format';
import { useAction } from '../../lib/useAction';
import { PROGRESS_RULES } from '../../lib/forms';
import { LATE_REASON_MIN, stageWithNotices } from '../../../shared/workplan/rules';
import { bareClause, joinClauses } from '../../../shared/text';
import { ItemLight, StatusTag } from './common';
import { useCaretOnOpen } from '../../lib/useCaretOnOpen';

interface Ask {
  title: string;
  label: string;
  optional?: boolean;
  run: (text: string) => Promise<RectificationItemView>;
}
const REPORT_FIELDS = ['progress', 'progressReason', 'lateReason', 'text', 'problems', 'nextSteps'] as const;

/** a report's text, 下调原因, 逾期原因, 存在问题 and 下一步 as one sentence (each part's own closing 。 dropped, so no "。；") */
function reportLine(r: { text: string; progressReason: string | null; lateReason: string | null; problems: string | null; nextSteps: string | null }): string {
  return `${bareClause(r.text)}${r.progressReason ? `（下调原因：${bareClause(r.progressReason)}）` : ''}${r.lateReason ? `；逾期原因：${bareClause(r.lateReason)}` : ''}${r.problems ? `；存在问题：${bareClause(r.problems)}` : ''}${r.nextSteps ? `；下一步：${bareClause(r.nextSteps)}` : ''}。`;
}

export default function RectificationPage() {
  const id = Number(useParams().id);
  const [item, setItem] = useState<RectificationItemView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [ask, setAsk] = useState<Ask | null>(null);
  const [text, setText] = useState('');
  const [extOpen, setExtOpen] = useState(false);
  const [form] = Form.useForm();
  const [extForm] = Form.useForm();
  const caret = useCaretOnOpen();
  const extCaret = useCaretOnOpen();
  const load = useCallback(async () => {
    try {
      setItem(await api.getRectification(id));
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);

  const { busy, run, submitForm } = useAction<RectificationItemView>(setItem);
  const open = item?.reports.find((r) => r.status === 'draft' || r.status === 'returned');
  // the form shows the report being written or corrected, as saved
  useEffect(() => {
    if (open) form.setFieldsValue({ progress: open.progress, progressReason: open.progressReason, lateReason: open.lateReason, text: open.text, problems: open.problems, nextSteps: open.nextSteps });
    else form.resetFields();
  }, [form, open?.id, open?.version]); // eslint-disable-line react-hooks/exhaustive-deps
  if (error) return <Alert type="error" showIcon message={error} />;
  if (!item) return <PageLoading />;
  const ab = item.abilities;
  const pendingExt = item.extensions.find((e) => e.status === 'pending');
  const pendingClosure = item.closures.find((c) => c.status === 'pending');
  const esc = item.escalation;

  // the 逾期原因 is sent only when the month asks for one (abilities.lateReason, the server's rule)
  const reportBody = (v: api.ReportFields) => ({ version: open?.version ?? 0, ...v, lateReason: ab.lateReason ? v.lateReason?.trim() || null : null });
  const saveDraft = async () => {
    const v = await form.validateFields().catch(() => null);
    if (v) await submitForm(form, REPORT_FIELDS, () => api.saveReport(item.id, reportBody(v)), '草稿已保存');
  };
  /** saves what the form shows, then submits that report; the form is emptied once it is in */
  const submitReport = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const sent = await submitForm(
      form,
      REPORT_FIELDS,
      async () => {
        const saved = await api.saveReport(item.id, reportBody(v));
        const mine = saved.reports.find((r) => r.status === 'draft' || r.status === 'returned')!;
        try {
          return await api.submitReport(item.id, mine.id, mine.version);
        } catch (err) {
          // the text is in, the report is not: the page takes the saved version, so the next click sends it (it was
          // refused 409 as another window's change, having saved again at the version the page opened with)
          setItem(saved);
          throw new Error(`整改进展已保存，但未能报送：${errorMessage(err)}`);
        }
      },
      open?.status === 'returned' ? '已修改并重新报送' : '整改进展已报送',
    );
    // a report sent without a saved draft leaves no draft for the effect above to follow (open stays undefined)
    if (sent) form.resetFields();
  };
  const back = item.reports.find((r) => r.id === ab.returnReportId);

  return (
    <>
      <PageHeader names={{ '/rectifications/:id': item.title }} tags={<Space size={4}><StatusTag item={item} /><ItemLight item={item} expected={item.expected} /></Space>} />
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Card size="small">
          <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered labelStyle={{ whiteSpace: 'nowrap' }}>
            <Descriptions.Item label="来源">
              <Tag>{item.source.typeLabel}</Tag> <Link to={item.source.path}>{item.source.label}</Link>
            </Descriptions.Item>
            <Descriptions.Item label="责任单位">{item.owner.name}</Descriptions.Item>
            <Descriptions.Item label="提出单位">{item.raisedBy.name}</Descriptions.Item>
            {/* a date never breaks inside (「2026-」/「10-17」 at 1366 px, beside a long 整改期限): the note after it may */}
            <Descriptions.Item label="整改期限">
              <span style={{ whiteSpace: 'nowrap' }}>{formatDate(item.deadline)}</span>
              {item.deadline !== item.dueOn && <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>（原期限{formatDate(item.dueOn)}）</Typography.Text>}
            </Descriptions.Item>
            <Descriptions.Item label="督办起始" contentStyle={{ whiteSpace: 'nowrap' }}>{formatDate(item.startedOn)}</Descriptions.Item>
            <Descriptions.Item label="进度">{item.progress === null ? '尚未报送' : item.status === 'closed' ? `${item.progress}%（已销号）` : `${item.progress}%（序时进度${item.expected}%）`}</Descriptions.Item>
            <Descriptions.Item label="整改要求" span={2}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-line', marginBottom: 0 }}>{item.detail}</Typography.Paragraph>
            </Descriptions.Item>
            {item.answer && <Descriptions.Item label="答复的整改情况" span={2}>{item.answer}</Descriptions.Item>}
            {item.reasons.length > 0 && <Descriptions.Item label="提示" span={2}>{item.reasons.join('；')}</Descriptions.Item>}
          </Descriptions>
          {esc && (
            <Alert
              style={{ marginTop: 12 }}
              type={esc.stage === 'due' ? 'info' : 'warning'}
              showIcon
              message={`${esc.periodLabel}整改进展应于${formatDate(esc.dueOn)}前报送：${stageWithNotices(esc, new Set(esc.notice ? [esc.notice] : []))}`}
              action={
                ab.notice && esc.stage !== 'due' ? (
                  <Space>
                    {esc.notice === null && <Button size="small" loading={busy} onClick={() => run(() => api.issueNotice(item.id, { version: item.version, kind: 'reminder' }), '已催办')}>催办</Button>}
                    {esc.stage !== 'reminder' && esc.notice !== 'order' && (
                      <Button size="small" danger loading={busy} onClick={() => run(() => api.issueNotice(item.id, { version: item.version, kind: 'order' }), '已下发督办单')}>
                        下发督办单
                      </Button>
                    )}
                  </Space>
                ) : undefined
              }
            />
          )}
        </Card>

        {(ab.decide && (pendingExt || pendingClosure)) && (
          <Card size="small" title="待审核">
            <Space direction="vertical" style={{ width: '100%' }}>
              {pendingExt && (
                <Space wrap>
                  <span>{pendingExtensionLine(pendingExt)}</span>
                  <Button type="primary" size="small" loading={busy} onClick={() => run(() => api.decideExtension(item.id, { extensionId: pendingExt.id, version: pendingExt.version, approve: true }), '已同意延期')}>同意延期</Button>
                  <Button size="small" onClick={() => { setText(''); setAsk({ title: '不同意延期', label: '审批意见', run: (reason) => api.decideExtension(item.id, { extensionId: pendingExt.id, version: pendingExt.version, approve: false, reason }) }); }}>不同意</Button>
                </Space>
              )}
              {pendingClosure && (
                <Space wrap>
                  <span>{`销号申请：${pendingClosure.summary}`}</span>
                  <Popconfirm
                    title="确定销号？"
                    description="销号后该整改事项办结，不再督办和报送，不能撤销。"
                    okText="确定销号"
                    cancelText="取消"
                    onConfirm={() => run(() => api.decideClosure(item.id, { closureId: pendingClosure.id, version: pendingClosure.version, accept: true }), '已销号')}
                  >
                    <Button type="primary" size="small" loading={busy}>销号</Button>
                  </Popconfirm>
                  <Button size="small" danger onClick={() => { setText(''); setAsk({ title: '退回销号申请', label: '退回理由', run: (reason) => api.decideClosure(item.id, { closureId: pendingClosure.id, version: pendingClosure.version, accept: false, reason }) }); }}>退回</Button>
                </Space>
              )}
            </Space>
          </Card>
        )}

        {(ab.report || ab.reportWaits || ab.askExtension || ab.askClosure) && (
          <Card size="small" title={open?.status === 'returned' ? `修改被退回的整改进展（${open.periodLabel}）` : open ? `整改进展（草稿${open.periodLabel ? `，${open.periodLabel}` : ''}）` : ab.reportPeriod ? `报送${ab.reportPeriod}整改进展` : '报送整改进展'} data-testid="report-form" extra={<Space>
            {ab.askExtension && <Button size="small" onClick={() => setExtOpen(true)}>申请延期</Button>}
            {ab.askClosure && <Button size="small" type="primary" ghost disabled={ab.closureWaits !== null} data-testid="ask-closure" onClick={() => { setText(''); setAsk({ title: '申请销号', label: '整改完成情况', run: (summary) => api.askClosure(item.id, { version: item.version, summary }) }); }}>申请销号</Button>}
          </Space>}>
            {open?.status === 'returned' && (
              <Alert style={{ marginBottom: 12 }} type="warning" showIcon message={`该进展报告已被退回：${open.returnReason ?? ''}`} description="请按退回理由修改后重新报送。" data-testid="report-returned" />
            )}
            {ab.closureWaits && <Alert style={{ marginBottom: 12 }} type="warning" showIcon message={ab.closureWaits} data-testid="closure-waits" />}
            {/* every month begun is reported: when the next may be written, or what to ask for after the deadline */}
            {ab.reportWaits && <Alert type="info" showIcon message={ab.reportWaits} data-testid="report-waits" />}
            {ab.report && <Form form={form} layout="vertical" style={{ maxWidth: 720 }} disabled={busy}>
              <Form.Item name="progress" label="整改进度（%）" rules={PROGRESS_RULES}>
                <InputNumber style={{ width: 160 }} />
              </Form.Item>
              <Form.Item name="progressReason" label="下调原因（进度低于上次时必填）">
                <Input />
              </Form.Item>
              {ab.lateReason && (
                <Form.Item
                  name="lateReason"
                  label="逾期原因"
                  rules={[...(ab.lateReason === 'required' ? [{ required: true, whitespace: true, message: '请填写逾期原因' }] : []), { min: LATE_REASON_MIN, message: `逾期原因至少${LATE_REASON_MIN}个字` }]}
                  extra={ab.lateReasonHint}
                >
                  <Input.TextArea data-testid="report-late-reason" rows={2} />
                </Form.Item>
              )}
              <Form.Item name="text" label="工作进展" rules={[{ required: true, min: 5, message: '工作进展至少5个字' }]}>
                <Input.TextArea rows={3} />
              </Form.Item>
              <Form.Item name="problems" label="存在问题">
                <Input.TextArea rows={2} />
              </Form.Item>
              <Form.Item name="nextSteps" label="下一步计划">
                <Input.TextArea rows={2} />
              </Form.Item>
              <Form.Item label="附件（佐证材料）">
                <Attachments key={`${open?.id}:${open?.status}`} owner={open ? { ownerType: 'rectification_report', ownerId: open.id } : null} />
              </Form.Item>
              <Space>
                <Button loading={busy} onClick={saveDraft}>保存草稿</Button>
                <Button type="primary" loading={busy} onClick={submitReport}>{open?.status === 'returned' ? '重新报送' : '报送'}</Button>
                {open && <Typography.Text type="secondary">{`${open.statusLabel}，保存于${formatDateTime(open.updatedAt ?? '')}`}</Typography.Text>}
              </Space>
            </Form>}
          </Card>
        )}

        <Card size="small" title="督办记录">
          <Timeline
            items={[
              ...item.reports
                .filter((r) => r.submittedAt !== null)
                .map((r) => ({
                  at: r.submittedAt ?? '',
                  color: r.status === 'returned' ? 'red' : 'blue',
                  children: (
                    <div data-testid={`report-${r.id}`}>
                      <b>{`${r.periodLabel}进展${r.progress}%`}</b>
                      {r.status === 'returned' && <Tag color="error" style={{ marginLeft: 8 }}>已退回</Tag>}（{formatDateTime(r.submittedAt ?? '')}）：{reportLine(r)}
                      {r.returnReason && <div><Typography.Text type={r.status === 'returned' ? 'danger' : 'secondary'}>{`退回理由：${r.returnReason}`}</Typography.Text></div>}
                      {r.status === 'submitted' && <Attachments owner={{ ownerType: 'rectification_report', ownerId: r.id }} editable={false} />}
                      {back?.id === r.id && (
                        <Button size="small" danger style={{ marginTop: 4 }} onClick={() => { setText(''); setAsk({ title: '退回整改进展', label: '退回理由', run: (reason) => api.returnReport(item.id, r.id, { version: r.version, reason }) }); }}>
                          退回
                        </Button>
                      )}
                    </div>
                  ),
                })),
              ...item.notices.map((n) => ({ at: n.issuedAt, color: 'red', children: <><b>{n.kindLabel}</b>（{formatDateTime(n.issuedAt)}）：{n.text}{n.replyBy ? `（请于${formatDate(n.replyBy)}前回复）` : ''}<NoticeReply reply={n.kind === 'order' ? item.reports.find((r) => r.period === n.period && r.status === 'submitted') : undefined} /></> })),
              ...item.extensions.map((e) => ({ at: e.createdAt, color: 'orange', children: <><b>{e.late ? '逾期后申请延期' : '延期申请'} · {e.statusLabel}</b>（{formatDateTime(e.createdAt)}）：{formatDate(e.fromDueOn)} → {formatDate(e.newDueOn)}，{joinClauses([e.reason, e.decisionReason && `审批意见：${e.decisionReason}`])}</> })),
              ...item.closures.map((c) => ({ at: c.createdAt, color: c.status === 'accepted' ? 'green' : 'gray', children: <><b>销号申请 · {c.statusLabel}</b>（{formatDateTime(c.createdAt)}）：{joinClauses([c.summary, c.decisionReason && `退回理由：${c.decisionReason}`])}</> })),
            ]
              .sort((a, b) => a.at.localeCompare(b.at))
              .map(({ color, children }) => ({ color, children }))}
          />
          {!item.reports.length && !item.notices.length && !item.extensions.length && !item.closures.length && <Typography.Text type="secondary">尚无记录</Typography.Text>}
        </Card>
      </Space>

      <Modal
        afterOpenChange={caret.afterOpenChange}
        open={ask !== null}
        title={ask?.title}
        okText="确定"
        cancelText="取消"
        confirmLoading={busy}
        onCancel={() => setAsk(null)}
        onOk={async () => {
          if (ask && (await run(() => ask.run(text), `${ask.title}：已完成`))) setAsk(null);
        }}
      >
        <Form layout="vertical">
          <Form.Item label={ask?.label}>
            <Input.TextArea ref={caret.ref} rows={4} value={text} onChange={(e) => setText(e.target.value)} aria-label={ask?.label} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        afterOpenChange={extCaret.afterOpenChange}
        open={extOpen}
        title="申请延期"
        okText="提交"
        cancelText="取消"
        confirmLoading={busy}
        onCancel={() => setExtOpen(false)}
        onOk={async () => {
          const v = await extForm.validateFields().catch(() => null);
          if (v && (await run(() => api.askExtension(item.id, { newDueOn: v.newDueOn.format('YYYY-MM-DD'), reason: v.reason }), '延期申请已提交'))) {
            setExtOpen(false);
            extForm.resetFields(); // the next request starts blank, not with this one's date and reason
          }
        }}
      >
        <Form form={extForm} layout="vertical">
          <Form.Item name="newDueOn" label="延期至" rules={[{ required: true, message: '请选择延期后的日期' }]}>
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

/** the owner's reply to a 督办单: the month's report in, when, and the 逾期原因 it gave */
function NoticeReply({ reply }: { reply: RectificationItemView['reports'][number] | undefined }) {
  if (!reply) return null;
  return (
    <div data-testid="notice-reply" style={{ marginTop: 4 }}>
      <Tag color="success">已回复</Tag>
      {`${formatDate(reply.submittedAt)}报送${reply.periodLabel}进展${reply.lateReason ? `，逾期原因：${reply.lateReason}` : ''}`}
    </div>
  );
}
