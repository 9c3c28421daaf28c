/**
 * An export larger than AUDIT_EXPORT_MAX is refused after counting, before a single row is loaded: the refusal
 * says how many rows match and what to do (narrow the dates or add a condition); an export within the limit still
 * loads its rows.
 */
import type { KyselyPlugin, RootOperationNode } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_EXPORT_MAX } from '../../../shared/contracts/audit';
import { login, makeTestApp, testDialects, type Client, type TestApp } from '../../test/helpers';

describe.each(testDialects())('the audit export limit on %s', (dialect) => {
  let t: TestApp;
  let auditor: Client;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    auditor = await login(t.app, 'auditor');
    // more rows of one kind than an export may hold
    const at = '2026-01-05T02:00:00.000Z';
    const rows = Array.from({ length: AUDIT_EXPORT_MAX + 1 }, (_, i) => ({ at, action: 'bulk.test', entity_type: 'bulk', entity_id: String(i), outcome: 'ok' as const }));
    for (let i = 0; i < rows.length; i += 2000) await t.db.db.insertInto('audit_log').values(rows.slice(i, i + 2000)).execute();
  }, 60_000);
  afterAll(() => t.close());

  /** the export's response, and whether it loaded rows of the log (a select of audit_log with a limit) */
  async function exportWatched(query: string) {
    let loaded = 0;
    const watch: KyselyPlugin = {
      transformQuery: (a) => {
        const n = a.node as RootOperationNode & { kind: string; limit?: unknown; from?: { froms: readonly unknown[] } };
        if (n.kind === 'SelectQueryNode' && n.limit && JSON.stringify(n.from?.froms ?? []).includes('"name":"audit_log"')) loaded++;
        return a.node;
      },
      transformResult: async (a) => a.result,
    };
    const plain = t.db.db;
    t.db.db = plain.withPlugin(watch);
    try {
      const r = await t.app.inject({ method: 'GET', url: `/api/audit/export.xlsx?${query}`, headers: { cookie: auditor.cookie } });
      return { r, loaded };
    } finally {
      t.db.db = plain;
    }
  }

  it(`more than ${AUDIT_EXPORT_MAX} matching rows: a 400 saying how many and what to do, and no row is loaded`, async () => {
    const { r, loaded } = await exportWatched('action=bulk.');
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toBe(`符合条件的记录有${AUDIT_EXPORT_MAX + 1}条，超过一次导出的上限${AUDIT_EXPORT_MAX}条；请缩小时间范围或增加条件后再导出`);
    expect(r.json().fields).toEqual([{ field: 'from', message: '请缩小时间范围' }]);
    expect(loaded).toBe(0);
  });

  it('within the limit the export loads its rows and downloads', async () => {
    const { r, loaded } = await exportWatched('action=auth.');
    expect(r.statusCode).toBe(200);
    expect(loaded).toBeGreaterThan(0);
  });
});
