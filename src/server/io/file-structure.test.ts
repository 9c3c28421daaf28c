import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { htmlInHead, jpegStructure, oleStructure, pdfStructure, pngStructure, zipStructure } from './file-structure';
import { deflatedZeros, rawZip } from '../test/zip.fixture';
import { ZipGuardError } from './zip-guard';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n');
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1'), Buffer.from([0xff, 0xd9])]);
const HTML = Buffer.from('<html><body><script>alert(document.cookie)</script></body></html>');

/** A minimal compound file: a v3 header sector and one sector holding a directory entry named `stream`. */
function ole(stream: string, tweak?: (b: Buffer) => void): Buffer {
  const b = Buffer.alloc(1024);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(b, 0);
  b.writeUInt16LE(0x3e, 0x18);
  b.writeUInt16LE(3, 0x1a);
  b.writeUInt16LE(0xfffe, 0x1c);
  b.writeUInt16LE(9, 0x1e);
  b.writeUInt16LE(6, 0x20);
  b.writeUInt32LE(4096, 0x38);
  Buffer.from(`${stream}\u0000`, 'utf16le').copy(b, 512);
  tweak?.(b);
  return b;
}

async function zipOf(files: Record<string, string | Buffer>): Promise<Buffer> {
  const z = new JSZip();
  for (const [name, data] of Object.entries(files)) z.file(name, data);
  return z.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

describe('whole-file structure', () => {
  it('PDF: header, no web page ahead of the content, %%EOF in the last KB', () => {
    expect(pdfStructure(PDF)).toBeNull();
    expect(pdfStructure(Buffer.concat([PDF, Buffer.alloc(1000, 0x20)]))).toBeNull(); // trailing whitespace within 1 KB
    expect(pdfStructure(Buffer.concat([Buffer.from('%PDF-1.4\n'), HTML, Buffer.from('\n%%EOF\n')]))).toBe('文件开头含有网页代码“<html”');
    expect(pdfStructure(Buffer.concat([Buffer.from('%PDF-1.4\n'), HTML]))).toBe('文件开头含有网页代码“<html”');
    expect(pdfStructure(Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\n'))).toBe('文件末尾缺少 PDF 的结束标记，文件不完整或不是真正的 PDF');
    expect(pdfStructure(Buffer.concat([PDF, Buffer.alloc(2048, 0x41)]))).toContain('缺少 PDF 的结束标记');
    expect(pdfStructure(Buffer.concat([HTML, PDF]))).toBe('文件开头不是 PDF 文件的标识');
  });

  it('PNG: chunks walked from IHDR to IEND, which must end the file', () => {
    expect(pngStructure(PNG)).toBeNull();
    expect(pngStructure(Buffer.concat([PNG, HTML]))).toBe(`PNG 的结束标记之后还有 ${HTML.length} 字节的其他数据`);
    expect(pngStructure(PNG.subarray(0, PNG.length - 12))).toBe('缺少 PNG 的结束标记，图片不完整');
    expect(pngStructure(PNG.subarray(0, 50))).toBe('PNG 图片的数据超出文件末尾，图片不完整');
    const noIhdr = Buffer.concat([PNG.subarray(0, 8), HTML]);
    expect(pngStructure(noIhdr)).toMatch(/图片数据无效|开头缺少图像信息/);
    expect(htmlInHead(Buffer.concat([PNG.subarray(0, 33), Buffer.from('\0\0\0\x20tEXt<script>alert(1)</script>')]))).toBe('文件开头含有网页代码“<script”');
  });

  it('JPEG: ends with FFD9, no web page in its first KB', () => {
    expect(jpegStructure(JPEG)).toBeNull();
    expect(jpegStructure(Buffer.concat([JPEG, Buffer.alloc(2000), HTML]))).toBe('文件末尾不是 JPEG 的结束标记，图片不完整或附加了其他数据');
    const comment = Buffer.concat([JPEG.subarray(0, 2), Buffer.from([0xff, 0xfe, 0x00, HTML.length + 2]), HTML, JPEG.subarray(2)]);
    expect(jpegStructure(comment)).toBe('文件开头含有网页代码“<html”');
  });

  it('Word/Excel 97-2003: a sane compound-file header and the right main stream', () => {
    expect(oleStructure(ole('WordDocument'), 'doc')).toBeNull();
    expect(oleStructure(ole('Workbook'), 'xls')).toBeNull();
    expect(oleStructure(ole('Book'), 'xls')).toBeNull();
    expect(oleStructure(ole('Workbook'), 'doc')).toBe('文件中没有 Word 文档内容');
    expect(oleStructure(ole('WordDocument'), 'xls')).toBe('文件中没有 Excel 工作簿内容');
    expect(oleStructure(ole('WordDocument', (b) => b.writeUInt16LE(12, 0x1e)), 'doc')).toBe('Office 97-2003 文件头的结构无效');
    expect(oleStructure(ole('WordDocument').subarray(0, 600), 'doc')).toBe('文件开头不是 Office 97-2003 文件头');
    expect(htmlInHead(ole('WordDocument', (b) => HTML.copy(b, 0x60)))).toBe('文件开头含有网页代码“<html”');
  });

  it('docx, xlsx, OFD: the zip guard passes and the main part is there; a .zip only needs the guard', async () => {
    const docx = await zipOf({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' });
    expect(await zipStructure(docx, 'docx')).toEqual({ problem: null, actual: 'docx' });
    expect(await zipStructure(docx, 'xlsx')).toEqual({ problem: '缺少 Excel 工作簿', actual: 'docx' });
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('表1').addRow(['a']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    expect(await zipStructure(xlsx, 'xlsx')).toEqual({ problem: null, actual: 'xlsx' });
    expect(await zipStructure(xlsx, 'docx')).toEqual({ problem: '缺少 Word 文档正文', actual: 'xlsx' });
    expect(await zipStructure(await zipOf({ 'word/document.xml': '<w:document/>' }), 'docx')).toEqual({ problem: '缺少文件内容清单，Word 文档正文不完整', actual: 'docx' });
    expect(await zipStructure(await zipOf({ 'OFD.xml': '<ofd:OFD/>', 'Doc_0/Document.xml': '<x/>' }), 'ofd')).toEqual({ problem: null, actual: 'ofd' });
    expect(await zipStructure(await zipOf({ 'Doc_0/Document.xml': '<x/>' }), 'ofd')).toEqual({ problem: '缺少 OFD 文档入口', actual: null });
    expect(await zipStructure(await zipOf({ '照片.jpg': JPEG }), 'zip')).toEqual({ problem: null, actual: null });
    // a Word file with an embedded Excel chart: the inner workbook is counted, not expanded
    expect(await zipStructure(await zipOf({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>', 'word/embeddings/chart.xlsx': xlsx }), 'docx')).toEqual({ problem: null, actual: 'docx' });
  });

  it('a .zip whose headers lie is stopped by the zip guard (200 MB of real output), quickly', async () => {
    const bomb = rawZip([{ name: '材料.pdf', data: deflatedZeros(1024), method: 8, declaredSize: 100 }]);
    const started = Date.now();
    const e = await zipStructure(bomb, 'zip').catch((err: unknown) => err);
    expect(e).toBeInstanceOf(ZipGuardError);
    expect((e as ZipGuardError).message).toBe('中的「材料.pdf」解压后超过上限 200 MB（按实际解压出的内容计算）');
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
