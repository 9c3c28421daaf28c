import { z } from 'zod';
import { idParam } from '../../../shared/contracts/common';
import { todo, todoListQuery } from '../../../shared/contracts/todos';
import { notFound, conflict } from '../../core/errors';
import { route } from '../../core/route';
import { completeTodo } from './todos.commands';
import { presentTodo } from './todos.presenter';
import { findMyTodo, listTodos } from './todos.queries';

export const todoRoutes = [
  route({
    method: 'GET',
    url: '/api/todos',
    access: 'todo.read',
    summary: '我的待办（或已办）',
    tags: ['待办'],
    query: todoListQuery,
    response: z.object({ items: z.array(todo) }),
    handler: async (ctx) => ({ items: (await listTodos(ctx.db, ctx.me(), ctx.query.status)).map(presentTodo) }),
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
      const row = await findMyTodo(ctx.db, ctx.me(), ctx.params.id);
      if (!row) throw notFound(`待办 ${ctx.params.id} 不存在或不属于您`);
      if (row.status === 'done') throw conflict('该待办已办结', presentTodo(row));
      return ctx.tx((c) => completeTodo(c, row));
    },
  }),
];
