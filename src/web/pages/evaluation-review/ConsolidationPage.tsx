/**
 * 综合评价 (seed 004 §11.4): per item each expert's score (named from `experts`), the mean, the spread, ⚠ 分歧
 * where an expert is further from the mean than the plan's threshold, the team leader's agreed score with its
 * reason (struck through, 须重新确定, when an expert's score changed after it: consolidate's staleAgreed), and the
 * figure that counts; the total, the pass mark and the experts still to submit. The team leader sees
 * 确定得分 and 确认综合评价 while the application is under review (the view's abilities: the server's own checks),
 * and why it cannot confirm yet (the on-site review not begun, an expert yet to submit, an item to settle). The
 * applicant sees the confirmed result once the office has fed it back (反馈评价报告), without the experts' scores (the
 * server strips them), and under each item that lost points the experts' opinions as the 评价报告 prints them.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { AGREED_REASON_LABEL, AGREED_REASON_MIN } from '../../../shared/contracts/evaluation';
import type { ItemConsolidation } from '../../../shared/evaluation/consolidate';
import { useUser } from '../../access';
import { ApiError, errorMessage } from '../../api/client';
import { confirmConsolidation, getApplication, getConsolidation, setAgreed, withdrawAgreed, type ConsolidationResponse } from '../../api/evaluationReview';
import PageHeader from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';
import { APPLICATION_CRUMB, applicationName, useApplicationAndSheet, useApplicationId } from './common';
import ItemEvidence from './ItemEvidence';
import { useCaretOnOpen } from '../../lib/useCaretOnOpen';

export default function ConsolidationPage() {
  const { message } = App.useApp();
  const user = useUser();
  const id = useApplicationId();
  const { app } = useApplicationAndSheet(id, false);
  const [data, setData] = useState<ConsolidationResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [agreeing, setAgreeing] = useState<ItemConsolidation | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmedNow, setConfirmedNow] = useState(false);

  const load = useCallback(async () => {
    if (!Number.isFinite(id)) return setError('申请编号无效');
    // what the server refuses is said without asking: member departments never see it, the applicant only the confirmed result
    if (user.role === 'department') return setError('综合评价只有评价组织单位、领导和评价组专家可以查看');
    try {
      // the applicant's result comes with the office's 反馈评价报告 (the application's result is null until then)
      if (user.role === 'unit' && !(await getApplication(id)).result) return setError('评价组织单位反馈评价报告后，申请单位可查看评价结果');
      setData(await getConsolidation(id));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [id, user.role]);
  useEffect(() => {
    void load();
  }, [load]);

  const names = { [APPLICATION_CRUMB]: applicationName(app) };
  if (error) {
    return (
      <div>
        <PageHeader names={names} />
        <Alert type="warning" showIcon message={error} />
      </div>
    );
  }
  if (!data) return <PageLoading />;
  const c = data.consolidation;
  const confirmed = !!app?.result || confirmedNow;
  // the team leader's acts, as the server allows them now (leaderActRefusal, confirmRefusal)
  const leads = data.abilities.agree && !confirmed;
  // the experts who have scored something (the pending ones are listed above the table)
  const expertIds = Object.keys(data.experts).filter((eid) => c?.items.some((i) => i.scores.some((s) => s.expert === eid)));

  const confirm = async () => {
    setBusy(true);
    try {
      // at the version this page shows: an agreed score set meanwhile in another window is a 409, not confirmed unseen
      await confirmConsolidation(id, data!.version);
      message.success('综合评价已确认');
      setConfirmedNow(true);
      await load();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const columns: ColumnsType<ItemConsolidation> = [
    // the item and the adopted score stay in view while the experts' columns scroll (a panel of 5–7 experts is wider
    // than a laptop's window); the agreed score's reason wraps in its own width
    { title: '项目', key: 'item', render: (_, i) => `${i.code} ${i.title}`, width: 260, fixed: 'left' },
    { title: '分值', key: 'points', render: (_, i) => (i.maximum !== i.points ? `${i.maximum}（原${i.points}）` : i.points) },
    ...expertIds.map((eid) => ({
      title: data.experts[eid],
      key: `e-${eid}`,
      render: (_: unknown, i: ItemConsolidation) => {
        const s = i.scores.find((x) => x.expert === eid);
        if (!s) return <Typography.Text type="secondary">—</Typography.Text>;
        return i.outliers.includes(eid) ? <Typography.Text type="warning">{s.score}</Typography.Text> : s.score;
      },
    })),
    ...(expertIds.length
      ? [
          { title: '平均分', key: 'mean', render: (_: unknown, i: ItemConsolidation) => i.mean ?? '—' },
          { title: '极差', key: 'spread', render: (_: unknown, i: ItemConsolidation) => i.spread ?? '—' },
          {
            title: '标记',
            key: 'flag',
            render: (_: unknown, i: ItemConsolidation) => (
              <Space size={4} wrap>
                {i.flagged && <Tag color="orange">⚠ 分歧</Tag>}
                {i.open && <Tag color="red">待组长确定</Tag>}
                {i.underScored && <Tag>评分专家不足2名</Tag>}
              </Space>
            ),
          },
        ]
      : []),
    {
      title: '组长确定得分',
      key: 'agreed',
      width: 280,
      render: (_, i) =>
        i.agreed ? (
          <span>
            {i.agreed.score}分<br />
            <Typography.Text type="secondary">{i.agreed.reason}</Typography.Text>
          </span>
        ) : i.staleAgreed ? (
          // decided on other expert scores (changed on site since): shown for reference, not counted
          <span data-testid={`stale-agreed-${i.code}`}>
            <Typography.Text delete type="secondary">
              {i.staleAgreed.score}分
            </Typography.Text>
            <br />
            <Typography.Text type="warning">确定后专家评分有变动，须重新确定</Typography.Text>
          </span>
        ) : (
          '—'
        ),
    },
    { title: '采用得分', key: 'combined', width: 90, fixed: 'right', render: (_, i) => <Typography.Text strong>{i.combined ?? '—'}</Typography.Text> },
    ...(leads
      ? [
          {
            title: '操作',
            key: 'op',
            fixed: 'right' as const,
            render: (_: unknown, i: ItemConsolidation) =>
              (i.flagged || i.open || i.agreed || i.staleAgreed) && (
              <Button size="small" type={i.open ? 'primary' : 'default'} onClick={() => setAgreeing(i)} data-testid={`agree-${i.code}`}>
                确定得分
              </Button>
              ),
          },
        ]
      : []),
  ];

  return (
    <div>
      <PageHeader
        names={names}
        tags={confirmed ? <Tag color="green">已确认</Tag> : <Tag color="blue">汇总中</Tag>}
        extra={
          leads &&
          c && (
            <Popconfirm title="确认综合评价结果？确认后不能再修改。" okText="确认" cancelText="取消" onConfirm={confirm} disabled={!data.abilities.confirm}>
              <Button type="primary" loading={busy} disabled={!data.abilities.confirm} title={data.abilities.waiting ?? undefined}>
                确认综合评价
              </Button>
            </Popconfirm>
          )
        }
      />
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {data.pending.length > 0 && <Alert type="warning" showIcon data-testid="pending-experts" message={`尚未提交评分的专家：${data.pending.join('、')}`} />}
        {leads && data.abilities.waiting && data.pending.length === 0 && <Alert type="info" showIcon data-testid="confirm-waiting" message={`暂不能确认综合评价：${data.abilities.waiting}`} />}
        {!c ? (
          <Alert type="info" showIcon message="尚无专家提交评分" />
        ) : (
          <>
            <Card size="small">
              <Descriptions size="small" column={{ xs: 1, sm: 2, md: 4 }}>
                <Descriptions.Item label="各项得分合计">{c.score}</Descriptions.Item>
                <Descriptions.Item label="合理缺项分值">{c.notApplicablePoints}</Descriptions.Item>
                <Descriptions.Item label={`总分（满分${c.scale}，按合理缺项折算）`}>
                  <Typography.Text strong data-testid="consolidation-total">
                    {c.total}
                  </Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label="结论">
                  {c.passed === null ? <Tag>待定（尚有待确定的项目）</Tag> : c.passed ? <Tag color="green">达到合格线{c.passMark ? `（${c.passMark}分）` : ''}</Tag> : <Tag color="red">未达到合格线{c.passMark ? `（${c.passMark}分）` : ''}</Tag>}
                </Descriptions.Item>
              </Descriptions>
              {c.openItems.length > 0 && <Alert style={{ marginTop: 8 }} type="warning" showIcon message={`分歧较大、待组长确定得分的项目：${c.openItems.join('、')}`} />}
            </Card>
            <Table
              rowKey="code"
              size="small"
              bordered
              pagination={false}
              scroll={{ x: 'max-content' }}
              columns={columns}
              dataSource={c.items}
              expandable={opinionRows(data.opinions)}
            />
            {(data.evidence ?? []).map((e) => (
              <div key={e.itemCode}>
                <Typography.Text strong>{`${e.itemCode} ${c.items.find((i) => i.code === e.itemCode)?.title ?? ''}`}</Typography.Text>
                <ItemEvidence evidence={e} />
              </div>
            ))}
          </>
        )}
      </Space>
      <AgreedModal
        item={agreeing}
        onClose={() => setAgreeing(null)}
        onSave={async (body, withdraw) => {
          try {
            if (withdraw) await withdrawAgreed(id, agreeing!.code, { reason: body.reason, version: data!.version });
            else await setAgreed(id, agreeing!.code, { ...body, version: data!.version });
          } catch (err) {
            // changed in another window: the table behind the dialog is brought up to date, the typed text stays
            if (err instanceof ApiError && err.status === 409) await load();
            throw err;
          }
          message.success(withdraw ? '已撤销确定的得分' : '已确定得分');
          setAgreeing(null);
          await load();
        }}
      />
    </div>
  );
}

/**
 * The applicant's rows under each item that lost points: the experts' opinions (失分项目及专家意见 of the 评价报告),
 * always open, read-only; none for the panel and the office, who read the experts' sheets.
 */
function opinionRows(opinions: Record<string, string[]> | undefined) {
  const written = Object.entries(opinions ?? {}).filter(([, texts]) => texts.length > 0);
  if (!written.length) return undefined;
  return {
    showExpandColumn: false,
    expandedRowKeys: written.map(([code]) => code),
    rowExpandable: (i: ItemConsolidation) => !!opinions?.[i.code]?.length,
    expandedRowRender: (i: ItemConsolidation) => (
      <div data-testid={`opinions-${i.code}`}>
        <Typography.Text type="secondary">专家意见：</Typography.Text>
        {opinions![i.code].map((t) => (
          <div key={t}>
            <Typography.Text type="secondary">{t}</Typography.Text>
          </div>
        ))}
      </div>
    ),
  };
}

function AgreedModal(p: { item: ItemConsolidation | null; onClose: () => void; onSave: (body: { score: string; reason: string }, withdraw?: boolean) => Promise<void> }) {
  const [form] = Form.useForm<{ score: string; reason: string }>();
  const caret = useCaretOnOpen();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (p.item) {
      form.setFieldsValue({ score: p.item.agreed?.score ?? '', reason: p.item.agreed?.reason ?? '' });
      setError(null);
    }
  }, [p.item, form]);
  return (
    <Modal
      afterOpenChange={caret.afterOpenChange}
      title={p.item ? `确定得分：${p.item.code} ${p.item.title}` : '确定得分'}
      open={!!p.item}
      okText="确定"
      cancelText="取消"
      confirmLoading={busy}
      forceRender
      onCancel={p.onClose}
      onOk={async () => {
        const v = await form.validateFields();
        setBusy(true);
        try {
          await p.onSave({ score: String(v.score).trim(), reason: v.reason });
        } catch (err) {
          setError(errorMessage(err));
        } finally {
          setBusy(false);
        }
      }}
      footer={(buttons) => (
        <>
          {(p.item?.agreed || p.item?.staleAgreed) && (
            <Button
              danger
              disabled={busy}
              data-testid="agreed-withdraw"
              onClick={async () => {
                // the reason for withdrawing is the one typed in the form
                const v = await form.validateFields(['reason']);
                setBusy(true);
                try {
                  await p.onSave({ score: '', reason: v.reason }, true);
                } catch (err) {
                  setError(errorMessage(err));
                } finally {
                  setBusy(false);
                }
              }}
            >
              撤销确定的得分
            </Button>
          )}
          {buttons}
        </>
      )}
    >
      {p.item && (
        <Typography.Paragraph type="secondary">
          本项分值{p.item.maximum}分；平均分{p.item.mean ?? '—'}，极差{p.item.spread ?? '—'}。
          {p.item.staleAgreed ? `此前确定的${p.item.staleAgreed.score}分（${p.item.staleAgreed.reason}）是按当时的专家评分作出的，此后专家评分有变动，该得分不再计入，请按现在的评分重新确定。` : ''}
          {p.item.agreed || p.item.staleAgreed ? '撤销已确定的得分须在“理由”中写明撤销原因；撤销后该项恢复按综合方法计分，仍有分歧的重新待定。' : ''}
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical">
        <Form.Item name="score" label="确定的得分" rules={[{ required: true, message: '请填写组长确定的得分' }]}>
          <Input ref={caret.ref} inputMode="decimal" style={{ width: 160 }} addonAfter="分" />
        </Form.Item>
        <Form.Item
          name="reason"
          label={AGREED_REASON_LABEL}
          rules={[
            { required: true, message: '请写明确定得分的理由' },
            // the server's own minimum, counted as it counts it (trimmed)
            { transform: (v: string | undefined) => v?.trim(), min: AGREED_REASON_MIN, message: `理由至少${AGREED_REASON_MIN}个字` },
          ]}
        >
          <Input.TextArea rows={3} maxLength={2000} placeholder={`至少${AGREED_REASON_MIN}个字，写明评价组讨论的结果`} />
        </Form.Item>
        {error && <Alert type="error" showIcon message={error} role="alert" />}
      </Form>
    </Modal>
  );
}
