/**
 * One light of the two clocks (绿 正常 / 黄 预警 / 红 逾期 or 报送逾期 / 灰 已办结), with its reasons in the tooltip. Compact (a cell of
 * the task × unit grid): the colour's own two characters, as the grid's legend names them.
 */
import { Tag, Tooltip } from 'antd';
import type { LightView } from '../../api/workplan';
import { LIGHT_LABELS } from '../../../shared/workplan/rules';

const COLOR: Record<LightView['light'], string> = { green: 'success', yellow: 'warning', red: 'error', done: 'default' };

/** compact: the light's first two characters; flush: no space after it (inside another tag, whose own border follows) */
export default function LightTag({ light, compact, flush }: { light: LightView; compact?: boolean; flush?: boolean }) {
  const tip = light.reasons.length ? light.reasons.join('；') : light.light === 'done' ? '已办结（销号）' : `序时进度${light.expected}%`;
  return (
    <Tooltip title={tip}>
      <Tag color={COLOR[light.light]} data-light={light.light} style={compact || flush ? { marginInlineEnd: 0 } : undefined}>
        {compact ? LIGHT_LABELS[light.light].slice(0, 2) : light.label}
      </Tag>
    </Tooltip>
  );
}
