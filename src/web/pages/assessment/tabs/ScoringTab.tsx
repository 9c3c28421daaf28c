/**
 * 评分 tab of a cycle (issue 4 §4). What it shows follows the caller's abilities:
 * - an evaluating department (or the office for its own key points): the grid of cities × its criteria;
 * - the office monitoring: the completeness matrix with 催办 / 重新开放, and all scores read-only;
 * - an assessed city: its own self-report per item with evidence.
 */
import { Alert, Empty, Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import type { CycleDetail } from '../../../../shared/contracts/cycles';
import GridPanel from '../scoring/GridPanel';
import ProgressMatrix from '../scoring/ProgressMatrix';
import SelfReportPanel from '../scoring/SelfReportPanel';

export default function ScoringTab({ cycle, reload }: { cycle: CycleDetail; reload: () => void }) {
  const ab = cycle.abilities;
  const [params, setParams] = useSearchParams();
  const scoringStarted = cycle.status === 'scoring' || cycle.status === 'review' || cycle.status === 'published';

  if (ab.as === 'unit') return <SelfReportPanel cycleId={cycle.id} />;
  if (!scoringStarted) return <Empty description="考核方案发布后开始评分" />;

  if (ab.as === 'office') {
    const items = [
      ...(ab.monitor ? [{ key: 'progress', label: '评分进度', children: <ProgressMatrix cycleId={cycle.id} /> }] : []),
      ...(ab.score ? [{ key: 'mine', label: '本单位评分', children: <GridPanel cycleId={cycle.id} view="score" reload={reload} /> }] : []),
      { key: 'all', label: '全部评分（只读）', children: <GridPanel cycleId={cycle.id} view="all" reload={reload} /> },
    ];
    // ?view= opens a sub-tab (the office's 评分 to-do opens 本单位评分); switching keeps it in the address
    const view = items.some((t) => t.key === params.get('view')) ? params.get('view')! : items[0].key;
    return <Tabs items={items} activeKey={view} onChange={(key) => setParams({ tab: 'scoring', view: key }, { replace: true })} destroyOnHidden />;
  }
  if (ab.as === 'department') {
    if (cycle.status === 'scoring' && !ab.score) return <Empty description="本部门在本次考核方案中没有需要评分的考核要点" />;
    return (
      <>
        {!ab.score && cycle.status !== 'scoring' && <Alert style={{ marginBottom: 12 }} type="info" showIcon message="评分阶段已结束，以下为只读。" />}
        <GridPanel cycleId={cycle.id} reload={reload} />
      </>
    );
  }
  return <Empty description="评分由各评价部门进行；结果发布后可在「结果与异议」中查看" />;
}
