/**
 * A zip guard that does not believe what the zip says about itself (issue 8 §3).
 *
 * A zip's headers declare each entry's uncompressed size; a bomb simply lies (a few MB that inflate to
 * gigabytes). So the guard reads the central directory itself (no jszip, which inflates whole entries in
 * memory and only compares the sizes afterwards), then inflates every entry with node:zlib's streaming
 * inflateRaw in 64 KB pieces, COUNTING the bytes that actually come out, and stops at the per-entry and
 * total limits. Nothing is kept: callers may look at each piece as it passes (e.g. the XML scanner below),
 * so memory stays flat whatever the file claims.
 *
 * Also refused: more entries than allowed, encrypted or unknown compression methods, ZIP64, entries that
 * overlap (the "overlapping kernel" bomb) or lie outside the file, and — by policy — archives inside the
 * archive: `nested: 'refuse'` refuses them, `nested: 'count'` counts them (at most maxNested, all levels
 * together). With `openNested`, a zip inside (a zip in the zip, a Word file in the zip, an Excel chart in the Word
 * file) is then checked as the outer file is, within the same byte budgets, and the visitor sees its entries as
 * “outer/inner” — so a program is not hidden by packing it one level deeper. Other archive kinds (7z, rar, gz)
 * cannot be opened here and are only counted.
 */
import zlib from 'node:zlib';
import { SIGNATURES, startsWith } from './file-signatures';

export interface ZipLimits {
  maxEntries: number;
  /** the most one entry may inflate to (actual bytes) */
  maxEntryBytes: number;
  /** the most all entries together may inflate to (actual bytes) */
  maxTotalBytes: number;
  nested: 'refuse' | 'count';
  /** with nested 'count': how many archives inside the archive are tolerated */
  maxNested?: number;
  /**
   * with nested 'count': open the zips inside, down to `depth` levels below the outer file (a zip at a deeper level
   * is refused), each at most `maxBytes` (it is held in memory while it is checked)
   */
  openNested?: { depth: number; maxBytes: number };
}

export type ZipProblemKind = 'not_zip' | 'corrupt' | 'unsupported' | 'too_many_entries' | 'too_large' | 'nested' | 'content';

/**
 * A refused zip. The message is a Chinese phrase that reads after “文件” (e.g. “解压后超过上限 50 MB…”); for
 * 'corrupt', 'not_zip' and 'too_large' the caller adds what the person should do (it depends on the file),
 * the other kinds already say it.
 */
export class ZipGuardError extends Error {
  constructor(
    readonly kind: ZipProblemKind,
    message: string,
  ) {
    super(message);
  }
}

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated */
  method: number;
  compressedSize: number;
  /** what the zip claims; never trusted (a bomb declares a few bytes) */
  declaredSize: number;
  /** where the entry's compressed bytes start */
  dataOffset: number;
  /** where the entry's local header starts */
  headerOffset: number;
}

export interface ZipReport {
  entries: ZipEntry[];
  /** bytes actually inflated, all entries together */
  totalBytes: number;
  /** names of the archives found inside (counted, not expanded) */
  nested: string[];
}

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
const EOCD = 0x06054b50;
const CEN = 0x02014b50;
const LOC = 0x04034b50;

/** Read the central directory (at the end of the file) into entries, checking that every entry lies inside the file. */
const UNSAFE_NAME = /(^|[\\/])\.\.([\\/]|$)|^[\\/]|^[A-Za-z]:/;

export function listZip(buf: Buffer, maxEntries: number): ZipEntry[] {
  if (buf.length < 22 || buf.readUInt32LE(0) !== LOC) throw new ZipGuardError('not_zip', '不是 ZIP 格式（开头不是 ZIP 文件头）');
  // The end-of-central-directory record: 22 bytes plus a comment of at most 65535 bytes, searched from the end.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipGuardError('corrupt', '已损坏或不完整（找不到 ZIP 目录）');
  const disk = buf.readUInt16LE(eocd + 4);
  const cdDisk = buf.readUInt16LE(eocd + 6);
  const declaredCount = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (declaredCount === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    throw new ZipGuardError('unsupported', '使用了 ZIP64 格式，平台不接受；请用常规方式重新压缩或保存后上传');
  }
  if (disk !== 0 || cdDisk !== 0) throw new ZipGuardError('unsupported', '是分卷压缩包，平台不接受；请合并为一个压缩包后上传');
  if (cdOffset + cdSize !== eocd) throw new ZipGuardError('corrupt', '结构异常（ZIP 目录的位置与声明不符），文件可能已损坏或被篡改');
  if (declaredCount > maxEntries) throw new ZipGuardError('too_many_entries', `内含${declaredCount}个文件，超过上限${maxEntries}个`);

  const entries: ZipEntry[] = [];
  let p = cdOffset;
  while (p < eocd) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== CEN) throw new ZipGuardError('corrupt', '结构异常（ZIP 目录已损坏），文件可能已损坏或被篡改');
    if (entries.length >= maxEntries) throw new ZipGuardError('too_many_entries', `内含的文件超过上限${maxEntries}个`);
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const declaredSize = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const headerOffset = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString(flags & 0x800 ? 'utf8' : 'latin1');
    p += 46 + nameLen + extraLen + commentLen;
    if (flags & 0x1) throw new ZipGuardError('unsupported', `内含加密的文件「${name}」，平台无法检查；请去掉密码后重新上传`);
    // "zip slip": a name that climbs out of the folder it is unpacked into, or starts at the root, writes elsewhere
    // on the machine of whoever unpacks it
    if (UNSAFE_NAME.test(name)) throw new ZipGuardError('content', `内含路径不安全的文件名「${name.slice(0, 80)}」（含“..”或以“/”、盘符开头），平台不接受；请重新打包后上传`);
    if (method !== 0 && method !== 8) throw new ZipGuardError('unsupported', `内含以不支持的方式（方法${method}）压缩的文件「${name}」；请用常规 ZIP 压缩（Deflate）重新保存后上传`);
    if (compressedSize === 0xffffffff || declaredSize === 0xffffffff || headerOffset === 0xffffffff) {
      throw new ZipGuardError('unsupported', '使用了 ZIP64 格式，平台不接受；请用常规方式重新压缩或保存后上传');
    }
    if (headerOffset + 30 > cdOffset || buf.readUInt32LE(headerOffset) !== LOC) {
      throw new ZipGuardError('corrupt', `结构异常（「${name}」的文件头不在声明的位置），文件可能已损坏或被篡改`);
    }
    const dataOffset = headerOffset + 30 + buf.readUInt16LE(headerOffset + 26) + buf.readUInt16LE(headerOffset + 28);
    if (dataOffset + compressedSize > cdOffset) throw new ZipGuardError('corrupt', `结构异常（「${name}」超出了文件范围），文件可能已损坏或被篡改`);
    entries.push({ name, method, compressedSize, declaredSize, dataOffset, headerOffset });
  }
  if (p !== eocd) throw new ZipGuardError('corrupt', '结构异常（ZIP 目录已损坏），文件可能已损坏或被篡改');
  // Entries that share bytes inflate the same data many times over: the "overlapping" zip bomb.
  const spans = [...entries].sort((a, b) => a.headerOffset - b.headerOffset);
  for (let i = 1; i < spans.length; i++) {
    const prev = spans[i - 1];
    if (spans[i].headerOffset < prev.dataOffset + prev.compressedSize) {
      throw new ZipGuardError('corrupt', `结构异常（「${prev.name}」与「${spans[i].name}」相互重叠），文件可能是恶意构造的压缩包`);
    }
  }
  return entries;
}

const ARCHIVE_NAME = /\.(zip|jar|apk|xlsx|xlsm|xltx|xlsb|docx|docm|dotx|pptx|pptm|odt|ods|odp|ofd|7z|rar|gz|tgz|bz2|xz|zst|tar|cab|iso)$/i;
const ARCHIVE_MAGIC: Uint8Array[] = [
  SIGNATURES.zip, // zip and everything zip-based
  SIGNATURES.emptyZip,
  Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]), // 7z
  Buffer.from([0x52, 0x61, 0x72, 0x21]), // Rar!
  Buffer.from([0x1f, 0x8b]), // gzip
  Buffer.from([0x42, 0x5a, 0x68]), // bzip2
  Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]), // xz
  Buffer.from([0x28, 0xb5, 0x2f, 0xfd]), // zstd
];
const isArchiveStart = (b: Buffer) => ARCHIVE_MAGIC.some((sig) => startsWith(b, sig));

class Over extends Error {}

/** Inflate one entry piece by piece, counting; never more than `budget` bytes come out. */
function inflateCounted(data: Buffer, method: number, budget: number, onChunk: (chunk: Buffer) => void): Promise<number> {
  if (method === 0) {
    if (data.length > budget) return Promise.reject(new Over());
    for (let i = 0; i < data.length; i += 65536) onChunk(data.subarray(i, i + 65536));
    return Promise.resolve(data.length);
  }
  return new Promise((resolve, reject) => {
    const z = zlib.createInflateRaw({ chunkSize: 64 * 1024 });
    let out = 0;
    let settled = false;
    const stop = (e: unknown) => {
      if (settled) return;
      settled = true;
      z.destroy();
      reject(e);
    };
    z.on('data', (c: Buffer) => {
      if (settled) return;
      out += c.length;
      if (out > budget) return stop(new Over());
      try {
        onChunk(c);
      } catch (e) {
        stop(e);
      }
    });
    z.on('error', () => stop(new ZipGuardError('corrupt', '已损坏（压缩数据无法解压），请重新保存后上传')));
    z.on('end', () => {
      if (settled) return;
      settled = true;
      resolve(out);
    });
    z.end(data);
  });
}

/**
 * List, then inflate every entry counting the real output. `visit(entry)` may return a function that sees each
 * inflated piece of that entry (and may throw a ZipGuardError to stop everything).
 */
export async function checkZip(buf: Buffer, limits: ZipLimits, visit?: (entry: ZipEntry) => ((chunk: Buffer) => void) | undefined): Promise<ZipReport> {
  const entries = listZip(buf, limits.maxEntries);
  return inflateEntries(buf, entries, limits, visit);
}

/** a zip's own start (a local file header), as opposed to the other archive kinds isArchiveStart knows */
const isZipStart = (b: Buffer) => b.length >= 4 && b.readUInt32LE(0) === LOC;

/** a refusal from inside an opened inner zip, already saying where (the levels above leave it as it is) */
class PlacedZipError extends ZipGuardError {}

/** the refusals of an inner zip that say nothing of where they are: told as “中的「a.zip」…” after “文件” */
const PLACELESS: ReadonlySet<ZipProblemKind> = new Set(['not_zip', 'corrupt', 'unsupported', 'too_many_entries']);

/**
 * `level` and `nested` belong to the recursion into opened inner zips (see ZipLimits.openNested): how deep this
 * archive lies, and the archives found so far at every level.
 */
export async function inflateEntries(
  buf: Buffer,
  entries: ZipEntry[],
  limits: ZipLimits,
  visit?: (entry: ZipEntry) => ((chunk: Buffer) => void) | undefined,
  level = 0,
  nested: string[] = [],
): Promise<ZipReport> {
  let total = 0;
  for (const e of entries) {
    if (e.name.endsWith('/') && e.compressedSize === 0) continue; // a folder
    const budget = Math.min(limits.maxEntryBytes, limits.maxTotalBytes - total);
    const sink = visit?.(e);
    let first = true;
    let archive = ARCHIVE_NAME.test(e.name);
    /** the inner zip's bytes, when it is to be opened */
    let inner: Buffer[] | null = null;
    let innerBytes = 0;
    const onChunk = (c: Buffer) => {
      if (first) {
        first = false;
        archive ||= isArchiveStart(c);
        if (archive && limits.nested === 'refuse') {
          throw new ZipGuardError('nested', `内嵌了压缩文件「${e.name}」，平台不接受压缩包里再套压缩包；请删除其中嵌入的文件或对象后重新保存`);
        }
        const open = limits.openNested;
        if (archive && open && isZipStart(c)) {
          if (level >= open.depth) {
            throw new ZipGuardError('nested', `中的「${e.name}」是第${level + 2}层压缩包（压缩包里套压缩包超过${open.depth + 1}层），平台无法检查其中的文件；请解压后分别上传`);
          }
          inner = [];
        }
      }
      if (inner) {
        innerBytes += c.length;
        if (innerBytes > limits.openNested!.maxBytes) {
          throw new ZipGuardError('too_large', `中的压缩包「${e.name}」超过${mb(limits.openNested!.maxBytes)}，平台无法检查其中的文件；请解压后分别上传`);
        }
        inner.push(c);
      }
      // an archive is counted below (and opened, when it is a zip and openNested says so), never shown to the visitor
      if (!archive) sink?.(c);
    };
    let n: number;
    try {
      n = await inflateCounted(buf.subarray(e.dataOffset, e.dataOffset + e.compressedSize), e.method, budget, onChunk);
    } catch (err) {
      if (!(err instanceof Over)) throw err;
      if (budget < limits.maxEntryBytes) throw new ZipGuardError('too_large', `解压后超过上限${mb(limits.maxTotalBytes)}（按实际解压出的内容计算）`);
      throw new ZipGuardError('too_large', `中的「${e.name}」解压后超过上限${mb(limits.maxEntryBytes)}（按实际解压出的内容计算）`);
    }
    total += n;
    if (archive) {
      nested.push(e.name);
      if (nested.length > (limits.maxNested ?? 0)) throw new ZipGuardError('nested', `内嵌的压缩文件超过${limits.maxNested ?? 0}个，平台不接受多层压缩包；请解压后分别上传`);
    }
    if (inner) {
      // checked as the outer file is, its entries named under the inner zip's own name, within what is left of the budget
      const named = (x: ZipEntry): ZipEntry => ({ ...x, name: `${e.name}/${x.name}` });
      try {
        const bytes = Buffer.concat(inner);
        const report = await inflateEntries(
          bytes,
          listZip(bytes, limits.maxEntries).map(named),
          { ...limits, maxTotalBytes: limits.maxTotalBytes - total },
          visit,
          level + 1,
          nested,
        );
        total += report.totalBytes;
      } catch (err) {
        if (err instanceof ZipGuardError && !(err instanceof PlacedZipError) && PLACELESS.has(err.kind)) throw new PlacedZipError(err.kind, `中的「${e.name}」${err.message}`);
        throw err;
      }
    }
  }
  return { entries, totalBytes: total, nested };
}

// ───────────────────────── XML inside the zip ─────────────────────────

export interface XmlLimits {
  /** deepest element nesting allowed */
  maxDepth: number;
}

/**
 * A streaming scan of XML bytes for the things that make a parser blow up before any content is read: nesting
 * deeper than maxDepth, and DOCTYPE (entity expansion). It tells `onOpen`/`onClose` about element names (local
 * part, without a namespace prefix) so callers can count rows or shared strings. Not a validating parser: the
 * workbook parser still reads the file afterwards; this only guarantees it receives nothing pathological.
 */
export class XmlScanner {
  private depth = 0;
  private state: 'text' | 'lt' | 'open' | 'attrs' | 'close' | 'pi' | 'bang' | 'comment' | 'cdata' = 'text';
  private name = '';
  private quote = 0;
  private prev = 0;
  private prev2 = 0;
  private bang = '';
  /** the attributes of the element being opened, when its name is in `attributesOf` (at most 256 characters) */
  private attrs: string | null = null;

  /** `attributesOf`: the (local) element names whose attribute text `onOpen` is given, e.g. 'row' for its r="7" */
  constructor(
    private readonly entry: string,
    private readonly limits: XmlLimits,
    private readonly onOpen?: (name: string, attributes: string) => void,
    private readonly onClose?: (name: string) => void,
    private readonly attributesOf?: ReadonlySet<string>,
  ) {}

  private opened(selfClosing: boolean): void {
    const local = this.name.slice(this.name.indexOf(':') + 1);
    this.onOpen?.(local, this.attrs ?? '');
    this.attrs = null;
    if (selfClosing) {
      this.onClose?.(local);
      return;
    }
    if (++this.depth > this.limits.maxDepth) {
      throw new ZipGuardError('content', `中的「${this.entry}」嵌套层级超过${this.limits.maxDepth}层，结构异常，无法解析`);
    }
  }

  write(chunk: Buffer): void {
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      switch (this.state) {
        case 'text':
          if (c === 0x3c) this.state = 'lt';
          break;
        case 'lt':
          if (c === 0x2f) {
            this.state = 'close';
            this.name = '';
          } else if (c === 0x3f) this.state = 'pi';
          else if (c === 0x21) {
            this.state = 'bang';
            this.bang = '';
          } else {
            this.state = 'open';
            this.name = String.fromCharCode(c);
          }
          break;
        case 'open':
          if (c === 0x3e) {
            this.state = 'text';
            this.opened(false);
          } else if (c === 0x2f || c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) {
            this.state = 'attrs';
            this.quote = 0;
            if (c === 0x2f) this.prev = c;
            this.attrs = this.attributesOf?.has(this.name.slice(this.name.indexOf(':') + 1)) ? '' : null;
          } else if (this.name.length < 64) this.name += String.fromCharCode(c);
          break;
        case 'attrs':
          if (this.attrs !== null && this.attrs.length < 256 && c !== 0x3e) this.attrs += String.fromCharCode(c);
          if (this.quote) {
            if (c === this.quote) this.quote = 0;
          } else if (c === 0x22 || c === 0x27) this.quote = c;
          else if (c === 0x3e) {
            this.state = 'text';
            this.opened(this.prev === 0x2f);
          }
          break;
        case 'close':
          if (c === 0x3e) {
            this.state = 'text';
            this.depth--;
            const n = this.name.trim();
            this.onClose?.(n.slice(n.indexOf(':') + 1));
          } else if (this.name.length < 64) this.name += String.fromCharCode(c);
          break;
        case 'pi':
          if (c === 0x3e && this.prev === 0x3f) this.state = 'text';
          break;
        case 'bang':
          this.bang += String.fromCharCode(c);
          if (this.bang === '--') this.state = 'comment';
          else if (this.bang === '[CDATA[') this.state = 'cdata';
          else if (!'--'.startsWith(this.bang) && !'[CDATA['.startsWith(this.bang)) {
            throw new ZipGuardError('content', `中的「${this.entry}」含有 DOCTYPE 或实体声明，平台不接受；请用 Excel/WPS 重新保存后上传`);
          }
          break;
        case 'comment':
          if (c === 0x3e && this.prev === 0x2d && this.prev2 === 0x2d) this.state = 'text';
          break;
        case 'cdata':
          if (c === 0x3e && this.prev === 0x5d && this.prev2 === 0x5d) this.state = 'text';
          break;
      }
      this.prev2 = this.prev;
      this.prev = c;
    }
  }
}
