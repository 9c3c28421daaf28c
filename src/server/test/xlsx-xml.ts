/** Test helpers that read an .xlsx as Excel does: the sheet XML itself, not exceljs's model of it. */
import { checkZip } from '../io/zip-guard';

/** the text of every sheet part (xl/worksheets/sheetN.xml), in order */
export async function sheetXml(buf: Buffer): Promise<string[]> {
  const parts = new Map<string, Buffer[]>();
  await checkZip(buf, { maxEntries: 1000, maxEntryBytes: 64 << 20, maxTotalBytes: 256 << 20, nested: 'count', maxNested: 100 }, (e) => {
    if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(e.name)) return undefined;
    const chunks: Buffer[] = [];
    parts.set(e.name, chunks);
    return (c) => void chunks.push(c);
  });
  return [...parts.entries()].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })).map(([, c]) => Buffer.concat(c).toString('utf8'));
}

const cellRc = (a: string) => {
  const m = /^([A-Z]+)(\d+)$/.exec(a)!;
  return { col: [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0), row: Number(m[2]) };
};

/** Pairs of data-validation ranges of a sheet that share a cell (Excel refuses such a file and offers to repair it). */
export function overlappingValidations(xml: string): [string, string][] {
  const boxes = [...xml.matchAll(/<dataValidation\b[^>]*\bsqref="([^"]+)"/g)].flatMap((m) =>
    m[1].split(' ').map((ref) => {
      const [a, b = a] = ref.split(':');
      const [p, q] = [cellRc(a), cellRc(b)];
      return { ref, r1: p.row, r2: q.row, c1: p.col, c2: q.col };
    }),
  );
  const out: [string, string][] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const [x, y] = [boxes[i], boxes[j]];
      if (x.r1 <= y.r2 && y.r1 <= x.r2 && x.c1 <= y.c2 && y.c1 <= x.c2) out.push([x.ref, y.ref]);
    }
  return out;
}
