/**
 * Test helpers: hostile zips built in memory (no binaries in the repository). rawZip writes a zip byte by byte
 * so that it can lie — declared sizes, overlapping entries, flags — which no zip library will do for us.
 */
import zlib from 'node:zlib';

export interface RawEntry {
  name: string;
  /** the entry's bytes as stored: compressed already when method is 8 */
  data: Buffer;
  method?: 0 | 8;
  /** the uncompressed size written in the headers (the lie); defaults to data.length */
  declaredSize?: number;
  flags?: number;
  /** write the central directory entry pointing at another entry's local header (overlap) */
  headerOf?: number;
}

export function rawZip(entries: RawEntry[]): Buffer {
  const parts: Buffer[] = [];
  const cd: Buffer[] = [];
  const offsets: number[] = [];
  let off = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const method = e.method ?? 0;
    const declared = e.declaredSize ?? e.data.length;
    const flags = 0x800 | (e.flags ?? 0);
    if (e.headerOf === undefined) {
      const lh = Buffer.alloc(30);
      lh.writeUInt32LE(0x04034b50, 0);
      lh.writeUInt16LE(20, 4);
      lh.writeUInt16LE(flags, 6);
      lh.writeUInt16LE(method, 8);
      lh.writeUInt32LE(e.data.length, 18);
      lh.writeUInt32LE(declared, 22);
      lh.writeUInt16LE(name.length, 26);
      offsets.push(off);
      parts.push(lh, name, e.data);
      off += 30 + name.length + e.data.length;
    } else offsets.push(offsets[e.headerOf]);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(flags, 8);
    ch.writeUInt16LE(method, 10);
    ch.writeUInt32LE(e.data.length, 20);
    ch.writeUInt32LE(declared, 24);
    ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE(offsets[offsets.length - 1], 42);
    cd.push(ch, name);
  }
  const cdBuf = Buffer.concat(cd);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdBuf.length, 12);
  end.writeUInt32LE(off, 16);
  return Buffer.concat([...parts, cdBuf, end]);
}

/** A raw deflate stream of `mb` megabytes of zeros, about 1 KB per MB, built without ever holding the zeros. */
export function deflatedZeros(mb: number): Buffer {
  const block = zlib.deflateRawSync(Buffer.alloc(1 << 20), { level: 9, finishFlush: zlib.constants.Z_SYNC_FLUSH });
  return Buffer.concat([...Array<Buffer>(mb).fill(block), Buffer.from([0x03, 0x00])]);
}

export const deflate = (s: string | Buffer) => zlib.deflateRawSync(typeof s === 'string' ? Buffer.from(s) : s);

/** The smallest parts an .xlsx needs for the guard to look further, plus the given ones. */
export function xlsxWith(extra: RawEntry[]): Buffer {
  return rawZip([
    { name: '[Content_Types].xml', data: deflate('<Types/>'), method: 8, declaredSize: 8 },
    { name: 'xl/workbook.xml', data: deflate('<workbook/>'), method: 8, declaredSize: 11 },
    ...extra,
  ]);
}
