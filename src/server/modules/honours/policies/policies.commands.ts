/**
 * Changes to the incentive policies (激励政策): add, edit, repeal, mark as superseded; and loading the seed-derived
 * policy files (frameworks/policies/*.json) on first start. Change context first; audited; a lost update is a 409;
 * status moves through POLICY_WORKFLOW (src/shared/workflow/honours.ts) with transition().
 */
import type { Kysely } from 'kysely';
import type { PolicyBody } from '../../../../shared/contracts/honours';
import { periodProblem } from '../../../../shared/incentives/in-force';
import type { PolicyFile } from '../../../../shared/incentives/schema';
import { POLICY_WORKFLOW } from '../../../../shared/workflow/honours';
import { recordedChanges } from '../../../core/audit';
import type { Change } from '../../../core/change';
import { badRequest, conflict, forbidden, notFound, ruleRefusal, type FieldProblem } from '../../../core/errors';
import { transition } from '../../../core/transition';
import { onDuplicate } from '../../../db/errors';
import type { Database } from '../../../db/schema';
import { supersedeRefusal } from '../../../../shared/incentives/in-force';
import { movedWords, policyEditRefusal, policyLevelRefusal, policyWriteRefusal, supersedeParty } from '../honours.policy';
import { findOrg, findOrgByCode } from '../honours.queries';
import { findPolicy, findPolicyByCode, insertPolicy, lockPolicies, policyHoldingDocNo, updatePolicy, type PolicyRow } from './policies.queries';

/** A 文号 names one document: a region keeps one policy under it (the unique index incentive_policy_region_doc_no decides). */
const docNoTaken = (regionName: string, docNo: string, holder?: string) =>
  conflict(`${regionName}已登记文号为“${docNo}”的激励政策${holder ? `《${holder}》` : ''}，请核对文号，或修改已登记的政策`, undefined, [{ field: 'docNo', message: '文号已被使用' }]);

/**
 * 409 naming the policy of the region that holds the 文号 (read first, so the refusal can name it); a policy saved
 * under it by another request after this read is refused by the unique index, without its title (onDuplicate)
 */
async function requireDocNoFree(c: Change, regionId: number, regionName: string, docNo: string, except: number | null): Promise<void> {
  const holder = await policyHoldingDocNo(c.trx, regionId, docNo, except);
  if (holder) throw docNoTaken(regionName, docNo, holder.title);
}

/** the office keeps the region (a 403), then the level suits it (a 400 naming the levels it may choose) */
function ensureMayRegister(c: Change, region: { id: number; name: string; kind: string; parent_id: number | null }, b: PolicyBody): void {
  const refusal = policyWriteRefusal(c.user, region);
  if (refusal) throw forbidden(refusal);
  const level = policyLevelRefusal(region, b.level);
  if (level) throw ruleRefusal(level.message, [{ field: 'level', message: level.hint }]);
}

async function columnsOf(db: Kysely<Database>, b: PolicyBody) {
  const problems: FieldProblem[] = [];
  const region = await findOrgByCode(db, b.regionCode);
  if (!region || !['province', 'city', 'county'].includes(region.kind)) problems.push({ field: 'regionCode', message: `行政区划代码${b.regionCode}不是湖南省、市州或县市区` });
  if (b.effectiveFrom < b.issuedOn) problems.push({ field: 'effectiveFrom', message: '施行日期不能早于成文日期' });
  const period = periodProblem(b);
  if (period) problems.push({ field: 'expiresOn', message: period });
  const ids = b.rules.map((r) => r.id);
  const dup = ids.find((x, i) => ids.indexOf(x) !== i);
  if (dup) problems.push({ field: 'rules', message: `奖励规则编号「${dup}」重复` });
  if (problems.length) throw badRequest(`激励政策有误 — ${problems.map((p) => p.message).join('；')}`, problems);
  return {
    region: region!,
    row: {
      title: b.title,
      issuer: b.issuer,
      doc_no: b.docNo,
      level: b.level,
      region_org_id: region!.id,
      issued_on: b.issuedOn,
      effective_from: b.effectiveFrom,
      expires_on: b.expiresOn,
      source: b.source,
      rules_json: JSON.stringify(b.rules),
      notes_json: JSON.stringify(b.notes),
    },
  };
}

export async function createPolicy(c: Change, b: PolicyBody): Promise<number> {
  const now = new Date(c.clock.at);
  const { region, row } = await columnsOf(c.trx, b);
  ensureMayRegister(c, region, b);
  await requireDocNoFree(c, region.id, region.name, b.docNo, null);
  const at = now.toISOString();
  const { id } = await onDuplicate(() => insertPolicy(c.trx, { ...row, code: null, status: 'current', superseded_by_id: null, demo: 0, created_at: at, updated_at: at }), () => docNoTaken(region.name, b.docNo));
  await c.audit({ action: 'incentivePolicy.create', entityType: 'incentive_policy', entityId: id, after: { ...row, rules_json: undefined, rules: b.rules.length } });
  return id;
}

/** the 409 of a change to a policy that lost to another: who changed it, how and when (its latest audit row) */
const policyMoved = async (c: Change, id: number, doing: 'save' | 'repeal' | 'supersede', version?: number) =>
  conflict(movedWords('该政策', (await recordedChanges(c.trx, 'incentive_policy', id))[0], doing, c.user.id), version === undefined ? undefined : { version });

async function loadForChange(c: Change, id: number, version: number, doing: 'save' | 'repeal' | 'supersede'): Promise<PolicyRow> {
  const p = await findPolicy(c.trx, id);
  if (!p) throw notFound(`激励政策${id}不存在`);
  const region = await findOrg(c.trx, p.region_org_id);
  if (!region) throw notFound(`激励政策${id}的适用地区不存在`);
  const refusal = policyWriteRefusal(c.user, region);
  if (refusal) throw forbidden(refusal);
  if (p.version !== version) throw await policyMoved(c, id, doing, p.version);
  return p;
}

export async function editPolicy(c: Change, id: number, b: PolicyBody & { version: number }): Promise<void> {
  const now = new Date(c.clock.at);
  const before = await loadForChange(c, id, b.version, 'save');
  const replacedBy = before.superseded_by_id === null ? null : ((await findPolicy(c.trx, before.superseded_by_id))?.title ?? null);
  const closed = policyEditRefusal(before, replacedBy);
  if (closed) throw conflict(closed);
  const { region, row } = await columnsOf(c.trx, b);
  ensureMayRegister(c, region, b);
  await requireDocNoFree(c, region.id, region.name, b.docNo, id);
  const saved = await onDuplicate(() => updatePolicy(c.trx, id, b.version, { ...row, updated_at: now.toISOString() }), () => docNoTaken(region.name, b.docNo));
  if (!saved) throw await policyMoved(c, id, 'save');
  await c.audit({
    action: 'incentivePolicy.update',
    entityType: 'incentive_policy',
    entityId: id,
    before: { title: before.title, doc_no: before.doc_no, expires_on: before.expires_on, rules_json: before.rules_json },
    after: { title: row.title, doc_no: row.doc_no, expires_on: row.expires_on, rules_json: row.rules_json },
  });
}

export async function repealPolicy(c: Change, id: number, version: number): Promise<void> {
  const now = new Date(c.clock.at);
  const p = await loadForChange(c, id, version, 'repeal');
  await transition(c, { workflow: POLICY_WORKFLOW, table: 'incentive_policy', key: { id, version }, from: p.status, event: 'repeal', entityId: id, set: { updated_at: now.toISOString() }, onStale: () => policyMoved(c, id, 'repeal') });
}

export async function supersedePolicy(c: Change, id: number, b: { version: number; supersededById: number }): Promise<void> {
  const now = new Date(c.clock.at);
  // both policies read under their locks: the replacing one repealed, replaced or changed meanwhile (or replaced by this
  // very one, at the same moment — two policies each 已被替代 by the other, none current) is judged as it now stands
  await lockPolicies(c.trx, [id, b.supersededById]);
  const p = await loadForChange(c, id, b.version, 'supersede');
  const newer = await findPolicy(c.trx, b.supersededById);
  if (!newer) throw badRequest(`替代政策${b.supersededById}不存在`, [{ field: 'supersededById', message: '请选择已登记的政策' }]);
  const [olderRegion, newerRegion] = await Promise.all([findOrg(c.trx, p.region_org_id), findOrg(c.trx, newer.region_org_id)]);
  const refusal = olderRegion && newerRegion ? supersedeRefusal(supersedeParty(p, olderRegion), supersedeParty(newer, newerRegion)) : null;
  if (refusal) throw badRequest(refusal.message, [{ field: 'supersededById', message: refusal.hint }]);
  await transition(c, {
    workflow: POLICY_WORKFLOW,
    table: 'incentive_policy',
    key: { id, version: b.version },
    from: p.status,
    event: 'supersede',
    entityId: id,
    set: { superseded_by_id: newer.id, updated_at: now.toISOString() },
    onStale: () => policyMoved(c, id, 'supersede'),
  });
}

/** First start: the seed-derived policies (frameworks/policies/*.json), each once (by its file id). */
export async function loadPolicyFiles(db: Kysely<Database>, files: PolicyFile[], demo: boolean): Promise<number> {
  let n = 0;
  for (const f of files) {
    if (await findPolicyByCode(db, f.id)) continue;
    const region = await findOrgByCode(db, f.regionCode);
    if (!region) continue;
    const at = new Date().toISOString();
    await insertPolicy(db, {
      code: f.id,
      title: f.title,
      issuer: f.issuer,
      doc_no: f.docNo,
      level: f.level,
      region_org_id: region.id,
      issued_on: f.issuedOn,
      effective_from: f.effectiveFrom,
      expires_on: f.expiresOn,
      status: f.status,
      superseded_by_id: null,
      // what a reader can look up: the document and its section (the seed file's name stays in the policy file)
      source: `${f.docNo ? `${f.docNo} ` : ''}${f.source.section}`,
      rules_json: JSON.stringify(f.rules),
      notes_json: JSON.stringify(f.notes),
      demo: demo ? 1 : 0,
      created_at: at,
      updated_at: at,
    });
    n++;
  }
  return n;
}
