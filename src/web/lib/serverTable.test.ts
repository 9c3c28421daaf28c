/** A table change (page, column filter, sorter) becomes the list's query; a new filter or order goes back to page 1. */
import { describe, expect, it } from 'vitest';
import { nextQuery, queryOf, sortOrderOf, type ListQuery } from './serverTable';

type Change = Parameters<typeof nextQuery>[1];
const change = (current: number, pageSize: number, status: string[] | null, sorter: { columnKey?: string; order?: 'ascend' | 'descend' | null }): Change =>
  [{ current, pageSize }, { status }, sorter, { action: 'paginate', currentDataSource: [] }] as unknown as Change;
const SORTS = { departmentName: 'unit' };

describe('server table query', () => {
  const start: ListQuery = { page: 1, pageSize: 20 };

  it('turns to a page, keeping the filter and order', () => {
    const q = { ...start, status: 'submitted', sort: 'unit' };
    expect(nextQuery(q, change(3, 20, ['submitted'], { columnKey: 'departmentName', order: 'ascend' }), 'status', SORTS)).toEqual({ ...q, page: 3 });
  });

  it('filters on one or several states and sorts either way, from page 1', () => {
    expect(nextQuery({ ...start, page: 4 }, change(4, 20, ['submitted', 'returned'], {}), 'status', SORTS)).toEqual({ page: 1, pageSize: 20, status: 'submitted,returned', sort: undefined });
    expect(nextQuery({ ...start, page: 2 }, change(2, 50, null, { columnKey: 'departmentName', order: 'descend' }), 'status', SORTS)).toEqual({ page: 1, pageSize: 50, status: undefined, sort: '-unit' });
  });

  it('drops the order when the sorter is cleared or is on a column the server does not sort', () => {
    expect(nextQuery({ ...start, sort: 'unit' }, change(1, 20, null, { columnKey: 'departmentName', order: null }), 'status', SORTS).sort).toBeUndefined();
    expect(nextQuery(start, change(1, 20, null, { columnKey: 'submittedAt', order: 'ascend' }), 'status', SORTS).sort).toBeUndefined();
  });

  it('shows the order on the column and leaves absent parts out of the request', () => {
    expect(sortOrderOf({ ...start, sort: '-year' }, 'year')).toBe('descend');
    expect(sortOrderOf({ ...start, sort: 'year' }, 'year')).toBe('ascend');
    expect(sortOrderOf(start, 'year')).toBeNull();
    expect(queryOf({ ...start, status: undefined, sort: '-year' })).toEqual({ page: 1, pageSize: 20, sort: '-year' });
  });
});
