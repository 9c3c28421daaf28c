/**
 * The first bytes that name a file's format: one list for every check of what a file really is (an upload's type
 * against its extension in modules/evidence, the structure checks in file-structure.ts, the workbook precheck in
 * excel/workbook-kind.ts, the zip guard's look for archives inside archives).
 */
export const SIGNATURES = {
  pdf: Buffer.from('%PDF-', 'latin1'),
  png: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  jpeg: Buffer.from([0xff, 0xd8, 0xff]),
  /** PK\3\4, a local file header: .docx, .xlsx, .ofd and .zip are zip containers */
  zip: Buffer.from([0x50, 0x4b, 0x03, 0x04]),
  /** PK\5\6, the end record alone: a zip with nothing in it */
  emptyZip: Buffer.from([0x50, 0x4b, 0x05, 0x06]),
  /** an OLE2 compound file: Office 97-2003 (.doc, .xls), and an Office file with an opening password */
  ole: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
} as const;

/** whether the bytes begin with the signature */
export const startsWith = (buf: Uint8Array, sig: Uint8Array): boolean => buf.length >= sig.length && sig.every((b, i) => buf[i] === b);
