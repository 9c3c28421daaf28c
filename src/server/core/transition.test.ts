/**
 * transition()'s own 409, for a caller with no words of its own (onStale): the move that won, who made it and when,
 * read after the miss; 状态已被他人更改 only when nothing is recorded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DECLARATION_WORKFLOW } from '../../shared/workflow/assessment';
import { makeTestApp, named, openTestCycle, testDialects, type TestApp } from '../test/helpers';
import type { SessionUser } from './session';
import { writeAudit } from './audit';
import { AppError } from './errors';
import { requestDecision, transition } from './transition';
import { CLOSURE_WORKFLOW, EXTENSION_WORKFLOW } from '../../shared/workflow/workplan';
import { RECTIFICATION_CLOSURE_WORKFLOW, RECTIFICATION_EXTENSION_WORKFLOW } from '../../shared/workflow/rectification';

describe.each(testDialects())('transition() when the row moved meanwhile, on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('names the move that won, who made it and when, and the state it left', async () => {
    const { cycle } = await openTestCycle(t, { departments: ['samr'], year: 2034 });
    const db = t.db.db;
    const decl = await db.selectFrom('declaration').select(['id', 'status']).where('cycle_id', '=', cycle.id).executeTakeFirstOrThrow();
    const samr = await db.selectFrom('app_user').select(['id', 'username', 'role', 'org_unit_id']).where('username', '=', 'samr').executeTakeFirstOrThrow();
    const user = { id: samr.id, username: samr.username, role: 'department', orgUnitId: samr.org_unit_id } as unknown as SessionUser;
    const actor = { userId: samr.id, username: samr.username, role: 'department', ip: null, userAgent: null, method: null, path: null };
    const submit = (by = user) =>
      db.transaction().execute((trx) =>
        transition({ trx, audit: (rec) => writeAudit(trx, actor, rec), user: by }, {
          workflow: DECLARATION_WORKFLOW,
          table: 'declaration',
          key: { id: decl.id },
          from: 'draft',
          event: 'submit',
          entityId: decl.id,
        }),
      );
    expect(await submit()).toBe('submitted');
    const lost = await submit().catch((e: unknown) => e);
    expect(lost).toBeInstanceOf(AppError);
    expect([(lost as AppError).status, (lost as AppError).message]).toMatchObject([
      409,
      // the same person again (a second window): told it was their own
      expect.stringMatching(named('已由您在其他窗口于<T>执行「提交」，当前状态为「已提交」，请刷新后重试')),
    ]);
    // the state named is the row's own, read after the miss: a change recorded under another family (here written
    // straight to the row) is not mistaken for the last move's target
    await db.updateTable('declaration').set({ status: 'accepted' }).where('id', '=', decl.id).execute();
    // a colleague of the unit (another account) is told who it was
    const later = await submit({ ...user, id: samr.id + 1000 }).catch((e: unknown) => e);
    expect((later as AppError).message).toMatch(named('已由省市场监管局联络员（省市场监督管理局）于<T>执行「提交」，当前状态为「已接收」，请刷新后重试'));
  });
});

describe('requestDecision(): how a decided request reads, the work plan’s and the rectification’s alike', () => {
  const decided = { decided_by: 7, decided_at: '2026-07-10T02:00:00.000Z' };
  it('names the move that reached the request’s state, by whom and when', () => {
    const words = (wf: Parameters<typeof requestDecision>[0], status: string) => requestDecision(wf, { status, ...decided })?.what;
    for (const wf of [EXTENSION_WORKFLOW, RECTIFICATION_EXTENSION_WORKFLOW]) expect([words(wf, 'approved'), words(wf, 'refused')]).toEqual(['同意延期', '不同意延期']);
    for (const wf of [CLOSURE_WORKFLOW, RECTIFICATION_CLOSURE_WORKFLOW]) expect([words(wf, 'accepted'), words(wf, 'returned')]).toEqual(['销号', '退回']);
    expect(requestDecision(CLOSURE_WORKFLOW, { status: 'returned', ...decided })).toEqual({ at: decided.decided_at, by: 7, what: '退回' });
  });
  it('is null while the request waits, or when no decision is recorded', () => {
    expect(requestDecision(EXTENSION_WORKFLOW, { status: 'pending', decided_by: null, decided_at: null })).toBeNull();
    expect(requestDecision(RECTIFICATION_CLOSURE_WORKFLOW, { status: 'pending', ...decided })).toBeNull();
    expect(requestDecision(RECTIFICATION_EXTENSION_WORKFLOW, { status: 'approved', decided_by: 7, decided_at: null })).toBeNull();
  });
});
