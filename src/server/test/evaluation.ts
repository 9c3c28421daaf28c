/**
 * Fixtures for the creation evaluation's API tests: a round with 岳麓区's accepted application, experts in the
 * office's pool linked to the demo expert accounts, and an expert sheet scored in full through the API.
 */
import type { Framework } from '../../shared/scoring/framework-schema';
import { checkAnswer } from '../../shared/scoring';
import type { Client } from './client';
import { login, orgIds, type TestApp } from './helpers';

/** a date in China's calendar, `offsetDays` from today */
export const china = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

const declarations = ['I1', 'I2', 'I3', 'I4'].map((code) => ({ code, applies: false, statement: '近三年本区未发生该情形，已经有关部门核实。' }));

/**
 * A 2025 round, 岳麓区's application accepted, and the office's pool of the given experts (name → account). Its 自评
 * is submitted at full marks (experts score only after it: 资料评审 reviews it), unless `selfSubmitted` is false.
 */
export async function acceptedApplication(t: TestApp, pool: [name: string, username: string][], { selfSubmitted = true } = {}) {
  const office = await login(t.app, 'office');
  const yuelu = await login(t.app, 'yuelu');
  const round = (await office.request('POST', '/api/evaluation-rounds', { year: 2025, title: '2025年度质量强市（县）创建评价' })).json;
  let a = (await yuelu.request('POST', `/api/evaluation-rounds/${round.id}/applications`, { contactName: '赵六', contactPhone: '0731-1234567', conditions: declarations })).json;
  a = (await yuelu.request('POST', `/api/evaluation-applications/${a.id}/transition`, { event: 'submit', version: a.version })).json;
  const app = (await office.request('POST', `/api/evaluation-applications/${a.id}/transition`, { event: 'accept', version: a.version })).json;
  const experts: Record<string, number> = {};
  const clients: Record<string, Client> = {};
  for (const [name, username] of pool) {
    experts[name] = await poolExpert(t, name, username);
    clients[name] = await login(t.app, username);
  }
  const fw = JSON.parse((await t.db.db.selectFrom('evaluation_round').select('framework_json').where('id', '=', round.id).executeTakeFirstOrThrow()).framework_json) as Framework;
  if (selfSubmitted) await submittedSelf(t, app.id, fw);
  return { office, yuelu, round, app, experts, clients, fw };
}

/** Three experts of the office's pool on the demo expert accounts (the first leads a panel of them). */
export const THREE_EXPERTS: [name: string, username: string][] = [
  ['王教授', 'expert'],
  ['李高工', 'expert2'],
  ['陈研究员', 'expert3'],
];

/** An expert in the provincial office's pool, linked to a demo expert account; the expert's id. */
export async function poolExpert(t: TestApp, name: string, username: string): Promise<number> {
  const [officeId] = await orgIds(t.db, ['office']);
  const now = new Date().toISOString();
  const user = await t.db.db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  const row = await t.db.db
    .insertInto('expert')
    .values({ organiser_org_id: officeId, name, organisation: '湖南大学', region_org_id: null, field: '质量管理', title: '教授', user_id: user.id, active: 1, created_at: now, updated_at: now, version: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** the answer that earns a criterion's full points (a rank criterion: a value above the peers the tests use) */
export function fullAnswer(fw: Framework, item: string, criterion: string): unknown {
  const c = fw.sections.flatMap((s) => s.items).find((i) => i.code === item)!.criteria.find((x) => x.code === criterion)!;
  if (c.rule.type === 'rank') return { value: 12 };
  const tries: unknown[] = [true, ...('levels' in c.rule ? (c.rule.levels as number[]) : []).map((level) => ({ level })), { value: 100 }, { value: 0 }];
  return tries.find((a) => {
    const r = checkAnswer(fw, item, criterion, a);
    return r.ok && Number(r.score) >= c.points;
  });
}

/** A whole sheet's answers at full points (as a submitted sheet has them), with `changes` by item and criterion. */
export function fullAnswers(fw: Framework, changes: Record<string, Record<string, unknown>> = {}): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    fw.sections.flatMap((s) => s.items).map((i) => [i.code, { ...Object.fromEntries(i.criteria.map((c) => [c.code, fullAnswer(fw, i.code, c.code)])), ...(changes[i.code] ?? {}) }]),
  );
}

/** Scores every criterion of `items` (but the 合理缺项 `skip`) at full points through the API; the sheet's version. */
export async function scoreInFull(who: Client, appId: number, fw: Framework, items: readonly string[], skip: readonly string[] = []): Promise<number> {
  let version: number | null = null;
  for (const i of fw.sections.flatMap((s) => s.items).filter((x) => items.includes(x.code)))
    for (const c of i.criteria) {
      const key = `${i.code}.${c.code}`;
      if (skip.includes(key)) continue;
      const r = await who.request('PUT', `/api/evaluation-applications/${appId}/sheet/${i.code}/${c.code}`, { version, answer: fullAnswer(fw, i.code, c.code) });
      if (r.status !== 200) throw new Error(`${key}: ${r.status} ${r.json.message}`);
      version = r.json.version;
    }
  return version!;
}

/**
 * `who` of the approved `plan` declares no conflict and scores every item of the sheet in full (3.5.b left out as
 * 合理缺项), not yet submitting; the sheet's version, for the changes the test makes next.
 */
export async function declaredInFull(f: Awaited<ReturnType<typeof acceptedApplication>>, plan: { members: { id: number; version: number; expert: { name: string } }[] }, who: string): Promise<number> {
  const seat = plan.members.find((m) => m.expert.name === who)!;
  const r = await f.clients[who]!.request('POST', `/api/plan-members/${seat.id}/recusal`, { version: seat.version, conflict: false, relations: [], statement: '本人与申请单位无利害关系' });
  if (r.status !== 200) throw new Error(`recusal ${who}: ${r.status} ${r.json.message}`);
  return scoreInFull(f.clients[who]!, f.app.id, f.fw, f.fw.sections.flatMap((s) => s.items.map((i) => i.code)), ['3.5.b']);
}

/**
 * 王教授 (leading) and 李高工 on an approved plan declare no conflict, score in full and submit, but 王教授 finds no
 * plan issued on 1.1 (0 of 20 against 20): a disagreement the team leader settles (组长确定得分). The approved plan.
 */
export async function splitOn11(f: Awaited<ReturnType<typeof acceptedApplication>>) {
  const plan = await approvedPlan(f.office, f.app.id, f.fw, f.experts, ['王教授', '李高工']);
  const url = `/api/evaluation-applications/${f.app.id}`;
  for (const who of ['王教授', '李高工']) {
    let v = await declaredInFull(f, plan, who);
    if (who === '王教授') v = (await f.clients[who]!.request('PUT', `${url}/sheet/1.1/a`, { version: v, answer: { level: 0 }, reason: '未印发质量发展规划' })).json.version;
    const r = await f.clients[who]!.request('POST', `${url}/sheet/submit`, { version: v });
    if (r.status !== 200) throw new Error(`submit ${who}: ${r.status} ${r.json.message}`);
  }
  return plan;
}

/** 岳麓区's 自评 of application `appId`, at full marks and submitted (written directly: the 自评 has its own tests). */
export async function submittedSelf(t: TestApp, appId: number, fw: Framework): Promise<void> {
  const user = await t.db.db.selectFrom('app_user').select('id').where('username', '=', 'yuelu').executeTakeFirstOrThrow();
  const at = new Date().toISOString();
  await t.db.db
    .insertInto('self_assessment')
    .values({ application_id: appId, answers_json: JSON.stringify(fullAnswers(fw)), notes_json: '{}', status: 'submitted', submitted_at: at, return_reason: null, updated_by: user.id, updated_at: at, version: 2 })
    .execute();
}

/**
 * The office writes and approves a plan giving every item of the sheet to each expert named (the first leads), with
 * 3.5.b as 合理缺项 and the review open today; the approved plan.
 */
export async function approvedPlan(office: Client, appId: number, fw: Framework, experts: Record<string, number>, names: string[]) {
  const body = planBody(fw, experts, names);
  const draft = (await office.request('PUT', `/api/evaluation-applications/${appId}/plan`, body)).json.plan;
  const r = await office.request('POST', `/api/evaluation-applications/${appId}/plan/approve`, { version: draft.version });
  if (r.status !== 200) throw new Error(`plan: ${r.status} ${r.json.message}`);
  return r.json.plan;
}

/**
 * A plan body giving every item of the sheet to each expert named (the first leads), 3.5.b as 合理缺项, the review open
 * today; `extra` overrides (version, reason, schedule).
 */
export function planBody(fw: Framework, experts: Record<string, number>, names: string[], extra: Record<string, unknown> = {}) {
  const items = fw.sections.flatMap((s) => s.items.map((i) => i.code));
  return {
    version: null as number | null,
    notApplicable: [{ key: '3.5.b', reason: '岳麓区无口岸，按规范为合理缺项' }],
    method: 'mean',
    threshold: '0.3',
    schedule: { documentReviewStart: china(-5), documentReviewEnd: china(0), siteReviewStart: china(0), siteReviewEnd: china(5) },
    members: names.map((name, i) => ({ expertId: experts[name], leader: i === 0, items })),
    peers: { '5.2.a': [{ code: '430102', name: '芙蓉区', value: 3 }, { code: '430103', name: '天心区', value: 5 }] },
    ...extra,
  };
}

/**
 * The panel `names` (the first leads) declare no conflict, score every item of the sheet in full (3.5.b left out as
 * 合理缺项) and submit; the leader confirms the 综合评价. `seats` is the approved plan's members as its page lists them.
 */
export async function confirmedInFull(office: Client, clients: Record<string, Client>, appId: number, fw: Framework, seats: { id: number; version: number; expert: { name: string } }[], names: string[]): Promise<void> {
  const items = fw.sections.flatMap((s) => s.items.map((i) => i.code));
  for (const name of names) {
    const seat = seats.find((m) => m.expert.name === name)!;
    await clients[name]!.request('POST', `/api/plan-members/${seat.id}/recusal`, { version: seat.version, conflict: false, relations: [], statement: '与申请单位无利害关系' });
    const version = await scoreInFull(clients[name]!, appId, fw, items, ['3.5.b']);
    const r = await clients[name]!.request('POST', `/api/evaluation-applications/${appId}/sheet/submit`, { version });
    if (r.status !== 200) throw new Error(`submit ${name}: ${r.status} ${r.json.message}`);
  }
  const now = (await office.request('GET', `/api/evaluation-applications/${appId}`)).json;
  const r = await clients[names[0]!]!.request('POST', `/api/evaluation-applications/${appId}/consolidate`, { version: now.version });
  if (r.status !== 200) throw new Error(`consolidate: ${r.status} ${r.json.message}`);
}
