/**
 * The audit log table with its filters, for the auditor's page and the office's cycle tab. What each reader
 * sees of before/after is decided by the server (modules/audit/audit.policy.ts); rows it withholds come
 * with contentHidden.
 */
import { useState } from 'react';
import { Alert, Button, Col, DatePicker, Form, Input, Row, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { DownloadOutlined } from '@ant-design/icons';
import type { AuditEntry, AuditPage } from '../../../shared/contracts/audit';
import type { AuditOutcome, AuditQuery } from '../../api/audit';
import { formatDateTime } from '../../lib/format';
import { auditChangeLines } from '../../../shared/audit-change';
import { useLoad } from '../../lib/useLoad';
import { ACTION_FAMILY_LABELS, ACTION_LABELS, ENTITY_LABELS, EVENT_ACTIONS, OUTCOME_COLORS, OUTCOME_LABELS } from './auditLabels';

interface Filters {
  range?: [Dayjs | null, Dayjs | null] | null;
  username?: string;
  action?: string;
  entityType?: string;
  outcome?: AuditOutcome;
}

const trimmed = (s: string | undefined) => s?.trim() || undefined;

/** before / after in words: each field under its Chinese name (src/shared/audit-change.ts), nested lists indented */
function Fields({ value, entityType }: { value: unknown; entityType: string | null }) {
  const lines = auditChangeLines(value, entityType);
  if (!lines.length) return <Typography.Text type="secondary">（无）</Typography.Text>;
  return (
    <div className="kp-json" data-testid="audit-fields">
      {lines.map((l, i) => (
        <div key={i} style={{ paddingLeft: l.depth * 16 }}>
          <Typography.Text type="secondary">{l.label}</Typography.Text>
          {l.text && `：${l.text}`}
        </div>
      ))}
    </div>
  );
}

function Change({ entry }: { entry: AuditEntry }) {
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">
        {entry.method} {entry.path} · IP {entry.ip ?? '—'} · {entry.userAgent ?? ''}
      </Typography.Text>
      {entry.contentHidden ? (
        <Alert type="info" showIcon message="业务内容不向审计管理员显示" description="此处只记录谁、何时、做了什么及结果；修改前后的业务内容由组织考核的质强办在考核工作中查阅。" />
      ) : EVENT_ACTIONS.has(entry.action) ? (
        <div data-testid="audit-record">
          <Typography.Text strong>记录内容</Typography.Text>
          <Fields value={entry.after ?? entry.before} entityType={entry.entityType} />
        </div>
      ) : (
        <Row gutter={16}>
          <Col span={12}>
            <Typography.Text strong>修改前</Typography.Text>
            <Fields value={entry.before} entityType={entry.entityType} />
          </Col>
          <Col span={12}>
            <Typography.Text strong>修改后</Typography.Text>
            <Fields value={entry.after} entityType={entry.entityType} />
          </Col>
        </Row>
      )}
    </Space>
  );
}

const columns: TableColumnsType<AuditEntry> = [
  { title: '时间', dataIndex: 'at', width: 150, render: formatDateTime },
  {
    title: '用户',
    key: 'user',
    width: 150,
    render: (_, e) => e.username ?? <Typography.Text type="secondary">（未登录）</Typography.Text>,
  },
  {
    title: '操作',
    key: 'action',
    width: 220,
    render: (_, e) => (
      <span>
        {e.actionLabel}
        {e.contentHidden && (
          <Tag style={{ marginLeft: 6 }} title="业务内容不向审计管理员显示">
            内容不显示
          </Tag>
        )}
      </span>
    ),
  },
  { title: '对象', dataIndex: 'object' },
  {
    title: '结果',
    dataIndex: 'outcome',
    width: 90,
    render: (o: string) => <Tag color={OUTCOME_COLORS[o as AuditOutcome]}>{OUTCOME_LABELS[o as AuditOutcome] ?? o}</Tag>,
  },
  { title: 'IP', dataIndex: 'ip', width: 130 },
];

/** `exportUrl`: where the same filters download the whole log (the auditor's page; the office's cycle tab has none) */
export default function AuditLog({ fetch, exportUrl }: { fetch: (q: AuditQuery) => Promise<AuditPage>; exportUrl?: (q: AuditQuery) => string }) {
  const [form] = Form.useForm<Filters>();
  const [query, setQuery] = useState<AuditQuery>({ page: 1, pageSize: 20 });
  const { data, loading, error } = useLoad(fetch, query);

  const search = (f: Filters) =>
    setQuery((q) => ({
      page: 1,
      pageSize: q.pageSize,
      from: f.range?.[0]?.format('YYYY-MM-DD'),
      to: f.range?.[1]?.format('YYYY-MM-DD'),
      username: trimmed(f.username),
      action: trimmed(f.action),
      entityType: f.entityType,
      outcome: f.outcome,
    }));

  return (
    <>
      <Form<Filters> form={form} layout="inline" onFinish={search} style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item name="range" label="日期">
          <DatePicker.RangePicker allowEmpty={[true, true]} />
        </Form.Item>
        <Form.Item name="username" label="用户名" tooltip="该账户的操作，以及针对该账户的操作（登录失败、锁定、新建、修改、重置密码、解锁）">
          <Input allowClear style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="action" label="操作">
          <Select
            allowClear
            showSearch
            style={{ width: 220 }}
            placeholder="全部（可输入名称查找）"
            optionFilterProp="label"
            options={[
              ...Object.entries(ACTION_FAMILY_LABELS).map(([value, label]) => ({ value: `${value}.`, label: `${label}（全部）` })),
              ...Object.entries(ACTION_LABELS).map(([value, label]) => ({ value, label })),
            ]}
          />
        </Form.Item>
        <Form.Item name="entityType" label="对象类型">
          <Select allowClear style={{ width: 130 }} placeholder="全部" options={Object.entries(ENTITY_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="outcome" label="结果">
          <Select allowClear style={{ width: 100 }} placeholder="全部" options={Object.entries(OUTCOME_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">
              查询
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                search({});
              }}
            >
              重置
            </Button>
            {exportUrl ? (
              <Button icon={<DownloadOutlined />} href={exportUrl(query)} data-testid="audit-export">
                导出
              </Button>
            ) : null}
          </Space>
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Table<AuditEntry>
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={data?.items ?? []}
        expandable={{ expandedRowRender: (e) => <Change entry={e} /> }}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => `共${total}条记录`,
          // the next pages keep to the rows the listing began with (upTo): reading the log writes a row above them,
          // which would push each page's last row onto the next and add one to 共 N 条 at every turn
          onChange: (page, pageSize) => setQuery((q) => ({ ...q, page, pageSize, upTo: q.upTo ?? (data?.upTo || undefined) })),
        }}
      />
    </>
  );
}
