/**
 * 自评 (seed 004 §9): the applicant answers every criterion of the sheet as its rule calls for, with a note per
 * criterion; the engine's total (prorated for the plan's 合理缺项) shows live from each answer; 提交自评 when
 * complete. Each item carries the applicant's materials (自评资料), uploaded and removed while the 自评 may be
 * changed. Read-only for the organiser, leaders and the experts who declared no conflict, once submitted. The
 * organiser may return a submitted 自评 for correction (退回补正, with a reason) before any expert scores; the
 * applicant then sees the reason above the sheet. Or it marks it checked (审查无误), which ends its to-do; a later
 * 退回补正 clears the mark.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Space, Statistic, Tag, Typography } from 'antd';
import type { SelfAssessmentView } from '../../../shared/contracts/evaluation';
import { unscoredMessage } from '../../../shared/evaluation/consolidate';
import { SELF_RETURNED_NOTICE } from '../../../shared/workflow/evaluation';
import { useUser } from '../../access';
import { errorMessage } from '../../api/client';
import { formatDateTime } from '../../lib/format';
import { checkSelfAssessment, getSelfAssessment, putSelfScore, returnSelfAssessment, submitSelfAssessment } from '../../api/evaluationReview';
import PageHeader from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';
import { ItemMaterials, useSelfMaterials } from './SelfMaterials';
import { APPLICATION_CRUMB, applicationName, criteriaIndex, CriterionRow, useApplicationAndSheet, useApplicationId, useCellSaves } from './common';
import { submitDialogForm } from '../evaluation/common';
import { useCaretOnOpen } from '../../lib/useCaretOnOpen';

export default function SelfAssessmentPage() {
  const { message } = App.useApp();
  const id = useApplicationId();
  const role = useUser().role;
  const { app, fw } = useApplicationAndSheet(id);
  const [view, setView] = useState<SelfAssessmentView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [returning, setReturning] = useState(false);

  const load = useCallback(async () => {
    if (!Number.isFinite(id)) return setError('申请编号无效');
    if (role === 'department') return setError('自评只有申请单位、评价组织单位、领导和已声明无利害关系的评价组专家可以查看');
    try {
      setView(await getSelfAssessment(id));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [id, role]);
  useEffect(() => {
    void load();
  }, [load]);
  const index = useMemo(() => criteriaIndex(fw), [fw]);
  const saveCell = useCellSaves(view, setView, () => void load());
  // the files, once the 自评 itself could be read; again when its status moves (submitted: locked)
  const materials = useSelfMaterials(id, view !== null, view?.status);

  const names = { [APPLICATION_CRUMB]: applicationName(app) };
  if (error) {
    return (
      <div>
        <PageHeader names={names} />
        <Alert type="warning" showIcon message={error} />
      </div>
    );
  }
  if (!view || !fw) return <PageLoading />;

  const save = (itemCode: string, criterionCode: string, answer: unknown, note: string) =>
    saveCell((version) => putSelfScore(id, itemCode, criterionCode, { version, answer, ...(note.trim() ? { note: note.trim() } : {}) }));

  /** 提交自评 or 审查无误: the new view, or the server's message (and the current view after a 409) */
  const act = async (call: (version: number) => Promise<SelfAssessmentView>, done: string) => {
    setBusy(true);
    try {
      setView(await call(view.version ?? 0));
      message.success(done);
    } catch (err) {
      message.error(errorMessage(err));
      if ((err as { status?: number }).status === 409) void load();
    } finally {
      setBusy(false);
    }
  };
  const submit = () => act((v) => submitSelfAssessment(id, v), '自评已提交');
  const check = () => act((v) => checkSelfAssessment(id, v), '已标记审查无误');


  const sections: { title: string; items: SelfAssessmentView['items'] }[] = [];
  for (const item of view.items) {
    const last = sections[sections.length - 1];
    if (last && last.title === item.section) last.items.push(item);
    else sections.push({ title: item.section, items: [item] });
  }

  return (
    <div>
      <PageHeader
        names={names}
        tags={<Tag color={view.status === 'submitted' ? 'green' : 'blue'}>{view.statusLabel}</Tag>}
        extra={
          view.returnable ? (
            <Space>
              {view.checkable && (
                <Popconfirm title="确认已审查自评，无需退回补正？（评价专家开始评分前仍可退回）" okText="审查无误" cancelText="取消" onConfirm={check}>
                  <Button type="primary" loading={busy} data-testid="self-check">
                    审查无误
                  </Button>
                </Popconfirm>
              )}
              <Button danger onClick={() => setReturning(true)} data-testid="self-return">
                退回补正
              </Button>
            </Space>
          ) : (
            view.editable && (
            <Popconfirm
              title={view.missing.length ? `${unscoredMessage(view.missing, '未自评')}，提交时将被退回` : '提交后不能再修改，确定提交自评？'}
              okText="提交自评"
              cancelText="取消"
              onConfirm={submit}
            >
              <Button type="primary" loading={busy} disabled={view.version === null}>
                提交自评
              </Button>
            </Popconfirm>
            )
          )
        }
      />
      {returning && view.version !== null && (
        <ReturnSelfModal
          appId={id}
          version={view.version}
          onClose={() => setReturning(false)}
          onDone={() => {
            setReturning(false);
            // returned, the 自评 is the applicant's draft again: the page says so instead of showing it, and asks the
            // server for none of it (a refused read is audited as 越权访问)
            setError(SELF_RETURNED_NOTICE);
          }}
        />
      )}
      {view.checked && (
        <Alert type="success" showIcon style={{ marginBottom: 16 }} data-testid="self-checked" message={`评价组织单位已审查自评（${view.checked.by}，${formatDateTime(view.checked.at)}）`} />
      )}
      {view.returnReason && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} data-testid="self-returned" message="评价组织单位已退回自评补正，修改后请重新提交" description={view.returnReason} />
      )}
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Card size="small">
          <Space size="large" wrap>
            <Statistic title="自评总分（按合理缺项折算）" value={view.total} groupSeparator="" data-testid="self-total" />
            <Statistic title="各项得分合计" value={view.score} groupSeparator="" />
            <Statistic title="未自评的评分细则" value={view.missing.length} groupSeparator="" suffix="条" />
          </Space>
          {view.editable && <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>选择或填写后自动保存，总分随之更新；说明栏可写明依据。</Typography.Paragraph>}
        </Card>
        {sections.map((s) => (
          <Card key={s.title} title={s.title} size="small">
            {s.items.map((item) => (
              <div key={item.code} style={{ marginBottom: 16 }}>
                <Space style={{ width: '100%', justifyContent: 'space-between' }}>
                  <Typography.Text strong>
                    {`${item.code} ${item.title}`}
                  </Typography.Text>
                  <Typography.Text>
                    本项自评{item.score}/{item.points}分
                  </Typography.Text>
                </Space>
                <ItemMaterials appId={id} itemCode={item.code} materials={materials} editable={view.editable} />
                {item.criteria.map((c) => {
                  const def = index.get(item.code)?.item.criteria.find((x) => x.code === c.code);
                  if (!def) return null;
                  return (
                    <CriterionRow
                      key={c.code}
                      itemCode={item.code}
                      criterion={def}
                      answer={c.answer}
                      text={c.note}
                      score={c.score}
                      notApplicable={c.notApplicable}
                      editable={view.editable}
                      textLabel="说明"
                      textPlaceholder="说明（可选）"
                      onSave={(answer, note) => save(item.code, c.code, answer, note)}
                    />
                  );
                })}
              </div>
            ))}
          </Card>
        ))}
      </Space>
    </div>
  );
}

/** 退回补正 of the submitted 自评 (the organiser, before any expert scores), with the reason the applicant then reads. */
function ReturnSelfModal({ appId, version, onDone, onClose }: { appId: number; version: number; onDone: (v?: SelfAssessmentView) => void; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const caret = useCaretOnOpen();
  const [saving, setSaving] = useState(false);
  const submit = () => submitDialogForm(form, ['reason'], { setSaving, message }, (v) => returnSelfAssessment(appId, { version, reason: v.reason }), '已退回自评补正', onDone);
  return (
    <Modal afterOpenChange={caret.afterOpenChange} open title="退回自评补正" width={640} okText="退回" confirmLoading={saving} onOk={submit} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label="需要补正的内容" rules={[{ required: true, message: '请写明退回补正的理由' }]} extra="至少5个字；评价专家开始评分后不能再退回">
          <Input.TextArea ref={caret.ref} rows={4} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
