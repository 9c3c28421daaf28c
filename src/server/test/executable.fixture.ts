/**
 * Test helpers: the first bytes of a Windows (PE) and a Linux (ELF) program, and PDFs built around given object
 * bodies — enough for the upload checks to recognise, built in memory (no binaries in the repository).
 */
import zlib from 'node:zlib';

/** A DOS header whose e_lfanew points at a "PE\0\0" signature and an i386 COFF header, as every .exe begins. */
export function peProgram(size = 1024): Buffer {
  const b = Buffer.alloc(size, 0x90);
  b.write('MZ', 0, 'latin1');
  b.fill(0, 2, 0x40);
  b.writeUInt32LE(0x80, 0x3c);
  b.write('This program cannot be run in DOS mode.\r\r\n$', 0x4e, 'latin1');
  b.write('PE\0\0', 0x80, 'latin1');
  b.writeUInt16LE(0x14c, 0x84);
  return b;
}

/** An ELF header of a 64-bit little-endian executable. */
export function elfProgram(size = 512): Buffer {
  const b = Buffer.alloc(size, 0xcc);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]).copy(b, 0);
  b.writeUInt16LE(2, 16); // ET_EXEC
  b.writeUInt16LE(0x3e, 18); // x86-64
  b.writeUInt32LE(1, 20);
  return b;
}

/**
 * A one-page PDF with extra objects: each body is a dictionary string, or a stream { dict, data } (the
 * /Length is filled in). Cross-reference table and trailer as a real writer makes them.
 */
export function pdfWith(extra: (string | { dict: string; data: Buffer })[], catalogExtra = ''): Buffer {
  const parts: Buffer[] = [];
  let size = 0;
  const push = (b: Buffer | string) => {
    const buf = typeof b === 'string' ? Buffer.from(b, 'latin1') : b;
    parts.push(buf);
    size += buf.length;
  };
  const content = 'BT /F1 12 Tf 56 780 Td (Hello) Tj ET';
  const objects: (string | { dict: string; data: Buffer })[] = [
    `<< /Type /Catalog /Pages 2 0 R ${catalogExtra}>>`,
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    { dict: '<<', data: Buffer.from(content, 'latin1') },
    ...extra,
  ];
  push('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n');
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(size);
    if (typeof o === 'string') push(`${i + 1} 0 obj\n${o}\nendobj\n`);
    else {
      push(`${i + 1} 0 obj\n${o.dict.replace(/>>\s*$/, '')} /Length ${o.data.length} >>\nstream\n`);
      push(o.data);
      push('\nendstream\nendobj\n');
    }
  });
  const xref = size;
  push(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`);
  push(`trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return Buffer.concat(parts);
}

/** An object stream (/Type /ObjStm, Flate-compressed) holding the given object bodies, numbered from `first`. */
export function objectStream(bodies: string[], first: number): { dict: string; data: Buffer } {
  let offsets = '';
  let body = '';
  bodies.forEach((b, i) => {
    offsets += `${first + i} ${body.length} `;
    body += `${b}\n`;
  });
  const plain = offsets + body;
  return { dict: `<< /Type /ObjStm /N ${bodies.length} /First ${offsets.length} /Filter /FlateDecode >>`, data: zlib.deflateSync(Buffer.from(plain, 'latin1')) };
}
