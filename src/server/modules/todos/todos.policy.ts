/**
 * 待办's rules: a notice (NOTICE_KINDS) is marked read by whoever it is addressed to, once; a work to-do closes
 * itself when the work is done. Pure: each returns the Chinese refusal, or null.
 */
import { NOTICE_KINDS } from '../../../shared/contracts/todos';
import { chinaMoment } from '../../../shared/deadline';
import { conflict, type AppError } from '../../core/errors';
import type { TodoRow } from '../../db/schema';
import { presentTodo } from './todos.presenter';

/**
 * Why the to-do is not marked done now: already done (by whom and when — a notice addressed to a unit is read for
 * all its users, and of clicks sent at once one marks it), or a work to-do. `doneBy`: who marked it and when, in
 * personAt's words (唐碧辉（省质强办）于 2026-12-01 10:00), null when nobody is recorded.
 */
export function doneRefusal(row: TodoRow, doneBy: string | null): AppError | null {
  if (row.status === 'done') {
    const how = doneBy ? `由${doneBy}` : row.done_at ? `于${chinaMoment(new Date(row.done_at))}` : '';
    if (!NOTICE_KINDS.includes(row.kind)) return conflict(`该待办已${how}办结`, presentTodo(row));
    return conflict(`该通知已${how}标为已读`, presentTodo(row));
  }
  if (!presentTodo(row).dismissable) return conflict('该待办在相应工作办理完成后自动关闭，不能直接办结');
  return null;
}
