/** Rows of the honours roll → the response shapes of src/shared/contracts/honours.ts. */
import type { HonourView } from '../../../shared/contracts/honours';
import { HONOUR_LEVEL_LABELS, honourKind, kindsOfIndicator } from '../../../shared/honours/kinds';
import type { SessionUser } from '../../core/session';
import { honourWriteRefusal } from './honours.policy';
import type { HonourRow, OrgHonourCount, OrgLite } from './honours.queries';
import type { StockCount } from './honours.stock';

const orgOf = (orgs: Map<number, OrgLite>, id: number) => ({ id, name: orgs.get(id)?.name ?? `单位${id}` });

export function presentHonour(r: HonourRow, orgs: Map<number, OrgLite>, me: SessionUser): HonourView {
  const k = honourKind(r.kind);
  return {
    id: r.id,
    kind: r.kind,
    kindName: k?.name ?? r.kind,
    level: k?.level ?? 'national',
    levelLabel: k ? HONOUR_LEVEL_LABELS[k.level] : '',
    planIndicator: k?.planIndicator ?? null,
    awardee: r.awardee,
    year: r.year,
    city: orgOf(orgs, r.city_org_id),
    county: r.county_org_id === null ? null : orgOf(orgs, r.county_org_id),
    sourceDoc: r.source_doc,
    note: r.note,
    demo: r.demo === 1,
    version: r.version,
    abilities: { edit: honourWriteRefusal(me, r.city_org_id) === null },
  };
}

/** One plan indicator on the 规划指标计数 tab: the province's count (the plan's stock count when a plan counts it) and each city's, with the entries counted. */
export function presentIndicatorCount(code: number, stock: StockCount | null, counts: OrgHonourCount[]) {
  const kinds = kindsOfIndicator(code);
  const present = (x: OrgHonourCount) => ({
    org: { id: x.orgId, name: x.orgName },
    count: x.count,
    entries: x.entries.map((e) => ({ id: e.id, awardee: e.awardee, year: e.year, kindName: honourKind(e.kind)?.name ?? e.kind })),
  });
  const province = present(counts.find((x) => x.level === 'province')!);
  return {
    code,
    name: kinds.map((k) => k.name).join('、'),
    kinds: kinds.map((k) => k.code),
    stock: stock && { baseline: stock.baseline, baselineYear: stock.baselineYear, entryCount: stock.entryCount, text: stock.text },
    province: stock ? { ...province, count: stock.value } : province,
    cities: counts.filter((x) => x.level === 'city').map(present),
  };
}
