/**
 * The ranking table: rank, unit, total and grade (side by side, in sight at 1366 px: at the end, the grade had scrolled
 * off under the fixed 报告 column), domain subtotals, bonus, deduction, veto.
 */
import { Table, Tag, type TableColumnsType } from 'antd';
import { unitDocSubject } from '../../../../shared/contracts/docnumbers';
import { NumberedDownload } from '../../../components/DocNumber';
import { assessedTermOf, type ResultsView, type UnitResultView } from '../../../../shared/contracts/results';
import { cityReportUrl, feedbackDocxUrl } from '../../../api/results';
import { gradeColor } from '../../../../shared/charts/theme';

const UNIT_DOCS = {
  report: { url: cityReportUrl, kind: 'results_report', title: '考核结果报告', label: '下载报告' },
  feedback: { url: feedbackDocxUrl, kind: 'results_feedback', title: '考核反馈意见书', label: '反馈意见书' },
} as const;

/**
 * documents: whether the unit reports and 反馈意见书 can be downloaded yet (after the preliminary results are announced);
 * issuer: the organising office, which gives each unit's 公文 its 文号 as it downloads it
 */
export default function RankingTable({ view, documents, issuer = false }: { view: ResultsView; documents: boolean; issuer?: boolean }) {
  /** a unit's 公文, numbered by the organising office as it downloads it (NumberedDownload) */
  const unitDoc = (u: UnitResultView, which: keyof typeof UNIT_DOCS) => (
    <NumberedDownload
      size="small"
      type="link"
      url={UNIT_DOCS[which].url(view.cycleId, u.unitId)}
      doc={{ kind: UNIT_DOCS[which].kind, subject: unitDocSubject(view.cycleId, u.unitId, view.stage) }}
      issuer={issuer}
      title={`${u.unitName}${UNIT_DOCS[which].title}`}
      testId={`${which}-docx-${u.unitId}`}
    >
      {UNIT_DOCS[which].label}
    </NumberedDownload>
  );
  const reportColumn: TableColumnsType<UnitResultView>[number] = {
    title: '报告',
    key: 'report',
    width: 112,
    // kept in sight at 1366×768 while the domain columns scroll (it had scrolled off the right edge)
    fixed: 'right',
    render: (_: unknown, u) =>
      view.scope === 'all' || u.criteria.length > 0 ? (
        <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-start' }}>
          {unitDoc(u, 'report')}
          {u.total !== null && unitDoc(u, 'feedback')}
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
