/**
 * The honours roll's 督查激励 entries for one assessed unit and the cycle's year, shown read-only beside the yearly
 * assessment's bonus item (质量工作真抓实干督查激励) so the scoring department sees what the roll records.
 */
import { useEffect, useState } from 'react';
import { Alert, List, Tag, Typography } from 'antd';
import { errorMessage } from '../api/client';
import { getCycle } from '../api/cycles';
import { inspectionIncentives, type InspectionEntry } from '../api/honours';

/** whether a criterion is the 督查激励 bonus item */
export const isInspectionItem = (c: { role?: string; itemTitle: string; title: string }) => c.role === 'bonus' && /督查激励/.test(`${c.itemTitle}${c.title}`);

export default function InspectionIncentives({ cycleId, unitId }: { cycleId: number; unitId: number }) {
  const [state, setState] = useState<{ year: number; items: InspectionEntry[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    getCycle(cycleId)
      .then(async (c) => ({ year: c.year, items: await inspectionIncentives(c.year, unitId) }))
      .then((s) => live && setState(s), (err) => live && setError(errorMessage(err)));
    return () => {
      live = false;
    };
  }, [cycleId, unitId]);
  if (error) return <Alert type="info" showIcon message={`荣誉名录中的督查激励无法读取：${error}`} />;
  if (!state) return null;
  return (
    <div data-testid="inspection-incentives" style={{ marginTop: 16 }}>
      <Typography.Text strong>荣誉名录中的督查激励（{state.year}年度，仅供参考）</Typography.Text>
      <List
        size="small"
        locale={{ emptyText: '名录中没有该单位本年度的督查激励' }}
        dataSource={state.items}
        renderItem={(h) => (
          <List.Item>
            <span>
              {h.kindName}：{h.awardee} <Tag color="green">加 {h.bonusPoints} 分</Tag>
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
