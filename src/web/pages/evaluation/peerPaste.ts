/**
 * Pasting a peer table from Excel (同级比较表), as pure functions tested without a browser: a copied block (parsed by
 * the scoring grid's parseClipboard) either names its units in the first column ("长沙市 ⇥ 30 ⇥ 备注") and fills
 * those rows, or is a column of values (with notes beside) filled downward from the row pasted into.
 * Values are counts or amounts: "1,234", "12.5" and blanks ("", "—", "-": not known) are read; anything else is
 * reported with its row, and nothing of the paste is applied.
 */

export interface PeerRow {
  orgId: number;
  name: string;
  value: number | null;
  note: string | null;
}

/** A pasted cell as a value: a number, null for a blank, or undefined when it is not a number. */
export function readValue(text: string): number | null | undefined {
  const t = text.replace(/[\s,，]/g, '');
  if (t === '' || t === '—' || t === '-' || t === '－') return null;
  if (!/^\d+(\.\d+)?$/.test(t)) return undefined;
  return Number(t);
}

/** "湘西土家族苗族自治州" matches "湘西州" and "湘西"; "长沙市" matches "长沙". */
function sameUnit(name: string, text: string): boolean {
  const strip = (s: string) => s.replace(/\s/g, '').replace(/(土家族苗族自治州|自治州|市|州|县|区)$/, '');
  const t = text.trim();
  return t !== '' && (name === t || strip(name) === strip(t));
}

/** Apply a pasted block to the rows: the rows after the paste and the problems (when any, the rows are unchanged). */
export function applyPaste(rows: PeerRow[], start: number, block: string[][]): { rows: PeerRow[]; problems: string[] } {
  const lines = block.filter((line) => line.some((c) => c.trim() !== ''));
  if (!lines.length) return { rows, problems: [] };
  const named = lines.every((line) => line.length >= 2 && readValue(line[0]) === undefined) && lines.some((line) => rows.some((r) => sameUnit(r.name, line[0])));
  const problems: string[] = [];
  const next = rows.map((r) => ({ ...r }));
  lines.forEach((line, i) => {
    const [first, second, third] = line;
    let index: number;
    let valueText: string;
    let note: string | undefined;
    if (named) {
      index = next.findIndex((r) => sameUnit(r.name, first));
      if (index < 0) return problems.push(`第${i + 1}行：本表没有“${first.trim()}”`);
      valueText = second ?? '';
      note = third;
    } else {
      index = start + i;
      if (index >= next.length) return problems.push(`第${i + 1}行：超出本表的${next.length}个单位`);
      valueText = first;
      note = second;
    }
    const value = readValue(valueText);
    if (value === undefined) return problems.push(`第${i + 1}行（${next[index].name}）：“${valueText.trim()}”不是数字`);
    next[index].value = value;
    if (note !== undefined) next[index].note = note.trim() || null;
    return undefined;
  });
  return problems.length ? { rows, problems } : { rows: next, problems };
}
