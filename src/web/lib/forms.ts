/**
 * Form helpers: show problems next to the fields they concern — from the shared zod schemas before
 * submitting, and from the server's `fields` after.
 */
import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';
import { yearRefusal } from '../../shared/years';

export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * The form's values when every rule passes, else null (antd has already marked the fields). Unlike a bare
 * `await form.validateFields()`, an invalid form leaves no rejected promise behind (no unhandled rejection).
 */
export async function validated<T>(form: FormInstance<T>): Promise<T | null> {
  try {
    return await form.validateFields();
  } catch {
    return null;
  }
}

/** Put each problem on its form field; returns the problems that match no field of the form. */
export function showFieldProblems(form: FormInstance, problems: FieldProblem[], known: readonly string[]): FieldProblem[] {
  const byField = new Map<string, string[]>();
  const rest: FieldProblem[] = [];
  for (const p of problems) {
    const name = p.field.split('.')[0];
    if (known.includes(name)) byField.set(name, [...(byField.get(name) ?? []), p.message]);
    else rest.push(p);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return rest;
}

/** zod issues → field problems. */
export function zodProblems(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldProblem[] {
  return issues.map((i) => ({ field: i.path.map(String).join('.'), message: i.message }));
}

/**
 * A failed submit: field errors go onto the form; returns the message to show above the form
 * (null when every problem is shown on a field).
 */
export function formErrorMessage(form: FormInstance, err: unknown, known: readonly string[]): string | null {
  if (err instanceof ApiError) {
    const rest = showFieldProblems(form, err.fields, known);
    if (err.fields.length > 0 && rest.length === 0) return null;
    return err.message;
  }
  return err instanceof Error ? err.message : '操作失败，请稍后重试';
}

/**
 * The rules of a progress field (0–100 %, whole numbers): said next to the field in Chinese. The InputNumber itself
 * carries no min, max or precision, which would quietly turn 150 into 100 or 50.5 into 51 when the field loses focus.
 */
export const PROGRESS_RULES = [
  { required: true, message: '请填写进度（0–100的整数）' },
  {
    validator: (_: unknown, v: unknown) =>
      v === null || v === undefined || (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 100)
        ? Promise.resolve()
        : Promise.reject(new Error(`进度须为0–100的整数（100表示已完成），填的是${String(v)}`)),
  },
];

/**
 * The rules of a 年度 field (src/shared/years.ts), said next to the field in Chinese; `what` is its label (考核年度…).
 * Like PROGRESS_RULES, the InputNumber carries no min or max, which would turn a typed 1999 into 2000 unseen.
 */
export const yearRules = (what = '年度', min?: number, max?: number) => [
  { required: true, message: `请填写${what}` },
  {
    validator: (_: unknown, v: unknown) => {
      const refusal = typeof v === 'number' ? yearRefusal(v, what, min, max) : null;
      return refusal ? Promise.reject(new Error(refusal)) : Promise.resolve();
    },
  },
];

/**
 * Someone else saved first (a 409) while the user was editing: the latest values (`next`), except where the user had
 * changed what the page was opened on (`was` → `mine`) — those keep the user's entry, so the user can look and save
 * again. `same` compares one field as the user sees it (a day, a set of units). A field `mine` does not hold (antd's
 * getFieldsValue() leaves out a field not rendered) is one the user could not change: it takes the latest value.
 */
export function keepMine<T extends Record<string, unknown>>(mine: Partial<T>, was: T, next: T, same: (a: unknown, b: unknown) => boolean = Object.is): T {
  const changed = (k: string) => k in mine && !same(mine[k], was[k]);
  return Object.fromEntries(Object.keys(next).map((k) => [k, changed(k) ? mine[k] : next[k]])) as T;
}
