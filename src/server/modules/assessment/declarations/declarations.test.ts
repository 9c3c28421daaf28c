import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as declarationTemplate from '../../../io/excel/declaration-template';
import { WorkbookTooComplex } from '../../../io/excel/workbook-worker';
import { deflate, deflatedZeros, xlsxWith } from '../../../test/zip.fixture';
import { daysFromToday, login, makeTestApp, named, openTestCycle, orgId, testDialects, type Client, type TestApp } from '../../../test/helpers';
import { addDays, formatDeadline } from '../../../../shared/deadline';

/** dates the server takes (a cycle's dates lie within a year of today), in place of far-off years it refuses */
const DEADLINE = daysFromToday(200);
const REOPENED = daysFromToday(30);
const REOPENED_LATER = daysFromToday(60);
import { attachmentDisposition } from '../../../core/download';

/** A multipart body with one file, as a browser sends it. */
function multipart(buf: Buffer, filename = 'shenbao.xlsx') {
  const boundary = `----kp${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
  );
  return { payload: Buffer.concat([head, buf, Buffer.from(`\r\n--${boundary}--\r\n`)]), boundary };
}

async function download(t: TestApp, c: Client, url: string) {
  const r = await t.app.inject({ method: 'GET', url, headers: { cookie: c.cookie } });
  return { status: r.statusCode, body: r.rawPayload, headers: r.headers };
}

async function docxText(buf: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(buf);
  const xml = await zip.file('word/document.xml')!.async('string');
  return xml.replace(/<w:tab\/>/g, '\t').replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, '');
}

const validRow = (over: Record<string, unknown> = {}) => ({
  domain: '宏观质量',
  item: '加强人才队伍建设',
  keyPoint: '建立“首席质量官”制度，开展质量管理培训与咨询服务。',
  criteria: [
    { text: '建立首席质量官制度', points: 0.2 },
    { text: '开展质量管理培训', points: 0.3 },
  ],
  points: 0.5,
  basis: '《质量强省建设纲要》',
  lastYearPoints: 0.5,
  sourceCode: '3.a',
  ...over,
});


/** A declaration moved as its page does: at the version the caller last read (the body must carry it). */
const moveAsSeen = async (c: Client, id: number, body: Record<string, unknown>) => {
  const { version } = (await c.request('GET', `/api/declarations/${id}`)).json;
  return c.request('POST', `/api/declarations/${id}/transition`, { ...body, version });
};

describe.each(testDialects())('declarations (申报), on %s', (dialect) => {
  let t: TestApp;
  let office: Client;
  let samr: Client;
  let ndrc: Client;
  let cycle: any;
  let samrDecl: any;
  let ndrcDecl: any;

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    ({ office, cycle } = await openTestCycle(t, { deadline: DEADLINE }));
    samr = await login(t.app, 'samr');
    ndrc = await login(t.app, 'ndrc');
    samrDecl = (await samr.request('GET', `/api/cycles/${cycle.id}/declarations`)).json.items[0];
    ndrcDecl = (await ndrc.request('GET', `/api/cycles/${cycle.id}/declarations`)).json.items[0];
  });
  afterAll(() => t.close());

  it('lists every invited department to the office and only its own to a department; a city sees none', async () => {
    const all = await office.request('GET', `/api/cycles/${cycle.id}/declarations`);
    expect(all.status).toBe(200);
    expect(all.json.items).toHaveLength(18);
    expect(all.json.counts).toMatchObject({ total: 18, draft: 18, submitted: 0, late: 0 });
    expect(all.json.items.map((i: any) => i.departmentName)).toContain('省市场监督管理局');
    expect(samrDecl).toMatchObject({ departmentCode: 'samr', status: 'draft', statusLabel: '草稿', late: false, indicatorCount: 3, bonusCount: 3, totalPoints: '20.5' });
    expect(samrDecl.actions).toEqual({ edit: true, submit: true, return: false, accept: false, reopen: false, remind: false });
    const mine = await samr.request('GET', `/api/cycles/${cycle.id}/declarations`);
    expect(mine.json.items.map((i: any) => i.departmentCode)).toEqual(['samr']);
    const city = await (await login(t.app, 'changsha')).request('GET', `/api/cycles/${cycle.id}/declarations`);
    expect(city.status).toBe(403);
    expect(city.json.message).toBe('考核对象不能查看成员单位的指标申报');
  });

  it('shows a declaration to its department and the office, and 404 to another department', async () => {
    const own = await samr.request('GET', `/api/declarations/${samrDecl.id}`);
    expect(own.status).toBe(200);
    expect(own.json.content.indicators.map((r: any) => r.sourceCode)).toEqual(['3.a', '5.a', '7.a']);
    expect(own.json).toMatchObject({ deadline: DEADLINE, dueDate: DEADLINE, open: true, returnReason: null, reopenedUntil: null });
    const other = await ndrc.request('GET', `/api/declarations/${samrDecl.id}`);
    expect(other.status).toBe(404);
    expect(other.json.message).toBe(`申报表${samrDecl.id}不存在或您无权查看`);
    const put = await ndrc.request('PUT', `/api/declarations/${samrDecl.id}`, { content: own.json.content, version: own.json.version });
    expect(put.status).toBe(404);
    const byOffice = await office.request('GET', `/api/declarations/${samrDecl.id}`);
    expect(byOffice.json.actions).toEqual({ edit: false, submit: false, return: false, accept: false, reopen: false, remind: true });
    const officePut = await office.request('PUT', `/api/declarations/${samrDecl.id}`, { content: own.json.content, version: own.json.version });
    expect(officePut.status).toBe(403);
  });

  it('saves drafts with a version, answers 409 with the other person’s content, and takes last year’s points from the base', async () => {
    const cur = (await samr.request('GET', `/api/declarations/${samrDecl.id}`)).json;
    const content = { ...cur.content, indicators: [validRow({ lastYearPoints: 99 }), ...cur.content.indicators.slice(1)] };
    const saved = await samr.request('PUT', `/api/declarations/${samrDecl.id}`, { content, version: cur.version });
    expect(saved.status).toBe(200);
    expect(saved.json.version).toBe(cur.version + 1);
    expect(saved.json.content.indicators[0].lastYearPoints).toBe(0.5); // not the 99 the client sent
    expect(saved.json.content.indicators[0].criteria).toEqual([
      { text: '建立首席质量官制度', points: 0.2 },
      { text: '开展质量管理培训', points: 0.3 },
    ]);
    // The same account's other window, still holding the old version, is told the save was its own:
    const stale = await samr.request('PUT', `/api/declarations/${samrDecl.id}`, { content: cur.content, version: cur.version });
    expect(stale.status).toBe(409);
    expect(stale.json.message).toMatch(named('申报表已由您在其他窗口于<T>保存，请查看对方保存的内容后重新加载'));
    expect(stale.json.current.version).toBe(cur.version + 1);
    expect(stale.json.current.content.indicators[0].criteria).toHaveLength(2);
    // Somebody else's key point of last year cannot be claimed.
    const foreign = await samr.request('PUT', `/api/declarations/${samrDecl.id}`, {
      content: { ...content, indicators: [validRow({ sourceCode: '1.a' })] },
      version: saved.json.version,
    });
    expect(foreign.status).toBe(400);
    expect(foreign.json.fields[0]).toEqual({
      field: 'content.indicators.0.sourceCode',
      message: '第1条指标的上年编号「1.a」不是本单位上年度的考核要点，请勿修改编号（新增指标请留空）',
    });
    const bad = await samr.request('PUT', `/api/declarations/${samrDecl.id}`, { content: { indicators: [validRow({ points: 'abc' })], bonuses: [] }, version: saved.json.version });
    expect(bad.status).toBe(400);
    expect(bad.json.fields.map((f: any) => f.field)).toEqual(['content.indicators.0.points']);
    const audit = await t.db.db.selectFrom('audit_log').selectAll().where('action', '=', 'declaration.save').where('entity_id', '=', String(samrDecl.id)).execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].before_json!).indicators[0].criteria).toEqual([]);
  });

  it('refuses points finer than two decimals, naming the field and the precision, and saves nothing of it', async () => {
    const cur = (await samr.request('GET', `/api/declarations/${samrDecl.id}`)).json;
    // 3.145 is not stored as 3.15 (the 申报 form's box used to round it unseen): refused, as the README says
    const finer = { indicators: [validRow({ points: 3.145, criteria: [{ text: '有部署', points: 3.145 }] })], bonuses: [] };
    const r = await samr.request('PUT', `/api/declarations/${samrDecl.id}`, { content: finer, version: cur.version });
    expect(r.status).toBe(400);
    expect(r.json.fields).toEqual([
      { field: 'content.indicators.0.criteria.0.points', message: '分值最多保留两位小数（填的是3.145），如3.15' },
      { field: 'content.indicators.0.points', message: '分值最多保留两位小数（填的是3.145），如3.15' },
    ]);
    expect(r.json.message).toBe(
      '填写的内容有误 — 申报内容 第1条指标 第1项要点考核内容 分值：分值最多保留两位小数（填的是3.145），如3.15；申报内容 第1条指标 分值：分值最多保留两位小数（填的是3.145），如3.15',
    );
    const after = (await samr.request('GET', `/api/declarations/${samrDecl.id}`)).json;
    expect([after.version, after.content]).toEqual([cur.version, cur.content]);
  });

  it('names a row as the form titles it (第N条指标), in a refused save and in the submission checks alike', async () => {
    const cur = (await samr.request('GET', `/api/declarations/${samrDecl.id}`)).json;
    // an emptied 考核内容 of the second row, and an empty bonus project: the save is refused naming the row as the card does
    const content = { indicators: [cur.content.indicators[0], { ...cur.content.indicators[1], item: '' }], bonuses: [{ project: ' ', standard: '加1分', basis: '' }] };
    const r = await samr.request('PUT', `/api/declarations/${samrDecl.id}`, { content, version: cur.version });
    expect(r.status).toBe(400);
    expect(r.json.message).toBe('填写的内容有误 — 申报内容 第2条指标 考核内容：请填写考核内容；申报内容 第1条加分项 加分项目：请填写加分项目');
    // the submission's checks say 第2条指标 too (not 「指标 第2项」 in one place and 「第2条指标」 in the other)
    const submit = await moveAsSeen(samr, samrDecl.id, { event: 'submit' });
    const msgs = Object.fromEntries(submit.json.fields.map((f: any) => [f.field, f.message]));
    expect(msgs['indicators.1.basis']).toBe('第2条指标：请填写指标依据（文件名称等）');
  });

  it('refuses a submission that fails the strict checks, listing each problem in Chinese', async () => {
    const prefilled = await moveAsSeen(samr, samrDecl.id, { event: 'submit' });
    expect(prefilled.status).toBe(400);
    const msgs = Object.fromEntries(prefilled.json.fields.map((f: any) => [f.field, f.message]));
    expect(msgs['indicators.1.criteria']).toBe('第2条指标：请填写要点考核内容（至少一条，每条注明分值）');
    expect(msgs['indicators.1.basis']).toBe('第2条指标：请填写指标依据（文件名称等）');
    expect(msgs['bonuses.0.basis']).toBe('第1条加分项：请填写指标依据');
    expect(prefilled.json.message).toMatch(/^申报表有\d+处需要修改后才能提交：/);

    const cur = (await samr.request('GET', `/api/declarations/${samrDecl.id}`)).json;
    const content = {
      indicators: [
        validRow({ criteria: [{ text: '甲', points: 0.2 }, { text: '乙', points: 0.2 }] }),
        validRow({ sourceCode: '5.a', item: '加强质量技术基础', points: 6, criteria: [{ text: '一站式服务', points: 6 }] }),
      ],
      bonuses: [{ project: '激励表彰', standard: '受国办督查激励加 1 分', basis: '国办督查激励文件' }],
    };
    const v = (await samr.request('PUT', `/api/declarations/${samrDecl.id}`, { content, version: cur.version })).json.version;
    const r = await moveAsSeen(samr, samrDecl.id, { event: 'submit' });
    expect(r.json.fields).toEqual([
      { field: 'indicators.0.criteria', message: '第1条指标：要点考核内容分值合计0.4分，与考核要点分值0.5分不一致，请调整使二者相等' },
      { field: 'indicators.1.overReason', message: '第2条指标：分值6分超过上年5.5分，原则上不超过上年分值，如确需提高请填写理由' },
    ]);
    // The office sees the row over last year's points flagged, still without a reason.
    const list = (await office.request('GET', `/api/cycles/${cycle.id}/declarations`)).json;
    const flagged = list.items.find((i: any) => i.id === samrDecl.id).overPoints;
    expect(flagged).toEqual([{ row: 1, item: '加强质量技术基础', keyPoint: validRow().keyPoint, sourceCode: '5.a', points: 6, lastYearPoints: 5.5, reason: null }]);
    expect(list.counts.overPoints).toBe(1);
    // Fix both: 0.1 + 0.2 + 0.2 = 0.5 exactly (no float drift), and a written reason.
    content.indicators[0].criteria = [
      { text: '甲', points: 0.1 },
      { text: '乙', points: 0.2 },
      { text: '丙', points: 0.2 },
    ];
    (content.indicators[1] as any).overReason = '2023 年新增质量基础设施一站式服务考核内容';
    const v2 = (await samr.request('PUT', `/api/declarations/${samrDecl.id}`, { content, version: v })).json.version;
    const ok = await samr.request('POST', `/api/declarations/${samrDecl.id}/transition`, { event: 'submit', version: v2 });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ status: 'submitted', statusLabel: '已提交', late: false });
    expect(ok.json.submittedAt).toBeTruthy();
    expect(ok.json.actions).toMatchObject({ edit: false, submit: false });
  });

  it('a submission or a decision names the version it was made on: a window that missed a save gets a 409, none at all a 400', async () => {
    const { cycle: c2 } = await openTestCycle(t, { departments: ['ecology'], year: 2031 });
    const eco = await login(t.app, 'ecology');
    const listed = (await eco.request('GET', `/api/cycles/${c2.id}/declarations`)).json.items[0];
    const decl = (await eco.request('GET', `/api/declarations/${listed.id}`)).json;
    const seen = decl.version;
    const saved = await eco.request('PUT', `/api/declarations/${decl.id}`, { content: decl.content, version: seen });
    expect(saved.status).toBe(200);
    const bare = await eco.request('POST', `/api/declarations/${decl.id}/transition`, { event: 'submit' });
    expect([bare.status, bare.json.message]).toEqual([400, '填写的内容有误 — 版本号：缺少版本号（用于检测并发修改）']);
    const stale = await eco.request('POST', `/api/declarations/${decl.id}/transition`, { event: 'submit', version: seen });
    expect([stale.status, stale.json.message]).toMatchObject([409, expect.stringMatching(named('申报表已由您在其他窗口于<T>保存，请刷新后重试'))]);
    expect((await eco.request('GET', `/api/declarations/${decl.id}`)).json).toMatchObject({ status: 'draft', version: saved.json.version });
  });

  it('who may not make a move at all is refused with 403 whatever version it sends (not 409 for a stale one)', async () => {
    const { cycle: c3 } = await openTestCycle(t, { departments: ['ecology'], year: 2032 });
    const [eco, leader] = await Promise.all([login(t.app, 'ecology'), login(t.app, 'leader')]);
    const listed = (await eco.request('GET', `/api/cycles/${c3.id}/declarations`)).json.items[0];
    const stale = listed.version + 7;
    const url = `/api/declarations/${listed.id}/transition`;
    const review = '只有组织本次考核的质强办可以审核申报表';
    for (const [who, c, event, message] of [
      ['leader', leader, 'accept', review],
      ['leader', leader, 'submit', '只有成员单位可以提交自己的申报表'],
      ['the department, its own', eco, 'accept', review],
      ['the office', office, 'submit', '只有成员单位可以提交自己的申报表'],
    ] as const) {
      const r = await c.request('POST', url, { event, version: stale });
      expect([who, event, r.status, r.json.message]).toEqual([who, event, 403, message]);
    }
    expect((await eco.request('GET', `/api/declarations/${listed.id}`)).json).toMatchObject({ status: 'draft', version: listed.version });
  });

  it('locks a submitted declaration, closes the fill-in to-do and gives the office a review to-do', async () => {
    const cur = (await samr.request('GET', `/api/declarations/${samrDecl.id}`)).json;
    const put = await samr.request('PUT', `/api/declarations/${samrDecl.id}`, { content: cur.content, version: cur.version });
    expect(put.status).toBe(409);
    expect(put.json.message).toBe('申报表当前状态为「已提交」，只有草稿或已退回的申报表可以修改');
    expect((await samr.request('GET', '/api/todos')).json.items).toEqual([]);
    const officeTodos = (await office.request('GET', '/api/todos')).json.items.filter((x: any) => x.kind === 'declaration.review');
    expect(officeTodos.map((x: any) => x.title)).toEqual(['审核省市场监督管理局提交的2023年度考核指标申报表']);
    const again = await moveAsSeen(samr, samrDecl.id, { event: 'submit' });
    expect(again.status).toBe(409);
    expect(again.json.message).toBe('申报表当前状态为「已提交」，只有草稿或已退回的申报表可以修改');
  });

  it('returns with a reason (required), lets the department resubmit, then accepts', async () => {
    const noReason = await moveAsSeen(office, samrDecl.id, { event: 'return' });
    expect(noReason.status).toBe(400);
    expect(noReason.json.fields).toEqual([{ field: 'reason', message: '退回时请填写退回原因，说明需要修改什么' }]);
    const byDept = await moveAsSeen(samr, samrDecl.id, { event: 'accept' });
    expect(byDept.status).toBe(403);
    const ret = await moveAsSeen(office, samrDecl.id, { event: 'return', reason: '第2条指标分值超过上年，请压减至 5.5 分' });
    expect(ret.status).toBe(200);
    expect(ret.json).toMatchObject({ status: 'returned', statusLabel: '已退回', returnReason: '第2条指标分值超过上年，请压减至 5.5 分' });
    const todos = (await samr.request('GET', '/api/todos')).json.items;
    expect(todos).toHaveLength(1);
    expect(todos[0]).toMatchObject({ title: '2023年度考核指标申报表被退回，请修改后重新提交', detail: '退回原因：第2条指标分值超过上年，请压减至 5.5 分', dueAt: DEADLINE });
    expect((await office.request('GET', '/api/todos')).json.items.filter((x: any) => x.kind === 'declaration.review')).toEqual([]);

    const cur = (await samr.request('GET', `/api/declarations/${samrDecl.id}`)).json;
    expect(cur.actions).toMatchObject({ edit: true, submit: true });
    const content = structuredClone(cur.content);
    content.indicators[1].points = 5.5;
    content.indicators[1].criteria = [{ text: '一站式服务', points: 5.5 }];
    delete content.indicators[1].overReason;
    const v = (await samr.request('PUT', `/api/declarations/${samrDecl.id}`, { content, version: cur.version })).json.version;
    const re = await samr.request('POST', `/api/declarations/${samrDecl.id}/transition`, { event: 'submit', version: v });
    expect(re.json).toMatchObject({ status: 'submitted', overPoints: [] });
    expect((await samr.request('GET', '/api/todos')).json.items).toEqual([]);
    const acc = await moveAsSeen(office, samrDecl.id, { event: 'accept' });
    expect(acc.json).toMatchObject({ status: 'accepted', statusLabel: '已接收' });
    const twice = await moveAsSeen(office, samrDecl.id, { event: 'accept' });
    expect(twice.status).toBe(409);
    expect(twice.json.message).toBe('当前状态为「已接收」，不能执行「接收」');
    const actions = (await t.db.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'declaration').where('entity_id', '=', String(samrDecl.id)).orderBy('id').execute()).map((a) => a.action);
    expect(actions.filter((a) => a.startsWith('declaration.') && a !== 'declaration.save')).toEqual([
      'declaration.submit',
      'declaration.return',
      'declaration.submit',
      'declaration.accept',
    ]);
  });

  it('downloads the .xlsx template prefilled, and an upload of it filled in replaces the draft (audited)', async () => {
    const dl = await download(t, ndrc, `/api/declarations/${ndrcDecl.id}/template.xlsx`);
    expect(dl.status).toBe(200);
    expect(dl.headers['content-disposition']).toBe(attachmentDisposition('省发展改革委-2023年度省政府对市州政府质量工作考核指标申报表.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(dl.body as any);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['指标申报表', '加分项申报表']);
    const ws = wb.getWorksheet('指标申报表')!;
    expect(ws.getCell('A1').text).toBe('附件1  2023年度省政府对市州政府质量工作考核指标申报表');
    expect(ws.getCell('A2').text).toBe('单位名称：省发展改革委');
    expect((ws.getRow(5).values as any[]).slice(1)).toEqual(['考核领域', '考核内容', '考核要点', '要点考核内容', '分值', '指标依据', '上年分值', '超过上年分值的理由', '上年编号']);
    expect(ws.getColumn(9).hidden).toBe(true);
    expect([ws.getCell('B6').text, ws.getCell('E6').value, ws.getCell('G6').value, ws.getCell('I6').text]).toEqual(['加强品牌建设', 0.5, 0.5, '2.a']);
    expect([ws.getCell('B7').text, ws.getCell('I7').text]).toEqual(['服务业质量提升', '15.a']);
    // Fill it in the way a department would: criteria in one cell, as the seed writes them.
    ws.getCell('D6').value = '落实品牌发展规划有部署（0.2分）；实施品牌提升工程（0.3分）。';
    ws.getCell('F6').value = '《湖南省“十四五”品牌发展规划》';
    ws.getCell('D7').value = '1. 纳入服务业发展年度工作要点（0.5分）\n2. 开展服务业质量提升行动（0.5分）';
    ws.getCell('F7').value = '《服务业发展年度工作要点》';
    ws.getRow(8).values = ['服务质量', '现代物流服务质量', '物流服务质量提升情况', '开展物流标准化试点（1分）', '1分', '《物流业发展规划》', null, null, null];
    wb.getWorksheet('加分项申报表')!.getRow(6).values = ['加分项', '质量荣誉', '获评全国服务业质量标杆的市州加 0.2 分', '全国质量标杆名单'];
    const filled = Buffer.from(await wb.xlsx.writeBuffer());
    const before = (await ndrc.request('GET', `/api/declarations/${ndrcDecl.id}`)).json;
    const mp = multipart(filled);
    const up = await ndrc.request('POST', `/api/declarations/${ndrcDecl.id}/upload?version=${before.version}`, mp.payload, { 'content-type': `multipart/form-data; boundary=${mp.boundary}` });
    expect(up.status).toBe(200);
    expect(up.json.warnings).toEqual([]);
    const c = up.json.declaration.content;
    expect(c.indicators).toEqual([
      {
        domain: '宏观质量',
        item: '加强品牌建设',
        keyPoint: '落实全省“十四五”品牌发展规划，实施品牌提升工程。',
        criteria: [
          { text: '落实品牌发展规划有部署', points: 0.2 },
          { text: '实施品牌提升工程', points: 0.3 },
        ],
        points: 0.5,
        basis: '《湖南省“十四五”品牌发展规划》',
        lastYearPoints: 0.5,
        sourceCode: '2.a',
      },
      {
        domain: '服务质量',
        item: '服务业质量提升',
        keyPoint: '将服务业质量提升工作纳入服务业发展年度工作要点。',
        criteria: [
          { text: '纳入服务业发展年度工作要点', points: 0.5 },
          { text: '开展服务业质量提升行动', points: 0.5 },
        ],
        points: 1,
        basis: '《服务业发展年度工作要点》',
        lastYearPoints: 1,
        sourceCode: '15.a',
      },
      {
        domain: '服务质量',
        item: '现代物流服务质量',
        keyPoint: '物流服务质量提升情况',
        criteria: [{ text: '开展物流标准化试点', points: 1 }],
        points: 1,
        basis: '《物流业发展规划》',
        lastYearPoints: null,
        sourceCode: null,
      },
    ]);
    expect(c.bonuses).toEqual([{ project: '质量荣誉', standard: '获评全国服务业质量标杆的市州加 0.2 分', basis: '全国质量标杆名单' }]);
    expect(up.json.declaration.version).toBe(before.version + 1);
    const audit = await t.db.db.selectFrom('audit_log').selectAll().where('action', '=', 'declaration.upload').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.before_json!).indicators[0].criteria).toEqual([]);
    expect(JSON.parse(audit.after_json!).indicators).toHaveLength(3);
    // Round trip: the template downloaded now carries what was uploaded.
    const again = new ExcelJS.Workbook();
    await again.xlsx.load((await download(t, ndrc, `/api/declarations/${ndrcDecl.id}/template.xlsx`)).body as any);
    expect(again.getWorksheet('指标申报表')!.getCell('D6').text).toBe('落实品牌发展规划有部署（0.2分）\n实施品牌提升工程（0.3分）');
    // The file filled from the first download, uploaded again now that the declaration has been saved since: refused
    // (the page sends the version it shows, but the file was filled from an older one), nothing overwritten.
    const now = (await ndrc.request('GET', `/api/declarations/${ndrcDecl.id}`)).json;
    const mp2 = multipart(filled);
    const stale = await ndrc.request('POST', `/api/declarations/${ndrcDecl.id}/upload?version=${now.version}`, mp2.payload, { 'content-type': `multipart/form-data; boundary=${mp2.boundary}` });
    expect([stale.status, stale.json.message]).toEqual([
      409,
      `申报表在您下载模板之后已被保存过（下载时为第${before.version}版，现为第${now.version}版，包括在线修改或此前的上传）；为免覆盖这些修改，本次上传未导入。请重新下载模板，把您的修改填入后再上传`,
    ]);
    expect((await ndrc.request('GET', `/api/declarations/${ndrcDecl.id}`)).json).toEqual(now);
    // The declaration passes the strict checks as uploaded.
    const sub = await moveAsSeen(ndrc, ndrcDecl.id, { event: 'submit' });
    expect(sub.json.status).toBe('submitted');
  });

  describe('bad files are refused with reasons and change nothing', () => {
    let eduDecl: any;
    let edu: Client;
    let template: Buffer;
    beforeAll(async () => {
      // A cycle of its own (2025) so that this department's draft is untouched by the tests above.
      const r = await office.request('POST', '/api/cycles', { year: 2025, baseFrameworkId: 'hunan-assessment-2022', deadline: DEADLINE, departmentIds: [await orgId(t.db, 'ndrc')] });
      edu = ndrc;
      eduDecl = (await edu.request('GET', `/api/cycles/${r.json.id}/declarations`)).json.items[0];
      template = (await download(t, edu, `/api/declarations/${eduDecl.id}/template.xlsx`)).body;
    });
    const upload = async (buf: Buffer, name?: string) => {
      const mp = multipart(buf, name);
      const v = (await edu.request('GET', `/api/declarations/${eduDecl.id}`)).json.version;
      return edu.request('POST', `/api/declarations/${eduDecl.id}/upload?version=${v}`, mp.payload, { 'content-type': `multipart/form-data; boundary=${mp.boundary}` });
    };
    const edit = async (fn: (wb: ExcelJS.Workbook) => void) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(template as any);
      fn(wb);
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const unchanged = async () => {
      const row = await t.db.db.selectFrom('declaration').select(['version', 'content_json']).where('id', '=', eduDecl.id).executeTakeFirstOrThrow();
      expect(row.version).toBe(eduDecl.version);
      expect(JSON.parse(row.content_json).indicators[0].criteria).toEqual([]);
    };

    it('other columns', async () => {
      const r = await upload(
        await edit((wb) => {
          const ws = wb.getWorksheet('指标申报表')!;
          ws.getCell('C5').value = '要点';
          ws.getCell('J5').value = '备注';
        }),
      );
      expect(r.status).toBe(400);
      expect(r.json.message).toBe('上传的申报表有2处问题，未导入任何内容；请按列表修改后重新上传');
      expect(r.json.fields).toEqual([
        { field: '指标申报表·第5行·C', message: '第C列应为「考核要点」，实际为「要点」；请勿增删或调换模板的列' },
        { field: '指标申报表·第5行·J', message: '多出的列「备注」，模板只有9列：考核领域、考核内容、考核要点、要点考核内容、分值、指标依据、上年分值、超过上年分值的理由、上年编号' },
      ]);
      await unchanged();
    });

    it('merged cells in data rows, formulas, non-numeric points and criteria without points, all listed at once', async () => {
      const r = await upload(
        await edit((wb) => {
          const ws = wb.getWorksheet('指标申报表')!;
          ws.getCell('A8').value = '产品质量';
          ws.getCell('B8').value = '新指标';
          ws.getCell('C8').value = '要点';
          ws.getCell('E8').value = '两分';
          ws.getCell('D8').value = '有部署（1分）；组织机构完善';
          // 考核领域 merged down is each row's (as the seed's table is laid out); a merged 分值 is refused
          ws.mergeCells('A9:A10');
          ws.getCell('A9').value = '产品质量';
          ws.mergeCells('E9:E10');
          ws.getCell('E9').value = 2;
          // a formula saved without its result (a program wrote the file): one message, not also “请填写分值”
          ws.getCell('E6').value = { formula: '1+1' } as any;
        }),
      );
      expect(r.status).toBe(400);
      const fields = r.json.fields.map((f: any) => `${f.field}：${f.message}`);
      expect(fields).toContain('指标申报表·第9行·分值：分值不能合并单元格（E9:E10）：每个考核要点的分值须分别填写；请取消合并，在每一行分别填写');
      expect(fields.filter((f: string) => f.includes('A9:A10') || /第(9|10)行·考核领域/.test(f))).toEqual([]);
      expect(fields.filter((f: string) => f.startsWith('指标申报表·第6行·分值'))).toEqual([
        '指标申报表·第6行·分值：单元格是公式（=1+1），文件中没有它的计算结果；请改为直接填写数值或文字（复制后“选择性粘贴—数值”）',
      ]);
      expect(fields).toContain('指标申报表·第8行·分值：分值「两分」不是数字，请填写如2或0.5');
      expect(fields).toContain('指标申报表·第8行·要点考核内容：「组织机构完善」缺少分值，每条要点考核内容须以“（N分）”结尾');
      await unchanged();
    });

    it('10,000 rows, quickly', async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(template as any);
      const ws = wb.getWorksheet('指标申报表')!;
      for (let i = 0; i < 10000; i++) ws.addRow(['宏观质量', `指标${i}`, '要点', '内容（1分）', 1, '依据']);
      const buf = Buffer.from(await wb.xlsx.writeBuffer());
      const started = Date.now();
      const r = await upload(buf);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(r.status).toBe(400);
      // the data rows below the header, as Excel numbers them: the 2 prefilled rows (6, 7) and the 10,000 added after the template's
      // blank rows (the five that fit on the first page, rows 8–12)
      expect(r.json.fields).toEqual([{ field: '文件', message: '表格有10002行数据（第6～10012行），超过上限1000行；请只保留申报的指标行（用平台模板填写）' }]);
      await unchanged();
    });

    it('a .docx renamed .xlsx, an empty file, a CSV file, bytes of no known kind, an unknown sheet', async () => {
      const docx = (await download(t, edu, `/api/declarations/${eduDecl.id}/template.docx`)).body;
      const w = await upload(docx, 'shenbao.xlsx');
      expect(w.status).toBe(400);
      expect(w.json.fields).toEqual([{ field: '文件', message: '这是 Word 文件（.docx），不是 Excel 表格；请上传 .xlsx 格式的申报表（可从本页下载 Excel 模板）' }]);
      const empty = await upload(Buffer.alloc(0));
      expect(empty.json.fields[0].message).toBe('文件为空（0字节），请上传填写好的申报表 .xlsx 文件');
      const text = await upload(Buffer.from('考核领域,考核内容\n宏观质量,x'));
      expect(text.json.fields[0].message).toBe('这是 CSV 或文本文件，不是 Excel 工作簿；请在 WPS/Excel/LibreOffice 中打开后另存为 .xlsx 再上传');
      const binary = await upload(Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x00]));
      expect(binary.json.fields[0].message).toBe('文件不是 Excel（.xlsx）格式，请上传平台下载的申报表模板填写后的文件');
      const extra = await upload(await edit((wb) => wb.addWorksheet('Sheet3')));
      expect(extra.json.fields).toEqual([{ field: 'Sheet3', message: '未知的工作表「Sheet3」，模板只有「指标申报表」和「加分项申报表」两个工作表，请删除其他工作表' }]);
      await unchanged();
    });

    it('a zip bomb whose headers lie, deep XML and an embedded archive: refused fast with reasons, and the server still takes a good upload', async () => {
      const bomb = xlsxWith([{ name: 'xl/worksheets/sheet1.xml', data: deflatedZeros(1024), method: 8, declaredSize: 2048 }]);
      const rss = process.memoryUsage().rss;
      const started = Date.now();
      const r = await upload(bomb);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(process.memoryUsage().rss - rss).toBeLessThan(200 * 1024 * 1024);
      expect(r.status).toBe(400);
      expect(r.json.fields).toEqual([{ field: '文件', message: '文件解压后超过上限50 MB（按实际解压出的内容计算）；请只保留申报表内容，用 Excel/WPS 重新保存后上传' }]);
      const deep = await upload(xlsxWith([{ name: 'xl/worksheets/sheet1.xml', data: deflate('<worksheet>' + '<x>'.repeat(5000)), method: 8 }]));
      expect(deep.json.fields).toEqual([{ field: '文件', message: '文件中的「xl/worksheets/sheet1.xml」嵌套层级超过100层，结构异常，无法解析' }]);
      const zip = new JSZip();
      zip.file('a.txt', 'a');
      const nested = await upload(xlsxWith([{ name: 'xl/embeddings/Package.zip', data: await zip.generateAsync({ type: 'nodebuffer' }) }]));
      expect(nested.json.fields[0].message).toContain('内嵌了压缩文件「xl/embeddings/Package.zip」');
      // The server still parses real workbooks (in the worker) afterwards.
      const extra = await upload(await edit((wb) => wb.addWorksheet('附表')));
      expect(extra.json.fields).toEqual([{ field: '附表', message: '未知的工作表「附表」，模板只有「指标申报表」和「加分项申报表」两个工作表，请删除其他工作表' }]);
      await unchanged();
    });

    it('a workbook the worker cannot parse within its memory or time: 422 with a Chinese reason, nothing changed', async () => {
      // The worker's real OOM and time limit are exercised in io/excel/declaration-template.test.ts; here only the answer.
      const spy = vi.spyOn(declarationTemplate, 'parseDeclarationWorkbook').mockRejectedValueOnce(new WorkbookTooComplex('memory'));
      try {
        const r = await upload(template);
        expect(r.status).toBe(422);
        expect(r.json.message).toBe('文件过大或结构过于复杂，无法解析（解析所需内存超过上限）；请只保留申报表内容，删除多余的工作表、图片和格式，用 Excel/WPS 另存为新的 .xlsx 后重新上传');
        expect(r.json.fields).toEqual([{ field: '文件', message: '文件过大或结构过于复杂，无法解析' }]);
        expect(spy).toHaveBeenCalledTimes(1);
      } finally {
        spy.mockRestore();
      }
      await unchanged();
    });

    it("another declaration's template is refused", async () => {
      const other = (await download(t, edu, `/api/declarations/${ndrcDecl.id}/template.xlsx`)).body;
      const r = await upload(other);
      expect([r.status, r.json.message]).toEqual([400, '这不是本申报表的模板（是从另一份申报表下载的），请在本申报表页面下载模板后填写']);
      await unchanged();
    });

    it('a stale version and a non-multipart request', async () => {
      const mp = multipart(template);
      const stale = await edu.request('POST', `/api/declarations/${eduDecl.id}/upload?version=${eduDecl.version - 1}`, mp.payload, { 'content-type': `multipart/form-data; boundary=${mp.boundary}` });
      expect(stale.status).toBe(409);
      expect(stale.json.current.version).toBe(eduDecl.version);
      const json = await edu.request('POST', `/api/declarations/${eduDecl.id}/upload?version=${eduDecl.version}`, {});
      expect(json.status).toBe(415);
      await unchanged();
    });
  });

  it('produces the notice and the Word templates with the expected Chinese text', async () => {
    const n = await download(t, samr, `/api/cycles/${cycle.id}/notice.docx`);
    expect(n.status).toBe(200);
    expect(n.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const text = await docxText(n.body);
    expect(text).toContain('湖南省质量强省领导小组办公室文件');
    // the title is set in centred lines (office / 关于… / …的通知)
    expect(text).toContain('湖南省质量强省领导小组办公室\n关于提供2023年度省政府对市州\n政府质量工作考核指标的通知');
    expect(text).toContain('各相关成员单位：');
    const due = `${Number(DEADLINE.slice(5, 7))}月${Number(DEADLINE.slice(8))}日`;
    expect(text).toMatch(new RegExp(`请省发展改革委、省教育厅、.*省市场监督管理局.*长沙海关.*等成员单位于${due}前将《2023年度省政府对市州政府质量工作考核指标申报表》和《2023年度省政府对市州政府质量工作考核加分项申报表》反馈至省质强办`));
    expect(text).toContain('联系人：唐碧辉 电话：0731-85693710');
    expect(text).toContain('附件：1. 2023年度省政府对市州政府质量工作考核指标申报表');
    expect(text).toContain('2023年度省政府对市州政府质量工作考核加分项申报表（模板）');
    expect(text).toContain('认真贯彻落实《质量强省建设纲要》《湖南省“十四五”质量强省发展规划》有部署（0.5分）');
    expect(text).toContain('原则上不超过2022年的分值');
    // no 工作要点 issued for 2023 in this database: the 附件说明 lists the annexes carried, numbered in order — the
    // framework the cycle was opened on (hunan-assessment-2022) is 附件3, laid out as the scheme's own annex-4 table
    expect(text).toContain('附件：1. 2023年度省政府对市州政府质量工作考核指标申报表\n2. 2023年度省政府对市州政府质量工作考核加分项申报表\n3. 2022年度湖南省政府质量工作考核要点\n');
    expect(text.slice(text.indexOf('附件：'), text.indexOf('附件1\n'))).not.toContain('\n4. ');
    expect(text).toContain('附件3\n2022年度湖南省政府质量工作考核要点\n考核内容\n考核要点\n评价部门\n宏观质量 (19.5分)\n1. 实施质量强省战略');
    expect(text).not.toContain('附件4');
    const d = await download(t, samr, `/api/declarations/${samrDecl.id}/template.docx`);
    const dt = await docxText(d.body);
    expect(dt).toContain('单位名称：省市场监督管理局');
    expect(dt).toContain('甲（0.1分）');
    expect(dt).toContain('激励表彰');
    expect((await download(t, await login(t.app, 'changsha'), `/api/cycles/${cycle.id}/notice.docx`)).status).toBe(403);
    expect((await download(t, ndrc, `/api/declarations/${samrDecl.id}/template.docx`)).status).toBe(404);
    // 分值对照表: the office's view of every declared key point, this year against last
    const cmp = await download(t, await login(t.app, 'office'), `/api/cycles/${cycle.id}/declarations/comparison.xlsx`);
    expect(cmp.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(cmp.body as never);
    const ws = wb.getWorksheet('分值对照表')!;
    expect(ws.getCell('A1').value).toBe('2023年度省政府对市州政府质量工作考核指标分值对照表（2023年申报与2022年对照）');
    expect(String(ws.getCell(ws.rowCount - 1, 1).value)).toMatch(/^合计：\d+个部门申报\d+个考核要点/);
    expect((await download(t, samr, `/api/cycles/${cycle.id}/declarations/comparison.xlsx`)).status).toBe(403);
  });

  it('judges the deadline on the request’s day (config.now), the page’s abilities and the save alike: closed the day after, open to its last minute', async () => {
    const r = await office.request('POST', '/api/cycles', { year: 2036, baseFrameworkId: 'hunan-assessment-2022', deadline: DEADLINE, departmentIds: [await orgId(t.db, 'samr')] });
    expect(r.status).toBe(201);
    const decl = (await samr.request('GET', `/api/cycles/${r.json.id}/declarations`)).json.items[0];
    try {
      // 12:00 in China on the day after the deadline
      t.config.now = () => new Date(`${addDays(DEADLINE, 1)}T12:00:00+08:00`);
      const d = (await samr.request('GET', `/api/declarations/${decl.id}`)).json;
      expect(d).toMatchObject({ open: false, actions: { edit: false, submit: false } });
      const put = await samr.request('PUT', `/api/declarations/${decl.id}`, { content: d.content, version: d.version });
      expect([put.status, put.json.message]).toEqual([409, `申报已于${DEADLINE}截止，不能再修改或提交；如需补报，请联系质强办重新开放`]);
      expect((await office.request('GET', `/api/declarations/${decl.id}`)).json.actions.reopen).toBe(true);
      // 23:59 in China on the deadline itself
      t.config.now = () => new Date(`${DEADLINE}T23:59:00+08:00`);
      const last = (await samr.request('GET', `/api/declarations/${decl.id}`)).json;
      expect(last).toMatchObject({ open: true, actions: { edit: true, submit: true } });
      expect((await office.request('GET', `/api/declarations/${decl.id}`)).json.actions.reopen).toBe(false);
    } finally {
      t.config.now = undefined;
    }
  });

  describe('after the deadline', () => {
    /** the time passing after a cycle was opened: its deadline moved to 2020-07-10 in the database */
    const passDeadline = (id: number) => t.db.db.updateTable('assessment_cycle').set({ deadline: '2020-07-10' }).where('id', '=', id).execute();
    let late: any;
    let lateDecl: any;
    beforeAll(async () => {
      const office2 = await login(t.app, 'office');
      // opened with a deadline to come (one already past is refused: cycles.test.ts), then the deadline passes
      const r = await office2.request('POST', '/api/cycles', {
        year: 2024,
        baseFrameworkId: 'hunan-assessment-2022',
        deadline: DEADLINE,
        departmentIds: [await orgId(t.db, 'samr')],
      });
      late = r.json;
      await passDeadline(late.id);
      lateDecl = (await samr.request('GET', `/api/cycles/${late.id}/declarations`)).json.items[0];
    });

    it('refuses saving and submitting, and the office cannot reopen before the deadline', async () => {
      expect(lateDecl).toMatchObject({ open: false, actions: { edit: false, submit: false, return: false, accept: false, reopen: false } });
      const d = (await samr.request('GET', `/api/declarations/${lateDecl.id}`)).json;
      const put = await samr.request('PUT', `/api/declarations/${lateDecl.id}`, { content: d.content, version: d.version });
      expect(put.status).toBe(409);
      expect(put.json.message).toBe('申报已于2020-07-10截止，不能再修改或提交；如需补报，请联系质强办重新开放');
      const sub = await moveAsSeen(samr, lateDecl.id, { event: 'submit' });
      expect(sub.status).toBe(409);
      const early = await office.request('POST', `/api/declarations/${samrDecl.id}/reopen`, { until: REOPENED_LATER, reason: '补报' });
      expect(early.status).toBe(409);
      expect(early.json.message).toBe(`申报尚未截止（截止日期${DEADLINE}），无需重新开放`);
      const officeView = (await office.request('GET', `/api/declarations/${lateDecl.id}`)).json;
      expect(officeView.actions.reopen).toBe(true);
    });

    it('after the call has ended, reopening a declaration says what to do: reopen the call first while the scheme is drafted, and that it can no longer be done once the scheme is published', async () => {
      const r = await office.request('POST', '/api/cycles', { year: 2037, baseFrameworkId: 'hunan-assessment-2022', deadline: DEADLINE, departmentIds: [await orgId(t.db, 'ecology')] });
      await passDeadline(r.json.id);
      const eco = await login(t.app, 'ecology');
      const decl = (await eco.request('GET', `/api/cycles/${r.json.id}/declarations`)).json.items[0];
      const reopen = () => office.request('POST', `/api/declarations/${decl.id}/reopen`, { until: REOPENED, reason: '该单位因机构调整未能按时报送' });
      const seen = (await office.request('GET', `/api/cycles/${r.json.id}`)).json;
      expect((await office.request('POST', `/api/cycles/${r.json.id}/transition`, { event: 'closeCollection', version: seen.version })).status).toBe(200);
      // 方案制定中: the call can be reopened (on the overview), then the department
      const drafting = await reopen();
      expect([drafting.status, drafting.json.message]).toEqual([409, '指标征集已结束；如需补报，请先在考核「概况」中点「重新开放征集」，再为该单位重新开放申报']);
      // scoring: there is no 重新开放征集 to look for (the message sent the office to it)
      await t.db.db.updateTable('assessment_cycle').set({ status: 'scoring' }).where('id', '=', r.json.id).execute();
      const scoring = await reopen();
      expect([scoring.status, scoring.json.message]).toEqual([409, '考核已进入「评分中」阶段，方案已发布，不能再重新开放指标征集或为成员单位补报']);
      expect((await office.request('GET', `/api/declarations/${decl.id}`)).json).toMatchObject({ reopenedUntil: null, actions: { reopen: false } });
    });

    it('the same reopening sent six times at once reopens once: one 200, the rest 409, one audit row and one to-do', async () => {
      const r = await office.request('POST', '/api/cycles', { year: 2033, baseFrameworkId: 'hunan-assessment-2022', deadline: DEADLINE, departmentIds: [await orgId(t.db, 'ecology')] });
      await passDeadline(r.json.id);
      const eco = await login(t.app, 'ecology');
      const decl = (await eco.request('GET', `/api/cycles/${r.json.id}/declarations`)).json.items[0];
      const body = { until: REOPENED, reason: '该单位因机构调整未能按时报送' };
      const all = await Promise.all(Array.from({ length: 6 }, () => office.request('POST', `/api/declarations/${decl.id}/reopen`, body)));
      expect(all.map((x) => x.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
      expect(all.find((x) => x.status === 409)!.json.message).toBe(`已为省生态环境厅重新开放申报至${REOPENED}，无需重复操作`);
      const audits = await t.db.db.selectFrom('audit_log').select('id').where('action', '=', 'declaration.reopen').where('entity_id', '=', String(decl.id)).execute();
      expect(audits).toHaveLength(1);
      const todos = (await eco.request('GET', '/api/todos')).json.items.filter((x: any) => x.dueAt === REOPENED);
      expect(todos).toHaveLength(1);
      // a later date is a new reopening
      expect((await office.request('POST', `/api/declarations/${decl.id}/reopen`, { ...body, until: REOPENED_LATER })).status).toBe(200);
    });

    it('a 重新开放 starts the 催办 hold afresh: reminded just before the deadline and reopened, the department is reminded at once; the 催办 since holds the next', async () => {
      const r = await office.request('POST', '/api/cycles', { year: 2034, baseFrameworkId: 'hunan-assessment-2022', deadline: DEADLINE, departmentIds: [await orgId(t.db, 'ecology')] });
      const eco = await login(t.app, 'ecology');
      const decl = (await eco.request('GET', `/api/cycles/${r.json.id}/declarations`)).json.items[0];
      const remind = () => office.request('POST', `/api/declarations/${decl.id}/remind`);
      expect((await remind()).status).toBe(200);
      await passDeadline(r.json.id);
      expect((await office.request('POST', `/api/declarations/${decl.id}/reopen`, { until: REOPENED_LATER, reason: '该单位因机构调整未能按时报送' })).status).toBe(200);
      // the list offers 催办 again at once, and the command takes it: the department has a new due date to be reminded of
      expect((await office.request('GET', `/api/declarations/${decl.id}`)).json.actions.remind).toBe(true);
      const afresh = await remind();
      expect([afresh.status, afresh.json.count]).toEqual([200, 2]);
      // the 催办 since the reopen holds the next one, as ever
      const again = await remind();
      expect([again.status, again.json.message]).toEqual([409, expect.stringMatching(/^省生态环境厅的申报已由您于.+催办（共2次），10分钟内不再重复催办$/)]);
      expect((await office.request('GET', `/api/declarations/${decl.id}`)).json.actions.remind).toBe(false);
    });

    it('reopens for one department until a date with a reason; the submission is marked late', async () => {
      const past = await office.request('POST', `/api/declarations/${lateDecl.id}/reopen`, { until: '2020-01-01', reason: '补报' });
      expect(past.status).toBe(400);
      expect(past.json.fields[0].field).toBe('until');
      // nor more than a year out (a slip of the year, 2099): named with the limit, nothing reopened
      const far = await office.request('POST', `/api/declarations/${lateDecl.id}/reopen`, { until: daysFromToday(367), reason: '补报' });
      const farMessage = `重新开放截止日期不能晚于${daysFromToday(366)}（今天起一年内），${daysFromToday(367)}已超出，请核对年份`;
      expect([far.status, far.json.message, far.json.fields]).toEqual([400, farMessage, [{ field: 'until', message: farMessage }]]);
      expect((await office.request('GET', `/api/declarations/${lateDecl.id}`)).json.reopenedUntil).toBeNull();
      const noReason = await office.request('POST', `/api/declarations/${lateDecl.id}/reopen`, { until: REOPENED_LATER });
      expect(noReason.status).toBe(400);
      expect(noReason.json.fields).toEqual([{ field: 'reason', message: '请填写重新开放的原因' }]);
      expect((await samr.request('POST', `/api/declarations/${lateDecl.id}/reopen`, { until: REOPENED_LATER, reason: 'x' })).status).toBe(403);
      const ok = await office.request('POST', `/api/declarations/${lateDecl.id}/reopen`, { until: REOPENED_LATER, reason: '该单位因机构调整未能按时报送' });
      expect(ok.status).toBe(200);
      expect(ok.json).toMatchObject({ reopenedUntil: REOPENED_LATER, dueDate: REOPENED_LATER });
      const todo = (await samr.request('GET', '/api/todos')).json.items.find((x: any) => x.dueAt === REOPENED_LATER);
      expect(todo).toMatchObject({ title: `2024年度考核指标申报已为本单位重新开放，请于${formatDeadline(REOPENED_LATER).at}前提交`, detail: '重新开放原因：该单位因机构调整未能按时报送（已过原定截止日期，此时提交记为逾期补报）' });

      const d = (await samr.request('GET', `/api/declarations/${lateDecl.id}`)).json;
      expect(d).toMatchObject({ open: true, actions: { edit: true, submit: true } });
      const content = {
        indicators: [validRow(), validRow({ sourceCode: '5.a', points: 5.5, criteria: [{ text: '一站式', points: 5.5 }] }), validRow({ sourceCode: '7.a', points: 14.5, criteria: [{ text: '监管', points: 14.5 }] })],
        bonuses: [],
      };
      const v = (await samr.request('PUT', `/api/declarations/${lateDecl.id}`, { content, version: d.version })).json.version;
      const sub = await samr.request('POST', `/api/declarations/${lateDecl.id}/transition`, { event: 'submit', version: v });
      expect(sub.status).toBe(200);
      expect(sub.json).toMatchObject({ status: 'submitted', late: true });
      const list = (await office.request('GET', `/api/cycles/${late.id}/declarations`)).json;
      expect(list.counts).toMatchObject({ late: 1, submitted: 1 });
      const review = (await office.request('GET', '/api/todos')).json.items.find((x: any) => x.kind === 'declaration.review' && x.title.includes('2024'));
      expect(review.title).toBe('审核省市场监督管理局提交的2024年度考核指标申报表（逾期提交）');
    });
  });
});

describe.each(testDialects())('the demo 2023 征集通知 and its annexes, on %s', (dialect) => {
  let t: TestApp;
  let office: Client;
  let cycleId = 0;
  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: () => new Date('2023-06-20T02:00:00Z') }, { demoAssessment: true });
    office = await login(t.app, 'office');
    cycleId = (await office.request('GET', '/api/cycles')).json.items.find((c: any) => c.year === 2023).id;
  });
  afterAll(() => t.close());

  it('carries 附件3, the office’s issued 2023 工作要点 with its 13 tasks, and 附件4, the 2022 scheme’s five domains (100 points)', async () => {
    const n = await download(t, office, `/api/cycles/${cycleId}/notice.docx`);
    expect(n.status).toBe(200);
    const text = await docxText(n.body);
    expect(text).toContain(
      '附件：1. 2023年度省政府对市州政府质量工作考核指标申报表\n2. 2023年度省政府对市州政府质量工作考核加分项申报表\n3. 湖南省质量强省2023年工作要点\n4. 2022年度湖南省政府质量工作考核要点\n',
    );
    // the body names the 工作要点 as its annex is titled
    expect(text).toContain('请各单位按照《湖南省质量强省2023年工作要点》和质量强省2023年第1次全体会议');
    const annex3 = text.slice(text.indexOf('附件3\n'), text.indexOf('附件4\n'));
    expect(annex3.startsWith('附件3\n湖南省质量强省2023年工作要点\n')).toBe(true);
    expect(annex3).toContain('一、聚焦质量强省建设，构筑大质量工作格局');
    const plan = await t.db.db
      .selectFrom('work_task')
      .innerJoin('work_plan', 'work_plan.id', 'work_task.plan_id')
      .select(['work_task.number', 'work_task.title'])
      .where('work_plan.year', '=', 2023)
      .orderBy('work_task.number')
      .execute();
    expect(plan).toHaveLength(13);
    for (const task of plan) expect(annex3).toContain(`\n${task.number}. ${task.title}。`);
    expect(annex3).toContain('（省质强办牵头，各市州、成员单位配合）');
    const annex4 = text.slice(text.indexOf('附件4\n'));
    expect(annex4.startsWith('附件4\n2022年度湖南省政府质量工作考核要点\n')).toBe(true);
    const domains = [...annex4.matchAll(/\n(\S+质量) \(([\d.]+)分\)\n/g)].map((m) => [m[1], Number(m[2])]);
    expect(domains).toEqual([
      ['宏观质量', 19.5],
      ['产品质量', 35.5],
      ['工程质量', 20],
      ['服务质量', 15],
      ['环境质量', 10],
    ]);
    expect(domains.reduce((a, [, p]) => a + Number(p), 0)).toBe(100);
    expect(annex4).toContain('23. 发生重大质量安全事故');
    // each domain a table whose header rows repeat on every page it runs onto
    const xml = await (await JSZip.loadAsync(n.body)).file('word/document.xml')!.async('string');
    expect(xml.slice(xml.indexOf('附件4')).match(/<w:tblHeader\/>/g)).toHaveLength(16);
  });

  it('attaches only an issued plan: with the 2023 plan back in draft the scheme is 附件3 and nothing is 附件4', async () => {
    await t.db.db.updateTable('work_plan').set({ status: 'draft' }).where('year', '=', 2023).execute();
    try {
      const text = await docxText((await download(t, office, `/api/cycles/${cycleId}/notice.docx`)).body);
      expect(text).toContain('加分项申报表\n3. 2022年度湖南省政府质量工作考核要点\n');
      expect(text).not.toContain('工作要点\n4.');
      expect(text).toContain('附件3\n2022年度湖南省政府质量工作考核要点\n');
      expect(text).not.toContain('附件4');
      expect(text).not.toContain('1. 强化协调推进。');
    } finally {
      await t.db.db.updateTable('work_plan').set({ status: 'published' }).where('year', '=', 2023).execute();
    }
  });
});
