/**
 * Whole-file structure checks for the file types evidence accepts (issue 8 §3): the first bytes alone prove
 * little — `%PDF-` followed by an HTML page is a "polyglot" a browser may run as a web page. Each check walks
 * as much of the file's structure as is cheap and returns null when the file is what it says, or a Chinese
 * reason (the part in brackets of “与 PDF 格式不符（…）”) when it is not.
 *
 * Zip-based types (docx, xlsx, ofd, zip) are checked by the zip guard (inflating everything, counting real
 * bytes) and must contain their main part; the guard's own refusals are thrown as ZipGuardError.
 */
import { checkZip, type ZipLimits } from './zip-guard';

/** Evidence zips are stored, not opened by the server, but must still be honest zips of sane size. */
export const EVIDENCE_ZIP_LIMITS: ZipLimits = {
  maxEntries: 5000,
  maxEntryBytes: 200 * 1024 * 1024,
  maxTotalBytes: 200 * 1024 * 1024,
  // a Word file with an embedded Excel chart holds an .xlsx: counted (at most 100), never expanded
  nested: 'count',
  maxNested: 100,
};

const HTML_MARKERS = ['<html', '<script', '<body', '<iframe', '<svg', '<!doctype html', '<head', '<meta', '<object', '<embed'];

/** Markup a browser would sniff as a web page, in the first KB of the file. */
export function htmlInHead(buf: Buffer): string | null {
  const head = buf.subarray(0, 1024).toString('latin1').toLowerCase();
  const found = HTML_MARKERS.find((m) => head.includes(m));
  return found ? `文件开头含有网页代码“${found}”` : null;
}

export function pdfStructure(buf: Buffer): string | null {
  if (buf.subarray(0, 5).toString('latin1') !== '%PDF-') return '文件开头不是 PDF 文件的标识';
  const html = htmlInHead(buf);
  if (html) return html;
  if (!buf.subarray(Math.max(0, buf.length - 1024)).toString('latin1').includes('%%EOF')) return '文件末尾缺少 PDF 的结束标记，文件不完整或不是真正的 PDF';
  return null;
}

const PNG_SIG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Walk the chunks from the signature to IEND, which must end the file. */
export function pngStructure(buf: Buffer): string | null {
  if (!buf.subarray(0, 8).equals(PNG_SIG)) return '文件开头不是 PNG 文件头';
  let pos = 8;
  let first = true;
  while (pos + 12 <= buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.subarray(pos + 4, pos + 8).toString('latin1');
    if (!/^[A-Za-z]{4}$/.test(type) || len > 0x7fffffff) return `第 ${pos} 字节处的 PNG 图片数据无效`;
    if (first && (type !== 'IHDR' || len !== 13)) return 'PNG 图片开头缺少图像信息';
    first = false;
    const end = pos + 12 + len;
    if (end > buf.length) return 'PNG 图片的数据超出文件末尾，图片不完整';
    if (type === 'IEND') return end === buf.length ? null : `PNG 的结束标记之后还有 ${buf.length - end} 字节的其他数据`;
    pos = end;
  }
  return '缺少 PNG 的结束标记，图片不完整';
}

export function jpegStructure(buf: Buffer): string | null {
  if (!(buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff)) return '文件开头不是 JPEG 文件头';
  const html = htmlInHead(buf);
  if (html) return html;
  if (!(buf[buf.length - 2] === 0xff && buf[buf.length - 1] === 0xd9)) return '文件末尾不是 JPEG 的结束标记，图片不完整或附加了其他数据';
  return null;
}

const OLE_SIG = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const utf16 = (s: string) => Buffer.from(s, 'utf16le');

/** Old Office (OLE2 compound file): a sane header sector, and the main stream of the right application. */
export function oleStructure(buf: Buffer, kind: 'doc' | 'xls'): string | null {
  if (buf.length < 1024 || !buf.subarray(0, 8).equals(OLE_SIG)) return '文件开头不是 Office 97-2003 文件头';
  const major = buf.readUInt16LE(0x1a);
  const sectorShift = buf.readUInt16LE(0x1e);
  const ok =
    buf.readUInt16LE(0x1c) === 0xfffe &&
    ((major === 3 && sectorShift === 9) || (major === 4 && sectorShift === 12)) &&
    buf.readUInt16LE(0x20) === 6 &&
    buf.readUInt32LE(0x38) === 4096;
  if (!ok) return 'Office 97-2003 文件头的结构无效';
  // Directory entries name their streams in UTF-16LE.
  if (kind === 'doc' && !buf.includes(utf16('WordDocument'))) return '文件中没有 Word 文档内容';
  if (kind === 'xls' && !buf.includes(utf16('Workbook')) && !buf.includes(utf16('Book\u0000'))) return '文件中没有 Excel 工作簿内容';
  return null;
}

const MAIN_PART: Record<'docx' | 'xlsx' | 'ofd', { parts: string[]; label: string }> = {
  docx: { parts: ['[Content_Types].xml', 'word/document.xml'], label: 'Word 文档正文' },
  xlsx: { parts: ['[Content_Types].xml', 'xl/workbook.xml'], label: 'Excel 工作簿' },
  ofd: { parts: ['OFD.xml'], label: 'OFD 文档入口' },
};

/** Which Office/OFD type a zip's entry names say it is. */
export function zipKind(names: Set<string>): 'docx' | 'xlsx' | 'pptx' | 'ofd' | null {
  if (names.has('word/document.xml')) return 'docx';
  if (names.has('xl/workbook.xml')) return 'xlsx';
  if (names.has('ppt/presentation.xml')) return 'pptx';
  if (names.has('OFD.xml')) return 'ofd';
  return null;
}

/**
 * A zip-based file: the zip guard over the whole file (throws ZipGuardError), then the parts its type needs.
 * `kind` 'zip' only needs to pass the guard. `actual` is what the entries say the file is (a renamed .xlsx
 * sent as .docx says 'xlsx').
 */
export async function zipStructure(
  buf: Buffer,
  kind: 'docx' | 'xlsx' | 'ofd' | 'zip',
  limits: ZipLimits = EVIDENCE_ZIP_LIMITS,
): Promise<{ problem: string | null; actual: ReturnType<typeof zipKind> }> {
  const report = await checkZip(buf, limits);
  const names = new Set(report.entries.map((e) => e.name));
  const actual = zipKind(names);
  if (kind === 'zip') return { problem: null, actual };
  const missing = MAIN_PART[kind].parts.filter((p) => !names.has(p));
  // named in words: the main part by what it holds, the [Content_Types].xml index as the package's list of contents
  const { parts, label } = MAIN_PART[kind];
  const problem = missing.includes(parts[parts.length - 1]) ? `缺少 ${label}` : missing.length ? `缺少文件内容清单，${label}不完整` : null;
  return { problem, actual };
}
