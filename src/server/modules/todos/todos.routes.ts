import { z } from 'zod';
import { idParam } from '../../../shared/contracts/common';
import { declarationReminder, todo, todoListQuery } from '../../../shared/contracts/todos';
import { notFound } from '../../core/errors';
import { route } from '../../core/route';
import { completeTodo, remindDeclaration } from './todos.commands';
import { findMyTodo, myTodos } from './todos.queries';

export const todoRoutes = [
  route({
    method: 'GET',
    url: '/api/todos',
    access: 'todo.read',
    summary: '我的待办（由各项工作的状态得出，办理完成后自动消失）或已办',
    tags: ['待办'],
    query: todoListQuery,
    response: z.object({ items: z.array(todo) }),
    handler: async (ctx) => ({ items: await myTodos(ctx.db, ctx.me(), ctx.query.status, new Date(ctx.clock().at)) }),
  }),
  route({
    method: 'POST',
    url: '/api/todos/:id/done',
    access: 'todo.complete',
    summary: '将一条通知标为已读（工作类待办在办理完成后自动关闭）',
    tags: ['待办'],
    params: idParam,
    response: todo,
    handler: async (ctx) => {
      const row = await findMyTodo(ctx.db, ctx.me(), ctx.params.id);
      if (!row) throw notFound(`待办${ctx.params.id}不存在或不属于您`);
      return ctx.tx((c) => completeTodo(c, row));
    },
  }),
  route({
    method: 'POST',
    url: '/api/declarations/:id/remind',
    access: 'declaration.review',
    summary: '催办：提醒成员单位尽快报送申报表（记入审计，显示在该单位的待办中）',
    tags: ['待办', '年度考核·指标申报'],
    params: idParam,
    response: declarationReminder,
    handler: async (ctx) => ctx.tx((c) => remindDeclaration(c, ctx.params.id)),
  }),
];
