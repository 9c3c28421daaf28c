import { useEffect, useMemo, useState } from 'react';
import { useParams } from 'react-router-dom';
import { Alert, Card, Descriptions, Spin, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { Framework } from '../../../shared/scoring/framework-schema';
import { errorMessage } from '../../api/client';
import { getFramework } from '../../api/frameworks';
import PageHeader from '../../components/PageHeader';
import { describeRule, editionLabel, KIND_LABELS, SECTION_ROLE_LABELS, sectionNumber } from './frameworkLabels';

/** One row of the tree table: a section, an item or a criterion. */
interface Row {
  key: string;
  level: 'section' | 'item' | 'criterion';
  code: string;
  title: string;
  points: number;
  note?: string;
  tag?: string;
  children?: Row[];
}

function rowsOf(f: Framework): Row[] {
  return f.sections.map((s, index) => ({
    key: `s:${s.code}`,
    level: 'section',
    code: sectionNumber(f.sections, index),
    title: s.title,
    points: s.points,
    tag: SECTION_ROLE_LABELS[s.role],
    children: s.items.map((i) => ({
      key: `i:${s.code}:${i.code}`,
      level: 'item',
      code: i.code,
      title: i.title,
      points: i.points,
      note: i.method,
      children: i.criteria.map((c) => ({
        key: `c:${s.code}:${i.code}:${c.code}`,
        level: 'criterion',
        code: `${i.code}.${c.code}`,
        title: c.title,
        points: c.points,
        note: describeRule(c.rule) + (c.notApplicable ? `；合理缺项：${c.notApplicable}` : ''),
      })),
    })),
  }));
}

const columns: TableColumnsType<Row> = [
  { title: '编号', dataIndex: 'code', width: 150 },
  {
    title: '指标 / 考核内容 / 评分细则',
    dataIndex: 'title',
    render: (t: string, r) => (
      <span style={r.level === 'section' ? { fontWeight: 600 } : undefined}>
        {t} {r.tag && r.tag !== '基本分' && <Tag color="orange">{r.tag}</Tag>}
      </span>
    ),
  },
  { title: '分值', dataIndex: 'points', width: 80, align: 'right' },
  {
    title: '评分方法',
    dataIndex: 'note',
    width: '40%',
    render: (n?: string) => n && <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{n}</Typography.Paragraph>,
  },
];

export default function FrameworkDetailPage() {
  const { id = '' } = useParams();
  const [framework, setFramework] = useState<Framework | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setFramework(null);
    setError(null);
    getFramework(id)
      .then(setFramework)
      .catch((err) => setError(errorMessage(err)));
  }, [id]);

  const rows = useMemo(() => (framework ? rowsOf(framework) : []), [framework]);

  return (
    <>
      <PageHeader names={{ '/frameworks/:id': framework?.title ?? id }} />
      <Card>
        {error && <Alert type="error" showIcon message={error} />}
        {!framework && !error && <Spin />}
        {framework && (
          <>
            <Descriptions bordered size="small" column={2} style={{ marginBottom: 16 }}>
              <Descriptions.Item label="名称" span={2}>
                {framework.title}
              </Descriptions.Item>
              <Descriptions.Item label="版本">{editionLabel(framework.version)}</Descriptions.Item>
              <Descriptions.Item label="类别">{KIND_LABELS[framework.kind]}</Descriptions.Item>
              <Descriptions.Item label="总分">{framework.totalPoints}</Descriptions.Item>
              <Descriptions.Item label="来源">{framework.source.table}</Descriptions.Item>
              {framework.gradeBands && (
                <Descriptions.Item label="等次" span={2}>
                  {framework.gradeBands.map((b) => `${b.grade}：≥${b.min}分`).join('；')}
                </Descriptions.Item>
              )}
              {framework.passMark !== undefined && <Descriptions.Item label="合格分">{framework.passMark}</Descriptions.Item>}
            </Descriptions>
            <Table<Row>
              rowKey="key"
              size="small"
              columns={columns}
              dataSource={rows}
              pagination={false}
              expandable={{ defaultExpandedRowKeys: rows.map((r) => r.key) }}
            />
          </>
        )}
      </Card>
    </>
  );
}
