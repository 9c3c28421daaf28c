import { useState } from 'react';
import { App, Button, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { newVersionBody, type SchemeSummary } from '../../../../shared/contracts/schemes';
import { ApiError, errorMessage } from '../../../api/client';
import { annex4Url, newSchemeVersion } from '../../../api/schemes';
import { formatDateTime } from '../../../lib/format';
import { validated } from '../../../lib/forms';
import { useCaretOnOpen } from '../../../lib/useCaretOnOpen';

const COLORS: Record<string, string> = { draft: 'blue', published: 'green', superseded: 'default' };

/** Version picker, status, 新建版本 (with its reason) and the Annex 4 downloads. */
export default function VersionBar({ cycleId, versions, selected, canManage, onSelect, onCreated }: {
  cycleId: number;
  versions: SchemeSummary[];
  selected: SchemeSummary;
  canManage: boolean;
  onSelect: (id: number) => void;
  onCreated: (id: number) => void;
}) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const caret = useCaretOnOpen();
  const canStart = canManage && !versions.some((v) => v.status === 'draft') && versions.some((v) => v.status === 'published');

  const create = async () => {
    const values = await validated(form);
    if (!values) return;
    const parsed = newVersionBody.safeParse(values);
    if (!parsed.success) {
      form.setFields([{ name: 'reason', errors: parsed.error.issues.map((i) => i.message) }]);
      return;
    }
    setBusy(true);
    try {
      const s = await newSchemeVersion(cycleId, parsed.data.reason);
      message.success(`已新建第${s.versionNo}版草稿`);
      setOpen(false);
      form.resetFields();
      onCreated(s.id);
    } catch (e) {
      if (e instanceof ApiError && e.fields.length) form.setFields([{ name: 'reason', errors: e.fields.map((f) => f.message) }]);
      else message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
      <Space wrap>
        <Select
          aria-label="方案版本"
          style={{ width: 260 }}
          value={selected.id}
          onChange={onSelect}
          options={versions.map((v) => ({ value: v.id, label: `第${v.versionNo}版（${v.statusLabel}）` }))}
        />
        <Tag color={COLORS[selected.status]}>{selected.statusLabel}</Tag>
        {selected.publishedAt && (
          <Typography.Text type="secondary">
            {formatDateTime(selected.publishedAt)}由{selected.publishedByName ?? '—'}发布
          </Typography.Text>
        )}
        {selected.reason && <Typography.Text type="secondary">原因：{selected.reason}</Typography.Text>}
      </Space>
      <Space wrap>
        {canStart && <Button onClick={() => setOpen(true)}>新建版本</Button>}
        <Button href={annex4Url(selected.id, 'xlsx')} download>
          下载附件4（Excel）
        </Button>
        <Button href={annex4Url(selected.id, 'docx')} download>
          下载附件4（Word）
        </Button>
      </Space>
      <Modal afterOpenChange={caret.afterOpenChange} open={open} title="新建方案版本" okText="新建" cancelText="取消" confirmLoading={busy} onOk={create} onCancel={() => setOpen(false)}>
        <Typography.Paragraph>新版本从最新发布的版本复制，修改并发布后取代它。已发布的版本不能直接修改。</Typography.Paragraph>
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label="新建原因" rules={[{ required: true, message: '请填写新建版本的原因' }]}>
            <Input.TextArea ref={caret.ref} rows={3} maxLength={500} placeholder="例如：根据省政府常务会议意见调整产品质量领域分值" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
