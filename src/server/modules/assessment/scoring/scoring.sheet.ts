/**
 * 评分表 (.xlsx): a department's scoring sheet, downloaded prefilled and uploaded back. The upload has the
 * declaration upload's guarantees: the same size limit, zip guard and workbook worker (io/excel/scoring-sheet.ts),
 * row-by-row Chinese problems (行号 + 列名 + what to fix), all-or-nothing (one transaction, one audit row with the
 * count), and no silent overwrite: a row whose score changed since the download is refused with a message.
 * Each row is judged as one save would be: the text read by the rule (shared/scoring/cell-text), checked by the
 * engine, a reason for every lost point (requireReason's rule).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import { onDuplicate } from '../../../db/errors';
import type { Framework } from '../../../../shared/scoring/framework-schema';
import type { UploadProblem } from '../../../../shared/contracts/declarations';
import { answerFromText, answerToText, sameAnswer } from '../../../../shared/scoring/cell-text';
import { checkEnteredAnswer, pointsLost, reasonProblem, REASON_LABEL } from '../../../../shared/scoring';
import type { Change } from '../../../core/change';
import { conflict, forbidden } from '../../../core/errors';
import { ensure, scoreRefusal, type CycleAccess } from '../assessment.policy';
import { cycleUnits } from '../assessment.queries';
import { personAt } from '../../../core/user-names';
import { byWhom, byWhomWhen } from '../../../core/audit';
import { evaluatorsOf, keyPointInScheme, scoreCellInScheme } from '../framework';
import { keyPointInText } from '../../../../shared/contracts/results';
import { SCORING_SHEET, type SheetCriterion, type SheetInfo, type SheetRow } from '../../../io/excel/scoring-sheet';
import { lockOpenScoring, requirePublished, SUBMISSION_LOCKED } from './scoring.commands';
import { cellKey, findOrg, findScore, insertScore, lastClearing, loadScoreRows, orgsByCode, ownCriteria, submissionOf, updateScore, type Unit } from './scoring.queries';
import { SUBMISSION_EDITABLE } from '../../../../shared/workflow/assessment';

const MAX_REASON = 1000;

function criterionMeta(fw: Framework) {
  const out = new Map<string, SheetCriterion & { itemCode: string; criterionCode: string }>();
  for (const s of fw.sections)
    for (const i of s.items)
      for (const c of i.criteria)
        out.set(`${i.code}.${c.code}`, {
          key: `${i.code}.${c.code}`,
          itemCode: i.code,
          criterionCode: c.code,
          title: c.title,
          points: c.points,
          rule: c.rule,
          role: s.role ?? 'base',
          notApplicable: c.notApplicable ?? null,
        });
  return out;
}

/** What the download needs: the caller's criteria × the cycle's units, with what is saved. */
export async function sheetInfo(db: Kysely<Database>, a: CycleAccess): Promise<SheetInfo & { fileStem: string }> {
  ensure(scoreRefusal(a, '只有评价部门可以下载评分表'));
  const scheme = await requirePublished(db, a.cycle.id);
  const own = ownCriteria(scheme.framework, a);
  if (!own.length) throw forbidden('本部门在本次考核方案中没有需要评分的考核要点');
  const meta = criterionMeta(scheme.framework);
  const units = await cycleUnits(db, a.cycle.id);
  const codeOf = new Map(units.map((u) => [u.id, u.code]));
  const saved = new Map<string, { answer: unknown; comment: string | null; version: number }>();
  for (const r of await loadScoreRows(db, a.cycle.id, own)) {
    saved.set(`${codeOf.get(r.unit_id)}|${r.item_code}.${r.criterion_code}`, { answer: JSON.parse(r.answer_json), comment: r.comment, version: r.version });
  }
  const dept = await findOrg(db, a.orgUnitId);
  const cycleTitle = a.cycle.title.replace(/（演示数据）$/, '');
  return {
    cycleTitle,
    departmentName: dept.name,
    criteria: own.map((c) => meta.get(cellKey(c))!),
    units: units.map((u) => ({ code: u.code, name: u.name })),
    saved,
    // named by the cycle, not only its year: a department scoring the province's and a city's 2023 assessments got two
    // files of one name (2023年度评分表（省市场监督管理局）), the second saved as a copy of the first
    fileStem: `${cycleTitle}评分表（${dept.name}）`,
  };
}

/** One row of an upload that changes a score. */
export interface SheetChange {
  row: number;
  unit: Unit;
  /** the row's score named in a sentence, 长沙市「7.a 产品质量安全保障」 (named by the plan, which has the scheme) */
  label: string;
  itemCode: string;
  criterionCode: string;
  answer: unknown;
  comment: string | null;
  /** the stored score's id and version the row was checked against (null: none saved) */
  before: { id: number; version: number; answer: unknown; comment: string | null } | null;
}

export interface SheetPlan {
  schemeId: number;
  changes: SheetChange[];
  unchanged: number;
  /** rows with something to fix (400) */
  problems: UploadProblem[];
  /** rows changed by someone since the download (409 when they are the only problems) */
  stale: UploadProblem[];
  /** who changed or cleared them (personLabel's words, each once; 您在其他窗口 for the caller's own) */
  staleBy: string[];
  /** how many of them were cleared (no score now) */
  staleCleared: number;
}

const problem = (row: number, column: string, reason: string): UploadProblem => ({ sheet: SCORING_SHEET, row, column, reason });

/**
 * Judge every row of an uploaded sheet against the published scheme, the caller's criteria, the cycle's units
 * and the saved scores; nothing is written. Rows that change nothing are counted, not written.
 */
export async function planSheetUpload(db: Kysely<Database>, a: CycleAccess, rows: SheetRow[]): Promise<SheetPlan> {
  ensure(scoreRefusal(a));
  const scheme = await requirePublished(db, a.cycle.id);
  const fw = scheme.framework;
  const own = new Set(ownCriteria(fw, a).map(cellKey));
  if (!own.size) throw forbidden('本部门在本次考核方案中没有需要评分的考核要点');
  const sub = await submissionOf(db, a.cycle.id, a.orgUnitId);
  if (sub && !SUBMISSION_EDITABLE.includes(sub.status)) throw conflict(SUBMISSION_LOCKED);
  const meta = criterionMeta(fw);
  if (!rows.some((r) => own.has(r.key))) {
    const evaluators = [...new Set(rows.flatMap((r) => (meta.has(r.key) ? (evaluatorsOf(fw, meta.get(r.key)!.itemCode, meta.get(r.key)!.criterionCode) ?? []) : [])))];
    const names = [...(await orgsByCode(db, evaluators, a.cycle.office_org_id)).values()].map((o) => o.name);
    throw forbidden(`这不是本部门的评分表${names.length ? `（其中的考核要点由${names.join('、')}评分）` : ''}；请在本部门的评分页下载评分表后填写`);
  }
  const units = new Map((await cycleUnits(db, a.cycle.id)).map((u) => [u.code, u]));
  const stored = new Map<string, Awaited<ReturnType<typeof loadScoreRows>>[number]>();
  for (const r of await loadScoreRows(db, a.cycle.id)) stored.set(`${r.unit_id}|${r.item_code}.${r.criterion_code}`, r);

  const plan: SheetPlan = { schemeId: scheme.row.id, changes: [], unchanged: 0, problems: [], stale: [], staleBy: [], staleCleared: 0 };
  const seen = new Map<string, number>();
  for (const r of rows) {
    const unit = units.get(r.unitCode);
    if (!unit) {
      // a unit of the assessment under a code that is not its own: the locked code column was changed, the row is good
      const named = r.unitName ? [...units.values()].find((u) => u.name === r.unitName) : undefined;
      plan.problems.push(
        named
          ? problem(r.row, '单位代码', `「${r.unitName}」的单位代码被改动（应为${named.code}，表中为${r.unitCode}），请重新下载评分表后再填`)
          : problem(r.row, '被考核单位', `「${r.unitName || r.unitCode}」不是本次考核的被考核单位，请删除此行`),
      );
      continue;
    }
    const c = meta.get(r.key);
    if (!c) {
      plan.problems.push(problem(r.row, '编号', `考核方案中没有考核要点${keyPointInText(r.key, '')}，请使用平台下载的评分表`));
      continue;
    }
    if (!own.has(r.key)) {
      const ev = [...(await orgsByCode(db, evaluatorsOf(fw, c.itemCode, c.criterionCode) ?? [], a.cycle.office_org_id)).values()].map((o) => o.name);
      plan.problems.push(problem(r.row, '编号', `考核要点${keyPointInScheme(fw, c.itemCode, c.criterionCode)}由${ev.join('、') || '其他部门'}评分，不是本部门的，请删除此行`));
      continue;
    }
    const dupKey = `${unit.id}|${r.key}`;
    const label = scoreCellInScheme(fw, unit.name, c.itemCode, c.criterionCode);
    if (seen.has(dupKey)) {
      plan.problems.push(problem(r.row, '编号', `${label}与第${seen.get(dupKey)}行重复，请删除其中一行`));
      continue;
    }
    seen.set(dupKey, r.row);
    const before = stored.get(dupKey) ?? null;
    const parsed = answerFromText(c.rule, r.scoreText);
    if (!parsed.ok) {
      plan.problems.push(problem(r.row, '评分', `${label}：${parsed.message}`));
      continue;
    }
    const reason = r.reason.trim() || null;
    if (parsed.answer === null) {
      if (before) plan.problems.push(problem(r.row, '评分', `${label}：评分为空；已保存的评分（${answerToText(JSON.parse(before.answer_json))}）不能用评分表清除，请填写评分，或在评分页清除`));
      else if (reason) plan.problems.push(problem(r.row, '评分', `${label}：填写了${REASON_LABEL}但没有评分，请填写评分`));
      continue;
    }
    const checked = checkEnteredAnswer(fw, c.itemCode, c.criterionCode, parsed.answer);
    if (!checked.ok) {
      plan.problems.push(problem(r.row, '评分', `${label}：${checked.message}`));
      continue;
    }
    const lost = pointsLost(fw, c.itemCode, checked, parsed.answer);
    if (reason && reason.length > MAX_REASON) {
      plan.problems.push(problem(r.row, REASON_LABEL, `${label}：${REASON_LABEL}不超过${MAX_REASON}字（现${reason.length}字）`));
      continue;
    }
    const reasonWrong = reasonProblem(label, lost, reason);
    if (reasonWrong) {
      plan.problems.push(problem(r.row, REASON_LABEL, reasonWrong));
      continue;
    }
    const beforeAnswer = before ? JSON.parse(before.answer_json) : null;
    if (before && sameAnswer(beforeAnswer, parsed.answer) && (before.comment ?? null) === reason) {
      plan.unchanged++;
      continue;
    }
    // a version above the stored one was never downloaded: a saved score's version only grows, so the hidden column was
    // edited (or the sheet is from another system); not someone else's change, which the message below would claim
    if (before && r.version !== null && r.version > before.version) {
      plan.problems.push(problem(r.row, '版本', `${label}：隐藏列「版本」被改动（表中为${r.version}，平台记录为${before.version}），请重新下载评分表后再填`));
      continue;
    }
    if ((before?.version ?? null) !== r.version) {
      // who changed or cleared it (the clearing's audit row: the score row is gone)
      const clearing = before ? undefined : await lastClearing(db, a.cycle.id, unit.name, `${c.itemCode}.${c.criterionCode}`);
      const by = before ? await personAt(db, before.updated_by, null, a.user.id) : clearing ? byWhom(clearing, a.user.id) : null;
      if (by !== null && !plan.staleBy.includes(by)) plan.staleBy.push(by);
      if (!before) plan.staleCleared += 1;
      plan.stale.push(
        problem(
          r.row,
          '评分',
          before
            ? `${label}：下载评分表后已由${await personAt(db, before.updated_by, before.updated_at, a.user.id)}修改（现为「${answerToText(beforeAnswer)}」${before.comment ? `，${REASON_LABEL}「${before.comment}」` : ''}），为免覆盖未导入；请重新下载评分表后再填`
            : `${label}：下载评分表后已${clearing ? `由${byWhomWhen(clearing, a.user.id)}` : '被他人'}清除，为免误填未导入；请重新下载评分表后再填`,
        ),
      );
      continue;
    }
    plan.changes.push({
      row: r.row,
      unit,
      label,
      itemCode: c.itemCode,
      criterionCode: c.criterionCode,
      answer: parsed.answer,
      comment: reason,
      before: before ? { id: before.id, version: before.version, answer: beforeAnswer, comment: before.comment } : null,
    });
  }
  return plan;
}

/**
 * A row's score changed between the upload's check and its write (read after the miss, so it names the change that
 * won): who and when (您在其他窗口 when it was the uploader), or 他人 when the score is gone.
 */
async function changedJustNow(db: Kysely<Database>, a: CycleAccess, ch: SheetChange, label: string) {
  const cur = await findScore(db, a.cycle.id, ch.unit.id, ch.itemCode, ch.criterionCode);
  const what = cur ? `刚由${await personAt(db, cur.updated_by, cur.updated_at, a.user.id)}修改` : '刚被他人清除';
  return conflict(`${label}${what}，未导入任何评分；请重新下载评分表后再填`);
}

/** a row of the sheet as its 409s name it: 第12行长沙市「7.a 产品质量安全保障」 */
const rowLabel = (ch: SheetChange) => `第${ch.row}行${ch.label}`;

/**
 * A row the upload scores for the first time was scored by someone else at the same moment, after the upload read it
 * (the unique key caught the second insert; on PostgreSQL the transaction is gone): the 409 naming the first such row
 * and who scored it, read after the fact. Wraps the ctx.tx that runs applySheetUpload.
 */
export const sheetRowTaken = <T>(db: Kysely<Database>, a: CycleAccess, plan: SheetPlan, apply: () => Promise<T>): Promise<T> =>
  onDuplicate(apply, async () => {
    for (const ch of plan.changes) {
      if (!ch.before && (await findScore(db, a.cycle.id, ch.unit.id, ch.itemCode, ch.criterionCode))) return changedJustNow(db, a, ch, rowLabel(ch));
    }
    return conflict('评分表中的评分刚被他人修改，未导入任何评分；请重新下载评分表后再填');
  });

/**
 * Write every change of a judged upload in one transaction (the caller's ctx.tx, inside sheetRowTaken), or none: the
 * department's submission is re-checked under lock, each score re-read and written at the version the row was checked
 * against; one that moved on in between refuses the whole upload (409). One audit row with the count.
 */
export async function applySheetUpload(c: Change, a: CycleAccess, plan: SheetPlan, fileName: string): Promise<{ saved: number; unchanged: number }> {
  const { trx, audit, user: me } = c;
  await lockOpenScoring(c, a, plan.schemeId, 'share');
  const now = c.clock.at;
  for (const ch of plan.changes) {
    const label = rowLabel(ch);
    const cur = await findScore(trx, a.cycle.id, ch.unit.id, ch.itemCode, ch.criterionCode);
    if ((cur?.version ?? null) !== (ch.before?.version ?? null)) throw await changedJustNow(trx, a, ch, label);
    if (!ch.before) {
      await insertScore(trx, { cycleId: a.cycle.id, unitId: ch.unit.id, itemCode: ch.itemCode, criterionCode: ch.criterionCode, departmentId: a.orgUnitId, answer: ch.answer, comment: ch.comment, by: me.id, at: now });
    } else if (!(await updateScore(trx, ch.before.id, ch.before.version, { answer: ch.answer, comment: ch.comment, departmentId: a.orgUnitId, by: me.id, at: now }))) {
      throw await changedJustNow(trx, a, ch, label);
    }
  }
  await audit({
    action: 'score.upload',
    entityType: 'assessment_cycle',
    entityId: a.cycle.id,
    cycleId: a.cycle.id,
    after: {
      fileName,
      count: plan.changes.length,
      unchanged: plan.unchanged,
      cells: plan.changes.slice(0, 200).map((ch) => ({ unit: ch.unit.name, criterion: `${ch.itemCode}.${ch.criterionCode}`, answer: ch.answer, comment: ch.comment, before: ch.before ? { answer: ch.before.answer, comment: ch.before.comment, version: ch.before.version } : null })),
    },
  });
  return { saved: plan.changes.length, unchanged: plan.unchanged };
}
