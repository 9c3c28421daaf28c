import type { OrgUnit } from '../../shared/contracts/orgs';

export interface OrgNode extends OrgUnit {
  children: OrgNode[];
}

/** The flat list from GET /api/orgs (already in display order) as a tree by parentId. */
export function buildOrgTree(items: readonly OrgUnit[]): OrgNode[] {
  const nodes = new Map<number, OrgNode>(items.map((o) => [o.id, { ...o, children: [] }]));
  const roots: OrgNode[] = [];
  for (const o of items) {
    const node = nodes.get(o.id)!;
    const parent = o.parentId === null ? undefined : nodes.get(o.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

export const orgMatches = (o: OrgUnit, term: string): boolean =>
  [o.name, o.shortName ?? '', o.code].some((s) => s.toLowerCase().includes(term.toLowerCase()));

/** The nodes that match `term`, with their ancestors (so the tree still reads top-down). */
export function filterOrgTree(nodes: readonly OrgNode[], term: string): OrgNode[] {
  if (!term) return [...nodes];
  const out: OrgNode[] = [];
  for (const n of nodes) {
    const children = filterOrgTree(n.children, term);
    if (children.length > 0 || orgMatches(n, term)) out.push({ ...n, children });
  }
  return out;
}

export function collectIds(nodes: readonly OrgNode[]): number[] {
  return nodes.flatMap((n) => [n.id, ...collectIds(n.children)]);
}
