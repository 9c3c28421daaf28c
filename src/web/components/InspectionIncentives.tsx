/**
 * The honours roll's 督查激励 entries for one assessed unit, shown read-only beside the yearly assessment's bonus item
 * (质量工作真抓实干督查激励) so the scoring department sees what the roll records. The year is the one the item's
 * standard names (inspectionYear, src/shared/honours/inspection.ts), said on screen with why.
 */
import { useEffect, useState } from 'react';
import { Alert, List, Tag, Typography } from 'antd';
import { errorMessage } from '../api/client';
import { getCycle } from '../api/cycles';
import { inspectionIncentives, type InspectionEntry } from '../api/honours';
import { inspectionYear, type InspectionCriterion } from '../../shared/honours/inspection';

export default function InspectionIncentives({ cycleId, unitId, criterion }: { cycleId: number; unitId: number; criterion: InspectionCriterion }) {
  const [state, setState] = useState<{ year: number; why: string; warn: boolean; items: InspectionEntry[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    getCycle(cycleId)
      .then(async (c) => {
        const y = inspectionYear(criterion, c.year);
        return { ...y, items: await inspectionIncentives(y.year, unitId) };
      })
      .then((s) => live && setState(s), (err) => live && setError(errorMessage(err)));
    return () => {
      live = false;
    };
  }, [cycleId, unitId, criterion]);
  if (error) return <Alert type="info" showIcon message={`荣誉名录中的督查激励无法读取：${error}`} />;
  if (!state) return null;
  return (
    <div data-testid="inspection-incentives" style={{ marginTop: 16 }}>
      <Typography.Text strong>荣誉名录中的督查激励（{state.year}年度，仅供参考）</Typography.Text>
      <Typography.Text type={state.warn ? 'warning' : 'secondary'} style={{ display: 'block', fontSize: 12 }} data-testid="inspection-year-why">
        {state.why}
      </Typography.Text>
      <List
        size="small"
        locale={{ emptyText: `名录中没有该单位${state.year}年度的督查激励` }}
        dataSource={state.items}
        renderItem={(h) => (
          <List.Item>
            <span>
              {h.kindName}：{h.awardee} <Tag color="green">加{h.bonusPoints}分</Tag>
              {h.demo && <Tag>演示数据</Tag>}
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {h.sourceDoc}
              </Typography.Text>
            </span>
          </List.Item>
        )}
      />
    </div>
  );
}
