import type { DeclarationReminder, Todo } from '../../shared/contracts/todos';
import { api } from './client';

export const listTodos = (status: Todo['status']) => api.get<{ items: Todo[] }>('/api/todos', { status }).then((r) => r.items);
/** Mark a notice read (work to-dos close themselves). */
export const completeTodo = (id: number) => api.post<Todo>(`/api/todos/${id}/done`);
/** 催办 an outstanding declaration. */
export const remindDeclaration = (id: number) => api.post<DeclarationReminder>(`/api/declarations/${id}/remind`);
