/**
 * Whole-file structure checks for the file types evidence accepts (issue 8 §3): the first bytes alone prove
 * little — `%PDF-` followed by an HTML page is a "polyglot" a browser may run as a web page. Each check walks
 * as much of the file's structure as is cheap and returns null when the file is what it says, or a Chinese
 * reason (the part in brackets of “与 PDF 格式不符（…）”) when it is not.
 *
 * Zip-based types (docx, xlsx, ofd, zip) are checked by the zip guard (inflating everything, counting real
 * bytes) and must contain their main part; the guard's own refusals are thrown as ZipGuardError.
 *
 * A file may also be what it says and still carry something no evidence needs (issue: a "PDF" whose middle is an
 * .exe): a program (a Windows PE or Linux ELF header, anywhere in the bytes — executableIn), and in a PDF an
 * attachment or a launch action (pdfActiveContent); in a zip, an entry that is a program or a script by its name
 * or by its bytes. JavaScript in a PDF is not refused: form PDFs use it, and readers run it in a sandbox.
 */
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { SIGNATURES, startsWith } from './file-signatures';
import { checkZip, ZipGuardError, type ZipEntry, type ZipLimits } from './zip-guard';

/** Evidence zips are stored, not opened by the server, but must still be honest zips of sane size. */
export const EVIDENCE_ZIP_LIMITS: ZipLimits = {
  maxEntries: 5000,
  maxEntryBytes: 200 * 1024 * 1024,
  maxTotalBytes: 200 * 1024 * 1024,
  // a Word file with an embedded Excel chart holds an .xlsx, a zip of evidence may hold another zip or a Word file:
  // counted (at most 100 at all levels), and the zip-based ones opened and checked in turn (a program packed one
  // level deeper is still found), at most 64 MB each, three levels below the uploaded file
  nested: 'count',
  maxNested: 100,
  openNested: { depth: 3, maxBytes: 64 * 1024 * 1024 },
};

const HTML_MARKERS = ['<html', '<script', '<body', '<iframe', '<svg', '<!doctype html', '<head', '<meta', '<object', '<embed'];

/** Markup a browser would sniff as a web page, in the first KB of the file. */
export function htmlInHead(buf: Buffer): string | null {
  const head = buf.subarray(0, 1024).toString('latin1').toLowerCase();
  const found = HTML_MARKERS.find((m) => head.includes(m));
  return found ? `文件开头含有网页代码“${found}”` : null;
}

export function pdfStructure(buf: Buffer): string | null {
  if (!startsWith(buf, SIGNATURES.pdf)) return '文件开头不是 PDF 文件的标识';
  const html = htmlInHead(buf);
  if (html) return html;
  if (!buf.subarray(Math.max(0, buf.length - 1024)).toString('latin1').includes('%%EOF')) return '文件末尾缺少 PDF 的结束标记，文件不完整或不是真正的 PDF';
  return null;
}

// ───────────────────────── programs and active content inside a file ─────────────────────────

/** the furthest a PE header may lie from its "MZ" (e_lfanew) for this check; real programs keep it under 1 KB */
const MAX_LFANEW = 0x10000;
/** where a program's header may begin: Windows (MZ) and Linux (ELF), each then checked whole by programAt */
const PROGRAM_STARTS = [Buffer.from('MZ'), Buffer.from([0x7f, 0x45, 0x4c, 0x46])];

/**
 * A Windows program (PE: "MZ", its e_lfanew pointing at "PE\0\0" and a machine type) or a Linux one (ELF: the
 * magic, class, byte order, version and the zero padding) starting at `i`. Both headers are checked whole, so the
 * bytes of compressed images or fonts never match by chance (a bare "MZ" turns up every 64 KB of random data).
 */

function programAt(buf: Buffer, i: number): 'PE' | 'ELF' | null {
  if (buf[i] === 0x4d && buf[i + 1] === 0x5a && i + 0x40 <= buf.length) {
    const pe = buf.readUInt32LE(i + 0x3c);
    const at = i + pe;
    if (pe >= 0x40 && pe <= MAX_LFANEW && at + 6 <= buf.length && buf.readUInt32LE(at) === 0x00004550 && buf.readUInt16LE(at + 4) !== 0) return 'PE';
  }
  if (buf[i] === 0x7f && buf[i + 1] === 0x45 && buf[i + 2] === 0x4c && buf[i + 3] === 0x46 && i + 24 <= buf.length) {
    const ok = (buf[i + 4] === 1 || buf[i + 4] === 2) && (buf[i + 5] === 1 || buf[i + 5] === 2) && buf[i + 6] === 1 && buf.subarray(i + 9, i + 16).every((b) => b === 0);
    if (ok) return 'ELF';
  }
  return null;
}

/** The first program header in the bytes, and where it starts. */
export function findProgram(buf: Buffer): { kind: 'PE' | 'ELF'; offset: number } | null {
  for (const sig of PROGRAM_STARTS) {
    for (let i = buf.indexOf(sig); i >= 0; i = buf.indexOf(sig, i + 1)) {
      const kind = programAt(buf, i);
      if (kind) return { kind, offset: i };
    }
  }
  return null;
}

const PROGRAM_LABEL = { PE: 'Windows 可执行程序（.exe 等', ELF: 'Linux 可执行程序（ELF' } as const;

/** “中夹带了 Windows 可执行程序（.exe 等，从第N字节起）”, read after “文件「…」”; null when there is none. */
export function executableIn(buf: Buffer): string | null {
  const p = findProgram(buf);
  return p ? `中夹带了 ${PROGRAM_LABEL[p.kind]}，从第${p.offset}字节起）` : null;
}

/** What is wrong with a file's content (read after “文件「…」”), what is refused if not just the file, and what to do instead. */
export interface ActiveContent {
  what: string;
  refused?: string;
  advice: string;
}

const PDF_ADVICE = '请上传由原文档直接导出（“另存为 PDF”）或扫描生成的 PDF';
const ATTACHMENT_ADVICE = '请去掉附件后重新导出为 PDF（或“打印”为 PDF），附件中的材料请作为单独的文件上传';
/** PDF names that attach a file or start a program. */
const ACTIVE_NAMES = new Map<string, 'attachment' | 'launch'>([
  ['EmbeddedFile', 'attachment'],
  ['EmbeddedFiles', 'attachment'],
  ['FileAttachment', 'attachment'],
  ['Launch', 'launch'],
]);
/** A PDF name token: "/" and regular characters; "#xx" is a hex escape (/L#61unch is /Launch). */
// eslint-disable-next-line no-control-regex -- NUL is one of PDF's white-space characters
const NAME = /\/([^\x00\t\n\f\r /<>[\]()%{}]{1,127})/g;

function activeName(text: string): ActiveContent | null {
  for (const m of text.matchAll(NAME)) {
    const name = m[1].includes('#') ? m[1].replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : m[1];
    const kind = ACTIVE_NAMES.get(name);
    if (kind === 'attachment') return { what: `内嵌了附件（/${name}）`, refused: '平台不接受带附件的 PDF', advice: ATTACHMENT_ADVICE };
    if (kind === 'launch') return { what: '含有打开时启动其他程序的动作（/Launch）', advice: PDF_ADVICE };
  }
  return null;
}

/** What all of a PDF's object streams may inflate to together: they hold only dictionaries, kilobytes to a few MB. */
const OBJSTM_BUDGET = 64 * 1024 * 1024;
const inflateAsync = promisify(zlib.inflate);

/**
 * The object streams (PDF 1.5+, /Type /ObjStm) a writer compresses dictionaries into, inflated (Flate only, as
 * every writer makes them; off the event loop) within OBJSTM_BUDGET: an action or attachment dictionary may hide
 * in one. A stream that does not inflate is passed over (a reader could not read it either); past the budget the
 * file is a bomb, not a document, and 'too_large' is returned.
 */
async function objectStreams(buf: Buffer, latin1: string): Promise<string[] | 'too_large'> {
  const out: string[] = [];
  let budget = OBJSTM_BUDGET;
  for (let at = latin1.indexOf('stream'); at >= 0; at = latin1.indexOf('stream', at + 6)) {
    if (latin1.startsWith('end', at - 3)) continue;
    const objAt = latin1.lastIndexOf(' obj', at);
    if (objAt < 0 || at - objAt > 4096) continue;
    const dict = latin1.slice(objAt, at).replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    if (!/\/Type\s*\/ObjStm\b/.test(dict) || !/\/FlateDecode\b/.test(dict)) continue;
    let start = at + 6;
    if (latin1[start] === '\r') start++;
    if (latin1[start] === '\n') start++;
    const end = latin1.indexOf('endstream', start);
    if (end < 0) break;
    try {
      const plain = await inflateAsync(buf.subarray(start, end), { maxOutputLength: budget, finishFlush: zlib.constants.Z_SYNC_FLUSH });
      budget -= plain.length;
      out.push(plain.toString('latin1'));
    } catch (e) {
      if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return 'too_large';
      // not Flate after all: nothing a reader would run
    }
    at = end;
  }
  return out;
}

/**
 * A program anywhere in the bytes, an embedded file or file attachment, or a launch action — in the file's own
 * dictionaries or in its compressed object streams; null for an ordinary PDF. Called on a file that passed
 * pdfStructure.
 */
export async function pdfActiveContent(buf: Buffer): Promise<ActiveContent | null> {
  const program = executableIn(buf);
  if (program) return { what: program, advice: PDF_ADVICE };
  const latin1 = buf.toString('latin1');
  const direct = activeName(latin1);
  if (direct) return direct;
  const streams = await objectStreams(buf, latin1);
  if (streams === 'too_large') return { what: `中压缩的对象数据解压后超过${OBJSTM_BUDGET / 1024 / 1024} MB，结构异常，不是正常的 PDF 文档`, advice: PDF_ADVICE };
  for (const text of streams) {
    const hidden = activeName(text);
    if (hidden) return hidden;
  }
  return null;
}

/**
 * Entries evidence zips may not hold: programs and scripts that run when opened on Windows — those with a program
 * header are found by their bytes as well, the rest (compiled help, shortcuts, scriptlets, consoles, setup and
 * settings files: text or containers without one) only by their name.
 */
export const PROGRAM_EXTENSIONS = [
  'exe', 'com', 'scr', 'pif', 'cpl', 'dll', 'sys', 'msi', 'msp', 'bat', 'cmd', 'vbs', 'vbe', 'js', 'jse', 'wsf', 'wsh', 'hta', 'ps1', 'psm1', 'reg', 'lnk', 'scf', 'jar',
  'chm', 'hlp', 'url', 'website', 'sct', 'wsc', 'ws', 'vb', 'inf', 'msc', 'application', 'appref-ms', 'settingcontent-ms', 'gadget', 'xbap', 'shb', 'shs',
  'library-ms', 'searchconnector-ms', 'psc1', 'msh', 'mshxml',
];
/** Office files that carry macros (VBA programs, run when the file is opened and macros allowed): refused at any level. */
export const MACRO_EXTENSIONS = ['docm', 'dotm', 'xlsm', 'xltm', 'xlam', 'xla', 'pptm', 'potm', 'ppam', 'ppsm', 'sldm'];
/**
 * Scripts, installers and pages that other systems run or render with their own code (a shell or Python script, an
 * Android package, an HTML page or an SVG with script): refused in an evidence zip. Inside an Office file such parts are
 * the document's own (Word stores an inserted icon as an .svg picture), so there only the lists above apply.
 */
export const SCRIPT_EXTENSIONS = ['sh', 'bash', 'zsh', 'ksh', 'csh', 'command', 'py', 'pyw', 'pl', 'rb', 'php', 'html', 'htm', 'xhtml', 'mht', 'mhtml', 'svg', 'svgz', 'apk', 'ipa', 'dmg', 'pkg', 'deb', 'rpm', 'run', 'class', 'wasm'];
// trailing dots and spaces count for nothing: Windows drops them when the entry is extracted (run.bat. is run.bat)
const namePattern = (extensions: readonly string[]) => new RegExp(`\\.(${extensions.join('|')})[. ]*$`, 'i');
const PROGRAM_NAME = namePattern([...PROGRAM_EXTENSIONS, ...MACRO_EXTENSIONS]);
const SCRIPT_NAME = namePattern(SCRIPT_EXTENSIONS);
/** an entry inside an Office or OFD file (the file itself, or one opened inside a zip: "报告.docx/word/media/image1.svg") */
const OFFICE_PART = /\.(docx|xlsx|pptx|ofd)\//i;
/** the part of an Office file that holds its macros (VBA project), whatever the file is named */
const MACRO_PART = /(^|\/)vbaProject\.bin$/i;

/**
 * A zip guard visitor refusing (ZipGuardError 'content') an entry that is a program or script by its name, or
 * whose bytes hold a program header (the start of the entry or anywhere in it: a Word file's embedded object).
 * Pieces are looked at with a tail of the previous one, so a header split between two pieces is still found.
 */
function programVisitor(office: boolean): (entry: ZipEntry) => (chunk: Buffer) => void {
  const advice = office ? '请删除文档中嵌入的程序或对象后重新保存上传' : '请从压缩包中删除该文件后重新压缩上传';
  return (entry) => {
    if (PROGRAM_NAME.test(entry.name) || (!office && !OFFICE_PART.test(entry.name) && SCRIPT_NAME.test(entry.name))) {
      throw new ZipGuardError('content', `内含可执行程序或脚本「${entry.name}」，平台不接受；请从压缩包中删除该文件后重新压缩上传`);
    }
    if (MACRO_PART.test(entry.name)) throw new ZipGuardError('content', `内含宏（VBA 程序「${entry.name}」），平台不接受；请在 Office 中另存为不含宏的 .docx 或 .xlsx 后上传`);
    let tail = Buffer.alloc(0);
    let seen = 0;
    return (chunk) => {
      const window = tail.length ? Buffer.concat([tail, chunk]) : chunk;
      const p = findProgram(window);
      if (p) {
        const offset = seen - tail.length + p.offset;
        const label = PROGRAM_LABEL[p.kind];
        throw new ZipGuardError('content', `内含的「${entry.name}」${offset === 0 ? '是 ' : '中夹带了 '}${label}），平台不接受；${advice}`);
      }
      seen += chunk.length;
      // keep what a header starting near the end needs from the next piece: from the first signature in the last
      // 64 KB (e_lfanew may point that far), else the last 3 bytes (a signature split in two)
      let cut = window.length - 3;
      for (const sig of PROGRAM_STARTS) {
        const i = window.indexOf(sig, Math.max(0, window.length - MAX_LFANEW - 8));
        if (i >= 0) cut = Math.min(cut, i);
      }
      tail = Buffer.from(window.subarray(Math.max(0, cut)));
    };
  };
}

/** Walk the chunks from the signature to IEND, which must end the file. */
export function pngStructure(buf: Buffer): string | null {
  if (!startsWith(buf, SIGNATURES.png)) return '文件开头不是 PNG 文件头';
  let pos = 8;
  let first = true;
  while (pos + 12 <= buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.subarray(pos + 4, pos + 8).toString('latin1');
    if (!/^[A-Za-z]{4}$/.test(type) || len > 0x7fffffff) return `第${pos}字节处的 PNG 图片数据无效`;
    if (first && (type !== 'IHDR' || len !== 13)) return 'PNG 图片开头缺少图像信息';
    first = false;
    const end = pos + 12 + len;
    if (end > buf.length) return 'PNG 图片的数据超出文件末尾，图片不完整';
    if (type === 'IEND') return end === buf.length ? null : `PNG 的结束标记之后还有${buf.length - end}字节的其他数据`;
    pos = end;
  }
  return '缺少 PNG 的结束标记，图片不完整';
}

export function jpegStructure(buf: Buffer): string | null {
  if (!startsWith(buf, SIGNATURES.jpeg)) return '文件开头不是 JPEG 文件头';
  const html = htmlInHead(buf);
  if (html) return html;
  if (!(buf[buf.length - 2] === 0xff && buf[buf.length - 1] === 0xd9)) return '文件末尾不是 JPEG 的结束标记，图片不完整或附加了其他数据';
  return null;
}

const utf16 = (s: string) => Buffer.from(s, 'utf16le');

/** Old Office (OLE2 compound file): a sane header sector, and the main stream of the right application. */
export function oleStructure(buf: Buffer, kind: 'doc' | 'xls'): string | null {
  if (buf.length < 1024 || !startsWith(buf, SIGNATURES.ole)) return '文件开头不是 Office 97-2003 文件头';
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
  const report = await checkZip(buf, limits, programVisitor(kind !== 'zip'));
  const names = new Set(report.entries.map((e) => e.name));
  const actual = zipKind(names);
  if (kind === 'zip') return { problem: null, actual };
  const missing = MAIN_PART[kind].parts.filter((p) => !names.has(p));
  // named in words: the main part by what it holds, the [Content_Types].xml index as the package's list of contents
  const { parts, label } = MAIN_PART[kind];
  const problem = missing.includes(parts[parts.length - 1]) ? `缺少 ${label}` : missing.length ? `缺少文件内容清单，${label}不完整` : null;
  return { problem, actual };
}
