/**
 * 指标申报 tab (issue 4 §1–2): the office and leaders see every invited department's declaration; a
 * department fills in its own (online or by Excel upload). Which buttons show comes from the server's
 * abilities and each declaration's actions.
 */
import { Empty } from 'antd';
import type { CycleDetail } from '../../../../shared/contracts/cycles';
import DepartmentDeclaration from '../declarations/DepartmentDeclaration';
import OfficeDeclarations from '../declarations/OfficeDeclarations';

export default function DeclarationsTab({ cycle, reload }: { cycle: CycleDetail; reload: () => void }) {
  const as = cycle.abilities.as;
  if (as === 'office' || as === 'leader') return <OfficeDeclarations cycle={cycle} reload={reload} />;
  if (as === 'department') return <DepartmentDeclaration cycle={cycle} reload={reload} />;
  return <Empty description="指标申报由成员单位填写，考核对象无需申报" />;
}
