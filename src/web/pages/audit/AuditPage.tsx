import { Alert, Card } from 'antd';
import { auditExportUrl, listAudit, verifyAudit } from '../../api/audit';
import { useLoad } from '../../lib/useLoad';
import PageHeader from '../../components/PageHeader';
import AuditLog from './AuditLog';

const noArg = undefined;

/** The auditor's page: the hash chain's state on top, then the log (business content withheld by the server). */
export default function AuditPage() {
  const chain = useLoad(verifyAudit, noArg);
  return (
    <>
      <PageHeader />
      <Card>
        {chain.data ? (
          <Alert
            type={chain.data.ok ? 'success' : 'error'}
            showIcon
            style={{ marginBottom: 16 }}
            message={chain.data.message}
            description={
              chain.data.ok
                ? '每条记录都带有自身内容与前一条记录的 SHA-256 哈希；任何修改、删除或清空都会在此显示。'
                : '审计日志可能被篡改：请保全数据库并通知安全管理员；命令行 npx kaoping audit verify 可复核。'
            }
          />
        ) : chain.error ? (
          <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={`无法校验审计日志哈希链：${chain.error}`} />
        ) : null}
        <AuditLog fetch={listAudit} exportUrl={auditExportUrl} />
      </Card>
    </>
  );
}
