/** Errors a person can cause: each carries an HTTP status and a Chinese message that says what to fix. */
export interface FieldProblem {
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: FieldProblem[],
    /** for a conflict: the current stored value, so the client can show the other person's change */
    readonly current?: unknown,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, fields?: FieldProblem[]) => new AppError(400, 'bad_request', message, fields);
export const unauthorized = (message = '请先登录') => new AppError(401, 'unauthorized', message);
export const forbidden = (message: string) => new AppError(403, 'forbidden', message);
export const notFound = (message: string) => new AppError(404, 'not_found', message);
export const conflict = (message: string, current?: unknown, fields?: FieldProblem[]) =>
  new AppError(409, 'conflict', message, fields, current);
export const locked = (message: string) => new AppError(423, 'locked', message);
