/** The office's view of one cycle's audit rows, with the before/after of business changes. */
import { useCallback } from 'react';
import { Typography } from 'antd';
import type { CycleDetail } from '../../../../shared/contracts/cycles';
import { listCycleAudit, type AuditQuery } from '../../../api/audit';
import AuditLog from '../../audit/AuditLog';

export default function AuditTab({ cycle }: { cycle: CycleDetail }) {
  const fetch = useCallback((q: AuditQuery) => listCycleAudit(cycle.id, q), [cycle.id]);
  return (
    <>
      <Typography.Paragraph type="secondary">本考核工作的全部操作记录（申报、方案、评分、自评、佐证材料、异议、结果与下载），展开可查看修改前后的内容。</Typography.Paragraph>
      <AuditLog fetch={fetch} />
    </>
  );
}
