/**
 * 结果与异议 tab: preliminary results (engine, from the stored scores), the objection window, objections and
 * their answers, final publication, exports and charts. Buttons come from cycle.abilities only.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Collapse, Empty, Space, Spin, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { CycleDetail } from '../../../../shared/contracts/cycles';
import { assessedTerm, type CriterionLine, type ObjectionView, type ResultsView } from '../../../../shared/contracts/results';
import { ApiError, errorMessage } from '../../../api/client';
import { bulletinDocxUrl, cityReportUrl, feedbackDocxUrl, getResults, listObjections, publishResults, rankingXlsxUrl, signedSheetUrl } from '../../../api/results';
import { useSession } from '../../../access';
import AnswerObjectionModal from '../results/AnswerObjectionModal';
import ChangeObjectionEndModal from '../results/ChangeObjectionEndModal';
import DepartmentScores from '../results/DepartmentScores';
import ObjectionList from '../results/ObjectionList';
import OpenReviewModal from '../results/OpenReviewModal';
import PublishPreliminaryModal from '../results/PublishPreliminaryModal';
import RaiseObjectionModal from '../results/RaiseObjectionModal';
import RankingTable from '../results/RankingTable';
import ResultCharts from '../results/ResultCharts';
import UnitOwnResult from '../results/UnitOwnResult';
import RaiseFromResult from '../../rectification/RaiseFromResult';
import { chinaDate } from '../../../../shared/deadline';
import { formatDate } from '../../../lib/format';
import { useDocNumber } from '../../../components/DocNumber';
import { objectionEndUnsettled, phaseAllows } from '../../../../shared/workflow/assessment';

export default function ResultsTab({ cycle, reload }: { cycle: CycleDetail; reload: () => void }) {
  const { message, modal } = App.useApp();
  const session = useSession();
  const ab = cycle.abilities;
  const term = assessedTerm(cycle.units.map((u) => u.code));
  const [view, setView] = useState<ResultsView | null>(null);
  const [objections, setObjections] = useState<ObjectionView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const bulletinNo = useDocNumber('bulletin-doc-no', view && ab.as === 'office' ? { kind: view.stage === 'final' ? 'results_bulletin' : 'results_publicity', subject: String(cycle.id) } : null);
  const [loading, setLoading] = useState(false);
  const [reviewOpen, setReviewOpen] = useState(false);
  const [endOpen, setEndOpen] = useState(false);
  const [preliminaryOpen, setPreliminaryOpen] = useState(false);
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

  /** confirm: the office was told of the unanswered objections (the server refuses without it while any is open) */
  const publish = async (confirm: boolean) => {
    setPublishing(true);
    try {
      await publishResults(cycle.id, cycle.version, confirm);
      message.success('最终结果已发布并冻结');
      reload();
    } catch (err) {
      // objections raised meanwhile: the server names them; reload and ask again
      if (err instanceof ApiError && err.status === 409) modal.error({ title: '未发布', content: err.message, onOk: () => void load() });
      else message.error(errorMessage(err));
    } finally {
      setPublishing(false);
    }
  };

  /** 发布最终结果: always asks; during the objection window it says until when and how many objections are unanswered. */
  const askPublish = () => {
    const open = objections.filter((o) => o.status === 'open').length;
    const today = chinaDate(new Date());
    // an end stored without being one (9999-12-31) is no deadline: said as 待定, as the header above says it
    const unsettled = objectionEndUnsettled(cycle, today);
    const windowOpen = !unsettled && !!cycle.objectionEnd && today <= cycle.objectionEnd;
    modal.confirm({
      title: '发布最终结果',
      okText: open > 0 ? `仍然发布（${open}条异议按维持原评分办结）` : '发布',
      okButtonProps: { danger: true },
      cancelText: '取消',
      width: 520,
      content: (
        <Space direction="vertical">
          {unsettled && <Typography.Text>异议期结束日期待定，发布后各{term}不能再提出异议。</Typography.Text>}
          {windowOpen && <Typography.Text>异议期尚未结束（至{cycle.objectionEnd}），发布后各{term}不能再提出异议。</Typography.Text>}
          <Typography.Text strong data-testid="open-objections">
            {open > 0 ? `还有${open}条异议尚未答复。` : '目前没有待答复的异议。'}
          </Typography.Text>
          {open > 0 && <Typography.Text type="danger">仍然发布的，这些异议将按“维持原评分”办结，并记入审计日志。</Typography.Text>}
          <Typography.Text>发布后结果冻结，评分和异议都不能再改。</Typography.Text>
        </Space>
      ),
      onOk: () => publish(open > 0),
    });
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
  // the server says per objection (objectionAnswerRefusal): any department that evaluates its key point
  const canAnswer = (o: ObjectionView) => o.mayAnswer;
  const showRanking = view && view.scope !== 'criteria' && (view.scope === 'all' || view.stage === 'final');
  // documents with totals and grades only once the preliminary results are announced (the server refuses before)
  const documents = phaseAllows(cycle.status, 'resultDocuments');

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
                ? `最终结果已于${view.publishedAt ? formatDate(view.publishedAt) : ''}发布并冻结`
                : cycle.status === 'review'
                  ? `异议期：${view.objectionStart}至${view.objectionEnd ?? '结束日期待定'}`
                  : view.partial
                    ? view.scope === 'all'
                      ? `按已保存的评分实时计算；已向各${term}公布已提交部门的评分`
                      : '已公布部分评价部门的评分，评分未完成'
                    : '按已保存的评分实时计算，尚未公布'}
              {view.demo && <Tag color="orange">演示数据</Tag>}
              <span>考核方案第{view.schemeVersion}版</span>
            </Space>
          }
        />
      )}
      {error && <Alert type="warning" showIcon message={error} />}
      {view?.completeness && !view.completeness.complete && view.scope === 'all' && (
        <Alert
          type="warning"
          showIcon
          data-testid="scoring-incomplete"
          message={
            <Space wrap>
              <Tag color="orange">评分未完成</Tag>
              {`还有${view.completeness.pending.length}个评价部门未提交评分，以下结果按已保存的评分计算，未评的考核要点按0分计`}
            </Space>
          }
          description={
            <Collapse
              ghost
              size="small"
              items={view.completeness.pending.map((d) => ({
                key: d.id,
                label: `${d.name}：未提交${d.missingCount ? `，${d.missingCount}处未评分` : '（已全部评分，待提交）'}`,
                children: d.missingCount ? (
                  <Typography.Text type="secondary">
                    {d.missingCells.join('、')}
                    {d.missingCount > d.missingCells.length ? `等${d.missingCount}处` : ''}
                  </Typography.Text>
                ) : null,
                showArrow: d.missingCount > 0,
                collapsible: d.missingCount > 0 ? undefined : ('disabled' as const),
              }))}
            />
          }
        />
      )}
      {view?.partial && cycle.status === 'scoring' && (
        <Alert
          type="info"
          showIcon
          data-testid="partial-publication"
          message={
            view.scope === 'all'
              ? `已于${formatDate(view.partial.publishedAt)}向各${term}公布${view.partial.departments.length}个已提交部门的初步结果（原因：${view.partial.reason}）`
              : `初步结果（评分未完成）：以下为已提交评分的${view.partial.departments.length}个部门评定的考核要点；总分、排名和等级待全部评价部门提交后公布，届时开放异议`
          }
          description={view.scope === 'all' ? undefined : `公布原因：${view.partial.reason}`}
        />
      )}

      <Space wrap>
        {ab.events.includes('openReview') && (
          <Button
            type="primary"
            disabled={view?.completeness?.complete === false}
            title={view?.completeness?.complete === false ? '须全部评价部门提交评分后才能公布完整的初步结果并开放异议' : undefined}
            onClick={() => setReviewOpen(true)}
          >
            公布初步结果，开放异议
          </Button>
        )}
        {ab.events.includes('publishPreliminary') && view?.completeness && !view.completeness.complete && (
          <Button onClick={() => setPreliminaryOpen(true)}>公布已提交部门的初步结果</Button>
        )}
        {/* the organising office moves the window's end during 异议期 (the server's mayChangeObjectionEnd; objectionWindowRefusal judges the day) */}
        {ab.changeObjectionEnd && <Button onClick={() => setEndOpen(true)}>修改异议期</Button>}
        {ab.events.includes('publishResults') && (
          <Button type="primary" danger loading={publishing} onClick={askPublish}>
            发布最终结果
          </Button>
        )}
        {showRanking && !documents && (
          <Typography.Text type="secondary" data-testid="result-documents-later">
            排名表、初步结果公示和各地区结果报告在公布初步结果、开放异议后提供下载
          </Typography.Text>
        )}
        {showRanking && documents && (
          <Button icon={<DownloadOutlined />} href={rankingXlsxUrl(cycle.id)}>
            下载排名表（Excel）
          </Button>
        )}
        {showRanking && documents && ab.as === 'office' && (
          <Space.Compact>
            {/* the 公文's 文号, printed under the 版头 (optional: without it the line is left for the seal office) */}
            {bulletinNo.input}
            <Button
              icon={<DownloadOutlined />}
              href={bulletinNo.error || bulletinNo.fresh ? undefined : bulletinDocxUrl(cycle.id)}
              onClick={(e) => void bulletinNo.download(bulletinDocxUrl(cycle.id), e)}
              disabled={!!bulletinNo.error}
              data-testid="bulletin-docx"
            >
              {view.stage === 'final' ? '下载考核结果通报（Word）' : '下载初步结果公示（Word）'}
            </Button>
          </Space.Compact>
        )}
        {showRanking && documents && ab.as === 'office' && bulletinNo.error && (
          <Typography.Text type="danger">{bulletinNo.error}</Typography.Text>
        )}
        {own && own.total !== null && documents && (
          <Button icon={<DownloadOutlined />} href={cityReportUrl(cycle.id, own.unitId)}>
            下载本地区结果报告（Word）
          </Button>
        )}
        {ab.as === 'department' && (
          <Button icon={<DownloadOutlined />} href={signedSheetUrl(cycle.id)}>
            下载本部门评分表（Excel，签字盖章用）
          </Button>
        )}
        {own && own.total !== null && documents && (
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
                <RankingTable view={view} documents={documents} issuer={ab.as === 'office'} />
              </Card>
            )}
            {view.scope === 'criteria' && (
              <Card size="small" title="本单位评价的考核要点得分">
                <DepartmentScores view={view} />
              </Card>
            )}
            {view.scope !== 'criteria' && view.units.some((u) => u.total !== null) && <ResultCharts view={view} defaultUnitId={own?.unitId} />}
            <RaiseFromResult cycleId={cycle.id} published={cycle.status === 'published' && view.stage === 'final'} view={view} />
          </Space>
        )}
      </Spin>

      {(objections.length > 0 || cycle.status === 'review') && (
        <Card size="small" title={ab.as === 'unit' ? '我提出的异议' : ab.as === 'department' ? '向本单位提出的异议' : '异议'}>
          <ObjectionList items={objections} showUnit={ab.as !== 'unit'} unitTerm={term} canAnswer={canAnswer} onAnswer={setAnswering} issuer={ab.as === 'office'} />
        </Card>
      )}

      {view?.completeness && (
        <PublishPreliminaryModal
          cycle={cycle}
          pending={view.completeness.pending}
          open={preliminaryOpen}
          onClose={() => setPreliminaryOpen(false)}
          onDone={() => {
            setPreliminaryOpen(false);
            message.success('已公布已提交部门的初步结果');
            reload();
          }}
        />
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
      <ChangeObjectionEndModal
        cycle={cycle}
        open={endOpen}
        onClose={() => setEndOpen(false)}
        onConflict={reload}
        onDone={() => {
          setEndOpen(false);
          message.success('异议期已修改');
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
