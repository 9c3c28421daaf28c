// The to-do module's public face: its routes, the calls every workflow makes, and the office's 催办 of declarations
// as the declaration list shows them.
export { todoRoutes } from './todos.routes';
export { addTodo, closeOwnTodos, closeTodos, hasOpenTodo, remindersOfMany, type NewTodo } from './todos.queries';
