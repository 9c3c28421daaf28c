import { Alert, Space, Tag, Typography } from 'antd';
import type { SchemeCheckReport } from '../../../../shared/contracts/schemes';

/** The publication checks (same function and messages as the server), live while editing. */
export default function CheckPanel({ report, totalPoints }: { report: SchemeCheckReport; totalPoints: number }) {
  const ok = report.errors.length === 0;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space>
        <Typography.Text strong>发布检查</Typography.Text>
        <Tag color={report.basePoints === String(totalPoints) ? 'green' : 'red'}>
          基本分合计 {report.basePoints} / {totalPoints} 分
        </Tag>
        {ok ? <Tag color="green">可以发布</Tag> : <Tag color="red">{report.errors.length} 处问题须修改</Tag>}
        {report.warnings.length > 0 && <Tag color="orange">{report.warnings.length} 条提示</Tag>}
      </Space>
      {!ok && (
        <Alert
          type="error"
          showIcon
          message="发布前须修改"
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {report.errors.map((e, i) => (
                <li key={i}>{e.message}</li>
              ))}
            </ul>
          }
        />
      )}
      {report.warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          message="提示（不影响发布）"
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {report.warnings.map((e, i) => (
                <li key={i}>{e.message}</li>
              ))}
            </ul>
          }
        />
      )}
    </Space>
  );
}
