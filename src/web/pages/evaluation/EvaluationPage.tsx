/**
 * 创建评价: the rounds the user takes part in, each with its applications. The office opens a round and closes or
 * reopens its applications; a city or county applies to an open round; a member department sees the
 * eligibility consultations sent to it (待回复 first). The server decides who sees which round and application.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Empty, Form, Input, InputNumber, Modal, Popconfirm, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { createRoundBody, type ApplicationView, type ConsultationView, type RoundView } from '../../../shared/contracts/evaluation';
import { ROUND_WORKFLOW } from '../../../shared/workflow/evaluation';
import { errorMessage } from '../../api/client';
import { createRound, listApplications, listConsultations, listRounds, transitionRound } from '../../api/evaluation';
import { useAccess } from '../../access';
import PageHeader from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';
import { validated, yearRules } from '../../lib/forms';
import { chinaYear, formatDate, formatDateTime } from '../../lib/format';
import ApplicationFormModal from './ApplicationFormModal';
import { ApplicationStatusTag, ConsultationStatusTag, RoundStatusTag, showNestedFieldErrors } from './common';
import { useCaretOnOpen } from '../../lib/useCaretOnOpen';

interface Loaded {
  rounds: RoundView[];
  applications: ApplicationView[];
  consultations: ConsultationView[] | null;
}

/** the 自评's state in the list: submitted (the office can start the 资料评审) green, begun blue, not begun grey */
const SELF_COLOR: Record<NonNullable<ApplicationView['self']>['status'], string> = { none: 'default', open: 'processing', submitted: 'success' };

const applicationColumns: TableColumnsType<ApplicationView> = [
  { title: '申请单位', dataIndex: ['applicant', 'name'], width: 180, render: (name: string, a) => <Link to={`/evaluation/applications/${a.id}`}>{name}</Link> },
  { title: '状态', dataIndex: 'statusLabel', width: 140, render: (label: string, a) => <ApplicationStatusTag status={a.status} label={label} /> },
  {
    title: '自评',
    key: 'self',
    width: 130,
    render: (_, a) => (a.self ? <Tag color={SELF_COLOR[a.self.status]} data-self={a.self.status}>{a.self.label}</Tag> : '—'),
  },
  { title: '提交日期', dataIndex: 'submittedAt', width: 120, render: (v: string | null) => (v ? formatDate(v) : '未提交') },
  {
    title: '不予受理情形及理由',
    dataIndex: 'refusal',
    render: (r: ApplicationView['refusal']) =>
      r ? (
        <span data-testid="refusal">
          {r.text}；{r.reason}
        </span>
      ) : (
        '—'
      ),
  },
];

/** 开启评价批次: the year and the title (the score sheet is DB43 表A.1). */
function OpenRoundModal({ rounds, onClose, onOpened }: { rounds: RoundView[]; onClose: () => void; onOpened: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ year: number; title: string }>();
  const caret = useCaretOnOpen();
  const [saving, setSaving] = useState(false);
  const year = Math.max(chinaYear() - 1, ...rounds.map((r) => r.year)) + 1;
  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    const parsed = createRoundBody.safeParse(v);
    if (!parsed.success) {
      form.setFields(parsed.error.issues.map((i) => ({ name: String(i.path[0] ?? 'title') as 'year' | 'title', errors: [i.message] })));
      return;
    }
    setSaving(true);
    try {
      const r = await createRound(parsed.data);
      message.success(`已开启「${r.title}」，市州、县市区可以申请`);
      onOpened();
      onClose();
    } catch (err) {
      showNestedFieldErrors(form, err, ['year', 'title']);
      message.error(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal afterOpenChange={caret.afterOpenChange} open title="开启评价批次" okText="开启" confirmLoading={saving} onOk={submit} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ year, title: `${year}年度质量强市（县）创建评价` }}>
        <Form.Item name="year" label="评价年度" rules={yearRules('评价年度')}>
          <InputNumber ref={caret.ref} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="title" label="标题" rules={[{ required: true, message: '请填写标题' }]} extra="评分表为《质量强市（区、县）创建和评价规范》表A.1。">
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** the round's moves the server offers the caller (abilities.events: the organiser, from the round's state) */
function RoundActions({ round, onChanged }: { round: RoundView; onChanged: () => void }) {
  const { message } = App.useApp();
  const t = ROUND_WORKFLOW.transitions.find((x) => round.abilities.events.includes(x.event));
  if (!t) return null;
  return (
    <Popconfirm
      title={`确定「${t.label}」？`}
      onConfirm={async () => {
        try {
          await transitionRound(round.id, t.event, round.version);
          message.success(`已${t.label}`);
        } catch (err) {
          message.error(errorMessage(err));
        }
        onChanged();
      }}
    >
      <Button data-testid={`round-${t.event}`}>{t.label}</Button>
    </Popconfirm>
  );
}

function ConsultationList({ items }: { items: ConsultationView[] }) {
  const sorted = [...items].sort((a, b) => (a.status === b.status ? b.askedAt.localeCompare(a.askedAt) : a.status === 'pending' ? -1 : 1));
  const columns: TableColumnsType<ConsultationView> = [
    { title: '申请单位', dataIndex: ['applicant', 'name'], width: 180, render: (name: string, c) => <Link to={`/evaluation/applications/${c.applicationId}`}>{name}</Link> },
    { title: '征求意见的情形', dataIndex: 'conditions', render: (cs: ConsultationView['conditions']) => cs.map((c) => c.text).join('；') },
    { title: '征求时间', dataIndex: 'askedAt', width: 160, render: (v: string) => formatDateTime(v) },
    { title: '状态', dataIndex: 'statusLabel', width: 100, render: (label: string, c) => <ConsultationStatusTag status={c.status} label={label} /> },
    {
      title: '操作',
      key: 'op',
      width: 100,
      render: (_v, c) => <Link to={`/evaluation/applications/${c.applicationId}`}>{c.mayAnswer ? '回复' : '查看'}</Link>,
    },
  ];
  return (
    <Card title="受理审查征求意见" style={{ marginBottom: 16 }} data-testid="consultations">
      <Table<ConsultationView> rowKey="id" columns={columns} dataSource={sorted} pagination={false} locale={{ emptyText: '暂无征求意见' }} />
    </Card>
  );
}

export default function EvaluationPage() {
  const access = useAccess();
  const navigate = useNavigate();
  const [data, setData] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [opening, setOpening] = useState(false);
  const [applyTo, setApplyTo] = useState<{ round: RoundView } | null>(null);
  const consults = access.can('evaluation.consult');

  const load = useCallback(() => {
    Promise.all([listRounds(), listApplications(), consults ? listConsultations() : Promise.resolve(null)])
      .then(([rounds, applications, consultations]) => {
        setData({ rounds, applications, consultations });
        setError(null);
      })
      .catch((err) => setError(errorMessage(err)));
  }, [consults]);
  useEffect(load, [load]);

  const manage = access.can('evaluation.manage');
  const apply = access.can('evaluation.apply');
  return (
    <>
      <PageHeader
        extra={
          <Space wrap>
            <Link to="/evaluation/register">
              <Button data-testid="evaluation-register-link">已命名名录</Button>
            </Link>
            {manage && (
              <Link to="/evaluation/experts">
                <Button data-testid="evaluation-experts-link">专家库</Button>
              </Link>
            )}
            {manage && (
              <Link to="/evaluation/peer-tables">
                <Button data-testid="evaluation-peer-tables-link">同级比较表</Button>
              </Link>
            )}
            {manage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpening(true)} disabled={!data}>
                开启评价批次
              </Button>
            )}
          </Space>
        }
      />
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      {!data && !error && <PageLoading />}
      {data?.consultations && <ConsultationList items={data.consultations} />}
      {data && data.rounds.length === 0 && (
        <Card>
          <Empty description={manage ? '暂无评价批次，请开启评价批次' : '暂无可参与的评价批次'} />
        </Card>
      )}
      {data && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          {data.rounds.map((r) => {
            const apps = data.applications.filter((a) => a.round.id === r.id);
            // the server's applyRefusal: a city or county the round takes, while it is open, once
            const canApply = r.abilities.apply;
            return (
              <Card
                key={r.id}
                data-testid={`round-${r.year}`}
                title={
                  <Space>
                    <span>{r.title}</span>
                    <RoundStatusTag status={r.status} label={r.statusLabel} />
                  </Space>
                }
                extra={
                  <Space>
                    <RoundActions round={r} onChanged={load} />
                    {canApply && (
                      <Button type="primary" onClick={() => setApplyTo({ round: r })}>
                        申请创建评价
                      </Button>
                    )}
                  </Space>
                }
              >
                <Descriptions size="small" column={3} style={{ marginBottom: 12 }}>
                  <Descriptions.Item label="评价年度">{r.year}</Descriptions.Item>
                  <Descriptions.Item label="评价组织单位">{r.organiser.name}</Descriptions.Item>
                  <Descriptions.Item label="申请数">
                    {r.applications}
                    {/* the batch's count; an expert or an applicant sees only its own below */}
                    {apps.length > 0 && apps.length < r.applications ? `（下方列出您可查看的${apps.length}份）` : ''}
                  </Descriptions.Item>
                </Descriptions>
                {apps.length > 0 ? (
                  <Table<ApplicationView> rowKey="id" size="small" columns={applicationColumns} dataSource={apps} pagination={false} />
                ) : (
                  <Typography.Text type="secondary">{apply ? (r.status === 'open' ? '本单位尚未申请' : '本单位未申请，本批次已截止申请') : '暂无申请'}</Typography.Text>
                )}
              </Card>
            );
          })}
        </Space>
      )}
      {opening && data && <OpenRoundModal rounds={data.rounds} onClose={() => setOpening(false)} onOpened={load} />}
      {applyTo && <ApplicationFormModal target={applyTo} onClose={() => setApplyTo(null)} onSaved={(a) => navigate(`/evaluation/applications/${a.id}`)} onConflict={() => {
            setApplyTo(null);
            load();
          }} />}
    </>
  );
}
