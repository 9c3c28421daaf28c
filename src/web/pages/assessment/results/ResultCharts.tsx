/** The charts of the results: ranking bars, a per-unit radar of domain score rates, and the year-on-year change. */
import { useState } from 'react';
import { Col, Empty, Row, Select } from 'antd';
import type { ResultsView, UnitResultView } from '../../../../shared/contracts/results';
import { domainRadarChart, PRIMARY, rankingChart, SECONDARY, toNum, yearOnYearChart } from '../../../../shared/charts';
import EChart from '../../../components/EChart';
import ChartCard from './ChartCard';

const rates = (v: ResultsView, u: UnitResultView) =>
  v.domains.map((d) => {
    const s = u.sections.find((x) => x.code === d.code);
    const points = Number(d.points);
    return s && points > 0 ? Number(s.score) / points : 0;
  });

export default function ResultCharts({ view, defaultUnitId }: { view: ResultsView; defaultUnitId?: number }) {
  const stem = `${view.year}年度`;
  const withTotals = view.units.filter((u) => u.total !== null);
  const [unitId, setUnitId] = useState<number | undefined>(defaultUnitId ?? withTotals[0]?.unitId);
  if (withTotals.length === 0) return <Empty description="暂无可显示的总分" />;
  const selected = withTotals.find((u) => u.unitId === unitId) ?? withTotals[0];
  const withSections = withTotals.filter((u) => u.sections.length > 0);
  const average = view.domains.map((_, i) => withSections.reduce((s, u) => s + rates(view, u)[i], 0) / Math.max(1, withSections.length));
  const prev = view.previous;
  return (
    <Row gutter={[16, 16]}>
      {withTotals.length > 1 && (
        <Col xs={24} xl={12}>
          <ChartCard title="总分排名" fileName={`${stem}总分排名`}>
            <EChart
              label="总分排名"
              spec={rankingChart(withTotals.map((u) => ({ name: u.unitName, total: toNum(u.total) ?? 0, rank: u.rank, grade: u.grade, veto: !!u.veto })))}
            />
          </ChartCard>
        </Col>
      )}
      {view.domains.length >= 3 && (
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
                  aria-label="选择市州"
                />
              )
            }
          >
            <EChart
              label="各考核领域得分率雷达图"
              spec={domainRadarChart(view.domains, [
                { name: selected.unitName, values: rates(view, selected), color: PRIMARY },
                ...(withSections.length > 1 ? [{ name: '各市州平均', values: average, color: SECONDARY, dashed: true }] : []),
              ])}
            />
          </ChartCard>
        </Col>
      )}
      {prev && (
        <Col span={24}>
          <ChartCard title={`与 ${prev.year} 年度比较`} fileName={`${stem}与${prev.year}年度比较`}>
            <EChart
              label="与上年度比较"
              spec={yearOnYearChart(
                withTotals.map((u) => ({
                  name: u.unitName,
                  current: toNum(u.total),
                  previous: toNum(prev.units.find((p) => p.unitCode === u.unitCode)?.total ?? null),
                })),
                prev.year,
                view.year,
              )}
            />
          </ChartCard>
        </Col>
      )}
    </Row>
  );
}
