/**
 * A table paged, filtered and sorted by the server (GET /api/cycles, a cycle's declarations): the query the list
 * sends, and antd Table's onChange (page, column filters, sorter) turned into that query.
 */
import type { TableProps } from 'antd';

export interface ListQuery {
  page: number;
  pageSize: number;
  /** the states shown, comma-separated; all when absent */
  status?: string;
  /** the sort key ("year", "-year" for descending); the list's own order when absent */
  sort?: string;
}

type OnChange<T> = NonNullable<TableProps<T>['onChange']>;

/**
 * The next query from a table change. `statusColumn` is the key of the column whose filter holds the states;
 * `sorts` maps a sortable column's key to the server's sort key.
 */
export function nextQuery<T>(
  prev: ListQuery,
  [pagination, filters, sorter]: Parameters<OnChange<T>>,
  statusColumn: string,
  sorts: Record<string, string>,
): ListQuery {
  const states = (filters[statusColumn] ?? []).map(String);
  const one = Array.isArray(sorter) ? sorter[0] : sorter;
  const key = sorts[String(one?.columnKey ?? one?.field ?? '')];
  const sort = key && one?.order ? (one.order === 'descend' ? `-${key}` : key) : undefined;
  const status = states.length ? states.join(',') : undefined;
  // a new filter or order starts again from the first page
  const same = status === prev.status && sort === prev.sort;
  return { page: same ? (pagination.current ?? 1) : 1, pageSize: pagination.pageSize ?? prev.pageSize, status, sort };
}

/** The column's sort order as the table shows it, from the query's sort key. */
export const sortOrderOf = (q: ListQuery, key: string): 'ascend' | 'descend' | null =>
  q.sort === key ? 'ascend' : q.sort === `-${key}` ? 'descend' : null;

/** The query without the absent parts (for the API client). */
export const queryOf = (q: ListQuery): Record<string, string | number> =>
  Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)) as Record<string, string | number>;
