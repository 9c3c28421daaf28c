/**
 * A page's changes, the one way: busy while a change runs, the server's answer (the page's new data) handed to
 * `apply`, a success message; a failure as a message — or, from a form, beside the fields the server names.
 */
import { useState } from 'react';
import { App, type FormInstance } from 'antd';
import { errorMessage } from '../api/client';
import { formErrorMessage } from './forms';

export function useAction<T>(apply: (data: T) => void) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const perform = async (fn: () => Promise<T>, done: string, form?: { f: FormInstance; fields: readonly string[] }): Promise<boolean> => {
    setBusy(true);
    try {
      apply(await fn());
      message.success(done);
      return true;
    } catch (err) {
      const msg = form ? formErrorMessage(form.f, err, form.fields) : errorMessage(err);
      if (msg) message.error(msg);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return {
    busy,
    /** a change from a button */
    run: (fn: () => Promise<T>, done: string) => perform(fn, done),
    /** a change from a form: the server's problems beside the fields they concern */
    submitForm: (f: FormInstance, fields: readonly string[], fn: () => Promise<T>, done: string) => perform(fn, done, { f, fields }),
  };
}
