/**
 * What an uploaded "workbook" really is, when it is not an .xlsx — the one rule every workbook import applies
 * (申报表, 评分表, 荣誉名录导入表: their shared precheck in declaration-template.ts). Each kind is named for what it is,
 * with what to do: an OpenDocument spreadsheet (.ods), Excel or Word 97-2003, a workbook with an opening password
 * (Office then writes a compound file holding an EncryptedPackage), an .xlsb, CSV or other text (UTF-8, GBK or
 * UTF-16), an HTML or Excel 2003 XML table another system exported under “.xls”, a PDF, a Word or PowerPoint file,
 * an OFD. Judged by the bytes, never by the file's name.
 */
import zlib from 'node:zlib';
import { SIGNATURES, startsWith } from '../file-signatures';
import type { ZipEntry } from '../zip-guard';

const SAVE_AS = '请在 WPS/Excel/LibreOffice 中另存为 .xlsx 后再上传';
const utf16 = (s: string) => Buffer.from(s, 'utf16le');

export const isZipStart = (buf: Buffer) => startsWith(buf, SIGNATURES.zip);

/** A compound file (Office 97-2003) by the streams its directory names (UTF-16LE). */
function compoundKind(buf: Buffer, doc: string): string {
  if (buf.includes(utf16('EncryptedPackage'))) return '文件设置了打开密码（已加密），平台无法读取；请在 WPS/Excel 中取消密码（文件—信息—保护工作簿）后另存为 .xlsx 再上传';
  if (buf.includes(utf16('Workbook')) || buf.includes(utf16('Book\u0000'))) return `这是 Excel 97-2003 工作簿（.xls），${SAVE_AS}`;
  if (buf.includes(utf16('WordDocument'))) return `这是 Word 97-2003 文档（.doc），不是 Excel 表格；请上传 .xlsx 格式的${doc}`;
  return `这是 Office 97-2003 格式的文件，不是 .xlsx；${SAVE_AS}`;
}

/**
 * Text, as a person's eye would take it: a UTF-16 byte order mark, or no control characters other than tab, line
 * breaks and form feed in the first 4 KB (UTF-8 and GBK put only bytes ≥ 0x80 outside ASCII; binary files have
 * NULs and control bytes within their first bytes).
 */
function textOf(buf: Buffer): string | null {
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) {
    const le = buf[0] === 0xff ? buf.subarray(2, 4096) : Buffer.from(buf.subarray(2, 4096)).swap16();
    return le.subarray(0, le.length - (le.length % 2)).toString('utf16le');
  }
  const head = buf.subarray(0, 4096);
  for (const b of head) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) return null;
  return head.toString('utf8');
}

const CSV = '这是 CSV 或文本文件，不是 Excel 工作簿；请在 WPS/Excel/LibreOffice 中打开后另存为 .xlsx 再上传';

/** A file that is not a zip: what it is (a message), or the general message when it is nothing we know. */
export function notZipKind(buf: Buffer, doc: string): string {
  if (startsWith(buf, SIGNATURES.ole)) return compoundKind(buf, doc);
  if (buf.subarray(0, 5).toString('latin1') === '%PDF-') return `这是 PDF 文件，不是 Excel 表格；请上传平台下载的${doc}模板（.xlsx）`;
  const text = textOf(buf);
  if (text !== null) {
    const head = text.replace(/^\ufeff/, '').trimStart().toLowerCase();
    if (head.startsWith('<')) {
      if (head.includes('urn:schemas-microsoft-com:office:spreadsheet') || head.includes('progid="excel.sheet"')) return '这是 Excel 2003 XML 表格，请在 WPS/Excel 中打开后另存为 .xlsx 再上传';
      if (/<(html|table|!doctype html)\b/.test(head)) return '这是网页（HTML）格式的表格（其他系统导出的“.xls”常是这种文件），请在 WPS/Excel 中打开后另存为 .xlsx 再上传';
    }
    return CSV;
  }
  return `文件不是 Excel（.xlsx）格式，请上传平台下载的${doc}模板填写后的文件`;
}

const ODF: Record<string, string> = {
  'application/vnd.oasis.opendocument.spreadsheet': `这是 OpenDocument 表格（.ods），${SAVE_AS}`,
  'application/vnd.oasis.opendocument.spreadsheet-template': `这是 OpenDocument 表格模板（.ots），${SAVE_AS}`,
};

/** The "mimetype" entry of an OpenDocument file (stored, as the format requires; a deflated one is read too). */
function odfMimetype(buf: Buffer, entry: ZipEntry): string {
  const raw = buf.subarray(entry.dataOffset, entry.dataOffset + Math.min(entry.compressedSize, 200));
  try {
    return (entry.method === 8 ? zlib.inflateRawSync(raw, { maxOutputLength: 200, finishFlush: zlib.constants.Z_SYNC_FLUSH }) : raw).toString('latin1').trim();
  } catch {
    return '';
  }
}

/** A zip that is not an .xlsx, by its entries' names: what it is, or null when it has the workbook part. */
export function zipKind(buf: Buffer, entries: ZipEntry[], doc: string): string | null {
  const names = new Set(entries.map((e) => e.name));
  if (names.has('xl/workbook.xml')) return null;
  if (names.has('word/document.xml')) return `这是 Word 文件（.docx），不是 Excel 表格；请上传 .xlsx 格式的${doc}（可从本页下载 Excel 模板）`;
  if (names.has('ppt/presentation.xml')) return `这是 PowerPoint 文件，不是 Excel 表格；请上传 .xlsx 格式的${doc}`;
  if (names.has('xl/workbook.bin')) return '这是 Excel 二进制工作簿（.xlsb），请在 Excel/WPS 中另存为 .xlsx 后再上传';
  const mimetype = entries.find((e) => e.name === 'mimetype');
  if (mimetype || (names.has('content.xml') && names.has('META-INF/manifest.xml'))) {
    const type = mimetype ? odfMimetype(buf, mimetype) : '';
    if (ODF[type]) return ODF[type];
    if (type === 'application/vnd.oasis.opendocument.text') return `这是 OpenDocument 文本（.odt），不是表格；请上传 .xlsx 格式的${doc}`;
    return `这是 OpenDocument 文件（${type || 'LibreOffice/WPS 的开放文档格式'}），不是 .xlsx；${SAVE_AS}`;
  }
  if (names.has('OFD.xml')) return `这是 OFD 版式文件，不是 Excel 表格；请上传 .xlsx 格式的${doc}`;
  return '文件不是有效的 Excel 工作簿（缺少 workbook），请使用 Excel/WPS 另存为 .xlsx 后上传';
}
