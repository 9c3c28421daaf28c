/** A department's view of the results: its own criteria, for every unit (no totals before publication). */
import { Table, type TableColumnsType } from 'antd';
import { assessedTermOf, type ResultsView, type UnitResultView } from '../../../../shared/contracts/results';

export default function DepartmentScores({ view }: { view: ResultsView }) {
  const codes = view.units[0]?.criteria ?? [];
  const columns: TableColumnsType<UnitResultView> = [
    { title: assessedTermOf(view), dataIndex: 'unitName', width: 110, fixed: 'left' },
    ...codes.map((c) => ({
      title: `${c.code} ${c.itemTitle}`,
      key: c.code,
      width: 130,
      render: (_: unknown, u: UnitResultView) => {
        const x = u.criteria.find((y) => y.code === c.code);
        return x ? <span title={x.explanation}>{x.status === 'missing' ? '未填报' : `${x.score}/${x.maximum}`}</span> : '—';
      },
    })),
    ...(view.stage === 'final' ? [{ title: '总分', dataIndex: 'total', width: 80 }, { title: '排名', dataIndex: 'rank', width: 64 }] : []),
  ];
  return <Table<UnitResultView> rowKey="unitId" size="small" columns={columns} dataSource={view.units} pagination={false} scroll={{ x: 600 }} />;
}
