/**
 * The applicant's 自评 (seed 004 §10: the applicant scores itself item by item on sheet A.1, with a note per item;
 * the engine totals it live) and the panel's on-site findings (现场评审发现的问题). Change context first; audited.
 */
import type { PutSelfScoreBody } from '../../../../shared/contracts/evaluation';
import { checkAnswer } from '../../../../shared/scoring';
import { SELF_ASSESSMENT_WORKFLOW } from '../../../../shared/workflow/evaluation';
import { unscoredMessage } from '../../../../shared/evaluation/consolidate';
import type { Change } from '../../../core/change';
import { badRequest, conflict } from '../../../core/errors';
import { assertTransition, transition } from '../../../core/transition';
import { ensure, findingRefusal, selfCheckRefusal, selfEditRefusal, selfReturnRefusal, type RoundAccess } from '../evaluation.policy';
import { frameworkOfRound } from '../evaluation.presenter';
import { changedMeanwhile } from '../evaluation.commands';
import { lockApplication, type ApplicationRow } from '../evaluation.queries';
import { myPlace } from '../review/review.commands';
import { undeclaredNaRefusal } from '../review/review.policy';
import { naKeys } from './self.access';
import { selfMissing } from './self.presenter';
import { sheetsOf } from '../review/review.queries';
import { checkerName, insertFinding, insertSelf, lockSelf, markSelfChecked, updateSelf } from './self.queries';

/** One answer of the applicant's 自评 ("na" only where the plan its page is read under declares 合理缺项). */
export async function putSelfScore(c: Change, a: RoundAccess, seen: ApplicationRow, itemCode: string, criterionCode: string, body: PutSelfScoreBody): Promise<void> {
  const { clock } = c;
  const app = (await lockApplication(c.trx, seen.id))!;
  let row = await lockSelf(c.trx, app.id);
  ensure(selfEditRefusal(a, app, row, '修改'));
  const fw = frameworkOfRound(a.round);
  ensure(undeclaredNaRefusal(`${itemCode}.${criterionCode}`, body.answer, await naKeys(c.trx, app.id), '自评'));
  const check = checkAnswer(fw, itemCode, criterionCode, body.answer);
  if (!check.ok) throw badRequest(`${itemCode}.${criterionCode}的自评有误：${check.message}`, [{ field: 'answer', message: check.message }]);
  if ((row?.version ?? null) !== body.version) throw row ? await changedMeanwhile(c, 'self', row.id, '自评已在其他窗口被修改，请刷新后再改', { version: row.version }) : conflict('自评已在其他窗口被修改，请刷新后再改', { version: null });
  const at = clock.at;
  row ??= await insertSelf(c.trx, app.id, c.user.id, at);
  const answers = JSON.parse(row.answers_json) as Record<string, Record<string, unknown>>;
  const notes = JSON.parse(row.notes_json) as Record<string, string>;
  const key = `${itemCode}.${criterionCode}`;
  const before = answers[itemCode]?.[criterionCode];
  answers[itemCode] = { ...(answers[itemCode] ?? {}), [criterionCode]: body.answer };
  if (body.note?.trim()) notes[key] = body.note.trim();
  else if (body.note !== undefined) delete notes[key];
  if (!(await updateSelf(c.trx, row.id, row.version, { answers_json: JSON.stringify(answers), notes_json: JSON.stringify(notes), updated_by: c.user.id, updated_at: at }))) throw await changedMeanwhile(c, 'self', row.id, '自评已在其他窗口被修改，请刷新后再改');
  await c.audit({ action: 'selfAssessment.score', entityType: 'self_assessment', entityId: row.id, before: before === undefined ? undefined : { key, answer: before }, after: { key, answer: body.answer, note: body.note ?? null } });
}

/** 提交: every criterion answered, the plan's 合理缺项 read after the application's lock as the save reads them (a plan change waits). */
export async function submitSelf(c: Change, a: RoundAccess, seen: ApplicationRow, version: number): Promise<void> {
  const { clock } = c;
  const app = (await lockApplication(c.trx, seen.id))!;
  const row = await lockSelf(c.trx, app.id);
  ensure(selfEditRefusal(a, app, row, '提交'));
  if (!row) throw conflict('还没有自评');
  if (row.version !== version) throw await changedMeanwhile(c, 'self', row.id, '自评已在其他窗口被修改，请刷新后再提交', { version: row.version });
  const left = selfMissing(frameworkOfRound(a.round), await naKeys(c.trx, app.id), JSON.parse(row.answers_json));
  if (left.length) throw conflict(unscoredMessage(left, '未自评'), { missing: left });
  const at = clock.at;
  await transition(c, { workflow: SELF_ASSESSMENT_WORKFLOW, table: 'self_assessment', key: { id: row.id }, from: row.status, event: 'submit', entityId: row.id, set: { submitted_at: at, return_reason: null, updated_at: at } });
}

/** 退回补正: the organiser sends the submitted 自评 back to the applicant with the reason (selfReturnRefusal). */
export async function returnSelf(c: Change, a: RoundAccess, seen: ApplicationRow, body: { version: number; reason: string }): Promise<void> {
  const { clock } = c;
  const app = (await lockApplication(c.trx, seen.id))!;
  ensure(selfReturnRefusal(a, app, (await sheetsOf(c.trx, app.id)).length > 0));
  const row = await lockSelf(c.trx, app.id);
  if (!row) throw conflict('申请单位还没有自评，无需退回补正');
  if (row.version !== body.version) throw await changedMeanwhile(c, 'self', row.id, '自评已被修改，请刷新后再退回', { version: row.version });
  assertTransition(SELF_ASSESSMENT_WORKFLOW, row.status, 'return', '自评尚未提交，无需退回补正');
  const at = clock.at;
  await transition(c, { workflow: SELF_ASSESSMENT_WORKFLOW, table: 'self_assessment', key: { id: row.id }, from: row.status, event: 'return', entityId: row.id, set: { return_reason: body.reason, checked_at: null, checked_by: null, updated_at: at } });
}

/** 审查无误: the organiser marks the submitted 自评 as looked at, with nothing to return (selfCheckRefusal). */
export async function checkSelf(c: Change, a: RoundAccess, seen: ApplicationRow, version: number): Promise<void> {
  const { clock } = c;
  const app = (await lockApplication(c.trx, seen.id))!;
  const row = await lockSelf(c.trx, app.id);
  ensure(selfCheckRefusal(a, app, row, await checkerName(c.trx, row)));
  const at = clock.at;
  if (row!.version !== version || !(await markSelfChecked(c.trx, row!.id, version, c.user.id, at))) throw await changedMeanwhile(c, 'self', row!.id, '自评已被修改，请刷新后再审查', { version: row!.version });
  await c.audit({ action: 'selfAssessment.check', entityType: 'self_assessment', entityId: row!.id, after: { applicationId: app.id, checked_by: c.user.id, checked_at: at } });
}

/** 现场评审: the organiser or an expert of the approved panel records a problem found on site. */
export async function recordFinding(c: Change, a: RoundAccess, seen: ApplicationRow, body: { itemCode: string | null; text: string }): Promise<number> {
  const { clock } = c;
  const app = (await lockApplication(c.trx, seen.id))!;
  const onPanel = a.as === 'expert' && (await myPlace(c.trx, app.id, c.user.id)).member?.status === 'cleared';
  ensure(findingRefusal(a, app, onPanel));
  if (body.itemCode && !frameworkOfRound(a.round).sections.some((s) => s.items.some((i) => i.code === body.itemCode))) {
    throw badRequest(`评分表中没有第${body.itemCode}项`, [{ field: 'itemCode', message: '请从评分表中选择' }]);
  }
  const { id } = await insertFinding(c.trx, { applicationId: app.id, itemCode: body.itemCode, text: body.text, by: c.user.id, at: clock.at });
  await c.audit({ action: 'siteFinding.record', entityType: 'site_finding', entityId: id, after: { applicationId: app.id, ...body } });
  return id;
}
