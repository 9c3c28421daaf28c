/**
 * The keyboard and the clipboard of the scoring grid, as pure functions (tested without a browser):
 * where a key moves the active cell, how text copied from Excel splits into cells, and which cells a paste fills.
 * Rows are the assessed units, columns the caller's editable criteria.
 */

export interface Pos {
  row: number;
  col: number;
}

export type MoveKey = 'Enter' | 'Tab' | 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight';
export const MOVE_KEYS: readonly string[] = ['Enter', 'Tab', 'ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight'];

/**
 * The cell a key moves to, as in Excel: Enter goes down the column (the same key point for the next city;
 * Shift+Enter up), Tab goes right (Shift+Tab left) and wraps to the next (previous) row; arrows move and stop at
 * the edges. Enter at the bottom of a column goes to the top of the next column. Null: nowhere to go.
 */
export function moveFrom(pos: Pos, key: MoveKey, shift: boolean, rows: number, cols: number): Pos | null {
  if (rows <= 0 || cols <= 0) return null;
  const { row, col } = pos;
  switch (key) {
    case 'Enter':
      if (!shift) return row + 1 < rows ? { row: row + 1, col } : col + 1 < cols ? { row: 0, col: col + 1 } : null;
      return row > 0 ? { row: row - 1, col } : col > 0 ? { row: rows - 1, col: col - 1 } : null;
    case 'Tab':
      if (!shift) return col + 1 < cols ? { row, col: col + 1 } : row + 1 < rows ? { row: row + 1, col: 0 } : null;
      return col > 0 ? { row, col: col - 1 } : row > 0 ? { row: row - 1, col: cols - 1 } : null;
    case 'ArrowDown':
      return row + 1 < rows ? { row: row + 1, col } : null;
    case 'ArrowUp':
      return row > 0 ? { row: row - 1, col } : null;
    case 'ArrowRight':
      return col + 1 < cols ? { row, col: col + 1 } : null;
    case 'ArrowLeft':
      return col > 0 ? { row, col: col - 1 } : null;
  }
}

/**
 * Text from the clipboard as rows of cells: Excel and WPS copy a block as tab-separated cells and CRLF/LF rows
 * with a trailing line break; a cell holding a line break or a tab comes quoted ("a""b" for a"b).
 */
export function parseClipboard(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  const s = text.replace(/\r\n?/g, '\n');
  let atCellStart = true;
  while (i < s.length) {
    const ch = s[i];
    if (atCellStart && ch === '"') {
      // a quoted cell: up to the closing quote not followed by another
      let j = i + 1;
      let value = '';
      let closed = false;
      while (j < s.length) {
        if (s[j] === '"') {
          if (s[j + 1] === '"') {
            value += '"';
            j += 2;
            continue;
          }
          closed = true;
          j++;
          break;
        }
        value += s[j++];
      }
      if (closed && (j === s.length || s[j] === '\t' || s[j] === '\n')) {
        cell = value;
        i = j;
        atCellStart = false;
        continue;
      }
      // not a well-formed quoted cell: take the quote literally
    }
    atCellStart = false;
    if (ch === '\t') {
      row.push(cell);
      cell = '';
      atCellStart = true;
    } else if (ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      atCellStart = true;
    } else cell += ch;
    i++;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** The cells a pasted block fills from `start`, clipped to the grid (what falls outside is reported, not pasted). */
export function pasteTargets(start: Pos, block: string[][], rows: number, cols: number): { targets: { pos: Pos; text: string }[]; clipped: number } {
  const targets: { pos: Pos; text: string }[] = [];
  let clipped = 0;
  block.forEach((line, r) =>
    line.forEach((text, c) => {
      const pos = { row: start.row + r, col: start.col + c };
      if (pos.row < rows && pos.col < cols) targets.push({ pos, text });
      else clipped++;
    }),
  );
  return { targets, clipped };
}

/** One pasted score with the 扣分理由 copied beside it ('' when the row had none). */
export interface ScoreWithReason {
  score: string;
  reason: string;
}

/**
 * A block copied from Excel as two columns, score then 扣分理由, read as one column of scores with their reasons;
 * null when the block is not such a pair (then it fills cells as it is). A two-column block is read as
 * (score, reason) when its second column holds a text that the next column of the grid would refuse as an answer
 * (`nextTakes`), or when there is no next column to fill: two columns of scores still fill two criteria.
 */
export function scoreReasonBlock(block: string[][], nextTakes: ((text: string) => boolean) | null): ScoreWithReason[] | null {
  if (!block.length || block.some((line) => line.length > 2) || !block.some((line) => line.length === 2)) return null;
  const seconds = block.map((line) => (line[1] ?? '').trim()).filter((t) => t !== '');
  if (!seconds.length) return null;
  if (nextTakes && seconds.every((t) => nextTakes(t))) return null;
  return block.map((line) => ({ score: line[0] ?? '', reason: (line[1] ?? '').trim() }));
}
