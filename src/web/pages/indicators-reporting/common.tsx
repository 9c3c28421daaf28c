/**
 * Pieces shared by the reporting pages: the value's status tag, its status light (提前实现 / 符合预期 / 滞后,
 * from the shared status function, so a change of value changes the light), the value form with the same checks
 * the server runs (warnings inline; the explanation box appears when one is needed) and the return modal.
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Space, Tag, Tooltip } from 'antd';
import { ApiError, errorMessage } from '../../api/client';
import { moveValue, saveValue, type RowView } from '../../api/indicator-reporting';
import { checkValue, explanationProblem, readTypedValue } from '../../../shared/indicators/checks';
import type { StatusResult } from '../../../shared/indicators/status';
import { valueStatus, valueTarget, valueTargetLine } from '../../../shared/indicators/value-light';
import { formatDate } from '../../lib/format';
import { showFieldProblems } from '../../lib/forms';
import Attachments from '../../components/Attachments';
import { useCaretOnOpen } from '../../lib/useCaretOnOpen';

const MOVE_DONE = { submit: '已提交', review: '已审核通过', accept: '已确认' } as const;
/** One move of a value's workflow from a row's button (提交 / 审核通过 / 确认): say how it went, then reload. */
export async function moveAndReload(row: RowView, event: keyof typeof MOVE_DONE, message: { success(t: string): unknown; error(t: string): unknown }, reload: () => Promise<unknown>) {
  try {
    await moveValue(row.value!.id, { event, version: row.value!.version });
    message.success(MOVE_DONE[event]);
  } catch (err) {
    message.error(errorMessage(err));
  }
  await reload();
}

const STATUS_COLOR: Record<string, string> = { draft: 'default', submitted: 'processing', reviewed: 'cyan', accepted: 'success', returned: 'error' };
export const ValueStatusTag = ({ row }: { row: RowView }) =>
  row.value ? (
    <Space size={4} wrap>
      {row.value.confirmed && (
        <Tooltip title={`更正确认前仍以已确认的${row.value.confirmed.value}为准${row.value.confirmed.acceptedAt ? `（${formatDate(row.value.confirmed.acceptedAt)}${row.value.confirmed.acceptedBy ? ` ${row.value.confirmed.acceptedBy}` : ''}确认）` : ''}`}>
          <Tag color="success" data-testid={`confirmed-${row.key}`}>
            已确认{row.value.confirmed.value}（在用）
          </Tag>
        </Tooltip>
      )}
      <Tag color={STATUS_COLOR[row.value.status]} data-testid={`status-${row.key}`}>
        {row.value.confirmed ? `更正${row.value.value === null ? '' : ` ${row.value.value}`}：${row.value.statusLabel}` : row.value.statusLabel}
      </Tag>
      {row.value.late && <Tag color="warning">逾期</Tag>}
      {row.lockedReturn && (
        <Tooltip title={row.lockedReturn}>
          <Tag color="warning" data-testid={`locked-return-tag-${row.key}`}>
            已锁定，待质强办重新开放
          </Tag>
        </Tooltip>
      )}
      {/* while the reopening is under way (reopenUnderWay, sent as facts.reopened): gone once the value is accepted again */}
      {row.facts.reopened && row.value.reopenReason && (
        <Tooltip title={`重新开放：${row.value.reopenReason}`}>
          <Tag color="purple">已重新开放</Tag>
        </Tooltip>
      )}
    </Space>
  ) : (
    <Tag data-testid={`status-${row.key}`}>未填报</Tag>
  );

const LIGHT_COLOR: Record<string, string> = { ahead: 'blue', on_track: 'green', lagging: 'red', unknown: 'default' };
export function Light({ light, testId }: { light: StatusResult | null; testId?: string }) {
  if (!light) return <span data-testid={testId}>—</span>;
  return (
    <Tooltip title={light.reason}>
      <Tag color={LIGHT_COLOR[light.status]} data-testid={testId} data-status={light.status}>
        ● {light.label}
      </Tag>
    </Tooltip>
  );
}

/** the light a typed value would get: the same function the server uses, on the same facts (a city's by its rule) */
export function lightFor(row: RowView, value: number | null): StatusResult | null {
  if (value === null || !Number.isFinite(value)) return null;
  try {
    return valueStatus(row.facts, value);
  } catch {
    return null;
  }
}

export const fmtValue = (row: RowView) => (row.value?.value === null || row.value?.value === undefined ? '—' : `${row.value.value}${row.indicator.unit === '%' ? '%' : ` ${row.indicator.unit}`}`);

interface FormValues {
  /** as typed: read by readTypedValue (full-width digits, "93.61%", "32,878"), never silently dropped */
  value: string;
  sourceDoc?: string;
  explanation?: string;
}

/**
 * 填报 / 修改 one value: save as a draft, or save and submit. A save whose submit then fails is handed to onSaved
 * (the dialog stays open on the saved version, so the next click is not taken for another window's change).
 */
export function ValueFormModal({ row, onClose, onDone, onSaved }: { row: RowView; onClose: () => void; onDone: (row: RowView) => void; onSaved: (row: RowView) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const caret = useCaretOnOpen();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const typedText = Form.useWatch('value', form) as string | undefined;
  const explanation = Form.useWatch('explanation', form) as string | undefined;
  useEffect(() => {
    form.setFieldsValue({ value: row.value?.value === null || row.value?.value === undefined ? '' : String(row.value.value), sourceDoc: row.value?.sourceDoc ?? '', explanation: row.value?.explanation ?? '' });
  }, [form, row]);
  const read = useMemo(() => readTypedValue(typedText ?? '', row.indicator.unit), [typedText, row]);
  const typed = 'value' in read ? read.value : null;
  const readError = 'error' in read ? read.error : null;
  const checks = useMemo(() => (typed === null ? null : checkValue({ ...row.facts, value: typed })), [row, typed]);
  // a figure the checks refuse (101 %) is not judged: the light stays as it was until the figure is one that can be saved
  const light = checks?.errors.length ? lightFor(row, null) : lightFor(row, typed);
  // the target the light holds the figure to, named as the light names it (valueTarget: the checks compare with the same)
  const target = useMemo(() => valueTarget(row.facts), [row]);
  const needsExplanation = !!checks && checks.warnings.length > 0;
  // kept while it holds text: a hidden box is left out of getFieldsValue(), so hiding it would drop what was typed
  const showExplanation = needsExplanation || !!row.value?.explanation || !!explanation;

  const run = async (submit: boolean) => {
    setProblem(null);
    const v = form.getFieldsValue();
    if (readError) return;
    if (typed === null) {
      form.setFields([{ name: 'value', errors: ['请填写数值'] }]);
      return;
    }
    if (checks?.errors.length) return;
    if (submit) {
      const why = explanationProblem(checks?.warnings ?? [], v.explanation);
      if (why) {
        form.setFields([{ name: 'explanation', errors: [why.message] }]);
        return;
      }
    }
    setBusy(true);
    try {
      const saved = await saveValue({
        periodId: row.periodId,
        indicatorId: row.indicator.id,
        orgId: row.unit.id,
        value: typed,
        sourceDoc: v.sourceDoc || null,
        explanation: v.explanation || null,
        ...(row.value ? { version: row.value.version } : {}),
      });
      if (submit && saved.value) {
        try {
          const moved = await moveValue(saved.value.id, { event: 'submit', version: saved.value.version });
          message.success('已提交');
          onDone(moved);
        } catch (err) {
          onSaved(saved);
          setProblem(`数值已保存，但未能提交：${errorMessage(err)}`);
        }
        return;
      }
      message.success('已保存');
      onDone(saved);
    } catch (err) {
      if (err instanceof ApiError && err.fields.length) {
        const rest = showFieldProblems(form, err.fields, ['value', 'sourceDoc', 'explanation']);
        if (rest.length) setProblem(rest.map((p) => p.message).join('；'));
      } else setProblem(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      afterOpenChange={caret.afterOpenChange}
      open
      title={`${row.value ? '修改' : '填报'}：${row.indicator.name}（${row.unit.name}，${row.facts.period.label}）`}
      onCancel={onClose}
      width={640}
      footer={[
        <Button key="cancel" onClick={onClose}>
          取消
        </Button>,
        <Button key="save" loading={busy} onClick={() => void run(false)} data-testid="value-save">
          保存
        </Button>,
        <Button key="submit" type="primary" loading={busy} onClick={() => void run(true)} data-testid="value-submit">
          保存并提交
        </Button>,
      ]}
    >
      {row.value?.returnComment && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={`退回意见：${row.value.returnComment}`} data-testid="return-comment" />}
      <Form form={form} layout="vertical">
        <Form.Item
          label={`数值（${row.indicator.unit}）`}
          name="value"
          required
          validateStatus={readError || checks?.errors.length ? 'error' : undefined}
          help={readError ?? (checks?.errors.length ? checks.errors.map((e) => e.message).join('；') : undefined)}
          extra={
            target || light ? (
              <span data-testid="form-target">
                {[target && valueTargetLine(row.facts, target), row.facts.previous && `${row.facts.previous.label}为${row.facts.previous.value}`].filter(Boolean).join('；')}
                {target || row.facts.previous ? ' · ' : ''}状态：<Light light={light} testId="form-light" />
              </span>
            ) : undefined
          }
        >
          <Input ref={caret.ref} style={{ width: 220 }} inputMode="decimal" autoComplete="off" suffix={row.indicator.unit} data-testid="value-input" />
        </Form.Item>
        {checks?.warnings.map((w) => <Alert key={w.code} type="warning" showIcon style={{ marginBottom: 8 }} message={w.message} data-testid={`warning-${w.code}`} />)}
        <Form.Item label="数据来源文件" name="sourceDoc" extra="发布数据的文件名称与文号（如统计公报、抽查通报）">
          <Input maxLength={500} data-testid="value-source" />
        </Form.Item>
        {showExplanation && (
          <Form.Item label="情况说明" name="explanation" required={needsExplanation} extra={needsExplanation ? '数值有提示，提交前请写明原因' : undefined}>
            <Input.TextArea rows={3} maxLength={2000} data-testid="value-explanation" value={explanation} />
          </Form.Item>
        )}
        <Form.Item label="附件（佐证材料）" extra="统计公报、抽查通报等原件；提交后不能再增删，退回后可修改">
          <Attachments key={`${row.value?.id}:${row.value?.status}`} owner={row.value ? { ownerType: 'indicator_value', ownerId: row.value.id } : null} />
        </Form.Item>
      </Form>
      {problem && <Alert type="error" showIcon message={problem} style={{ marginTop: 12 }} />}
    </Modal>
  );
}

/** 退回 with a comment (required). */
export function ReturnModal({ row, onClose, onDone }: { row: RowView; onClose: () => void; onDone: (row: RowView) => void }) {
  const [comment, setComment] = useState('');
  const caret = useCaretOnOpen();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const ok = async () => {
    if (comment.trim().length < 2) {
      setProblem('退回须写明意见（至少2个字）');
      return;
    }
    setBusy(true);
    try {
      onDone(await moveValue(row.value!.id, { event: 'return', version: row.value!.version, comment }));
    } catch (err) {
      setProblem(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal afterOpenChange={caret.afterOpenChange} open title={`退回：${row.indicator.name}（${row.unit.name}）`} onCancel={onClose} onOk={() => void ok()} okText="退回" confirmLoading={busy} okButtonProps={{ danger: true, 'data-testid': 'return-ok' } as never}>
      <Input.TextArea ref={caret.ref} rows={4} placeholder="退回意见（必填）" value={comment} onChange={(e) => setComment(e.target.value)} data-testid="return-input" />
      {problem && <Alert type="error" showIcon message={problem} style={{ marginTop: 12 }} />}
    </Modal>
  );
}
