/**
 * The one place that decides who sees and does what in a cycle (the route permissions in
 * src/shared/permissions.ts say what a role may do at all; this says on which cycle, unit and item):
 * - the assessing office sees everything of its own cycles;
 * - a department sees cycles it is invited to or evaluates in, and only the items it evaluates (the office
 *   evaluates some key points too, and scores them like a department);
 * - an assessed city (or county) sees only its own scores until the results are published;
 * - a leader above the office reads progress and results.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { SessionUser } from '../../core/session';
import { can } from '../../../shared/permissions';
import type { Role } from '../../../shared/roles';
import type { CycleAbilities } from '../../../shared/contracts/cycles';
import { CYCLE_WORKFLOW, type CycleStatus } from '../../../shared/workflow/assessment';
import { eventsFrom } from '../../../shared/workflow/workflow';
import { forbidden, notFound } from '../../core/errors';
import { currentScheme, evaluatorCodes, findCycle, type CycleRow } from './assessment.repository';
import { frameworkOf } from './framework-cache';

export type Participation = 'office' | 'department' | 'unit' | 'leader';

export interface CycleAccess {
  cycle: CycleRow;
  as: Participation;
  user: SessionUser;
  /** the caller's org unit (department, unit or office) */
  orgUnitId: number;
  orgCode: string;
  /** department: it has a declaration to fill in */
  invited: boolean;
  /** department: it evaluates at least one criterion of the current scheme */
  evaluator: boolean;
}

async function participation(db: Kysely<Database>, user: SessionUser, cycle: CycleRow): Promise<Omit<CycleAccess, 'cycle' | 'user'> | null> {
  const org = await db.selectFrom('org_unit').select(['id', 'code', 'kind', 'parent_id']).where('id', '=', user.orgUnitId).executeTakeFirstOrThrow();
  const base = { orgUnitId: org.id, orgCode: org.code, invited: false, evaluator: false };
  switch (user.role as Role) {
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
      const office = await db.selectFrom('org_unit').select(['id', 'parent_id']).where('id', '=', cycle.office_org_id).executeTakeFirstOrThrow();
      return office.parent_id === org.id || office.id === org.id ? { ...base, as: 'leader' } : null;
    }
    default:
      return null;
  }
}

/** The caller's access to a cycle, or 404 (a cycle you take no part in does not exist for you). */
export async function cycleAccess(db: Kysely<Database>, user: SessionUser, cycleId: number): Promise<CycleAccess> {
  const cycle = await findCycle(db, cycleId);
  const p = cycle ? await participation(db, user, cycle) : null;
  if (!cycle || !p) throw notFound(`考核工作 ${cycleId} 不存在或您未参与`);
  return { cycle, user, ...p };
}

/**
 * The cycles the caller takes part in — the same rule as participation(), decided for every cycle at once with a
 * fixed number of queries (at most five) whatever the number of cycles.
 */
export async function visibleCycles(db: Kysely<Database>, user: SessionUser): Promise<CycleRow[]> {
  const all = await db.selectFrom('assessment_cycle').selectAll().orderBy('year', 'desc').orderBy('id', 'desc').execute();
  if (!all.length) return [];
  const org = await db.selectFrom('org_unit').select(['id', 'code', 'kind', 'parent_id']).where('id', '=', user.orgUnitId).executeTakeFirstOrThrow();
  switch (user.role as Role) {
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
      const led = new Set(offices.filter((o) => o.parent_id === org.id || o.id === org.id).map((o) => o.id));
      return all.filter((c) => led.has(c.office_org_id));
    }
    default:
      return [];
  }
}

const RESULT_STATES: readonly CycleStatus[] = ['review', 'published'];
/** The office reads the preliminary results as soon as there are scores to compute them from. */
const OFFICE_RESULT_STATES: readonly CycleStatus[] = ['scoring', 'review', 'published'];

export function isWithinObjectionWindow(cycle: CycleRow, now = new Date()): boolean {
  if (cycle.status !== 'review' || !cycle.objection_start || !cycle.objection_end) return false;
  const today = now.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }); // YYYY-MM-DD, China time
  return cycle.objection_start <= today && today <= cycle.objection_end;
}

export function abilities(a: CycleAccess): CycleAbilities {
  const role = a.user.role as Role;
  const status = a.cycle.status as CycleStatus;
  const office = a.as === 'office';
  const dept = a.as === 'department';
  const unit = a.as === 'unit';
  return {
    as: a.as,
    events: office ? eventsFrom(CYCLE_WORKFLOW, status).filter((t) => can(role, t.permission)).map((t) => t.event) : [],
    manage: office && can(role, 'cycle.manage'),
    declare: dept && a.invited && can(role, 'declaration.edit') && status === 'collecting',
    manageScheme: office && can(role, 'scheme.manage') && status !== 'published',
    score: (dept || office) && a.evaluator && can(role, 'score.enter') && status === 'scoring',
    monitor: office && can(role, 'score.monitor') && (status === 'scoring' || status === 'review'),
    selfReport: unit && can(role, 'selfReport.edit') && status !== 'review' && status !== 'published',
    object: unit && can(role, 'objection.raise') && isWithinObjectionWindow(a.cycle),
    answerObjections: (dept || office) && a.evaluator && can(role, 'objection.answer') && status === 'review',
    readResults: can(role, 'result.read') && (office ? OFFICE_RESULT_STATES : RESULT_STATES).includes(status),
  };
}

/** Throw 403 with the Chinese reason unless the caller takes part in the cycle in one of the allowed ways. */
export function requireParticipation(a: CycleAccess, allowed: readonly Participation[], reason: string): void {
  if (!allowed.includes(a.as)) throw forbidden(reason);
}

/** Throw 403 unless the ability holds, with a Chinese reason. */
export function require(a: CycleAccess, ability: keyof Omit<CycleAbilities, 'as' | 'events'>, reason: string): void {
  if (!abilities(a)[ability]) throw forbidden(reason);
}

/**
 * Which assessed units' scores the caller may see: the office and leaders all; a department all (for its own
 * items); a unit only itself until publication, and everyone's totals after.
 */
export function visibleUnitIds(a: CycleAccess, all: number[]): number[] {
  if (a.as === 'unit' && a.cycle.status !== 'published') return all.filter((id) => id === a.orgUnitId);
  return all;
}

/**
 * Declarations (申报): the office and leaders read every invited department's, a department only its own,
 * an assessed unit none. A department edits and submits its own; the office reviews (return, accept, reopen).
 */
export function declarationAccess(a: CycleAccess, departmentId: number): { read: boolean; edit: boolean; review: boolean } {
  const role = a.user.role as Role;
  const own = a.as === 'department' && a.orgUnitId === departmentId;
  return {
    read: a.as === 'office' || a.as === 'leader' || own,
    edit: own && abilities(a).declare,
    review: a.as === 'office' && can(role, 'declaration.review'),
  };
}
