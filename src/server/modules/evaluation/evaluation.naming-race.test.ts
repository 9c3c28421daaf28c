/**
 * One 命名文件 names several applicants of a round (they share its 文号): two of them named at the same moment under
 * that number register the one 公文 twice. The unique index lets one register it; the other is the same 公文, so it
 * is named as if it had come second — never refused as if the number belonged to another 公文. A number another
 * 公文 of the office took meanwhile is still refused, naming that 公文.
 */
import type { Transaction } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocKind } from '../../../shared/contracts/docnumbers';
import type { Database } from '../../db/schema';
import { login, makeTestApp, orgIds, raceAgainstHeld, testDialects, type Client, type TestApp } from '../../test/helpers';
import { china } from '../../test/evaluation';

const declarations = ['I1', 'I2', 'I3', 'I4'].map((code) => ({ code, applies: false, statement: '近三年本市未发生该情形，经有关部门核实。' }));

describe.each(testDialects())('creation evaluation: two namings under one 文号 at once, on %s', (dialect) => {
  let t: TestApp;
  let office: Client;
  let round: any;
  let officeId: number;
  let me: number;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    office = await login(t.app, 'office');
    round = (await office.request('POST', '/api/evaluation-rounds', { year: 2024, title: '2024年度质量强市（县）创建评价' })).json;
    [officeId] = await orgIds(t.db, ['office']);
    me = (await t.db.db.selectFrom('app_user').select('id').where('username', '=', 'office').executeTakeFirstOrThrow()).id;
  });
  afterAll(() => t.close());

  /** an application of the round whose 公示 is over (set so directly: the steps before are other tests' business) */
  const publicised = async (username: string) => {
    const city = await login(t.app, username);
    const draft = (await city.request('POST', `/api/evaluation-rounds/${round.id}/applications`, { contactName: '李明', contactPhone: '0730-8888888', conditions: declarations })).json;
    await t.db.db.updateTable('evaluation_application').set({ status: 'publicised', publicity_start: china(-8), publicity_end: china(-1) }).where('id', '=', draft.id).execute();
    return (await office.request('GET', `/api/evaluation-applications/${draft.id}`)).json;
  };
  const name = (app: any, docNo: string) => office.request('POST', `/api/evaluation-applications/${app.id}/transition`, { event: 'name', version: app.version, docNo });
  /** the 文号 registered for a 公文 of the office by another transaction (`trx`, not yet committed) */
  const registered = (trx: Transaction<Database>, docNo: string, doc: { kind: DocKind; subject: string; title: string }) =>
    trx.insertInto('doc_number').values({ office_org_id: officeId, doc_no: docNo, ...doc, registered_by: me, registered_at: new Date().toISOString(), voided_at: null, voided_by: null, void_reason: null, version: 1 }).execute();
  const entries = (docNo: string) => t.db.db.selectFrom('doc_number').select(['kind', 'subject']).where('doc_no', '=', docNo).where('voided_at', 'is', null).execute();

  it('two applicants named one after the other under one 文号 share the one 公文 in the register', async () => {
    const docNo = '湘质强发〔2025〕11号';
    const [a, b] = [await publicised('yueyang'), await publicised('changsha')];
    expect((await name(a, docNo)).json).toMatchObject({ status: 'named', namingDocNo: docNo });
    expect((await name(b, docNo)).json).toMatchObject({ status: 'named', namingDocNo: docNo });
    expect(await entries(docNo)).toEqual([{ kind: 'evaluation_naming', subject: `${round.id}:${docNo}` }]);
  });

  it.runIf(dialect === 'postgres')('an applicant named while another naming under the same 文号 commits the 公文: named too, the 公文 registered once', async () => {
    const docNo = '湘质强发〔2025〕12号';
    const b = await publicised('hengyang');
    const r = await raceAgainstHeld(t.db, (trx) => registered(trx, docNo, { kind: 'evaluation_naming', subject: `${round.id}:${docNo}`, title: `${round.title}命名文件` }), () => name(b, docNo));
    expect([r.status, r.json.message]).toEqual([200, undefined]);
    expect(r.json).toMatchObject({ status: 'named', namingDocNo: docNo });
    expect(await entries(docNo)).toEqual([{ kind: 'evaluation_naming', subject: `${round.id}:${docNo}` }]);
  });

  it.runIf(dialect === 'postgres')('an applicant named while another 公文 of the office takes the 文号: 409 naming that 公文, nothing of the naming kept', async () => {
    const docNo = '湘质强发〔2025〕13号';
    const b = await publicised('changde');
    const r = await raceAgainstHeld(t.db, (trx) => registered(trx, docNo, { kind: 'rectification_notice', subject: china(-2), title: `整改事项落实情况通报（${china(-2)}）` }), () => name(b, docNo));
    expect([r.status, r.json.message, r.json.fields]).toEqual([409, `文号${docNo}已用于《整改事项落实情况通报（${china(-2)}）》（${china(0)}登记），请换一个文号`, [{ field: 'docNo', message: '文号已被使用' }]]);
    expect((await office.request('GET', `/api/evaluation-applications/${b.id}`)).json).toMatchObject({ status: 'publicised', namingDocNo: null });
    expect(await entries(docNo)).toEqual([{ kind: 'rectification_notice', subject: china(-2) }]);
  });
});
