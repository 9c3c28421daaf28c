import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { executableIn, htmlInHead, jpegStructure, oleStructure, pdfActiveContent, pdfStructure, pngStructure, zipStructure } from './file-structure';
import { deflatedZeros, rawZip } from '../test/zip.fixture';
import { oleCompound as ole } from '../test/ole.fixture';
import { elfProgram, objectStream, pdfWith, peProgram } from '../test/executable.fixture';
import { demoPdf } from '../seed/demo-pdf';
import { unit, view } from '../test/results.fixture';
import { feedbackDocx } from './word/results-docs';
import { ZipGuardError } from './zip-guard';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n');
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1'), Buffer.from([0xff, 0xd9])]);
const HTML = Buffer.from('<html><body><script>alert(document.cookie)</script></body></html>');

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
    expect(pngStructure(Buffer.concat([PNG, HTML]))).toBe(`PNG 的结束标记之后还有${HTML.length}字节的其他数据`);
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
    expect((e as ZipGuardError).message).toBe('中的「材料.pdf」解压后超过上限200 MB（按实际解压出的内容计算）');
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

/** bytes that look random (a compressed image's, a font's) but are the same on every run */
function noise(n: number): Buffer {
  const out: Buffer[] = [];
  let h = Buffer.from('kaoping');
  for (let len = 0; len < n; len += 32) out.push((h = crypto.createHash('sha256').update(h).digest()));
  return Buffer.concat(out).subarray(0, n);
}

const soffice = ['/usr/bin/soffice', '/usr/local/bin/soffice', '/usr/lib/libreoffice/program/soffice'].find((p) => fs.existsSync(p));

describe('a PDF that carries a program, an attachment or a launch action', () => {
  const what = async (b: Buffer) => (await pdfActiveContent(b))?.what ?? null;

  it('ordinary PDFs pass: the demo data’s own, one with a binary stream, one with an object stream', async () => {
    expect(pdfStructure(demoPdf(['Kaoping demo', 'line 2']))).toBeNull();
    expect(await pdfActiveContent(demoPdf(['Kaoping demo', 'line 2']))).toBeNull();
    expect(await pdfActiveContent(PDF)).toBeNull();
    // 4 MB of random-looking image data: "MZ" and 0x7f"ELF" occur by chance, a whole program header does not
    const image = pdfWith([{ dict: '<< /Type /XObject /Subtype /Image /Width 1024 /Height 1024 /BitsPerComponent 8 /ColorSpace /DeviceRGB /Filter /DCTDecode >>', data: noise(4 * 1024 * 1024) }]);
    expect(pdfStructure(image)).toBeNull();
    expect(await pdfActiveContent(image)).toBeNull();
    expect(await pdfActiveContent(pdfWith([objectStream(['<< /Type /Annot /Subtype /Link /A << /S /URI /URI (https://www.samr.gov.cn/) >> >>'], 7)]))).toBeNull();
  });

  it('a Windows or Linux program inside the file', async () => {
    const exe = pdfWith([{ dict: '<< /Type /XObject /Subtype /Image /Width 8 /Height 8 >>', data: Buffer.concat([noise(1000), peProgram()]) }]);
    expect(pdfStructure(exe)).toBeNull(); // header and trailer are a PDF's: the old check let it through
    const at = exe.indexOf(peProgram().subarray(0, 64));
    expect(await pdfActiveContent(exe)).toEqual({
      what: `中夹带了 Windows 可执行程序（.exe 等，从第${at}字节起）`,
      advice: '请上传由原文档直接导出（“另存为 PDF”）或扫描生成的 PDF',
    });
    // a program simply pasted between two objects, not even in a stream
    const pasted = Buffer.concat([PDF.subarray(0, 40), elfProgram(), PDF.subarray(40)]);
    expect(await what(pasted)).toBe('中夹带了 Linux 可执行程序（ELF，从第40字节起）');
  });

  it('an embedded file, a file attachment annotation, a launch action — also spelled with #xx escapes or hidden in a compressed object stream', async () => {
    const embedded = pdfWith([{ dict: '<< /Type /EmbeddedFile /Subtype /application#2Fx-msdownload >>', data: peProgram() }]);
    expect((await pdfActiveContent(embedded))?.what).toMatch(/可执行程序/); // the program itself is found first
    const attached = pdfWith(['<< /Type /Filespec /F (setup.txt) /EF << /F 7 0 R >> >>', { dict: '<< /Type /EmbeddedFile >>', data: Buffer.from('hello') }], '/Names << /EmbeddedFiles << /Names [(setup.txt) 6 0 R] >> >>');
    expect(await pdfActiveContent(attached)).toEqual({
      what: '内嵌了附件（/EmbeddedFiles）',
      refused: '平台不接受带附件的 PDF',
      advice: '请去掉附件后重新导出为 PDF（或“打印”为 PDF），附件中的材料请作为单独的文件上传',
    });
    expect(await what(pdfWith(['<< /Type /Annot /Subtype /FileAttachment /FS 7 0 R /Rect [0 0 10 10] >>']))).toBe('内嵌了附件（/FileAttachment）');
    expect(await what(pdfWith([{ dict: '<< /Type /Embedded#46ile >>', data: Buffer.from('x') }]))).toBe('内嵌了附件（/EmbeddedFile）');
    const launch = pdfWith(['<< /S /Launch /F (cmd.exe) /Win << /F (cmd.exe) /P (/c calc) >> >>'], '/OpenAction 6 0 R');
    expect(await pdfActiveContent(launch)).toEqual({ what: '含有打开时启动其他程序的动作（/Launch）', advice: '请上传由原文档直接导出（“另存为 PDF”）或扫描生成的 PDF' });
    expect(await what(pdfWith(['<< /S /L#61unch /F (cmd.exe) >>']))).toBe('含有打开时启动其他程序的动作（/Launch）');
    // PDF 1.5 object streams: the action's dictionary compressed, out of sight of a byte search
    const hidden = pdfWith([objectStream(['<< /S /Launch /F (cmd.exe) >>'], 7)], '/OpenAction 7 0 R');
    expect(hidden.includes('Launch')).toBe(false);
    expect(await what(hidden)).toBe('含有打开时启动其他程序的动作（/Launch）');
    // the word in a page's text is not an action
    expect(await pdfActiveContent(pdfWith([], '/Lang (zh-CN)'))).toBeNull();
    expect(await pdfActiveContent(Buffer.from('%PDF-1.4\n1 0 obj << /Title (Launch plan / EmbeddedFile notes) >> endobj\n%%EOF\n'))).toBeNull();
  });

  it('a broken object stream is passed over; one that inflates past 64 MB is a bomb, refused quickly', async () => {
    const broken = pdfWith([{ dict: '<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode >>', data: Buffer.from('not deflate at all') }]);
    expect(await pdfActiveContent(broken)).toBeNull();
    const bomb = pdfWith([{ dict: '<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode >>', data: zlib.deflateSync(Buffer.alloc(300 * 1024 * 1024)) }]);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const started = Date.now();
    expect(await what(bomb)).toBe('中压缩的对象数据解压后超过64 MB，结构异常，不是正常的 PDF 文档');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it.skipIf(!soffice)('a PDF made by LibreOffice from a .docx the platform exports (with a chart) passes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-pdf-'));
    try {
      const changsha = unit({});
      const docx = await feedbackDocx(view([changsha, unit({ unitId: 2, unitCode: '430200', unitName: '株洲市', total: '80', grade: 'B', rank: 2 })]), changsha, { name: '湖南省质量强省领导小组办公室', shortName: '省质强办', unitsWord: '市州' }, { date: '2023-09-01', evaluators: new Map() });
      fs.writeFileSync(path.join(dir, '反馈.docx'), docx);
      const r = spawnSync(soffice!, [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, path.join(dir, '反馈.docx')], { timeout: 120_000 });
      expect(r.status, String(r.stderr)).toBe(0);
      const pdf = fs.readFileSync(path.join(dir, '反馈.pdf'));
      expect(pdf.includes('/XObject')).toBe(true); // the chart came through as an image
      expect(pdfStructure(pdf)).toBeNull();
      expect(await pdfActiveContent(pdf)).toBeNull();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});

describe('programs inside the other kinds of evidence', () => {
  it('an image or an Office 97-2003 file with a program inside', () => {
    const png = Buffer.concat([PNG.subarray(0, 33), Buffer.from([0, 0, 4, 0]), Buffer.from('tEXt'), peProgram(), Buffer.alloc(4), PNG.subarray(33)]);
    expect(executableIn(png)).toBe('中夹带了 Windows 可执行程序（.exe 等，从第41字节起）');
    expect(executableIn(Buffer.concat([ole('WordDocument'), elfProgram()]))).toBe('中夹带了 Linux 可执行程序（ELF，从第1024字节起）');
    expect(executableIn(noise(2 * 1024 * 1024))).toBeNull();
    expect(executableIn(PNG)).toBeNull();
  });

  it('a zip (or docx, xlsx, OFD) holding a program or a script is refused, naming the entry', async () => {
    for (const name of ['材料/setup.exe', 'run.BAT', 'a.cmd', 'x.js', '说明.vbs', 'screen.scr', '快捷方式.lnk', 'tool.msi', 'p.ps1']) {
      const e = await zipStructure(await zipOf({ '通报.pdf': PDF, [name]: 'echo' }), 'zip').catch((err: unknown) => err);
      expect(e, name).toBeInstanceOf(ZipGuardError);
      expect((e as ZipGuardError).message).toBe(`内含可执行程序或脚本「${name}」，平台不接受；请从压缩包中删除该文件后重新压缩上传`);
    }
    // a program under an innocent name
    const renamed = await zipStructure(await zipOf({ '照片.jpg': peProgram() }), 'zip').catch((err: unknown) => err);
    expect((renamed as ZipGuardError).message).toBe('内含的「照片.jpg」是 Windows 可执行程序（.exe 等），平台不接受；请从压缩包中删除该文件后重新压缩上传');
    // a Word file with a program packaged into an embedded object
    const docx = await zipOf({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>', 'word/embeddings/oleObject1.bin': Buffer.concat([ole('Ole10Native'), peProgram()]) });
    const inDocx = await zipStructure(docx, 'docx').catch((err: unknown) => err);
    expect((inDocx as ZipGuardError).message).toBe('内含的「word/embeddings/oleObject1.bin」中夹带了 Windows 可执行程序（.exe 等），平台不接受；请删除文档中嵌入的程序或对象后重新保存上传');
    // ordinary content passes: pictures, PDFs, a JavaScript-free OFD
    expect(await zipStructure(await zipOf({ '照片.jpg': JPEG, '通报.pdf': PDF, '数据.json': '{}', 'noise.bin': noise(256 * 1024) }), 'zip')).toEqual({ problem: null, actual: null });
  });

  it('a zip holding what Windows runs on a double click without any program header in its bytes (compiled help, a shortcut, a scriptlet, a console, a setup or settings file) is refused too', async () => {
    const names = ['帮助.chm', 'help.HLP', '通知链接.url', 'site.website', 'x.sct', 'x.wsc', 'x.ws', 'x.vb', 'setup.inf', 'console.msc', 'app.application', 'app.appref-ms', 'a.settingcontent-ms', 'w.gadget', 'b.xbap', 'scrap.shb', 'scrap.shs', 'lib.library-ms', 'search.searchconnector-ms', 'p.psc1', 'm.msh', 'm.mshxml'];
    for (const name of names) {
      const e = await zipStructure(await zipOf({ '通报.pdf': PDF, [name]: '[InternetShortcut]\r\nURL=file://server/share/run' }), 'zip').catch((err: unknown) => err);
      expect(e, name).toBeInstanceOf(ZipGuardError);
      expect((e as ZipGuardError).message).toBe(`内含可执行程序或脚本「${name}」，平台不接受；请从压缩包中删除该文件后重新压缩上传`);
    }
  });

  it('a zip holding a macro Office file, a script other systems run (shell, Python, an Android package) or a page (HTML, SVG) is refused; a Word file holding macros too, at any level', async () => {
    for (const name of ['a.docm', '报表.XLSM', 't.dotm', 'p.pptm', 'add.xlam', 'install.sh', 'a.py', 'app.apk', '说明.html', '页面.htm', 'a.svg', 'a.mht', 'x.php']) {
      const e = await zipStructure(await zipOf({ '通报.pdf': PDF, [name]: '#!/bin/sh' }), 'zip').catch((err: unknown) => err);
      expect(e, name).toBeInstanceOf(ZipGuardError);
      expect((e as ZipGuardError).message).toBe(`内含可执行程序或脚本「${name}」，平台不接受；请从压缩包中删除该文件后重新压缩上传`);
    }
    const macro = { '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>', 'word/vbaProject.bin': ole('VBA') };
    const told = '内含宏（VBA 程序「word/vbaProject.bin」），平台不接受；请在 Office 中另存为不含宏的 .docx 或 .xlsx 后上传';
    expect(((await zipStructure(await zipOf(macro), 'docx').catch((err: unknown) => err)) as ZipGuardError).message).toBe(told);
    const inZip = await zipStructure(await zipOf({ '报告.docx': await zipOf(macro) }), 'zip').catch((err: unknown) => err);
    expect((inZip as ZipGuardError).message).toBe('内含宏（VBA 程序「报告.docx/word/vbaProject.bin」），平台不接受；请在 Office 中另存为不含宏的 .docx 或 .xlsx 后上传');
    // an SVG picture is a Word file's own part (Word stores inserted icons so), in the file or in a zip
    const withIcon = await zipOf({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>', 'word/media/image1.svg': '<svg/>' });
    expect(await zipStructure(withIcon, 'docx')).toEqual({ problem: null, actual: 'docx' });
    expect(await zipStructure(await zipOf({ '报告.docx': withIcon, '数据.csv': 'a,b' }), 'zip')).toEqual({ problem: null, actual: null });
  });

  it('a script whose name ends in dots or spaces (Windows drops them on extraction: run.bat. becomes run.bat) is refused all the same', async () => {
    for (const name of ['run.bat.', 'run.bat ', '说明.vbs. . ', 'x.JS..']) {
      const e = await zipStructure(await zipOf({ '通报.pdf': PDF, [name]: 'echo' }), 'zip').catch((err: unknown) => err);
      expect(e, name).toBeInstanceOf(ZipGuardError);
      expect((e as ZipGuardError).message).toBe(`内含可执行程序或脚本「${name}」，平台不接受；请从压缩包中删除该文件后重新压缩上传`);
    }
    expect(await zipStructure(await zipOf({ '通报.pdf': PDF, '说明 .txt': 'x', 'batch. 数据.txt': 'x' }), 'zip')).toEqual({ problem: null, actual: null });
  });

  it('a program packed one or two levels deeper (a zip in the zip, a Word file in the zip) is found all the same', async () => {
    const refusal = async (buf: Buffer, kind: 'zip' | 'docx' = 'zip') => {
      const e = await zipStructure(buf, kind).catch((err: unknown) => err);
      expect(e).toBeInstanceOf(ZipGuardError);
      return (e as ZipGuardError).message;
    };
    const inner = await zipOf({ '说明.pdf': PDF, 'setup.exe': 'MZ' });
    expect(await refusal(await zipOf({ '通报.pdf': PDF, '附件.zip': inner }))).toBe('内含可执行程序或脚本「附件.zip/setup.exe」，平台不接受；请从压缩包中删除该文件后重新压缩上传');
    // two levels down, under an innocent name: found by its bytes
    const twoDown = await zipOf({ '材料.zip': await zipOf({ '照片.zip': await zipOf({ '照片.jpg': peProgram() }) }) });
    expect(await refusal(twoDown)).toBe('内含的「材料.zip/照片.zip/照片.jpg」是 Windows 可执行程序（.exe 等），平台不接受；请从压缩包中删除该文件后重新压缩上传');
    // a Word file in the zip, with a program in an embedded object
    const docx = await zipOf({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>', 'word/embeddings/oleObject1.bin': Buffer.concat([ole('Ole10Native'), elfProgram()]) });
    expect(await refusal(await zipOf({ '自评报告.docx': docx }))).toMatch(/^内含的「自评报告\.docx\/word\/embeddings\/oleObject1\.bin」中夹带了 Linux 可执行程序/);
    // a Word file whose embedded Excel chart carries the program
    const chart = await zipOf({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook/>', 'xl/embeddings/oleObject1.bin': Buffer.concat([ole('Ole10Native'), peProgram()]) });
    const withChart = await zipOf({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>', 'word/embeddings/chart1.xlsx': chart });
    expect(await refusal(withChart, 'docx')).toMatch(/^内含的「word\/embeddings\/chart1\.xlsx\/xl\/embeddings\/oleObject1\.bin」中夹带了 Windows 可执行程序/);
    // ordinary nested material passes, and the uploaded zip is still judged by its own entries
    const honest = await zipOf({ '通报.pdf': PDF, '照片.zip': await zipOf({ '照片.jpg': JPEG, '说明.docx': await zipOf({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' }) }) });
    expect(await zipStructure(honest, 'zip')).toEqual({ problem: null, actual: null });
  });
});
