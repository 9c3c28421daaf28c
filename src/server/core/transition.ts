/**
 * The one server function that moves a workflow: checks the shared table (src/shared/workflow), updates
 * WHERE status = :from (0 rows → 409 Conflict, never a silent overwrite) and writes the audit row in the
 * same transaction.
 */
import type { Kysely, Transaction } from 'kysely';
import { can, PERMISSIONS } from '../../shared/permissions';
import { findTransition, type Workflow } from '../../shared/workflow/workflow';
import type { Database } from '../db/schema';
import { byWhomWhen, recordedChanges } from './audit';
import type { Change } from './change';
import { conflict, forbidden, type AppError } from './errors';
import { personAt } from './user-names';

type StatusTable =
  | 'assessment_cycle'
  | 'declaration'
  | 'scheme'
  | 'score_submission'
  | 'objection'
  | 'evaluation_round'
  | 'evaluation_application'
  | 'eligibility_consultation'
  | 'evaluation_plan'
  | 'plan_member'
  | 'expert_sheet'
  | 'self_assessment'
  | 'rectification'
  | 'indicator_value'
  | 'incentive_policy'
  | 'work_plan'
  | 'work_task'
  | 'work_task_report'
  | 'work_task_extension'
  | 'work_task_closure'
  | 'analysis_report'
  | 'rectification_extension'
  | 'rectification_closure'
  | 'rectification_report';

/** What transition() needs of the change context: its transaction, its audit writer and the user who moves the row. */
export type MoveContext = Pick<Change, 'trx' | 'audit' | 'user'>;

/** One move of one row through its workflow. */
export interface Move<S extends string, E extends string> {
  workflow: Workflow<S, E>;
  table: StatusTable;
  /** the row's key columns */
  key: Record<string, number>;
  from: S;
  event: E;
  /** other columns to set with the move */
  set?: Record<string, unknown>;
  entityId: string | number;
  /** extra audit detail */
  detail?: Record<string, unknown>;
  /**
   * the 409 when the row moved meanwhile (no row matched the key and `from`), in words about the object — what changed,
   * by whom — in place of the general words of movedMeanwhile(); read after the miss, so it sees the change that won
   */
  onStale?: () => Promise<AppError>;
}

/**
 * The workflow table's verdict on a move, before any change is made (the same check transition() runs): the
 * move's definition, or a 409 — with the caller's message when it has a more helpful one for this state, or the
 * general words with the state as the caller's page names it (`{ stateLabel }`: 待质强办审核 for the workflow's 待部门审核).
 */
export function assertTransition<S extends string, E extends string>(workflow: Workflow<S, E>, from: S, event: E, message?: string | { stateLabel: string }) {
  const t = findTransition(workflow, from, event);
  if (t) return t;
  if (typeof message === 'string') throw conflict(message);
  const label = workflow.transitions.find((x) => x.event === event)?.label ?? event;
  throw conflict(`当前状态为「${message?.stateLabel ?? workflow.states[from] ?? from}」，不能执行「${label}」`);
}

/**
 * The 409 of a move that found the row moved meanwhile, when the caller has no words of its own (onStale): the move that
 * won, from the row's audit rows of this workflow (read after the miss, so it sees it) — who, when, which move and the
 * state it left; 状态已被他人更改 only when none is recorded.
 */
export async function movedMeanwhile<S extends string, E extends string>(c: Pick<Change, 'trx' | 'user'>, a: Pick<Move<S, E>, 'workflow' | 'table' | 'key' | 'entityId'>): Promise<AppError> {
  const [last] = await recordedChanges(c.trx, a.table, a.entityId, { family: a.workflow.name });
  if (!last) return conflict('状态已被他人更改，请刷新后重试');
  const move = a.workflow.transitions.find((t) => `${a.workflow.name}.${t.event}` === last.action);
  // the state the row is in now (read, not inferred from the move: what moved it last is not always a move of the table)
  let q = (c.trx as Transaction<any>).selectFrom(a.table).select('status');
  for (const [col, val] of Object.entries(a.key)) q = q.where(col, '=', val);
  const row = (await q.executeTakeFirst()) as { status: S } | undefined;
  const to = row ? a.workflow.states[row.status] : undefined;
  return conflict(`已由${byWhomWhen(last, c.user.id)}${move ? `执行「${move.label}」` : '更改'}${to ? `，当前状态为「${to}」` : ''}，请刷新后重试`);
}

/** A request one person decides (a 延期申请, a 办结 or 销号申请): its state and the decision's columns. */
export interface DecidedRequest<S extends string> {
  status: S;
  decided_by: number | null;
  decided_at: string | null;
}

/**
 * How a request was decided: when, by whom, and the label of its workflow's move into the state it is in (同意延期,
 * 不同意延期, 销号, 退回); null while it waits (no move leads back to pending) or when no decision is recorded. The one
 * rule for the work plan's and the rectification's requests: the 409 below, the item's latest change.
 */
export function requestDecision<S extends string, E extends string>(workflow: Workflow<S, E>, x: DecidedRequest<S>): { at: string; by: number | null; what: string } | null {
  const what = workflow.transitions.find((t) => t.to === x.status)?.label;
  return what && x.decided_at ? { at: x.decided_at, by: x.decided_by, what } : null;
}

/**
 * The 409 of a decision on a request that another decision got to first: who decided it, how and when (`now`, the
 * request as it stands, read after the miss; `me` the caller, told 您在其他窗口 of its own), so the loser sees the decision rather than a bare 已被他人修改 —
 * 该延期申请已由唐碧辉（省质强办）于 2026-07-10 10:00 同意延期，请刷新后查看.
 */
export async function requestDecided<S extends string, E extends string>(db: Kysely<Database>, what: string, workflow: Workflow<S, E>, now: DecidedRequest<S> | undefined, me: number): Promise<AppError> {
  const d = now ? requestDecision(workflow, now) : null;
  if (!d) return conflict(`该${what}已有变动，请刷新后查看`);
  return conflict(`该${what}已由${await personAt(db, d.by, d.at, me)}${d.what}，请刷新后查看`);
}

export async function transition<S extends string, E extends string>(c: MoveContext, a: Move<S, E>): Promise<S> {
  const t = assertTransition(a.workflow, a.from, a.event);
  if (!can(c.user.role, t.permission)) throw forbidden(`您的角色没有「${PERMISSIONS[t.permission].label}」权限`);
  let q = (c.trx as Transaction<any>)
    .updateTable(a.table)
    .set((eb: any) => ({ ...(a.set ?? {}), status: t.to, version: eb('version', '+', 1) }))
    .where('status', '=', a.from);
  for (const [col, val] of Object.entries(a.key)) q = q.where(col, '=', val);
  const r = await q.executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) throw a.onStale ? await a.onStale() : await movedMeanwhile(c, a);
  await c.audit({
    action: `${a.workflow.name}.${a.event}`,
    entityType: a.table,
    entityId: a.entityId,
    before: { status: a.from },
    after: { status: t.to, ...(a.set ?? {}), ...(a.detail ?? {}) },
  });
  return t.to;
}
