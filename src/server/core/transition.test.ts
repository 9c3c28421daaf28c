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
import { transition } from './transition';

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
    const submit = () =>
      db.transaction().execute((trx) =>
        transition({
          trx,
          audit: (rec) => writeAudit(trx, actor, rec),
          user,
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
      expect.stringMatching(named('已由省市场监管局联络员（省市场监督管理局）于 <T> 执行「提交」，当前状态为「已提交」，请刷新后重试')),
    ]);
    // the state named is the row's own, read after the miss: a change recorded under another family (here written
    // straight to the row) is not mistaken for the last move's target
    await db.updateTable('declaration').set({ status: 'accepted' }).where('id', '=', decl.id).execute();
    const later = await submit().catch((e: unknown) => e);
    expect((later as AppError).message).toMatch(named('已由省市场监管局联络员（省市场监督管理局）于 <T> 执行「提交」，当前状态为「已接收」，请刷新后重试'));
  });
});
