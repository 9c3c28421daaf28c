/**
 * 整改事项 on an application's page: the organiser raises them from the 综合评价's lost points (each with the experts'
 * reasons, written by the server) and from the on-site review's findings (each finding shows whether it has an item
 * and its state), the applicant answers each; leaders read them.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, DatePicker, Form, Input, Modal, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { ApplicationView, RectificationView } from '../../../shared/contracts/evaluation';
import { formatDate } from '../../lib/format';
import { errorMessage } from '../../api/client';
import { answerRectification, getConsolidation, listRectifications, raiseRectifications } from '../../api/evaluation-experts';
import { listFindings, type Finding } from '../../api/evaluationReview';
import { isConflict } from './common';
import { useCaretOnOpen } from '../../lib/useCaretOnOpen';

export default function Rectifications({ app, canRaise, canAnswer }: { app: ApplicationView; canRaise: boolean; canAnswer: boolean }) {
  const { message } = App.useApp();
  const [items, setItems] = useState<RectificationView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [raising, setRaising] = useState(false);
  const [answering, setAnswering] = useState<RectificationView | null>(null);
  const [findings, setFindings] = useState<Finding[]>([]);
  const reload = useCallback(() => listRectifications(app.id).then(setItems, (err) => setError(errorMessage(err))), [app.id]);
  // the findings are read by whom the application's findings link says (the same rule as their route)
  const mayReadFindings = app.links.findings;
  const reloadFindings = useCallback(async () => (mayReadFindings ? listFindings(app.id).then(setFindings, () => setFindings([])) : setFindings([])), [app.id, mayReadFindings]);
  useEffect(() => {
    void reloadFindings();
  }, [reloadFindings]);
  useEffect(() => {
    void reload();
  }, [reload]);
  if (error) return <Alert type="error" showIcon message={error} style={{ marginTop: 16 }} />;
  if (!items) return null;
  return (
    <Card
      title="整改事项"
      style={{ marginTop: 16 }}
      data-testid="rectifications"
      extra={
        canRaise && (
          <Button onClick={() => setRaising(true)} data-testid="rectification-raise">
            就失分项目或现场问题提出整改要求
          </Button>
        )
      }
    >
      <Table<RectificationView>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={items}
        locale={{ emptyText: '尚未提出整改要求' }}
        columns={[
          {
            title: '事项',
            dataIndex: 'title',
            width: 260,
            render: (v: string, r) => (
              <Link to={`/rectifications/${r.id}`} data-testid={`rectification-link-${r.id}`}>
                {r.sourceType === 'evaluation_site' && <Tag color="purple">现场问题</Tag>}
                {v}
              </Link>
            ),
          },
          { title: '失分、专家意见或问题', dataIndex: 'detail', render: (v: string) => <div style={{ whiteSpace: 'pre-line' }}>{v}</div> },
          { title: '整改期限', dataIndex: 'dueOn', width: 130, render: (v: string | null) => formatDate(v) },
          { title: '状态', dataIndex: 'statusLabel', width: 120, render: (v: string, r) => <Tag color={r.status === 'open' ? 'gold' : 'green'}>{v}</Tag> },
          {
            title: '整改情况',
            dataIndex: 'answer',
            render: (v: string | null, r) =>
              v ??
              (canAnswer ? (
                <Button size="small" type="primary" onClick={() => setAnswering(r)} data-testid={`rectification-answer-${r.id}`}>
                  答复整改情况
                </Button>
              ) : (
                '—'
              )),
          },
        ]}
      />
      {findings.length > 0 && <SiteFindings findings={findings} />}
      {raising && (
        <RaiseModal
          app={app}
          taken={items.filter((i) => i.sourceType === 'evaluation').map((i) => i.sourceRef)}
          findings={findings.filter((f) => !f.rectification)}
          onClose={() => setRaising(false)}
          onDone={(list) => {
            setRaising(false);
            setItems(list);
            void reloadFindings();
            message.success('已提出整改要求');
          }}
        />
      )}
      {answering && (
        <AnswerModal
          app={app}
          item={answering}
          onClose={() => setAnswering(null)}
          onDone={(list) => {
            setAnswering(null);
            if (list) setItems(list);
            else void reload();
          }}
        />
      )}
    </Card>
  );
}

/** the on-site review's findings: which have become 整改事项, and their state */
function SiteFindings({ findings }: { findings: Finding[] }) {
  return (
    <div style={{ marginTop: 16 }} data-testid="site-findings">
      <Typography.Text strong>现场评审发现的问题</Typography.Text>
      <Table<Finding>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={findings}
        columns={[
          { title: '项目', width: 80, render: (_, f) => f.itemCode ?? '总体' },
          { title: '问题', dataIndex: 'text' },
          {
            title: '整改事项',
            width: 160,
            render: (_, f) =>
              f.rectification ? (
                <Link to={`/rectifications/${f.rectification.id}`}>
                  <Tag color={f.rectification.status === 'closed' ? 'green' : 'gold'}>{f.rectification.statusLabel}</Tag>
                </Link>
              ) : (
                <Tag>未提出</Tag>
              ),
          },
        ]}
      />
    </div>
  );
}

function RaiseModal({ app, taken, findings, onClose, onDone }: { app: ApplicationView; taken: string[]; findings: Finding[]; onClose: () => void; onDone: (items: RectificationView[]) => void }) {
  const { message } = App.useApp();
  const [lost, setLost] = useState<{ code: string; label: string }[] | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [chosenFindings, setChosenFindings] = useState<number[]>([]);
  const [due, setDue] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    getConsolidation(app.id).then(
      (r) =>
        setLost(
          (r.consolidation?.items ?? [])
            .filter((i) => i.combined !== null && Number(i.combined) < Number(i.maximum) && !taken.includes(i.code))
            .map((i) => ({ code: i.code, label: `第${i.code}项 ${i.title.replace(/[，,\s]+$/, '')}（${i.maximum}分中得${i.combined}分）` })),
        ),
      (err) => message.error(errorMessage(err)),
    );
  }, [app.id, taken, message]);
  const submit = async () => {
    if (!chosen.length && !chosenFindings.length) {
      message.error('请至少选择一个失分项目或现场评审问题');
      return;
    }
    setBusy(true);
    try {
      onDone(await raiseRectifications(app.id, { itemCodes: chosen, findingIds: chosenFindings, dueOn: due }));
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title="就失分项目或现场问题提出整改要求" onCancel={onClose} onOk={submit} confirmLoading={busy} okText="提出" cancelText="取消" width={720}>
      <Typography.Title level={5}>失分项目</Typography.Title>
      {!lost ? null : lost.length === 0 ? (
        <Alert type="info" showIcon message="没有尚未提出整改要求的失分项目" />
      ) : (
        <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 6 }} value={chosen} onChange={(v) => setChosen(v as string[])} options={lost.map((l) => ({ value: l.code, label: l.label }))} />
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        现场评审发现的问题
      </Typography.Title>
      {findings.length === 0 ? (
        <Alert type="info" showIcon message="没有尚未提出整改要求的现场评审问题" />
      ) : (
        <Checkbox.Group
          style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
          value={chosenFindings}
          onChange={(v) => setChosenFindings(v as number[])}
          options={findings.map((f) => ({ value: f.id, label: `${f.itemCode ? `第${f.itemCode}项` : '总体'}：${f.text}` }))}
          data-testid="raise-findings"
        />
      )}
      <Form layout="vertical" style={{ marginTop: 16 }}>
        <Form.Item label="整改期限（可不填）">
          <DatePicker onChange={(d) => setDue(d ? d.format('YYYY-MM-DD') : null)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AnswerModal({ app, item, onClose, onDone }: { app: ApplicationView; item: RectificationView; onClose: () => void; onDone: (items: RectificationView[] | null) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ answer: string }>();
  const caret = useCaretOnOpen();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    let v: { answer: string };
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    try {
      onDone(await answerRectification(app.id, item.id, { version: item.version, answer: v.answer }));
      message.success('已答复');
    } catch (err) {
      message.error(errorMessage(err));
      if (isConflict(err)) onDone(null);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal afterOpenChange={caret.afterOpenChange} open title={`答复整改情况：${item.title}`} onCancel={onClose} onOk={submit} confirmLoading={busy} okText="答复" cancelText="取消">
      <Form form={form} layout="vertical">
        <Form.Item name="answer" label="整改情况" rules={[{ required: true, min: 10, message: '整改情况至少10个字，请写明采取的措施和取得的效果' }]}>
          <Input.TextArea ref={caret.ref} rows={5} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
