/**
 * 整改事项: every item the caller may see (the office and leaders all; a unit or department its own and those it
 * raised), with its source, owner, deadline, light and where its reports stand; filters by source, unit, light, status.
 * The office downloads the 整改事项通报 (.docx), giving its 文号 and 成文日期.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { docNumberExample, docNumberRule, useCheckedDownload } from '../../components/DocNumber';
import { currentDocNumber } from '../../api/docnumbers';
import { useAccess } from '../../access';
import { Link } from 'react-router-dom';
import { RECTIFICATION_SOURCE_LABELS } from '../../../shared/contracts/rectification';
import { LIGHT_LABELS, stageWithNotices } from '../../../shared/workplan/rules';
import { RECTIFICATION_WORKFLOW } from '../../../shared/workflow/rectification';
import { errorMessage } from '../../api/client';
import { listRectifications, noticeDocxUrl, type ListFilter, type RectificationSummary } from '../../api/rectification';
import PageHeader from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';
import { ItemLight, StatusTag } from './common';
import { chinaToday, formatDate } from '../../lib/format';
import { useCaretOnOpen } from '../../lib/useCaretOnOpen';

/**
 * 整改事项通报: the 文号 (checked as the server checks it; the one registered for the chosen 成文日期 filled in) and
 * the 成文日期, then the download (a 文号 another 公文 of the office holds is refused with the server's message)
 */
function NoticeButton() {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const caret = useCaretOnOpen();
  const { can } = useAccess();
  const checkedDownload = useCheckedDownload();
  const date = Form.useWatch('date', form) as Dayjs | null | undefined;
  const day = date?.format('YYYY-MM-DD');
  const [registered, setRegistered] = useState<string | null>(null);
  useEffect(() => {
    setRegistered(null);
    if (!open || !day || !can('docNumber.read')) return;
    currentDocNumber('rectification_notice', day).then((r) => {
      setRegistered(r.docNo);
      if (r.docNo) form.setFieldValue('docNumber', r.docNo);
    }, () => undefined);
  }, [open, day, can, form]);
  const download = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const no = v.docNumber.trim();
    // a number not yet registered for this date's notice is registered by the download (a POST); the registered one is printed by the GET
    if (await checkedDownload(noticeDocxUrl({ date: v.date?.format('YYYY-MM-DD') }), undefined, no === registered ? undefined : no)) setOpen(false);
  };
  return (
    <>
      <Button icon={<DownloadOutlined />} onClick={() => setOpen(true)} data-testid="rectification-notice">
        整改通报
      </Button>
      <Modal afterOpenChange={caret.afterOpenChange} open={open} title="下载整改事项落实情况通报" okText="下载" cancelText="取消" onCancel={() => setOpen(false)} onOk={download}>
        <Form form={form} layout="vertical" initialValues={{ date: chinaToday() }}>
          <Form.Item
            name="docNumber"
            label="文号"
            extra={registered ? `该日的通报已登记文号${registered}；改用其他文号须先在「文号登记」中作废` : `如${docNumberExample()}，印在版头并登记在「文号登记」中`}
            rules={[{ required: true, whitespace: true, message: '请填写文号' }, docNumberRule]}
          >
            <Input ref={caret.ref} placeholder={docNumberExample()} data-testid="rectification-notice-no" />
          </Form.Item>
          <Form.Item name="date" label="成文日期" rules={[{ required: true, message: '请选择成文日期' }]}>
            <DatePicker />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

export default function RectificationsPage() {
  const { can } = useAccess();
  const [filter, setFilter] = useState<ListFilter>({});
  const [items, setItems] = useState<RectificationSummary[] | null>(null);
  const [all, setAll] = useState<RectificationSummary[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setItems((await listRectifications(filter)).items);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [filter]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    listRectifications().then((r) => setAll(r.items), () => setAll([]));
  }, []);
  const owners = useMemo(() => [...new Map(all.map((x) => [x.owner.id, x.owner.name])).entries()].map(([value, label]) => ({ value, label })), [all]);
  if (error) return <Alert type="error" showIcon message={error} />;
  if (!items) return <PageLoading />;
  const set = (k: keyof ListFilter) => (v: string | number | undefined) => setFilter((f) => ({ ...f, [k]: v }));
  return (
    <>
      <PageHeader extra={can('rectification.notice') ? <NoticeButton /> : undefined} />
      <Card size="small">
        <Space wrap style={{ marginBottom: 12 }}>
          <Select allowClear placeholder="来源" style={{ width: 150 }} value={filter.source} onChange={set('source')} options={Object.entries(RECTIFICATION_SOURCE_LABELS).map(([value, label]) => ({ value, label }))} aria-label="来源" />
          <Select allowClear placeholder="责任单位" style={{ width: 200 }} value={filter.owner} onChange={set('owner')} options={owners} aria-label="责任单位" />
          <Select allowClear placeholder="指示灯" style={{ width: 120 }} value={filter.light} onChange={set('light')} options={Object.entries(LIGHT_LABELS).map(([value, label]) => ({ value, label }))} aria-label="指示灯" />
          <Select allowClear placeholder="状态" style={{ width: 150 }} value={filter.status} onChange={set('status')} options={Object.entries(RECTIFICATION_WORKFLOW.states).map(([value, label]) => ({ value, label }))} aria-label="状态" />
        </Space>
        <Table<RectificationSummary>
          rowKey="id"
          size="small"
          dataSource={items}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: '没有整改事项' }}
          // the title keeps room to read (at 1366 px it was squeezed to ~110 px, 17 lines); narrower screens scroll
          scroll={{ x: 1140 }}
          columns={[
            { title: '整改事项', key: 'title', width: 240, render: (_, r) => <Link to={`/rectifications/${r.id}`}>{r.title}</Link> },
            {
              title: '来源',
              key: 'source',
              width: 200,
              render: (_, r) => (
                <Space direction="vertical" size={0}>
                  <Tag>{r.source.typeLabel}</Tag>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.source.label}
                  </Typography.Text>
                </Space>
              ),
            },
            { title: '责任单位', key: 'owner', width: 130, render: (_, r) => r.owner.name },
            { title: '整改期限', key: 'deadline', width: 130, render: (_, r) => (r.deadline !== r.dueOn ? <>{formatDate(r.deadline)}（原{formatDate(r.dueOn)}）</> : formatDate(r.deadline)) },
            { title: '进度', key: 'progress', width: 70, render: (_, r) => (r.progress === null ? '—' : `${r.progress}%`) },
            { title: '指示灯', key: 'light', width: 80, render: (_, r) => <ItemLight item={r} /> },
            // the stage in the item page's words (列入通报（已下发督办单）), one way on both
            { title: '报送', key: 'esc', width: 180, render: (_, r) => (r.escalation ? <Tag color={r.escalation.stage === 'due' ? 'blue' : 'red'}>{stageWithNotices(r.escalation, new Set(r.escalation.notice ? [r.escalation.notice] : []))}</Tag> : '—') },
            { title: '状态', key: 'status', width: 110, render: (_, r) => <StatusTag item={r} /> },
          ]}
        />
      </Card>
    </>
  );
}
