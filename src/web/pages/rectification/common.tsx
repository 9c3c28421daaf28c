/** Shared bits of the 整改事项 pages: the light (the work plan's two clocks) and the status tag. */
import { Tag } from 'antd';
import type { RectificationSummary } from '../../api/rectification';
import LightTag from '../workplan/LightTag';

export const ItemLight = ({ item, expected }: { item: RectificationSummary; expected?: number }) => (
  <LightTag light={{ light: item.light, label: item.lightLabel, expected: expected ?? 0, reasons: item.reasons }} />
);

const STATUS_COLOR: Record<RectificationSummary['status'], string> = { open: 'processing', answered: 'processing', closing: 'warning', closed: 'default' };
export const StatusTag = ({ item }: { item: RectificationSummary }) => <Tag color={STATUS_COLOR[item.status]}>{item.statusLabel}</Tag>;
