/**
 * A fault of the database is not a missing object. loadDeclaration read the caller's access to the declaration's cycle
 * inside a catch-all that answered every error with 「申报表 … 不存在或您无权查看」: a busy or unreachable database made
 * an existing declaration look deleted (and a 404 is not retried, where the 503 says to try again). The objection
 * routes did the same with their cycle. Only the cycle's own 404 (a cycle the caller takes no part in) is answered as
 * the object's 404; any other error reaches the error handler, which answers a database fault 503 (db/errors.ts).
 */
import type { FastifyInstance } from 'fastify';
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../app';
import { login, makeTestApp, testDialects, type Client, type TestApp } from '../../../test/helpers';

const BUSY = '系统繁忙，请稍后重试';

describe.each(testDialects())('assessment: a database fault while loading an object is a 503, not its 404, on %s', (dialect) => {
  let t: TestApp;
  let faulty: FastifyInstance;
  let office: Client;
  let armed = false;
  let ids: { declaration: number; scheme: number; objection: number; objectionVersion: number };
  // while armed, every read of a cycle (cycleAccess's) fails as SQLite does when another process holds the file
  const fault: KyselyPlugin = {
    transformQuery: (a) => {
      if (armed && JSON.stringify(a.node).includes('"assessment_cycle"')) throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
      return a.node;
    },
    transformResult: async (a) => a.result,
  };
  const faulted = async (method: string, url: string, body?: unknown) => {
    armed = true;
    try {
      const r = await office.request(method, url, body);
      return [r.status, r.json?.message];
    } finally {
      armed = false;
    }
  };

  beforeAll(async () => {
    t = await makeTestApp(dialect, {}, { demoAssessment: true });
    faulty = await buildApp({ config: t.config, db: { ...t.db, db: t.db.db.withPlugin(fault) } });
    office = await login(faulty, 'office');
    const objection = await t.db.db.selectFrom('objection').select(['id', 'version']).orderBy('id').executeTakeFirstOrThrow();
    ids = {
      declaration: (await t.db.db.selectFrom('declaration').select('id').orderBy('id').executeTakeFirstOrThrow()).id,
      scheme: (await t.db.db.selectFrom('scheme').select('id').orderBy('id').executeTakeFirstOrThrow()).id,
      objection: objection.id,
      objectionVersion: objection.version,
    };
  });
  afterAll(async () => {
    await faulty?.close();
    await t?.close();
  });

  // the faulted requests come first: a cycle access read without the fault is kept in memory for a few seconds
  // (db/write-watch.ts), and a request served from that copy would not read the cycle at all
  it('a declaration: GET and its form download answer 503, not 「申报表…不存在」', async () => {
    expect(await faulted('GET', `/api/declarations/${ids.declaration}`)).toEqual([503, BUSY]);
    expect(await faulted('GET', `/api/declarations/${ids.declaration}/template.xlsx`)).toEqual([503, BUSY]);
  });

  it('an objection: its answer and its notice answer 503, not 「异议…不存在」', async () => {
    expect(await faulted('GET', `/api/objections/${ids.objection}/notice.docx`)).toEqual([503, BUSY]);
    expect(await faulted('POST', `/api/objections/${ids.objection}/answer`, { decision: 'uphold', response: '经复核维持原评分', version: ids.objectionVersion })).toEqual([503, BUSY]);
  });

  it('a scheme (already right): 503', async () => {
    expect(await faulted('GET', `/api/schemes/${ids.scheme}`)).toEqual([503, BUSY]);
  });

  it('without the fault the same reads answer 200; a cycle the caller takes no part in is still the object’s own 404', async () => {
    for (const url of [`/api/declarations/${ids.declaration}`, `/api/objections/${ids.objection}/notice.docx`, `/api/schemes/${ids.scheme}`]) expect((await office.request('GET', url)).status, url).toBe(200);
    const other = await login(faulty, 'yueyang.office');
    const r = await other.request('GET', `/api/declarations/${ids.declaration}`);
    expect([r.status, r.json.message]).toEqual([404, `申报表${ids.declaration}不存在或您无权查看`]);
  });
});
