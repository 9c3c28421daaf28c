// The to-do module's public face: its routes, and the two calls every workflow makes.
export { todoRoutes } from './todos.routes';
export { addTodo, closeOwnTodos, closeTodos, hasOpenTodo, type NewTodo } from './todos.queries';
export { remindersOf, remindersOfMany } from './todos.queries';
