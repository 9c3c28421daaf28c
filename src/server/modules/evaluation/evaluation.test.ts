/**
 * The creation evaluation's first steps through the API (seed 004 §9): the provincial office opens a round, a city
 * applies with its four 不予受理 declarations, the office consults member departments and decides; a county
 * office's round takes only its counties. Who sees what, bad input, lost updates and the audit rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAudit } from '../../core/audit';
import { login, makeTestApp, named, orgIds, raceAgainstHeld, testDialects, type Client, type TestApp } from '../../test/helpers';

const declarations = (statement = '近三年本市未发生该情形，经市场监管、应急等部门核实。') =>
  ['I1', 'I2', 'I3', 'I4'].map((code) => ({ code, applies: false, statement }));

describe.each(testDialects())('creation evaluation: rounds, applications and the eligibility review, on %s', (dialect) => {
  let t: TestApp;
  let office: Client;
  let yueyang: Client;
  let round: any;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    office = await login(t.app, 'office');
    yueyang = await login(t.app, 'yueyang');
    const r = await office.request('POST', '/api/evaluation-rounds', { year: 2024, title: '2024年度质量强市（县）创建评价' });
    expect(r.status).toBe(201);
    round = r.json;
  });
  afterAll(() => t.close());

  it('opens a round on sheet A.1 of seed 004 (1060 points, 800 to pass), once a year per organiser', async () => {
    expect(round).toMatchObject({ year: 2024, status: 'open', statusLabel: '受理申请中', frameworkId: 'db43-quality-city', totalPoints: '1060', passMark: '800', applications: 0 });
    expect(round.organiser.name).toContain('质量强省');
    const again = await office.request('POST', '/api/evaluation-rounds', { year: 2024, title: '重复的批次' });
    expect(again.status).toBe(409);
    expect([again.json.message, again.json.fields]).toEqual([expect.stringMatching(named('本单位2024年度评价批次已由您在其他窗口于<T>开启，请刷新后查看')), [{ field: 'year', message: '该年度已有评价批次' }]]);
    const colleague = await (await login(t.app, 'office2')).request('POST', '/api/evaluation-rounds', { year: 2024, title: '同事的重复批次' });
    expect([colleague.status, colleague.json.message]).toEqual([409, expect.stringMatching(named('本单位2024年度评价批次已由唐碧辉（省质强办）于<T>开启，请刷新后查看'))]);
    const bad = await office.request('POST', '/api/evaluation-rounds', { year: 1999, title: '年' });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toMatch(/评价年度须在2000至2100之间|标题至少4个字/);
  });

  it('shows the round to the cities and counties it serves, not to other roles', async () => {
    expect((await yueyang.request('GET', '/api/evaluation-rounds')).json.items.map((r: any) => r.id)).toEqual([round.id]);
    const yuelu = await login(t.app, 'yuelu');
    expect((await yuelu.request('GET', `/api/evaluation-rounds/${round.id}`)).status).toBe(200);
    const leader = await login(t.app, 'leader');
    expect((await leader.request('GET', `/api/evaluation-rounds/${round.id}`)).status).toBe(200);
    // a department sees a round only once consulted on one of its applications
    const samr = await login(t.app, 'samr');
    expect((await samr.request('GET', '/api/evaluation-rounds')).json.items).toEqual([]);
    expect((await samr.request('GET', `/api/evaluation-rounds/${round.id}`)).status).toBe(404);
    // a city office runs its own rounds for its counties: the province's is not its own
    const cityOffice = await login(t.app, 'yueyang.office');
    expect((await cityOffice.request('GET', `/api/evaluation-rounds/${round.id}`)).status).toBe(404);
  });

  it('refuses an application that declares a condition applies, and saves nothing', async () => {
    const conditions = declarations();
    conditions[1] = { code: 'I2', applies: true, statement: '2022年发生一起较大生产安全事故' };
    const r = await yueyang.request('POST', `/api/evaluation-rounds/${round.id}/applications`, { contactName: '李明', contactPhone: '0730-8888888', conditions });
    expect(r.status).toBe(400);
    expect(r.json.message).toBe('申报存在不予受理情形「近三年城市出现重大安全生产、污染环境及其他严重违反国家政策等问题」，按规范不能申请创建评价');
    expect(r.json.fields).toEqual([{ field: 'conditions.1.applies', message: '存在该情形的不予受理' }]);
    expect(await t.db.db.selectFrom('evaluation_application').selectAll().execute()).toEqual([]);
    const phone = await yueyang.request('POST', `/api/evaluation-rounds/${round.id}/applications`, { contactName: '李明', contactPhone: 'abc', conditions: declarations() });
    expect(phone.status).toBe(400);
    expect(phone.json.message).toContain('联系电话须为7～20位数字');
  });

  let app: any;
  it('a city drafts, edits and submits; a stale version is a 409; a missing statement blocks the submission', async () => {
    const first = await yueyang.request('POST', `/api/evaluation-rounds/${round.id}/applications`, { contactName: '李明', contactPhone: '0730-8888888', conditions: declarations('') });
    expect(first.status).toBe(201);
    app = first.json;
    expect(app).toMatchObject({ status: 'draft', statusLabel: '草稿', applicant: { name: '岳阳市', kind: 'city' }, abilities: { edit: true, submit: true, decide: false } });
    expect(app.conditions.map((c: any) => c.code)).toEqual(['I1', 'I2', 'I3', 'I4']);
    expect(app.conditions[0].text).toBe('近三年城市发生重大产品质量安全事故，出现系统性、区域性质量安全问题');
    const dup = await yueyang.request('POST', `/api/evaluation-rounds/${round.id}/applications`, { contactName: '李明', contactPhone: '0730-8888888', conditions: [] });
    expect(dup.status).toBe(409);
    // empty statements: the submission names the first condition without one
    const early = await yueyang.request('POST', `/api/evaluation-applications/${app.id}/transition`, { event: 'submit', version: app.version });
    expect(early.status).toBe(400);
    expect(early.json.message).toBe('请对不予受理情形「近三年城市发生重大产品质量安全事故，出现系统性、区域性质量安全问题」写明情况说明（至少5个字）');
    const edited = await yueyang.request('PUT', `/api/evaluation-applications/${app.id}`, { contactName: '李明', contactPhone: '0730-8888888', note: '岳阳市申请创建质量强市', conditions: declarations(), version: app.version });
    expect(edited.status).toBe(200);
    const stale = await yueyang.request('PUT', `/api/evaluation-applications/${app.id}`, { contactName: '王五', contactPhone: '0730-8888888', conditions: declarations(), version: app.version });
    expect(stale.status).toBe(409);
    const submitted = await yueyang.request('POST', `/api/evaluation-applications/${app.id}/transition`, { event: 'submit', version: edited.json.version });
    expect(submitted.status).toBe(200);
    app = submitted.json;
    expect(app).toMatchObject({ status: 'submitted', statusLabel: '受理审查中', contactName: '李明', abilities: { edit: false } });
    const late = await yueyang.request('PUT', `/api/evaluation-applications/${app.id}`, { contactName: '李明', contactPhone: '0730-8888888', conditions: declarations(), version: app.version });
    expect(late.status).toBe(409);
    expect(late.json.message).toContain('申请已提交，不能再修改');
  });

  it('the office consults two departments; each answers only its own, once; the applicant sees the answers', async () => {
    const [samrId, ecoId] = await orgIds(t.db, ['samr', 'ecology']);
    const notDept = (await orgIds(t.db, ['430100']))[0];
    const bad = await office.request('POST', `/api/evaluation-applications/${app.id}/consultations`, { departmentIds: [notDept], conditions: ['I1'], question: '请核实近三年是否发生重大产品质量安全事故' });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toBe(`单位${notDept}不是成员单位，不能向其征求意见`);
    const asked = await office.request('POST', `/api/evaluation-applications/${app.id}/consultations`, { departmentIds: [samrId, ecoId], conditions: ['I1', 'I2'], question: '请核实岳阳市近三年是否存在下列情形' });
    expect(asked.status).toBe(201);
    expect(asked.json.consultations.map((c: any) => [c.department.id, c.status])).toEqual([
      [samrId, 'pending'],
      [ecoId, 'pending'],
    ]);
    const samr = await login(t.app, 'samr');
    const mine = (await samr.request('GET', '/api/evaluation-consultations')).json.items;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ applicant: { name: '岳阳市' }, conditions: [{ code: 'I1' }, { code: 'I2' }], statusLabel: '待回复' });
    // the department now sees the round and the application, with only its own consultation
    expect((await samr.request('GET', `/api/evaluation-rounds/${round.id}/applications`)).json.items.map((x: any) => [x.id, x.consultations.length])).toEqual([[app.id, 1]]);
    const other = asked.json.consultations.find((c: any) => c.department.id === ecoId);
    expect((await samr.request('POST', `/api/evaluation-consultations/${other.id}/answer`, { version: 1, findings: [{ code: 'I1', applies: false }], answer: '无此情形' })).status).toBe(404);
    const partial = await samr.request('POST', `/api/evaluation-consultations/${mine[0].id}/answer`, { version: 1, findings: [{ code: 'I1', applies: false }], answer: '经核实，无此情形' });
    expect(partial.status).toBe(400);
    expect(partial.json.message).toBe('请对情形I2给出意见（是否存在）');
    const ok = await samr.request('POST', `/api/evaluation-consultations/${mine[0].id}/answer`, { version: 1, findings: [{ code: 'I1', applies: false }, { code: 'I2', applies: false }], answer: '经核实，无此两种情形' });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ status: 'answered', findings: [{ code: 'I1', applies: false }, { code: 'I2', applies: false }] });
    const twice = await samr.request('POST', `/api/evaluation-consultations/${mine[0].id}/answer`, { version: 2, findings: [{ code: 'I1', applies: false }, { code: 'I2', applies: false }], answer: '再答一次' });
    expect([twice.status, twice.json.message]).toEqual([409, '本单位已回复该征求意见，无需再次回复']);
    const seen = (await yueyang.request('GET', `/api/evaluation-applications/${app.id}`)).json;
    expect(seen.consultations.find((c: any) => c.department.id === samrId)).toMatchObject({ answer: '经核实，无此两种情形' });
  });

  it('only the organiser decides; a refusal names a condition and a reason; acceptance moves the application on', async () => {
    expect((await yueyang.request('POST', `/api/evaluation-applications/${app.id}/transition`, { event: 'accept', version: app.version })).status).toBe(403);
    const noReason = await office.request('POST', `/api/evaluation-applications/${app.id}/transition`, { event: 'refuse', version: app.version, condition: 'I1', reason: '太短' });
    expect(noReason.status).toBe(400);
    const unknown = await office.request('POST', `/api/evaluation-applications/${app.id}/transition`, { event: 'refuse', version: app.version, condition: 'I9', reason: '近三年发生重大产品质量安全事故，经核实属实' });
    expect(unknown.status).toBe(400);
    expect(unknown.json.message).toBe('没有编号为I9的不予受理情形');
    const current = (await office.request('GET', `/api/evaluation-applications/${app.id}`)).json;
    expect(current.abilities).toMatchObject({ decide: true, consult: true, edit: false });
    // a department has not answered yet: the office sees it, and accepting anyway takes a written reason
    expect(current.acceptConcerns).toEqual([expect.stringMatching(/^.+尚未回复征求意见$/)]);
    const unseen = await office.request('POST', `/api/evaluation-applications/${app.id}/transition`, { event: 'accept', version: current.version });
    expect([unseen.status, unseen.json.message]).toEqual([409, `${current.acceptConcerns[0]}。如经核实仍予受理，请写明受理理由；否则请退回补正或不予受理`]);
    const reason = '生态环境部门逾期未回复，经查阅公开的环境质量通报，岳阳市近三年未发生重大生态环境事件';
    const accepted = await office.request('POST', `/api/evaluation-applications/${app.id}/transition`, { event: 'accept', version: current.version, reason });
    expect(accepted.status).toBe(200);
    // the concerns it was accepted over stay beside the reason (the 受理通知书 prints both)
    expect(accepted.json).toMatchObject({ status: 'accepted', statusLabel: '已受理', acceptReason: reason, acceptConcerns: ['省生态环境厅尚未回复征求意见'] });
    // the question that waited on the department is closed, with its to-do; a late answer is refused
    const late = accepted.json.consultations.find((c: any) => c.status !== 'answered');
    expect(late).toMatchObject({ status: 'closed', statusLabel: '未回复（已作出受理决定）' });
    const eco = await login(t.app, 'ecology');
    expect((await eco.request('GET', '/api/todos')).json.items.filter((x: any) => x.kind === 'evaluation.consult')).toEqual([]);
    const lateAnswer = await eco.request('POST', `/api/evaluation-consultations/${late.id}/answer`, { version: late.version, findings: [{ code: 'I1', applies: false }, { code: 'I2', applies: true }], answer: '迟到的意见' });
    expect([lateAnswer.status, lateAnswer.json.message]).toEqual([409, '评价组织单位已对该申请作出受理决定（受理、退回补正或不予受理），本次征求意见已结束，无需再回复']);
    const again = await office.request('POST', `/api/evaluation-applications/${app.id}/transition`, { event: 'refuse', version: accepted.json.version, condition: 'I1', reason: '近三年发生重大产品质量安全事故，经核实属实' });
    expect(again.status).toBe(409);
    const audit = await t.db.db.selectFrom('audit_log').select(['action', 'entity_id']).where('entity_type', 'in', ['evaluation_application', 'eligibility_consultation', 'evaluation_round']).orderBy('id').execute();
    expect(audit.map((r) => r.action)).toEqual([
      'evaluationRound.create',
      'evaluationApplication.create',
      'evaluationApplication.update',
      'evaluationApplication.submit',
      'eligibilityConsultation.ask',
      'eligibilityConsultation.ask',
      'eligibilityConsultation.answer',
      'evaluationApplication.accept',
      'eligibilityConsultation.close',
    ]);
  });

  it('refuses on a condition with the reason, and returns for correction with a reason the applicant sees', async () => {
    const changsha = await login(t.app, 'changsha');
    const draft = (await changsha.request('POST', `/api/evaluation-rounds/${round.id}/applications`, { contactName: '张三', contactPhone: '0731-8888888', conditions: declarations() })).json;
    let v = (await changsha.request('POST', `/api/evaluation-applications/${draft.id}/transition`, { event: 'submit', version: draft.version })).json;
    const returned = await office.request('POST', `/api/evaluation-applications/${draft.id}/transition`, { event: 'return', version: v.version, reason: '请补充近三年质量安全情况的证明材料' });
    expect(returned.json).toMatchObject({ status: 'draft', returnReason: '请补充近三年质量安全情况的证明材料' });
    v = (await changsha.request('POST', `/api/evaluation-applications/${draft.id}/transition`, { event: 'submit', version: returned.json.version })).json;
    expect(v).toMatchObject({ status: 'submitted', returnReason: null });
    const refused = await office.request('POST', `/api/evaluation-applications/${draft.id}/transition`, { event: 'refuse', version: v.version, condition: 'I1', reason: '经征求意见，2022年发生一起重大产品质量安全事故' });
    expect(refused.json).toMatchObject({ status: 'refused', refusal: { code: 'I1', reason: '经征求意见，2022年发生一起重大产品质量安全事故' } });
    // the other city never sees 长沙's application
    expect((await yueyang.request('GET', `/api/evaluation-applications/${draft.id}`)).status).toBe(404);
    expect((await yueyang.request('GET', `/api/evaluation-rounds/${round.id}/applications`)).json.items.map((x: any) => x.id)).toEqual([app.id]);
  });

  it('after the round closes nobody applies; reopening lets them again', async () => {
    const r = (await office.request('GET', `/api/evaluation-rounds/${round.id}`)).json;
    const closed = await office.request('POST', `/api/evaluation-rounds/${round.id}/transition`, { event: 'close', version: r.version });
    expect(closed.json).toMatchObject({ status: 'closed', statusLabel: '已截止申请' });
    const yuelu = await login(t.app, 'yuelu');
    const late = await yuelu.request('POST', `/api/evaluation-rounds/${round.id}/applications`, { contactName: '赵六', contactPhone: '0731-1234567', conditions: declarations() });
    expect(late.status).toBe(409);
    expect(late.json.message).toBe('本批次已截止申请');
    const reopened = await office.request('POST', `/api/evaluation-rounds/${round.id}/transition`, { event: 'reopen', version: closed.json.version });
    expect(reopened.json.status).toBe('open');
    expect((await yuelu.request('POST', `/api/evaluation-rounds/${round.id}/applications`, { contactName: '赵六', contactPhone: '0731-1234567', conditions: declarations() })).status).toBe(201);
  });

  it('closing the round stops new applications, not the correction the office asked for (退回补正)', async () => {
    const [yuelu, miluo] = [await login(t.app, 'yuelu'), await login(t.app, 'miluo')];
    const mine = async (c: Client) => (await c.request('GET', `/api/evaluation-rounds/${round.id}/applications`)).json.items[0];
    // 岳麓区 applied in time and is sent back for a missing document; 汨罗市 has a draft it never submitted
    let a = await mine(yuelu);
    a = (await yuelu.request('POST', `/api/evaluation-applications/${a.id}/transition`, { event: 'submit', version: a.version })).json;
    a = (await office.request('POST', `/api/evaluation-applications/${a.id}/transition`, { event: 'return', version: a.version, reason: '请补充近三年质量安全情况的证明材料' })).json;
    const draft = (await miluo.request('POST', `/api/evaluation-rounds/${round.id}/applications`, { contactName: '孙八', contactPhone: '0730-5222222', conditions: declarations() })).json;
    const r = (await office.request('GET', `/api/evaluation-rounds/${round.id}`)).json;
    expect((await office.request('POST', `/api/evaluation-rounds/${round.id}/transition`, { event: 'close', version: r.version })).json.status).toBe('closed');
    // the returned application is corrected and submitted again, as its page offers
    expect((await mine(yuelu)).abilities).toMatchObject({ edit: true, submit: true });
    const fixed = (await yuelu.request('PUT', `/api/evaluation-applications/${a.id}`, { version: a.version, contactName: '赵六', contactPhone: '0731-1234567', note: '已补充证明材料', conditions: declarations() })).json;
    const again = await yuelu.request('POST', `/api/evaluation-applications/${a.id}/transition`, { event: 'submit', version: fixed.version });
    expect([again.status, again.json.status]).toEqual([200, 'submitted']);
    // a draft never submitted stays out: that is what the deadline is for
    expect((await mine(miluo)).abilities).toMatchObject({ submit: false });
    const late = await miluo.request('POST', `/api/evaluation-applications/${draft.id}/transition`, { event: 'submit', version: draft.version });
    expect([late.status, late.json.message]).toEqual([409, '本批次已截止申请，不能再提交']);
  });

  it('asks a department once at a time: a second request while it has not answered is a 409, nothing sent twice', async () => {
    const yuelu = await login(t.app, 'yuelu');
    const a = (await yuelu.request('GET', `/api/evaluation-rounds/${round.id}/applications`)).json.items[0];
    expect(a.status).toBe('submitted');
    const [samrId, ecoId] = await orgIds(t.db, ['samr', 'ecology']);
    const ask = (departmentIds: number[]) => office.request('POST', `/api/evaluation-applications/${a.id}/consultations`, { departmentIds, conditions: ['I1'], question: '请核实岳麓区近三年是否发生重大产品质量安全事故' });
    expect((await ask([samrId])).status).toBe(201);
    // the same request sent again (a double click, a second window), alone or beside a department not yet asked
    for (const ids of [[samrId], [ecoId, samrId]]) {
      const again = await ask(ids);
      expect([again.status, again.json.message]).toEqual([409, '已向省市场监督管理局征求意见，尚未回复，不再重复发送；请等待其回复']);
    }
    const sent = await t.db.db.selectFrom('eligibility_consultation').select('department_id').where('application_id', '=', a.id).execute();
    expect(sent.map((x) => x.department_id)).toEqual([samrId]);
  });

  it.runIf(dialect === 'postgres')('an opening of a year while a colleague’s opening of it commits (the unique key decides): 409 naming the colleague, nothing of it saved', async () => {
    const [officeId] = await orgIds(t.db, ['office']);
    const colleague = await t.db.db.selectFrom('app_user').select(['id', 'username']).where('username', '=', 'office2').executeTakeFirstOrThrow();
    const r = await raceAgainstHeld(
      t.db,
      async (trx) => {
        const at = new Date().toISOString();
        const { id } = await trx
          .insertInto('evaluation_round')
          .values({ year: 2041, title: '2041年度质量强市（县）创建评价', organiser_org_id: officeId, framework_id: round.frameworkId, framework_json: '{}', status: 'open', created_by: colleague.id, created_at: at, updated_at: at, version: 1 })
          .returning('id')
          .executeTakeFirstOrThrow();
        await writeAudit(trx, { userId: colleague.id, username: colleague.username, role: 'office', ip: null, userAgent: null, method: 'POST', path: '/api/evaluation-rounds' }, { action: 'evaluationRound.create', entityType: 'evaluation_round', entityId: id });
      },
      () => office.request('POST', '/api/evaluation-rounds', { year: 2041, title: '输掉的2041年度批次' }),
    );
    expect([r.status, r.json.message]).toEqual([409, expect.stringMatching(named('本单位2041年度评价批次已由刘思远（省质强办）于<T>开启，请刷新后查看'))]);
    expect((await t.db.db.selectFrom('evaluation_round').select('title').where('year', '=', 2041).execute()).map((x) => x.title)).toEqual(['2041年度质量强市（县）创建评价']);
  });

  it.runIf(dialect === 'postgres')('an application while the same applicant’s other window’s application commits (the unique key decides): 409 naming who and which, nothing of it saved', async () => {
    const r2042 = await office.request('POST', '/api/evaluation-rounds', { year: 2042, title: '2042年度质量强市（县）创建评价' });
    expect(r2042.status).toBe(201);
    const me = await t.db.db.selectFrom('app_user').select(['id', 'username', 'org_unit_id']).where('username', '=', 'yuelu').executeTakeFirstOrThrow();
    const yuelu = await login(t.app, 'yuelu');
    let heldId = 0;
    const r = await raceAgainstHeld(
      t.db,
      async (trx) => {
        const at = new Date().toISOString();
        const { id } = await trx
          .insertInto('evaluation_application')
          .values({ round_id: r2042.json.id, applicant_org_id: me.org_unit_id!, status: 'draft', contact_name: '先到的联系人', contact_phone: '0731-1111111', note: null, conditions_json: '[]', created_by: me.id, created_at: at, updated_at: at, version: 1 })
          .returning('id')
          .executeTakeFirstOrThrow();
        heldId = id;
        await writeAudit(trx, { userId: me.id, username: me.username, role: 'unit', ip: null, userAgent: null, method: 'POST', path: '/api/evaluation-rounds' }, { action: 'evaluationApplication.create', entityType: 'evaluation_application', entityId: id });
      },
      () => yuelu.request('POST', `/api/evaluation-rounds/${r2042.json.id}/applications`, { contactName: '后到的联系人', contactPhone: '0731-2222222', conditions: declarations() }),
    );
    expect([r.status, r.json.message]).toEqual([409, expect.stringMatching(named(`本单位在本批次的申请（编号${heldId}）已由您在其他窗口于<T>创建，请刷新后在原申请上修改`))]);
    expect((await t.db.db.selectFrom('evaluation_application').select('contact_name').where('round_id', '=', r2042.json.id).execute()).map((x) => x.contact_name)).toEqual(['先到的联系人']);
  });
});
