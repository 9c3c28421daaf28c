import { Button, InputNumber, Input, Space, Typography } from 'antd';
import type { Framework } from '../../../../shared/scoring/framework-schema';

type Bands = NonNullable<Framework['gradeBands']>;

/** 等级划分: highest first, each with its lower bound. Stored in the scheme (frozen with each published version). */
export default function GradeBandsEditor({ bands, editable, onChange }: { bands: Bands; editable: boolean; onChange: (b: Bands) => void }) {
  if (!editable)
    return <Typography.Text>{bands.length ? bands.map((b) => `${b.grade}级：≥ ${b.min}分`).join('；') : '未设置'}</Typography.Text>;
  const set = (i: number, patch: Partial<Bands[number]>) => onChange(bands.map((b, k) => (k === i ? { ...b, ...patch } : b)));
  return (
    <Space wrap>
      {bands.map((b, i) => (
        <Space.Compact key={i}>
          <Input aria-label={`第${i + 1}个等级名称`} style={{ width: 56 }} value={b.grade} maxLength={4} onChange={(e) => set(i, { grade: e.target.value })} />
          <InputNumber aria-label={`${b.grade}级下限`} addonBefore="≥" addonAfter="分" min={0} step={0.5} value={b.min} onChange={(v) => set(i, { min: v ?? 0 })} />
          <Button aria-label={`删除${b.grade}级`} onClick={() => onChange(bands.filter((_, k) => k !== i))} disabled={bands.length <= 2}>
            删除
          </Button>
        </Space.Compact>
      ))}
      <Button onClick={() => onChange([...bands, { grade: String.fromCharCode(65 + bands.length), min: 0 }])}>添加等级</Button>
    </Space>
  );
}
