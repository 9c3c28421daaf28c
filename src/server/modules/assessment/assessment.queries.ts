/**
 * Loading what every part of the assessment needs: the cycle, the caller's part in it (CycleAccess), its
 * current scheme, its units and stored answers. Only Kysely here; the rules over what is loaded are in
 * assessment.policy.ts.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import type { Framework } from '../../../shared/scoring/framework-schema';
import type { SessionUser } from '../../core/session';
import { AppError, notFound } from '../../core/errors';
import { watchOf } from '../../db/write-watch';
import type { EvidenceItem, EvidenceOwnerType } from '../../../shared/contracts/evidence';
import { evaluatorCodes } from './framework';
import { frameworkOf } from '../frameworks';
import { presentEvidence, type EvidenceRow } from './assessment.presenter';
import { userNames } from '../../core/user-names';
import { cityCycleSummariesProvince, leaderStanding, type CycleAccess, type CycleRow, type SchemeRow } from './assessment.policy';

// the shapes the policy reads, loaded here
export type { CycleAccess, CycleRow, Participation, SchemeRow } from './assessment.policy';

export const findCycle = (db: Kysely<Database>, id: number) =>
  db.selectFrom('assessment_cycle').selectAll().where('id', '=', id).executeTakeFirst();

/**
 * Inside a transaction: the cycle row, locked — 'share' by a change that depends on the cycle's phase (many
 * may hold it at once), 'update' by one that moves or rewrites the cycle (it waits for them, they wait for
 * it). Always the first lock a change takes (see src/server/db/sqlite-immediate.ts).
 */
export const lockCycle = (trx: Transaction<Database>, id: number, mode: 'share' | 'update') => {
  const q = trx.selectFrom('assessment_cycle').selectAll().where('id', '=', id);
  return (mode === 'update' ? q.forUpdate() : q.forShare()).executeTakeFirstOrThrow();
};

/** A scheme row without its framework text (the framework comes from schemeFramework, cached when frozen). */
export type SchemeMeta = Omit<SchemeRow, 'framework_json'>;
// every column but framework_json (the type check above each use fails when a column is added and not listed)
const SCHEME_META = ['id', 'cycle_id', 'version_no', 'status', 'reason', 'published_at', 'published_by', 'version', 'created_at', 'updated_at', 'applied_declarations_json'] as const;

/**
 * A published scheme's framework never changes (a new publication is a new row), so it is read, parsed and
 * validated once per database handle and (scheme id, version, publication time); a draft's text is read every
 * time (frameworkOf still shares one parsed object per text). Inside a transaction (another handle) the text is
 * read again: correct, only slower; the hot paths read the framework outside their transaction.
 */
const frozenFrameworks = new WeakMap<Kysely<Database>, Map<string, Framework>>();
const MAX_FROZEN = 64;

export async function schemeFramework(db: Kysely<Database>, row: SchemeMeta): Promise<Framework> {
  const key = row.status === 'published' ? `${row.id}:${row.version}:${row.published_at}` : null;
  let frozen = frozenFrameworks.get(db);
  const hit = key && frozen?.get(key);
  if (hit) return hit;
  const { framework_json } = await db.selectFrom('scheme').select('framework_json').where('id', '=', row.id).executeTakeFirstOrThrow();
  const fw = frameworkOf(framework_json);
  if (key) {
    if (!frozen) frozenFrameworks.set(db, (frozen = new Map()));
    frozen.set(key, fw);
    if (frozen.size > MAX_FROZEN) frozen.delete(frozen.keys().next().value!);
  }
  return fw;
}

/** The scheme in force: the newest published version, or else the newest draft. */
export async function currentScheme(db: Kysely<Database>, cycleId: number): Promise<{ row: SchemeMeta; framework: Framework } | null> {
  const row = await currentSchemeRow(db, cycleId);
  return row ? { row, framework: await schemeFramework(db, row) } : null;
}

/** The row of the scheme in force (no framework text). */
export const currentSchemeRow = (db: Kysely<Database>, cycleId: number) =>
  db
    .selectFrom('scheme')
    .select(SCHEME_META)
    .where('cycle_id', '=', cycleId)
    .where('status', 'in', ['published', 'draft'])
    .orderBy(sql`case when status = 'published' then 0 else 1 end`)
    .orderBy('version_no', 'desc')
    .limit(1)
    .executeTakeFirst();

/**
 * The newest published scheme, or null before the first publication. Read on most requests about a cycle in
 * scoring (every score save checks its answer against it), so outside a transaction the row found is kept for a
 * moment, as cycleAccess keeps its own (db/write-watch.ts): any write to the scheme table makes it stale. The row
 * is frozen, as the framework is.
 */
export async function publishedScheme(db: Kysely<Database>, cycleId: number): Promise<{ row: SchemeMeta; framework: Framework } | null> {
  const watch = watchOf(db);
  const read = async () => {
    const r = await publishedSchemeRow(db, cycleId);
    return r ? Object.freeze(r) : undefined;
  };
  const row = watch
    ? await watch.copies<SchemeMeta | undefined>('published-scheme', { columns: { scheme: '*' }, ttlMs: 5_000, max: 1_000 }).get(String(cycleId), read, (r) => r !== undefined)
    : await read();
  return row ? { row, framework: await schemeFramework(db, row) } : null;
}

const publishedSchemeQuery = <C extends keyof Database['scheme']>(db: Kysely<Database>, cycleId: number, columns: readonly C[]) =>
  db.selectFrom('scheme').select(columns).where('cycle_id', '=', cycleId).where('status', '=', 'published').orderBy('version_no', 'desc').limit(1);

/** An assessment framework file (框架库) by id, parsed; undefined when there is none or it is not of the assessment kind. */
export async function assessmentFramework(db: Kysely<Database>, id: string): Promise<Framework | undefined> {
  const row = await db.selectFrom('framework').select(['content_json', 'kind']).where('id', '=', id).executeTakeFirst();
  return row?.kind === 'assessment' ? frameworkOf(row.content_json) : undefined;
}

/** The row of the newest published scheme (no framework text). */
export const publishedSchemeRow = (db: Kysely<Database>, cycleId: number) => publishedSchemeQuery(db, cycleId, SCHEME_META).executeTakeFirst();

/**
 * Only the id of the newest published scheme: what a change re-checks inside its transaction. (On SQLite the
 * columns stored after framework_json cost a walk through its overflow pages; the id needs none.)
 */
export const publishedSchemeId = async (db: Kysely<Database>, cycleId: number): Promise<number | undefined> =>
  (await publishedSchemeQuery(db, cycleId, ['id'] as const).executeTakeFirst())?.id;

/**
 * Stored answers of a cycle, per unit id: {itemCode: {criterionCode: answer}} — the engine's answer format; and,
 * when asked for, their comments by "unitId|item.criterion" (one read of the score rows for both).
 */
export async function loadScores(
  db: Kysely<Database>,
  cycleId: number,
  unitIds: number[] | undefined,
  opts: { comments: boolean },
): Promise<{ answers: Map<number, Record<string, Record<string, unknown>>>; comments: Map<string, string | null> }> {
  let q = db.selectFrom('score').select(['unit_id', 'item_code', 'criterion_code', 'answer_json', 'comment']).where('cycle_id', '=', cycleId);
  if (unitIds) q = q.where('unit_id', 'in', unitIds.length ? unitIds : [-1]);
  const answers = new Map<number, Record<string, Record<string, unknown>>>();
  const comments = new Map<string, string | null>();
  for (const r of await q.execute()) {
    let unit = answers.get(r.unit_id);
    if (!unit) answers.set(r.unit_id, (unit = {}));
    (unit[r.item_code] ??= {})[r.criterion_code] = JSON.parse(r.answer_json);
    if (opts.comments) comments.set(`${r.unit_id}|${r.item_code}.${r.criterion_code}`, r.comment);
  }
  return { answers, comments };
}

/** The units a cycle assesses (its 14 cities, or a city's counties), in org-tree order. */
export async function cycleUnits(db: Kysely<Database>, cycleId: number): Promise<{ id: number; code: string; name: string }[]> {
  return db
    .selectFrom('cycle_unit')
    .innerJoin('org_unit', 'org_unit.id', 'cycle_unit.org_unit_id')
    .select(['org_unit.id', 'org_unit.code', 'org_unit.name'])
    .where('cycle_unit.cycle_id', '=', cycleId)
    .orderBy('org_unit.sort_order')
    .orderBy('org_unit.code')
    .execute();
}

async function participation(db: Kysely<Database>, user: SessionUser, cycle: CycleRow): Promise<Omit<CycleAccess, 'cycle' | 'user' | 'today'> | null> {
  const org = { id: user.orgUnitId, code: user.org.code };
  const base = { orgUnitId: org.id, orgCode: org.code, invited: false, evaluator: false };
  switch (user.role) {
    case 'office': {
      if (cycle.office_org_id !== org.id) return null;
      // The office also evaluates some key points itself (2022: items 1, 2, 4, 22, 23).
      const scheme = await currentScheme(db, cycle.id);
      // Schemes name the assessing office's own key points "office"; a city's office assessing its counties takes that place.
      const codes = scheme ? evaluatorCodes(scheme.framework) : new Set<string>();
      return { ...base, as: 'office', evaluator: codes.has(org.code) || codes.has('office') };
    }
    case 'department': {
      const decl = await db.selectFrom('declaration').select('id').where('cycle_id', '=', cycle.id).where('department_id', '=', org.id).executeTakeFirst();
      const scheme = await currentScheme(db, cycle.id);
      const evaluator = scheme ? evaluatorCodes(scheme.framework).has(org.code) : false;
      return decl || evaluator ? { ...base, as: 'department', invited: !!decl, evaluator } : null;
    }
    case 'unit': {
      const m = await db.selectFrom('cycle_unit').select('org_unit_id').where('cycle_id', '=', cycle.id).where('org_unit_id', '=', org.id).executeTakeFirst();
      return m ? { ...base, as: 'unit' } : null;
    }
    case 'leader': {
      const office = await db.selectFrom('org_unit').select('parent_id').where('id', '=', cycle.office_org_id).executeTakeFirstOrThrow();
      const standing = leaderStanding(cycle, office.parent_id, org.id);
      if (standing !== 'assessedRegion') return standing === 'leader' ? { ...base, as: 'leader' } : null;
      // a leader of an assessed region (a city's leader in the province's assessment) reads its region's part as the region does
      const m = await db.selectFrom('cycle_unit').select('org_unit_id').where('cycle_id', '=', cycle.id).where('org_unit_id', '=', org.id).executeTakeFirst();
      return m ? { ...base, as: 'unit' } : null;
    }
    default:
      return null;
  }
}

/**
 * Everything participation() and the cycle row depend on. A page asks several things of one cycle at once, so
 * what they found is kept in memory for a moment per (cycle, role, unit) and used again while this process wrote
 * none of it (db/write-watch.ts); changes always read the cycle again inside their transaction (lockCycle).
 */
const ACCESS_COLUMNS = { assessment_cycle: '*', scheme: '*', declaration: '*', cycle_unit: '*', org_unit: ['id', 'code', 'parent_id'] } as const;
const ACCESS_COPY_MS = 5_000;

type Found = { cycle: CycleRow; p: Omit<CycleAccess, 'cycle' | 'user' | 'today'> } | null;

async function findAccess(db: Kysely<Database>, user: SessionUser, cycleId: number): Promise<Found> {
  const cycle = await findCycle(db, cycleId);
  const p = cycle ? await participation(db, user, cycle) : null;
  // frozen: one copy serves many requests, so no handler may change it
  return cycle && p ? Object.freeze({ cycle: Object.freeze(cycle), p: Object.freeze(p) }) : null;
}

/** The caller's access to a cycle, or 404 (a cycle you take no part in does not exist for you). */
export async function cycleAccess(db: Kysely<Database>, user: SessionUser, cycleId: number, today: string): Promise<CycleAccess> {
  const watch = watchOf(db);
  const found = watch
    ? await watch
        .copies<Found>('cycle-access', { columns: ACCESS_COLUMNS, ttlMs: ACCESS_COPY_MS, max: 5_000 })
        .get(`${cycleId}:${user.role}:${user.orgUnitId}:${user.org.code}`, () => findAccess(db, user, cycleId), (f) => f !== null)
    : await findAccess(db, user, cycleId);
  if (!found) throw notFound(`考核工作${cycleId}不存在或您未参与`);
  return { cycle: found.cycle, user, ...found.p, today };
}

/**
 * cycleAccess for a loader of something in the cycle (a declaration, a scheme, an objection, a file): a cycle the
 * caller takes no part in is answered as `hidden`, the object's own 404, so ids tell nothing of other cycles. Only
 * that 404: any other error (a fault of the database) passes unchanged, to be answered 503 (db/errors.ts), never a
 * misleading 「不存在」.
 */
export const cycleAccessOr = (db: Kysely<Database>, user: SessionUser, cycleId: number, today: string, hidden: () => AppError): Promise<CycleAccess> =>
  cycleAccess(db, user, cycleId, today).catch((e: unknown) => {
    throw e instanceof AppError && e.status === 404 ? hidden() : e;
  });

/**
 * The cycles the caller takes part in: the same rule as participation(), decided for every cycle at once with a
 * fixed number of queries (at most five) whatever the number of cycles.
 */
export async function visibleCycles(db: Kysely<Database>, user: SessionUser): Promise<CycleRow[]> {
  const all = await db.selectFrom('assessment_cycle').selectAll().orderBy('year', 'desc').orderBy('id', 'desc').execute();
  if (!all.length) return [];
  const org = { id: user.orgUnitId, code: user.org.code };
  switch (user.role) {
    case 'office':
      return all.filter((c) => c.office_org_id === org.id);
    case 'department': {
      const invited = new Set((await db.selectFrom('declaration').select('cycle_id').where('department_id', '=', org.id).execute()).map((r) => r.cycle_id));
      // the scheme in force of each other cycle (newest published, else newest draft), as currentScheme picks it
      const rest = all.filter((c) => !invited.has(c.id)).map((c) => c.id);
      const metas = rest.length
        ? await db.selectFrom('scheme').select(['id', 'cycle_id', 'status', 'version_no']).where('cycle_id', 'in', rest).where('status', 'in', ['published', 'draft']).execute()
        : [];
      const current = new Map<number, { id: number; status: string; version_no: number }>();
      for (const m of metas) {
        const had = current.get(m.cycle_id);
        const better = !had || (m.status === 'published' && had.status !== 'published') || (m.status === had.status && m.version_no > had.version_no);
        if (better) current.set(m.cycle_id, m);
      }
      const ids = [...current.values()].map((m) => m.id);
      const texts = ids.length ? await db.selectFrom('scheme').select(['cycle_id', 'framework_json']).where('id', 'in', ids).execute() : [];
      const evaluates = new Set(texts.filter((r) => evaluatorCodes(frameworkOf(r.framework_json)).has(org.code)).map((r) => r.cycle_id));
      return all.filter((c) => invited.has(c.id) || evaluates.has(c.id));
    }
    case 'unit': {
      const mine = new Set((await db.selectFrom('cycle_unit').select('cycle_id').where('org_unit_id', '=', org.id).execute()).map((r) => r.cycle_id));
      return all.filter((c) => mine.has(c.id));
    }
    case 'leader': {
      const officeIds = [...new Set(all.map((c) => c.office_org_id))];
      const offices = await db.selectFrom('org_unit').select(['id', 'parent_id']).where('id', 'in', officeIds).execute();
      const parentOf = new Map(offices.map((o) => [o.id, o.parent_id]));
      const standing = new Map(all.map((c) => [c.id, leaderStanding(c, parentOf.get(c.office_org_id) ?? null, org.id)]));
      // and the cycles that may assess the leader's own region (asked only when there are such cycles)
      const others = all.filter((c) => standing.get(c.id) === 'assessedRegion').map((c) => c.id);
      const assessed = others.length
        ? new Set((await db.selectFrom('cycle_unit').select('cycle_id').where('org_unit_id', '=', org.id).where('cycle_id', 'in', others).execute()).map((r) => r.cycle_id))
        : new Set<number>();
      return all.filter((c) => standing.get(c.id) === 'leader' || assessed.has(c.id));
    }
    default:
      return [];
  }
}

/**
 * The region the caller answers for: a leader's own unit (the province, a city), an office's parent (the region whose
 * 质强办 it is; null without one), anyone else's own unit. One query for an office, none otherwise.
 */
export async function callerRegion(db: Kysely<Database>, user: SessionUser): Promise<{ id: number; kind: string } | null> {
  if (user.role !== 'office') return { id: user.orgUnitId, kind: user.org.kind };
  if (user.org.parentId === null) return null;
  return (await db.selectFrom('org_unit').select(['id', 'kind']).where('id', '=', user.org.parentId).executeTakeFirst()) ?? null;
}

/** The city offices' cycles the caller follows on the 驾驶舱 (policy: cityCycleSummariesProvince), or none. */
export async function followedCityCycles(db: Kysely<Database>, user: SessionUser): Promise<(CycleRow & { city_name: string })[]> {
  const province = cityCycleSummariesProvince(user, await callerRegion(db, user));
  return province === null ? [] : cityOfficeCycles(db, province);
}

/**
 * The cycles the offices of the province's cities run for their counties, each with its city's name, newest first:
 * the summary on the 驾驶舱 of the province's leaders and office (followedCityCycles). One query.
 */
const cityOfficeCycles = (db: Kysely<Database>, provinceId: number): Promise<(CycleRow & { city_name: string })[]> =>
  db
    .selectFrom('assessment_cycle as c')
    .innerJoin('org_unit as o', 'o.id', 'c.office_org_id')
    .innerJoin('org_unit as city', 'city.id', 'o.parent_id')
    .selectAll('c')
    .select('city.name as city_name')
    .where('o.kind', '=', 'office')
    .where('city.kind', '=', 'city')
    .where('city.parent_id', '=', provinceId)
    .orderBy('c.year', 'desc')
    .orderBy('city.sort_order')
    .orderBy('c.id', 'desc')
    .execute();

/** An org unit's id and name (an office, department or assessed unit). */
export const orgName = (db: Kysely<Database>, id: number) => db.selectFrom('org_unit').select(['id', 'code', 'name']).where('id', '=', id).executeTakeFirstOrThrow();

/** The evidence of many owners of one type, per owner id, oldest first. */
export async function listEvidence(
  db: Kysely<Database>,
  cycleId: number,
  ownerType: EvidenceOwnerType,
  ownerIds: number[],
): Promise<Map<number, EvidenceItem[]>> {
  const out = new Map<number, EvidenceItem[]>();
  if (!ownerIds.length) return out;
  const rows: EvidenceRow[] = [];
  // chunks keep the IN list short on both databases
  for (let i = 0; i < ownerIds.length; i += 500) {
    rows.push(
      ...(await db
        .selectFrom('evidence')
        .selectAll()
        .where('cycle_id', '=', cycleId)
        .where('owner_type', '=', ownerType)
        .where('owner_id', 'in', ownerIds.slice(i, i + 500))
        .orderBy('id')
        .execute()),
    );
  }
  const names = await userNames(db, rows.map((r) => r.uploaded_by));
  for (const r of rows) {
    const list = out.get(r.owner_id) ?? [];
    list.push(presentEvidence(r, names));
    out.set(r.owner_id, list);
  }
  return out;
}
