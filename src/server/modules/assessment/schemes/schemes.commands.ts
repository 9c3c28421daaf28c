/**
 * The assessment scheme (考核方案): the changes — saving a draft, a new version, publication (the first one
 * starts scoring; a later one supersedes the previous version, prunes the scores it no longer accepts and
 * reopens submissions it leaves incomplete) and writing accepted declarations into the draft. Each change
 * takes the change context first; the checks that need no lock come before the transaction (check*).
 */
import type { z } from 'zod';
import { checkScheme, diffFrameworks, recomputeTotals, type applyDeclarationsBody, type publishSchemeBody } from '../../../../shared/contracts/schemes';
import type { DeclarationContent } from '../../../../shared/contracts/declarations';
import type { Criterion, Framework, Item } from '../../../../shared/scoring/framework-schema';
import { add, cmp, fromNumber, toDecimalString, ZERO } from '../../../../shared/scoring/rational';
import { CYCLE_WORKFLOW, SCHEME_EDITABLE, SCHEME_WORKFLOW, schemePublishRefusal } from '../../../../shared/workflow/assessment';
import type { Change } from '../../../core/change';
import { badRequest, conflict, type AppError } from '../../../core/errors';
import { assertTransition, transition } from '../../../core/transition';
import type { CycleAccess } from '../assessment.policy';
import { findCycle, lockCycle, type SchemeRow } from '../assessment.queries';
import { personAt } from '../../../core/user-names';
import { byWhomWhen, recordedChanges } from '../../../core/audit';
import { evaluatorCodes, evaluatorsOf, keyPointInScheme, keyPointTitleIn } from '../framework';
import { checkAnswer } from '../../../../shared/scoring';
import { reopenIncomplete } from '../scoring/scoring.commands';
import {
  declarationsOf,
  deleteScores,
  allowedEvaluators,
  evaluatorOptions,
  findScheme,
  insertOpenSubmission,
  insertSchemeVersion,
  loadSchemeDetail,
  orgsWithCodes,
  parseFramework,
  publishedVersions,
  recordApplied,
  schemeVersions,
  scoreAnswers,
  setCycleBands,
  submissionDepartments,
  unappliedDeclarations,
  updateDraft,
} from './schemes.queries';

type PublishSchemeBody = z.infer<typeof publishSchemeBody>;
type ApplyDeclarationsBody = z.infer<typeof applyDeclarationsBody>;

const FROZEN = '已发布的方案不能修改，请新建版本并说明原因';
const frozenMessage = (status: string) => (status === 'superseded' ? '该版本已被新版本取代，不能修改' : FROZEN);
/** what each recorded change of a draft did, as the loser of a race on it reads it */
const DRAFT_DONE: Record<string, string> = { 'scheme.update': '保存', 'scheme.applyDeclarations': '写入申报指标', 'scheme.newVersion': '新建' };

/**
 * A draft saved again after the caller read it: who changed it last, when and how (its audit rows, read after the
 * miss), with the draft as it stands when given.
 */
async function draftChanged(db: Parameters<typeof findScheme>[0], id: number, me: number, current?: unknown): Promise<AppError> {
  const [last] = await recordedChanges(db, 'scheme', id, { family: SCHEME_WORKFLOW.name });
  return conflict(`该方案草稿${last ? `已由${byWhomWhen(last, me)}${DRAFT_DONE[last.action] ?? '修改'}` : '已被他人修改'}，请查看最新内容后重试`, current);
}

/**
 * The words for a draft that moved on after the caller read it: published meanwhile (who, when — two offices'
 * users publishing at once), or saved again. Read after the miss, so it names the change that won.
 */
async function schemeMovedOn(db: Parameters<typeof findScheme>[0], id: number, me: number): Promise<AppError> {
  const now = await findScheme(db, id);
  if (now.status === 'draft') return draftChanged(db, id, me);
  const by = await personAt(db, now.published_by, now.published_at, me);
  return conflict(`方案第${now.version_no}版已由${by}发布，请刷新后查看`);
}
const editable = (row: SchemeRow) => SCHEME_EDITABLE.includes(row.status);

// ------------------------------------------------------------------------------------------------ the draft

/** A draft the caller may change at the version it saw (409 with the stored scheme otherwise). */
async function checkDraft(db: Parameters<typeof loadSchemeDetail>[0], a: CycleAccess, row: SchemeRow, version: number, withCurrent: boolean): Promise<void> {
  if (!editable(row)) throw conflict(frozenMessage(row.status), withCurrent ? await loadSchemeDetail(db, a, row) : undefined);
  if (row.version !== version) throw await draftChanged(db, row.id, a.user.id, await loadSchemeDetail(db, a, row));
}

/** The checks of a draft save that need no lock: a draft at the caller's version, id, kind and total unchanged. */
export async function checkSaveDraft(db: Parameters<typeof loadSchemeDetail>[0], a: CycleAccess, row: SchemeRow, body: { version: number; framework: Framework }): Promise<void> {
  await checkDraft(db, a, row, body.version, true);
  const before = parseFramework(row.framework_json);
  const fw = body.framework;
  const fixed: { field: string; message: string }[] = [];
  if (fw.id !== before.id) fixed.push({ field: 'framework.id', message: `方案编号不能修改（应为${before.id}）` });
  if (fw.kind !== before.kind) fixed.push({ field: 'framework.kind', message: '方案类型不能修改' });
  if (fw.totalPoints !== before.totalPoints) fixed.push({ field: 'framework.totalPoints', message: `总分不能修改（应为${before.totalPoints}分）` });
  if (fixed.length) throw badRequest(fixed.map((f) => f.message).join('；'), fixed);
}

/** Save a draft's framework (audited with the changed nodes). */
export async function saveDraft(c: Change, a: CycleAccess, row: SchemeRow, fw: Framework) {
  const diff = diffFrameworks(parseFramework(row.framework_json), fw);
  if (!(await updateDraft(c.trx, row, fw, c.clock.at))) throw await draftChanged(c.trx, row.id, c.user.id, await loadSchemeDetail(c.trx, a, await findScheme(c.trx, row.id)));
  await c.audit({
    action: 'scheme.update',
    entityType: 'scheme',
    entityId: row.id,
    before: { version: row.version, nodes: diff.before },
    after: { version: row.version + 1, nodes: diff.after },
  });
  return loadSchemeDetail(c.trx, a, await findScheme(c.trx, row.id));
}

/** A new draft version from the newest published one (with a reason). */
export async function newVersion(c: Change, a: CycleAccess, reason: string) {
  const { trx } = c;
  // the versions, read under the cycle's lock: two new versions at once make one draft, not two
  await lockCycle(trx, a.cycle.id, 'update');
  const rows = await schemeVersions(trx, a.cycle.id);
  const draft = rows.find((r) => editable(r));
  if (draft) throw conflict(`已有未发布的草稿（第${draft.version_no}版），请先修改并发布它`);
  const published = rows.find((r) => r.status === 'published');
  if (!published) throw conflict('尚未发布过方案，请直接修改草稿');
  const versionNo = rows[0].version_no + 1;
  const fw = parseFramework(published.framework_json);
  const { id } = await insertSchemeVersion(trx, {
    cycleId: a.cycle.id,
    versionNo,
    framework: { ...fw, version: `${a.cycle.year}-v${versionNo}` },
    reason,
    // the declarations written into the published version are in the new one too
    appliedDeclarationsJson: published.applied_declarations_json,
  }, c.clock.at);
  await c.audit({
    action: 'scheme.newVersion',
    entityType: 'scheme',
    entityId: id,
    after: { cycleId: a.cycle.id, versionNo, basedOn: published.version_no, reason },
  });
  return loadSchemeDetail(trx, a, await findScheme(trx, id));
}

// ------------------------------------------------------------------------------------------------ publication

/** The checks of a publication that need no lock: a draft at the caller's version, no problems, a reason for a later version. */
export async function checkPublish(db: Parameters<typeof loadSchemeDetail>[0], a: CycleAccess, row: SchemeRow, body: PublishSchemeBody) {
  if (row.status === 'published') throw await schemeMovedOn(db, row.id, a.user.id);
  assertTransition(SCHEME_WORKFLOW, row.status, 'publish', frozenMessage(row.status));
  if (row.version !== body.version) throw await draftChanged(db, row.id, a.user.id, await loadSchemeDetail(db, a, row));
  const fw = parseFramework(row.framework_json);
  const options = await evaluatorOptions(db, a.cycle.office_org_id);
  const check = checkScheme(fw, allowedEvaluators(options));
  if (check.errors.length) {
    throw badRequest(
      `方案有${check.errors.length}处问题，不能发布：${check.errors[0].message}${check.errors.length > 1 ? '等' : ''}`,
      check.errors.map((e) => ({ field: e.code ? `framework.${e.code}` : 'framework', message: e.message })),
    );
  }
  const reason = body.reason ?? row.reason;
  if (row.version_no > 1 && !reason) {
    throw badRequest('发布新版本须说明原因', [{ field: 'reason', message: '请写明新版本的修改原因，至少5个字' }]);
  }
  return { fw, reason };
}

/** Publish a draft: freeze it; the first publication starts scoring, a later one supersedes the previous version. */
export async function publishScheme(c: Change, a: CycleAccess, row: SchemeRow, p: { fw: Framework; reason: string | null | undefined }) {
  const { trx, user: me } = c;
  const { fw, reason } = p;
  const now = c.clock.at;
  // the cycle's phase and the published versions, read under the cycle's lock: score writes hold it
  // shared, so the scores pruned below are all the committed ones and none is written meanwhile
  const locked = await lockCycle(trx, a.cycle.id, 'update');
  // the draft as the caller checked it, read under the lock (every publication takes it): one published meanwhile
  // is told by whom and when, before any rule of the cycle's state is asked
  const current = await findScheme(trx, row.id);
  if (current.status !== 'draft' || current.version !== row.version) throw await schemeMovedOn(trx, row.id, me.id);
  const previous = await publishedVersions(trx, a.cycle.id);
  const first = previous.length === 0;
  const status = locked.status;
  const phase = schemePublishRefusal(status, first);
  if (phase) throw conflict(phase);
  // accepted declarations must be in the draft (read under the lock: acceptances hold it shared)
  const unapplied = await unappliedDeclarations(trx, a.cycle.id, row);
  if (unapplied.length) {
    throw conflict(
      `以下成员单位已接收的申报尚未写入方案草稿，不能发布：${unapplied.map((d) => d.name).join('、')}。请先「将已接收的申报写入草稿」并核定分值`,
      unapplied,
    );
  }
  // In the objection window scoring is over and cannot be reopened: a new version may reword the scheme, not change
  // what was scored against (a key point dropped or added, points or rules changed would delete scores nobody can
  // enter again, leave cells empty, or turn full marks into losses without a reason), nor who scored it (the
  // evaluating departments answer the objections and hold their to-dos). Objections change scores.
  // the version in force until now: what the stored scores were given under
  const before = previous[0] ? parseFramework(previous[0].framework_json) : undefined;
  if (status === 'review' && before) {
    const changed = scoringChanges(before, fw);
    if (changed.length) {
      throw conflict(
        `异议期内评分已结束，新版本只能修改文字，不能改变考核要点、分值、评分规则或评价部门：${changed.slice(0, 5).join('；')}${changed.length > 5 ? `等${changed.length}处` : ''}。异议涉及的评分由评价部门在答复异议时调整`,
        changed,
      );
    }
  }
  let removedScores: Awaited<ReturnType<typeof pruneScores>> = [];
  for (const prev of previous) {
    await transition(c, {
      workflow: SCHEME_WORKFLOW, table: 'scheme', key: { id: prev.id }, from: 'published', event: 'supersede',
      set: { updated_at: now }, entityId: prev.id, detail: { versionNo: prev.version_no, supersededBy: row.version_no },
    });
  }
  if (first) {
    await transition(c, {
      workflow: CYCLE_WORKFLOW, table: 'assessment_cycle', key: { id: a.cycle.id }, from: 'scheme', event: 'startScoring',
      set: { updated_at: now }, entityId: a.cycle.id, detail: { schemeVersion: row.version_no },
    });
  } else {
    removedScores = await pruneScores(c, a.cycle.id, before, fw);
  }
  await setCycleBands(trx, a.cycle.id, fw, now);
  const submissionsOpened = await openSubmissions(c, { ...a, cycle: (await findCycle(trx, a.cycle.id))! }, fw);
  // a submitted department the new version leaves incomplete scores again (scoring phase)
  const submissionsReopened = status === 'scoring' && !first ? await reopenIncomplete(c, a, fw, row.version_no) : [];
  await transition(c, {
    workflow: SCHEME_WORKFLOW, table: 'scheme', key: { id: row.id, version: row.version }, from: 'draft', event: 'publish',
    set: { published_at: now, published_by: me.id, reason: reason ?? null, updated_at: now },
    entityId: row.id,
    onStale: () => schemeMovedOn(trx, row.id, me.id),
    detail: { versionNo: row.version_no, submissionsOpened, removedScores, submissionsReopened },
  });
  const cycle = (await findCycle(trx, a.cycle.id))!;
  const scheme = await loadSchemeDetail(trx, { ...a, cycle }, await findScheme(trx, row.id));
  return { scheme, cycleStatus: cycle.status, submissionsOpened, removedScores };
}

/**
 * Where two versions differ in what is scored (key points, points, rules, 合理缺项) or who scored it (the evaluating
 * departments, who also answer the objections), in words; [] when only wording differs.
 */
export function scoringChanges(before: Framework, after: Framework): string[] {
  const shape = (fw: Framework) => {
    const m = new Map<string, { scored: string; by: string }>();
    for (const s of fw.sections) {
      m.set(`§${s.code}`, { scored: JSON.stringify([s.points]), by: '' });
      // (an item's points are its criteria's: a change shows there)
      for (const i of s.items) {
        for (const c of i.criteria) {
          m.set(`${i.code}.${c.code}`, { scored: JSON.stringify([c.points, c.rule, c.notApplicable ?? null]), by: JSON.stringify([...(evaluatorsOf(fw, i.code, c.code) ?? [])].sort()) });
        }
      }
    }
    return m;
  };
  const [a, b] = [shape(before), shape(after)];
  // a key point by its one name, from the version that holds it (a deleted one from before, any other from after)
  const label = (k: string) => {
    if (k.startsWith('§')) return `考核领域${k.slice(1)}`;
    const [item, criterion] = k.split('.');
    return `考核要点${keyPointInScheme(b.has(k) ? after : before, item!, criterion!)}`;
  };
  const out: string[] = [];
  for (const k of a.keys()) if (!b.has(k)) out.push(`删除了${label(k)}`);
  for (const [k, v] of b) {
    const was = a.get(k);
    if (!was) out.push(`增加了${label(k)}`);
    else if (was.scored !== v.scored) out.push(`${label(k)}的分值或评分规则有变化`);
    else if (was.by !== v.by) out.push(`${label(k)}的评价部门有变化`);
  }
  return out;
}

/**
 * After a later version is published, stored scores must still fit it: scores of key points that no longer
 * exist, or whose answer the new rule does not accept (e.g. a score above reduced points), are removed (with
 * their evidence rows) and reported; every other score is kept. Each is named by the version it was given under
 * (`before`), which alone may still hold its key point: `itemTitle` for keyPointLabel, and the reason quoting it.
 */
async function pruneScores(
  c: Change,
  cycleId: number,
  before: Framework | undefined,
  fw: Framework,
): Promise<{ unitId: number; itemCode: string; criterionCode: string; itemTitle: string; reason: string }[]> {
  const rows = await scoreAnswers(c.trx, cycleId);
  const crit = new Map<string, Criterion>();
  for (const s of fw.sections) for (const i of s.items) for (const c of i.criteria) crit.set(`${i.code}.${c.code}`, c);
  const removed: { id: number; unitId: number; itemCode: string; criterionCode: string; itemTitle: string; reason: string }[] = [];
  for (const r of rows) {
    const key = `${r.item_code}.${r.criterion_code}`;
    let reason: string | null = null;
    if (!crit.has(key)) reason = `新版本中没有考核要点${keyPointInScheme(before, r.item_code, r.criterion_code)}`;
    else {
      const check = checkAnswer(fw, r.item_code, r.criterion_code, JSON.parse(r.answer_json));
      if (!check.ok) reason = `原评分不符合新版本的评分规则：${check.message}`;
    }
    if (reason) removed.push({ id: r.id, unitId: r.unit_id, itemCode: r.item_code, criterionCode: r.criterion_code, itemTitle: keyPointTitleIn(before, r.item_code, r.criterion_code), reason });
  }
  await deleteScores(c.trx, removed.map((r) => r.id));
  return removed.map(({ id: _id, ...rest }) => rest);
}

/**
 * Open a score submission for every evaluating department that has none yet. Its 待办 "对各市州评分" is derived from
 * the open submission (src/shared/workflow/todos.ts) and closes itself on submission.
 */
async function openSubmissions(c: Change, a: CycleAccess, fw: Framework): Promise<string[]> {
  const codes = evaluatorCodes(fw);
  if (!codes.size) return [];
  const orgs = await orgsWithCodes(c.trx, [...codes]);
  const existing = await submissionDepartments(c.trx, a.cycle.id);
  const opened: string[] = [];
  for (const o of orgs) {
    if (existing.has(o.id)) continue;
    await insertOpenSubmission(c.trx, a.cycle.id, o.id, c.clock.at);
    opened.push(o.code);
  }
  return opened.sort();
}

// ------------------------------------------------------------------------------------------------ apply declarations

/** The checks of writing declarations into a draft that need no lock; returns the accepted declarations. */
export async function checkApplyDeclarations(db: Parameters<typeof loadSchemeDetail>[0], a: CycleAccess, row: SchemeRow, body: ApplyDeclarationsBody) {
  await checkDraft(db, a, row, body.version, false);
  const decls = await declarationsOf(db, a.cycle.id, body.departmentIds);
  if (body.departmentIds) {
    for (const [i, id] of body.departmentIds.entries()) {
      const d = decls.find((x) => x.department_id === id);
      if (!d) throw badRequest(`第${i + 1}个成员单位（${id}）没有参加本次申报`, [{ field: `departmentIds.${i}`, message: '请选择参加本次申报的成员单位' }]);
      if (d.status !== 'accepted')
        throw badRequest(`${d.name}的申报尚未接收，不能写入方案`, [{ field: `departmentIds.${i}`, message: '只能写入已接收的申报' }]);
    }
  }
  const accepted = decls.filter((d) => d.status === 'accepted');
  if (!accepted.length) throw badRequest('没有已接收的申报可写入方案，请先在「申报」中接收成员单位的申报');
  return accepted.map((d) => ({ id: d.id, version: d.version, code: d.code, name: d.name, content: JSON.parse(d.content_json) as DeclarationContent }));
}

/** Write accepted declarations into a draft (audited with the changed nodes). */
export async function applyDeclarationsToDraft(
  c: Change,
  a: CycleAccess,
  row: SchemeRow,
  decls: { id: number; version: number; code: string; name: string; content: DeclarationContent }[],
) {
  const before = parseFramework(row.framework_json);
  const result = applyDeclarations(before, decls);
  const diff = diffFrameworks(before, result.framework);
  if (!(await updateDraft(c.trx, row, result.framework, c.clock.at))) throw await draftChanged(c.trx, row.id, c.user.id);
  await recordApplied(c.trx, row, decls);
  await c.audit({
    action: 'scheme.applyDeclarations',
    entityType: 'scheme',
    entityId: row.id,
    before: { version: row.version, nodes: diff.before },
    after: { version: row.version + 1, departments: result.applied.map((x) => x.departmentCode), nodes: diff.after },
  });
  const scheme = await loadSchemeDetail(c.trx, a, await findScheme(c.trx, row.id));
  return { scheme, applied: result.applied, notes: result.notes };
}


const domainName = (title: string) => title.replace(/[（(].*$/, '').trim();
const nextLetter = (item: Item) => String.fromCharCode(97 + item.criteria.length);

/** The highest 加 X 分 of a bonus standard, or 0 (the office then sets the points). */
export function bonusPoints(standard: string): number {
  let best = 0;
  for (const m of standard.matchAll(/加\s*(\d+(?:\.\d+)?)\s*分/g)) best = Math.max(best, Number(m[1]));
  return best;
}

/**
 * Write accepted declarations into a draft: each declared indicator becomes (or updates) a key point of the
 * matching item — points, 要点考核内容 (details), basis, the department as evaluator; new items are appended
 * to their domain (new domains too); bonus rows go to the bonus section. Idempotent: applying twice changes nothing more.
 */
export function applyDeclarations(
  fw0: Framework,
  decls: { code: string; name: string; content: DeclarationContent }[],
): { framework: Framework; applied: { departmentCode: string; departmentName: string; indicators: number; bonuses: number }[]; notes: string[] } {
  const fw = structuredClone(fw0);
  const notes: string[] = [];
  const applied: { departmentCode: string; departmentName: string; indicators: number; bonuses: number }[] = [];
  const allItems = () => fw.sections.flatMap((s) => s.items);
  const nextItemCode = () => String(Math.max(0, ...allItems().map((i) => Number(i.code)).filter(Number.isFinite)) + 1);
  const find = (code: string) => {
    const [ic, cc] = code.split('.');
    for (const s of fw.sections) for (const i of s.items) if (i.code === ic) return { s, i, c: i.criteria.find((c) => c.code === cc) };
    return null;
  };
  const addEvaluator = (c: Criterion, item: Item, dept: string) => {
    const evs = c.evaluators ?? item.evaluators ?? [];
    c.evaluators = evs.includes(dept) ? evs : [...evs, dept];
  };

  for (const d of decls) {
    let ni = 0;
    let nb = 0;
    for (const r of d.content.indicators ?? []) {
      const details = (r.criteria ?? []).map((x) => ({ text: x.text, points: x.points }));
      const found = r.sourceCode ? find(r.sourceCode) : null;
      if (found?.c) {
        Object.assign(found.c, { points: r.points, ...(details.length ? { details } : {}), ...(r.basis?.trim() ? { basis: r.basis.trim() } : {}) });
        addEvaluator(found.c, found.i, d.code);
        ni++;
        continue;
      }
      if (r.sourceCode) notes.push(`${d.name}：上一年度考核要点${r.sourceCode}已不在草稿中，按新增要点写入`);
      // a new key point: into the item of the same title (in its domain), else a new item (and domain)
      let section = fw.sections.find((s) => (s.role ?? 'base') === 'base' && domainName(s.title) === domainName(r.domain));
      if (!section) {
        const used = new Set(fw.sections.map((s) => s.code));
        let n = fw.sections.filter((s) => (s.role ?? 'base') === 'base').length + 1;
        while (used.has(`D${n}`)) n++;
        section = { code: `D${n}`, title: domainName(r.domain), role: 'base', points: 0, items: [] as Item[] } as Framework['sections'][number];
        const firstNonBase = fw.sections.findIndex((s) => (s.role ?? 'base') !== 'base');
        fw.sections.splice(firstNonBase < 0 ? fw.sections.length : firstNonBase, 0, section);
        notes.push(`新增考核领域「${section.title}」（${section.code}）`);
      }
      let item = section.items.find((i) => i.title === r.item.trim());
      if (!item) {
        item = { code: nextItemCode(), title: r.item.trim(), points: 0, criteria: [] as Criterion[] } as Item;
        section.items.push(item);
        notes.push(`${d.name}：新增考核内容「${item.title}」（第${item.code}项）`);
      }
      let c = item.criteria.find((x) => x.title === r.keyPoint.trim());
      if (!c) {
        c = { code: nextLetter(item), title: r.keyPoint.trim(), points: r.points, rule: { type: 'direct', min: 0 } } as Criterion;
        item.criteria.push(c);
      }
      Object.assign(c, { points: r.points, ...(details.length ? { details } : {}), ...(r.basis?.trim() ? { basis: r.basis.trim() } : {}) });
      addEvaluator(c, item, d.code);
      ni++;
    }
    for (const b of d.content.bonuses ?? []) {
      let section = fw.sections.find((s) => s.role === 'bonus');
      if (!section) {
        section = { code: 'BONUS', title: '加分项', role: 'bonus', points: 0, items: [] as Item[] } as Framework['sections'][number];
        const veto = fw.sections.findIndex((s) => s.role === 'deduction' || s.role === 'veto');
        fw.sections.splice(veto < 0 ? fw.sections.length : veto, 0, section);
      }
      let item = section.items.find((i) => i.title === b.project.trim());
      if (!item) {
        item = { code: nextItemCode(), title: b.project.trim(), points: 0, criteria: [] as Criterion[] } as Item;
        section.items.push(item);
        notes.push(`${d.name}：新增加分项「${item.title}」（第${item.code}项），请核定加分上限`);
      }
      let c = item.criteria.find((x) => x.title === b.standard.trim());
      if (!c) {
        const p = bonusPoints(b.standard);
        c = { code: nextLetter(item), title: b.standard.trim(), points: p, rule: { type: 'boolean' } } as Criterion;
        item.criteria.push(c);
        if (p === 0) notes.push(`${d.name}：加分标准「${b.standard.slice(0, 20)}」未写明分值，请设定`);
        const sum = item.criteria.reduce((acc, x) => add(acc, fromNumber(x.points)), ZERO);
        if (cmp(sum, fromNumber(item.points)) > 0) item.points = Number(toDecimalString(sum));
      }
      if (b.basis?.trim()) c.basis = b.basis.trim();
      addEvaluator(c, item, d.code);
      nb++;
    }
    applied.push({ departmentCode: d.code, departmentName: d.name, indicators: ni, bonuses: nb });
  }
  return { framework: recomputeTotals(fw), applied, notes };
}

