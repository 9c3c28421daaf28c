/** A city's own result: total, rank, grade, every lost point with its reason, 提出异议 within the window. */
import { Card, Descriptions, Tag } from 'antd';
import type { CriterionLine, ObjectionView, ResultsView, UnitResultView } from '../../../../shared/contracts/results';
import LostPointsTable from './LostPointsTable';
import { gradeColor } from '../../../../shared/charts/theme';

export default function UnitOwnResult({
  view,
  unit,
  objections,
  onObject,
}: {
  view: ResultsView;
  unit: UnitResultView;
  objections: ObjectionView[];
  onObject?: (c: CriterionLine) => void;
}) {
  return (
    <Card size="small" title={`${unit.unitName}${view.stageLabel}`}>
      <Descriptions size="small" column={{ xs: 1, md: 3 }} bordered>
        <Descriptions.Item label="总分">
          <b>{unit.total ?? '评分未完成'}</b>
        </Descriptions.Item>
        <Descriptions.Item label="排名">{unit.rank === null ? '—' : `第${unit.rank}名`}</Descriptions.Item>
        <Descriptions.Item label="等级">{unit.grade ? <Tag color={gradeColor(unit.grade)}>{unit.grade}</Tag> : '—'}</Descriptions.Item>
        {unit.sections.map((s) => (
          <Descriptions.Item key={s.code} label={s.title}>
            {s.role === 'veto' ? (unit.veto ? <Tag color="red">否决</Tag> : '否') : `${s.score} / ${s.maximum}`}
          </Descriptions.Item>
        ))}
      </Descriptions>
      <h4 style={{ marginTop: 16 }}>失分情况及原因</h4>
      <LostPointsTable criteria={unit.criteria} objections={objections} onObject={onObject} />
    </Card>
  );
}
