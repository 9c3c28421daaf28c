/**
 * The changes of the creation evaluation, one function each, taking the change context first: open a round, apply
 * (a draft, then submitted), the eligibility review (ask member departments, their answers, then 受理 / 不予受理 /
 * 退回补正). Every status move goes through transition() with the tables of src/shared/workflow/evaluation.ts;
 * every change is audited in its transaction; a lost update is a 409.
 */
import { byWhomWhen, recordedChanges } from '../../core/audit';
import type { AnswerConsultationBody, ApplicationBody, ApplicationEventBody, ConsultBody, CreateRoundBody } from '../../../shared/contracts/evaluation';
import { APPLICATION_WORKFLOW, CONSULTATION_WORKFLOW, PLAN_WORKFLOW, publicityRefusal, ROUND_WORKFLOW, SELF_ASSESSMENT_WORKFLOW, type RoundEvent } from '../../../shared/workflow/evaluation';
import type { Change } from '../../core/change';
import { badRequest, conflict, notFound, type AppError } from '../../core/errors';
import { transition } from '../../core/transition';
import type { Kysely } from 'kysely';
import { onDuplicate, recoverDuplicate } from '../../db/errors';
import type { Database } from '../../db/schema';
import { holderOf, numberTaken, numberTakenMeanwhile, registerDocNumber } from '../docnumbers';
import { findFrameworkContent, parseStoredFramework } from '../frameworks';
import { acceptConcerns, applicationMoveRefusal, applyRefusal, consultationAnswerRefusal, decideRefusal, editRefusal, ensure, roundMoveRefusal, roundNotFound, type RoundAccess } from './evaluation.policy';
import { REFRESH_TO_SEE } from '../../../shared/text';
import { conditionTexts, frameworkOfRound, parseDeclared } from './evaluation.presenter';
import {
  applicationOf,
  consultationsOf,
  departmentsByIds,
  findConsultation,
  insertApplication,
  insertConsultation,
  insertRound,
  lockApplication,
  lockRound,
  orgsByIds,
  roundOfYear,
  updateApplication,
  type ApplicationRow,
  type ConsultationRow,
  type RoundRow,
} from './evaluation.queries';

/** The score sheet every round uses today: seed 004's table A.1 (frameworks/db43-quality-city.json). */
export const EVALUATION_FRAMEWORK_ID = 'db43-quality-city';

/**
 * What a lost race is about: the object's audit rows (its entity type, its family of actions) and how the 409 names
 * it — an application (该申请), its evaluation plan, a round, an eligibility consultation, a peer table, an expert
 * of the pool, the applicant's 自评.
 */
const RACE_SUBJECTS = {
  application: { entityType: 'evaluation_application', family: 'evaluationApplication', what: '该申请' },
  plan: { entityType: 'evaluation_plan', family: 'evaluationPlan', what: '评价工作方案' },
  round: { entityType: 'evaluation_round', family: 'evaluationRound', what: '评价批次' },
  consultation: { entityType: 'eligibility_consultation', family: 'eligibilityConsultation', what: '该征求意见' },
  peerTable: { entityType: 'peer_table', family: 'peerTable', what: '同级比较表' },
  expert: { entityType: 'expert', family: 'expert', what: '该专家信息' },
  self: { entityType: 'self_assessment', family: 'selfAssessment', what: '自评' },
} as const;
export type RaceSubject = keyof typeof RACE_SUBJECTS;

/** the actions whose words are not a workflow move's label */
const CHANGE_WORDS: Record<string, string> = {
  'evaluationApplication.create': '填写',
  'evaluationPlan.create': '新建',
  'evaluationPlan.supersede': '由新版本取代',
  'evaluationRound.create': '开启',
  'eligibilityConsultation.ask': '发出',
  'peerTable.create': '新建',
  'peerTable.fill': '修改数值',
  'peerTable.update': '修改',
  'peerTable.fillFromHonours': '从荣誉名录填入数值',
  'expert.create': '录入',
  'expert.update': '修改',
  'selfAssessment.score': '修改',
  'selfAssessment.check': '标记审查无误',
};
const WORKFLOWS = [APPLICATION_WORKFLOW, PLAN_WORKFLOW, ROUND_WORKFLOW, CONSULTATION_WORKFLOW, SELF_ASSESSMENT_WORKFLOW];

/** what an audit row of the module says was done to its object, as the 409 of a lost race words it */
function changeWhat(action: string, afterJson: string | null): string {
  if (CHANGE_WORDS[action]) return CHANGE_WORDS[action];
  const event = action.slice(action.indexOf('.') + 1);
  const item = afterJson ? (JSON.parse(afterJson) as { item?: string }).item : undefined;
  if (event === 'create') return '新建';
  if (event === 'update') return '修改';
  if (event === 'agree') return `确定第${item ?? ''}项的得分`;
  if (event === 'agree.withdraw') return `撤销第${item ?? ''}项确定的得分`;
  if (event === 'approve') return '批准';
  const workflow = WORKFLOWS.find((w) => action.startsWith(`${w.name}.`)) ?? APPLICATION_WORKFLOW;
  return (workflow.transitions as readonly { event: string; label: string }[]).find((t) => t.event === event)?.label ?? '处理';
}

/**
 * The 409 of a change that lost to another on one of the module's objects (RACE_SUBJECTS): the version the page
 * showed has moved on. Who, of which unit, did what to it and when, from its latest audit row read after the miss
 * (so it sees the change that won); `fallback` when none is recorded.
 */
export async function changedMeanwhile(c: Change, subject: RaceSubject, id: number, fallback: string, details?: Record<string, unknown>): Promise<AppError> {
  const { entityType, family, what } = RACE_SUBJECTS[subject];
  const [last] = await recordedChanges(c.trx, entityType, id, { family });
  if (!last) return conflict(fallback, details);
  return conflict(`${what}已由${byWhomWhen(last, c.user.id)}${changeWhat(last.action, last.after_json)}${REFRESH_TO_SEE}`, details);
}

/** The 409 of a change to an application that lost to another (changedMeanwhile). */
export const applicationChanged = (c: Change, appId: number, fallback: string, details?: Record<string, unknown>) => changedMeanwhile(c, 'application', appId, fallback, details);

/**
 * An opening of a round that the unique key evaluation_round_organiser_year refused: the organiser's round of that
 * year exists (opened before, or committed while this one ran; on PostgreSQL its transaction is gone, nothing of it
 * saved). The 409 names who opened it and when, from its evaluationRound.create audit row read after the fact
 * (您在其他窗口 when it was the caller, `me`), or only that it exists. Wraps the route's ctx.tx.
 */
export const roundTaken = <T>(db: Kysely<Database>, organiserId: number, me: number, year: number, open: () => Promise<T>): Promise<T> =>
  onDuplicate(open, async () => {
    const round = await roundOfYear(db, organiserId, year);
    const [opened] = round ? await recordedChanges(db, 'evaluation_round', round.id, { action: 'evaluationRound.create' }) : [];
    const message = opened ? `本单位${year}年度评价批次已由${byWhomWhen(opened, me)}开启，请刷新后查看` : `本单位${year}年度已有评价批次`;
    return conflict(message, undefined, [{ field: 'year', message: '该年度已有评价批次' }]);
  });

export async function createRound(c: Change, body: CreateRoundBody): Promise<number> {
  const { clock } = c;
  const stored = await findFrameworkContent(c.trx, EVALUATION_FRAMEWORK_ID);
  if (!stored) throw conflict('评分表（质量强市（区、县）创建和评价规范表A.1）尚未导入，请联系系统管理员');
  const fw = parseStoredFramework(stored);
  const at = clock.at;
  // a second round of the year (a page read before the first, or a colleague's opening committing meanwhile): the
  // unique key decides, and roundTaken (around the route's transaction) says who opened the first
  const { id } = await insertRound(c.trx, { year: body.year, title: body.title, organiserId: c.user.orgUnitId, frameworkId: fw.id, frameworkJson: stored.content_json, by: c.user.id, at, status: 'open' });
  await c.audit({ action: 'evaluationRound.create', entityType: 'evaluation_round', entityId: id, after: { year: body.year, title: body.title, framework: `${fw.id} ${fw.version}` } });
  return id;
}

export async function moveRound(c: Change, a: RoundAccess, event: RoundEvent, version: number): Promise<void> {
  const { clock } = c;
  ensure(roundMoveRefusal(a));
  const round = await lockRound(c.trx, a.round.id);
  if (!round) throw roundNotFound(a.round.id);
  if (round.version !== version) throw await changedMeanwhile(c, 'round', round.id, '评价批次已被他人修改，请刷新后重试', { version: round.version });
  await transition(c, { workflow: ROUND_WORKFLOW, table: 'evaluation_round', key: { id: round.id }, from: round.status, event, entityId: round.id, set: { updated_at: clock.at } });
}

/**
 * The four 不予受理 declarations, checked against the round's sheet: each a known condition, none twice, and none
 * declared to apply (an applicant to whom a condition applies may not apply at all: seed 004 §9.2). With
 * `complete`, every condition must be declared with a statement (the application is being submitted).
 */
function checkConditions(a: RoundAccess, body: Pick<ApplicationBody, 'conditions'>, complete: boolean): void {
  const texts = conditionTexts(frameworkOfRound(a.round));
  const seen = new Set<string>();
  body.conditions.forEach((d, i) => {
    if (!texts.has(d.code)) throw badRequest(`没有编号为${d.code}的不予受理情形`, [{ field: `conditions.${i}.code`, message: '请从评分表的四种不予受理情形中选择' }]);
    if (seen.has(d.code)) throw badRequest(`不予受理情形${d.code}填写了两次`, [{ field: `conditions.${i}.code`, message: '每种情形只说明一次' }]);
    seen.add(d.code);
    if (d.applies) {
      throw badRequest(`申报存在不予受理情形「${texts.get(d.code)}」，按规范不能申请创建评价`, [{ field: `conditions.${i}.applies`, message: '存在该情形的不予受理' }]);
    }
  });
  if (!complete) return;
  for (const [code, text] of texts) {
    const d = body.conditions.find((x) => x.code === code);
    if (!d) throw badRequest(`请说明是否存在不予受理情形「${text}」`, [{ field: 'conditions', message: `缺少${code}的说明` }]);
    if (d.statement.trim().length < 5) {
      throw badRequest(`请对不予受理情形「${text}」写明情况说明（至少5个字）`, [{ field: `conditions.${body.conditions.indexOf(d)}.statement`, message: '至少5个字' }]);
    }
  }
}

const declaredJson = (body: ApplicationBody) => JSON.stringify(body.conditions.map((d) => ({ code: d.code, applies: d.applies, statement: d.statement })));

/**
 * An application that the unique key evaluation_application_round_applicant refused: the applicant's application to
 * the round was created by another window or a colleague while this one ran (on PostgreSQL its transaction is gone,
 * nothing of it saved). The 409 names which application and who created it when, from its evaluationApplication.create
 * audit row read after the fact (您在其他窗口 when it was the caller, `me`). Wraps the route's ctx.tx.
 */
export const applicationTaken = <T>(db: Kysely<Database>, roundId: number, applicantId: number, me: number, create: () => Promise<T>): Promise<T> =>
  onDuplicate(create, async () => {
    const app = await applicationOf(db, roundId, applicantId);
    const [created] = app ? await recordedChanges(db, 'evaluation_application', app.id, { action: 'evaluationApplication.create' }) : [];
    if (!app || !created) return conflict('本单位在本批次已有申请，请刷新后在原申请上修改');
    return conflict(`本单位在本批次的申请（编号${app.id}）已由${byWhomWhen(created, me)}创建，请刷新后在原申请上修改`);
  });

export async function createApplication(c: Change, a: RoundAccess, body: ApplicationBody): Promise<number> {
  const { clock } = c;
  const round = await lockRound(c.trx, a.round.id);
  ensure(applyRefusal({ ...a, round: round! }, await applicationOf(c.trx, a.round.id, c.user.orgUnitId)));
  checkConditions(a, body, false);
  const at = clock.at;
  // the round is read FOR SHARE, which does not keep another window of the applicant from applying meanwhile: the
  // unique key decides, and applicationTaken (around the route's transaction) says who applied first
  const { id } = await insertApplication(c.trx, { roundId: a.round.id, applicantId: c.user.orgUnitId, contactName: body.contactName, contactPhone: body.contactPhone, note: body.note || null, conditionsJson: declaredJson(body), by: c.user.id, at });
  await c.audit({ action: 'evaluationApplication.create', entityType: 'evaluation_application', entityId: id, after: { roundId: a.round.id, ...body } });
  return id;
}

export async function editApplication(c: Change, a: RoundAccess, seen: ApplicationRow, body: ApplicationBody & { version: number }): Promise<void> {
  const { clock } = c;
  const app = await lockApplication(c.trx, seen.id);
  if (!app) throw notFound(`创建评价申请${seen.id}不存在`);
  ensure(editRefusal(a, app));
  if (app.version !== body.version) throw await applicationChanged(c, app.id, '申请已在其他窗口被修改，请刷新后再改', { version: app.version });
  checkConditions(a, body, false);
  const at = clock.at;
  if (!(await updateApplication(c.trx, app.id, body.version, { contactName: body.contactName, contactPhone: body.contactPhone, note: body.note || null, conditionsJson: declaredJson(body), at }))) {
    throw await applicationChanged(c, app.id, '申请已在其他窗口被修改，请刷新后再改');
  }
  await c.audit({
    action: 'evaluationApplication.update',
    entityType: 'evaluation_application',
    entityId: app.id,
    before: { contactName: app.contact_name, contactPhone: app.contact_phone, note: app.note, conditions: parseDeclared(app.conditions_json), version: app.version },
    after: { contactName: body.contactName, contactPhone: body.contactPhone, note: body.note ?? null, conditions: body.conditions, version: app.version + 1 },
  });
}

/**
 * The 命名文件 of a round in the 文号 register: one decision may name several of the round's applicants (they share
 * its 文号), and a round may name in more than one decision, so the 公文 is the round's decision under that number.
 */
export const namingDoc = (round: Pick<RoundRow, 'id' | 'organiser_org_id' | 'title'>, docNo: string) => ({
  officeId: round.organiser_org_id,
  kind: 'evaluation_naming' as const,
  subject: `${round.id}:${docNo}`,
  title: `${round.title}命名文件`,
});

/**
 * A move whose 命名文件's 文号 the unique index refused: another naming or 公文 of the office registered it in a
 * transaction not yet committed when this one read the register (PostgreSQL; the transaction is gone, nothing of it
 * saved). Read after the fact: when the number now names this round's very decision — another applicant named under
 * it at the same moment — the move runs again and names this applicant too, as if it had come second; when it names
 * another 公文, the 409 says which. Wraps the route's ctx.tx.
 */
export const namingRegistered = <T>(db: Kysely<Database>, round: Pick<RoundRow, 'id' | 'organiser_org_id' | 'title'>, body: ApplicationEventBody, move: () => Promise<T>): Promise<T> =>
  body.event !== 'name'
    ? move()
    : recoverDuplicate(move, async () => {
        const doc = namingDoc(round, body.docNo);
        const holder = await holderOf(db, doc.officeId, body.docNo);
        if (holder && holder.kind === doc.kind && holder.subject === doc.subject) return move();
        throw holder ? numberTaken(body.docNo, holder, 'docNo') : numberTakenMeanwhile(body.docNo, 'docNo');
      });

/** An application's moves: 提交、受理、不予受理、退回补正, 公示 and 命名. */
export async function moveApplication(c: Change, a: RoundAccess, seen: ApplicationRow, body: ApplicationEventBody): Promise<void> {
  const { clock } = c;
  const app = await lockApplication(c.trx, seen.id);
  if (!app) throw notFound(`创建评价申请${seen.id}不存在`);
  // who may make the move first (403 whatever the version sent), then the version (a page left open while someone else
  // decided hears that), then the rule of the state; a submission reads the round under its lock
  const round = body.event === 'submit' ? await lockRound(c.trx, a.round.id) : a.round;
  const refusal = applicationMoveRefusal({ ...a, round: round! }, app, body.event, clock.today);
  if (refusal?.status === 403) throw refusal;
  if (app.version !== body.version) throw await applicationChanged(c, app.id, '申请已被他人处理或修改，请刷新后重试', { version: app.version, status: app.status });
  ensure(refusal);
  const at = clock.at;
  const base = { workflow: APPLICATION_WORKFLOW, table: 'evaluation_application' as const, key: { id: app.id }, from: app.status, entityId: app.id };
  switch (body.event) {
    case 'submit': {
      checkConditions(a, { conditions: parseDeclared(app.conditions_json).map((d) => ({ ...d })) }, true);
      await transition(c, { ...base, event: 'submit', set: { submitted_at: at, return_reason: null, updated_at: at } });
      return;
    }
    case 'accept': {
      const consultations = await consultationsOf(c.trx, [app.id]);
      const concerns = acceptConcerns(consultations, await orgsByIds(c.trx, consultations.map((x) => x.department_id)), conditionTexts(frameworkOfRound(a.round)));
      if (concerns.length && !body.reason) {
        throw conflict(`${concerns.join('；')}。如经核实仍予受理，请写明受理理由；否则请退回补正或不予受理`, { concerns });
      }
      await transition(c, {
        ...base,
        event: 'accept',
        set: {
          decided_at: at,
          decided_by: c.user.id,
          accept_reason: concerns.length ? body.reason! : null,
          accept_concerns_json: concerns.length ? JSON.stringify(concerns) : null,
          updated_at: at,
        },
        ...(concerns.length ? { detail: { concerns, reason: body.reason } } : {}),
      });
      await closeConsultations(c, consultations);
      return;
    }
    case 'return':
      await transition(c, { ...base, event: 'return', set: { return_reason: body.reason, updated_at: at }, detail: { reason: body.reason } });
      await closeConsultations(c, await consultationsOf(c.trx, [app.id]));
      return;
    case 'refuse': {
      const texts = conditionTexts(frameworkOfRound(a.round));
      if (!texts.has(body.condition)) throw badRequest(`没有编号为${body.condition}的不予受理情形`, [{ field: 'condition', message: '请从四种不予受理情形中选择' }]);
      await transition(c, { ...base, event: 'refuse', set: { refusal_condition: body.condition, refusal_reason: body.reason, decided_at: at, decided_by: c.user.id, updated_at: at }, detail: { condition: texts.get(body.condition) } });
      await closeConsultations(c, await consultationsOf(c.trx, [app.id]));
      return;
    }
    case 'sendReport':
      await transition(c, { ...base, event: 'sendReport', set: { reported_at: at, updated_at: at } });
      return;
    case 'acknowledge':
      await transition(c, { ...base, event: 'acknowledge', set: { acknowledged_at: at, updated_at: at } });
      return;
    case 'publicise':
      {
        const refusal = publicityRefusal(body.publicityStart, body.publicityEnd, clock.today);
        if (refusal) throw badRequest(refusal.message, [{ field: refusal.field, message: refusal.fieldMessage }]);
      }
      await transition(c, { ...base, event: 'publicise', set: { publicity_start: body.publicityStart, publicity_end: body.publicityEnd, updated_at: at } });
      return;
    case 'name':
      // the 命名文件 is a 公文 of the organiser (its 文号 in the office's register); the cities one decision names share it.
      // Registered by another naming or 公文 not yet committed: the unique index decides, namingRegistered answers
      await registerDocNumber(c, namingDoc(a.round, body.docNo), body.docNo, { field: 'docNo' });
      await transition(c, { ...base, event: 'name', set: { named_at: at, naming_doc_no: body.docNo, updated_at: at } });
      return;
  }
}


/** 征求意见: ask member departments whether conditions apply to the applicant (one request per department). */
export async function consult(c: Change, a: RoundAccess, seen: ApplicationRow, body: ConsultBody): Promise<number[]> {
  const { clock } = c;
  const app = await lockApplication(c.trx, seen.id);
  if (!app) throw notFound(`创建评价申请${seen.id}不存在`);
  ensure(decideRefusal(a, app));
  const texts = conditionTexts(frameworkOfRound(a.round));
  body.conditions.forEach((code, i) => {
    if (!texts.has(code)) throw badRequest(`没有编号为${code}的不予受理情形`, [{ field: `conditions.${i}`, message: '请从四种不予受理情形中选择' }]);
  });
  const ids = [...new Set(body.departmentIds)];
  const depts = await departmentsByIds(c.trx, ids);
  for (const [i, id] of ids.entries()) {
    const d = depts.find((x) => x.id === id);
    if (!d || d.kind !== 'department') throw badRequest(`单位${id}不是成员单位，不能向其征求意见`, [{ field: `departmentIds.${i}`, message: '请选择成员单位' }]);
  }
  // one open question per department: the same request again (a double click, a second window) is not sent twice
  const waiting = (await consultationsOf(c.trx, [app.id])).filter((x) => x.status === 'pending' && ids.includes(x.department_id));
  if (waiting.length) {
    const names = waiting.map((x) => depts.find((d) => d.id === x.department_id)!.name);
    throw conflict(`已向${[...new Set(names)].join('、')}征求意见，尚未回复，不再重复发送；请等待其回复`, undefined, [{ field: 'departmentIds', message: '已征求意见，尚未回复' }]);
  }
  const at = clock.at;
  const out: number[] = [];
  for (const id of ids) {
    const row = await insertConsultation(c.trx, { applicationId: app.id, departmentId: id, conditionsJson: JSON.stringify([...new Set(body.conditions)]), question: body.question, by: c.user.id, at });
    await c.audit({ action: 'eligibilityConsultation.ask', entityType: 'eligibility_consultation', entityId: row.id, after: { applicationId: app.id, departmentId: id, conditions: body.conditions, question: body.question } });
    out.push(row.id);
  }
  return out;
}

/** The application was decided: the questions still waiting on departments are closed (their to-dos go with them). */
async function closeConsultations(c: Change, consultations: ConsultationRow[]): Promise<void> {
  for (const x of consultations.filter((q) => q.status === 'pending')) {
    await transition(c, { workflow: CONSULTATION_WORKFLOW, table: 'eligibility_consultation', key: { id: x.id }, from: x.status, event: 'close', entityId: x.id, set: {} });
  }
}

/** A department answers: for each condition asked, whether it applies, and its text. */
export async function answerConsultation(c: Change, consultationId: number, body: AnswerConsultationBody): Promise<void> {
  const { clock } = c;
  const row = await findConsultation(c.trx, consultationId);
  if (!row) throw notFound(`征求意见${consultationId}不存在或不是发给本单位的`);
  // the consulted department, while the question waits (the workflow table); the pages' mayAnswer is the same refusal
  const refusal = consultationAnswerRefusal(c.user, row);
  if (refusal) throw refusal;
  if (row.version !== body.version) throw await changedMeanwhile(c, 'consultation', row.id, '该征求意见已被他人回复或修改，请刷新后查看', { version: row.version, status: row.status });
  const asked = JSON.parse(row.conditions_json) as string[];
  const given = new Map<string, boolean>();
  body.findings.forEach((f, i) => {
    if (!asked.includes(f.code)) throw badRequest(`没有就情形${f.code}征求本单位意见`, [{ field: `findings.${i}.code`, message: '只对征求意见的情形给出意见' }]);
    // one opinion per condition: a second (存在 then 不存在) would silently replace the first, and a department's 存在 is what 受理 must answer
    if (given.has(f.code)) throw badRequest(`情形${f.code}的意见填写了两次`, [{ field: `findings.${i}.code`, message: '每种情形只给出一次意见' }]);
    given.set(f.code, f.applies);
  });
  for (const code of asked) if (!given.has(code)) throw badRequest(`请对情形${code}给出意见（是否存在）`, [{ field: 'findings', message: `缺少${code}` }]);
  const at = clock.at;
  await transition(c, {
    workflow: CONSULTATION_WORKFLOW,
    table: 'eligibility_consultation',
    key: { id: row.id },
    from: row.status,
    event: 'answer',
    entityId: row.id,
    set: { findings_json: JSON.stringify(asked.map((code) => ({ code, applies: given.get(code)! }))), answer: body.answer, answered_by: c.user.id, answered_at: at },
  });
}
