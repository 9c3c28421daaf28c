/** Objections with their status and answers; 答复 for a department that evaluates the key point (the server's mayAnswer). */
import { Button, Space, Table, Tag, type TableColumnsType } from 'antd';
import { formatAnswer, keyPointLabel, type ObjectionView } from '../../../../shared/contracts/results';
import { evidenceDownloadUrl, objectionNoticeUrl } from '../../../api/results';
import { formatDateTime } from '../../../lib/format';
import { objectionNoticeSubject } from '../../../../shared/contracts/docnumbers';
import { NumberedDownload } from '../../../components/DocNumber';

const STATUS_COLOR: Record<string, string> = { open: 'orange', upheld: 'default', adjusted: 'green' };

export default function ObjectionList({
  items,
  showUnit,
  unitTerm = '市州',
  canAnswer,
  onAnswer,
  issuer = false,
}: {
  items: ObjectionView[];
  showUnit: boolean;
  /** what the assessed units are called in this cycle (市州 or 县市区) */
  unitTerm?: string;
  /** whether the caller may answer this objection now */
  canAnswer: (o: ObjectionView) => boolean;
  onAnswer: (o: ObjectionView) => void;
  /** the organising office, which gives each 告知书 its 文号 as it downloads it */
  issuer?: boolean;
}) {
  const columns: TableColumnsType<ObjectionView> = [
    ...(showUnit ? [{ title: unitTerm, key: 'unit', width: 90, render: (_: unknown, o: ObjectionView) => o.unit.name }] : []),
    { title: '考核要点', key: 'crit', width: 200, render: (_: unknown, o) => keyPointLabel(`${o.itemCode}.${o.criterionCode}`, o.itemTitle) },
    {
      title: '异议理由',
      dataIndex: 'reason',
      render: (r: string, o) => (
        <>
          <div>{r}</div>
          {o.evidence.length > 0 && (
            <Space size={4} wrap>
              {o.evidence.map((e) => (
                <a key={e.id} href={evidenceDownloadUrl(e.id)}>
                  {e.fileName}
                </a>
              ))}
            </Space>
          )}
        </>
      ),
    },
    // open: every evaluator it went to (any may answer); answered: the one that did
    { title: '答复部门', key: 'dept', width: 130, render: (_: unknown, o) => (o.status === 'open' && o.evaluators.length > 1 ? o.evaluators.map((d) => d.name).join('、') : o.department.name) },
    { title: '状态', dataIndex: 'statusLabel', width: 100, render: (l: string, o) => <Tag color={STATUS_COLOR[o.status]}>{l}</Tag> },
    {
      title: '答复',
      key: 'resp',
      width: 240,
      render: (_: unknown, o) =>
        o.response ? (
          <>
            <div>{o.response}</div>
            {o.status === 'adjusted' && (
              <div style={{ color: '#389e0d' }}>
                {formatAnswer(o.beforeAnswer)} → {formatAnswer(o.afterAnswer)}
              </div>
            )}
            <div style={{ color: '#8c8c8c', fontSize: 12 }}>{formatDateTime(o.answeredAt)}</div>
            <NumberedDownload
              type="link"
              size="small"
              style={{ padding: 0 }}
              url={objectionNoticeUrl(o.id)}
              doc={{ kind: 'objection_notice', subject: objectionNoticeSubject(o.cycleId, o.id) }}
              issuer={issuer}
              title={`${o.unit.name}异议复核结果告知书`}
              testId={`objection-notice-${o.id}`}
            >
              下载复核结果告知书
            </NumberedDownload>
          </>
        ) : (
          '—'
        ),
    },
    {
      title: '操作',
      key: 'act',
      width: 80,
      render: (_: unknown, o) =>
        canAnswer(o) ? (
          <Button size="small" type="primary" onClick={() => onAnswer(o)}>
            答复
          </Button>
        ) : null,
    },
  ];
  return <Table<ObjectionView> rowKey="id" size="small" columns={columns} dataSource={items} pagination={false} locale={{ emptyText: '暂无异议' }} />;
}
