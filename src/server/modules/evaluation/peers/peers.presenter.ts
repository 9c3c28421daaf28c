/** Peer tables → the response shapes of src/shared/contracts/evaluation.ts, and the copy a plan ranks against. */
import { isCountUnit } from '../../../../shared/figures';
import { PEER_LEVEL_LABELS, peerTableTitle, type PeerTableSummary, type PeerTableView } from '../../../../shared/contracts/evaluation';
import { PLAN_WORKFLOW } from '../../../../shared/workflow/evaluation';
import type { Org } from '../evaluation.queries';
import type { PeerTableRow, PeerValueRow } from './peers.queries';

export const itemsOfTable = (t: Pick<PeerTableRow, 'items_json'>): string[] => JSON.parse(t.items_json) as string[];

const num = (v: string | null): number | null => (v === null ? null : Number(v));

/** The peers of a plan from a table: per rank criterion the table serves, every unit with a value except the applicant. */
export function peersFromTable(table: PeerTableRow, values: PeerValueRow[], units: Map<number, Org>, applicantOrgId: number): Record<string, { code: string; name: string; value: number }[]> {
  const rows = values
    .filter((v) => v.value !== null && v.org_id !== applicantOrgId && units.has(v.org_id))
    .map((v) => ({ code: units.get(v.org_id)!.code, name: units.get(v.org_id)!.name, value: Number(v.value) }))
    .sort((a, b) => a.code.localeCompare(b.code));
  return Object.fromEntries(itemsOfTable(table).map((key) => [key, rows.map((r) => ({ ...r }))]));
}

export function presentPeerSummary(t: PeerTableRow, values: PeerValueRow[], units: Org[]): PeerTableSummary {
  const unitIds = new Set(units.map((u) => u.id));
  return {
    id: t.id,
    year: t.year,
    level: t.level,
    levelLabel: PEER_LEVEL_LABELS[t.level],
    metric: t.metric,
    items: itemsOfTable(t),
    title: peerTableTitle(t),
    filled: values.filter((v) => v.table_id === t.id && v.value !== null && unitIds.has(v.org_id)).length,
    units: units.length,
    version: t.version,
  };
}

export function presentPeerTable(
  t: PeerTableRow,
  values: PeerValueRow[],
  units: Org[],
  plans: { application_id: number; applicant: string; version_no: number; status: keyof typeof PLAN_WORKFLOW.states }[],
  editable: boolean,
  unit: string,
): PeerTableView {
  const byOrg = new Map(values.map((v) => [v.org_id, v]));
  return {
    ...presentPeerSummary(t, values, units),
    source: t.source,
    values: units.map((u) => ({ orgId: u.id, code: u.code, name: u.name, value: num(byOrg.get(u.id)?.value ?? null), note: byOrg.get(u.id)?.note ?? null })),
    plans: plans.map((p) => ({ applicationId: p.application_id, applicant: p.applicant, versionNo: p.version_no, status: p.status, statusLabel: PLAN_WORKFLOW.states[p.status] })),
    editable,
    unit,
    wholeNumbers: isCountUnit(unit),
  };
}
