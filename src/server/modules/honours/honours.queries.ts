/** Every SQL statement of the honours roll (荣誉名录). Kysely only; every function takes the db (or a transaction) first. */
import type { Kysely, Selectable, Transaction } from 'kysely';
import { awardeeKey, COUNTED_INDICATORS, HONOUR_LEVEL_LABELS, honourKind, kindsOfIndicator, QUALITY_AWARD_KINDS } from '../../../shared/honours/kinds';
import type { Database, HonourTable } from '../../db/schema';
import { containsText } from '../../db/text-search';
import { stockCount, type StockCount } from './honours.stock';

export type HonourRow = Selectable<HonourTable>;
export interface OrgLite {
  id: number;
  name: string;
  code: string;
  kind: string;
  parent_id: number | null;
}

export interface HonourFilter {
  year?: number;
  cityId?: number;
  kinds?: string[];
  q?: string;
}

function filtered(db: Kysely<Database>, f: HonourFilter) {
  let q = db.selectFrom('honour');
  if (f.year !== undefined) q = q.where('year', '=', f.year);
  if (f.cityId !== undefined) q = q.where('city_org_id', '=', f.cityId);
  if (f.kinds) q = f.kinds.length ? q.where('kind', 'in', f.kinds) : q.where('id', '<', 0);
  const text = f.q;
  if (text) q = q.where((eb) => eb.or([containsText('awardee', text), containsText('source_doc', text)]));
  return q;
}

export async function listHonours(db: Kysely<Database>, f: HonourFilter, page: number, pageSize: number): Promise<{ rows: HonourRow[]; total: number }> {
  const [{ n }] = await filtered(db, f).select((eb) => eb.fn.countAll<number | string>().as('n')).execute();
  const rows = await filtered(db, f).selectAll().orderBy('year', 'desc').orderBy('id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute();
  return { rows, total: Number(n) };
}

export const findHonour = (db: Kysely<Database>, id: number) => db.selectFrom('honour').selectAll().where('id', '=', id).executeTakeFirst();

/**
 * the entry already on the roll that is the same honour (awardeeKey: same kind, year, city and awardee however typed;
 * the county aside), another one than `exceptId`
 */
export async function findSameHonour(db: Kysely<Database>, v: { kind: string; awardee: string; year: number; cityId: number }, exceptId?: number): Promise<{ id: number; awardee: string } | undefined> {
  const rows = await db
    .selectFrom('honour')
    .select(['id', 'awardee'])
    .where('kind', '=', v.kind)
    .where('year', '=', v.year)
    .where('city_org_id', '=', v.cityId)
    .$if(exceptId !== undefined, (qb) => qb.where('id', '!=', exceptId!))
    .orderBy('id')
    .execute();
  const key = awardeeKey(v.awardee);
  return rows.find((r) => awardeeKey(r.awardee) === key);
}

/**
 * The lock that serialises changes to a city's part of the roll, whose duplicate check reads the roll before the entry
 * is written (two registrations of one honour at once would both pass it): the cities' org_unit rows, in id order,
 * FOR NO KEY UPDATE (the foreign keys' KEY SHARE locks of other writes still pass). 'all': every city, for an import,
 * whose cities are known only once its rows are read. On SQLite the transaction's write lock does it.
 */
export function lockRoll(trx: Transaction<Database>, cities: number[] | 'all') {
  const q = trx.selectFrom('org_unit').select('id');
  return (cities === 'all' ? q.where('kind', '=', 'city') : q.where('id', 'in', cities.length ? cities : [-1])).orderBy('id').forNoKeyUpdate().execute();
}

export const insertHonour = (db: Kysely<Database>, v: Omit<HonourTable, 'id' | 'version'>) =>
  db.insertInto('honour').values({ ...v, version: 1 }).returning('id').executeTakeFirstOrThrow();

/** the update only lands on the version the caller saw; 0 rows means someone else changed or deleted it */
export async function updateHonour(db: Kysely<Database>, id: number, version: number, set: Partial<Omit<HonourTable, 'id' | 'version'>>): Promise<boolean> {
  const r = await db
    .updateTable('honour')
    .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteHonour(db: Kysely<Database>, id: number, version: number): Promise<boolean> {
  const r = await db.deleteFrom('honour').where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/** the roll's entries of these kinds from fromYear (inclusive) to upToYear (inclusive) */
export const honoursOfKinds = (db: Kysely<Database>, kinds: string[], upToYear: number, fromYear?: number) => {
  if (!kinds.length) return Promise.resolve([] as HonourRow[]);
  let q = db.selectFrom('honour').selectAll().where('kind', 'in', kinds).where('year', '<=', upToYear);
  if (fromYear !== undefined) q = q.where('year', '>=', fromYear);
  return q.orderBy('year').orderBy('id').execute();
};

export const orgsByIds = async (db: Kysely<Database>, ids: (number | null)[]): Promise<Map<number, OrgLite>> => {
  const want = [...new Set(ids.filter((x): x is number => x !== null))];
  if (!want.length) return new Map();
  const rows = await db.selectFrom('org_unit').select(['id', 'name', 'code', 'kind', 'parent_id']).where('id', 'in', want).execute();
  return new Map(rows.map((r) => [r.id, r]));
};

export const orgsOfKind = (db: Kysely<Database>, kind: 'province' | 'city' | 'county') =>
  db.selectFrom('org_unit').select(['id', 'name', 'code', 'kind', 'parent_id']).where('kind', '=', kind).orderBy('sort_order').orderBy('code').execute();

export const findOrg = (db: Kysely<Database>, id: number) =>
  db.selectFrom('org_unit').select(['id', 'name', 'code', 'kind', 'parent_id']).where('id', '=', id).executeTakeFirst();

export const findOrgByCode = (db: Kysely<Database>, code: string) =>
  db.selectFrom('org_unit').select(['id', 'name', 'code', 'kind', 'parent_id']).where('code', '=', code).executeTakeFirst();

/** cities and counties by name and short name, for the import's 市州 / 县市区 columns */
export const placeOrgs = (db: Kysely<Database>) =>
  db.selectFrom('org_unit').select(['id', 'name', 'short_name', 'code', 'kind', 'parent_id']).where('kind', 'in', ['city', 'county']).execute();

// ------------------------------------------------------------------------------- what the roll feeds

export interface CountedEntry {
  id: number;
  awardee: string;
  year: number;
  kind: string;
}
export interface OrgHonourCount {
  orgId: number;
  orgName: string;
  /** 'province' for the province's total, 'city' for each of the 14 */
  level: 'province' | 'city';
  count: number;
  entryIds: number[];
  entries: CountedEntry[];
}

/**
 * A stock plan indicator (专栏1 codes 4–8: 中华老字号, 鲁班奖, 国家优质工程奖, 中国质量奖, 大禹奖) counted from the roll up
 * to a year: per city (every city, zero included) and the province's total, each with the entries that make it.
 * Counts what the roll holds; a province baseline (e.g. 116 中华老字号 in 2020) not on the roll is not added.
 */
export async function countHonours(db: Kysely<Database>, o: { indicatorCode: number; upToYear: number }): Promise<OrgHonourCount[]> {
  const kinds = kindsOfIndicator(o.indicatorCode).map((k) => k.code);
  if (!kinds.length) throw new Error(`规划指标${o.indicatorCode}不由荣誉名录计数（只有${COUNTED_INDICATORS.join('、')}）`);
  const rows = await honoursOfKinds(db, kinds, o.upToYear);
  const [province] = await orgsOfKind(db, 'province');
  const cities = await orgsOfKind(db, 'city');
  const entry = (r: HonourRow): CountedEntry => ({ id: r.id, awardee: r.awardee, year: r.year, kind: r.kind });
  const out: OrgHonourCount[] = [];
  if (province) out.push({ orgId: province.id, orgName: province.name, level: 'province', count: rows.length, entryIds: rows.map((r) => r.id), entries: rows.map(entry) });
  for (const city of cities) {
    const mine = rows.filter((r) => r.city_org_id === city.id);
    out.push({ orgId: city.id, orgName: city.name, level: 'city', count: mine.length, entryIds: mine.map((r) => r.id), entries: mine.map(entry) });
  }
  return out;
}

/** Plan indicators 4–8's counts up to a year (the 规划指标计数 tab): each indicator's stock count, if a plan counts it, and the entries counted. */
export async function indicatorStockCounts(db: Kysely<Database>, upToYear: number): Promise<{ code: number; stock: StockCount | null; counts: OrgHonourCount[] }[]> {
  const out = [];
  for (const code of COUNTED_INDICATORS) {
    // the indicator's own rule (indicators.roll.ts, registered); without a plan counting it, the roll's entries
    const stock = await stockCount(db, code, upToYear);
    const counts = stock?.counts ?? (await countHonours(db, { indicatorCode: code, upToYear }));
    out.push({ code, stock, counts });
  }
  return out;
}

/**
 * Values per city (or county) for a DB43 rank item such as 5.2 获奖企业数量: the number of distinct awardees (awardeeKey) with an
 * entry of the given kinds (default: the government quality awards) in [fromYear, year] (default: that year only). Every peer is listed, zero included, so a peer table can be filled;
 * each with the entries counted (a note can name them). A county's entries are those the roll files under the county.
 */
export async function honourCountsForPeers(
  db: Kysely<Database>,
  o: { year: number; fromYear?: number; level?: 'city' | 'county'; kinds?: string[] },
): Promise<{ orgId: number; orgName: string; value: number; entryIds: number[]; entries: CountedEntry[] }[]> {
  const fromYear = o.fromYear ?? o.year;
  const level = o.level ?? 'city';
  const rows = await honoursOfKinds(db, o.kinds ?? QUALITY_AWARD_KINDS.map((k) => k.code), o.year, fromYear);
  const peers = await orgsOfKind(db, level);
  return peers.map((p) => {
    const mine = rows.filter((r) => (level === 'city' ? r.city_org_id === p.id : r.county_org_id === p.id));
    const awardees = new Set(mine.map((r) => awardeeKey(r.awardee)));
    return { orgId: p.id, orgName: p.name, value: awardees.size, entryIds: mine.map((r) => r.id), entries: mine.map((r) => ({ id: r.id, awardee: r.awardee, year: r.year, kind: r.kind })) };
  });
}

/**
 * What the quality analysis report (modules/analysis) reads from the honours roll: a year's entries of one city
 * (or of the whole province), with the kind's name and level.
 */
export interface HonourOfYear {
  kind: string;
  kindName: string;
  levelLabel: string;
  awardee: string;
  city: string;
  sourceDoc: string;
}

export async function honoursOfYear(db: Kysely<Database>, year: number, cityOrgId: number | null): Promise<HonourOfYear[]> {
  let q = db
    .selectFrom('honour')
    .innerJoin('org_unit', 'org_unit.id', 'honour.city_org_id')
    .select(['honour.kind', 'honour.awardee', 'honour.source_doc', 'org_unit.name'])
    .where('honour.year', '=', year);
  if (cityOrgId !== null) q = q.where('honour.city_org_id', '=', cityOrgId);
  const rows = await q.orderBy('honour.kind').orderBy('org_unit.sort_order').orderBy('honour.id').execute();
  return rows.map((r) => {
    const k = honourKind(r.kind);
    return { kind: r.kind, kindName: k?.name ?? r.kind, levelLabel: k ? HONOUR_LEVEL_LABELS[k.level] : '—', awardee: r.awardee, city: r.name, sourceDoc: r.source_doc };
  });
}
