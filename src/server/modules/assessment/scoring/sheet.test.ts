/**
 * The scoring sheet (评分表 .xlsx) on SQLite and PostgreSQL: download prefilled, upload back all-or-nothing with
 * row-by-row Chinese problems, stale rows refused (409), another department's sheet refused, garbage refused.
 * The cycle is brought into the scoring phase as in scoring.test.ts (startScoring).
 */
import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { overlappingValidations } from '../../../test/xlsx-xml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeTestApp, named, openTestCycle, orgIds, raceAgainstHeld, testDialects, type Client, type TestApp } from '../../../test/helpers';
import { cycleAccess } from '../assessment.queries';
import { deflatedZeros, xlsxWith } from '../../../test/zip.fixture';
import { openScoring } from './scoring.commands';
import { sessionOrg } from '../../../core/session';
import { chinaDate } from '../../../../shared/deadline';
import { attachmentDisposition } from '../../../core/download';

async function startScoring(t: TestApp, office: Client, cycle: any): Promise<void> {
  const closed = await office.request('POST', `/api/cycles/${cycle.id}/transition`, { event: 'closeCollection', version: cycle.version });
  if (closed.status !== 200) throw new Error(`closeCollection: ${closed.status} ${JSON.stringify(closed.json)}`);
  const scheme = await t.db.db.selectFrom('scheme').selectAll().where('cycle_id', '=', cycle.id).executeTakeFirstOrThrow();
  const fw = JSON.parse(scheme.framework_json);
  const c3a = fw.sections.flatMap((s: any) => s.items).find((i: any) => i.code === '3').criteria[0];
  c3a.rule = { type: 'levels', levels: [0.5, 0.3, 0], labels: ['好', '中', '差'] };
  const now = new Date().toISOString();
  await t.db.db.updateTable('scheme').set({ status: 'published', framework_json: JSON.stringify(fw), published_at: now, version: scheme.version + 1 }).where('id', '=', scheme.id).execute();
  await t.db.db.updateTable('assessment_cycle').set({ status: 'scoring', updated_at: now }).where('id', '=', cycle.id).execute();
  const u = await t.db.db.selectFrom('app_user').selectAll().where('username', '=', 'office').executeTakeFirstOrThrow();
  const me = { id: u.id, username: 'office', displayName: u.display_name, role: 'office' as const, orgUnitId: u.org_unit_id, org: await sessionOrg(t.db.db, u.org_unit_id), mustChangePassword: false, sessionId: '', csrfToken: '' };
  await openScoring(t.db.db, await cycleAccess(t.db.db, me, cycle.id, chinaDate(new Date())), fw, new Date().toISOString());
}

function multipart(file: { name: string; data: Buffer }) {
  const b = `----kp${crypto.randomBytes(8).toString('hex')}`;
  const body = Buffer.concat([
    Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    file.data,
    Buffer.from(`\r\n--${b}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${b}` } };
}

/** the row of (unit name, key) in the sheet */
function rowOf(ws: ExcelJS.Worksheet, unit: string, key: string): number {
  for (let r = 4; r <= ws.rowCount; r++) if (ws.getCell(r, 2).text === unit && ws.getCell(r, 3).text === key) return r;
  throw new Error(`no row ${unit} ${key}`);
}

describe.each(testDialects())('the scoring sheet (评分表 .xlsx), on %s', (dialect) => {
  let t: TestApp;
  let office: Client, samr: Client, ndrc: Client;
  let cycle: any;
  let cs: number, yy: number;
  const sheetUrl = () => `/api/cycles/${cycle.id}/scoring/sheet.xlsx`;
  const download = async (c: Client) => {
    const r = await t.app.inject({ method: 'GET', url: sheetUrl(), headers: { cookie: c.cookie } });
    expect(r.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as any);
    return { wb, ws: wb.getWorksheet('评分表')!, headers: r.headers, raw: r.rawPayload };
  };
  const upload = async (c: Client, data: Buffer, name = '评分表.xlsx') => {
    const m = multipart({ name, data });
    return c.request('POST', `/api/cycles/${cycle.id}/scoring/upload`, m.body, m.headers);
  };
  const bytes = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());
  const scoreCount = async () => (await t.db.db.selectFrom('score').select('id').where('cycle_id', '=', cycle.id).execute()).length;
  const put = (c: Client, unit: number, key: string, body: Record<string, unknown>) => c.request('PUT', `/api/cycles/${cycle.id}/scores/${unit}/${key.replace('.', '/')}`, body);

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    ({ office, cycle } = await openTestCycle(t));
    await startScoring(t, office, cycle);
    [samr, ndrc] = await Promise.all(['samr', 'ndrc'].map((u) => login(t.app, u)));
    [cs, yy] = await orgIds(t.db, ['430100', '430600']);
  });
  afterAll(() => t.close());

  it('downloads the department sheet: one row per city × own key point, prefilled, key columns locked, validation per rule', async () => {
    expect((await put(samr, cs, '7.a', { answer: { score: 13 }, version: null, comment: '抽查合格率未达标' })).status).toBe(200);
    const { ws, headers, raw } = await download(samr);
    expect(headers['content-disposition']).toBe(attachmentDisposition(`${cycle.title}评分表（省市场监督管理局）.xlsx`));
    expect(ws.getRow(3).values).toEqual([undefined, '序号', '被考核单位', '编号', '考核要点', '分值', '填写方式', '评分', '扣分理由', '单位代码', '版本']);
    expect(ws.rowCount).toBe(3 + 14 * 6);
    const r = rowOf(ws, '长沙市', '7.a');
    expect([ws.getCell(r, 5).value, ws.getCell(r, 7).value, ws.getCell(r, 8).value, ws.getCell(r, 9).value, ws.getCell(r, 10).value]).toEqual([14.5, 13, '抽查合格率未达标', '430100', 1]);
    expect(ws.getCell(rowOf(ws, '岳阳市', '7.a'), 10).value).toBeNull();
    expect(ws.getCell(r, 7).protection?.locked).toBe(false);
    expect(ws.getCell(r, 8).protection?.locked).toBe(false);
    expect(ws.getCell(r, 3).protection?.locked ?? true).toBe(true); // locked is Excel's default
    const xml = await (await JSZip.loadAsync(raw)).file('xl/worksheets/sheet1.xml')!.async('string');
    expect(xml).toMatch(/<sheetProtection [^>]*sheet="1"/);
    expect(xml).toContain('<oddFooter>&amp;C第 &amp;P 页 共 &amp;N 页</oddFooter>');
    // one range per key point's run of rows and one for the reasons, none sharing a cell (Excel's repair prompt)
    expect(overlappingValidations(xml)).toEqual([]);
    expect([...xml.matchAll(/<dataValidation\b[^>]*sqref="([^"]+)"/g)].map((m) => m[1]).sort()).toEqual(['G4:G17', 'G18:G31', 'G32:G45', 'G46:G59', 'G60:G73', 'G74:G87', 'H4:H87'].sort());
    expect(xml.match(/<col [^>]*hidden="1"[^>]*>/g)!.join()).toMatch(/min="9".*max="(9|10)"/);
    expect(ws.getCell(r, 7).dataValidation).toMatchObject({ type: 'decimal', operator: 'between', formulae: [0, 14.5] });
    expect(ws.getCell(rowOf(ws, '长沙市', '3.a'), 7).dataValidation).toMatchObject({ type: 'list', formulae: ['"0.5,0.3,0"'] });
    expect(ws.getCell(rowOf(ws, '长沙市', '21.a'), 7).dataValidation).toMatchObject({ type: 'list', formulae: ['"是,否"'] });
    expect(ws.getCell(rowOf(ws, '长沙市', '3.a'), 6).text).toBe('填档次分值：0.5、0.3、0（0.5=好，0.3=中，0=差）');
    // the office scores none of the 2022 key points here; a city may not download
    expect((await t.app.inject({ method: 'GET', url: sheetUrl(), headers: { cookie: (await login(t.app, 'changsha')).cookie } })).statusCode).toBe(403);
  });

  it('uploads a filled sheet: every row written in one transaction, one audit row with the count; unchanged rows are not written', async () => {
    const { wb, ws } = await download(samr);
    ws.getCell(rowOf(ws, '岳阳市', '7.a'), 7).value = 14.5;
    ws.getCell(rowOf(ws, '岳阳市', '5.a'), 7).value = '4';
    ws.getCell(rowOf(ws, '岳阳市', '5.a'), 8).value = '质量安全事件处置不及时';
    ws.getCell(rowOf(ws, '岳阳市', '3.a'), 7).value = 0.5;
    ws.getCell(rowOf(ws, '岳阳市', '21.a'), 7).value = '否';
    ws.getCell(rowOf(ws, '岳阳市', '21.b'), 7).value = '是';
    const before = await scoreCount();
    const r = await upload(samr, await bytes(wb));
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ saved: 5, unchanged: 1 });
    expect(await scoreCount()).toBe(before + 5);
    const grid = (await samr.request('GET', `/api/cycles/${cycle.id}/scoring/grid`)).json;
    const yy5 = grid.cells.find((c: any) => c.unitId === yy && c.itemCode === '5');
    expect(yy5).toMatchObject({ answer: { score: 4 }, comment: '质量安全事件处置不及时', score: '4', version: 1 });
    expect(grid.cells.find((c: any) => c.unitId === yy && c.itemCode === '21' && c.criterionCode === 'b')).toMatchObject({ answer: true, score: '0.5' });
    const audits = await t.db.db.selectFrom('audit_log').selectAll().where('action', '=', 'score.upload').execute();
    expect(audits).toHaveLength(1);
    expect(JSON.parse(audits[0].after_json!)).toMatchObject({ fileName: '评分表.xlsx', count: 5, unchanged: 1 });
  });

  it('refuses bad rows all together, naming the row, the column and what to fix; stores nothing', async () => {
    const { wb, ws } = await download(samr);
    const noReason = rowOf(ws, '株洲市', '7.a');
    ws.getCell(noReason, 7).value = 12;
    const badText = rowOf(ws, '株洲市', '21.a');
    ws.getCell(badText, 7).value = '也许';
    const over = rowOf(ws, '株洲市', '5.a');
    ws.getCell(over, 7).value = 9;
    ws.getCell(over, 8).value = '超出';
    const fine = rowOf(ws, '湘潭市', '7.a');
    ws.getCell(fine, 7).value = 14.5;
    // the score typed into the reason column: figures alone are no reason (the grid's rule, shared)
    const digits = rowOf(ws, '衡阳市', '7.a');
    ws.getCell(digits, 7).value = 12;
    ws.getCell(digits, 8).value = 12;
    // the locked unit code changed under a unit of the assessment: the row is good, the code is not (not 「请删除此行」)
    const recoded = rowOf(ws, '邵阳市', '7.a');
    const shaoyang = String(ws.getCell(recoded, 9).value);
    ws.getCell(recoded, 9).value = '439999';
    const before = await scoreCount();
    const r = await upload(samr, await bytes(wb));
    expect(r.status).toBe(400);
    expect(r.json.message).toBe('上传的评分表有5处问题，未导入任何评分；请按列表修改后重新上传');
    expect(r.json.fields.find((f: any) => f.field === `评分表·第${recoded}行·单位代码`)?.message).toBe(`「邵阳市」的单位代码被改动（应为${shaoyang}，表中为439999），请重新下载评分表后再填`);
    expect(r.json.fields).toEqual([
      { field: `评分表·第${Math.min(over, noReason, badText, digits)}行·${Math.min(over, badText) < Math.min(noReason, digits) ? '评分' : '扣分理由'}`, message: expect.any(String) },
      expect.anything(),
      expect.anything(),
      expect.anything(),
      expect.anything(),
    ]);
    const byRow = new Map(r.json.fields.map((f: any) => [f.field, f.message]));
    expect(byRow.get(`评分表·第${noReason}行·扣分理由`)).toBe('株洲市「7.a 产品质量安全保障」失分2.5分，请填写扣分理由');
    expect(byRow.get(`评分表·第${digits}行·扣分理由`)).toBe('衡阳市「7.a 产品质量安全保障」的扣分理由「12」只有数字或符号，请用文字写明失分原因');
    expect(byRow.get(`评分表·第${badText}行·评分`)).toBe('株洲市「21.a 质量工作真抓实干督查激励」：「也许」无法识别，请填「是」或「否」');
    expect(byRow.get(`评分表·第${over}行·评分`)).toMatch(/^株洲市「5\.a 加强质量技术基础」：分数9超出范围/);
    expect(await scoreCount()).toBe(before);
  });

  it('a changed 编号 is refused naming the key point as the objections do (its code and item, quoted), not a bare 7.a', async () => {
    const { wb, ws } = await download(samr);
    // another department's key point, a code the scheme does not hold, and a key point twice for one unit
    const others = rowOf(ws, '株洲市', '3.a');
    ws.getCell(others, 3).value = '2.a';
    const unknown = rowOf(ws, '湘潭市', '3.a');
    ws.getCell(unknown, 3).value = '7.z';
    const [hy5, hy7] = [rowOf(ws, '衡阳市', '5.a'), rowOf(ws, '衡阳市', '7.a')];
    ws.getCell(hy5, 3).value = '7.a';
    const [first, second] = [Math.min(hy5, hy7), Math.max(hy5, hy7)];
    const before = await scoreCount();
    const r = await upload(samr, await bytes(wb));
    expect(r.status).toBe(400);
    const byRow = new Map(r.json.fields.map((f: any) => [f.field, f.message]));
    expect(byRow.get(`评分表·第${others}行·编号`)).toBe('考核要点「2.a 加强品牌建设」由省发展改革委评分，不是本部门的，请删除此行');
    expect(byRow.get(`评分表·第${unknown}行·编号`)).toBe('考核方案中没有考核要点「7.z」，请使用平台下载的评分表');
    expect(byRow.get(`评分表·第${second}行·编号`)).toBe(`衡阳市「7.a 产品质量安全保障」与第${first}行重复，请删除其中一行`);
    expect(await scoreCount()).toBe(before);
  });

  it("a cell the file cannot give (a formula saved without its result) and another row's rule problem come in one answer, the cell named once", async () => {
    const { wb, ws } = await download(samr);
    const formula = rowOf(ws, '邵阳市', '7.a');
    ws.getCell(formula, 7).value = { formula: '14.5-1' } as never;
    const over = rowOf(ws, '邵阳市', '5.a');
    ws.getCell(over, 7).value = 9;
    ws.getCell(over, 8).value = '超出';
    const before = await scoreCount();
    const r = await upload(samr, await bytes(wb));
    expect([r.status, r.json.message]).toEqual([400, '上传的评分表有2处问题，未导入任何评分；请按列表修改后重新上传']);
    const byRow = new Map(r.json.fields.map((f: any) => [f.field, f.message]));
    expect(byRow.get(`评分表·第${formula}行·评分`)).toMatch(/^单元格是公式（=14\.5-1），文件中没有它的计算结果/);
    expect(byRow.get(`评分表·第${over}行·评分`)).toMatch(/^邵阳市「5\.a 加强质量技术基础」：分数9超出范围/);
    expect(await scoreCount()).toBe(before);
  });

  it('a reason holding a control character (Excel writes it _x0000_, read back as NUL) or U+FFFF is refused at its cell, not stored', async () => {
    const { wb, ws } = await download(samr);
    const rows = [rowOf(ws, '邵阳市', '5.a'), rowOf(ws, '常德市', '5.a'), rowOf(ws, '益阳市', '5.a'), rowOf(ws, '郴州市', '5.a')];
    ['处置_x0000_不及时', '处置不及时_xFFFF_', '处置_xD800_不及时', '处置\u200b不及时'].forEach((reason, i) => {
      ws.getCell(rows[i], 7).value = 4;
      ws.getCell(rows[i], 8).value = reason;
    });
    const before = await scoreCount();
    const r = await upload(samr, await bytes(wb));
    expect([r.status, r.json.message]).toEqual([400, '上传的评分表有4处问题，未导入任何评分；请按列表修改后重新上传']);
    for (const row of rows) expect(r.json.fields).toContainEqual({ field: `评分表·第${row}行·扣分理由`, message: expect.stringContaining('含有不允许的控制字符或不可见字符') });
    expect(await scoreCount()).toBe(before);
  });

  it("refuses a row changed by someone since the download (409), and another department's sheet (403)", async () => {
    const { wb, ws } = await download(samr);
    // after the download, the same account changes 岳阳市 5.a in another window
    expect((await put(samr, yy, '5.a', { answer: { score: 4.5 }, version: 1, comment: '复核后调整' })).status).toBe(200);
    const stale = rowOf(ws, '岳阳市', '5.a');
    ws.getCell(stale, 7).value = 3;
    ws.getCell(stale, 8).value = '离线填写';
    ws.getCell(rowOf(ws, '衡阳市', '7.a'), 7).value = 14.5;
    const before = await scoreCount();
    const r = await upload(samr, await bytes(wb));
    expect(r.status).toBe(409);
    expect(r.json.message).toBe('有1项评分在下载评分表后已由您在其他窗口修改，为免覆盖，未导入任何评分；请重新下载评分表后再填');
    expect(r.json.fields).toMatchObject([{ field: `评分表·第${stale}行·评分`, message: expect.stringMatching(named('岳阳市「5.a 加强质量技术基础」：下载评分表后已由您在其他窗口于<T>修改（现为「4.5」，扣分理由「复核后调整」），为免覆盖未导入；请重新下载评分表后再填')) }]);
    expect(await scoreCount()).toBe(before);
    // an untouched row of a cell changed since is not a conflict: it is the stored value's old text, but not changed by the upload
    const again = await download(samr);
    again.ws.getCell(rowOf(again.ws, '衡阳市', '7.a'), 7).value = 14.5;
    expect((await upload(samr, await bytes(again.wb))).json).toEqual({ saved: 1, unchanged: 6 });

    const wrong = await upload(ndrc, await bytes(wb));
    expect(wrong.status).toBe(403);
    expect(wrong.json.message).toBe('这不是本部门的评分表（其中的考核要点由省市场监督管理局评分）；请在本部门的评分页下载评分表后填写');
  });

  it('a row cleared since the download: 409 naming who cleared it and when, stores nothing', async () => {
    const { wb, ws } = await download(samr);
    const row = rowOf(ws, '岳阳市', '5.a');
    const version = Number(ws.getCell(row, 10).value);
    expect(version).toBeGreaterThan(0);
    // after the download, the same account clears 岳阳市 5.a in another window
    expect((await samr.request('DELETE', `/api/cycles/${cycle.id}/scores/${yy}/5/a?version=${version}`)).status).toBe(200);
    ws.getCell(row, 7).value = 4;
    ws.getCell(row, 8).value = '离线填写';
    const before = await scoreCount();
    const r = await upload(samr, await bytes(wb));
    expect([r.status, r.json.message]).toEqual([409, '有1项评分在下载评分表后已由您在其他窗口清除，为免覆盖，未导入任何评分；请重新下载评分表后再填']);
    expect(r.json.fields).toMatchObject([{ field: `评分表·第${row}行·评分`, message: expect.stringMatching(named('岳阳市「5.a 加强质量技术基础」：下载评分表后已由您在其他窗口于<T>清除，为免误填未导入；请重新下载评分表后再填')) }]);
    expect(await scoreCount()).toBe(before);
    // put it back for the tests after this one
    expect((await put(samr, yy, '5.a', { answer: { score: 4.5 }, version: null, comment: '复核后调整' })).status).toBe(200);
  });

  it('a hidden version above the stored one was edited, not changed by someone since: 400 naming the column, stores nothing', async () => {
    const { wb, ws } = await download(samr);
    const row = rowOf(ws, '岳阳市', '5.a');
    const stored = Number(ws.getCell(row, 10).value);
    expect(stored).toBeGreaterThan(0);
    ws.getCell(row, 10).value = 99;
    ws.getCell(row, 7).value = 4;
    ws.getCell(row, 8).value = '改动版本号';
    const before = await scoreCount();
    const r = await upload(samr, await bytes(wb));
    expect([r.status, r.json.message]).toEqual([400, '上传的评分表有1处问题，未导入任何评分；请按列表修改后重新上传']);
    expect(r.json.fields).toEqual([{ field: `评分表·第${row}行·版本`, message: `岳阳市「5.a 加强质量技术基础」：隐藏列「版本」被改动（表中为99，平台记录为${stored}），请重新下载评分表后再填` }]);
    expect(await scoreCount()).toBe(before);
  });

  it('one sheet uploaded from two windows of one account at once: one is saved, the other is told its own other window changed the row', async () => {
    const { wb, ws } = await download(samr);
    const row = rowOf(ws, '邵阳市', '7.a');
    const file = async (score: number) => {
      ws.getCell(row, 7).value = score;
      ws.getCell(row, 8).value = `窗口 ${score}`;
      return bytes(wb);
    };
    const files = [await file(13), await file(12)];
    const rs = await Promise.all(files.map((f) => upload(samr, f)));
    expect(rs.map((r) => r.status).sort()).toEqual([200, 409]);
    // whichever check caught it: the rows judged after the other upload was written, or the write that found the row moved on
    expect(rs.find((r) => r.status === 409)!.json.message).toMatch(/(下载评分表后已由您在其他窗口修改|邵阳市「7\.a 产品质量安全保障」刚由您在其他窗口于\d{4}-\d{2}-\d{2} \d{2}:\d{2}修改)，/);
  });

  it.runIf(dialect === 'postgres')('a new row scored in another transaction while the upload writes it (the unique key catches it): 409 naming the row and who, nothing saved', async () => {
    const { wb, ws } = await download(samr);
    const row = rowOf(ws, '娄底市', '7.a');
    expect(ws.getCell(row, 7).text).toBe(''); // not scored yet: the upload inserts it
    ws.getCell(row, 7).value = 12;
    ws.getCell(row, 8).value = '抽查合格率未达标';
    const [ld] = await orgIds(t.db, ['431300']);
    const me = await t.db.db.selectFrom('app_user').select(['id', 'org_unit_id']).where('username', '=', 'samr').executeTakeFirstOrThrow();
    const before = await scoreCount();
    // the same cell inserted and held uncommitted: the upload reads no score there (READ COMMITTED), its insert waits on
    // the key, and fails on it once the other commits
    const file = await bytes(wb);
    const r = await raceAgainstHeld(
      t.db,
      (trx) =>
        trx
          .insertInto('score')
          .values({ cycle_id: cycle.id, unit_id: ld, item_code: '7', criterion_code: 'a', department_id: me.org_unit_id, answer_json: JSON.stringify({ score: 13 }), comment: '另一窗口', version: 1, updated_by: me.id, updated_at: new Date().toISOString() })
          .execute(),
      () => upload(samr, file),
    );
    expect(r.status).toBe(409);
    expect(r.json.message).toMatch(named(`第${row}行娄底市「7.a 产品质量安全保障」刚由您在其他窗口于<T>修改，未导入任何评分；请重新下载评分表后再填`));
    expect(await scoreCount()).toBe(before + 1); // the other's score alone
  });

  it('merged cells and “同上”: a reason merged down or “同上” is the reason above, on each row; a merged score is refused, naming the range', async () => {
    const { wb, ws } = await download(samr);
    // 7.a of 常德市, 张家界市, 益阳市, 郴州市: four consecutive rows (the sheet goes key point by key point, city by city)
    const r = rowOf(ws, '常德市', '7.a');
    expect([1, 2, 3].map((i) => ws.getCell(r + i, 2).text)).toEqual(['张家界市', '益阳市', '郴州市']);
    [12, 13, 14.5, 12].forEach((v, i) => (ws.getCell(r + i, 7).value = v));
    ws.getCell(r, 8).value = '抽查合格率未达到年度目标';
    ws.mergeCells(r, 8, r + 2, 8); // what a person does to say “the same reason for these three”
    ws.getCell(r + 3, 8).value = '同上';
    const ok = await upload(samr, await bytes(wb));
    expect([ok.status, ok.json.saved]).toEqual([200, 4]);
    const grid = (await samr.request('GET', `/api/cycles/${cycle.id}/scoring/grid`)).json;
    const ids = await orgIds(t.db, ['430700', '430800', '430900', '431000']);
    const comment = (unit: number) => grid.cells.find((c: any) => c.unitId === unit && c.itemCode === '7' && c.criterionCode === 'a')?.comment;
    // the merged reason is on every row of the range (also 益阳市's full marks: it is what the sheet shows there), “同上” is the text it stands for
    expect(ids.map(comment)).toEqual(['抽查合格率未达到年度目标', '抽查合格率未达到年度目标', '抽查合格率未达到年度目标', '抽查合格率未达到年度目标']);

    const again = await download(samr);
    const w = again.ws;
    const q = rowOf(w, '永州市', '7.a');
    const s5 = rowOf(w, '常德市', '5.a');
    w.getCell(q, 7).value = 12;
    w.getCell(q, 8).value = '未达标';
    w.getCell(q + 1, 8).value = '未达标';
    w.mergeCells(q, 7, q + 1, 7); // one score for two cities
    w.getCell(q + 2, 7).value = 12;
    w.mergeCells(q + 2, 7, q + 2, 8); // a score and its reason in one cell
    w.mergeCells(s5, 9, s5 + 1, 9); // the hidden unit code
    w.getCell(s5 + 3, 7).value = '同上';
    w.getCell(4, 8).value = '同上'; // the first row: nothing above it
    w.getCell(s5 + 5, 7).value = 4;
    w.getCell(s5 + 5, 8).value = '同上'; // the row above has no reason
    const before = await scoreCount();
    const bad = await upload(samr, await bytes(again.wb));
    expect(bad.status).toBe(400);
    expect(bad.json.fields.map((f: any) => `${f.field}：${f.message}`).sort()).toEqual(
      [
        `评分表·第${q}行·评分：评分不能合并单元格（G${q}:G${q + 1}）：每个被考核单位的每个考核要点须分别评分；请取消合并，在每一行分别填写`,
        `评分表·第${q + 2}行·评分：不能跨列合并单元格（G${q + 2}:H${q + 2}）：评分、扣分理由各占一列；请取消合并，分别填写`,
        `评分表·第${s5}行·单位代码：单位代码列由平台生成，不能合并单元格（I${s5}:I${s5 + 1}）；请取消合并并恢复原内容，或重新下载评分表后填写`,
        `评分表·第${s5 + 3}行·评分：评分不能填“同上”：每个被考核单位的每个考核要点须分别评分；请填写本行的评分`,
        '评分表·第4行·扣分理由：扣分理由填的是“同上”，但这是第一行数据，上面没有可沿用的扣分理由；请填写扣分理由',
        `评分表·第${s5 + 5}行·扣分理由：扣分理由填的是“同上”，但上一行（第${s5 + 4}行）的扣分理由是空的；请填写扣分理由`,
      ].sort(),
    );
    expect(await scoreCount()).toBe(before);
  });

  it('refuses garbage: not a workbook, a PDF, an empty file, a workbook without the sheet', async () => {
    const before = await scoreCount();
    const cases: [Buffer, RegExp][] = [
      [Buffer.from('just text, not a workbook'), /^这是 CSV 或文本文件，不是 Excel 工作簿；请在 WPS\/Excel\/LibreOffice 中打开后另存为 \.xlsx 再上传$/],
      [Buffer.from([0x00, 0x01, 0x02, 0xff]), /不是 Excel（\.xlsx）格式，请上传平台下载的评分表模板/],
      [Buffer.from('%PDF-1.4\n%%EOF\n'), /这是 PDF 文件/],
      [Buffer.alloc(0), /文件为空/],
      [Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), crypto.randomBytes(300)]), /无法作为 \.xlsx 打开|已损坏/],
    ];
    for (const [data, msg] of cases) {
      const r = await upload(samr, data);
      expect(r.status, String(msg)).toBe(400);
      expect(r.json.fields[0].message).toMatch(msg);
    }
    // the declaration upload's guards: a zip bomb whose headers lie, a file over the size limit
    const bomb = await upload(samr, xlsxWith([{ name: 'xl/worksheets/sheet1.xml', data: deflatedZeros(1024), method: 8, declaredSize: 2048 }]));
    expect(bomb.status).toBe(400);
    expect(bomb.json.fields).toEqual([{ field: '文件', message: '文件解压后超过上限50 MB（按实际解压出的内容计算）；请只保留评分表内容，用 Excel/WPS 重新保存后上传' }]);
    const big = await upload(samr, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(6 * 1024 * 1024)]));
    expect(big.status).toBe(413);
    expect(big.json.message).toBe('文件过大：评分表不超过5 MB');
    const other = new ExcelJS.Workbook();
    other.addWorksheet('Sheet1').getCell('A1').value = '随便';
    const r = await upload(samr, await bytes(other));
    expect(r.status).toBe(400);
    expect(r.json.fields).toEqual([{ field: '评分表', message: '缺少工作表「评分表」，请使用平台下载的评分表（评分页「下载评分表」）' }]);
    expect(await scoreCount()).toBe(before);
  });
});
