/**
 * 专家评分表 (seed 004 §11): the items the plan assigns to the signed-in expert, grouped by section, each criterion
 * with the input its rule calls for and the 扣分理由 the server asks for when points are lost (its message shows
 * beside the field); the item's score live from the server's answer; 提交评分; on site 重新打开（现场评审）, after
 * which every change needs its reason and is kept in the revisions; and 记录现场问题. Beside each item, the files the
 * applicant attached to it in its 自评 (自评资料), for download, and under each criterion the applicant's own 自评 of
 * it (answer, score, 说明), read-only, where the caller may read the 自评.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Empty, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { SelfAssessmentView, SheetView } from '../../../shared/contracts/evaluation';
import { unscoredMessage } from '../../../shared/evaluation/consolidate';
import { answerToText } from '../../../shared/scoring/cell-text';
import { SELF_NOT_SUBMITTED } from '../../../shared/workflow/evaluation';
import { errorMessage } from '../../api/client';
import { getSelfAssessment, getSheet, listFindings, putSheetScore, recordFinding, reopenSheet, submitSheet, type Finding } from '../../api/evaluationReview';
import { Link } from 'react-router-dom';
import PageHeader from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';
import { formatDateTime } from '../../lib/format';
import { useCaretOnOpen } from '../../lib/useCaretOnOpen';
import { APPLICATION_CRUMB, applicationName, criteriaIndex, CriterionRow, useApplicationAndSheet, useApplicationId, useCellSaves, type SelfCriterion } from './common';
import ItemEvidence from './ItemEvidence';
import { ItemMaterials, useSelfMaterials } from './SelfMaterials';

export default function SheetPage() {
  const { message } = App.useApp();
  const id = useApplicationId();
  const { app, fw } = useApplicationAndSheet(id);
  const [sheet, setSheet] = useState<SheetView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [findings, setFindings] = useState<Finding[]>([]);
  const [busy, setBusy] = useState(false);
  const [findingOpen, setFindingOpen] = useState(false);

  const load = useCallback(async () => {
    if (!Number.isFinite(id)) return setError('申请编号无效');
    try {
      setSheet(await getSheet(id));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);
  // the on-site findings are the applicant's material: read only where the application's links allow it (the
  // findings route's own rule; once the applicant is named the panel keeps its own sheet only)
  const mayReadFindings = app?.links.findings === true;
  useEffect(() => {
    if (mayReadFindings) listFindings(id).then(setFindings, () => undefined);
  }, [id, mayReadFindings]);

  // the applicant's 自评 beside each criterion and its 自评资料 beside each item: read where the 自评 may be read (the
  // application's link says so, the 自评 route's own rule), so that the expert scores without going back and forth
  const mayReadSelf = app?.links.selfAssessment === true;
  const materials = useSelfMaterials(id, mayReadSelf);
  const [self, setSelf] = useState<{ view: SelfAssessmentView | null; error: string | null }>({ view: null, error: null });
  useEffect(() => {
    if (mayReadSelf) getSelfAssessment(id).then((view) => setSelf({ view, error: null }), (err) => setSelf({ view: null, error: errorMessage(err) }));
  }, [id, mayReadSelf]);
  const selfOf = useMemo(() => {
    const map = new Map<string, SelfCriterion>();
    for (const i of self.view?.items ?? []) for (const c of i.criteria) map.set(`${i.code}.${c.code}`, c);
    return map;
  }, [self.view]);

  const index = useMemo(() => criteriaIndex(fw), [fw]);
  const saveCell = useCellSaves(sheet, setSheet, () => void load());
  // the server's own check (scoreRefusal): not before the applicant submits its 自评 (资料评审 reviews it and its
  // materials), not once submitted, not outside the review's dates, not once the review is over
  const editable = sheet?.abilities.score === true;

  const save = (itemCode: string, criterionCode: string, answer: unknown, reason: string) =>
    saveCell((version) => putSheetScore(id, itemCode, criterionCode, { version, answer, ...(reason.trim() ? { reason: reason.trim() } : {}) }));

  const act = async (what: () => Promise<SheetView>, done: string) => {
    setBusy(true);
    try {
      setSheet(await what());
      message.success(done);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const names = { [APPLICATION_CRUMB]: applicationName(app) };
  if (error) {
    return (
      <div>
        <PageHeader names={names} />
        <Alert type="warning" showIcon message={error} />
      </div>
    );
  }
  if (!sheet || !fw) return <PageLoading />;

  // the assigned items by section, in the sheet's order
  const sections: { code: string; title: string; items: SheetView['items'] }[] = [];
  for (const item of sheet.items) {
    const s = index.get(item.code)?.section ?? { code: '', title: '' };
    const last = sections[sections.length - 1];
    if (last && last.code === s.code) last.items.push(item);
    else sections.push({ ...s, items: [item] });
  }
  const total = sheet.items.reduce((sum, i) => sum + Number(i.score), 0);

  return (
    <div>
      <PageHeader
        names={names}
        tags={
          <Space>
            <Tag color={sheet.status === 'submitted' ? 'green' : 'blue'}>{sheet.statusLabel}</Tag>
            <Tag>{sheet.stage === 'site' ? '现场评审' : '资料评审'}</Tag>
          </Space>
        }
        extra={
          <Space wrap>
            {sheet.abilities.recordFinding && <Button onClick={() => setFindingOpen(true)}>记录现场问题</Button>}
            {sheet.abilities.reopen && (
              <Popconfirm title="重新打开评分表进行现场评审？此后每次修改都须写明理由。" okText="重新打开" cancelText="取消" onConfirm={() => act(() => reopenSheet(id, sheet.version!), '评分表已重新打开（现场评审）')}>
                <Button loading={busy}>重新打开（现场评审）</Button>
              </Popconfirm>
            )}
            {editable && (
              <Popconfirm
                title={sheet.missing.length ? `${unscoredMessage(sheet.missing, '未评')}，提交时将被退回` : '提交后不能再修改（现场评审可重新打开），确定提交？'}
                okText="提交评分"
                cancelText="取消"
                onConfirm={() => act(() => submitSheet(id, sheet.version ?? 0), '评分已提交')}
              >
                <Button type="primary" loading={busy} disabled={sheet.version === null} data-testid="submit-sheet">
                  提交评分
                </Button>
              </Popconfirm>
            )}
          </Space>
        }
      />
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {!sheet.selfSubmitted && <Alert type="warning" showIcon data-testid="self-not-submitted" message={SELF_NOT_SUBMITTED} />}
        {self.error && <Alert type="warning" showIcon message={`申请单位的自评未能读取：${self.error}`} />}
        <Alert
          type="info"
          showIcon
          message={`评分专家：${sheet.expert.name}；分配${sheet.items.length}项，已评部分得分合计${Number(total.toFixed(2))}分${sheet.missing.length ? `；${unscoredMessage(sheet.missing, '未评')}` : '；全部已评'}`}
        />
        {editable && sheet.stage === 'site' && <Alert type="warning" showIcon message="现场评审：每次修改评分都须在理由栏写明修改理由，修改前后的评分与理由将留存。" />}
        {editable && sheet.stage === 'document' && <Alert type="info" message="选择或填写后自动保存；失分的评分细则须填写扣分理由。" />}
        {sheet.peerTable && (
          <Alert
            type="info"
            data-testid="sheet-peer-table"
            message={
              <span>
                排名类评分项按评价工作方案选定的同级比较表排名计分：<Link to={`/evaluation/peer-tables/${sheet.peerTable.id}`}>{sheet.peerTable.title}</Link>。请填写申请单位本身的数值。
              </span>
            }
          />
        )}
        {sections.map((s) => (
          <Card key={s.code} title={`${s.code} ${s.title}`} size="small">
            {s.items.map((item) => (
              <div key={item.code} data-testid={`item-${item.code}`} style={{ marginBottom: 16 }}>
                <Space style={{ width: '100%', justifyContent: 'space-between' }}>
                  <Typography.Text strong>
                    {`${item.code} ${item.title}`}
                  </Typography.Text>
                  <Typography.Text data-testid={`item-score-${item.code}`}>
                    本项得分{item.score}/{item.points}分
                  </Typography.Text>
                </Space>
                {sheet.evidence
                  .filter((e) => e.itemCode === item.code)
                  .map((e) => (
                    <ItemEvidence key={e.title} evidence={e} />
                  ))}
                <ItemMaterials appId={id} itemCode={item.code} materials={materials} editable={false} />
                {item.criteria.map((c) => {
                  const def = index.get(item.code)?.item.criteria.find((x) => x.code === c.code);
                  if (!def) return null;
                  return (
                    <CriterionRow
                      key={c.code}
                      itemCode={item.code}
                      criterion={def}
                      answer={c.answer}
                      text={c.reason}
                      score={c.score}
                      explanation={c.explanation}
                      self={selfOf.get(`${item.code}.${c.code}`)}
                      notApplicable={c.notApplicable}
                      editable={editable}
                      textLabel="理由"
                      textPlaceholder={sheet.stage === 'site' ? '修改理由（现场评审必填）' : '扣分理由（失分时必填）'}
                      onSave={(answer, reason) => save(item.code, c.code, answer, reason)}
                    />
                  );
                })}
              </div>
            ))}
          </Card>
        ))}
        <Card title="修改记录" size="small">
          <Table
            size="small"
            rowKey={(r) => `${r.key}-${r.at}`}
            pagination={false}
            dataSource={sheet.revisions}
            locale={{ emptyText: <Empty description="暂无修改记录" image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
            columns={[
              { title: '评分细则', dataIndex: 'key' },
              { title: '修改前', render: (_, r) => answerToText(r.before) || '（未评）' },
              { title: '修改后', render: (_, r) => answerToText(r.after) },
              { title: '理由', dataIndex: 'reason' },
              { title: '时间', render: (_, r) => formatDateTime(r.at) },
            ]}
          />
        </Card>
        <FindingsCard findings={findings} />
      </Space>
      <FindingModal
        open={findingOpen}
        items={sheet.items.map((i) => ({ value: i.code, label: `${i.code} ${i.title}` }))}
        onClose={() => setFindingOpen(false)}
        onSave={async (body) => {
          setFindings(await recordFinding(id, body));
          message.success('已记录现场问题');
          setFindingOpen(false);
        }}
      />
    </div>
  );
}

export function FindingsCard({ findings }: { findings: Finding[] }) {
  return (
    <Card title="现场评审发现的问题" size="small">
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={findings}
        locale={{ emptyText: <Empty description="暂无记录" image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
        columns={[
          { title: '项目', render: (_, f) => f.itemCode ?? '总体' },
          { title: '问题', dataIndex: 'text' },
          { title: '记录人', render: (_, f) => f.recordedBy ?? '—' },
          { title: '时间', render: (_, f) => formatDateTime(f.recordedAt) },
        ]}
      />
    </Card>
  );
}

function FindingModal(p: { open: boolean; items: { value: string; label: string }[]; onClose: () => void; onSave: (body: { itemCode: string | null; text: string }) => Promise<void> }) {
  const [form] = Form.useForm<{ itemCode?: string; text: string }>();
  const caret = useCaretOnOpen();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      afterOpenChange={caret.afterOpenChange}
      title="记录现场问题"
      open={p.open}
      okText="记录"
      cancelText="取消"
      confirmLoading={busy}
      onCancel={p.onClose}
      onOk={async () => {
        const v = await form.validateFields();
        setBusy(true);
        try {
          await p.onSave({ itemCode: v.itemCode ?? null, text: v.text });
          form.resetFields();
          setError(null);
        } catch (err) {
          setError(errorMessage(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      <Form form={form} layout="vertical">
        <Form.Item name="itemCode" label="所属项目（可不选，表示总体问题）">
          {/* 50 items: typed to find (1.2, or words of its title), matched on the label */}
          <Select ref={caret.ref} allowClear showSearch optionFilterProp="label" options={p.items} placeholder="选择项目，可输入编号或名称查找" />
        </Form.Item>
        <Form.Item name="text" label="发现的问题" rules={[{ required: true, message: '请填写发现的问题' }]}>
          <Input.TextArea rows={4} maxLength={2000} />
        </Form.Item>
        {error && <Alert type="error" showIcon message={error} />}
      </Form>
    </Modal>
  );
}
