import { z } from './common';

export const todo = z.object({
  id: z.number(),
  kind: z.string(),
  title: z.string(),
  detail: z.string().nullable(),
  link: z.string().nullable(),
  dueAt: z.string().nullable(),
  status: z.enum(['open', 'done']),
  createdAt: z.string(),
  doneAt: z.string().nullable(),
});
export type Todo = z.infer<typeof todo>;

export const todoListQuery = z.strictObject({ status: z.enum(['open', 'done']).default('open') });
