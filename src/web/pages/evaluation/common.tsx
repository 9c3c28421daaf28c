/** What the creation evaluation pages share: status colours, field errors of nested form items, the 409 rule. */
import type { FormInstance } from 'antd';
import { Tag } from 'antd';
import { Link } from 'react-router-dom';
import { errorMessage, isApiError } from '../../api/client';
import { validated } from '../../lib/forms';

const APPLICATION_COLOR: Record<string, string> = {
  draft: 'default',
  submitted: 'processing',
  accepted: 'success',
  refused: 'error',
  reviewing: 'orange',
  consolidated: 'gold',
  reported: 'cyan',
  acknowledged: 'cyan',
  publicised: 'purple',
  named: 'success',
};

export const ApplicationStatusTag = ({ status, label }: { status: string; label: string }) => (
  <Tag color={APPLICATION_COLOR[status]} data-testid="application-status">
    {label}
  </Tag>
);

export const RoundStatusTag = ({ status, label }: { status: string; label: string }) => (
  <Tag color={status === 'open' ? 'processing' : 'default'} data-testid="round-status">
    {label}
  </Tag>
);

/** 待回复 orange, 已回复 green, 未回复（已作出受理决定） grey: it was closed without an answer */
export const ConsultationStatusTag = ({ status, label }: { status: string; label: string }) => <Tag color={status === 'pending' ? 'warning' : status === 'answered' ? 'success' : 'default'}>{label}</Tag>;

/**
 * Put the server's field problems ("conditions.2.statement") on the form's items (['conditions', 2, 'statement']);
 * returns true when at least one landed on a field of the form.
 */
export function showNestedFieldErrors(form: FormInstance, err: unknown, known: readonly string[]): boolean {
  if (!isApiError(err) || !err.fields.length) return false;
  const byName = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const f of err.fields) {
    const name = f.field.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    if (!known.includes(String(name[0]))) continue;
    const key = name.join('.');
    byName.set(key, { name, errors: [...(byName.get(key)?.errors ?? []), f.message] });
  }
  form.setFields([...byName.values()]);
  return byName.size > 0;
}

/** A version conflict or a state that has moved on: the page shows the server's message and reloads. */
export const isConflict = (err: unknown): boolean => isApiError(err) && err.status === 409;

/**
 * The 409 of a 同级比较表 of a year, level and metric the office already keeps (the server's sameNamed, on 新建 or on a
 * rename): the id of that table (null: not known), or undefined for any other error. Nothing the page shows is stale
 * then — a reload would not help — so the page keeps what was typed and offers to open the table there is.
 */
export function sameNamedTableOf(err: unknown): number | null | undefined {
  if (!isConflict(err) || !isApiError(err) || !err.fields.some((f) => f.field === 'metric')) return undefined;
  return (err.current as { table?: { id?: number } } | undefined)?.table?.id ?? null;
}

/** The link to the table a sameNamedTableOf 409 names. */
export const SameNamedTableLink = ({ id }: { id: number }) => (
  <Link to={`/evaluation/peer-tables/${id}`} data-testid="open-same-named-table">
    打开该比较表
  </Link>
);

/**
 * A dialog's form sent to the server: validated first; the answer handed to `onDone` with `done` as the message; on
 * failure the server's problems beside the `fields` named and its message, and a 409 reloads (onDone without data).
 */
export async function submitDialogForm<F, T>(
  form: FormInstance<F>,
  fields: readonly string[],
  ui: { setSaving: (b: boolean) => void; message: { success: (s: string) => unknown; error: (s: string) => unknown } },
  run: (values: F) => Promise<T>,
  done: string,
  onDone: (data?: T) => void,
): Promise<void> {
  const v = await validated(form);
  if (!v) return;
  ui.setSaving(true);
  try {
    const data = await run(v);
    ui.message.success(done);
    onDone(data);
  } catch (err) {
    showNestedFieldErrors(form, err, fields);
    ui.message.error(errorMessage(err));
    if (isConflict(err)) onDone();
  } finally {
    ui.setSaving(false);
  }
}
