import { z } from 'zod';
import { idParam } from '../../../shared/contracts/common';
import { todo, todoListQuery } from '../../../shared/contracts/todos';
import { notFound, conflict } from '../../core/errors';
import { route } from '../../core/route';
import { presentTodo, todosFor } from './todos.service';

export const todoRoutes = [
  route({
    method: 'GET',
    url: '/api/todos',
    access: 'todo.read',
    summary: '我的待办（或已办）',
    tags: ['待办'],
    query: todoListQuery,
    response: z.object({ items: z.array(todo) }),
    handler: async (ctx) => {
      const rows = await todosFor(ctx.db, ctx.me())
        .selectAll()
        .where('status', '=', ctx.query.status)
        .orderBy('due_at', 'asc')
        .orderBy('id', 'desc')
        .limit(500)
        .execute();
      return { items: rows.map(presentTodo) };
    },
  }),
  route({
    method: 'POST',
    url: '/api/todos/:id/done',
    access: 'todo.complete',
    summary: '办结一条待办',
    tags: ['待办'],
    params: idParam,
    response: todo,
    handler: async (ctx) => {
      const me = ctx.me();
      const row = await todosFor(ctx.db, me).selectAll().where('id', '=', ctx.params.id).executeTakeFirst();
      if (!row) throw notFound(`待办 ${ctx.params.id} 不存在或不属于您`);
      if (row.status === 'done') throw conflict('该待办已办结', presentTodo(row));
      return ctx.tx(async ({ trx, audit }) => {
        const now = new Date().toISOString();
        const r = await trx
          .updateTable('todo')
          .set({ status: 'done', done_at: now, done_by: me.id })
          .where('id', '=', row.id)
          .where('status', '=', 'open')
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) === 0) throw conflict('该待办已被他人办结');
        await audit({ action: 'todo.done', entityType: 'todo', entityId: row.id, before: { status: 'open' }, after: { status: 'done' } });
        return presentTodo({ ...row, status: 'done', done_at: now, done_by: me.id });
      });
    },
  }),
];
