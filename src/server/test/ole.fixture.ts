/**
 * Test helper: a minimal compound file (Office 97-2003, OLE), built in memory (no binaries in the repository) — a v3
 * header sector and one 512-byte sector holding a directory entry named `stream` ('WordDocument', 'Workbook',
 * 'EncryptedPackage' …), which is all the upload checks (io/file-structure.ts) and the workbook kind
 * (io/excel/workbook-kind.ts) read. `tweak` changes the bytes before they are returned (a broken header, a web page
 * in the head).
 */
export function oleCompound(stream: string, tweak?: (b: Buffer) => void): Buffer {
  const b = Buffer.alloc(1024);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(b, 0);
  b.writeUInt16LE(0x3e, 0x18); // minor version
  b.writeUInt16LE(3, 0x1a); // major version 3: 512-byte sectors
  b.writeUInt16LE(0xfffe, 0x1c); // little-endian
  b.writeUInt16LE(9, 0x1e); // sector shift: 2^9
  b.writeUInt16LE(6, 0x20); // mini sector shift: 2^6
  b.writeUInt32LE(4096, 0x38); // mini stream cutoff
  // the directory's first entry (sector 0, right after the header): its name in UTF-16LE
  Buffer.from(`${stream}\u0000`, 'utf16le').copy(b, 512);
  tweak?.(b);
  return b;
}
