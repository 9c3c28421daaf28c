/** Every point a unit lost, with the engine's explanation and the evaluating department's comment; 提出异议 per key point. */
import { Button, Table, Tag, type TableColumnsType } from 'antd';
import type { CriterionLine, ObjectionView } from '../../../../shared/contracts/results';
import { objectionAgainBlock } from '../../../../shared/workflow/assessment';

const ROLE = { base: '基本项', bonus: '加分项', deduction: '减分项', veto: '否决项' } as const;

export default function LostPointsTable({
  criteria,
  objections,
  onObject,
  showAll,
}: {
  criteria: CriterionLine[];
  objections: ObjectionView[];
  /** present when the caller may object now */
  onObject?: (c: CriterionLine) => void;
  /** show every criterion, not only those with lost points */
  showAll?: boolean;
}) {
  const rows = showAll ? criteria : criteria.filter((c) => c.lost !== '0' || c.status === 'missing' || (c.role === 'veto' && c.status === 'met'));
  // the unit's latest objection on each key point (ids ascend): 提出异议 is offered as the server takes it (objectionAgainBlock)
  const latest = new Map([...objections].sort((a, b) => a.id - b.id).map((o) => [`${o.itemCode}.${o.criterionCode}`, o]));
  const act = (c: CriterionLine) => {
    const block = objectionAgainBlock(latest.get(c.code));
    if (block === 'pending') return <Tag color="orange">异议待答复</Tag>;
    if (block === 'upheld') return <Tag>已复核，维持原评分</Tag>;
    return (
      <Button size="small" onClick={() => onObject?.(c)}>
        提出异议
      </Button>
    );
  };
  const columns: TableColumnsType<CriterionLine> = [
    { title: '序号', dataIndex: 'code', width: 64 },
    { title: '考核内容', dataIndex: 'itemTitle', width: 150, render: (t: string, c) => <>{t} <Tag>{ROLE[c.role]}</Tag></> },
    { title: '考核要点', dataIndex: 'title', ellipsis: true },
    { title: '得分/分值', key: 'score', width: 96, render: (_: unknown, c) => `${c.score}/${c.maximum}` },
    { title: '失分', dataIndex: 'lost', width: 70, render: (l: string, c) => (l === '0' ? '—' : <span style={{ color: '#cf1322' }}>{c.role === 'deduction' ? `减${l}` : l}</span>) },
    { title: '评分说明', dataIndex: 'explanation', width: 220 },
    { title: '扣分理由（评价部门）', key: 'comment', width: 200, render: (_: unknown, c) => `${c.department?.name ?? ''}${c.comment ? `：${c.comment}` : ''}` },
    ...(onObject
      ? [
          {
            title: '操作',
            key: 'act',
            width: 100,
            render: (_: unknown, c: CriterionLine) => act(c),
          },
        ]
      : []),
  ];
  return <Table<CriterionLine> rowKey="code" size="small" columns={columns} dataSource={rows} pagination={false} locale={{ emptyText: '没有失分' }} />;
}
