/**
 * Changes to the honours roll (荣誉名录): add, edit, delete, import. Change context first; each writes its audit row in
 * the same transaction; a lost update is a 409; a bad place or year is a 400 naming the field, nothing saved.
 */
import type { Kysely } from 'kysely';
import { honourBody, type HonourBody } from '../../../shared/contracts/honours';
import { awardeeKey, HONOUR_KINDS, honourKind, honourKindByName } from '../../../shared/honours/kinds';
import { chinaDate, isCalendarDate } from '../../../shared/deadline';
import { normalizeText } from '../../../shared/scoring/cell-text';
import { recordedChanges } from '../../core/audit';
import type { Change } from '../../core/change';
import type { HonourSheetRow } from '../../io/excel/honours-sheet';
import { problemField } from '../../io/excel/declaration-template';
import { withCellProblems } from '../../io/excel/cell-problems';
import type { UploadProblem } from '../../../shared/contracts/declarations';
import { badRequest, conflict, forbidden, notFound, type FieldProblem } from '../../core/errors';
import type { Database } from '../../db/schema';
import type { SessionUser } from '../../core/session';
import { goneWords, honourWriteRefusal, movedWords } from './honours.policy';
import { deleteHonour, findHonour, findOrg, findSameHonour, insertHonour, lockRoll, placeOrgs, updateHonour, type HonourRow } from './honours.queries';

/**
 * What is wrong with an entry's place, year and kind (the zod contract has checked the shapes); [] when fine. `now`:
 * the route's clock (config.now), whose year is 今年.
 */
export async function entryProblems(db: Kysely<Database>, b: HonourBody, now: Date, exceptId?: number): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  const thisYear = Number(chinaDate(now).slice(0, 4));
  if (b.year > thisYear) problems.push({ field: 'year', message: `获奖年度不能晚于今年（${thisYear}年）` });
  const city = await findOrg(db, b.cityId);
  if (!city || city.kind !== 'city') problems.push({ field: 'cityId', message: '请选择市州（须为14个市州之一）' });
  if (b.countyId !== null) {
    const county = await findOrg(db, b.countyId);
    if (!county || county.kind !== 'county') problems.push({ field: 'countyId', message: '请选择县市区' });
    else if (city && county.parent_id !== city.id) problems.push({ field: 'countyId', message: `${county.name}不属于${city.name}，请核对市州与县市区` });
  }
  if (honourKind(b.kind)?.inspectionBonus?.countyLevel && b.countyId === null) {
    problems.push({ field: 'countyId', message: '县级督查激励须填写获得表彰的县市区' });
  }
  // the plan indicators count the roll's entries: the same honour twice (awardeeKey) would count twice; named as the roll
  // lists it (市州, 年度, 类别, the name as registered), which a person can find there — not by its row id, shown nowhere
  const same = problems.length ? undefined : await findSameHonour(db, b, exceptId);
  if (same) problems.push({ field: 'awardee', message: `名录中已有这条荣誉（${city!.name}${b.year}年${honourKind(b.kind)?.name ?? b.kind}「${same.awardee}」），请勿重复登记` });
  return problems;
}

const rowOf = (b: HonourBody) => ({
  kind: b.kind,
  awardee: b.awardee,
  year: b.year,
  city_org_id: b.cityId,
  county_org_id: b.countyId,
  source_doc: b.sourceDoc,
  note: b.note || null,
});

/** an entry as its audit rows record it (rowOf's columns): a deleted one is kept whole nowhere else */
const recorded = (r: HonourRow) => ({ kind: r.kind, awardee: r.awardee, year: r.year, city_org_id: r.city_org_id, county_org_id: r.county_org_id, source_doc: r.source_doc, note: r.note });

async function ensureEntry(c: Change, b: HonourBody, exceptId?: number): Promise<void> {
  const now = new Date(c.clock.at);
  const refusal = honourWriteRefusal(c.user, b.cityId);
  if (refusal) throw forbidden(refusal);
  // the duplicate check reads the roll: under the city's lock, so that a second registration at once waits and sees the first
  await lockRoll(c.trx, [b.cityId]);
  const problems = await entryProblems(c.trx, b, now, exceptId);
  if (problems.length) throw badRequest(`荣誉信息有误 — ${problems.map((p) => p.message).join('；')}`, problems);
}

export async function createHonour(c: Change, b: HonourBody): Promise<number> {
  const now = new Date(c.clock.at);
  await ensureEntry(c, b);
  const at = now.toISOString();
  const { id } = await insertHonour(c.trx, { ...rowOf(b), demo: 0, created_by: c.user.id, created_at: at, updated_at: at });
  await c.audit({ action: 'honour.create', entityType: 'honour', entityId: id, after: rowOf(b) });
  return id;
}

/** the 409 of a change to an entry that lost to another: who changed it, how and when (its latest audit row) */
const entryMoved = async (c: Change, id: number, doing: 'save' | 'delete', version?: number) =>
  conflict(movedWords('该条荣誉', (await recordedChanges(c.trx, 'honour', id))[0], doing, c.user.id), version === undefined ? undefined : { version });

async function loadForChange(c: Change, id: number, version: number, doing: 'save' | 'delete'): Promise<HonourRow> {
  const row = await findHonour(c.trx, id);
  if (!row) throw notFound(goneWords(id, (await recordedChanges(c.trx, 'honour', id))[0], c.user.id));
  const refusal = honourWriteRefusal(c.user, row.city_org_id);
  if (refusal) throw forbidden(refusal);
  if (row.version !== version) throw await entryMoved(c, id, doing, row.version);
  return row;
}

export async function editHonour(c: Change, id: number, b: HonourBody & { version: number }): Promise<void> {
  const now = new Date(c.clock.at);
  const before = await loadForChange(c, id, b.version, 'save');
  await ensureEntry(c, b, id);
  const ok = await updateHonour(c.trx, id, b.version, { ...rowOf(b), updated_at: now.toISOString() });
  if (!ok) throw await entryMoved(c, id, 'save');
  await c.audit({
    action: 'honour.update',
    entityType: 'honour',
    entityId: id,
    before: recorded(before),
    after: rowOf(b),
  });
}

export async function removeHonour(c: Change, id: number, version: number): Promise<void> {
  const before = await loadForChange(c, id, version, 'delete');
  if (!(await deleteHonour(c.trx, id, version))) throw await entryMoved(c, id, 'delete');
  await c.audit({ action: 'honour.delete', entityType: 'honour', entityId: id, before: recorded(before) });
}

/**
 * An import sheet's rows onto the roll, all or nothing: under the roll's lock (lockRoll: every city), every row checked
 * against the roll as it is now (checkImportRows) — a file uploaded twice at once is then refused the second time,
 * row by row — and, without a problem, saved.
 */
export async function importSheet(c: Change, rows: HonourSheetRow[], sheet: string, fileName: string | null, cellProblems: UploadProblem[] = []): Promise<number[]> {
  const now = new Date(c.clock.at);
  await lockRoll(c.trx, 'all');
  const { bodies, problems: found } = await checkImportRows(c.trx, rows, sheet, c.user, now);
  const problems = withCellProblems(cellProblems, found);
  if (problems.length) throw badRequest(`导入表有${problems.length}处问题，未导入任何内容；请按列表修改后重新上传`, problems.map(problemField));
  return importHonours(c, bodies, fileName);
}

/**
 * Import checked rows (importSheet has checked every row under the roll's lock: any problem and nothing reaches here).
 * One audit row for the import, naming the entries it added.
 */
export async function importHonours(c: Change, rows: HonourBody[], fileName: string | null): Promise<number[]> {
  const now = new Date(c.clock.at);
  for (const b of rows) {
    const refusal = honourWriteRefusal(c.user, b.cityId);
    if (refusal) throw forbidden(refusal);
  }
  const at = now.toISOString();
  const ids: number[] = [];
  for (const b of rows) {
    const { id } = await insertHonour(c.trx, { ...rowOf(b), demo: 0, created_by: c.user.id, created_at: at, updated_at: at });
    ids.push(id);
  }
  await c.audit({ action: 'honour.import', entityType: 'honour', entityId: ids.join(',').slice(0, 200) || '-', after: { fileName, count: ids.length, ids } });
  return ids;
}

const COLUMN_OF: Record<string, string> = { kind: '类别', awardee: '获奖单位（项目）', year: '获奖年度', cityId: '市州', countyId: '县市区', sourceDoc: '来源文件（文号或标题）', note: '备注' };

/**
 * Every row of an import checked as the form checks one entry (the same contract and entryProblems), the names of
 * kinds, cities and counties resolved; the problems addressed to the sheet's row and column. Nothing is saved here.
 */
export async function checkImportRows(
  db: Kysely<Database>,
  rows: HonourSheetRow[],
  sheet: string,
  user: SessionUser,
  now: Date,
): Promise<{ bodies: HonourBody[]; problems: UploadProblem[] }> {
  const places = await placeOrgs(db);
  const norm = (s: string) => s.replace(/\s+/g, '');
  const cityByName = new Map<string, (typeof places)[number]>();
  for (const p of places.filter((x) => x.kind === 'city')) {
    for (const n of [p.name, p.short_name, p.name.replace(/(市|土家族苗族自治州)$/, '')]) if (n) cityByName.set(norm(n), p);
  }
  const problems: UploadProblem[] = [];
  const bodies: HonourBody[] = [];
  /** the first row of each honour in the file (kind, awardeeKey, year, city: findSameHonour's identity) */
  const seen = new Map<string, number>();
  const standIn = { kind: HONOUR_KINDS.find((k) => !k.inspectionBonus)!, year: Number(chinaDate(now).slice(0, 4)), city: places.find((p) => p.kind === 'city')! };
  for (const r of rows) {
    const mine: UploadProblem[] = [];
    const add = (column: string, reason: string) => mine.push({ sheet, row: r.row, column, reason });
    const kind = honourKindByName(r.kind) ?? honourKind(r.kind);
    if (!kind) add('类别', r.kind ? `类别「${r.kind}」不在列表中，请从下拉列表选择` : '请填写类别');
    // a year as people type it: full-width digits, "2023年", "2023年度", or a date (its year)
    const typed = normalizeText(r.year);
    const yearText = typed.replace(/^(\d{4})(年度?|-\d{2}-\d{2})$/, '$1');
    const year = Number(yearText);
    if (!r.year) add('获奖年度', '请填写获奖年度');
    else if (!/^\d{4}$/.test(yearText)) add('获奖年度', `获奖年度「${r.year}」不是四位年份，请填写如2023`);
    // a date that does not exist (2023-02-30) is a slip somewhere in it, the year perhaps too
    else if (typed.length === 10 && !isCalendarDate(typed)) add('获奖年度', `获奖年度「${r.year}」不是有效的日期，请改正，或只填写年份如${yearText}`);
    const city = r.city ? cityByName.get(norm(r.city)) : undefined;
    if (!r.city) add('市州', '请填写市州');
    else if (!city) add('市州', `「${r.city}」不是湖南省的市州，请填写全称或简称（如岳阳市、岳阳）`);
    else {
      // a city office imports its own city's honours: the row that is not, named (importHonours refuses it too)
      const refusal = honourWriteRefusal(user, city.id);
      if (refusal) add('市州', `${refusal}（本行为${city.name}）`);
    }
    let countyId: number | null = null;
    if (r.county && city) {
      // full name, short name, or the name without 市/县/区 (汨罗 for 汨罗市), as for the cities
      const names = (p: (typeof places)[number]) => [p.name, p.short_name, p.name.length > 2 ? p.name.replace(/[市县区]$/, '') : null].filter((n): n is string => !!n).map(norm);
      const county = places.find((p) => p.kind === 'county' && p.parent_id === city.id && names(p).includes(norm(r.county)));
      if (!county) add('县市区', `${city.name}没有名为「${r.county}」的县市区`);
      else countyId = county.id;
    }
    // Every problem of the row at once: the other columns are still checked with a stand-in for each name that did
    // not resolve (whose own problem is already listed), so a second upload never brings up what the first could have.
    const said = new Set(mine.map((p) => p.column));
    const fresh = (column: string, reason: string) => {
      if (!said.has(column)) add(column, reason);
    };
    const yearOk = /^\d{4}$/.test(yearText);
    const probe = { kind: (kind ?? standIn.kind).code, awardee: r.awardee, year: yearOk ? year : standIn.year, cityId: (city ?? standIn.city).id, countyId, sourceDoc: r.sourceDoc, note: r.note || null };
    const parsed = honourBody.safeParse(probe);
    for (const issue of parsed.success ? [] : parsed.error.issues) {
      const key = String(issue.path[0] ?? '');
      const message = /[\u3400-\u9fff]/.test(issue.message) ? issue.message : '内容不符合要求';
      fresh(COLUMN_OF[key] ?? key, message);
    }
    // (entryProblems reads the place, year and kind only, which the probe always has in shape)
    for (const p of await entryProblems(db, probe as HonourBody, now)) fresh(COLUMN_OF[p.field] ?? p.field, p.message);
    if (parsed.success && !mine.length) {
      const key = JSON.stringify([parsed.data.kind, awardeeKey(parsed.data.awardee), parsed.data.year, parsed.data.cityId]);
      const first = seen.get(key);
      if (first !== undefined) add(COLUMN_OF.awardee, `与第${first}行是同一条荣誉，请删去重复的一行`);
      else seen.set(key, r.row);
    }
    if (mine.length) {
      problems.push(...mine);
      continue;
    }
    if (parsed.success) bodies.push(parsed.data);
  }
  return { bodies, problems };
}
