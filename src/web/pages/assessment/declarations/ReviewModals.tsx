/** The office's 退回（须填写原因）, 批量退回（每份一个原因） and 重新开放（至某日，须填写原因） dialogs. */
import { useEffect, useState } from 'react';
import { Alert, Button, DatePicker, Form, Input, Modal, Space, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { DeclarationSummary } from '../../../../shared/contracts/declarations';
import { reopenDeclarationBody } from '../../../../shared/contracts/declarations';
import { latestCycleDate, reopenUntilRefusal } from '../../../../shared/workflow/assessment';
import { formErrorMessage, validated } from '../../../lib/forms';
import { reopenDeclaration, transitionDeclaration } from '../../../api/declarations';
import { ApiError } from '../../../api/client';
import { chinaToday } from '../../../lib/format';
import { useCaretOnOpen } from '../../../lib/useCaretOnOpen';

/**
 * 退回 with its reason. Refused because the declaration moved on meanwhile (a 409: a colleague accepted or returned it
 * first), the dialog says by whom and when, greys 退回 (the same request would only be refused again) and `onStale` has
 * the list behind take the current state — it showed 已提交 with 接收 / 退回 until the page was reloaded.
 */
export function ReturnModal({ target, onClose, onDone, onStale }: { target: DeclarationSummary | null; onClose: () => void; onDone: () => void; onStale: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const caret = useCaretOnOpen();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  // a refusal said for one department is not said again over the next one's dialog
  useEffect(() => {
    setError(null);
    setStale(false);
  }, [target]);
  const ok = async () => {
    const values = await validated(form);
    if (!values) return;
    const { reason } = values;
    setBusy(true);
    setError(null);
    try {
      await transitionDeclaration(target!.id, { event: 'return', reason, version: target!.version });
      form.resetFields();
      onDone();
    } catch (err) {
      setError(formErrorMessage(form, err, ['reason']));
      if (err instanceof ApiError && err.status === 409) {
        setStale(true);
        onStale();
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal afterOpenChange={caret.afterOpenChange} open={!!target} title={`退回${target?.departmentName ?? ''}的申报表`} okText="退回" okButtonProps={{ danger: true, disabled: stale }} confirmLoading={busy} onOk={() => void ok()} onCancel={onClose} destroyOnHidden>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      {/* preserve={false}: a reason typed and cancelled goes with the dialog (it opened over the next department's return) */}
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="reason" label="退回原因" rules={[{ required: true, whitespace: true, message: '请填写退回原因，说明需要修改什么' }]}>
          <Input.TextArea ref={caret.ref} rows={4} maxLength={1000} showCount placeholder="如：第2条指标分值超过上年，请压减或说明理由" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * 重新开放 until a date, with its reason. Refused because the declaration moved on meanwhile (a 409: the department
 * submitted, a colleague reopened it to the same date, the 征集 ended), the dialog says why and `onStale` has the list
 * behind take the current state — it kept the row as it was until the page was reloaded. 重新开放 stays available: it
 * sends no version, and another date may well go through.
 */
export function ReopenModal({ target, onClose, onDone, onStale }: { target: DeclarationSummary | null; onClose: () => void; onDone: () => void; onStale: () => void }) {
  const [form] = Form.useForm<{ until: Dayjs; reason: string }>();
  const caret = useCaretOnOpen();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setError(null), [target]);
  // a department whose reopened window still runs: the dialog says until when and offers a week beyond it (it offered a
  // week from today, so a 重新开放 meant to extend cut 省发展改革委's window from two months to a week without a word)
  const today = chinaToday();
  const runsUntil = target?.reopenedUntil && !dayjs(target.reopenedUntil).isBefore(today, 'day') ? target.reopenedUntil : null;
  // never a day the picker greys: a window already near the year's bound (or set to 2099 before there was one) is offered
  // the last day allowed
  const latest = dayjs(latestCycleDate(today.format('YYYY-MM-DD')));
  const week = (runsUntil ? dayjs(runsUntil) : today).add(7, 'day');
  const suggested = week.isAfter(latest, 'day') ? latest : week;
  const ok = async () => {
    const v = await validated(form);
    if (!v) return;
    const body = { until: v.until.format('YYYY-MM-DD'), reason: v.reason };
    const parsed = reopenDeclarationBody.safeParse(body);
    if (!parsed.success) {
      setError(parsed.error.issues.map((i) => i.message).join('；'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await reopenDeclaration(target!.id, parsed.data);
      form.resetFields();
      onDone();
    } catch (err) {
      setError(formErrorMessage(form, err, ['until', 'reason']));
      if (err instanceof ApiError && err.status === 409) onStale();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal afterOpenChange={caret.afterOpenChange} open={!!target} title={`为${target?.departmentName ?? ''}重新开放申报`} okText="重新开放" confirmLoading={busy} onOk={() => void ok()} onCancel={onClose} destroyOnHidden>
      <Alert
        type={runsUntil ? 'warning' : 'info'}
        showIcon
        style={{ marginBottom: 12 }}
        message="截止后重新开放，该单位之后的提交将标记为“逾期”。"
        description={runsUntil && <span data-testid="reopen-runs-until">{`该单位的申报已重新开放至${runsUntil}（含当日）。再次重新开放将改为所选日期：早于${runsUntil}即缩短开放期限。`}</span>}
      />
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" preserve={false} initialValues={{ until: suggested }}>
        <Form.Item name="until" label="开放至（含当日）" rules={[{ required: true, message: '请选择重新开放的截止日期' }]}>
          {/* the server's rule (reopenUntilRefusal): a day before today or more than a year out is greyed */}
          <DatePicker disabledDate={(d) => reopenUntilRefusal({ until: d.format('YYYY-MM-DD'), today: today.format('YYYY-MM-DD') }) !== null} />
        </Form.Item>
        <Form.Item name="reason" label="原因" rules={[{ required: true, whitespace: true, message: '请填写重新开放的原因' }]}>
          <Input.TextArea ref={caret.ref} rows={3} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * 批量退回: the ticked declarations, one required reason each (with 同一理由填入全部 to fill every row at once).
 * On 退回 it hands the reasons to `onSubmit`, which sends one checked and audited request per declaration.
 */
export function BatchReturnModal({
  targets,
  onClose,
  onSubmit,
}: {
  targets: DeclarationSummary[] | null;
  onClose: () => void;
  onSubmit: (reasons: Map<number, string>) => void;
}) {
  const [reasons, setReasons] = useState<Record<number, string>>({});
  const [common, setCommon] = useState('');
  const caret = useCaretOnOpen();
  const [tried, setTried] = useState(false);
  useEffect(() => {
    setReasons({});
    setCommon('');
    setTried(false);
  }, [targets]);
  const rows = targets ?? [];
  const missing = rows.filter((d) => !(reasons[d.id] ?? '').trim());
  const ok = () => {
    setTried(true);
    if (missing.length) return;
    onSubmit(new Map(rows.map((d) => [d.id, reasons[d.id].trim()])));
  };
  return (
    <Modal
      afterOpenChange={caret.afterOpenChange}
      open={!!targets && targets.length > 0}
      width={760}
      title={`批量退回${rows.length}份申报表`}
      okText="退回"
      okButtonProps={{ danger: true }}
      onOk={ok}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert type="info" showIcon style={{ marginBottom: 12 }} message="每份申报表须填写退回原因，说明需要修改什么；成员单位将在待办中看到各自的原因。" />
      <Space.Compact style={{ width: '100%', marginBottom: 12 }}>
        <Input ref={caret.ref} value={common} maxLength={1000} placeholder="输入一个原因，可一次填入全部" onChange={(e) => setCommon(e.target.value)} data-testid="batch-return-common" />
        <Button
          disabled={!common.trim()}
          onClick={() => setReasons(Object.fromEntries(rows.map((d) => [d.id, common.trim()])))}
          data-testid="batch-return-fill"
        >
          同一理由填入全部
        </Button>
      </Space.Compact>
      {tried && missing.length > 0 && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} message={`还有${missing.length}份未填写退回原因：${missing.map((d) => d.departmentName).join('、')}`} />
      )}
      <Table<DeclarationSummary>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: '成员单位', dataIndex: 'departmentName', width: 180 },
          {
            title: '退回原因',
            render: (_, d) => (
              <Form.Item
                style={{ margin: 0 }}
                validateStatus={tried && !(reasons[d.id] ?? '').trim() ? 'error' : undefined}
                help={tried && !(reasons[d.id] ?? '').trim() ? '请填写退回原因' : undefined}
              >
                <Input.TextArea
                  rows={2}
                  maxLength={1000}
                  value={reasons[d.id] ?? ''}
                  aria-label={`${d.departmentName}的退回原因`}
                  data-testid={`batch-return-reason-${d.departmentCode}`}
                  onChange={(e) => setReasons((r) => ({ ...r, [d.id]: e.target.value }))}
                />
              </Form.Item>
            ),
          },
        ]}
      />
    </Modal>
  );
}
