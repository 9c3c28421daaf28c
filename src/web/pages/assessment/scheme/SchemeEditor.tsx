import { useEffect, useMemo, useRef, useState, type MutableRefObject } from 'react';
import { Affix, Alert, Anchor, App, Button, Card, Form, Input, Modal, Space, Typography } from 'antd';
import { checkScheme, publishSchemeBody, type SchemeDetail } from '../../../../shared/contracts/schemes';
import type { Framework } from '../../../../shared/scoring/framework-schema';
import { ApiError, errorMessage } from '../../../api/client';
import { applyDeclarations, publishScheme, saveScheme, type PublishResult } from '../../../api/schemes';
import CheckPanel from './CheckPanel';
import GradeBandsEditor from './GradeBandsEditor';
import SchemeTree from './SchemeTree';
import { validated } from '../../../lib/forms';
import { schemePublishRefusal, type CycleStatus } from '../../../../shared/workflow/assessment';
import { useCaretOnOpen } from '../../../lib/useCaretOnOpen';
import { useLeaveWarning } from '../../../lib/useLeaveWarning';

/**
 * How the draft's edits not saved yet are saved from outside the editor (申报对照's 写入草稿, which writes into the
 * stored draft): null while there are none; the saved draft, or null when the save was refused (the editor says why).
 */
export type SaveUnsaved = MutableRefObject<(() => Promise<SchemeDetail | null>) | null>;

/** The anchor of the editor's block for domain number `s`. */
const sectionId = (s: number) => `scheme-section-${s}`;
/** the sticky bar's height: an anchor's target scrolls to just below it */
const BAR_OFFSET = 150;

/**
 * One version of the scheme, split into blocks a 5,000 px page can be navigated by: a sticky bar with the
 * anchors (等级划分, each domain) and — for a draft the caller may edit — 保存草稿 (with the version, a 409
 * shows the other person's draft), 发布方案 and, right beside it, the live publication check (problems with a
 * link to their domain, accepted declarations not yet written into the draft); then the grade bands and one
 * block per domain.
 */
export default function SchemeEditor({
  scheme,
  cycleStatus,
  firstPublication,
  onSaved,
  onPublished,
  saveUnsaved,
}: {
  scheme: SchemeDetail;
  cycleStatus: CycleStatus;
  /** no version published yet: publishing this one starts the scoring */
  firstPublication: boolean;
  onSaved: (s: SchemeDetail) => void;
  onPublished: (r: PublishResult) => void;
  saveUnsaved?: SaveUnsaved;
}) {
  const { message, modal } = App.useApp();
  const [fw, setFw] = useState<Framework>(scheme.framework);
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [publishOpen, setPublishOpen] = useState(false);
  const [applying, setApplying] = useState(false);
  useEffect(() => {
    setFw(scheme.framework);
    setDirty(false);
  }, [scheme]);

  // the codes the server checks a draft against (the options and 'office'), so the live check agrees with a save's
  const codes = useMemo(() => new Set(Object.keys(scheme.evaluatorLabels)), [scheme.evaluatorLabels]);
  const report = useMemo(() => checkScheme(fw, codes), [fw, codes]);
  const editable = scheme.editable;
  // the cycle's state first: while the call for indicators runs, a correct draft still may not be published
  const phaseProblem = schemePublishRefusal(cycleStatus, firstPublication);
  const change = (next: Framework) => {
    setFw(next);
    setDirty(true);
  };

  // edits not saved yet (none while 保存草稿 is on its way): closing or reloading the tab asks first; leaving the
  // editor inside the app (another tab of the cycle, another version, another page) saves them on the way out and
  // says so — they were dropped without a word
  const unsaved = useRef<{ id: number; version: number; framework: Framework } | null>(null);
  unsaved.current = editable && dirty && !saving ? { id: scheme.id, version: scheme.version, framework: fw } : null;
  useLeaveWarning(() => unsaved.current !== null);
  const say = useRef(message);
  say.current = message;
  useEffect(
    () => () => {
      if (saveUnsaved) saveUnsaved.current = null;
      const left = unsaved.current;
      if (!left) return;
      saveScheme(left.id, left.framework, left.version).then(
        () => say.current.success('离开前已保存方案草稿的修改'),
        (e: unknown) => say.current.error(`方案草稿的修改未能保存：${errorMessage(e)}`),
      );
    },
    // on the way out only: the tab's ref object never changes
    [saveUnsaved],
  );

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
          content: `他人已保存第${current.versionNo}版草稿（基本分合计${current.check.basePoints}分）。载入他人的版本将放弃您未保存的修改；也可以取消，记下您的修改后再载入。`,
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

  // 申报对照's 写入草稿 saves these edits first, as applyPending below does (it wrote into the stored draft and the
  // editor then took that draft, the edits gone without a word)
  if (saveUnsaved) saveUnsaved.current = unsaved.current ? save : null;

  const unapplied = scheme.unappliedDeclarations;
  /** the item code of a problem ("7.b" → "7") → the anchor of its domain */
  const sectionOf = (code: string): string | null => {
    const item = code.split('.')[0];
    const s = fw.sections.findIndex((x) => x.code === code || x.items.some((i) => i.code === item));
    return s < 0 ? null : `#${sectionId(s)}`;
  };
  /** write the accepted declarations not yet in the draft (saving unsaved edits first) */
  const applyPending = async () => {
    setApplying(true);
    try {
      const saved = dirty ? await save() : scheme;
      if (!saved) return;
      const r = await applyDeclarations(saved.id, saved.version, unapplied.map((d) => d.departmentId));
      message.success(`已写入${r.applied.map((a) => a.departmentName).join('、')}的申报，请核定最终分值`);
      if (r.notes.length) modal.info({ title: '写入说明', content: <ul>{r.notes.map((n, i) => <li key={i}>{n}</li>)}</ul> });
      onSaved(r.scheme);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setApplying(false);
    }
  };
  const anchors = [
    { key: 'bands', href: '#scheme-bands', title: '等级划分' },
    ...fw.sections.map((sec, s) => ({ key: sectionId(s), href: `#${sectionId(s)}`, title: sec.title.replace(/[（(].*$/, '') || sec.code })),
  ];

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Affix offsetTop={0}>
        <Card size="small" styles={{ body: { padding: '8px 12px' } }} data-testid="scheme-bar">
          <Space direction="vertical" size={6} style={{ width: '100%' }}>
            <Anchor direction="horizontal" affix={false} targetOffset={BAR_OFFSET} items={anchors} aria-label="方案目录" />
            {editable && (
              <div style={{ display: 'flex', gap: 12, alignItems: 'flex-start', flexWrap: 'wrap' }}>
                <Space wrap>
                  <Button type="primary" disabled={!dirty} loading={saving} onClick={save}>
                    保存草稿
                  </Button>
                  <Button disabled={report.errors.length > 0 || unapplied.length > 0 || phaseProblem !== null} onClick={() => setPublishOpen(true)}>
                    发布方案
                  </Button>
                  {dirty && <Typography.Text type="warning">有未保存的修改</Typography.Text>}
                </Space>
                <CheckPanel report={report} totalPoints={fw.totalPoints} unapplied={unapplied} sectionOf={sectionOf} onApply={applyPending} applying={applying} phaseProblem={phaseProblem} />
              </div>
            )}
            {editable && phaseProblem && <Typography.Text type="secondary" data-testid="scheme-phase">{phaseProblem}</Typography.Text>}
          </Space>
        </Card>
      </Affix>
      <Card size="small" title="等级划分" id="scheme-bands">
        <GradeBandsEditor bands={fw.gradeBands ?? []} editable={editable} onChange={(b) => change({ ...fw, gradeBands: b })} />
      </Card>
      {fw.sections.map((sec, s) => (
        <Card key={s} size="small" id={sectionId(s)} styles={{ body: { padding: 0 } }}>
          <SchemeTree framework={fw} section={s} editable={editable} options={scheme.evaluatorOptions} names={scheme.evaluatorLabels} onChange={change} />
        </Card>
      ))}
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
  const caret = useCaretOnOpen();
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
    const values = await validated(form);
    if (!values) return;
    const { reason } = values;
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
    <Modal afterOpenChange={caret.afterOpenChange} open={open} title={`发布考核方案第${scheme.versionNo}版`} okText="发布" cancelText="取消" confirmLoading={busy} onOk={submit} onCancel={onClose} destroyOnHidden>
      <Typography.Paragraph>
        发布后本版本冻结，不能再修改；{scheme.versionNo === 1 ? '首次发布后考核进入评分阶段，各评价部门收到评分待办。' : '上一发布版本将被取代，不再适用的评分会被移除并列出。'}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon style={{ whiteSpace: 'pre-wrap', marginBottom: 12 }} message={error} />}
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={needsReason ? '修改原因' : '发布说明'} rules={needsReason ? [{ required: true, message: '发布新版本须说明原因' }] : []}>
          <Input.TextArea ref={caret.ref} rows={3} maxLength={500} placeholder={needsReason ? '请写明本版本的修改原因' : '首次发布可不填'} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
