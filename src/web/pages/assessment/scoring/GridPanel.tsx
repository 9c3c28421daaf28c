/**
 * Loads the scoring grid (the caller's criteria, or for the office all criteria read-only) and shows it. The
 * read-only grid of every criterion comes a page of units at a time (about 8 kB a unit); a department's own
 * grid comes whole, since its submission needs every unit.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Empty, Spin } from 'antd';
import type { ScoringGrid } from '../../../../shared/contracts/scoring';
import { errorMessage, isApiError } from '../../../api/client';
import { getScoringGrid } from '../../../api/scoring';
import ScoreGrid from './ScoreGrid';

const ALL_PAGE_SIZE = 20;

export default function GridPanel({ cycleId, view, reload }: { cycleId: number; view?: 'score' | 'all'; reload: () => void }) {
  const [grid, setGrid] = useState<ScoringGrid | null>(null);
  const [error, setError] = useState<{ message: string; status: number } | null>(null);
  const [page, setPage] = useState(1);
  const load = useCallback(
    () =>
      getScoringGrid(cycleId, view, view === 'all' ? { page, pageSize: ALL_PAGE_SIZE } : undefined).then(
        (g) => {
          setGrid(g);
          setError(null);
        },
        (e) => setError({ message: errorMessage(e), status: isApiError(e) ? e.status : 0 }),
      ),
    [cycleId, view, page],
  );
  useEffect(() => {
    void load();
  }, [load]);
  if (error) return error.status === 403 || error.status === 409 ? <Empty description={error.message} /> : <Alert type="error" showIcon message={error.message} />;
  if (!grid) return <Spin />;
  return (
    <ScoreGrid
      cycleId={cycleId}
      grid={grid}
      onChange={setGrid}
      onPage={setPage}
      reload={() => {
        void load();
        reload();
      }}
    />
  );
}
