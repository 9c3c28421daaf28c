/**
 * One creation-evaluation application: its status, applicant and round; the four 不予受理情形 as declared; the
 * consultations of the eligibility review; a refusal or return reason. The buttons come from `abilities` (the
 * server's policy); a member department with an open consultation answers it here.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, Modal, Popconfirm, Space, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import type { ApplicationView, ConsultationView } from '../../../shared/contracts/evaluation';
import { APPLICATION_WORKFLOW, PUBLICITY_MAX_DAYS, publicityDayOpen } from '../../../shared/workflow/evaluation';
import { errorMessage } from '../../api/client';
import { getApplication, transitionApplication } from '../../api/evaluation';
import { useAccess, useUser } from '../../access';
import { mayRegisterNumber } from '../../../shared/contracts/docnumbers';
import { NumberedDownload } from '../../components/DocNumber';
import PageHeader from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';
import { chinaToday, formatDate, formatDateTime } from '../../lib/format';
import { useCaretOnOpen } from '../../lib/useCaretOnOpen';
import ApplicationFormModal from './ApplicationFormModal';
import { ApplicationStatusTag, ConsultationStatusTag, isConflict } from './common';
import { AnswerForm, ConsultModal, DecisionModal } from './DecisionModals';
import Rectifications from './Rectifications';

type Dialog = 'edit' | 'consult' | 'return' | 'refuse' | 'accept' | null;

const label = (event: string) => APPLICATION_WORKFLOW.transitions.find((t) => t.event === event)?.label ?? '';

export default function ApplicationPage() {
  const id = Number(useParams().id);
  const { message } = App.useApp();
  const access = useAccess();
  const user = useUser();
  const [app, setApp] = useState<ApplicationView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [editing, setEditing] = useState<{ application: ApplicationView } | null>(null);
  const [later, setLater] = useState<'publicise' | 'name' | null>(null);

  const reload = useCallback(() => {
    getApplication(id)
      .then((a) => {
        setApp(a);
        setError(null);
      })
      .catch((err) => setError(errorMessage(err)));
  }, [id]);
  useEffect(reload, [reload]);

  if (error)
    return (
      <>
        <PageHeader />
        <Alert type="error" showIcon message={error} />
      </>
    );
  if (!app) return <PageLoading />;

  const move = async (event: 'submit' | 'accept' | 'sendReport' | 'acknowledge') => {
    try {
      setApp(await transitionApplication(app.id, { event, version: app.version }));
      message.success(`已${label(event)}`);
    } catch (err) {
      message.error(errorMessage(err));
      if (isConflict(err)) reload();
    }
  };
  const done = (a?: ApplicationView) => {
    setDialog(null);
    setEditing(null);
    if (a) setApp(a);
    else reload();
  };

  // the conditions are numbered as in the declarations card (情形1 …); the full text on hover
  const numbered = new Map(app.conditions.map((c, i) => [c.code, { label: `情形${i + 1}`, text: c.text }]));
  const conditionLabel = (code: string) => {
    const c = numbered.get(code);
    return c ? (
      <Tooltip key={code} title={c.text}>
        <Tag>{c.label}</Tag>
      </Tooltip>
    ) : (
      <Tag key={code}>其他情形</Tag>
    );
  };
  const consultationColumns: TableColumnsType<ConsultationView> = [
    { title: '成员单位', dataIndex: ['department', 'name'], width: 170 },
    { title: '征求意见的情形', dataIndex: 'conditions', width: 200, render: (cs: ConsultationView['conditions']) => cs.map((c) => conditionLabel(c.code)) },
    { title: '征求内容', dataIndex: 'question' },
    { title: '状态', dataIndex: 'statusLabel', width: 90, render: (l: string, c) => <ConsultationStatusTag status={c.status} label={l} /> },
    {
      title: '核实结果',
      dataIndex: 'findings',
      width: 150,
      render: (fs: ConsultationView['findings']) =>
        fs
          ? fs.map((f) => (
              <div key={f.code} data-testid="finding">
                {`${numbered.get(f.code)?.label ?? '其他情形'}：${f.applies ? '存在' : '不存在'}`}
              </div>
            ))
          : '尚未回复',
    },
    { title: '回复意见', dataIndex: 'answer', render: (v: string | null, c) => (v ? `${v}（${formatDateTime(c.answeredAt)}）` : '—') },
  ];
  // the server's answer (the answer command's own refusal): the consulted department, while the question waits
  const pending = app.consultations.find((c) => c.mayAnswer);
  const ab = app.abilities;
  // the organising office numbers the 公文 it sends the applicant (the server's registerRefusal)
  const issuer = mayRegisterNumber({ role: user.role, orgUnitId: user.orgUnit.id }, app.round.organiser.id);

  return (
    <>
      <PageHeader
        names={{ '/evaluation/applications/:id': `${app.applicant.name}创建评价申请` }}
        tags={<ApplicationStatusTag status={app.status} label={app.statusLabel} />}
        extra={
          <Space wrap>
            {ab.edit && (
              <Button onClick={() => setEditing({ application: app })} data-testid="application-edit">
                编辑
              </Button>
            )}
            {ab.submit && (
              <Popconfirm title="提交后不能再修改，确定提交申请？" onConfirm={() => move('submit')}>
                <Button type="primary" data-testid="application-submit">
                  提交申请
                </Button>
              </Popconfirm>
            )}
            {ab.consult && (
              <Button onClick={() => setDialog('consult')} data-testid="application-consult">
                征求意见
              </Button>
            )}
            {app.links.plan && (
              <Link to={`/evaluation/applications/${app.id}/plan`}>
                <Button data-testid="application-plan-link">评价工作方案</Button>
              </Link>
            )}
            {app.links.selfAssessment && (
              <Link to={`/evaluation/applications/${app.id}/self-assessment`}>
                <Button data-testid="application-self-link">自评</Button>
              </Link>
            )}
            {app.links.sheet && (
              <Link to={`/evaluation/applications/${app.id}/sheet`}>
                <Button type="primary" data-testid="application-sheet-link">
                  我的评分表
                </Button>
              </Link>
            )}
            {app.links.consolidation && (
              <Link to={`/evaluation/applications/${app.id}/consolidation`}>
                <Button data-testid="application-consolidation-link">综合评价</Button>
              </Link>
            )}
            {app.links.decisionDoc && (
              <NumberedDownload
                icon={<DownloadOutlined />}
                url={`/api/evaluation-applications/${app.id}/decision.docx`}
                doc={{ kind: 'evaluation_decision', subject: String(app.id) }}
                issuer={issuer}
                title={app.status === 'refused' ? '不予受理通知书' : '受理通知书'}
                testId="application-decision-docx"
              >
                {app.status === 'refused' ? '不予受理通知书' : '受理通知书'}
              </NumberedDownload>
            )}
            {app.links.reportDoc && (
              <NumberedDownload
                icon={<DownloadOutlined />}
                url={`/api/evaluation-applications/${app.id}/report.docx`}
                doc={{ kind: 'evaluation_report', subject: String(app.id) }}
                issuer={issuer}
                title="评价报告"
                testId="application-report-docx"
              >
                评价报告
              </NumberedDownload>
            )}
            {ab.events.includes('sendReport') && (
              <Popconfirm title="将评价报告反馈给申请单位？" onConfirm={() => move('sendReport')}>
                <Button type="primary" data-testid="application-send-report">
                  反馈评价报告
                </Button>
              </Popconfirm>
            )}
            {ab.events.includes('acknowledge') && (
              <Popconfirm title="确认已收到评价报告？" onConfirm={() => move('acknowledge')}>
                <Button type="primary" data-testid="application-acknowledge">
                  确认收到评价报告
                </Button>
              </Popconfirm>
            )}
            {ab.events.includes('publicise') && (
              <Button type="primary" onClick={() => setLater('publicise')} data-testid="application-publicise">
                公示
              </Button>
            )}
            {ab.events.includes('name') && (
              <Button type="primary" onClick={() => setLater('name')} data-testid="application-name">
                命名
              </Button>
            )}
            {ab.decide && (
              <>
                {app.acceptConcerns.length ? (
                  <Button type="primary" onClick={() => setDialog('accept')} data-testid="application-accept">
                    受理
                  </Button>
                ) : (
                  <Popconfirm title="确定受理该申请？" onConfirm={() => move('accept')}>
                    <Button type="primary" data-testid="application-accept">
                      受理
                    </Button>
                  </Popconfirm>
                )}
                <Button onClick={() => setDialog('return')} data-testid="application-return">
                  退回补正
                </Button>
                <Button danger onClick={() => setDialog('refuse')} data-testid="application-refuse">
                  不予受理
                </Button>
              </>
            )}
          </Space>
        }
      />
      {app.refusal && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="application-refusal"
          message={`不予受理：${app.refusal.text}`}
          description={`理由：${app.refusal.reason}`}
        />
      )}
      {app.returnReason && app.status === 'draft' && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} data-testid="application-returned" message="评价组织单位已退回补正" description={app.returnReason} />
      )}
      {pending && <AnswerForm consultation={pending} onDone={reload} />}
      {app.acceptReason && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="application-accept-reason"
          message="经核实成员单位意见后受理"
          description={
            <>
              {app.acceptConcerns.map((c) => (
                <div key={c}>{c}</div>
              ))}
              <div>核实情况：{app.acceptReason}</div>
            </>
          }
        />
      )}
      {app.result && (
        <Alert
          type={app.result.passed ? 'success' : 'info'}
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="application-result"
          message={`综合评价：${app.result.total}分（800分通过），${app.result.passed === null ? '待确认' : app.result.passed ? '通过' : '未通过'}`}
          description={[
            app.reportedAt ? `评价报告反馈于${formatDate(app.reportedAt)}` : null,
            app.acknowledgedAt ? `申请单位确认于${formatDate(app.acknowledgedAt)}` : null,
            app.publicity ? `公示期${app.publicity.start}至${app.publicity.end}` : null,
            app.namedAt ? `${formatDate(app.namedAt)}命名${app.namingDocNo ? `（${app.namingDocNo}）` : ''}` : null,
          ]
            .filter(Boolean)
            .join('；') || undefined}
        />
      )}
      <Card style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label="申请单位">{app.applicant.name}</Descriptions.Item>
          <Descriptions.Item label="评价批次">{app.round.title}</Descriptions.Item>
          <Descriptions.Item label="评价组织单位">{app.round.organiser.name}</Descriptions.Item>
          <Descriptions.Item label="联系人">{app.contactName}</Descriptions.Item>
          <Descriptions.Item label="联系电话">{app.contactPhone}</Descriptions.Item>
          <Descriptions.Item label="状态">{app.statusLabel}</Descriptions.Item>
          <Descriptions.Item label="提交日期">{app.submittedAt ? formatDate(app.submittedAt) : '未提交'}</Descriptions.Item>
          <Descriptions.Item label="决定日期">{app.decidedAt ? formatDate(app.decidedAt) : '—'}</Descriptions.Item>
          <Descriptions.Item label="申请说明" span={3}>
            {app.note || '—'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title="不予受理情形（申请单位的说明）" style={{ marginBottom: 16 }}>
        <Table
          rowKey="code"
          size="small"
          pagination={false}
          dataSource={app.conditions}
          columns={[
            { title: '情形', key: 'n', width: 70, render: (_v, _c, i) => `情形${i + 1}` },
            { title: '内容', dataIndex: 'text' },
            { title: '是否存在', dataIndex: 'applies', width: 100, render: (v: boolean | null) => (v === null ? '未说明' : v ? '是' : '否') },
            { title: '情况说明', dataIndex: 'statement', render: (v: string) => v || '未填写' },
          ]}
        />
      </Card>
      <Card title="受理审查征求意见" data-testid="application-consultations">
        <Table<ConsultationView> rowKey="id" size="small" pagination={false} dataSource={app.consultations} columns={consultationColumns} locale={{ emptyText: '尚未征求成员单位意见' }} />
      </Card>
      {/* after the 综合评价, for those who read the decision: the organiser, leaders, the applicant */}
      {app.result && app.links.decisionDoc && (
        <Rectifications app={app} canRaise={access.can('evaluation.manage')} canAnswer={access.can('evaluation.apply')} />
      )}
      {editing && <ApplicationFormModal target={editing} onClose={() => setEditing(null)} onSaved={(a) => done(a)} onConflict={() => done()} />}
      {dialog === 'consult' && <ConsultModal application={app} onDone={done} onClose={() => setDialog(null)} />}
      {(dialog === 'return' || dialog === 'refuse' || dialog === 'accept') && <DecisionModal application={app} kind={dialog} onDone={done} onClose={() => setDialog(null)} />}
      {later && (
        <LaterStepModal
          application={app}
          kind={later}
          onClose={() => setLater(null)}
          onDone={(a) => {
            setLater(null);
            if (a) setApp(a);
            else reload();
          }}
        />
      )}
    </>
  );
}

/** 公示 (the window's dates) and 命名 (the naming document's number). */
function LaterStepModal({ application, kind, onClose, onDone }: { application: ApplicationView; kind: 'publicise' | 'name'; onClose: () => void; onDone: (a?: ApplicationView) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const caret = useCaretOnOpen();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    let v: { window?: [{ format: (f: string) => string }, { format: (f: string) => string }]; docNo?: string };
    try {
      v = await form.validateFields();
    } catch {
      return; // the form shows what to fix
    }
    setBusy(true);
    try {
      const body =
        kind === 'publicise'
          ? { event: 'publicise' as const, version: application.version, publicityStart: v.window![0].format('YYYY-MM-DD'), publicityEnd: v.window![1].format('YYYY-MM-DD') }
          : { event: 'name' as const, version: application.version, docNo: v.docNo!.trim() };
      onDone(await transitionApplication(application.id, body));
      message.success(kind === 'publicise' ? '已公示' : '已命名');
    } catch (err) {
      message.error(errorMessage(err));
      if (isConflict(err)) onDone();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal afterOpenChange={caret.afterOpenChange} open title={kind === 'publicise' ? `公示：${application.applicant.name}` : `命名：${application.applicant.name}`} onCancel={onClose} onOk={submit} confirmLoading={busy} okText={kind === 'publicise' ? '公示' : '命名'} cancelText="取消">
      <Form form={form} layout="vertical">
        {kind === 'publicise' ? (
          <Form.Item name="window" label="公示期" extra={`公示期最长${PUBLICITY_MAX_DAYS}天，自今天起${PUBLICITY_MAX_DAYS}天内开始`} rules={[{ required: true, message: '请选择公示的起止日期' }]}>
            {/* the days the server's rule (publicityRefusal) accepts, with the end picked first or not */}
            <DatePicker.RangePicker
              ref={caret.ref}
              style={{ width: '100%' }}
              disabledDate={(d, info) => !publicityDayOpen(d.format('YYYY-MM-DD'), info?.from ? info.from.format('YYYY-MM-DD') : null, chinaToday().format('YYYY-MM-DD'))}
            />
          </Form.Item>
        ) : (
          <Form.Item name="docNo" label="命名文件文号" rules={[{ required: true, message: '请填写命名文件的文号，如湘质强发〔2024〕3号' }]}>
            <Input ref={caret.ref} maxLength={40} placeholder="如湘质强发〔2024〕3号" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
