/**
 * 考核结果 tab: preliminary results (engine, from the stored scores), the objection window, objections and
 * their answers, final publication, exports and charts. Buttons come from cycle.abilities only.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Empty, Popconfirm, Space, Spin, Tag } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { CycleDetail } from '../../../../shared/contracts/cycles';
import type { CriterionLine, ObjectionView, ResultsView } from '../../../../shared/contracts/results';
import { errorMessage } from '../../../api/client';
import { bulletinDocxUrl, cityReportUrl, feedbackDocxUrl, getResults, listObjections, publishResults, rankingXlsxUrl, signedSheetUrl } from '../../../api/results';
import { useSession } from '../../../access';
import AnswerObjectionModal from '../results/AnswerObjectionModal';
import DepartmentScores from '../results/DepartmentScores';
import ObjectionList from '../results/ObjectionList';
import OpenReviewModal from '../results/OpenReviewModal';
import RaiseObjectionModal from '../results/RaiseObjectionModal';
import RankingTable from '../results/RankingTable';
import ResultCharts from '../results/ResultCharts';
import UnitOwnResult from '../results/UnitOwnResult';

export default function ResultsTab({ cycle, reload }: { cycle: CycleDetail; reload: () => void }) {
  const { message } = App.useApp();
  const session = useSession();
  const ab = cycle.abilities;
  const [view, setView] = useState<ResultsView | null>(null);
  const [objections, setObjections] = useState<ObjectionView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [reviewOpen, setReviewOpen] = useState(false);
  const [objectOn, setObjectOn] = useState<CriterionLine | null>(null);
  const [answering, setAnswering] = useState<ObjectionView | null>(null);
  const [publishing, setPublishing] = useState(false);

  const load = useCallback(async () => {
    if (!ab.readResults) return;
    setLoading(true);
    setError(null);
    try {
      const [v, o] = await Promise.all([getResults(cycle.id, 'totals'), listObjections(cycle.id)]);
      setView(v);
      setObjections(o);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, [cycle.id, ab.readResults]);

  useEffect(() => {
    void load();
  }, [load, cycle.version]);

  const publish = async () => {
    setPublishing(true);
    try {
      await publishResults(cycle.id, cycle.version);
      message.success('最终结果已发布并冻结');
      reload();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setPublishing(false);
    }
  };

  if (!ab.readResults) {
    const why =
      ab.as === 'office'
        ? '考核方案发布、进入评分阶段后才能查看考核结果'
        : ab.as === 'unit'
          ? '初步考核结果将在质强办公布（进入异议期）后查看'
          : '考核结果将在质强办公布初步结果后查看';
    return <Empty description={why} />;
  }

  const own = view?.units.find((u) => u.unitId === session.user?.orgUnit.id && u.criteria.length > 0);
  const canAnswer = (o: ObjectionView) => ab.answerObjections && o.status === 'open' && o.department.id === session.user?.orgUnit.id;
  const showRanking = view && view.scope !== 'criteria' && (view.scope === 'all' || view.stage === 'final');

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {view && (
        <Alert
          type={view.stage === 'final' ? 'success' : 'info'}
          showIcon
          message={
            <Space wrap>
              <Tag color={view.stage === 'final' ? 'green' : 'blue'}>{view.stageLabel}</Tag>
              {view.stage === 'final'
                ? `最终结果已于 ${view.publishedAt?.slice(0, 10)} 发布并冻结`
                : cycle.status === 'review'
                  ? `异议期：${view.objectionStart} 至 ${view.objectionEnd}`
                  : '按已保存的评分实时计算，尚未公布'}
              {view.demo && <Tag color="orange">演示数据</Tag>}
              <span>考核方案第 {view.schemeVersion} 版</span>
            </Space>
          }
        />
      )}
      {error && <Alert type="warning" showIcon message={error} />}

      <Space wrap>
        {ab.events.includes('openReview') && (
          <Button type="primary" onClick={() => setReviewOpen(true)}>
            公布初步结果，开放异议
          </Button>
        )}
        {ab.events.includes('publishResults') && (
          <Popconfirm
            title="发布最终结果"
            description="发布后结果冻结，评分和异议都不能再改。确定发布？"
            okText="发布"
            cancelText="取消"
            onConfirm={publish}
          >
            <Button type="primary" danger loading={publishing}>
              发布最终结果
            </Button>
          </Popconfirm>
        )}
        {showRanking && (
          <Button icon={<DownloadOutlined />} href={rankingXlsxUrl(cycle.id)}>
            下载排名表（Excel）
          </Button>
        )}
        {showRanking && ab.as === 'office' && (
          <Button icon={<DownloadOutlined />} href={bulletinDocxUrl(cycle.id)}>
            {view.stage === 'final' ? '下载考核结果通报（Word）' : '下载初步结果公示（Word）'}
          </Button>
        )}
        {own && (
          <Button icon={<DownloadOutlined />} href={cityReportUrl(cycle.id, own.unitId)}>
            下载本地区结果报告（Word）
          </Button>
        )}
        {ab.as === 'department' && (
          <Button icon={<DownloadOutlined />} href={signedSheetUrl(cycle.id)}>
            下载本部门评分表（Excel，签字盖章用）
          </Button>
        )}
        {own && own.total !== null && (
          <Button icon={<DownloadOutlined />} href={feedbackDocxUrl(cycle.id, own.unitId)}>
            下载反馈意见书（Word）
          </Button>
        )}
      </Space>

      <Spin spinning={loading}>
        {view && (
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            {own && <UnitOwnResult view={view} unit={own} objections={objections} onObject={ab.object ? setObjectOn : undefined} />}
            {showRanking && (
              <Card size="small" title={`排名（${view.stageLabel}）`}>
                <RankingTable view={view} />
              </Card>
            )}
            {view.scope === 'criteria' && (
              <Card size="small" title="本单位评价的考核要点得分">
                <DepartmentScores view={view} />
              </Card>
            )}
            {view.scope !== 'criteria' && <ResultCharts view={view} defaultUnitId={own?.unitId} />}
          </Space>
        )}
      </Spin>

      {(objections.length > 0 || cycle.status === 'review') && (
        <Card size="small" title={ab.as === 'unit' ? '我提出的异议' : ab.as === 'department' ? '向本单位提出的异议' : '异议'}>
          <ObjectionList items={objections} showUnit={ab.as !== 'unit'} canAnswer={canAnswer} onAnswer={setAnswering} />
        </Card>
      )}

      <OpenReviewModal
        cycle={cycle}
        open={reviewOpen}
        onClose={() => setReviewOpen(false)}
        onDone={() => {
          setReviewOpen(false);
          message.success('初步结果已公布，异议期已开放');
          reload();
        }}
      />
      <RaiseObjectionModal
        cycleId={cycle.id}
        criterion={objectOn}
        onClose={() => setObjectOn(null)}
        onDone={() => {
          setObjectOn(null);
          message.success('异议已提出，等待评价部门答复');
          void load();
        }}
      />
      <AnswerObjectionModal
        objection={answering}
        onClose={() => setAnswering(null)}
        onDone={() => {
          setAnswering(null);
          message.success('已答复');
          void load();
        }}
      />
    </Space>
  );
}
