/**
 * Form helpers: show problems next to the fields they concern — from the shared zod schemas before
 * submitting, and from the server's `fields` after.
 */
import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';

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
