/** A deadline as "7月10日 24:00" with "剩 3 天" / "今天截止" / "已逾期 2 天" (src/shared/deadline.ts), in Asia/Shanghai. */
import { useEffect, useState } from 'react';
import { Space, Tag, Typography } from 'antd';
import type { CycleDetail } from '../../shared/contracts/cycles';
import { listDeclarations } from '../api/declarations';
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

/**
 * The declaration deadline on a cycle's page: the office sees the cycle's with the days left while collecting;
 * a department sees its own (a reopened declaration's new date), the same as in its to-do and declaration.
 */
export function CycleDeadline({ cycle }: { cycle: CycleDetail }) {
  const [own, setOwn] = useState<string | null>(null);
  const department = cycle.abilities.as === 'department';
  useEffect(() => {
    if (!department) return;
    listDeclarations(cycle.id).then((l) => setOwn(l.items[0]?.dueDate ?? null), () => undefined);
  }, [cycle.id, department]);
  const collecting = cycle.status === 'collecting';
  if (department && own) return <Deadline due={own} done={!collecting} />;
  return <Deadline due={cycle.deadline} done={!collecting || cycle.abilities.as !== 'office'} />;
}
