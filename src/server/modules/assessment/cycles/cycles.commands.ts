/**
 * The cycle (年度考核): opening one (the call for indicators), changing its settings and the generic moves
 * (closing and reopening the collection). Each change takes the change context first.
 */
import type { z } from 'zod';
import type { CreateCycleBody, CycleDetail, cycleTransitionBody, GradeBands, updateCycleBody } from '../../../../shared/contracts/cycles';
import { DEFAULT_BANDS } from '../../../../shared/contracts/cycles';

type UpdateCycleBody = z.infer<typeof updateCycleBody>;
type CycleTransitionBody = z.infer<typeof cycleTransitionBody>;
import type { DeclarationContent, IndicatorRow } from '../../../../shared/contracts/declarations';
import type { Framework } from '../../../../shared/scoring/framework-schema';
import { CYCLE_WORKFLOW, cycleDeadlineRefusal, objectionWindowRefusal } from '../../../../shared/workflow/assessment';
import type { Change } from '../../../core/change';
import { byWhomWhen, recordedChanges } from '../../../core/audit';
import { badRequest, conflict, type AppError } from '../../../core/errors';
import { transition } from '../../../core/transition';
import { addTodo, closeTodos } from '../../todos';
import { holderOf as docNumberHolder, numberTaken, registerDocNumber } from '../../docnumbers';
import { deadlineChangeRefusal, editRefusal, ensure, memberRefusal, type CycleAccess } from '../assessment.policy';
import { cycleAccess, findCycle, lockCycle } from '../assessment.queries';
import { onDuplicate } from '../../../db/errors';
import type { Database } from '../../../db/schema';
import type { Kysely } from 'kysely';
import { assessedUnits, cycleOfYear, cycleWithNoticeNo, declarationIdsOf, insertCycle, insertDeclaration, loadCycleDetail, orgRow, orgRows, parentOf, updateCycleRow } from './cycles.queries';

/**
 * The office's cycle of the year exists: who opened it and when (its cycle.open audit row, read after the fact;
 * 您在其他窗口 when it was the caller, `me`), or only that it exists (one the seed opened records nobody).
 */
async function yearTaken(db: Kysely<Database>, cycleId: number, year: number, me: number): Promise<AppError> {
  const [opened] = await recordedChanges(db, 'assessment_cycle', cycleId, { action: 'cycle.open' });
  return conflict(opened ? `${year}年度考核已由${byWhomWhen(opened, me)}发起，请刷新后查看` : `${year}年度考核已存在`, undefined, [{ field: 'year', message: `${year}年度考核已存在` }]);
}

/**
 * A 文号 names one notice: an office gives each of its cycles' calls for indicators a number of its own (the unique
 * index assessment_cycle_office_notice_no decides; another office may use the same number).
 */
export const noticeNoTaken = (noticeNo: string, holder: { title: string }) =>
  conflict(`文号“${noticeNo}”已用于「${holder.title}」，请核对后重新填写`, undefined, [{ field: 'noticeNo', message: '文号已被使用' }]);

/**
 * An opening that passed the checks of openCycle while another opening of the office, not yet committed, took the
 * same year or 文号: the unique key refused it (its transaction is gone, nothing of it saved) and the 409 names the
 * cycle that won, read after the fact. Wraps the route's ctx.tx.
 */
export const cycleTaken = <T>(db: Kysely<Database>, officeId: number, me: number, body: CreateCycleBody, open: () => Promise<T>): Promise<T> =>
  onDuplicate(open, async () => {
    const noticeNo = body.noticeNo?.trim();
    const holder = noticeNo ? await cycleWithNoticeNo(db, officeId, noticeNo) : undefined;
    if (holder) return noticeNoTaken(noticeNo!, holder);
    const registered = noticeNo ? await docNumberHolder(db, officeId, noticeNo) : undefined;
    if (registered) return numberTaken(noticeNo!, registered, 'noticeNo');
    const ofYear = await cycleOfYear(db, officeId, body.year);
    if (ofYear) return yearTaken(db, ofYear.id, body.year, me);
    return conflict('该考核与本单位已有的考核重复，请刷新后重试');
  });

/** Last year's key points a department evaluated, as prefilled Annex 1 rows (points capped in principle at these). */
export function prefillDeclaration(fw: Framework, departmentCode: string): DeclarationContent {
  const indicators: IndicatorRow[] = [];
  const bonuses: DeclarationContent['bonuses'] = [];
  for (const s of fw.sections) {
    for (const i of s.items) {
      for (const c of i.criteria) {
        if (!(c.evaluators ?? i.evaluators ?? []).includes(departmentCode)) continue;
        if (s.role === 'base') {
          indicators.push({
            domain: s.title.replace(/[（(].*$/, ''),
            item: i.title,
            keyPoint: c.title,
            criteria: c.details ?? [],
            points: c.points,
            basis: c.basis ?? '',
            lastYearPoints: c.points,
            sourceCode: `${i.code}.${c.code}`,
          });
        } else if (s.role === 'bonus') {
          bonuses.push({ project: i.title, standard: c.title, basis: c.basis ?? '' });
        }
      }
    }
  }
  return { indicators, bonuses };
}

/**
 * The cycle's own copy of a framework, renamed for its year: the first scheme draft. `city`: the city whose office runs
 * the cycle (null: the province's). A city's copy of the province's scheme is titled as the city's own (2024年度岳阳市对县市区政府
 * 质量工作考核要点): its 附件4 and 征集通知 print the title, and the editor has no field for it.
 */
export function schemeDraftFrom(base: Framework, year: number, officeCode: string, city: string | null = null): Framework {
  return {
    ...structuredClone(base),
    id: `${officeCode}-assessment-${year}`.toLowerCase().replace(/[^a-z0-9-]/g, '-'),
    title: city ? `${year}年度${city}对县市区政府质量工作考核要点` : base.title.replace(/20\d\d/, String(year)),
    version: `${year}-草案`,
  };
}

/**
 * Open a cycle: its assessed units, its first scheme draft (the base framework renamed for the year) and a
 * prefilled declaration with a 待办 for every invited department; returns its id. No audit row of its own: the
 * demo seed opens its 2023 cycle with it too (the route's createCycle writes the row).
 */
export async function openCycle(c: Omit<Change, 'audit'>, body: CreateCycleBody, base: Framework): Promise<number> {
  const { trx, user } = c;
  const office = await orgRow(trx, user.orgUnitId);
  if (office.kind !== 'office') throw badRequest('只有质强办可以开启考核');
  const ofYear = await cycleOfYear(trx, office.id, body.year);
  if (ofYear) throw await yearTaken(trx, ofYear.id, body.year, user.id);
  const noticeNo = body.noticeNo?.trim();
  const holder = noticeNo ? await cycleWithNoticeNo(trx, office.id, noticeNo) : undefined;
  if (holder) throw noticeNoTaken(noticeNo!, holder);

  const departments = await orgRows(trx, body.departmentIds);
  for (const [i, id] of body.departmentIds.entries()) ensure(memberRefusal(departments.find((x) => x.id === id), i, id));
  const units = await assessedUnits(trx, office.id);
  const bands: GradeBands = body.gradeBands ?? base.gradeBands ?? DEFAULT_BANDS;
  const region = await parentOf(trx, office.id);
  const city = region?.kind === 'city' ? region.name : null;
  const id = await insertCycle(trx, office, body, bands, units.map((u) => u.id), { ...schemeDraftFrom(base, body.year, office.code, city), gradeBands: bands }, c.clock.at);
  // the office's 文号 register: the number may not be one another 公文 of the office carries (a results bulletin …)
  if (noticeNo) await registerDocNumber(c, { officeId: office.id, kind: 'cycle_notice', subject: String(id), title: `${(await findCycle(trx, id))!.title}指标征集通知` }, noticeNo, { field: 'noticeNo' });
  for (const d of departments) {
    const declId = await insertDeclaration(trx, id, d.id, prefillDeclaration(base, d.code), c.clock.at);
    await addTodo(trx, {
      at: c.clock.at,
      role: 'department',
      orgUnitId: d.id,
      kind: 'declaration.fill',
      title: `填报${body.year}年度质量工作考核指标申报表和加分项申报表`,
      detail: `请于${body.deadline}前提交（${office.name}）`,
      link: `/assessment/${id}?tab=declarations`,
      dueAt: body.deadline,
      sourceType: 'declaration',
      sourceId: String(declId),
    });
  }
  return id;
}

/** Open a cycle (openCycle) and audit it with its detail. */
export async function createCycle(c: Change, body: CreateCycleBody, base: Framework): Promise<CycleDetail> {
  const refusal = cycleDeadlineRefusal({ deadline: body.deadline, issuedOn: body.issuedOn, today: c.clock.today });
  if (refusal) throw badRequest(refusal.message, [refusal]);
  const id = await openCycle(c, body, base);
  const detail = await loadCycleDetail(c.trx, await cycleAccess(c.trx, c.user, id, c.clock.today));
  await c.audit({ action: 'cycle.open', entityType: 'assessment_cycle', entityId: id, after: detail });
  return detail;
}

/** The checks of a settings change that need no lock (grade bands belong to the scheme; the window's order). */
export function checkCycleUpdate(a: CycleAccess, b: Omit<UpdateCycleBody, 'version'>): void {
  ensure(editRefusal(a));
  if (b.gradeBands !== undefined) {
    // one source of truth: the scheme's framework.gradeBands (versioned; copied to the cycle on publication)
    throw badRequest('等级划分随考核方案管理，请在「考核方案」中修改', [{ field: 'gradeBands', message: '请在「考核方案」中修改等级划分' }]);
  }
  if (b.deadline !== undefined && b.deadline !== a.cycle.deadline) {
    // moved only by the cycle's office while the call for indicators runs
    ensure(deadlineChangeRefusal(a));
    const refusal = cycleDeadlineRefusal({ deadline: b.deadline, issuedOn: a.cycle.issued_on, today: a.today });
    if (refusal) throw badRequest(refusal.message, [refusal]);
  }
  const start = b.objectionStart !== undefined ? b.objectionStart : a.cycle.objection_start;
  const end = b.objectionEnd !== undefined ? b.objectionEnd : a.cycle.objection_end;
  if (start && end && start > end) {
    throw badRequest('异议期结束日期不能早于开始日期', [{ field: 'objectionEnd', message: '结束日期不能早于开始日期' }]);
  }
  if (b.objectionStart !== undefined || b.objectionEnd !== undefined) {
    // in 异议期 the window is moved, never cleared, its end not into the past; its end is a real day (a window, or
    // an end, left alone is not judged again: an end already past stays, as the window closed on it)
    const endMoved = b.objectionEnd !== undefined && b.objectionEnd !== a.cycle.objection_end;
    const odd = objectionWindowRefusal({ start, end, today: a.today, review: a.cycle.status === 'review', endMoved });
    if (odd) throw badRequest(odd.message, [odd]);
  }
}

/** what a recorded change of a cycle did: its workflow move's label, 修改 for an edit */
const cycleDone = (action: string): string =>
  action === 'cycle.open' ? '发起' : (CYCLE_WORKFLOW.transitions.find((t) => `${CYCLE_WORKFLOW.name}.${t.event}` === action)?.label ?? '修改');

/**
 * The 409 of a cycle that moved on after the caller read it: who changed it last, when and how (its audit rows,
 * read after the miss, so it names the change that won; 您在其他窗口 when it was the caller, `me`), then `tail`;
 * `current` goes with it.
 */
export async function cycleChanged(db: Kysely<Database>, me: number, cycleId: number, tail: string, current?: unknown): Promise<AppError> {
  const [last] = await recordedChanges(db, 'assessment_cycle', cycleId, { family: CYCLE_WORKFLOW.name });
  return conflict(`该考核${last ? `已由${byWhomWhen(last, me)}${cycleDone(last.action)}` : '已被他人修改'}，${tail}`, current);
}

/** Change a cycle's title, deadline, contacts or objection window (at the version the caller saw). */
export async function updateCycle(c: Change, a: CycleAccess, body: UpdateCycleBody): Promise<CycleDetail> {
  const { trx } = c;
  const { version, ...b } = body;
  // the state and the version, read under lock (publication takes the same lock)
  const cycle = await lockCycle(trx, a.cycle.id, 'update');
  ensure(editRefusal({ ...a, cycle }));
  // the deadline's rule again on the locked row: the caller's copy of the cycle may be seconds old (cycle access)
  if (b.deadline !== undefined && b.deadline !== cycle.deadline) ensure(deadlineChangeRefusal({ ...a, cycle }));
  const before = await loadCycleDetail(trx, { ...a, cycle });
  const changed = await updateCycleRow(trx, a.cycle.id, version, {
    ...(b.title !== undefined ? { title: b.title } : {}),
    ...(b.deadline !== undefined ? { deadline: b.deadline } : {}),
    ...(b.contactName !== undefined ? { contact_name: b.contactName } : {}),
    ...(b.contactPhone !== undefined ? { contact_phone: b.contactPhone } : {}),
    ...(b.contactEmail !== undefined ? { contact_email: b.contactEmail } : {}),
    ...(b.gradeBands !== undefined ? { grade_bands_json: JSON.stringify(b.gradeBands) } : {}),
    ...(b.objectionStart !== undefined ? { objection_start: b.objectionStart } : {}),
    ...(b.objectionEnd !== undefined ? { objection_end: b.objectionEnd } : {}),
  }, c.clock.at);
  if (!changed) {
    throw await cycleChanged(trx, c.user.id, a.cycle.id, '请查看最新内容后重试', await loadCycleDetail(trx, { ...a, cycle: (await findCycle(trx, a.cycle.id))! }));
  }
  const after = await loadCycleDetail(trx, { ...a, cycle: (await findCycle(trx, a.cycle.id))! });
  await c.audit({ action: 'cycle.update', entityType: 'assessment_cycle', entityId: a.cycle.id, before, after });
  return after;
}

/** Events moved by the generic route; the others have their own routes because they do more (scheme publication, review, results). */
const GENERIC_EVENTS = new Set(['closeCollection', 'reopenCollection']);

/** The checks of a generic move that need no lock. */
export async function checkCycleMove(db: Kysely<Database>, a: CycleAccess, body: CycleTransitionBody): Promise<void> {
  if (!GENERIC_EVENTS.has(body.event)) {
    throw badRequest(`「${CYCLE_WORKFLOW.transitions.find((t) => t.event === body.event)!.label}」请在对应页面操作`);
  }
  if (a.cycle.version !== body.version) throw await cycleChanged(db, a.user.id, a.cycle.id, '请刷新后重试');
}

/** Close the call for indicators (the departments' fill-in 待办 close with it) or reopen it. */
export async function moveCycle(c: Change, a: CycleAccess, body: CycleTransitionBody): Promise<CycleDetail> {
  const { trx } = c;
  // state and version read under lock: changes that depend on the phase (declarations) hold it shared
  const cycle = await lockCycle(trx, a.cycle.id, 'update');
  if (cycle.version !== body.version) throw await cycleChanged(trx, c.user.id, a.cycle.id, '请刷新后重试');
  await transition(c, {
    workflow: CYCLE_WORKFLOW,
    table: 'assessment_cycle',
    key: { id: a.cycle.id, version: body.version },
    from: cycle.status,
    event: body.event,
    set: { updated_at: c.clock.at },
    entityId: a.cycle.id,
  });
  if (body.event === 'closeCollection') {
    for (const d of await declarationIdsOf(trx, a.cycle.id)) await closeTodos(trx, { by: c.user.id, at: c.clock.at }, { kind: 'declaration.fill', sourceType: 'declaration', sourceId: String(d.id) });
  }
  return loadCycleDetail(trx, { ...a, cycle: (await findCycle(trx, a.cycle.id))! });
}
