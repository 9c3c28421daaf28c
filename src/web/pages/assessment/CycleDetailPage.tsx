/**
 * One assessment cycle: an overview with the workflow steps, and a tab per stage. Tabs and buttons come
 * from cycle.abilities (computed by the server's policy), never from the role on the client.
 */
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Space, Steps, Tabs, Tag } from 'antd';
import { useParams, useSearchParams } from 'react-router-dom';
import type { CycleDetail } from '../../../shared/contracts/cycles';
import { CYCLE_WORKFLOW, objectionWindowText, type CycleStatus } from '../../../shared/workflow/assessment';
import { chinaDate } from '../../../shared/deadline';
import { errorMessage } from '../../api/client';
import { getCycle } from '../../api/cycles';
import { CycleDeadline } from '../../components/Deadline';
import { ErrorBoundary } from '../../components/ErrorBoundary';
import { PageLoading } from '../../components/PageLoading';
import PageHeader from '../../components/PageHeader';
import { formatDate } from '../../lib/format';
import ChangeDeadlineModal from './ChangeDeadlineModal';
import CycleActions from './CycleActions';

const DeclarationsTab = lazy(() => import('./tabs/DeclarationsTab'));
const SchemeTab = lazy(() => import('./tabs/SchemeTab'));
const ScoringTab = lazy(() => import('./tabs/ScoringTab'));
const ResultsTab = lazy(() => import('./tabs/ResultsTab'));
const AuditTab = lazy(() => import('./tabs/AuditTab'));

const ORDER = Object.keys(CYCLE_WORKFLOW.states) as CycleStatus[];

export default function CycleDetailPage() {
  const id = Number(useParams().id);
  const [params, setParams] = useSearchParams();
  const [cycle, setCycle] = useState<CycleDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [deadlineOpen, setDeadlineOpen] = useState(false);
  const { message } = App.useApp();

  const reload = useCallback(() => {
    getCycle(id)
      .then((c) => {
        setCycle(c);
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
  if (!cycle) return <PageLoading />;

  const as = cycle.abilities.as;
  const tabs = [
    { key: 'overview', label: '概况', show: true },
    { key: 'declarations', label: '指标征集与申报', show: as === 'office' || as === 'department' },
    { key: 'scheme', label: '考核方案', show: as === 'office' || as === 'department' || as === 'leader' },
    { key: 'scoring', label: as === 'unit' ? '自评材料' : '评分', show: as !== 'leader' },
    { key: 'results', label: '结果与异议', show: true },
    { key: 'audit', label: '操作记录', show: as === 'office' && cycle.abilities.manage },
  ].filter((t) => t.show);
  const active = tabs.some((t) => t.key === params.get('tab')) ? params.get('tab')! : 'overview';
  const props = { cycle, reload };

  const body = (key: string) => {
    switch (key) {
      case 'declarations':
        return <DeclarationsTab {...props} />;
      case 'scheme':
        return <SchemeTab {...props} />;
      case 'scoring':
        return <ScoringTab {...props} />;
      case 'results':
        return <ResultsTab {...props} />;
      case 'audit':
        return <AuditTab cycle={cycle} />;
      default:
        return (
          <Space direction="vertical" size="large" style={{ width: '100%' }}>
            <Steps
              size="small"
              current={ORDER.indexOf(cycle.status)}
              items={ORDER.map((s) => ({ title: CYCLE_WORKFLOW.states[s] }))}
            />
            <Descriptions bordered size="small" column={2}>
              <Descriptions.Item label="组织单位">{cycle.officeName}</Descriptions.Item>
              <Descriptions.Item label="文号">{cycle.noticeNo ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="发文日期">{cycle.issuedOn ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="申报截止">
                <Space size={8} wrap>
                  <CycleDeadline cycle={cycle} />
                  {/* the cycle's office while the call for indicators runs (the server's mayChangeDeadline; cycleDeadlineRefusal judges the day) */}
                  {cycle.abilities.changeDeadline && (
                    <Button size="small" type="link" onClick={() => setDeadlineOpen(true)}>
                      修改截止日期
                    </Button>
                  )}
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label="联系人">
                {[cycle.contactName, cycle.contactPhone, cycle.contactEmail].filter(Boolean).join('　') || '—'}
              </Descriptions.Item>
              <Descriptions.Item label="异议期">
                <span data-testid="objection-window">{objectionWindowText(cycle, chinaDate(new Date()))}</span>
              </Descriptions.Item>
              {cycle.preliminary && (
                <Descriptions.Item label="提前公布初步结果" span={2}>
                  {formatDate(cycle.preliminary.publishedAt)}公布了已提交评分的{cycle.preliminary.departments.length}个部门的评分（评分未完成）；原因：
                  {cycle.preliminary.reason}
                </Descriptions.Item>
              )}
              <Descriptions.Item label="等级划分" span={2}>
                {cycle.gradeBands.map((b) => `${b.grade} ≥ ${b.min}`).join('；')}
              </Descriptions.Item>
              <Descriptions.Item label={`被考核单位（${cycle.units.length}）`} span={2}>
                {cycle.units.map((u) => u.name).join('、')}
              </Descriptions.Item>
              {/* a cycle whose scheme was not declared by the departments (the 2022 one, taken from seed 000 附件4) says so, not 「（0）」 */}
              <Descriptions.Item label={cycle.departments.length ? `须申报的成员单位（${cycle.departments.length}）` : '须申报的成员单位'} span={2}>
                {cycle.departments.map((d) => d.name).join('、') || '无（本年度未要求成员单位申报考核指标）'}
              </Descriptions.Item>
            </Descriptions>
            <CycleActions cycle={cycle} onChanged={setCycle} />
            <ChangeDeadlineModal
              cycle={cycle}
              open={deadlineOpen}
              onClose={() => setDeadlineOpen(false)}
              onConflict={reload}
              onDone={() => {
                setDeadlineOpen(false);
                message.success('申报截止日期已修改');
                reload();
              }}
            />
          </Space>
        );
    }
  };

  return (
    <>
      <PageHeader
        names={{ '/assessment/:id': cycle.title }}
        tail={active === 'overview' ? undefined : tabs.find((t) => t.key === active)?.label}
        tags={
          <>
            <Tag color="blue">{cycle.statusLabel}</Tag>
            {cycle.demo && <Tag>演示数据</Tag>}
          </>
        }
      />
      <Card>
        <Tabs
          activeKey={active}
          onChange={(key) => setParams(key === 'overview' ? {} : { tab: key }, { replace: true })}
          items={tabs.map((t) => ({
            key: t.key,
            label: t.label,
            children:
              t.key === active ? (
                <ErrorBoundary key={t.key}>
                  <Suspense fallback={<PageLoading />}>{body(t.key)}</Suspense>
                </ErrorBoundary>
              ) : null,
          }))}
        />
      </Card>
    </>
  );
}
