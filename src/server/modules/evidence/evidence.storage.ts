/**
 * Evidence files on disk (the embedded default): <dataDir>/evidence/<sha256[0..2]>/<sha256>, content-addressed,
 * so the same file uploaded twice is stored once. An upload streams to a temporary file while it is hashed and
 * measured; only a complete file that passes the type check is moved into place.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError, badRequest } from '../../http/errors';
import { EVIDENCE_EXTENSIONS, EVIDENCE_TYPES, formatBytes, type EvidenceExtension } from '../../../shared/contracts/evidence';

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
    await pipeline(source, meter, fs.createWriteStream(tmpPath));
    if (source.truncated) throw new TooLarge();
  } catch (e) {
    await fsp.rm(tmpPath, { force: true });
    const code = (e as { code?: string }).code;
    if (e instanceof TooLarge || code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError(413, 'too_large', `文件过大：佐证材料每个文件不超过 ${formatBytes(maxBytes)}`);
    }
    throw e;
  }
  return { tmpPath, sha256: hash.digest('hex'), size, head: Buffer.concat(heads).subarray(0, 16) };
}

const starts = (buf: Buffer, sig: number[]) => sig.every((b, i) => buf[i] === b);
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPG = [0xff, 0xd8, 0xff];
const ZIP = [0x50, 0x4b, 0x03, 0x04]; // PK\3\4 (docx, xlsx, ofd and zip are zip containers)
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]; // doc, xls

/** The names in a zip's central directory (read from the file's tail), enough to tell docx from xlsx from ofd. */
async function zipEntryNames(file: string, size: number): Promise<string> {
  const len = Math.min(size, 1024 * 1024);
  const fh = await fsp.open(file, 'r');
  try {
    const buf = Buffer.alloc(len);
    await fh.read(buf, 0, len, size - len);
    return buf.toString('latin1');
  } finally {
    await fh.close();
  }
}

const KIND_LABEL: Record<EvidenceExtension, string> = {
  pdf: 'PDF',
  ofd: 'OFD 版式文档',
  jpg: 'JPEG 图片',
  jpeg: 'JPEG 图片',
  png: 'PNG 图片',
  doc: 'Word 97-2003 文档',
  docx: 'Word 文档',
  xls: 'Excel 97-2003 工作簿',
  xlsx: 'Excel 工作簿',
  zip: 'ZIP 压缩包',
};

/** The file's real content must match its extension (a renamed file is refused). */
export async function checkType(file: StagedFile, ext: EvidenceExtension, fileName: string): Promise<string> {
  const h = file.head;
  let ok: boolean;
  switch (ext) {
    case 'pdf':
      ok = starts(h, PDF);
      break;
    case 'png':
      ok = starts(h, PNG);
      break;
    case 'jpg':
    case 'jpeg':
      ok = starts(h, JPG);
      break;
    case 'doc':
    case 'xls':
      ok = starts(h, OLE);
      break;
    case 'zip':
      ok = starts(h, ZIP);
      break;
    case 'docx':
    case 'xlsx':
    case 'ofd': {
      ok = starts(h, ZIP);
      if (ok) {
        const names = await zipEntryNames(file.tmpPath, file.size);
        ok = ext === 'docx' ? names.includes('word/') : ext === 'xlsx' ? names.includes('xl/') : names.includes('OFD.xml');
      }
      break;
    }
  }
  if (!ok) throw badRequest(`文件「${fileName}」的内容不是${KIND_LABEL[ext]}，与扩展名 .${ext} 不符；请上传原始文件，不要修改扩展名`, [{ field: 'file', message: `内容与扩展名 .${ext} 不符` }]);
  return EVIDENCE_TYPES[ext];
}

/** A safe display name: no folders, no control or reserved characters, at most 120 characters, extension kept. */
export function sanitizeFileName(raw: string): { name: string; ext: EvidenceExtension } {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  let name = base.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '').replace(/^[.\s]+/, '').trim();
  const dot = name.lastIndexOf('.');
  const ext = (dot >= 0 ? name.slice(dot + 1) : '').toLowerCase();
  if (!EVIDENCE_EXTENSIONS.includes(ext as EvidenceExtension)) {
    throw badRequest(
      `不支持的文件类型${ext ? ` .${ext}` : '（文件没有扩展名）'}；佐证材料只接受 ${EVIDENCE_EXTENSIONS.map((e) => `.${e}`).join('、')}`,
      [{ field: 'file', message: `允许的类型：${EVIDENCE_EXTENSIONS.join('、')}` }],
    );
  }
  let stem = name.slice(0, dot).trim();
  if (!stem) stem = '佐证材料';
  if (stem.length > 120) stem = stem.slice(0, 120);
  name = `${stem}.${ext}`;
  return { name, ext: ext as EvidenceExtension };
}

/** Move a checked temporary file into its content address (dedupe: an existing blob is kept). */
export async function commitBlob(dataDir: string, file: StagedFile): Promise<void> {
  const dest = blobPath(dataDir, file.sha256);
  await fsp.mkdir(path.dirname(dest), { recursive: true });
  if (fs.existsSync(dest)) {
    await fsp.rm(file.tmpPath, { force: true });
    return;
  }
  await fsp.rename(file.tmpPath, dest);
}

export async function discard(file: StagedFile): Promise<void> {
  await fsp.rm(file.tmpPath, { force: true });
}

export async function removeBlob(dataDir: string, sha256: string): Promise<void> {
  await fsp.rm(blobPath(dataDir, sha256), { force: true });
}
