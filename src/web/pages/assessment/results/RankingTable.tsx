/**
 * The ranking table: rank, unit, total and grade (side by side, in sight at 1366 px: at the end, the grade had scrolled
 * off under the fixed 报告 column), domain subtotals, bonus, deduction, veto.
 */
import { Button, Table, Tag, type TableColumnsType } from 'antd';
import { assessedTermOf, type ResultsView, type UnitResultView } from '../../../../shared/contracts/results';
import { cityReportUrl, feedbackDocxUrl } from '../../../api/results';
import { gradeColor } from '../../../../shared/charts/theme';

/** documents: whether the unit reports and 反馈意见书 can be downloaded yet (after the preliminary results are announced) */
export default function RankingTable({ view, documents }: { view: ResultsView; documents: boolean }) {
  const reportColumn: TableColumnsType<UnitResultView>[number] = {
    title: '报告',
    key: 'report',
    width: 112,
    // kept in sight at 1366×768 while the domain columns scroll (it had scrolled off the right edge)
    fixed: 'right',
    render: (_: unknown, u) =>
      view.scope === 'all' || u.criteria.length > 0 ? (
        <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-start' }}>
          <Button size="small" type="link" href={cityReportUrl(view.cycleId, u.unitId)}>
            下载报告
          </Button>
          {u.total !== null && (
            <Button size="small" type="link" href={feedbackDocxUrl(view.cycleId, u.unitId)}>
              反馈意见书
            </Button>
          )}
        </div>
      ) : null,
  };
  const columns: TableColumnsType<UnitResultView> = [
    { title: '排名', dataIndex: 'rank', width: 64, fixed: 'left', render: (r: number | null) => r ?? '—' },
    { title: assessedTermOf(view), dataIndex: 'unitName', width: 110, fixed: 'left' },
    { title: '总分', dataIndex: 'total', width: 80, render: (t: string | null) => <b>{t ?? '—'}</b> },
    { title: '等级', dataIndex: 'grade', width: 70, render: (g: string | null) => (g ? <Tag color={gradeColor(g)}>{g}</Tag> : '—') },
    ...view.domains.map((d) => ({
      title: `${d.title}（${d.points}）`,
      key: d.code,
      width: 100,
      render: (_: unknown, u: UnitResultView) => u.sections.find((s) => s.code === d.code)?.score ?? '—',
    })),
    { title: '加分', dataIndex: 'bonus', width: 70, render: (x: string | null) => x ?? '—' },
    { title: '减分', dataIndex: 'deduction', width: 70, render: (x: string | null) => (x && x !== '0' ? <span style={{ color: '#cf1322' }}>-{x}</span> : (x ?? '—')) },
    { title: '否决', dataIndex: 'veto', width: 70, render: (v: boolean | null) => (v === null ? '—' : v ? <Tag color="red">否决</Tag> : '否') },
    ...(documents ? [reportColumn] : []),
  ];
  return (
    <Table<UnitResultView>
      rowKey="unitId"
      size="small"
      columns={columns}
      dataSource={view.units}
      pagination={false}
      scroll={{ x: 900 }}
      locale={{ emptyText: '暂无结果' }}
    />
  );
}
