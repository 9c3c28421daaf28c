/**
 * One upload answers every problem of its file: the problems of cells the file could not give (cellValue: a formula
 * without its result, an error value; same-as-above.ts: 同上 where it may not stand, a merge that may not be) together
 * with what the rows' own checks find (the contract, the scoring rules, the roll's names). A cell is named once — its
 * own problem, not also what its column would say of it read as empty; and a row read through a refused merged range
 * (throughRow) is not checked further: each of its columns reads the range's value, which would only add noise (the
 * range's value read again as a duplicate row, a score read as its reason).
 */
import type { UploadProblem } from '../../../shared/contracts/declarations';

/** whether a problem of the rows' checks is already said by a cell's problem (the same cell, or a row a refused range covers) */
function saidBy(cells: readonly UploadProblem[]): (p: Pick<UploadProblem, 'sheet' | 'row' | 'column'>) => boolean {
  return (p) =>
    p.row !== null &&
    cells.some((c) => c.sheet === p.sheet && c.row !== null && (c.throughRow !== undefined ? p.row! >= c.row && p.row! <= c.throughRow : p.row === c.row && p.column === c.column));
}

/** the cells' problems and the others not said by them, by sheet (in order of first mention) and row */
export function withCellProblems(cells: readonly UploadProblem[], others: readonly UploadProblem[]): UploadProblem[] {
  const said = saidBy(cells);
  const all = [...cells, ...others.filter((p) => !said(p))];
  const sheets = [...new Set(all.map((p) => p.sheet))];
  return all.sort((x, y) => sheets.indexOf(x.sheet) - sheets.indexOf(y.sheet) || (x.row ?? 0) - (y.row ?? 0));
}
