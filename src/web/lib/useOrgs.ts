import { useCallback, useEffect, useMemo, useState } from 'react';
import type { OrgUnit } from '../../shared/contracts/orgs';
import { errorMessage } from '../api/client';
import { listOrgs } from '../api/orgs';
import { buildOrgTree, type OrgNode } from './orgTree';

export interface Orgs {
  items: OrgUnit[];
  tree: OrgNode[];
  byId: Map<number, OrgUnit>;
  loading: boolean;
  error: string | null;
  reload(): Promise<void>;
}

/** The org units (GET /api/orgs), flat and as a tree. */
export function useOrgs(): Orgs {
  const [items, setItems] = useState<OrgUnit[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    setLoading(true);
    try {
      setItems(await listOrgs());
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  const tree = useMemo(() => buildOrgTree(items), [items]);
  const byId = useMemo(() => new Map(items.map((o) => [o.id, o])), [items]);
  return { items, tree, byId, loading, error, reload };
}
