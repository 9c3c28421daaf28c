/**
 * 文号登记: every 文号 the office printed on a 公文 of the platform (the call for indicators, the analysis reports, the
 * creation evaluation's 命名文件, the results bulletin / 公示, the work-plan and rectification notices), newest first; a leader reads the offices'
 * registers. The office voids (作废) a downloaded 公文's 文号 with a reason, so the number or the 公文 may be used anew.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Form, Input, Modal, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { listDocNumbers, voidDocNumber, type DocNumberView } from '../../api/docnumbers';
import PageHeader from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';
import { formatDateTime } from '../../lib/format';
import { useAction } from '../../lib/useAction';
import { useCaretOnOpen } from '../../lib/useCaretOnOpen';

function VoidModal({ entry, onClose, onDone }: { entry: DocNumberView; onClose: () => void; onDone: (e: DocNumberView) => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const caret = useCaretOnOpen();
  const { busy, submitForm } = useAction<DocNumberView>(onDone);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    await submitForm(form, ['reason'], () => voidDocNumber(entry.id, entry.version, v.reason.trim()), `已作废文号${entry.docNo}`);
  };
  return (
    <Modal afterOpenChange={caret.afterOpenChange} open title={`作废文号${entry.docNo}`} okText="作废" okButtonProps={{ danger: true, loading: busy }} cancelText="取消" onCancel={onClose} onOk={() => void submit()}>
      <Typography.Paragraph type="secondary">
        《{entry.title}》的文号作废后，该文号可用于本单位其他公文，该公文可另行登记文号。作废记录保留。
      </Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label="作废原因" rules={[{ required: true, whitespace: true, message: '请填写作废原因' }, { min: 2, message: '作废原因至少2个字' }]}>
          <Input.TextArea ref={caret.ref} rows={3} maxLength={500} placeholder="如：文号录错，应为16号" data-testid="doc-number-void-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function DocNumbersPage() {
  const [items, setItems] = useState<DocNumberView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [voiding, setVoiding] = useState<DocNumberView | null>(null);
  const load = useCallback(async () => {
    try {
      setItems((await listDocNumbers()).items);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  if (error) return <Alert type="error" showIcon message={error} />;
  if (!items) return <PageLoading />;
  const offices = new Set(items.map((e) => e.office.id));
  return (
    <>
      <PageHeader />
      <Typography.Paragraph type="secondary">
        一个文号只对应本单位的一份公文。下载考核结果通报、初步结果公示、工作要点落实情况通报、整改通报时填写的文号在此登记，开启考核时的指标征集通知、印发的质量分析报告和创建评价命名文件的文号也在此；已用的文号不能再用于其他公文，要更换某份公文的文号须先作废原文号。
      </Typography.Paragraph>
      <Table<DocNumberView>
        rowKey="id"
        size="small"
        dataSource={items}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '尚无登记的文号' }}
        columns={[
          { title: '文号', dataIndex: 'docNo', render: (v: string, e) => (e.voided ? <Typography.Text delete>{v}</Typography.Text> : v) },
          { title: '种类', dataIndex: 'kindLabel' },
          { title: '公文', dataIndex: 'title', render: (v: string, e) => (e.link ? <Link to={e.link}>{v}</Link> : v) },
          ...(offices.size > 1 ? [{ title: '发文单位', key: 'office', render: (_: unknown, e: DocNumberView) => e.office.name }] : []),
          { title: '登记', key: 'registered', render: (_, e) => `${e.registered.name} ${formatDateTime(e.registered.at)}` },
          {
            title: '状态',
            key: 'state',
            render: (_, e) =>
              e.voided ? (
                <span title={`作废原因：${e.voided.reason}`}>
                  <Tag>已作废</Tag>
                  {e.voided.name} {formatDateTime(e.voided.at)}：{e.voided.reason}
                </span>
              ) : (
                <Tag color="green">有效</Tag>
              ),
          },
          {
            title: '操作',
            key: 'actions',
            render: (_, e) =>
              e.mayVoid ? (
                <Button size="small" danger onClick={() => setVoiding(e)} data-testid={`doc-number-void-${e.id}`}>
                  作废
                </Button>
              ) : null,
          },
        ]}
      />
      {voiding && (
        <VoidModal
          entry={voiding}
          onClose={() => setVoiding(null)}
          onDone={(e) => {
            setVoiding(null);
            setItems((list) => list && list.map((x) => (x.id === e.id ? e : x)));
          }}
        />
      )}
    </>
  );
}
