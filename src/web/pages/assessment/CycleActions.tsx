/** The office's cycle-level actions from the workflow table: end the call for indicators, reopen it. */
import { useState } from 'react';
import { App, Button, Popconfirm, Space } from 'antd';
import type { CycleDetail } from '../../../shared/contracts/cycles';
import { CYCLE_WORKFLOW } from '../../../shared/workflow/assessment';
import { errorMessage } from '../../api/client';
import { transitionCycle } from '../../api/cycles';
import { listDeclarations } from '../../api/declarations';

/** What ending the call leaves behind, said before it is ended: the declarations not in, and those still to review. */
async function collectionState(cycleId: number): Promise<string> {
  const { counts: c } = await listDeclarations(cycleId, { pageSize: 1 });
  const out = c.draft + c.returned;
  const parts = [
    // not 「除非对其单独重新开放」: after the call has ended a department is reopened only once the call is (declarationReopenPhaseRefusal)
    out ? `尚有${out}个成员单位未提交（草稿${c.draft}、已退回${c.returned}），结束后不能再报送；方案发布前如需补报，须先「重新开放征集」` : `${c.total}个成员单位均已提交`,
    c.submitted ? `${c.submitted}份已提交待审核` : '',
  ].filter(Boolean);
  return `${parts.join('；')}。`;
}

/** Events this page moves; the others have their own buttons in the scheme and results tabs. */
const HERE = new Set(['closeCollection', 'reopenCollection']);

export default function CycleActions({ cycle, onChanged }: { cycle: CycleDetail; onChanged: (c: CycleDetail) => void }) {
  const { message } = App.useApp();
  const [state, setState] = useState<string | null>(null);
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
            description={event === 'closeCollection' ? (state ?? '正在统计申报情况…') : undefined}
            onOpenChange={(open) => {
              if (!open || event !== 'closeCollection') return;
              setState(null);
              collectionState(cycle.id).then(setState, () => setState('申报情况暂时无法统计，请在「指标申报」中查看。'));
            }}
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
