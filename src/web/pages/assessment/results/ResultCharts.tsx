/** The charts of the results: ranking bars, a per-unit radar of domain score rates, and the year-on-year change. */
import { useState } from 'react';
import { Col, Empty, Row, Select } from 'antd';
import { assessedTermOf, type ResultsView } from '../../../../shared/contracts/results';
import { resultsRadarChart, resultsRankingChart, resultsYearOnYearChart } from '../../../../shared/charts';
import EChart from '../../../components/EChart';
import ChartCard from './ChartCard';

export default function ResultCharts({ view, defaultUnitId }: { view: ResultsView; defaultUnitId?: number }) {
  const stem = `${view.year}年度`;
  const withTotals = view.units.filter((u) => u.total !== null);
  const [unitId, setUnitId] = useState<number | undefined>(defaultUnitId ?? withTotals[0]?.unitId);
  if (withTotals.length === 0) return <Empty description="暂无可显示的总分" />;
  const selected = withTotals.find((u) => u.unitId === unitId) ?? withTotals[0];
  const ranking = resultsRankingChart(view);
  const radar = resultsRadarChart(view, selected.unitId);
  const yoy = resultsYearOnYearChart(view);
  return (
    <Row gutter={[16, 16]}>
      {ranking && (
        <Col xs={24} xl={12}>
          <ChartCard title="总分排名" fileName={`${stem}总分排名`}>
            <EChart label="总分排名" spec={ranking} />
          </ChartCard>
        </Col>
      )}
      {radar && (
        <Col xs={24} xl={12}>
          <ChartCard
            title="各考核领域得分率"
            fileName={`${stem}${selected.unitName}各考核领域得分率`}
            extra={
              withTotals.length > 1 && (
                <Select
                  size="small"
                  style={{ width: 140 }}
                  value={selected.unitId}
                  onChange={setUnitId}
                  options={withTotals.map((u) => ({ value: u.unitId, label: u.unitName }))}
                  aria-label={`选择${assessedTermOf(view)}`}
                />
              )
            }
          >
            <EChart label="各考核领域得分率雷达图" spec={radar} />
          </ChartCard>
        </Col>
      )}
      {yoy && view.previous && (
        <Col span={24}>
          <ChartCard title={`与${view.previous.year}年度比较`} fileName={`${stem}与${view.previous.year}年度比较`}>
            <EChart label="与上年度比较" spec={yoy} />
          </ChartCard>
        </Col>
      )}
    </Row>
  );
}
