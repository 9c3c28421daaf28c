import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Space, Typography } from 'antd';
import { checkScheme, publishSchemeBody, type SchemeDetail } from '../../../../shared/contracts/schemes';
import type { Framework } from '../../../../shared/scoring/framework-schema';
import { ApiError, errorMessage } from '../../../api/client';
import { publishScheme, saveScheme, type PublishResult } from '../../../api/schemes';
import CheckPanel from './CheckPanel';
import GradeBandsEditor from './GradeBandsEditor';
import SchemeTree from './SchemeTree';

/**
 * One version of the scheme: the tree, grade bands, the live check panel and — for a draft the caller may
 * edit — 保存草稿 (with the version, a 409 shows the other person's draft) and 发布.
 */
export default function SchemeEditor({
  scheme,
  cycleStatus,
  onSaved,
  onPublished,
}: {
  scheme: SchemeDetail;
  cycleStatus: string;
  onSaved: (s: SchemeDetail) => void;
  onPublished: (r: PublishResult) => void;
}) {
  const { message, modal } = App.useApp();
  const [fw, setFw] = useState<Framework>(scheme.framework);
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [publishOpen, setPublishOpen] = useState(false);
  useEffect(() => {
    setFw(scheme.framework);
    setDirty(false);
  }, [scheme]);

  const codes = useMemo(() => new Set(scheme.evaluatorOptions.map((o) => o.code)), [scheme.evaluatorOptions]);
  const report = useMemo(() => checkScheme(fw, codes), [fw, codes]);
  const editable = scheme.editable;
  const change = (next: Framework) => {
    setFw(next);
    setDirty(true);
  };

  const save = async (): Promise<SchemeDetail | null> => {
    setSaving(true);
    try {
      const s = await saveScheme(scheme.id, fw, scheme.version);
      message.success('草稿已保存');
      onSaved(s);
      return s;
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.current) {
        const current = e.current as SchemeDetail;
        modal.confirm({
          title: e.message,
          content: `他人已保存第 ${current.versionNo} 版草稿（基本分合计 ${current.check.basePoints} 分）。载入他人的版本将放弃您未保存的修改；也可以取消，记下您的修改后再载入。`,
          okText: '载入最新草稿',
          cancelText: '取消',
          onOk: () => onSaved(current),
        });
      } else if (e instanceof ApiError && e.fields.length) {
        modal.error({ title: e.message, content: <ul>{e.fields.map((f, i) => <li key={i}>{f.field}：{f.message}</li>)}</ul> });
      } else message.error(errorMessage(e));
      return null;
    } finally {
      setSaving(false);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      {editable && (
        <Card size="small">
          <Space direction="vertical" style={{ width: '100%' }}>
            <CheckPanel report={report} totalPoints={fw.totalPoints} />
            <Space wrap>
              <Button type="primary" disabled={!dirty} loading={saving} onClick={save}>
                保存草稿
              </Button>
              <Button disabled={report.errors.length > 0} onClick={() => setPublishOpen(true)}>
                发布方案
              </Button>
              {dirty && <Typography.Text type="warning">有未保存的修改</Typography.Text>}
              {cycleStatus === 'collecting' && <Typography.Text type="secondary">指标征集尚未结束：结束征集后才能首次发布</Typography.Text>}
            </Space>
          </Space>
        </Card>
      )}
      <Card size="small" title="等级划分">
        <GradeBandsEditor bands={fw.gradeBands ?? []} editable={editable} onChange={(b) => change({ ...fw, gradeBands: b })} />
      </Card>
      <SchemeTree framework={fw} editable={editable} options={scheme.evaluatorOptions} onChange={change} />
      <PublishModal
        open={publishOpen}
        scheme={scheme}
        onClose={() => setPublishOpen(false)}
        beforePublish={async () => (dirty ? save() : scheme)}
        onPublished={(r) => {
          setPublishOpen(false);
          onPublished(r);
        }}
      />
    </Space>
  );
}

function PublishModal({ open, scheme, onClose, beforePublish, onPublished }: {
  open: boolean;
  scheme: SchemeDetail;
  onClose: () => void;
  beforePublish: () => Promise<SchemeDetail | null>;
  onPublished: (r: PublishResult) => void;
}) {
  const [form] = Form.useForm<{ reason?: string }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const needsReason = scheme.versionNo > 1;
  useEffect(() => {
    if (open) {
      form.setFieldsValue({ reason: scheme.reason ?? undefined });
      setError(null);
    }
  }, [open, scheme, form]);

  const submit = async () => {
    const { reason } = await form.validateFields();
    const parsed = publishSchemeBody.safeParse({ version: scheme.version, ...(reason ? { reason } : {}) });
    if (!parsed.success) {
      form.setFields([{ name: 'reason', errors: parsed.error.issues.map((i) => i.message) }]);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const saved = await beforePublish();
      if (!saved) return;
      onPublished(await publishScheme(saved.id, saved.version, reason || undefined));
    } catch (e) {
      if (e instanceof ApiError && e.fields.some((f) => f.field === 'reason')) {
        form.setFields([{ name: 'reason', errors: e.fields.filter((f) => f.field === 'reason').map((f) => f.message) }]);
      } else if (e instanceof ApiError && e.fields.length) {
        setError(`${e.message}\n${e.fields.map((f) => f.message).join('\n')}`);
      } else setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={`发布考核方案第 ${scheme.versionNo} 版`} okText="发布" cancelText="取消" confirmLoading={busy} onOk={submit} onCancel={onClose} destroyOnHidden>
      <Typography.Paragraph>
        发布后本版本冻结，不能再修改；{scheme.versionNo === 1 ? '首次发布后考核进入评分阶段，各评价部门收到评分待办。' : '上一发布版本将被取代，不再适用的评分会被移除并列出。'}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon style={{ whiteSpace: 'pre-wrap', marginBottom: 12 }} message={error} />}
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label="修改原因" rules={needsReason ? [{ required: true, message: '发布新版本须说明原因' }] : []}>
          <Input.TextArea rows={3} maxLength={500} placeholder={needsReason ? '请写明本版本的修改原因' : '首次发布可不填'} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
