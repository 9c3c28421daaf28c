/** A deadline as "7月10日 24:00" with "剩 3 天" / "今天截止" / "已逾期 2 天" (src/shared/deadline.ts), in Asia/Shanghai. */
import { Space, Tag, Typography } from 'antd';
import { formatDeadline } from '../../shared/deadline';

export default function Deadline({ due, label, done }: { due: string | null | undefined; label?: string; done?: boolean }) {
  if (!due) return <span>—</span>;
  const d = formatDeadline(due);
  return (
    <Space size={4} data-testid="deadline" data-overdue={(!done && d.overdue) || undefined}>
      <Typography.Text type={!done && d.overdue ? 'danger' : undefined}>
        {label ? `${label}：` : ''}
        {d.at}
      </Typography.Text>
      {!done && <Tag color={d.overdue ? 'red' : d.days <= 3 ? 'orange' : 'blue'}>{d.left}</Tag>}
    </Space>
  );
}
