import type { Todo } from '../../shared/contracts/todos';
import { api } from './client';

export const listTodos = (status: Todo['status']) => api.get<{ items: Todo[] }>('/api/todos', { status }).then((r) => r.items);
export const completeTodo = (id: number) => api.post<Todo>(`/api/todos/${id}/done`);
