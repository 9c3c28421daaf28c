/**
 * Evidence files on disk (the embedded default): <dataDir>/evidence/<sha256[0..2]>/<sha256>, content-addressed,
 * so the same file uploaded twice is stored once. An upload streams to a temporary file while it is hashed and
 * measured; only a complete file that passes the type check (its whole structure, see checkType) is moved into place.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError, badRequest } from '../../core/errors';
import { cutOffAs400, ensureUnbroken } from '../../core/upload';
import { executableIn, htmlInHead, jpegStructure, oleStructure, pdfActiveContent, pdfStructure, pngStructure, zipStructure, type ActiveContent } from '../../io/file-structure';
import { SIGNATURES, startsWith } from '../../io/file-signatures';
import { ZipGuardError } from '../../io/zip-guard';
import { EVIDENCE_EXTENSIONS, EVIDENCE_TYPES, formatBytes, type EvidenceExtension } from '../../../shared/contracts/evidence';
import { CONTROL_CHARS } from '../../../shared/contracts/common';

/** every character a text field refuses (CONTROL_CHARS: U+FFFF, zero-width spaces, lone surrogates …), to drop from a file's name */
const REFUSED_IN_TEXT = new RegExp(CONTROL_CHARS.source, 'g');
/** Windows' device names, which no file there may be called (CON.pdf, com1.jpg): a download saved under one fails */
const DEVICE_NAME = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(?=\.|$)/i;

export const evidenceRoot = (dataDir: string) => path.join(dataDir, 'evidence');
export const blobPath = (dataDir: string, sha256: string) => path.join(evidenceRoot(dataDir), sha256.slice(0, 2), sha256);

export interface StagedFile {
  tmpPath: string;
  sha256: string;
  size: number;
  head: Buffer;
}

class TooLarge extends Error {}

/** Stream an upload to a temporary file, hashing it; refuses (413) past maxBytes and leaves nothing behind. */
export async function stageUpload(dataDir: string, source: Readable & { truncated?: boolean }, maxBytes: number): Promise<StagedFile> {
  const tmpDir = path.join(evidenceRoot(dataDir), 'tmp');
  await fsp.mkdir(tmpDir, { recursive: true });
  const tmpPath = path.join(tmpDir, `${Date.now()}-${crypto.randomBytes(8).toString('hex')}`);
  const hash = crypto.createHash('sha256');
  let size = 0;
  const heads: Buffer[] = [];
  let headLen = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      size += chunk.length;
      if (size > maxBytes) return cb(new TooLarge());
      hash.update(chunk);
      if (headLen < 16) {
        heads.push(chunk);
        headLen += chunk.length;
      }
      cb(null, chunk);
    },
  });
  try {
    ensureUnbroken(source);
    await pipeline(source, meter, fs.createWriteStream(tmpPath));
    if (source.truncated) throw new TooLarge();
  } catch (e) {
    await fsp.rm(tmpPath, { force: true });
    const code = (e as { code?: string }).code;
    if (e instanceof TooLarge || code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError(413, 'too_large', `文件过大：每个文件不超过${formatBytes(maxBytes)}`);
    }
    throw cutOffAs400(e);
  }
  return { tmpPath, sha256: hash.digest('hex'), size, head: Buffer.concat(heads).subarray(0, 16) };
}


const KIND_LABEL: Record<EvidenceExtension, string> = {
  pdf: 'PDF',
  ofd: 'OFD 版式文档',
  jpg: 'JPEG 图片',
  jpeg: 'JPEG 图片',
  png: 'PNG 图片',
  doc: 'Word 97-2003文档',
  docx: 'Word 文档',
  xls: 'Excel 97-2003工作簿',
  xlsx: 'Excel 工作簿',
  zip: 'ZIP 压缩包',
};
/** The format named in “与 … 格式不符” and the file asked for in “请上传真实的 …”. */
const FORMAT: Record<EvidenceExtension, [string, string]> = {
  pdf: ['PDF', 'PDF 文件'],
  ofd: ['OFD', 'OFD 文件'],
  jpg: ['JPEG', 'JPEG 图片'],
  jpeg: ['JPEG', 'JPEG 图片'],
  png: ['PNG', 'PNG 图片'],
  doc: ['Word 97-2003（.doc）', 'Word 文档'],
  docx: ['Word（.docx）', 'Word 文档'],
  xls: ['Excel 97-2003（.xls）', 'Excel 工作簿'],
  xlsx: ['Excel（.xlsx）', 'Excel 工作簿'],
  zip: ['ZIP ', 'ZIP 压缩包'],
};

class Renamed extends Error {}

/** The whole file's structure for its type (file-structure.ts): a reason it is not what it says, or null. */
async function structureProblem(buf: Buffer, ext: EvidenceExtension): Promise<string | null> {
  switch (ext) {
    case 'pdf':
      return pdfStructure(buf);
    case 'png':
      return htmlInHead(buf) ?? pngStructure(buf);
    case 'jpg':
    case 'jpeg':
      return jpegStructure(buf);
    case 'doc':
    case 'xls':
      return htmlInHead(buf) ?? oleStructure(buf, ext);
    case 'docx':
    case 'xlsx':
    case 'ofd':
    case 'zip': {
      const html = htmlInHead(buf);
      if (html) return html;
      const { problem, actual } = await zipStructure(buf, ext);
      if (problem && actual && actual !== ext) throw new Renamed(); // e.g. an .xlsx renamed .docx
      return problem;
    }
  }
}

const CARRIED_ADVICE: Record<'image' | 'ole', string> = {
  image: '请上传相机、扫描仪或截图直接生成的图片',
  ole: '请删除文档中嵌入的程序或对象，另存后重新上传',
};

/**
 * What a file that is of its type may still not carry (file-structure.ts): a program anywhere in its bytes, and in
 * a PDF an attachment or a launch action. Zip-based files are looked into by the zip guard (zipStructure).
 */
async function carriedContent(buf: Buffer, ext: EvidenceExtension): Promise<ActiveContent | null> {
  switch (ext) {
    case 'pdf':
      return pdfActiveContent(buf);
    case 'png':
    case 'jpg':
    case 'jpeg':
    case 'doc':
    case 'xls': {
      const program = executableIn(buf);
      return program ? { what: program, advice: CARRIED_ADVICE[ext === 'doc' || ext === 'xls' ? 'ole' : 'image'] } : null;
    }
    default:
      return null;
  }
}

/**
 * The file's real content must match its extension (a renamed file is refused), and its whole structure must
 * be of that type (a polyglot such as `%PDF-` followed by a web page is refused; a zip is inflated by the zip
 * guard, counting real bytes, never trusting declared sizes), and it may not carry a program, nor (a PDF) an
 * attachment or a launch action (carriedContent; a zip: an entry that is a program or script).
 */
export async function checkType(file: StagedFile, ext: EvidenceExtension, fileName: string): Promise<string> {
  const h = file.head;
  let ok: boolean;
  switch (ext) {
    case 'pdf':
      ok = startsWith(h, SIGNATURES.pdf);
      break;
    case 'png':
      ok = startsWith(h, SIGNATURES.png);
      break;
    case 'jpg':
    case 'jpeg':
      ok = startsWith(h, SIGNATURES.jpeg);
      break;
    case 'doc':
    case 'xls':
      ok = startsWith(h, SIGNATURES.ole);
      break;
    case 'zip':
    case 'docx':
    case 'xlsx':
    case 'ofd':
      ok = startsWith(h, SIGNATURES.zip);
      break;
  }
  const renamed = () => badRequest(`文件「${fileName}」的内容不是${KIND_LABEL[ext]}，与扩展名 .${ext}不符；请上传原始文件，不要修改扩展名`, [{ field: 'file', message: `内容与扩展名 .${ext}不符` }]);
  if (!ok) throw renamed();
  // Evidence is at most EVIDENCE_MAX_BYTES (20 MB), so the whole file fits in memory for the walk.
  const buf = await fsp.readFile(file.tmpPath);
  let reason: string | null;
  try {
    reason = await structureProblem(buf, ext);
  } catch (e) {
    if (e instanceof Renamed) throw renamed();
    if (!(e instanceof ZipGuardError)) throw e;
    const advice = e.kind === 'too_large' ? '；请只保留需要的内容，重新压缩或保存后上传' : e.kind === 'corrupt' || e.kind === 'not_zip' ? '；请上传原始文件' : '';
    throw badRequest(`文件「${fileName}」${e.message}${advice}`, [{ field: 'file', message: `不是可接受的${KIND_LABEL[ext]}` }]);
  }
  if (reason) {
    const [format, real] = FORMAT[ext];
    throw badRequest(`文件「${fileName}」的内容与${format}格式不符（${reason}），请上传真实的${real}`, [{ field: 'file', message: `内容与${format}格式不符` }]);
  }
  const carried = await carriedContent(buf, ext);
  if (carried) throw badRequest(`文件「${fileName}」${carried.what}，${carried.refused ?? '平台不接受'}；${carried.advice}`, [{ field: 'file', message: `${KIND_LABEL[ext]}中含有不允许的内容` }]);
  return EVIDENCE_TYPES[ext];
}

/**
 * A safe display name: no folders, no control characters (C0 and C1), no bidirectional marks or overrides (Unicode's
 * Bidi_Control: ALM, LRM, RLM, the embeddings, overrides and isolates, which make a name read other than it is), no
 * line or paragraph separators, no reserved characters; at most 120 characters, extension kept.
 */
export function sanitizeFileName(raw: string): { name: string; ext: EvidenceExtension } {
  // a browser's form data escapes " as %22 and line breaks as %0D %0A in a file's name (the HTML standard's encoding of
  // multipart/form-data): 关于"质量月"活动.pdf arrives as 关于%22质量月%22活动.pdf. The quotes come back as Chinese ones,
  // in pairs (a file name may not hold "), the line breaks go
  let quotes = 0;
  const unescaped = (raw ?? '').replace(/%0[AD]/gi, '').replace(/%22|"/gi, () => (quotes++ % 2 === 0 ? '“' : '”'));
  const base = unescaped.split(/[\\/]/).pop() ?? '';
  // what a text field refuses goes too (报告\uFFFF.pdf, 报告\u200B.pdf look like 报告.pdf), and trailing dots and spaces,
  // which Windows drops from a name (报告.pdf. is 报告.pdf, not a file without an extension)
  let name = base
    .replace(/[\p{Cc}\p{Bidi_Control}\p{Zl}\p{Zp}<>:"|?*]/gu, '')
    .replace(REFUSED_IN_TEXT, '')
    .trim()
    .replace(/[.\s]+$/, '');
  const dot = name.lastIndexOf('.');
  const ext = (dot >= 0 ? name.slice(dot + 1) : '').toLowerCase();
  if (!EVIDENCE_EXTENSIONS.includes(ext as EvidenceExtension)) {
    throw badRequest(
      `不支持的文件类型${ext ? ` .${ext}` : '（文件没有扩展名）'}；只接受${EVIDENCE_EXTENSIONS.map((e) => `.${e}`).join('、')}`,
      [{ field: 'file', message: `允许的类型：${EVIDENCE_EXTENSIONS.join('、')}` }],
    );
  }
  // leading dots go from the name (no hidden file), not from what the extension is read from: “.pdf” is a PDF
  let stem = name.slice(0, dot).replace(/^[.\s]+/, '').trim();
  if (!stem) stem = '佐证材料';
  stem = stem.replace(DEVICE_NAME, '$1_');
  // counted in characters, not UTF-16 units: a cut inside an emoji or an Extension B 汉字 left half of it (stored as �)
  const chars = Array.from(stem);
  if (chars.length > 120) stem = chars.slice(0, 120).join('');
  name = `${stem}.${ext}`;
  return { name, ext: ext as EvidenceExtension };
}

/**
 * Put a checked temporary file at its content address (dedupe: an existing blob is kept). The temporary file stays
 * (a hard link, the same bytes) until the row that uses it has committed: restoreBlob puts it back if a removal of
 * the same content elsewhere took the blob meanwhile; discard then drops it.
 */
export async function commitBlob(dataDir: string, file: StagedFile): Promise<void> {
  const dest = blobPath(dataDir, file.sha256);
  await fsp.mkdir(path.dirname(dest), { recursive: true });
  if (fs.existsSync(dest)) return;
  // a hard link where the file system has them (EEXIST: another upload of the same bytes was first), else a
  // whole copy moved into place, so that no download reads a half-written blob
  await fsp.link(file.tmpPath, dest).catch(async (e: NodeJS.ErrnoException) => {
    if (e.code === 'EEXIST') return;
    const copy = `${file.tmpPath}.copy`;
    await fsp.copyFile(file.tmpPath, copy);
    await fsp.rename(copy, dest);
  });
}

/** After the row using it has committed: the blob again from the temporary file, if a removal took it meanwhile. */
export async function restoreBlob(dataDir: string, file: StagedFile): Promise<void> {
  if (!fs.existsSync(blobPath(dataDir, file.sha256))) await commitBlob(dataDir, file);
}

export async function discard(file: StagedFile): Promise<void> {
  await fsp.rm(file.tmpPath, { force: true });
}

/**
 * Removing a blob no row uses, in steps an upload of the same bytes can come between: setBlobAside moves it out of
 * its address (undefined: it was not there); then, if a row uses it after all, putBlobBack, else dropBlob.
 */
export async function setBlobAside(dataDir: string, sha256: string): Promise<string | undefined> {
  const aside = path.join(evidenceRoot(dataDir), 'tmp', `${sha256}-${crypto.randomBytes(8).toString('hex')}.removed`);
  await fsp.mkdir(path.dirname(aside), { recursive: true });
  try {
    await fsp.rename(blobPath(dataDir, sha256), aside);
    return aside;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** The blob set aside goes back to its address (unless an upload has put the same bytes there again). */
export async function putBlobBack(dataDir: string, sha256: string, aside: string): Promise<void> {
  if (fs.existsSync(blobPath(dataDir, sha256))) await fsp.rm(aside, { force: true });
  else await fsp.rename(aside, blobPath(dataDir, sha256));
}

export const dropBlob = (aside: string) => fsp.rm(aside, { force: true });

/** Put bytes made by the platform itself (the demo's files) into the store; returns their address. */
export async function writeBlob(dataDir: string, data: Buffer): Promise<string> {
  const sha256 = crypto.createHash('sha256').update(data).digest('hex');
  const dest = blobPath(dataDir, sha256);
  await fsp.mkdir(path.dirname(dest), { recursive: true });
  if (!fs.existsSync(dest)) await fsp.writeFile(dest, data);
  return sha256;
}
