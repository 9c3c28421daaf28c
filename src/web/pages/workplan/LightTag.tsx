/**
 * One light of the two clocks (绿 正常 / 黄 预警 / 红 逾期 or 报送逾期 / 灰 已办结), with its reasons in the tooltip. Compact (a cell of
 * the task × unit grid): two characters a line (compactText).
 */
import { Tag, Tooltip } from 'antd';
import type { LightView } from '../../api/workplan';

const COLOR: Record<LightView['light'], string> = { green: 'success', yellow: 'warning', red: 'error', done: 'default' };

/**
 * Compact (a 64-pixel cell): two characters a line — 已办结 as 已办, and 报送逾期 on two lines, not cut to 逾期, which
 * in the grid read as a missed deadline weeks before it while the task page and the exported grid said 报送逾期.
 * flush: no space after it (inside another tag, whose own border follows).
 */
const compactText = (label: string) => (label.length === 4 ? [label.slice(0, 2), <br key="br" />, label.slice(2)] : label.slice(0, 2));

export default function LightTag({ light, compact, flush }: { light: LightView; compact?: boolean; flush?: boolean }) {
  const tip = light.reasons.length ? light.reasons.join('；') : light.light === 'done' ? '已办结（销号）' : `序时进度${light.expected}%`;
  return (
    <Tooltip title={tip}>
      <Tag color={COLOR[light.light]} data-light={light.light} style={compact || flush ? { marginInlineEnd: 0 } : undefined}>
        {compact ? compactText(light.label) : light.label}
      </Tag>
    </Tooltip>
  );
}
