import { z } from 'zod';
import { idParam } from '../../../shared/contracts/common';
import { declarationReminder, todo, todoListQuery } from '../../../shared/contracts/todos';
import { deriveTodos, DERIVED_KINDS } from '../../../shared/workflow/todos';
import { notFound, conflict } from '../../core/errors';
import { route } from '../../core/route';
import { completeTodo, remindDeclaration } from './todos.commands';
import { presentDerived, presentTodo } from './todos.presenter';
import { findMyTodo, listTodos, loadTodoState } from './todos.queries';

const dueOrder = (t: { dueAt: string | null }) => (t.dueAt === null ? '9999' : t.dueAt.length === 10 ? `${t.dueAt}T24` : t.dueAt);

export const todoRoutes = [
  route({
    method: 'GET',
    url: '/api/todos',
    access: 'todo.read',
    summary: '我的待办（由各项工作的状态得出，办理完成后自动消失）或已办',
    tags: ['待办'],
    query: todoListQuery,
    response: z.object({ items: z.array(todo) }),
    handler: async (ctx) => {
      const me = ctx.me();
      const stored = (await listTodos(ctx.db, me, ctx.query.status)).map(presentTodo);
      if (ctx.query.status === 'done') return { items: stored };
      // The state decides the kinds the rule table derives; stored rows of those kinds are not shown.
      const derived = deriveTodos(await loadTodoState(ctx.db, me, ctx.deps.config.now?.() ?? new Date()), me).map(presentDerived);
      const items = [...derived, ...stored.filter((t) => !DERIVED_KINDS.has(t.kind))];
      items.sort((a, b) => (dueOrder(a) < dueOrder(b) ? -1 : dueOrder(a) > dueOrder(b) ? 1 : 0));
      return { items };
    },
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
      if (!row) throw notFound(`待办 ${ctx.params.id} 不存在或不属于您`);
      if (row.status === 'done') throw conflict('该待办已办结', presentTodo(row));
      if (!presentTodo(row).dismissable) throw conflict('该待办在相应工作办理完成后自动关闭，不能直接办结');
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
