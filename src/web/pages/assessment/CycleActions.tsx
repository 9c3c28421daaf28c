/** The office's cycle-level actions from the workflow table: end the call for indicators, reopen it. */
import { App, Button, Popconfirm, Space } from 'antd';
import type { CycleDetail } from '../../../shared/contracts/cycles';
import { CYCLE_WORKFLOW } from '../../../shared/workflow/assessment';
import { errorMessage } from '../../api/client';
import { transitionCycle } from '../../api/cycles';

/** Events this page moves; the others have their own buttons in the scheme and results tabs. */
const HERE = new Set(['closeCollection', 'reopenCollection']);

export default function CycleActions({ cycle, onChanged }: { cycle: CycleDetail; onChanged: (c: CycleDetail) => void }) {
  const { message } = App.useApp();
  const events = cycle.abilities.events.filter((e) => HERE.has(e));
  if (!events.length) return null;
  return (
    <Space>
      {events.map((event) => {
        const t = CYCLE_WORKFLOW.transitions.find((x) => x.event === event)!;
        return (
          <Popconfirm
            key={event}
            title={`确定「${t.label}」？`}
            onConfirm={async () => {
              try {
                onChanged(await transitionCycle(cycle.id, event, cycle.version));
                message.success(`已${t.label}`);
              } catch (err) {
                message.error(errorMessage(err));
              }
            }}
          >
            <Button type={event === 'closeCollection' ? 'primary' : 'default'}>{t.label}</Button>
          </Popconfirm>
        );
      })}
    </Space>
  );
}
