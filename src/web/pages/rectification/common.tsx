/** Shared bits of the 整改事项 pages: the light (the work plan's two clocks) and the status tag. */
import { Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import type { RectificationSummary } from '../../api/rectification';
import LightTag from '../workplan/LightTag';

export const ItemLight = ({ item, expected }: { item: RectificationSummary; expected?: number }) => (
  <LightTag light={{ light: item.light, label: item.lightLabel, expected: expected ?? 0, reasons: item.reasons }} />
);

const STATUS_COLOR: Record<RectificationSummary['status'], string> = { open: 'processing', answered: 'processing', closing: 'warning', closed: 'default' };
export const StatusTag = ({ item }: { item: RectificationSummary }) => <Tag color={STATUS_COLOR[item.status]}>{item.statusLabel}</Tag>;

/** the items raised from one source object (a cycle, an indicator), each linked to its page */
export const SourceItemsTable = ({ items, empty, showOwner }: { items: RectificationSummary[]; empty: string; showOwner?: boolean }) => (
  <Table<RectificationSummary>
    rowKey="id"
    size="small"
    pagination={false}
    dataSource={items}
    locale={{ emptyText: empty }}
    columns={[
      { title: '整改事项', key: 't', render: (_, r) => <Link to={`/rectifications/${r.id}`}>{r.title}</Link> },
      ...(showOwner ? [{ title: '责任单位', key: 'o', width: 140, render: (_: unknown, r: RectificationSummary) => r.owner.name }] : []),
      { title: '期限', dataIndex: 'deadline', width: 110 },
      { title: '指示灯', key: 'l', width: 80, render: (_, r) => <ItemLight item={r} /> },
      { title: '状态', key: 's', width: 100, render: (_, r) => <StatusTag item={r} /> },
    ]}
  />
);
