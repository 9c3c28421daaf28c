/**
 * One creation-evaluation application: its status, applicant and round; the four 不予受理情形 as declared; the
 * consultations of the eligibility review; a refusal or return reason. The buttons come from `abilities` (the
 * server's policy); a member department with an open consultation answers it here.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Popconfirm, Space, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { useParams } from 'react-router-dom';
import type { ApplicationView, ConsultationView } from '../../../shared/contracts/evaluation';
import { APPLICATION_WORKFLOW } from '../../../shared/workflow/evaluation';
import { errorMessage } from '../../api/client';
import { getApplication, transitionApplication } from '../../api/evaluation';
import { useAccess } from '../../access';
import PageHeader from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';
import { formatDate, formatDateTime } from '../../lib/format';
import ApplicationFormModal from './ApplicationFormModal';
import { ApplicationStatusTag, ConsultationStatusTag, isConflict } from './common';
import { AnswerForm, ConsultModal, DecisionModal } from './DecisionModals';

type Dialog = 'edit' | 'consult' | 'return' | 'refuse' | null;

const label = (event: string) => APPLICATION_WORKFLOW.transitions.find((t) => t.event === event)?.label ?? '';

export default function ApplicationPage() {
  const id = Number(useParams().id);
  const { message } = App.useApp();
  const access = useAccess();
  const [app, setApp] = useState<ApplicationView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [editing, setEditing] = useState<{ application: ApplicationView } | null>(null);

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

  const move = async (event: 'submit' | 'accept') => {
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
  const pending = access.can('evaluation.consult') ? app.consultations.find((c) => c.status === 'pending') : undefined;
  const ab = app.abilities;

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
            {ab.decide && (
              <>
                <Popconfirm title="确定受理该申请？" onConfirm={() => move('accept')}>
                  <Button type="primary" data-testid="application-accept">
                    受理
                  </Button>
                </Popconfirm>
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
      {editing && <ApplicationFormModal target={editing} onClose={() => setEditing(null)} onSaved={(a) => done(a)} onConflict={() => done()} />}
      {dialog === 'consult' && <ConsultModal application={app} onDone={done} onClose={() => setDialog(null)} />}
      {(dialog === 'return' || dialog === 'refuse') && <DecisionModal application={app} kind={dialog} onDone={done} onClose={() => setDialog(null)} />}
    </>
  );
}
