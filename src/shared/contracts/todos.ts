import { choiceOf, z } from './common';

/** a to-do's state as the 待办 page names it */
export const TODO_STATUS_LABELS = { open: '待办', done: '已办' } as const;

export const todo = z.object({
  /** stable key: "declaration.fill:12" for a to-do derived from state, "todo:7" for a stored notice */
  key: z.string(),
  /** the stored row's id (null for a to-do derived from state) */
  id: z.number().nullable(),
  kind: z.string(),
  title: z.string(),
  detail: z.string().nullable(),
  link: z.string().nullable(),
  /** YYYY-MM-DD (end of that day, China time) or an ISO instant; format with src/shared/deadline.ts */
  dueAt: z.string().nullable(),
  status: z.enum(['open', 'done']),
  createdAt: z.string().nullable(),
  doneAt: z.string().nullable(),
  /** a notice (not work) that the user may mark read; work closes itself when it is done */
  dismissable: z.boolean(),
});
export type Todo = z.infer<typeof todo>;

export const todoListQuery = z.strictObject({ status: choiceOf(TODO_STATUS_LABELS, '状态').default('open') });

/** Stored to-do kinds that only inform (the user may mark them read); every other to-do is work. */
export const NOTICE_KINDS: readonly string[] = ['objection.answered', 'result.published'];

/** The office's reminder (催办) to a department whose declaration is outstanding. */
export const declarationReminder = z.object({ declarationId: z.number(), count: z.number(), lastAt: z.string() });
export type DeclarationReminder = z.infer<typeof declarationReminder>;
