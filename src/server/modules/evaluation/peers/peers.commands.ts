/**
 * The organiser's yearly peer tables (同级比较表) for the rank criteria (DB43 5.2 "获奖企业数量居省内同级城市前列"):
 * create one (a row per unit of the level, optionally copying an earlier table's values), edit it (version → 409),
 * fill its values (fillPeerTable: the editor's command, and what a later honours roll calls), and the copy a plan
 * takes of it. Every change audited in its transaction.
 */
import type { Kysely } from 'kysely';
import type { CreatePeerTableBody, PeerValueInput, UpdatePeerTableBody } from '../../../../shared/contracts/evaluation';
import { PEER_LEVEL_LABELS } from '../../../../shared/contracts/evaluation';
import type { Framework } from '../../../../shared/scoring/framework-schema';
import type { Change } from '../../../core/change';
import { badRequest, conflict, notFound, type AppError } from '../../../core/errors';
import { personAt } from '../../../core/user-names';
import { onDuplicate } from '../../../db/errors';
import type { Database, PeerLevel } from '../../../db/schema';
import { findFrameworkContent, parseStoredFramework } from '../../frameworks';
import { honourCountsForPeers, type CountedEntry } from '../../honours';
import { awardeeKey, QUALITY_AWARD_KINDS } from '../../../../shared/honours/kinds';
import { countFigureProblem, isCountUnit } from '../../../../shared/figures';
import { changedMeanwhile, EVALUATION_FRAMEWORK_ID } from '../evaluation.commands';
import { orgById, type Org } from '../evaluation.queries';
import { peerTableTitle } from '../../../../shared/contracts/evaluation';
import { REFRESH_TO_SEE } from '../../../../shared/text';
import { itemsOfTable, peersFromTable } from './peers.presenter';
import {
  findPeerTable,
  insertPeerTable,
  lockPeerTable,
  peerValuesOf,
  putPeerValue,
  sameNamedTable,
  unitsOfLevel,
  updatePeerTableRow,
  type PeerTableRow,
} from './peers.queries';

/** The region an organiser office serves (its parent: the province, or a city). */
export async function regionOf(db: Kysely<Database>, organiserId: number): Promise<Org | undefined> {
  const office = await orgById(db, organiserId);
  return office?.parent_id ? orgById(db, office.parent_id) : undefined;
}

/** The units a table lists: the cities of the province, or the counties under the organiser. */
export async function unitsOfTable(db: Kysely<Database>, t: Pick<PeerTableRow, 'organiser_org_id' | 'level'>): Promise<Org[]> {
  const region = await regionOf(db, t.organiser_org_id);
  return region ? unitsOfLevel(db, region, t.level) : [];
}

/** The rank criteria of the score sheet ("5.2.a"), which a table may serve, with the unit each counts in ("个"). */
async function rankCriteria(db: Kysely<Database>): Promise<Map<string, string>> {
  const stored = await findFrameworkContent(db, EVALUATION_FRAMEWORK_ID);
  if (!stored) return new Map();
  const fw: Framework = parseStoredFramework(stored);
  return new Map(
    fw.sections.flatMap((s) => s.items.flatMap((i) => i.criteria.flatMap((c) => (c.rule.type === 'rank' ? [[`${i.code}.${c.code}`, c.rule.unit ?? ''] as const] : [])))),
  );
}

/** the unit a table's values count in: a count unit (个) when any criterion it serves counts whole things, else the first one's */
export async function unitOfItems(db: Kysely<Database>, items: readonly string[]): Promise<string> {
  const rank = await rankCriteria(db);
  const units = items.map((k) => rank.get(k) ?? '');
  return units.find(isCountUnit) ?? units[0] ?? '';
}

async function checkItems(db: Kysely<Database>, items: string[]): Promise<void> {
  const rank = await rankCriteria(db);
  items.forEach((key, i) => {
    if (!rank.has(key)) throw badRequest(`评分表中没有排名类评分细则${key}`, [{ field: `items.${i}`, message: `可选：${[...rank.keys()].join('、') || '（评分表尚未导入）'}` }]);
  });
  if (new Set(items).size !== items.length) throw badRequest('适用的评分细则重复', [{ field: 'items', message: '评分细则重复' }]);
}

/** The 409 of a save from a page showing an older version of the table: who changed it, what and when (changedMeanwhile). */
const tableChanged = (c: Change, t: PeerTableRow) => changedMeanwhile(c, 'peerTable', t.id, `同级比较表已被他人修改${REFRESH_TO_SEE}`, { version: t.version });

/**
 * An office keeps one table of a metric per year and level (the unique key peer_table_organiser_year_level_metric):
 * the 409 names who made the one there and when (`there.who`, personAt's words) and carries its id (`current.table`,
 * for the page's link to it), when it could be read. It tells what to do instead, as nothing the caller's page shows
 * is stale: a refresh would not change the answer.
 */
const sameNamed = (year: number, level: PeerLevel, metric: string, there?: { id: number; who: string }) =>
  conflict(
    `本单位${year}年已有${PEER_LEVEL_LABELS[level]}「${metric}」比较表${there ? `（由${there.who}新建）` : ''}：同一年度、同一比较范围的同一指标只建一张表，请打开该表修改，或换一个比较指标名称`,
    there ? { table: { id: there.id } } : undefined,
    [{ field: 'metric', message: '该年度已有同名比较表' }],
  );

type TableName = { organiserId: number; year: number; level: PeerLevel; metric: string };

/** the 409 of a table of a name the office keeps, naming who made it and when (您在其他窗口 for the caller's own), read through `db` */
async function tableNamed(db: Kysely<Database>, v: TableName, me: number): Promise<AppError> {
  const there = await sameNamedTable(db, v);
  return sameNamed(v.year, v.level, v.metric, there ? { id: there.id, who: await personAt(db, there.created_by, there.created_at, me) } : undefined);
}

/**
 * A creation that passed createPeerTable's check while another of the same name, not yet committed, was being made (a
 * colleague, or the caller's other window): the unique key refused it (the transaction is gone, nothing of it saved)
 * and the 409 names the table that won, read after the fact. Wraps the route's ctx.tx.
 */
export const peerTableTaken = <T>(db: Kysely<Database>, me: { id: number; orgUnitId: number }, body: CreatePeerTableBody, work: () => Promise<T>): Promise<T> =>
  onDuplicate(work, () => tableNamed(db, { organiserId: me.orgUnitId, year: body.year, level: body.level, metric: body.metric }, me.id));

/** The table, when the caller's office keeps it (another organiser's table does not exist for the caller). */
async function ownTable(c: Change, id: number): Promise<PeerTableRow> {
  const t = await lockPeerTable(c.trx, id);
  if (!t || t.organiser_org_id !== c.user.orgUnitId) throw notFound(`同级比较表${id}不存在`);
  return t;
}

export async function createPeerTable(c: Change, body: CreatePeerTableBody): Promise<number> {
  const { clock } = c;
  const region = await regionOf(c.trx, c.user.orgUnitId);
  const units = region ? await unitsOfLevel(c.trx, region, body.level) : [];
  if (!units.length) throw badRequest(`本单位的辖区内没有${PEER_LEVEL_LABELS[body.level]}可比较`, [{ field: 'level', message: region?.kind === 'city' ? '市级组织单位只能比较本市的县市区' : '请选择比较范围' }]);
  await checkItems(c.trx, body.items);
  const name = { organiserId: c.user.orgUnitId, year: body.year, level: body.level, metric: body.metric };
  if (await sameNamedTable(c.trx, name)) throw await tableNamed(c.trx, name, c.user.id);
  let copied: Map<number, { value: string | null; note: string | null }> = new Map();
  if (body.copyFrom) {
    const from = await findPeerTable(c.trx, body.copyFrom);
    if (!from || from.organiser_org_id !== c.user.orgUnitId || from.level !== body.level) throw badRequest('只能复制本单位同一比较范围的比较表', [{ field: 'copyFrom', message: '请选择本单位同一比较范围的比较表' }]);
    copied = new Map((await peerValuesOf(c.trx, from.id)).map((v) => [v.org_id, { value: v.value, note: v.note }]));
  }
  const at = clock.at;
  // two creations at once (a colleague, two windows): the unique key decides, peerTableTaken() (around the route's
  // transaction) tells the loser who made the table
  const id = await insertPeerTable(c.trx, {
    organiser_org_id: c.user.orgUnitId,
    year: body.year,
    level: body.level,
    metric: body.metric,
    items_json: JSON.stringify(body.items),
    source: body.source?.trim() || null,
    created_by: c.user.id,
    created_at: at,
  });
  for (const u of units) await putPeerValue(c.trx, id, u.id, copied.get(u.id)?.value ?? null, copied.get(u.id)?.note ?? null);
  await c.audit({ action: 'peerTable.create', entityType: 'peer_table', entityId: id, after: { ...body, units: units.length } });
  return id;
}

/**
 * Fill a peer table's values: each {orgId, value, note} replaces that unit's value and note (value null: not
 * known); units not listed keep theirs. Every orgId must be a unit of the table's level (else 400 naming
 * `values.<i>.orgId`); with `expectedVersion`, a table changed since is a 409. The table's version moves on and
 * the change is audited (before and after of the units changed). Approved plans keep the copy they took, so
 * filling never changes an approved plan's result; draft plans follow the table.
 * The table editor saves through this, and a later honours roll (获奖企业名录) can call it to fill the counts.
 * It checks no caller: the route or the roll decides who may fill the table. Returns the table's new version.
 */
export async function fillPeerTable(c: Change, tableId: number, values: PeerValueInput[], expectedVersion?: number, items?: readonly string[]): Promise<number> {
  const { clock } = c;
  const t = await lockPeerTable(c.trx, tableId);
  if (!t) throw notFound(`同级比较表${tableId}不存在`);
  if (expectedVersion !== undefined && t.version !== expectedVersion) throw await tableChanged(c, t);
  const units = new Map((await unitsOfTable(c.trx, t)).map((u) => [u.id, u]));
  // the unit of the criteria the table serves (5.2.a 获奖企业数量: 个): 2.5 enterprises is a slip (countFigureProblem)
  const unit = await unitOfItems(c.trx, items ?? itemsOfTable(t));
  const seen = new Set<number>();
  values.forEach((v, i) => {
    if (!units.has(v.orgId)) throw badRequest(`单位${v.orgId}不是本表比较范围（${PEER_LEVEL_LABELS[t.level]}）内的单位`, [{ field: `values.${i}.orgId`, message: '请从本表列出的单位中选择' }]);
    const name = units.get(v.orgId)!.name;
    if (seen.has(v.orgId)) throw badRequest(`${name}重复填写`, [{ field: `values.${i}.orgId`, message: '同一单位只能填一行' }]);
    const problem = v.value === null ? null : countFigureProblem(`${name}的「${t.metric}」`, unit, v.value);
    if (problem) throw badRequest(problem, [{ field: `values.${i}.value`, message: isCountUnit(unit) ? `须为不小于0的整数（${unit}）` : '须为不小于0的数字' }]);
    seen.add(v.orgId);
  });
  const before = new Map((await peerValuesOf(c.trx, t.id)).map((v) => [v.org_id, v]));
  const changed: { orgId: number; name: string; before: { value: string | null; note: string | null }; after: { value: string | null; note: string | null } }[] = [];
  for (const v of values) {
    const value = v.value === null ? null : String(v.value);
    const note = v.note?.trim() || null;
    const was = before.get(v.orgId);
    if (was && was.value === value && was.note === note) continue;
    await putPeerValue(c.trx, t.id, v.orgId, value, note);
    changed.push({ orgId: v.orgId, name: units.get(v.orgId)!.name, before: { value: was?.value ?? null, note: was?.note ?? null }, after: { value, note } });
  }
  // nothing changed: the table (and its version) stays as it was
  if (!changed.length) return t.version;
  if (!(await updatePeerTableRow(c.trx, t.id, t.version, { updated_at: clock.at }))) throw await tableChanged(c, t);
  await c.audit({
    action: 'peerTable.fill',
    entityType: 'peer_table',
    entityId: t.id,
    before: changed.map((x) => ({ orgId: x.orgId, name: x.name, ...x.before })),
    after: changed.map((x) => ({ orgId: x.orgId, name: x.name, ...x.after })),
  });
  return t.version + 1;
}

const NOTE_MAX = 200;

/**
 * A value's note when it comes from the roll: "名录：2024 年 2 项（甲公司、乙公司）" — the entries counted, named
 * until the note's 200 characters would be passed ("…等"); when one enterprise holds two entries, the distinct count.
 */
export function rollNote(year: number, entries: Pick<CountedEntry, 'awardee'>[]): string {
  const head = `名录：${year}年${entries.length}项`;
  if (!entries.length) return head;
  // distinct as the value counts them (honourCountsForPeers: awardeeKey)
  const distinct = new Set(entries.map((e) => awardeeKey(e.awardee))).size;
  const tail = distinct < entries.length ? `，不同企业${distinct}家` : '';
  const names: string[] = [];
  for (const e of entries) {
    const next = [...names, e.awardee.trim()];
    const rest = next.length < entries.length ? '等' : '';
    if (`${head}（${next.join('、')}${rest}）${tail}`.length > NOTE_MAX) break;
    names.push(e.awardee.trim());
  }
  return names.length ? `${head}（${names.join('、')}${names.length < entries.length ? '等' : ''}）${tail}` : `${head}${tail}`;
}

/**
 * Fill the caller's table from the honours roll (荣誉名录): each unit's value is the number of distinct enterprises
 * with a government quality award (中国质量奖、省长质量奖、市长质量奖, 提名奖 included) in the table's year — the DB43
 * 5.2 获奖企业数量 — and its note names the entries counted. Every unit of the table is replaced (zero included).
 * A county table when the roll files none of that year's awards under the table's counties: 400 (nothing to count;
 * the organiser types them). At the version the caller saw (else 409); audited as the fill (values) and the source used.
 */
export async function fillPeerTableFromHonours(c: Change, tableId: number, expectedVersion: number): Promise<number> {
  const t = await ownTable(c, tableId);
  if (t.version !== expectedVersion) throw await tableChanged(c, t);
  const kinds = QUALITY_AWARD_KINDS.map((k) => k.code);
  const units = new Set((await unitsOfTable(c.trx, t)).map((u) => u.id));
  const counts = (await honourCountsForPeers(c.trx, { year: t.year, level: t.level, kinds })).filter((x) => units.has(x.orgId));
  if (t.level === 'county' && !counts.some((x) => x.entries.length)) {
    throw badRequest(`荣誉名录中没有${t.year}年按县（市、区）登记的获奖企业，无法填入县级比较表，请手工填写`, [
      { field: 'level', message: '荣誉名录没有本表各县（市、区）的数据' },
    ]);
  }
  const version = await fillPeerTable(
    c,
    t.id,
    counts.map((x) => ({ orgId: x.orgId, value: x.value, note: rollNote(t.year, x.entries) })),
    expectedVersion,
  );
  await c.audit({
    action: 'peerTable.fillFromHonours',
    entityType: 'peer_table',
    entityId: t.id,
    after: { year: t.year, level: t.level, kinds, values: counts.map((x) => ({ orgId: x.orgId, name: x.orgName, value: x.value, entryIds: x.entryIds })) },
  });
  return version;
}

/** The editor's save: the metric, the criteria served, the source and the values, at the version the editor saw. */
export async function updatePeerTable(c: Change, tableId: number, body: UpdatePeerTableBody): Promise<void> {
  const { clock } = c;
  const t = await ownTable(c, tableId);
  if (t.version !== body.version) throw await tableChanged(c, t);
  await checkItems(c.trx, body.items);
  const metric = body.metric.trim();
  const source = body.source?.trim() || null;
  if (metric !== t.metric) {
    const name = { organiserId: t.organiser_org_id, year: t.year, level: t.level, metric };
    const other = await sameNamedTable(c.trx, name);
    if (other && other.id !== t.id) throw await tableNamed(c.trx, name, c.user.id);
  }
  const version = await fillPeerTable(c, t.id, body.values, body.version, body.items);
  const meta = { metric, items_json: JSON.stringify(body.items), source };
  const metaChanged = meta.metric !== t.metric || meta.items_json !== t.items_json || meta.source !== t.source;
  // a save that changes nothing writes nothing (it moved the version on unaudited, and the editor's next save was a 409)
  if (version === t.version && !metaChanged) throw badRequest('没有修改任何内容，无需保存');
  if (metaChanged) {
    // renamed at the moment another table took the name: the unique key decides, as at creation
    const saved = await onDuplicate(() => updatePeerTableRow(c.trx, t.id, version, { ...meta, updated_at: clock.at }), () => sameNamed(t.year, t.level, metric));
    if (!saved) throw await tableChanged(c, t);
    await c.audit({
      action: 'peerTable.update',
      entityType: 'peer_table',
      entityId: t.id,
      before: { metric: t.metric, items: itemsOfTable(t), source: t.source },
      after: { metric, items: body.items, source },
    });
  }
}

/**
 * The copy of a table a plan ranks against: its title and, per criterion it serves, every unit with a value except
 * the applicant (whose own value the experts enter). Undefined when the table is gone.
 */
export async function peerSnapshot(db: Kysely<Database>, tableId: number, applicantOrgId: number): Promise<{ title: string; year: number; peers: Record<string, { code: string; name: string; value: number }[]> } | undefined> {
  const t = await findPeerTable(db, tableId);
  if (!t) return undefined;
  const units = new Map((await unitsOfTable(db, t)).map((u) => [u.id, u]));
  return { title: peerTableTitle(t), year: t.year, peers: peersFromTable(t, await peerValuesOf(db, t.id), units, applicantOrgId) };
}

/** May a plan of this round and applicant use the table: the organiser's own, of the applicant's level. */
export function tableRefusal(t: PeerTableRow | undefined, organiserId: number, applicant: Org): string | null {
  if (!t || t.organiser_org_id !== organiserId) return '请选择本单位的同级比较表';
  const level: PeerLevel | null = applicant.kind === 'city' ? 'city' : applicant.kind === 'county' ? 'county' : null;
  if (t.level !== level) return `${applicant.name}须与${applicant.kind === 'city' ? '省内同级城市' : '同级县（市、区）'}比较，所选比较表的范围是${PEER_LEVEL_LABELS[t.level]}`;
  return null;
}
