import { Alert, Button, Popover, Space, Tag, Typography } from 'antd';
import type { SchemeCheckReport, SchemeDetail } from '../../../../shared/contracts/schemes';

/**
 * The publication check, shown beside the 发布方案 button (same function and messages as the server, live
 * while editing): the base points, each problem to fix (with a link to its domain), and the accepted
 * declarations not yet written into the draft (with the button that writes them).
 */
export default function CheckPanel({
  report,
  totalPoints,
  unapplied,
  sectionOf,
  onApply,
  applying,
  phaseProblem,
}: {
  report: SchemeCheckReport;
  totalPoints: number;
  unapplied: SchemeDetail['unappliedDeclarations'];
  /** the anchor of the domain a problem's code ("7.b") is in, or null */
  sectionOf: (code: string) => string | null;
  onApply?: () => void;
  applying?: boolean;
  /** why the cycle's state does not let any version be published now (schemePublishRefusal), or null */
  phaseProblem?: string | null;
}) {
  const ok = report.errors.length === 0 && unapplied.length === 0;
  const problems = report.errors.length + (unapplied.length ? 1 : 0);
  return (
    <Space direction="vertical" size={4} style={{ flex: 1, minWidth: 280 }} data-testid="scheme-publish-check">
      <Space wrap size={4}>
        <Tag color={report.basePoints === String(totalPoints) ? 'green' : 'red'}>
          基本分合计{report.basePoints}/{totalPoints}分
        </Tag>
        {!ok ? <Tag color="red">{problems}处问题须修改，修改后才能发布</Tag> : phaseProblem ? <Tag>内容无误，暂不能发布</Tag> : <Tag color="green">可以发布</Tag>}
        {report.warnings.length > 0 && (
          <Popover
            title="提示（不影响发布）"
            content={
              <ul style={{ margin: 0, paddingLeft: 20, maxWidth: 480, maxHeight: 300, overflow: 'auto' }}>
                {report.warnings.map((e, i) => (
                  <li key={i}>{e.message}</li>
                ))}
              </ul>
            }
          >
            <Tag color="orange" style={{ cursor: 'pointer' }}>
              {report.warnings.length}条提示
            </Tag>
          </Popover>
        )}
      </Space>
      {unapplied.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ padding: '4px 8px' }}
          message={`以下成员单位已接收的申报尚未写入草稿：${unapplied.map((d) => d.name).join('、')}`}
          action={
            onApply && (
              <Button size="small" type="primary" loading={applying} onClick={onApply}>
                写入草稿
              </Button>
            )
          }
        />
      )}
      {report.errors.length > 0 && (
        <ul style={{ margin: 0, paddingLeft: 20, maxHeight: 96, overflow: 'auto', color: '#cf1322' }} aria-label="发布前须修改">
          {report.errors.map((e, i) => {
            const href = e.code ? sectionOf(e.code) : null;
            return (
              <li key={i}>
                {e.message}
                {href && (
                  <Typography.Link href={href} style={{ marginLeft: 8 }}>
                    定位
                  </Typography.Link>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </Space>
  );
}
