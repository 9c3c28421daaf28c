/**
 * 合理缺项 is the evaluation plan's to declare (seed 004 A.1: 3.5.b 无口岸的城市，此项为合理缺项; the organiser writes
 * it into the plan with a reason), for the applicant's 自评 as for the experts' sheets (review.na.test.ts). An
 * applicant's own "na" on 3.5.b, which no plan declared, was stored: the 自评 then showed the criterion as excluded
 * and its total was prorated over 1055 points, a 自评 the plan never allowed. Now a 400 naming the answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedApplication, fullAnswers, planBody } from '../../../test/evaluation';
import { makeTestApp, raceAgainstHeld, testDialects, type TestApp } from '../../../test/helpers';

const NOT_PLAN_NA = '评价工作方案未将本项确定为合理缺项，请按评分方法自评（如确属合理缺项，请在说明中写明情况，由评价组织单位在评价工作方案中确定）';

describe.each(testDialects())('creation evaluation: the applicant answers 合理缺项 in its 自评 only where the plan declares it, on %s', (dialect) => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof acceptedApplication>>;
  const url = () => `/api/evaluation-applications/${s.app.id}/self-assessment`;
  const stored = async () => (await t.db.db.selectFrom('self_assessment').select('answers_json').where('application_id', '=', s.app.id).executeTakeFirst())?.answers_json;

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    s = await acceptedApplication(t, [['王教授', 'expert'], ['李高工', 'expert2']], { selfSubmitted: false });
  });
  afterAll(() => t?.close());

  it('before any plan, "na" on 3.5.b is a 400 naming the answer; nothing is saved', async () => {
    const r = await s.yuelu.request('PUT', `${url()}/3.5/b`, { version: null, answer: 'na' });
    expect(r.status).toBe(400);
    expect(r.json.message).toBe(`3.5.b的自评有误：${NOT_PLAN_NA}`);
    expect(r.json.fields).toEqual([{ field: 'answer', message: NOT_PLAN_NA }]);
    expect(await stored()).toBeUndefined();
  });

  it('under a plan that declares no 合理缺项, the same; the criterion answered by its rule is saved', async () => {
    const body = planBody(s.fw, s.experts, ['王教授', '李高工'], { notApplicable: [] });
    const draft = (await s.office.request('PUT', `/api/evaluation-applications/${s.app.id}/plan`, body)).json.plan;
    expect((await s.office.request('POST', `/api/evaluation-applications/${s.app.id}/plan/approve`, { version: draft.version })).status).toBe(200);
    const r = await s.yuelu.request('PUT', `${url()}/3.5/b`, { version: null, answer: 'na' });
    expect([r.status, r.json.fields]).toEqual([400, [{ field: 'answer', message: NOT_PLAN_NA }]]);
    expect(await stored()).toBeUndefined();
    const ok = await s.yuelu.request('PUT', `${url()}/3.5/b`, { version: null, answer: false, note: '本区暂无口岸' });
    expect(ok.status).toBe(200);
    const b = ok.json.items.find((i: any) => i.code === '3.5').criteria.find((c: any) => c.code === 'b');
    expect([b.answer, b.score, b.notApplicable]).toEqual([false, '0', false]);
  });

  it('a "na" stored before the rule on a criterion the plan does not declare reads as unanswered: no proration, still to answer', async () => {
    // every criterion answered at full marks but 3.5.b, answered by its rule (no 口岸: 0 of its 5 points)
    const store = (answers: Record<string, Record<string, unknown>>) => t.db.db.updateTable('self_assessment').set({ answers_json: JSON.stringify(answers) }).where('application_id', '=', s.app.id).execute();
    const answers = fullAnswers(s.fw) as Record<string, Record<string, unknown>>;
    await store({ ...answers, '3.5': { ...answers['3.5'], b: false } });
    const b = (v: any) => v.items.find((i: any) => i.code === '3.5').criteria.find((c: any) => c.code === 'b');
    const before = (await s.yuelu.request('GET', url())).json;
    expect([b(before).answer, b(before).score, before.missing]).toEqual([false, '0', []]);
    // the same stored as "na", as a save before the rule left it: the plan declares no 合理缺项
    await store({ ...answers, '3.5': { ...answers['3.5'], b: 'na' } });
    const now = (await s.yuelu.request('GET', url())).json;
    // 3.5.b's 5 points are lost as before, not taken out of the sheet with the rest prorated over 1055
    expect(now.total).toBe(before.total);
    expect([b(now).answer, b(now).score, b(now).notApplicable]).toEqual([null, null, false]);
    expect(now.missing).toEqual(['3.5.b']);
    const submit = await s.yuelu.request('POST', `${url()}/submit`, { version: now.version });
    expect([submit.status, submit.json.current]).toEqual([409, { missing: ['3.5.b'] }]);
    await store({ ...answers, '3.5': { ...answers['3.5'], b: false } });
  });

  it.runIf(dialect === 'postgres')('the submit reads the plan\'s 合理缺项 after the application\'s lock, as the save does: a plan declaring 3.5.b, committed while the submit waits, is the one it checks', async () => {
    // every criterion answered but 3.5.b; the plan in force declares no 合理缺项 (3.5.b is 未自评)
    const answers = fullAnswers(s.fw) as Record<string, Record<string, unknown>>;
    const { b: _b, ...rest35 } = answers['3.5'];
    await t.db.db.updateTable('self_assessment').set({ answers_json: JSON.stringify({ ...answers, '3.5': rest35 }) }).where('application_id', '=', s.app.id).execute();
    const mine = (await s.yuelu.request('GET', url())).json;
    expect(mine.missing).toEqual(['3.5.b']);
    const plan = (await t.db.db.selectFrom('evaluation_plan').select(['id', 'not_applicable_json']).where('application_id', '=', s.app.id).orderBy('version_no', 'desc').executeTakeFirstOrThrow());
    // the organiser's plan change holds the application (as its commands do) and declares 3.5.b; the submit waits for it
    const submit = await raceAgainstHeld(
      t.db,
      async (trx) => {
        await trx.selectFrom('evaluation_application').select('id').where('id', '=', s.app.id).forUpdate().execute();
        await trx.updateTable('evaluation_plan').set({ not_applicable_json: JSON.stringify([{ key: '3.5.b', reason: '经核实岳麓区无口岸' }]) }).where('id', '=', plan.id).execute();
      },
      () => s.yuelu.request('POST', `${url()}/submit`, { version: mine.version }),
    );
    // before: the 合理缺项 read ahead of the lock (none) refused it with 3.5.b 未自评
    expect([submit.status, submit.json.status]).toEqual([200, 'submitted']);
    // back as the next case expects: open, 3.5.b answered by its rule, the plan declaring none
    await t.db.db.updateTable('evaluation_plan').set({ not_applicable_json: plan.not_applicable_json }).where('id', '=', plan.id).execute();
    await t.db.db.updateTable('self_assessment').set({ status: 'open', submitted_at: null, answers_json: JSON.stringify({ ...answers, '3.5': { ...answers['3.5'], b: false } }) }).where('application_id', '=', s.app.id).execute();
  });

  it('where the plan declares it, the criterion is 合理缺项 on the 自评 and "na" is no fault', async () => {
    // a new version of the approved plan declares 3.5.b (the draft already shapes the 自评: the save refers to it)
    const body = planBody(s.fw, s.experts, ['王教授', '李高工'], { reason: '经核实岳麓区无口岸' });
    const draft = await s.office.request('PUT', `/api/evaluation-applications/${s.app.id}/plan`, body);
    expect(draft.status).toBe(200);
    expect((await s.office.request('POST', `/api/evaluation-applications/${s.app.id}/plan/approve`, { version: draft.json.plan.version })).status).toBe(200);
    const mine = (await s.yuelu.request('GET', url())).json;
    const r = await s.yuelu.request('PUT', `${url()}/3.5/b`, { version: mine.version, answer: 'na' });
    expect(r.status).toBe(200);
    expect(r.json.items.find((i: any) => i.code === '3.5').criteria.find((c: any) => c.code === 'b').notApplicable).toBe(true);
  });
});
