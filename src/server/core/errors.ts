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

  /**
   * A refusal by a rule rather than a mistake in the form (one's own account, a password the system administrator
   * may not set, an account not yet reviewed): route() records it as a denied attempt, as it does every 403.
   */
  rule = false;

  /**
   * For a refusal answered as a missing object (concealed()): the rule's own words, which route() records as the
   * denied attempt (access.denied) while the caller reads only the 404; null for every other error.
   */
  concealedReason: string | null = null;
}

export const badRequest = (message: string, fields?: FieldProblem[]) => new AppError(400, 'bad_request', message, fields);
/** A 400 that refuses by a rule, not a typo: answered like badRequest, and recorded as a denied attempt (access.denied). */
export const ruleRefusal = (message: string, fields?: FieldProblem[]) => Object.assign(badRequest(message, fields), { rule: true });
export const unauthorized = (message = '请先登录') => new AppError(401, 'unauthorized', message);
export const forbidden = (message: string) => new AppError(403, 'forbidden', message);
export const notFound = (message: string) => new AppError(404, 'not_found', message);
/**
 * A refusal the caller has no right to know the object behind: answered as `missing`, the 404 a missing object gets
 * (its words exactly), so that ids cannot be probed for existence across units; route() still records it as a denied
 * attempt (越权访问) with the rule's words, `reason`, which the caller is not shown.
 */
export const concealed = (missing: AppError, reason: string) => Object.assign(new AppError(404, missing.code, missing.message, missing.fields), { concealedReason: reason });
export const conflict = (message: string, current?: unknown, fields?: FieldProblem[]) =>
  new AppError(409, 'conflict', message, fields, current);
export const locked = (message: string) => new AppError(423, 'locked', message);
