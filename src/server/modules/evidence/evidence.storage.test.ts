/**
 * The name an uploaded file is kept under: no folders, no control or text-direction characters, its type checked;
 * and what a file of an accepted type may not carry inside (a program, a PDF attachment or launch action).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { demoPdf } from '../../seed/demo-pdf';
import { pdfWith, peProgram } from '../../test/executable.fixture';
import { checkType, sanitizeFileName } from './evidence.storage';

describe('sanitizeFileName', () => {
  it('drops folders, control characters and the bidirectional overrides that disguise a name', () => {
    expect(sanitizeFileName('C:\\fakepath\\现场照片.png')).toMatchObject({ name: '现场照片.png', ext: 'png' });
    expect(sanitizeFileName('../../etc/抽检报告.pdf').name).toBe('抽检报告.pdf');
    expect(sanitizeFileName('report\u202Efdp.pdf').name).toBe('reportfdp.pdf');
    expect(sanitizeFileName('通报\u2066\u0007.pdf').name).toBe('通报.pdf');
  });
  it('drops every bidirectional mark (Unicode Bidi_Control: also ALM, LRM, RLM), the C1 controls (NEL …) and the line and paragraph separators', () => {
    expect(sanitizeFileName('报告\u200F\u200E\u061C.pdf').name).toBe('报告.pdf');
    expect(sanitizeFileName('抽检\u0085\u009B通报.pdf').name).toBe('抽检通报.pdf');
    expect(sanitizeFileName('第一行\u2028第二行\u2029.png').name).toBe('第一行第二行.png');
    // what is text stays: an emoji's joiner, a full-width space between words
    expect(sanitizeFileName('团队👨\u200D👩照片\u3000终稿.jpg').name).toBe('团队👨\u200D👩照片\u3000终稿.jpg');
  });
  it('a name that is only its extension (.pdf, a hidden-file style name, or one whose every character is dropped) is kept as 佐证材料.pdf, not refused as having no extension', () => {
    for (const raw of ['.pdf', '..pdf', ' .PDF', '<>.pdf', 'C:\\scans\\.jpg']) {
      const ext = raw.slice(raw.lastIndexOf('.') + 1).toLowerCase();
      expect(sanitizeFileName(raw), raw).toEqual({ name: `佐证材料.${ext}`, ext });
    }
    expect(sanitizeFileName('.报告.pdf').name).toBe('报告.pdf');
    expect(() => sanitizeFileName('.exe')).toThrow('不支持的文件类型 .exe；');
    expect(() => sanitizeFileName('..')).toThrow('不支持的文件类型（文件没有扩展名）；');
  });
  it('a browser\'s form-data escapes in a name (%22 for ", %0D %0A for line breaks) come back as Chinese quotes in pairs, the breaks dropped', () => {
    expect(sanitizeFileName('关于%22质量月%22活动的通报.pdf').name).toBe('关于“质量月”活动的通报.pdf');
    expect(sanitizeFileName('关于"质量月"活动.pdf').name).toBe('关于“质量月”活动.pdf');
    expect(sanitizeFileName('第一行%0D%0A第二行.png').name).toBe('第一行第二行.png');
  });
  it('drops what a text field refuses (U+FFFF, zero-width spaces, a lone surrogate) and trailing dots; a Windows device name is kept apart', () => {
    expect(sanitizeFileName('报告\uFFFF\uFFFE.pdf').name).toBe('报告.pdf');
    expect(sanitizeFileName('报\u200B告\uFEFF.pdf').name).toBe('报告.pdf');
    expect(sanitizeFileName('报告\ud800.pdf').name).toBe('报告.pdf');
    expect(sanitizeFileName('报告.pdf.').name).toBe('报告.pdf');
    expect(sanitizeFileName('报告.pdf. . ').name).toBe('报告.pdf');
    expect(sanitizeFileName('CON.pdf').name).toBe('CON_.pdf');
    expect(sanitizeFileName('com1.jpg').name).toBe('com1_.jpg');
    expect(sanitizeFileName('nul.tar.zip').name).toBe('nul_.tar.zip');
    expect(sanitizeFileName('console.pdf').name).toBe('console.pdf');
  });
  it('refuses a type outside the list in Chinese', () => {
    expect(() => sanitizeFileName('setup.exe')).toThrow(/不支持的文件类型 \.exe/);
  });
});

describe('checkType: a file of the right type that carries a program, an attachment or a launch action', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-evidence-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  /** the message checkType refuses `data` with as `name` (null: accepted) */
  const refusal = async (name: string, data: Buffer): Promise<string | null> => {
    const tmpPath = path.join(dir, crypto.randomBytes(6).toString('hex'));
    fs.writeFileSync(tmpPath, data);
    const { ext } = sanitizeFileName(name);
    try {
      await checkType({ tmpPath, sha256: '', size: data.length, head: data.subarray(0, 16) }, ext, name);
      return null;
    } catch (e) {
      return (e as Error).message;
    }
  };

  it('a PDF with a Windows program in its middle, an attachment, a launch action: refused in Chinese with what to upload instead', async () => {
    const exe = pdfWith([{ dict: '<< /Type /XObject /Subtype /Image /Width 8 /Height 8 >>', data: peProgram() }]);
    expect(await refusal('通报.pdf', exe)).toBe(
      `文件「通报.pdf」中夹带了 Windows 可执行程序（.exe 等，从第${exe.indexOf('MZ')}字节起），平台不接受；请上传由原文档直接导出（“另存为 PDF”）或扫描生成的 PDF`,
    );
    expect(await refusal('通报.pdf', pdfWith([{ dict: '<< /Type /EmbeddedFile >>', data: Buffer.from('a') }]))).toBe(
      '文件「通报.pdf」内嵌了附件（/EmbeddedFile），平台不接受带附件的 PDF；请去掉附件后重新导出为 PDF（或“打印”为 PDF），附件中的材料请作为单独的文件上传',
    );
    expect(await refusal('通报.pdf', pdfWith(['<< /S /Launch /F (calc.exe) >>'], '/OpenAction 6 0 R'))).toBe(
      '文件「通报.pdf」含有打开时启动其他程序的动作（/Launch），平台不接受；请上传由原文档直接导出（“另存为 PDF”）或扫描生成的 PDF',
    );
    expect(await refusal('通报.pdf', demoPdf(['Kaoping']))).toBeNull();
    expect(await refusal('通报.pdf', pdfWith([]))).toBeNull();
  });

  it('an image, an old Word file, a zip with a program: refused; what is ordinary passes', async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
    const withExe = Buffer.concat([png.subarray(0, 33), Buffer.from([0, 0, 4, 0]), Buffer.from('tEXt'), peProgram(), Buffer.alloc(4), png.subarray(33)]);
    expect(await refusal('现场.png', withExe)).toBe('文件「现场.png」中夹带了 Windows 可执行程序（.exe 等，从第41字节起），平台不接受；请上传相机、扫描仪或截图直接生成的图片');
    expect(await refusal('现场.png', png)).toBeNull();
    const zip = new JSZip();
    zip.file('材料/通报.pdf', demoPdf(['a']));
    zip.file('材料/打开我.exe', peProgram());
    expect(await refusal('材料.zip', await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }))).toBe(
      '文件「材料.zip」内含可执行程序或脚本「材料/打开我.exe」，平台不接受；请从压缩包中删除该文件后重新压缩上传',
    );
  });
});
