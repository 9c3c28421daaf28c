/**
 * The assessment scheme (考核方案): versions, the draft, publication (which starts scoring), the comparison
 * with the declarations and the helper that writes accepted declarations into the draft.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import type { SessionUser } from '../../core/session';
import {
  checkScheme,
  recomputeTotals,
  type CompareResponse,
  type CompareRow,
  type EvaluatorOption,
  type SchemeDetail,
  type SchemeSummary,
} from '../../../shared/contracts/schemes';
import type { DeclarationContent } from '../../../shared/contracts/declarations';
import { framework as frameworkSchema, type Criterion, type Framework, type Item } from '../../../shared/scoring/framework-schema';
import { scoreUnit } from '../../../shared/scoring/engine';
import { add, cmp, fromNumber, toDecimalString, ZERO } from '../../../shared/scoring/rational';
import { SCHEME_WORKFLOW } from '../../../shared/workflow/assessment';
import { notFound } from '../../core/errors';
import { addTodo } from '../todos';
import { abilities, cycleAccess, type CycleAccess } from './assessment.policy';
import { publishedScheme, type SchemeRow } from './assessment.repository';

export const parseFramework = (json: string): Framework => frameworkSchema.parse(JSON.parse(json));

/** Departments of the platform and the cycle's own office: who may be chosen as 评价部门. */
export async function evaluatorOptions(db: Kysely<Database>, officeOrgId: number): Promise<EvaluatorOption[]> {
  return db
    .selectFrom('org_unit')
    .select(['id', 'code', 'name', 'kind'])
    .where((eb) => eb.or([eb('kind', '=', 'department'), eb('id', '=', officeOrgId)]))
    .orderBy('sort_order')
    .orderBy('code')
    .execute();
}

export const presentSummary = (r: SchemeRow, names: Map<number, string>): SchemeSummary => ({
  id: r.id,
  cycleId: r.cycle_id,
  versionNo: r.version_no,
  status: r.status,
  statusLabel: SCHEME_WORKFLOW.states[r.status],
  reason: r.reason,
  publishedAt: r.published_at,
  publishedBy: r.published_by,
  publishedByName: r.published_by ? (names.get(r.published_by) ?? null) : null,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function userNames(db: Kysely<Database>, ids: (number | null)[]): Promise<Map<number, string>> {
  const want = [...new Set(ids.filter((x): x is number => x !== null))];
  if (!want.length) return new Map();
  const rows = await db.selectFrom('app_user').select(['id', 'display_name']).where('id', 'in', want).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** Which versions the caller may read: the office and leaders all; departments and units the published ones. */
export function mayRead(a: CycleAccess, r: SchemeRow): boolean {
  return a.as === 'office' || a.as === 'leader' || r.status !== 'draft';
}

export async function listSchemes(db: Kysely<Database>, a: CycleAccess): Promise<SchemeSummary[]> {
  const rows = (await db.selectFrom('scheme').selectAll().where('cycle_id', '=', a.cycle.id).orderBy('version_no', 'desc').execute()).filter((r) =>
    mayRead(a, r),
  );
  const names = await userNames(db, rows.map((r) => r.published_by));
  return rows.map((r) => presentSummary(r, names));
}

/** A scheme the caller may read, with its cycle access (404 otherwise). */
export async function loadScheme(db: Kysely<Database>, user: SessionUser, id: number): Promise<{ row: SchemeRow; a: CycleAccess }> {
  const row = await db.selectFrom('scheme').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`考核方案 ${id} 不存在`);
  const a = await cycleAccess(db, user, row.cycle_id);
  if (!mayRead(a, row)) throw notFound(`考核方案 ${id} 不存在或尚未发布`);
  return { row, a };
}

export async function presentScheme(db: Kysely<Database>, a: CycleAccess, row: SchemeRow): Promise<SchemeDetail> {
  const fw = parseFramework(row.framework_json);
  const options = await evaluatorOptions(db, a.cycle.office_org_id);
  const names = await userNames(db, [row.published_by]);
  return {
    ...presentSummary(row, names),
    framework: fw,
    check: checkScheme(fw, new Set(options.map((o) => o.code))),
    evaluatorOptions: options,
    editable: row.status === 'draft' && abilities(a).manageScheme,
  };
}

/** Department names by code, for the Annex 4 评价部门 column. */
export async function orgNamesByCode(db: Kysely<Database>): Promise<Map<string, string>> {
  const rows = await db.selectFrom('org_unit').select(['code', 'name']).execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

// ---------------------------------------------------------------------------------------------- publication

/**
 * After a later version is published, stored scores must still fit it: scores of key points that no longer
 * exist, or whose answer the new rule does not accept (e.g. a score above reduced points), are removed (with
 * their evidence rows) and reported; every other score is kept.
 */
export async function pruneScores(
  trx: Transaction<Database>,
  cycleId: number,
  fw: Framework,
): Promise<{ unitId: number; itemCode: string; criterionCode: string; reason: string }[]> {
  const rows = await trx.selectFrom('score').select(['id', 'unit_id', 'item_code', 'criterion_code', 'answer_json']).where('cycle_id', '=', cycleId).execute();
  const crit = new Map<string, Criterion>();
  for (const s of fw.sections) for (const i of s.items) for (const c of i.criteria) crit.set(`${i.code}.${c.code}`, c);
  const removed: { id: number; unitId: number; itemCode: string; criterionCode: string; reason: string }[] = [];
  for (const r of rows) {
    const key = `${r.item_code}.${r.criterion_code}`;
    let reason: string | null = null;
    if (!crit.has(key)) reason = `新版本中没有考核要点 ${key}`;
    else {
      try {
        scoreUnit(fw, { unit: String(r.unit_id), answers: { [r.item_code]: { [r.criterion_code]: JSON.parse(r.answer_json) } } });
      } catch (e) {
        reason = `原评分不符合新版本的评分规则：${(e as Error).message}`;
      }
    }
    if (reason) removed.push({ id: r.id, unitId: r.unit_id, itemCode: r.item_code, criterionCode: r.criterion_code, reason });
  }
  const ids = removed.map((r) => r.id);
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    await trx.deleteFrom('evidence').where('owner_type', '=', 'score').where('owner_id', 'in', chunk).execute();
    await trx.deleteFrom('score').where('id', 'in', chunk).execute();
  }
  return removed.map(({ id: _id, ...rest }) => rest);
}

/** Open a score submission (and a 待办 "对各市州评分") for every evaluating department that has none yet. */
export async function openSubmissions(trx: Transaction<Database>, a: CycleAccess, fw: Framework): Promise<string[]> {
  const codes = new Set<string>();
  for (const s of fw.sections) for (const i of s.items) for (const c of i.criteria) for (const e of c.evaluators ?? i.evaluators ?? []) codes.add(e);
  if (!codes.size) return [];
  const orgs = await trx.selectFrom('org_unit').select(['id', 'code', 'name', 'kind']).where('code', 'in', [...codes]).execute();
  const existing = new Set(
    (await trx.selectFrom('score_submission').select('department_id').where('cycle_id', '=', a.cycle.id).execute()).map((r) => r.department_id),
  );
  const now = new Date().toISOString();
  const opened: string[] = [];
  for (const o of orgs) {
    if (existing.has(o.id)) continue;
    await trx
      .insertInto('score_submission')
      .values({ cycle_id: a.cycle.id, department_id: o.id, status: 'open', submitted_at: null, reopen_reason: null, version: 1, updated_at: now })
      .execute();
    await addTodo(trx, {
      role: o.kind === 'office' ? 'office' : 'department',
      orgUnitId: o.id,
      kind: 'score.enter',
      title: `对各市州评分：${a.cycle.title}`,
      detail: '请对本单位负责的考核要点逐市州评分，填写评分说明并上传佐证材料，完成后提交',
      link: `/assessment/${a.cycle.id}?tab=scoring`,
      sourceType: 'score_submission',
      sourceId: `${a.cycle.id}:${o.id}`,
    });
    opened.push(o.code);
  }
  return opened.sort();
}

// ---------------------------------------------------------------------------------------------- comparison

const keyOf = (fw: Framework) => {
  const m = new Map<string, { domain: string; item: Item; c: Criterion; role: string }>();
  for (const s of fw.sections) for (const i of s.items) for (const c of i.criteria) m.set(`${i.code}.${c.code}`, { domain: s.title, item: i, c, role: s.role ?? 'base' });
  return m;
};

/** The draft (or, without a draft, the newest version) that compare shows final points from. */
async function workingScheme(db: Kysely<Database>, cycleId: number): Promise<SchemeRow | undefined> {
  return db.selectFrom('scheme').selectAll().where('cycle_id', '=', cycleId).orderBy('version_no', 'desc').executeTakeFirst();
}

export async function compareDeclarations(db: Kysely<Database>, a: CycleAccess): Promise<CompareResponse> {
  const decls = await db
    .selectFrom('declaration')
    .innerJoin('org_unit', 'org_unit.id', 'declaration.department_id')
    .select(['declaration.department_id', 'declaration.status', 'declaration.late', 'declaration.content_json', 'org_unit.code', 'org_unit.name'])
    .where('declaration.cycle_id', '=', a.cycle.id)
    .orderBy('org_unit.sort_order')
    .execute();
  const working = await workingScheme(db, a.cycle.id);
  const draftFw = working ? parseFramework(working.framework_json) : null;
  const draftNodes = draftFw ? keyOf(draftFw) : new Map();
  const lastYear = a.cycle.base_cycle_id ? await publishedScheme(db, a.cycle.base_cycle_id) : null;
  const lastNodes = lastYear ? keyOf(lastYear.framework) : new Map<string, { domain: string; item: Item; c: Criterion; role: string }>();
  const names = await userNames(db, [working?.published_by ?? null]);

  const rows: CompareRow[] = [];
  const bonuses: CompareResponse['bonuses'] = [];
  const continued = new Set<string>();
  for (const d of decls) {
    const content = JSON.parse(d.content_json) as DeclarationContent;
    for (const r of content.indicators ?? []) {
      if (r.sourceCode) continued.add(r.sourceCode);
      const draftCode = r.sourceCode && draftNodes.has(r.sourceCode) ? r.sourceCode : findByTitle(draftNodes, r.item, r.keyPoint);
      const over = r.lastYearPoints !== null && r.lastYearPoints !== undefined && cmp(fromNumber(r.points), fromNumber(r.lastYearPoints)) > 0;
      rows.push({
        departmentId: d.department_id,
        departmentCode: d.code,
        departmentName: d.name,
        declarationStatus: d.status,
        late: d.late === 1,
        sourceCode: r.sourceCode ?? null,
        domain: r.domain,
        item: r.item,
        keyPoint: r.keyPoint,
        lastYearPoints: r.lastYearPoints ?? null,
        declaredPoints: r.points,
        over,
        overReason: r.overReason?.trim() ? r.overReason : null,
        draftCode,
        draftPoints: draftCode ? draftNodes.get(draftCode)!.c.points : null,
        criteria: r.criteria ?? [],
        basis: r.basis ?? '',
      });
    }
    for (const b of content.bonuses ?? [])
      bonuses.push({ departmentCode: d.code, departmentName: d.name, declarationStatus: d.status, project: b.project, standard: b.standard, basis: b.basis ?? '' });
  }
  // last year's key points that no declaration continues (未申报)
  for (const [code, n] of lastNodes) {
    if (n.role !== 'base' || continued.has(code)) continue;
    rows.push({
      departmentId: null,
      departmentCode: (n.c.evaluators ?? n.item.evaluators ?? [])[0] ?? null,
      departmentName: null,
      declarationStatus: null,
      late: false,
      sourceCode: code,
      domain: n.domain,
      item: n.item.title,
      keyPoint: n.c.title,
      lastYearPoints: n.c.points,
      declaredPoints: null,
      over: false,
      overReason: null,
      draftCode: draftNodes.has(code) ? code : null,
      draftPoints: draftNodes.get(code)?.c.points ?? null,
      criteria: n.c.details ?? [],
      basis: n.c.basis ?? '',
    });
  }
  return { draft: working ? presentSummary(working, names) : null, rows, bonuses };
}

function findByTitle(nodes: Map<string, { item: Item; c: Criterion }>, item: string, keyPoint: string): string | null {
  for (const [code, n] of nodes) if (n.item.title === item.trim() && n.c.title === keyPoint.trim()) return code;
  return null;
}

// ---------------------------------------------------------------------------------------------- apply declarations

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
      if (r.sourceCode) notes.push(`${d.name}：上一年度考核要点 ${r.sourceCode} 已不在草稿中，按新增要点写入`);
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
        notes.push(`${d.name}：新增考核内容「${item.title}」（第 ${item.code} 项）`);
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
        notes.push(`${d.name}：新增加分项「${item.title}」（第 ${item.code} 项），请核定加分上限`);
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

