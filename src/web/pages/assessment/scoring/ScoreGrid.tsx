/**
 * The scoring grid: assessed units (rows) × the caller's criteria (columns). A cell shows the stored answer and
 * the engine's score; clicking it opens the editor. The last column is the engine's live total of these criteria.
 */
import { useMemo, useState } from 'react';
import { Alert, Button, Drawer, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { CommentOutlined, PaperClipOutlined } from '@ant-design/icons';
import type { CriterionDef, ScoreCell, ScoringGrid } from '../../../../shared/contracts/scoring';
import ScoreCellEditor from './ScoreCellEditor';
import SubmitButton from './SubmitButton';
import { answerText, RULE_HINT, unitTotal } from './engine';

type Unit = ScoringGrid['units'][number];
const k = (unitId: number, key: string) => `${unitId}/${key}`;

interface Props {
  cycleId: number;
  grid: ScoringGrid;
  onChange: (grid: ScoringGrid) => void;
  reload: () => void;
  /** another page of units (when the grid came a page at a time) */
  onPage?: (page: number) => void;
}

function CriterionHeader({ c }: { c: CriterionDef }) {
  return (
    <Tooltip
      title={
        <div style={{ maxWidth: 360 }}>
          <div>{c.itemTitle}</div>
          <div>{c.title}</div>
          {c.details.map((d, i) => (
            <div key={i}>
              · {d.text}（{d.points}分）
            </div>
          ))}
          <div>评价部门：{c.evaluators.map((e) => e.name).join('、')}</div>
        </div>
      }
    >
      <div style={{ lineHeight: 1.3 }}>
        <div>
          <Typography.Text strong>{c.key}</Typography.Text> {c.role === 'bonus' ? <Tag color="green">加分</Tag> : c.role === 'deduction' ? <Tag color="orange">减分</Tag> : c.role === 'veto' ? <Tag color="red">否决</Tag> : null}
        </div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {c.points} 分 · {RULE_HINT[c.rule.type] ?? c.rule.type}
        </Typography.Text>
      </div>
    </Tooltip>
  );
}

export default function ScoreGrid({ cycleId, grid, onChange, reload, onPage }: Props) {
  const [open, setOpen] = useState<{ unit: Unit; c: CriterionDef } | null>(null);
  const cells = useMemo(() => new Map(grid.cells.map((c) => [k(c.unitId, `${c.itemCode}.${c.criterionCode}`), c])), [grid.cells]);
  const reports = useMemo(() => new Map(grid.selfReports.map((r) => [`${r.unitId}/${r.itemCode}`, r])), [grid.selfReports]);
  const own = grid.criteria.filter((c) => c.editable);
  const missing = grid.editable ? grid.units.flatMap((u) => own.filter((c) => !cells.has(k(u.id, c.key))).map((c) => `${u.name} · ${c.key} 未评分`)) : [];

  const replaceCell = (unitId: number, c: CriterionDef, cell: ScoreCell | null) => {
    const rest = grid.cells.filter((x) => !(x.unitId === unitId && x.itemCode === c.itemCode && x.criterionCode === c.criterionCode));
    onChange({ ...grid, cells: cell ? [...rest, cell] : rest });
  };

  const columns: ColumnsType<Unit> = [
    { title: '被考核单位', dataIndex: 'name', fixed: 'left', width: 110 },
    ...grid.criteria.map((c) => ({
      key: c.key,
      title: <CriterionHeader c={c} />,
      width: 120,
      render: (_: unknown, u: Unit) => {
        const cell = cells.get(k(u.id, c.key));
        return (
          <Button
            type="text"
            size="small"
            style={{ width: '100%', height: 'auto', textAlign: 'left', padding: '2px 4px', background: cell ? undefined : c.editable ? '#fff7e6' : undefined }}
            onClick={() => setOpen({ unit: u, c })}
            aria-label={`${u.name} ${c.key}`}
          >
            {cell ? (
              <span>
                <Typography.Text strong>{cell.score ?? '—'}</Typography.Text>
                {c.rule.type !== 'direct' && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {' '}
                    ({answerText(cell.answer, c)})
                  </Typography.Text>
                )}
                {cell.comment && <CommentOutlined style={{ marginLeft: 4, color: '#999' }} />}
                {cell.evidence.length > 0 && (
                  <span style={{ marginLeft: 4, color: '#999' }}>
                    <PaperClipOutlined />
                    {cell.evidence.length}
                  </span>
                )}
              </span>
            ) : (
              <Typography.Text type="secondary">{c.editable ? '未评分' : '—'}</Typography.Text>
            )}
          </Button>
        );
      },
    })),
    {
      key: 'total',
      title: grid.view === 'all' ? '合计（引擎）' : '本部门评分合计',
      fixed: 'right',
      width: 130,
      render: (_: unknown, u: Unit) => {
        const mine = grid.cells.filter((c) => c.unitId === u.id);
        const t = unitTotal(grid.framework, u.code, mine);
        if (!t) return '—';
        return (
          <span data-testid={`total-${u.code}`}>
            <Typography.Text strong>{t.score}</Typography.Text>
            {t.bonus !== '0' && <Typography.Text type="success"> +{t.bonus}</Typography.Text>}
            {t.deduction !== '0' && <Typography.Text type="danger"> −{t.deduction}</Typography.Text>}
            {t.veto && <Tag color="red">否决</Tag>}
            <div style={{ fontSize: 12, color: '#999' }}>
              已评 {t.scored}/{grid.criteria.length}
            </div>
          </span>
        );
      },
    },
  ];

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {grid.submission?.reopenReason && grid.submission.status === 'open' && (
        <Alert type="warning" showIcon message={`质强办已重新开放评分：${grid.submission.reopenReason}`} />
      )}
      {grid.submission?.status === 'submitted' && <Alert type="success" showIcon message="本部门评分已提交并锁定；如需修改，请联系质强办重新开放。" />}
      <Space wrap>
        {grid.submission && <Tag color={grid.submission.status === 'submitted' ? 'green' : 'blue'}>{grid.submission.statusLabel}</Tag>}
        {grid.editable && (
          <Typography.Text type="secondary">
            已评 {grid.units.length * own.length - missing.length} / {grid.units.length * own.length} 项
          </Typography.Text>
        )}
        {grid.editable && <SubmitButton cycleId={cycleId} missing={missing} onSubmitted={reload} />}
      </Space>
      <Table<Unit>
        rowKey="id"
        size="small"
        bordered
        pagination={
          grid.pageSize < grid.unitTotal
            ? { current: grid.page, pageSize: grid.pageSize, total: grid.unitTotal, showSizeChanger: false, onChange: onPage, showTotal: (n) => `共 ${n} 个被考核单位` }
            : false
        }
        columns={columns}
        dataSource={grid.units}
        scroll={{ x: 'max-content' }}
      />
      <Drawer width={440} open={!!open} onClose={() => setOpen(null)} title="评分" destroyOnHidden>
        {open && (
          <ScoreCellEditor
            key={`${open.unit.id}/${open.c.key}`}
            cycleId={cycleId}
            framework={grid.framework}
            unit={open.unit}
            criterion={open.c}
            cell={cells.get(k(open.unit.id, open.c.key))}
            selfReport={reports.get(`${open.unit.id}/${open.c.itemCode}`)}
            editable={grid.editable && open.c.editable}
            onSaved={(cell) => replaceCell(open.unit.id, open.c, cell)}
          />
        )}
      </Drawer>
    </Space>
  );
}
