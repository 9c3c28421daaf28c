/**
 * A spreadsheet that is not an .xlsx — OpenDocument, Excel 97-2003, a password-protected workbook, .xlsb, CSV or
 * text, an HTML or XML "xls" another system exported — is named for what it is, with what to do, by every
 * workbook import (申报表, 评分表, 荣誉名录导入表), from the one rule of workbook-kind.ts that their shared precheck applies.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { buildDeclarationWorkbook, parseDeclarationWorkbook } from './declaration-template';
import { parseHonoursSheet } from './honours-sheet';
import { parseScoringSheet } from './scoring-sheet';
import { oleCompound } from '../../test/ole.fixture';

/** An OpenDocument file as LibreOffice writes it: "mimetype" stored first, then the content and the manifest. */
async function openDocument(mimetype: string): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('mimetype', mimetype, { compression: 'STORE' });
  zip.file('content.xml', '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>');
  zip.file('META-INF/manifest.xml', '<manifest:manifest/>');
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

const reason = async (p: Promise<{ ok: boolean; problems?: { reason: string }[] }>) => {
  const r = await p;
  return r.ok ? null : r.problems![0].reason;
};

describe('a workbook that is not an .xlsx is named for what it is, by every import', () => {
  it('OpenDocument spreadsheet (.ods), and an .odt', async () => {
    const ods = await openDocument('application/vnd.oasis.opendocument.spreadsheet');
    const said = '这是 OpenDocument 表格（.ods），请在 WPS/Excel/LibreOffice 中另存为 .xlsx 后再上传';
    expect(await reason(parseDeclarationWorkbook(ods))).toBe(said);
    expect(await reason(parseScoringSheet(ods))).toBe(said);
    expect(await reason(parseHonoursSheet(ods))).toBe(said);
    expect(await reason(parseDeclarationWorkbook(await openDocument('application/vnd.oasis.opendocument.text')))).toBe(
      '这是 OpenDocument 文本（.odt），不是表格；请上传 .xlsx 格式的申报表',
    );
  });

  it('Excel 97-2003 (.xls), Word 97-2003 (.doc), a workbook with a password, another compound file', async () => {
    expect(await reason(parseScoringSheet(oleCompound('Workbook')))).toBe('这是 Excel 97-2003 工作簿（.xls），请在 WPS/Excel/LibreOffice 中另存为 .xlsx 后再上传');
    expect(await reason(parseHonoursSheet(oleCompound('Book')))).toBe('这是 Excel 97-2003 工作簿（.xls），请在 WPS/Excel/LibreOffice 中另存为 .xlsx 后再上传');
    expect(await reason(parseDeclarationWorkbook(oleCompound('WordDocument')))).toBe('这是 Word 97-2003 文档（.doc），不是 Excel 表格；请上传 .xlsx 格式的申报表');
    expect(await reason(parseDeclarationWorkbook(oleCompound('EncryptedPackage')))).toBe(
      '文件设置了打开密码（已加密），平台无法读取；请在 WPS/Excel 中取消密码（文件—信息—保护工作簿）后另存为 .xlsx 再上传',
    );
    expect(await reason(parseDeclarationWorkbook(oleCompound('Something')))).toBe('这是 Office 97-2003 格式的文件，不是 .xlsx；请在 WPS/Excel/LibreOffice 中另存为 .xlsx 后再上传');
  });

  it('CSV and other text, UTF-16 text, an HTML or XML table saved as “.xls”, an .xlsb', async () => {
    const csv = '这是 CSV 或文本文件，不是 Excel 工作簿；请在 WPS/Excel/LibreOffice 中打开后另存为 .xlsx 再上传';
    expect(await reason(parseDeclarationWorkbook(Buffer.from('考核领域,考核内容\n宏观质量,x\n')))).toBe(csv);
    expect(await reason(parseHonoursSheet(Buffer.from('\ufeff类别\t获奖单位\n鲁班奖\t某工程\n')))).toBe(csv);
    expect(await reason(parseHonoursSheet(Buffer.from('\ufeff类别,获奖单位\r\n', 'utf16le')))).toBe(csv);
    // GBK, as Excel on a Chinese Windows writes CSV: 类别,年度
    expect(await reason(parseScoringSheet(Buffer.from([0xc0, 0xe0, 0xb1, 0xf0, 0x2c, 0xc4, 0xea, 0xb6, 0xc8, 0x0d, 0x0a])))).toBe(csv);
    expect(await reason(parseScoringSheet(Buffer.from('<html><body><table><tr><td>评分</td></tr></table></body></html>')))).toBe(
      '这是网页（HTML）格式的表格（其他系统导出的“.xls”常是这种文件），请在 WPS/Excel 中打开后另存为 .xlsx 再上传',
    );
    expect(await reason(parseScoringSheet(Buffer.from('<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>')))).toBe(
      '这是 Excel 2003 XML 表格，请在 WPS/Excel 中打开后另存为 .xlsx 再上传',
    );
    const xlsb = new JSZip();
    xlsb.file('[Content_Types].xml', '<Types/>');
    xlsb.file('xl/workbook.bin', Buffer.alloc(16));
    expect(await reason(parseDeclarationWorkbook(await xlsb.generateAsync({ type: 'nodebuffer' })))).toBe('这是 Excel 二进制工作簿（.xlsb），请在 Excel/WPS 中另存为 .xlsx 后再上传');
    // bytes that are none of these keep the general message
    expect(await reason(parseDeclarationWorkbook(Buffer.from([0x00, 0x01, 0x02, 0x03, 0xff, 0xfe, 0x00, 0x00])))).toBe('文件不是 Excel（.xlsx）格式，请上传平台下载的申报表模板填写后的文件');
  });

  const soffice = ['/usr/bin/soffice', '/usr/local/bin/soffice', '/usr/lib/libreoffice/program/soffice'].find((p) => fs.existsSync(p));
  it.skipIf(!soffice)('the platform’s own declaration template, saved by LibreOffice as .ods, .xls and .csv, is named for each', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-ods-'));
    try {
      const xlsx = await buildDeclarationWorkbook({ cycleTitle: '2023年度考核', baseYear: 2022, departmentName: '省市场监督管理局', officeShortName: '省质强办', content: { indicators: [], bonuses: [] } });
      fs.writeFileSync(path.join(dir, '申报表.xlsx'), xlsx);
      const said: Record<string, string> = {
        ods: '这是 OpenDocument 表格（.ods），请在 WPS/Excel/LibreOffice 中另存为 .xlsx 后再上传',
        xls: '这是 Excel 97-2003 工作簿（.xls），请在 WPS/Excel/LibreOffice 中另存为 .xlsx 后再上传',
        csv: '这是 CSV 或文本文件，不是 Excel 工作簿；请在 WPS/Excel/LibreOffice 中打开后另存为 .xlsx 再上传',
      };
      for (const to of Object.keys(said)) {
        const r = spawnSync(soffice!, [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', to, '--outdir', dir, path.join(dir, '申报表.xlsx')], { timeout: 120_000 });
        expect(r.status, String(r.stderr)).toBe(0);
        expect(await reason(parseDeclarationWorkbook(fs.readFileSync(path.join(dir, `申报表.${to}`)))), to).toBe(said[to]);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it('a real .xlsx still goes through', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').getCell('A1').value = 'x';
    expect(await reason(parseScoringSheet(Buffer.from(await wb.xlsx.writeBuffer())))).toBe('缺少工作表「评分表」，请使用平台下载的评分表（评分页「下载评分表」）');
  });
});
