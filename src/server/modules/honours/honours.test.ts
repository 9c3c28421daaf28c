/**
 * The honours roll and the incentive policies over the API, on SQLite and PostgreSQL: each route, who may do what,
 * 409 on a lost update, Chinese errors that name the field with nothing saved, the .xlsx import row by row, the
 * counts it feeds (golden on the demo roll), the policies' workflow and the expiry to-do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../../../shared/deadline';
import { COUNTED_INDICATORS, ROLL_COUNT_TEXT } from '../../../shared/honours/kinds';
import { objectLabel } from '../../../shared/audit-labels';
import { loadExcelJS } from '../../io/excel/exceljs';
import { honoursSheetOf as sheet, HONOURS_COLUMNS, HONOURS_SHEET } from '../../io/excel/honours-sheet';
import { login, makeTestApp, orgId, testDialects, type Client, type TestApp } from '../../test/helpers';
import { multipart as multipartBody } from '../../test/multipart';
import { countHonours, honourCountsForPeers } from './index';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const multipart = (file: { name: string; data: Buffer }) => multipartBody({}, { ...file, type: XLSX });

const entry = (cityId: number, over: Record<string, unknown> = {}) => ({
  kind: 'luban',
  awardee: '岳阳测试大厦工程',
  year: 2022,
  cityId,
  countyId: null,
  sourceDoc: '建协〔2022〕1号',
  note: null,
  ...over,
});

describe.each(testDialects())('honours roll and incentive policies on %s', (dialect) => {
  let t: TestApp;
  let office: Client, samr: Client, yyOffice: Client, changsha: Client, leader: Client, expert: Client;
  let yueyang: number, changshaId: number, miluo: number, yuelu: number;
  const upload = (c: Client, data: Buffer) => {
    const m = multipart({ name: '荣誉.xlsx', data });
    return c.request('POST', '/api/honours/import', m.body, m.headers);
  };
  const count = async () => Number((await t.db.db.selectFrom('honour').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    [office, samr, yyOffice, changsha, leader, expert] = await Promise.all(['office', 'samr', 'yueyang.office', 'changsha', 'leader', 'expert'].map((u) => login(t.app, u)));
    [yueyang, changshaId, miluo, yuelu] = await Promise.all(['430600', '430100', '430681', '430104'].map((c) => orgId(t.db, c)));
  });
  afterAll(() => t.close());

  it('the office adds, edits and deletes an entry; a stale version is a 409; each change is audited', async () => {
    const add = await office.request('POST', '/api/honours', entry(yueyang));
    expect(add.status).toBe(201);
    expect(add.json).toMatchObject({ kind: 'luban', kindName: '鲁班奖', level: 'national', levelLabel: '国家级', planIndicator: 5, city: { id: yueyang, name: '岳阳市' }, county: null, demo: false, version: 1 });
    const id = add.json.id;
    const edit = await office.request('PUT', `/api/honours/${id}`, { ...entry(yueyang, { countyId: miluo, awardee: '汨罗测试大厦工程' }), version: 1 });
    expect(edit.status).toBe(200);
    expect(edit.json).toMatchObject({ awardee: '汨罗测试大厦工程', county: { id: miluo, name: '汨罗市' }, version: 2 });
    const stale = await samr.request('PUT', `/api/honours/${id}`, { ...entry(yueyang), version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.json.message).toMatch(/^该条荣誉已由.+于.+修改，请刷新后查看对方的修改再保存$/);
    expect((await office.request('DELETE', `/api/honours/${id}?version=1`)).status).toBe(409);
    expect((await office.request('DELETE', `/api/honours/${id}?version=2`)).status).toBe(200);
    expect((await office.request('DELETE', `/api/honours/${id}?version=2`)).status).toBe(404);
    const actions = (await t.db.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'honour').where('entity_id', '=', String(id)).orderBy('id').execute()).map((r) => r.action);
    expect(actions).toEqual(['honour.create', 'honour.update', 'honour.delete']);
    // the deleted entry whole in its audit row (county, source document, note too): the roll keeps nothing else of it
    const gone = await t.db.db.selectFrom('audit_log').select('before_json').where('action', '=', 'honour.delete').where('entity_id', '=', String(id)).executeTakeFirstOrThrow();
    expect(JSON.parse(gone.before_json!)).toEqual({ kind: 'luban', awardee: '汨罗测试大厦工程', year: 2022, city_org_id: yueyang, county_org_id: miluo, source_doc: '建协〔2022〕1号', note: null });
  });

  it('bad input: a Chinese message naming the field, nothing saved', async () => {
    const before = await count();
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [entry(yueyang, { kind: 'nobel' }), 'kind', /类别/],
      [entry(yueyang, { year: 1800 }), 'year', /1990/],
      [entry(yueyang, { year: 2099 }), 'year', /不能晚于今年/],
      [entry(yueyang, { awardee: '' }), 'awardee', /获奖单位/],
      [entry(yueyang, { sourceDoc: ' ' }), 'sourceDoc', /来源文件/],
      [entry(yuelu), 'cityId', /市州/],
      [entry(yueyang, { countyId: yuelu }), 'countyId', /不属于岳阳市/],
      [entry(yueyang, { kind: 'inspection-incentive-county', awardee: '人民政府' }), 'countyId', /县级督查激励须填写/],
      [{ ...entry(yueyang), extra: 1 }, 'extra', /不允许的字段/],
    ];
    for (const [body, field, message] of cases) {
      const r = await office.request('POST', '/api/honours', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.json.fields.map((f: any) => f.field)).toContain(field);
      expect(r.json.message).toMatch(message);
      expect(r.json.message).toMatch(/[\u3400-\u9fff]/);
    }
    expect(await count()).toBe(before);
  });

  it('who may do what: departments and offices write, a city office only its own city, others read only', async () => {
    expect((await samr.request('POST', '/api/honours', entry(changshaId))).status).toBe(201);
    const own = await yyOffice.request('POST', '/api/honours', entry(yueyang));
    expect(own.status).toBe(201);
    // the same honour a second time (a double click): refused, saying which entry it is; saving the entry itself is fine
    const dup = await yyOffice.request('POST', '/api/honours', entry(yueyang));
    expect([dup.status, dup.json.fields?.[0]?.field]).toEqual([400, 'awardee']);
    expect(dup.json.message).toContain('名录中已有这条荣誉（岳阳市');
    expect(dup.json.message).not.toContain(`第${own.json.id}条`);
    const same = await yyOffice.request('PUT', `/api/honours/${own.json.id}`, { ...entry(yueyang), version: 1 });
    expect(same.status).toBe(200);
    const other = await yyOffice.request('POST', '/api/honours', entry(changshaId));
    expect(other.status).toBe(403);
    expect(other.json.message).toBe('市州质强办只能登记本市州的荣誉');
    for (const c of [changsha, leader]) {
      expect((await c.request('POST', '/api/honours', entry(changshaId))).status).toBe(403);
      const list = await c.request('GET', '/api/honours?pageSize=5');
      expect(list.status).toBe(200);
      expect(list.json.abilities).toEqual({ manage: false, cityId: null });
    }
    expect((await expert.request('GET', '/api/honours')).status).toBe(403);
    expect((await office.request('GET', '/api/honours')).json.abilities).toEqual({ manage: true, cityId: null });
    // the city office cannot move its entry to another city
    expect((await yyOffice.request('PUT', `/api/honours/${own.json.id}`, { ...entry(changshaId), version: 2 })).status).toBe(403);
  });

  it('the list says per entry who may change it (the refusal the write would give): a city office its own city only, the form limited to that city', async () => {
    const mine = (await yyOffice.request('GET', `/api/honours?cityId=${yueyang}&pageSize=50`)).json;
    const theirs = (await yyOffice.request('GET', `/api/honours?cityId=${changshaId}&pageSize=50`)).json;
    expect(mine.items.length).toBeGreaterThan(0);
    expect(theirs.items.length).toBeGreaterThan(0);
    expect(mine.items.every((h: any) => h.abilities.edit === true)).toBe(true);
    // 修改/删除 on 长沙's entries only led to a 403 (市州质强办只能登记本市州的荣誉)
    expect(theirs.items.every((h: any) => h.abilities.edit === false)).toBe(true);
    expect(mine.abilities).toEqual({ manage: true, cityId: yueyang });
    const all = (await office.request('GET', `/api/honours?cityId=${changshaId}&pageSize=50`)).json;
    expect(all.items.every((h: any) => h.abilities.edit === true)).toBe(true);
    expect(all.abilities).toEqual({ manage: true, cityId: null });
    const read = (await leader.request('GET', `/api/honours?cityId=${changshaId}&pageSize=50`)).json;
    expect(read.items.every((h: any) => h.abilities.edit === false)).toBe(true);
    // the single entry a change answers with says the same
    const one = theirs.items[0];
    const saved = await office.request('PUT', `/api/honours/${one.id}`, { kind: one.kind, awardee: one.awardee, year: one.year, cityId: one.city.id, countyId: one.county?.id ?? null, sourceDoc: one.sourceDoc, note: one.note, version: one.version });
    expect(saved.json.abilities).toEqual({ edit: true });
  });

  it('the list filters by year, city, kind and level', async () => {
    await office.request('POST', '/api/honours', entry(yueyang, { kind: 'mayor-award', awardee: '岳阳滤测有限公司', year: 2021 }));
    const byCity = await office.request('GET', `/api/honours?cityId=${yueyang}`);
    expect(byCity.json.items.every((i: any) => i.city.id === yueyang)).toBe(true);
    const city = await office.request('GET', '/api/honours?level=city');
    expect(city.json.items.map((i: any) => i.awardee)).toEqual(['岳阳滤测有限公司']);
    const y21 = await office.request('GET', '/api/honours?year=2021&kind=mayor-award');
    expect(y21.json.total).toBe(1);
    // the text search: Latin letters in any case, and % and _ as themselves, on both databases
    await office.request('POST', '/api/honours', entry(yueyang, { kind: 'mayor-award', awardee: 'ABC测试公司 100%_纯度', year: 2022 }));
    const q = async (text: string) => (await office.request('GET', `/api/honours?q=${encodeURIComponent(text)}`)).json.items.map((i: any) => i.awardee);
    expect([await q('abc'), await q('Abc测试'), await q('100%_'), await q('0%_纯')]).toEqual([['ABC测试公司 100%_纯度'], ['ABC测试公司 100%_纯度'], ['ABC测试公司 100%_纯度'], ['ABC测试公司 100%_纯度']]);
    expect([await q('%'), await q('_纯')]).toEqual([['ABC测试公司 100%_纯度'], ['ABC测试公司 100%_纯度']]);
    expect(await q('滤测_')).toEqual([]);
    expect((await office.request('GET', '/api/honours?year=abc')).status).toBe(400);
    expect((await office.request('GET', '/api/honours?kind=nobel')).json.message).toMatch(/类别/);
  });

  it('import: one bad row → every problem by row and column, nothing saved; fixed → all rows saved and counted', async () => {
    const counts = async () => (await office.request('GET', '/api/honours/counts?upToYear=2024')).json.indicators.find((i: any) => i.code === 5).cities.find((c: any) => c.org.id === yueyang).count;
    const luban = await counts();
    const before = await count();
    const bad = await sheet([
      ['鲁班奖', '岳阳导入一号工程', 2023, '岳阳', '汨罗市', '建协〔2023〕5号', null],
      ['鲁班將', '岳阳导入二号工程', '二〇二三', '岳洋市', null, '建协〔2023〕5号', null],
      ['中华老字号', '长沙导入食品有限公司', 2022, '长沙市', '岳麓区', '商务部公告', '导入'],
      // a day that does not exist is a slip: its year is not taken on trust
      ['鲁班奖', '岳阳导入三号工程', '2023-02-30', '岳阳', null, '建协〔2023〕5号', null],
      // every problem of a row on the first upload: unknown kind and city, and also the empty name and source, the future year
      ['不存在的类别', null, 2030, '火星市', null, null, null],
    ]);
    const r = await upload(office, bad);
    expect(r.status).toBe(400);
    expect(r.json.message).toBe('导入表有9处问题，未导入任何内容；请按列表修改后重新上传');
    const thisYear = new Date().getFullYear();
    expect(r.json.fields).toEqual([
      { field: '荣誉名录·第5行·类别', message: '类别「鲁班將」不在列表中，请从下拉列表选择' },
      { field: '荣誉名录·第5行·获奖年度', message: '获奖年度「二〇二三」不是四位年份，请填写如2023' },
      { field: '荣誉名录·第5行·市州', message: '「岳洋市」不是湖南省的市州，请填写全称或简称（如岳阳市、岳阳）' },
      { field: '荣誉名录·第7行·获奖年度', message: '获奖年度「2023-02-30」不是有效的日期，请改正，或只填写年份如2023' },
      { field: '荣誉名录·第8行·类别', message: '类别「不存在的类别」不在列表中，请从下拉列表选择' },
      { field: '荣誉名录·第8行·市州', message: '「火星市」不是湖南省的市州，请填写全称或简称（如岳阳市、岳阳）' },
      { field: '荣誉名录·第8行·获奖单位（项目）', message: expect.stringContaining('获奖单位') },
      { field: '荣誉名录·第8行·来源文件（文号或标题）', message: expect.stringContaining('来源文件') },
      { field: '荣誉名录·第8行·获奖年度', message: `获奖年度不能晚于今年（${thisYear}年）` },
    ]);
    expect(await count()).toBe(before);
    // the same honour twice in one file: the second row is named
    const twice = await upload(
      office,
      await sheet([
        ['鲁班奖', '岳阳导入一号工程', 2023, '岳阳', '汨罗市', '建协〔2023〕5号', null],
        ['鲁班奖', '岳阳导入一号工程', 2023, '岳阳市', '汨罗市', '建协〔2023〕5号', '重复'],
      ]),
    );
    expect([twice.status, twice.json.fields]).toEqual([400, [{ field: '荣誉名录·第5行·获奖单位（项目）', message: '与第4行是同一条荣誉，请删去重复的一行' }]]);
    // a year as people type it (full-width, 年, 年度, a date cell) and a county without 市 are read
    const good = await sheet([
      ['鲁班奖', '岳阳导入一号工程', '２０２３', '岳阳', '汨罗', '建协〔2023〕5号', null],
      ['鲁班奖', '岳阳导入二号工程', new Date(Date.UTC(2023, 4, 1)), '岳阳市', null, '建协〔2023〕5号', null],
      ['中华老字号', '长沙导入食品有限公司', '2022年', '长沙市', '岳麓区', '商务部公告', '导入'],
      ['中华老字号', '长沙导入老字号有限公司', '2021年度', '长沙市', null, '商务部公告', null],
    ]);
    const ok = await upload(office, good);
    expect(ok.status).toBe(201);
    expect(ok.json.imported).toBe(4);
    expect(await count()).toBe(before + 4);
    expect(await counts()).toBe(luban + 2);
    const audit = await t.db.db.selectFrom('audit_log').select(['action', 'after_json']).where('action', '=', 'honour.import').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json!)).toMatchObject({ fileName: '荣誉.xlsx', count: 4 });
    const rows = await t.db.db.selectFrom('honour').select(['awardee', 'year', 'county_org_id']).where('awardee', 'like', '%导入%').orderBy('id').execute();
    expect(rows.map((x) => [x.awardee, x.year, x.county_org_id !== null])).toEqual([
      ['岳阳导入一号工程', 2023, true],
      ['岳阳导入二号工程', 2023, false],
      ['长沙导入食品有限公司', 2022, true],
      ['长沙导入老字号有限公司', 2021, false],
    ]);
    // the same file again: each row is already on the roll (the plan indicators would count it twice)
    const again = await upload(office, good);
    expect(again.status).toBe(400);
    expect(again.json.fields.map((f: any) => f.field)).toEqual(['荣誉名录·第4行·获奖单位（项目）', '荣誉名录·第5行·获奖单位（项目）', '荣誉名录·第6行·获奖单位（项目）', '荣誉名录·第7行·获奖单位（项目）']);
    expect(again.json.fields[0].message).toMatch(/^名录中已有这条荣誉（岳阳市2023年鲁班奖「岳阳导入一号工程」），请勿重复登记$/);
    expect(await count()).toBe(before + 4);
    // a city office may import only its own city's rows (the other city's row is named); a unit may not import at all
    const yy = await upload(yyOffice, await sheet([['中华老字号', '长沙导入二号食品', 2022, '长沙市', null, '商务部公告', null]]));
    expect([yy.status, yy.json.fields]).toEqual([400, [{ field: '荣誉名录·第4行·市州', message: '市州质强办只能登记本市州的荣誉（本行为长沙市）' }]]);
    expect((await upload(changsha, good)).status).toBe(403);
  });

  it('one honour is entered once however its name is typed: a filled-in 县市区, full-width brackets or spaces do not make a second entry the plan indicators would count twice', async () => {
    const luban = async () => (await office.request('GET', '/api/honours/counts?upToYear=2024')).json.indicators.find((i: any) => i.code === 5).cities.find((c: any) => c.org.id === yueyang).count;
    const first = await office.request('POST', '/api/honours', entry(yueyang, { awardee: '湖南建工（集团）岳阳同名大厦工程', year: 2023 }));
    expect(first.status).toBe(201);
    const counted = await luban();
    const before = await count();
    const same = [
      entry(yueyang, { awardee: '湖南建工（集团）岳阳同名大厦工程', year: 2023, countyId: miluo }),
      entry(yueyang, { awardee: '湖南建工(集团)岳阳同名大厦工程', year: 2023 }),
      entry(yueyang, { awardee: '湖南建工（集团） 岳阳同名大厦工程', year: 2023, countyId: miluo }),
    ];
    for (const body of same) {
      const r = await yyOffice.request('POST', '/api/honours', body);
      expect([r.status, r.json.fields], body.awardee as string).toEqual([400, [{ field: 'awardee', message: '名录中已有这条荣誉（岳阳市2023年鲁班奖「湖南建工（集团）岳阳同名大厦工程」），请勿重复登记' }]]);
    }
    // the import: against the roll, and two spellings of one honour within the file
    const imported = await upload(
      yyOffice,
      await sheet([
        ['鲁班奖', '湖南建工(集团)岳阳同名大厦工程', 2023, '岳阳', '汨罗', '建协〔2023〕5号', null],
        ['鲁班奖', '岳阳同名二号工程', 2023, '岳阳', null, '建协〔2023〕5号', null],
        ['鲁班奖', '岳阳同名 二号工程', 2023, '岳阳', '汨罗', '建协〔2023〕5号', null],
      ]),
    );
    expect(imported.status).toBe(400);
    expect(imported.json.fields).toEqual([
      { field: '荣誉名录·第4行·获奖单位（项目）', message: '名录中已有这条荣誉（岳阳市2023年鲁班奖「湖南建工（集团）岳阳同名大厦工程」），请勿重复登记' },
      { field: '荣誉名录·第6行·获奖单位（项目）', message: '与第5行是同一条荣誉，请删去重复的一行' },
    ]);
    expect(await count()).toBe(before);
    expect(await luban()).toBe(counted);
    // the entry itself may still be corrected (a county added) without meeting itself
    const edit = await office.request('PUT', `/api/honours/${first.json.id}`, { ...entry(yueyang, { awardee: '湖南建工(集团)岳阳同名大厦工程', year: 2023, countyId: miluo }), version: 1 });
    expect(edit.status).toBe(200);
    // DB43 5.2 counts an enterprise once across its awards, however its name was typed
    await office.request('POST', '/api/honours', entry(changshaId, { kind: 'mayor-award', awardee: '长沙同名精工（集团）有限公司', year: 2020 }));
    await office.request('POST', '/api/honours', entry(changshaId, { kind: 'hunan-governor-nomination', awardee: '长沙同名精工(集团)有限公司', year: 2020 }));
    const peers = await honourCountsForPeers(t.db.db, { year: 2020, level: 'city', kinds: ['mayor-award', 'hunan-governor-nomination'] });
    const cs = peers.find((x) => x.orgId === changshaId)!;
    const named = cs.entries.filter((e) => e.awardee.startsWith('长沙同名精工'));
    expect(named).toHaveLength(2);
    expect(cs.value).toBe(new Set(cs.entries.filter((e) => !e.awardee.startsWith('长沙同名精工')).map((e) => e.awardee)).size + 1);
  });

  it('two registrations of one honour at once — a double click, the province and the city office, two uploads of one file — leave it on the roll once', async () => {
    const body = entry(yueyang, { kind: 'mayor-award', awardee: '岳阳同时登记有限公司', year: 2024 });
    const saves = await Promise.all([office, yyOffice, office, yyOffice].map((c) => c.request('POST', '/api/honours', body)));
    expect(saves.map((r) => r.status).sort()).toEqual([201, 400, 400, 400]);
    for (const r of saves.filter((x) => x.status === 400)) expect(r.json.fields[0].message).toMatch(/^名录中已有这条荣誉（岳阳市2024年市长质量奖「岳阳同时登记有限公司」），请勿重复登记$/);
    const file = await sheet([
      ['鲁班奖', '岳阳同时导入一号工程', 2024, '岳阳', null, '建协〔2024〕3号', null],
      ['中华老字号', '长沙同时导入食品有限公司', 2024, '长沙', null, '商务部公告', null],
    ]);
    const uploads = await Promise.all([upload(office, file), upload(office, file)]);
    expect(uploads.map((r) => r.status).sort()).toEqual([201, 400]);
    const refused = uploads.find((r) => r.status === 400)!;
    expect(refused.json.fields.map((f: any) => f.field)).toEqual(['荣誉名录·第4行·获奖单位（项目）', '荣誉名录·第5行·获奖单位（项目）']);
    const rows = await t.db.db.selectFrom('honour').select('awardee').where('awardee', 'like', '%同时%').execute();
    expect(rows.map((r) => r.awardee).sort()).toEqual(['岳阳同时导入一号工程', '岳阳同时登记有限公司', '长沙同时导入食品有限公司']);
  });

  it('a one-character source document is said to be too short, not missing — in the form and in the import', async () => {
    const form = await office.request('POST', '/api/honours', entry(yueyang, { sourceDoc: '无' }));
    expect(form.status).toBe(400);
    expect(form.json.fields).toEqual([{ field: 'sourceDoc', message: '来源文件「无」只有1个字，请填写文号或文件标题（如湘质强办发〔2023〕8号）' }]);
    const empty = await office.request('POST', '/api/honours', entry(yueyang, { sourceDoc: '  ' }));
    expect(empty.json.fields).toEqual([{ field: 'sourceDoc', message: '请填写来源文件（文号或标题）' }]);
    const r = await upload(office, await sheet([['鲁班奖', '来源过短工程', 2023, '岳阳', null, 'X', null]]));
    expect([r.status, r.json.fields]).toEqual([400, [{ field: '荣誉名录·第4行·来源文件（文号或标题）', message: '来源文件「X」只有1个字，请填写文号或文件标题（如湘质强办发〔2023〕8号）' }]]);
  });

  it('import refuses two files in one request (the second was dropped without a word)', async () => {
    const before = await count();
    const one = await sheet([['鲁班奖', '两个文件工程', 2023, '岳阳', null, '建协〔2023〕5号', null]]);
    const m = multipartBody({}, [
      { name: '一.xlsx', data: one, type: XLSX },
      { name: '二.xlsx', data: one, type: XLSX },
    ]);
    const r = await office.request('POST', '/api/honours/import', m.body, m.headers);
    expect([r.status, r.json.message]).toEqual([400, '一次只能上传一个文件：请只选择一个文件后重新上传']);
    expect(await count()).toBe(before);
  });

  it('an import cut off inside its file (the body ends before the file part closes) is a 400 in Chinese, not a 500; nothing saved', async () => {
    const before = await count();
    const m = multipart({ name: '荣誉.xlsx', data: await sheet([['鲁班奖', '中断上传工程', 2023, '岳阳', null, '建协〔2023〕6号', null]]) });
    const r = await office.request('POST', '/api/honours/import', m.body.subarray(0, m.body.length - 40), m.headers);
    expect([r.status, r.json.message]).toEqual([400, '上传内容不是完整的 multipart/form-data，请重新选择文件上传']);
    expect(await count()).toBe(before);
  });

  it("a cell the file cannot show (a formula saved without its result) and the other rows' problems come in one answer, not one upload after another", async () => {
    const before = await count();
    const Excel = await loadExcelJS();
    const wb = new Excel.Workbook();
    await wb.xlsx.load((await sheet([
      ['鲁班奖', '公式单元格工程', 2023, '岳阳', null, '建协〔2023〕5号', null],
      ['鲁班奖', '别的行的问题工程', 2023, '火星市', null, '建协〔2023〕5号', null],
    ])) as unknown as ArrayBuffer);
    // row 4's year: a formula a program wrote without its result
    wb.getWorksheet(HONOURS_SHEET)!.getCell(4, 3).value = { formula: 'YEAR(TODAY())' } as never;
    const r = await upload(office, Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    expect([r.status, r.json.message]).toEqual([400, '导入表有2处问题，未导入任何内容；请按列表修改后重新上传']);
    // the formula's own problem only (not also 请填写获奖年度 for the same cell), and row 5's unknown city beside it
    expect(r.json.fields).toEqual([
      { field: '荣誉名录·第4行·获奖年度', message: expect.stringMatching(/^单元格是公式（=YEAR\(TODAY\(\)\)），文件中没有它的计算结果/) },
      { field: '荣誉名录·第5行·市州', message: '「火星市」不是湖南省的市州，请填写全称或简称（如岳阳市、岳阳）' },
    ]);
    expect(await count()).toBe(before);
  });

  it('import refuses what is not the template: no file, not an xlsx, wrong header, empty', async () => {
    const m = multipart({ name: 'x.xlsx', data: Buffer.from('not a zip at all') });
    const junk = await office.request('POST', '/api/honours/import', m.body, m.headers);
    expect(junk.status).toBe(400);
    expect(junk.json.message).toMatch(/未导入任何内容/);
    const Excel = await loadExcelJS();
    const wb = new Excel.Workbook();
    wb.addWorksheet(HONOURS_SHEET).addRow(['名称', '年度']);
    const header = await upload(office, Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    expect(header.status).toBe(400);
    expect(header.json.fields[0].message).toMatch(/表头与导入模板不符/);
    const empty = await upload(office, await sheet([]));
    expect(empty.json.fields[0].message).toMatch(/没有填写任何荣誉/);
    // not a form upload at all: 415, as on every upload route
    expect((await office.request('POST', '/api/honours/import', {})).status).toBe(415);
  });

  it('the template downloads as an .xlsx with the header the import reads back, and is audited', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/honours/template.xlsx', headers: { cookie: samr.cookie } });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const Excel = await loadExcelJS();
    const wb = new Excel.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(HONOURS_SHEET)!;
    expect(HONOURS_COLUMNS.map((_, i) => ws.getCell(3, i + 1).text)).toEqual([...HONOURS_COLUMNS]);
    expect(wb.getWorksheet('荣誉类别')!.getCell(3, 1).text).toBe('中国质量奖');
    // the audit log (and its .xlsx export) names the object in Chinese, not by the route's code "template"
    const row = await t.db.db.selectFrom('audit_log').select(['entity_type', 'entity_id']).where('action', '=', 'download').where('entity_type', '=', 'honour').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(objectLabel(row.entity_type, row.entity_id)).toBe('荣誉「导入模板」');
  });

  it('policies: the Yueyang policy is loaded from the seed file; 岳阳市质强办 adds, edits (409 when stale), supersedes, repeals a 岳阳 policy', async () => {
    const list = await leader.request('GET', '/api/incentive-policies');
    expect(list.status).toBe(200);
    const yy = list.json.items.find((p: any) => p.code === 'yueyang-2023');
    expect(yy).toMatchObject({ docNo: '岳强市发〔2023〕3号', status: 'current', statusLabel: '现行有效', region: { name: '岳阳市' }, expiry: { state: 'none' } });
    expect(yy.rules).toHaveLength(15);
    expect(list.json.abilities).toEqual({ manage: false });
    const body = {
      title: '测试市质量奖励办法',
      issuer: '岳阳市人民政府',
      docNo: '岳政发〔2026〕1号',
      level: 'city',
      regionCode: '430600',
      issuedOn: '2026-01-01',
      effectiveFrom: '2026-01-01',
      expiresOn: null,
      source: null,
      rules: [{ id: 'mayor', achievement: 'mayor-award', role: null, recipient: 'organisation', basis: 'once', amount: { type: 'ceiling', yuan: 300000 }, text: '获市长质量奖的，给予最高 30 万元奖励' }],
      notes: [],
    };
    expect((await samr.request('POST', '/api/incentive-policies', body)).status).toBe(403);
    const bad = await office.request('POST', '/api/incentive-policies', { ...body, regionCode: '999999', expiresOn: '2025-01-01' });
    expect(bad.status).toBe(400);
    expect(bad.json.fields.map((f: any) => f.field)).toEqual(['regionCode', 'expiresOn']);
    // one character is too short, and the message says so (not merely "请填写", which reads as if nothing were typed)
    const short = await office.request('POST', '/api/incentive-policies', { ...body, issuer: '省', docNo: '3' });
    expect([short.status, short.json.fields]).toEqual([
      400,
      [
        { field: 'issuer', message: '请填写发布机关（至少2个字）' },
        { field: 'docNo', message: '请填写文号（至少2个字，如湘政办发〔2023〕3号）' },
      ],
    ]);
    // the blank form (登记激励政策, 保存 at once: empty boxes are "", no region nor level chosen) is asked for each field,
    // not told of formats, 6-digit codes or level codes it never typed
    const blank = await office.request('POST', '/api/incentive-policies', { title: '', issuer: '', docNo: '', regionCode: '', issuedOn: '', effectiveFrom: '', expiresOn: null, source: null, rules: body.rules, notes: [] });
    expect(blank.status).toBe(400);
    const asked = Object.fromEntries(blank.json.fields.map((f: { field: string; message: string }) => [f.field, f.message]));
    expect(asked).toEqual({ title: '请填写政策标题', issuer: '请填写发布机关（至少2个字）', docNo: '请填写文号（至少2个字，如湘政办发〔2023〕3号）', level: '请选择级别', regionCode: '请选择适用地区', issuedOn: '请填写成文日期', effectiveFrom: '请填写施行日期' });
    const noRules = await office.request('POST', '/api/incentive-policies', { ...body, rules: [] });
    expect(noRules.json.fields[0]).toMatchObject({ field: 'rules', message: '请至少填写一条奖励规则' });
    // a bad rule: negative ceiling, "从其规定" without its words, no rule text → each named, nothing saved
    const badRule = await office.request('POST', '/api/incentive-policies', {
      ...body,
      rules: [
        { ...body.rules[0], amount: { type: 'ceiling', yuan: -1 } },
        { ...body.rules[0], id: 'gov', achievement: 'hunan-governor-award', amount: { type: 'by-other-rules', text: ' ' }, text: '' },
      ],
    });
    expect(badRule.status).toBe(400);
    expect(badRule.json.fields).toEqual([
      { field: 'rules.0.amount.yuan', message: '金额不能为负' },
      { field: 'rules.1.amount.text', message: '请填写“从其规定”的说明' },
      { field: 'rules.1.text', message: '请填写规则原文' },
    ]);
    // a sum that is no number (1e400 arrives as Infinity) is said as such, not as a missing sum
    const huge = JSON.stringify({ ...body, rules: [{ ...body.rules[0], amount: { type: 'ceiling', yuan: 0 } }] }).replace('"yuan":0', '"yuan":1e400');
    const notANumber = await office.request('POST', '/api/incentive-policies', huge, { 'content-type': 'application/json' });
    expect([notANumber.status, notANumber.json.fields]).toEqual([400, [{ field: 'rules.0.amount.yuan', message: '金额须为数字（元），不超过1亿元' }]]);
    const missing = await office.request('POST', '/api/incentive-policies', { ...body, rules: [{ ...body.rules[0], amount: { type: 'ceiling' } }] });
    expect(missing.json.fields).toEqual([{ field: 'rules.0.amount.yuan', message: '请填写金额' }]);
    expect(await t.db.db.selectFrom('incentive_policy').select('id').where('title', '=', body.title).execute()).toEqual([]);
    const created = await yyOffice.request('POST', '/api/incentive-policies', body);
    expect(created.status).toBe(201);
    const id = created.json.id;
    const edited = await yyOffice.request('PUT', `/api/incentive-policies/${id}`, { ...body, title: '测试市质量奖励办法（修订）', version: 1 });
    expect(edited.json).toMatchObject({ title: '测试市质量奖励办法（修订）', version: 2 });
    expect((await yyOffice.request('PUT', `/api/incentive-policies/${id}`, { ...body, version: 1 })).status).toBe(409);
    const badEdit = await yyOffice.request('PUT', `/api/incentive-policies/${id}`, { ...body, rules: [{ ...body.rules[0], achievement: 'no-such-award' }], version: 2 });
    expect(badEdit.status).toBe(400);
    expect(badEdit.json.fields).toEqual([{ field: 'rules.0.achievement', message: '请选择奖励的成果类别' }]);
    expect((await leader.request('GET', `/api/incentive-policies/${id}`)).json).toMatchObject({ version: 2, rules: body.rules });
    // the city office keeps its own city's policies only
    const cs = await yyOffice.request('POST', '/api/incentive-policies', { ...body, regionCode: '430100' });
    expect(cs.status).toBe(403);
    // the Yueyang policy superseded by the new one, then the new one repealed
    const sup = await yyOffice.request('POST', `/api/incentive-policies/${yy.id}/supersede`, { version: yy.version, supersededById: id });
    expect(sup.status).toBe(200);
    expect(sup.json).toMatchObject({ status: 'superseded', statusLabel: '已被替代', supersededBy: { id, title: '测试市质量奖励办法（修订）' } });
    const again = await yyOffice.request('POST', `/api/incentive-policies/${yy.id}/repeal`, { version: sup.json.version });
    expect(again.status).toBe(409);
    expect(again.json.message).toBe('当前状态为「已被替代」，不能执行「废止」');
    const repeal = await yyOffice.request('POST', `/api/incentive-policies/${id}/repeal`, { version: 2 });
    expect(repeal.json.status).toBe('repealed');
    // a repealed policy (and a superseded one) is a closed document: not edited, and the page is told so
    expect(repeal.json.abilities).toEqual({ edit: false });
    const editRepealed = await yyOffice.request('PUT', `/api/incentive-policies/${id}`, { ...body, title: '废止后改的标题', version: repeal.json.version });
    expect([editRepealed.status, editRepealed.json.message]).toEqual([409, '「测试市质量奖励办法（修订）」已废止，不能再修改；如需恢复或调整这些奖励条款，请登记新的激励政策']);
    const editSuperseded = await yyOffice.request('PUT', `/api/incentive-policies/${yy.id}`, { ...body, title: '被替代后改的标题', version: sup.json.version });
    expect([editSuperseded.status, editSuperseded.json.message]).toEqual([409, `「${yy.title}」已被「测试市质量奖励办法（修订）」替代，不能再修改；如需调整，请修改替代它的政策或登记新的激励政策`]);
    expect((await yyOffice.request('GET', `/api/incentive-policies/${yy.id}`)).json).toMatchObject({ title: yy.title, version: sup.json.version, abilities: { edit: false } });
    // the page says why in the command's own words (policyEditRefusal), to the keeper only; nothing while editable
    expect(repeal.json.editRefusal).toBe(editRepealed.json.message);
    expect((await yyOffice.request('GET', `/api/incentive-policies/${yy.id}`)).json.editRefusal).toBe(editSuperseded.json.message);
    expect((await leader.request('GET', `/api/incentive-policies/${id}`)).json.editRefusal).toBeNull();
    expect(edited.json.editRefusal).toBeNull();
    const actions = (await t.db.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'incentive_policy').orderBy('id').execute()).map((r) => r.action);
    expect(actions).toEqual(['incentivePolicy.create', 'incentivePolicy.update', 'incentivePolicy.supersede', 'incentivePolicy.repeal']);
  });

  it('a policy’s rules must say one thing each, or 奖励测算 pays what the policy does not: an award has no 主导/参与, a standard names its role, and one achievement, role and recipient has one rule', async () => {
    const rule = { id: 'mayor', achievement: 'mayor-award', role: null, recipient: 'organisation', basis: 'once', amount: { type: 'ceiling', yuan: 300000 }, text: '获市长质量奖的，给予最高 30 万元奖励' };
    const body = { title: '测试市规则核对办法', issuer: '岳阳市人民政府', docNo: '岳政发〔2026〕31号', level: 'city', regionCode: '430600', issuedOn: '2026-01-01', effectiveFrom: '2026-01-01', expiresOn: null, source: null, notes: [] };
    const r = await yyOffice.request('POST', '/api/incentive-policies', {
      ...body,
      rules: [
        // 主导 picked on an award: the calculator would say 市长质量奖 is not rewarded (本政策只奖励主导)
        { ...rule, role: 'lead' },
        // no role on a standard: a participant would be paid as the drafter
        { ...rule, id: 'std', achievement: 'standard-national-new', role: null, basis: 'per-item', text: '主导国家标准制定的，按项目给予最高 30 万元的奖励' },
        // the same award to the organisation twice: the calculator would pay both
        { ...rule, id: 'mayor-2' },
        { ...rule, id: 'mayor-3', amount: { type: 'fixed', yuan: 100000 } },
      ],
    });
    expect(r.status).toBe(400);
    expect(r.json.fields).toEqual([
      { field: 'rules.0.role', message: '「市长质量奖」是奖项，没有主导、参与之分，角色请留空' },
      { field: 'rules.1.role', message: '「国家标准制定」请选择奖励的角色（主导或参与）' },
      { field: 'rules.3.achievement', message: '第4条与第3条都是给予组织的「市长质量奖」奖励，请合并为一条' },
    ]);
    expect(r.json.message).toContain('「市长质量奖」是奖项，没有主导、参与之分，角色请留空');
    expect(await t.db.db.selectFrom('incentive_policy').select('id').where('title', '=', body.title).execute()).toEqual([]);
    // the 组织 and 个人 rules of one award, and 主导 and 参与 of one standard, are two rules each
    const ok = await yyOffice.request('POST', '/api/incentive-policies', {
      ...body,
      rules: [
        rule,
        { ...rule, id: 'mayor-person', recipient: 'person', amount: { type: 'fixed', yuan: 20000 }, text: '给予个人 2 万元奖励' },
        { ...rule, id: 'std-lead', achievement: 'standard-national-new', role: 'lead', basis: 'per-item', text: '主导国家标准制定的，按项目给予最高 30 万元' },
        { ...rule, id: 'std-part', achievement: 'standard-national-new', role: 'participant', basis: 'per-item', amount: { type: 'ceiling', yuan: 50000 }, text: '参与国家标准制定的，按项目给予最高 5 万元' },
      ],
    });
    expect(ok.status).toBe(201);
  });

  it('a rule’s number and its 从其规定 note are bounded like its text: over-long ones are refused in Chinese, nothing saved', async () => {
    const rule = { id: 'mayor', achievement: 'mayor-award', role: null, recipient: 'organisation', basis: 'once', amount: { type: 'ceiling', yuan: 300000 }, text: '获市长质量奖的，给予最高 30 万元奖励' };
    const body = { title: '测试市长度核对办法', issuer: '岳阳市人民政府', docNo: '岳政发〔2026〕41号', level: 'city', regionCode: '430600', issuedOn: '2026-01-01', effectiveFrom: '2026-01-01', expiresOn: null, source: null, notes: [] };
    const r = await yyOffice.request('POST', '/api/incentive-policies', {
      ...body,
      rules: [
        { ...rule, id: 'a'.repeat(50_000) },
        { ...rule, id: 'mayor-person', recipient: 'person', amount: { type: 'by-other-rules', text: '按'.repeat(50_000) } },
      ],
    });
    expect(r.status).toBe(400);
    expect(r.json.fields).toEqual([
      { field: 'rules.0.id', message: '规则编号不超过80个字符' },
      { field: 'rules.1.amount.text', message: '“从其规定”的说明不超过300字' },
    ]);
    expect(await t.db.db.selectFrom('incentive_policy').select('id').where('title', '=', body.title).execute()).toEqual([]);
  });

  it('a policy is in force on its 失效日期 (含当日): one in force for a single day (施行日期 = 失效日期) is accepted, a 失效日期 before the 施行日期 is refused', async () => {
    const base = { issuer: '岳阳市人民政府', level: 'city', regionCode: '430600', source: null, notes: [], issuedOn: '2025-01-01', effectiveFrom: '2099-01-02', rules: [{ id: 'x', achievement: 'hunan-governor-award', role: null, recipient: 'organisation', basis: 'once', amount: { type: 'by-other-rules', text: '从其规定' }, text: '从其规定' }] };
    const oneDay = await yyOffice.request('POST', '/api/incentive-policies', { ...base, title: '一日施行测试办法', docNo: '岳政发〔2025〕51号', expiresOn: '2099-01-02' });
    expect(oneDay.status).toBe(201);
    const before = await yyOffice.request('POST', '/api/incentive-policies', { ...base, title: '倒置日期测试办法', docNo: '岳政发〔2025〕52号', expiresOn: '2099-01-01' });
    expect([before.status, before.json.fields]).toEqual([400, [{ field: 'expiresOn', message: '失效日期不能早于施行日期（失效日期当天仍有效，只施行一天的政策两者相同）' }]]);
  });

  it('a policy is superseded by a newer one of the same office: not by another region’s policy, not by one in force before it', async () => {
    const base = { issuer: '岳阳市人民政府', level: 'city', regionCode: '430600', expiresOn: null, source: null, notes: [], rules: [{ id: 'x', achievement: 'hunan-governor-award', role: null, recipient: 'organisation', basis: 'once', amount: { type: 'by-other-rules', text: '从其规定' }, text: '从其规定' }] };
    const newer = (await yyOffice.request('POST', '/api/incentive-policies', { ...base, title: '替代测试新办法', docNo: '岳政发〔2025〕41号', issuedOn: '2025-01-01', effectiveFrom: '2025-01-01' })).json;
    const older = (await yyOffice.request('POST', '/api/incentive-policies', { ...base, title: '替代测试旧办法', docNo: '岳政发〔2024〕41号', issuedOn: '2024-01-01', effectiveFrom: '2024-01-01' })).json;
    const province = (await office.request('POST', '/api/incentive-policies', { ...base, issuer: '湖南省人民政府', level: 'provincial', regionCode: '430000', title: '替代测试省级办法', docNo: '湘政发〔2024〕41号', issuedOn: '2024-01-01', effectiveFrom: '2024-01-01' })).json;
    // the province's policy "replaced" by 岳阳市's: the province would keep a policy nobody of its own replaces
    const across = await office.request('POST', `/api/incentive-policies/${province.id}/supersede`, { version: province.version, supersededById: newer.id });
    expect([across.status, across.json.message, across.json.fields]).toEqual([400, '替代政策须为本单位维护的激励政策：「替代测试新办法」是岳阳市的政策', [{ field: 'supersededById', message: '请选择本单位维护的现行政策' }]]);
    // the newer policy "replaced" by the older one
    const back = await yyOffice.request('POST', `/api/incentive-policies/${newer.id}/supersede`, { version: newer.version, supersededById: older.id });
    expect([back.status, back.json.message]).toEqual([400, '「替代测试旧办法」自2024-01-01施行，早于本政策（2025-01-01），不能作为它的替代政策；请选择更新的政策']);
    expect((await leader.request('GET', `/api/incentive-policies/${newer.id}`)).json.status).toBe('current');
    expect((await leader.request('GET', `/api/incentive-policies/${province.id}`)).json.status).toBe('current');
    const ok = await yyOffice.request('POST', `/api/incentive-policies/${older.id}/supersede`, { version: older.version, supersededById: newer.id });
    expect([ok.status, ok.json.status]).toEqual([200, 'superseded']);
  });

  it('a policy belongs to the office that keeps its region: the province office reads the Yueyang policy but may not change it', async () => {
    // the test above superseded it, which closes it to edits: current again, so that only who keeps it is in question here
    await t.db.db.updateTable('incentive_policy').set({ status: 'current', superseded_by_id: null }).where('code', '=', 'yueyang-2023').execute();
    const yy = (await office.request('GET', '/api/incentive-policies')).json.items.find((p: any) => p.code === 'yueyang-2023');
    expect(yy).toMatchObject({ docNo: '岳强市发〔2023〕3号', abilities: { edit: false } });
    const mine = (await yyOffice.request('GET', '/api/incentive-policies')).json.items.find((p: any) => p.id === yy.id);
    expect(mine.abilities).toEqual({ edit: true });
    const body = {
      title: yy.title,
      issuer: yy.issuer,
      docNo: yy.docNo,
      level: yy.level,
      regionCode: yy.region.code,
      issuedOn: yy.issuedOn,
      effectiveFrom: yy.effectiveFrom,
      expiresOn: yy.expiresOn,
      source: yy.source,
      rules: yy.rules,
      notes: yy.notes,
    };
    const refusals = [
      await office.request('PUT', `/api/incentive-policies/${yy.id}`, { ...body, title: '省质强办改过的标题', version: yy.version }),
      await office.request('POST', `/api/incentive-policies/${yy.id}/repeal`, { version: yy.version }),
      await office.request('POST', `/api/incentive-policies/${yy.id}/supersede`, { version: yy.version, supersededById: yy.id + 1000 }),
      // nor register a policy in a city's name
      await office.request('POST', '/api/incentive-policies', { ...body, docNo: '岳强市发〔2026〕9号' }),
    ];
    for (const r of refusals) {
      expect(r.status).toBe(403);
      expect(r.json.message).toBe('市州、县市区的激励政策由所在市州质强办维护，省质强办可以查看，不能修改');
    }
    const after = (await t.db.db.selectFrom('incentive_policy').select(['title', 'status', 'version']).where('id', '=', yy.id).executeTakeFirstOrThrow());
    expect(after).toEqual({ title: yy.title, status: yy.status, version: yy.version });
    // Yueyang's own office keeps it
    const edited = await yyOffice.request('PUT', `/api/incentive-policies/${yy.id}`, { ...body, notes: [...yy.notes, '测试备注'], version: yy.version });
    expect(edited.status).toBe(200);
    await yyOffice.request('PUT', `/api/incentive-policies/${yy.id}`, { ...body, version: edited.json.version });
  });

  it('one 文号 per region: a second policy of 岳阳市 under a number it already keeps is a 409 naming it, also when two arrive at once; another region may register it', async () => {
    const base = { title: '文号测试政策', issuer: '岳阳市人民政府', level: 'city', regionCode: '430600', issuedOn: '2025-01-01', effectiveFrom: '2025-01-01', expiresOn: null, source: null, notes: [], rules: [{ id: 'x', achievement: 'hunan-governor-award', role: null, recipient: 'organisation', basis: 'once', amount: { type: 'by-other-rules', text: '从其规定' }, text: '从其规定' }] };
    const kept = '岳强市发〔2023〕3号';
    const dup = await yyOffice.request('POST', '/api/incentive-policies', { ...base, docNo: kept });
    expect(dup.status).toBe(409);
    const keeper = (await t.db.db.selectFrom('incentive_policy').select('title').where('doc_no', '=', kept).executeTakeFirstOrThrow()).title;
    expect(dup.json.message).toBe(`岳阳市已登记文号为“${kept}”的激励政策《${keeper}》，请核对文号，或修改已登记的政策`);
    expect(dup.json.fields).toEqual([{ field: 'docNo', message: '文号已被使用' }]);
    // the same 文号 typed otherwise — square or round brackets, full-width digits, a space — is the same document
    for (const typed of ['岳强市发[2023]3号', '岳强市发（2023）3号', '岳强市发(2023)3号', '岳强市发〔２０２３〕３号', '岳强市发 〔2023〕 3号', '岳强市发【2023】3号']) {
      const again = await yyOffice.request('POST', '/api/incentive-policies', { ...base, docNo: typed });
      expect([again.status, again.json.message], typed).toEqual([409, dup.json.message]);
    }
    // and a new one is kept as a 公文 writes it
    const typedOtherwise = await yyOffice.request('POST', '/api/incentive-policies', { ...base, docNo: '岳政发[2025] 7号' });
    expect([typedOtherwise.status, typedOtherwise.json.docNo]).toEqual([201, '岳政发〔2025〕7号']);
    // two at once: one is saved, the other is refused, whichever wins
    const docNo = '岳政发〔2025〕8号';
    const both = await Promise.all([1, 2].map((n) => yyOffice.request('POST', '/api/incentive-policies', { ...base, title: `文号测试政策${n}`, docNo })));
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    // the loser is told the number is taken (by the policy saved first when it could read it, else without its title)
    expect(both.find((r) => r.status === 409)!.json.message).toMatch(new RegExp(`^岳阳市已登记文号为“${docNo}”的激励政策(《文号测试政策[12]》)?，请核对文号`));
    const saved = await t.db.db.selectFrom('incentive_policy').select(['id', 'title', 'version']).where('doc_no', '=', docNo).execute();
    expect(saved).toHaveLength(1);
    // an edit onto a number the region keeps is refused, and the policy keeps its own
    const other = (await yyOffice.request('POST', '/api/incentive-policies', { ...base, docNo: '岳政发〔2025〕9号' })).json;
    const onto = await yyOffice.request('PUT', `/api/incentive-policies/${other.id}`, { ...base, docNo, version: other.version });
    expect(onto.status).toBe(409);
    expect(onto.json.message).toBe(`岳阳市已登记文号为“${docNo}”的激励政策《${saved[0].title}》，请核对文号，或修改已登记的政策`);
    expect((await t.db.db.selectFrom('incentive_policy').select('doc_no').where('id', '=', other.id).executeTakeFirstOrThrow()).doc_no).toBe('岳政发〔2025〕9号');
    // the province registers a document under its own region, whatever a city keeps
    expect((await office.request('POST', '/api/incentive-policies', { ...base, level: 'provincial', regionCode: '430000', docNo })).status).toBe(201);
  });

  it('a policy’s level follows its region: a city office registers 市级 (its city) and 县级 (its counties), the provincial office 省级 and 国家级 (applied in the province); any other level is a 400 naming the levels it may choose, nothing saved', async () => {
    const base = { issuer: '岳阳市人民政府', regionCode: '430600', issuedOn: '2025-01-01', effectiveFrom: '2025-01-01', expiresOn: null, source: null, notes: [], rules: [{ id: 'x', achievement: 'hunan-governor-award', role: null, recipient: 'organisation', basis: 'once', amount: { type: 'by-other-rules', text: '从其规定' }, text: '从其规定' }] };
    const denied = async () => Number((await t.db.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).where('action', '=', 'access.denied').executeTakeFirstOrThrow()).n);
    const deniedBefore = await denied();
    // a city's office labels its own city's policy 国家级 or 省级: refused, and told what it may choose
    for (const level of ['national', 'provincial', 'county']) {
      const r = await yyOffice.request('POST', '/api/incentive-policies', { ...base, title: `级别测试政策${level}`, docNo: `岳政发〔2025〕${level}号`, level });
      expect([r.status, r.json.message, r.json.fields]).toEqual([
        400,
        '岳阳市的激励政策级别只能为市级：市州质强办登记本市州的市级和所辖县市区的县级激励政策，国家级、省级激励政策由省质强办登记',
        [{ field: 'level', message: '可选：市级' }],
      ]);
    }
    // its county's policy is 县级
    const miluoCounty = { ...base, issuer: '汨罗市人民政府', regionCode: '430681' };
    const cityOnCounty = await yyOffice.request('POST', '/api/incentive-policies', { ...miluoCounty, title: '汨罗级别测试政策', docNo: '汨政发〔2025〕1号', level: 'city' });
    expect([cityOnCounty.status, cityOnCounty.json.message, cityOnCounty.json.fields]).toEqual([
      400,
      '汨罗市的激励政策级别只能为县级：市州质强办登记本市州的市级和所辖县市区的县级激励政策，国家级、省级激励政策由省质强办登记',
      [{ field: 'level', message: '可选：县级' }],
    ]);
    expect(await t.db.db.selectFrom('incentive_policy').select('id').where('title', 'like', '%级别测试政策%').execute()).toEqual([]);
    // each refusal is a denied attempt in the audit log (a rule, not a typo)
    expect(await denied()).toBe(deniedBefore + 4);
    const county = await yyOffice.request('POST', '/api/incentive-policies', { ...miluoCounty, title: '汨罗级别测试政策', docNo: '汨政发〔2025〕1号', level: 'county' });
    expect([county.status, county.json.levelLabel]).toEqual([201, '县级']);
    const city = await yyOffice.request('POST', '/api/incentive-policies', { ...base, title: '岳阳级别测试政策', docNo: '岳政发〔2025〕77号', level: 'city' });
    expect([city.status, city.json.levelLabel]).toEqual([201, '市级']);
    // an edit is held to the same rule
    const relabel = await yyOffice.request('PUT', `/api/incentive-policies/${city.json.id}`, { ...base, title: '岳阳级别测试政策', docNo: '岳政发〔2025〕77号', level: 'national', version: city.json.version });
    expect([relabel.status, relabel.json.fields]).toEqual([400, [{ field: 'level', message: '可选：市级' }]]);
    expect((await leader.request('GET', `/api/incentive-policies/${city.json.id}`)).json).toMatchObject({ level: 'city', version: city.json.version });
    // the province: 省级, or a national policy it applies; never 市级 or 县级
    const province = { ...base, issuer: '湖南省人民政府', regionCode: '430000' };
    const provinceCity = await office.request('POST', '/api/incentive-policies', { ...province, title: '省级别测试政策', docNo: '湘政发〔2025〕77号', level: 'city' });
    expect([provinceCity.status, provinceCity.json.message, provinceCity.json.fields]).toEqual([
      400,
      '湖南省的激励政策级别只能为国家级或省级：省质强办登记本省的省级激励政策和在本省施行的国家级激励政策，市级、县级激励政策由所在市州质强办登记',
      [{ field: 'level', message: '可选：国家级、省级' }],
    ]);
    expect((await office.request('POST', '/api/incentive-policies', { ...province, title: '省级别测试政策', docNo: '湘政发〔2025〕77号', level: 'provincial' })).status).toBe(201);
    const national = await office.request('POST', '/api/incentive-policies', { ...province, issuer: '国务院办公厅', title: '国家级别测试政策', docNo: '国办发〔2025〕77号', level: 'national' });
    expect([national.status, national.json.levelLabel]).toEqual([201, '国家级']);
    // whose the region is comes first: the city office on the province's region is a 403, whatever the level
    expect((await yyOffice.request('POST', '/api/incentive-policies', { ...province, title: '越权级别测试政策', docNo: '湘政发〔2025〕78号', level: 'city' })).status).toBe(403);
  });

  it('a current policy near or past its expiry warns the office: a to-do and the expiry on the list', async () => {
    const today = Date.parse(`${chinaDate(new Date())}T00:00:00Z`);
    const plus = (days: number) => new Date(today + days * 86_400_000).toISOString().slice(0, 10);
    const base = { issuer: '湖南省市场监督管理局', level: 'provincial', regionCode: '430000', issuedOn: '2020-01-01', effectiveFrom: '2020-01-01', source: null, notes: [], rules: [{ id: 'x', achievement: 'hunan-governor-award', role: null, recipient: 'organisation', basis: 'once', amount: { type: 'by-other-rules', text: '从其规定' }, text: '从其规定' }] };
    const near = await office.request('POST', '/api/incentive-policies', { ...base, title: '临近失效的测试政策', docNo: '湘测〔2020〕1号', expiresOn: plus(30) });
    const past = await office.request('POST', '/api/incentive-policies', { ...base, title: '已过期仍现行的测试政策', docNo: '湘测〔2020〕2号', expiresOn: plus(-3) });
    await office.request('POST', '/api/incentive-policies', { ...base, title: '远未失效的测试政策', docNo: '湘测〔2020〕3号', expiresOn: plus(400) });
    expect(near.json.expiry.state).toBe('near');
    expect(past.json.expiry).toEqual({ state: 'expired', daysLeft: -3 });
    const todos = ((await office.request('GET', '/api/todos')).json.items as any[]).filter((x) => x.kind === 'policy.expiry');
    expect(todos.map((x) => x.title)).toEqual(['激励政策已过期仍为现行：已过期仍现行的测试政策（湘测〔2020〕2号）', '激励政策即将失效：临近失效的测试政策（湘测〔2020〕1号）']);
    expect(todos[0].link).toBe('/honours/policies');
    // the 失效日期 is the policy's last day (有效期至 X 含当日): the day after it, past; on it, still in force
    expect(todos[0].detail).toBe(`有效期至${plus(-3)}（含当日），已过期，请确认废止、延续或登记替代的新政策`);
    expect(todos[1].detail).toBe(`有效期至${plus(30)}（含当日，还有30天，提前90天提醒），请确认是否延续或登记替代的新政策`);
    const last = await office.request('POST', '/api/incentive-policies', { ...base, title: '今天最后一天的测试政策', docNo: '湘测〔2020〕4号', expiresOn: plus(0) });
    expect(last.json.expiry).toEqual({ state: 'near', daysLeft: 0 });
    const lastTodo = ((await office.request('GET', '/api/todos')).json.items as any[]).find((x) => x.key === `policy.expiry:${last.json.id}`);
    expect([lastTodo.title, lastTodo.detail]).toEqual(['激励政策即将失效：今天最后一天的测试政策（湘测〔2020〕4号）', `有效期至${plus(0)}（含当日），今天是最后一天，请确认是否延续或登记替代的新政策`]);
    await office.request('POST', `/api/incentive-policies/${last.json.id}/repeal`, { version: last.json.version });
    // the province's policies are not the city office's; nothing for a department
    expect(((await yyOffice.request('GET', '/api/todos')).json.items as any[]).filter((x) => x.kind === 'policy.expiry')).toEqual([]);
    expect(((await samr.request('GET', '/api/todos')).json.items as any[]).filter((x) => x.kind === 'policy.expiry')).toEqual([]);
    // repealed: the to-do closes itself
    await office.request('POST', `/api/incentive-policies/${past.json.id}/repeal`, { version: past.json.version });
    expect(((await office.request('GET', '/api/todos')).json.items as any[]).filter((x) => x.kind === 'policy.expiry')).toHaveLength(1);
  });

  it('the expiry to-do goes to the office that keeps the policy (policyWriteRefusal), not to one found by its code', async () => {
    // a city whose 质强办 was registered later under a code of its own (not the seed's office-<city code>)
    const at = new Date().toISOString();
    const org = (code: string, name: string, kind: 'city' | 'office', parent_id: number) =>
      t.db.db.insertInto('org_unit').values({ code, name, short_name: null, kind, parent_id, sort_order: 9000, version: 1, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
    const city = await org('439901', '测试市', 'city', await orgId(t.db, '430000'));
    const cityOffice = await org('qzb-439901', '测试市质强办', 'office', city.id);
    const yyOfficeOrg = await orgId(t.db, 'office-430600');
    await t.db.db.updateTable('app_user').set({ org_unit_id: cityOffice.id }).where('username', '=', 'yueyang.office').execute();
    try {
      const keeper = await login(t.app, 'yueyang.office');
      const today = Date.parse(`${chinaDate(new Date())}T00:00:00Z`);
      const expiresOn = new Date(today + 30 * 86_400_000).toISOString().slice(0, 10);
      const body = { issuer: '测试市人民政府', level: 'city', regionCode: '439901', issuedOn: '2020-01-01', effectiveFrom: '2020-01-01', source: null, notes: [], rules: [{ id: 'x', achievement: 'hunan-governor-award', role: null, recipient: 'organisation', basis: 'once', amount: { type: 'by-other-rules', text: '从其规定' }, text: '从其规定' }] };
      const created = await keeper.request('POST', '/api/incentive-policies', { ...body, title: '测试市临近失效的政策', docNo: '测政发〔2020〕1号', expiresOn });
      expect(created.status).toBe(201);
      const expiring = async (c: Client) => ((await c.request('GET', '/api/todos')).json.items as any[]).filter((x) => x.kind === 'policy.expiry' && x.key === `policy.expiry:${created.json.id}`);
      // the city's office keeps it and is told; the provincial office, which may not change it, is not
      expect(await expiring(keeper)).toHaveLength(1);
      expect(await expiring(office)).toEqual([]);
    } finally {
      await t.db.db.updateTable('app_user').set({ org_unit_id: yyOfficeOrg }).where('username', '=', 'yueyang.office').execute();
    }
  });
});

describe.each(testDialects())('what the demo roll feeds, golden, on %s', (dialect) => {
  let t: TestApp;
  let office: Client;
  beforeAll(async () => {
    t = await makeTestApp(dialect, {}, { demoAssessment: true });
    office = await login(t.app, 'office');
  });
  afterAll(() => t.close());

  it('plan indicators 4–8 counted up to a year as the plan counts them (2020 baseline + later entries), per province and city, with the entries', async () => {
    const r = await office.request('GET', '/api/honours/counts?upToYear=2024');
    expect(r.status).toBe(200);
    const province = Object.fromEntries(r.json.indicators.map((i: any) => [i.code, i.province.count]));
    // the roll holds 5, 6, 7, 4 (2 中国质量奖, 2 提名奖), 2 entries from 2020 on; the 2020 ones are in the baselines
    // (116, 72, 56, 6 = 1 award + 5 提名奖, 3)
    expect(province).toEqual({ 4: 116 + 3, 5: 72 + 5, 6: 56 + 5, 7: 6 + 4, 8: 3 + 2 });
    const luban = r.json.indicators.find((i: any) => i.code === 5);
    expect(luban.stock).toEqual({ baseline: 72, baselineYear: 2020, entryCount: 5, text: '2020年基期值72项，加名录中2021—2024年的5项' });
    expect(luban.province.entries).toHaveLength(5);
    expect(luban.cities).toHaveLength(14);
    const cs = luban.cities.find((c: any) => c.org.name === '长沙市');
    // 长沙国际会展中心二期工程 (2020) is part of the baseline, not counted again
    expect(cs.count).toBe(2);
    expect(cs.entries.map((e: any) => [e.year, e.awardee])).toEqual([
      [2021, '长沙湘江新区综合交通枢纽工程'],
      [2023, '长沙滨江文化园工程'],
    ]);
    expect(luban.cities.reduce((a: number, c: any) => a + c.count, 0)).toBe(5);
    const y22 = await office.request('GET', '/api/honours/counts?upToYear=2022');
    expect(Object.fromEntries(y22.json.indicators.map((i: any) => [i.code, i.province.count]))).toEqual({ 4: 117, 5: 75, 6: 59, 7: 6 + 2, 8: 4 }); // 7: the 2021 award and 2021 提名奖
    // before the plan's baseline year no plan counts them: the roll's entries, said so (stock null)
    const y19 = await office.request('GET', '/api/honours/counts?upToYear=2019');
    expect(y19.json.indicators.map((i: any) => [i.province.count, i.stock])).toEqual(Array(5).fill([0, null]));
    // the module function other modules call gives the same, with entry ids
    const fn = await countHonours(t.db.db, { indicatorCode: 7, upToYear: 2024 });
    // 中国质量奖 with its 提名奖: 长沙 and 株洲 an award each, 株洲 and 岳阳 a 提名奖 each
    expect(fn.filter((x) => x.count > 0).map((x) => [x.orgName, x.count])).toEqual([['湖南省', 4], ['长沙市', 1], ['株洲市', 2], ['岳阳市', 1]]);
    expect(fn[0]!.entryIds).toHaveLength(4);
    expect((await office.request('GET', '/api/honours/counts?upToYear=1900')).status).toBe(400);
  });

  it('the 规划指标计数 tab gives the indicator table’s count (baseline + entries after the baseline year), province and cities', async () => {
    const h = (await office.request('GET', '/api/honours/counts?upToYear=2023')).json;
    const plan = (await office.request('GET', '/api/indicator-plans')).json.items.find((p: any) => p.code === 'hunan-14th').id;
    const table = (await office.request('GET', `/api/indicator-plans/${plan}/indicators?year=2023`)).json.rows;
    for (const i of h.indicators) {
      const row = table.find((x: any) => x.code === i.code);
      expect([i.code, i.province.count, i.stock.text]).toEqual([i.code, row.rollCount.value, row.rollCount.text]);
      const detail = (await office.request('GET', `/api/indicators/${row.id}?year=2023`)).json;
      expect(i.cities.map((c: any) => [c.org.id, c.count])).toEqual(detail.roll.cities.map((c: any) => [c.org.id, c.count]));
    }
    expect(h.indicators.find((i: any) => i.code === 4)).toMatchObject({ province: { count: 118 }, stock: { baseline: 116, baselineYear: 2020, entryCount: 2, text: '2020年基期值116家，加名录中2021—2023年的2项' } });
    expect(h.indicators.find((i: any) => i.code === 5).province.count).toBe(76);
    // the tab and the route describe this count in one text, ROLL_COUNT_TEXT, next to ROLL_RULE (the route's summary
    // said 全省 = 基期值 + 基期年之后的名录条目, the tab 名录中基期年之后至该年的条目数, each in its own words)
    const doc = (await office.request('GET', '/api/openapi.json')).json;
    expect(doc.paths['/api/honours/counts'].get.summary).toContain(ROLL_COUNT_TEXT);
    expect(h.indicators.map((i: any) => i.code)).toEqual([...COUNTED_INDICATORS]);
  });

  it('DB43 5.2: distinct awarded enterprises per city in a year, as the list shows them', async () => {
    const r = await office.request('GET', '/api/honours/peers?year=2021');
    expect(r.status).toBe(200);
    expect(r.json.values).toHaveLength(14);
    for (const v of r.json.values) {
      const list = await office.request('GET', `/api/honours?year=2021&cityId=${v.org.id}&pageSize=500`);
      const award = new Set(list.json.items.filter((i: any) => ['中国质量奖', '中国质量奖提名奖', '湖南省省长质量奖', '湖南省省长质量奖提名奖', '市长质量奖', '市长质量奖提名奖'].includes(i.kindName)).map((i: any) => i.awardee));
      expect(v.value, v.org.name).toBe(award.size);
    }
    const zz = r.json.values.find((v: any) => v.org.name === '株洲市');
    expect(zz.value).toBeGreaterThan(0);
    const fn = await honourCountsForPeers(t.db.db, { year: 2021, level: 'city', kinds: ['china-quality-award'] });
    expect(fn.filter((x) => x.value > 0).map((x) => x.orgName)).toEqual(['长沙市']);
    expect((await office.request('GET', '/api/honours/peers?year=2021&kinds=nobel')).status).toBe(400);
    expect((await office.request('GET', '/api/honours/peers?year=2021&fromYear=2023')).status).toBe(400);
  });

  it('督查激励 of a year and unit for the assessment bonus item: 岳阳市 2023 has the 国办, 省政府 and 汨罗市 entries', async () => {
    const yy = await orgId(t.db, '430600');
    const r = await (await login(t.app, 'samr')).request('GET', `/api/honours/inspection-incentives?year=2023&unitId=${yy}`);
    expect(r.status).toBe(200);
    expect(r.json.items.map((i: any) => [i.kindName, i.awardee, i.bonusPoints, i.county?.name ?? null])).toEqual([
      ['督查激励（国办）', '岳阳市人民政府', '1', null],
      ['督查激励（省政府）', '岳阳市人民政府', '0.5', null],
      ['督查激励（县级，省政府表彰）', '汨罗市人民政府', '0.2', '汨罗市'],
    ]);
    expect((await office.request('GET', `/api/honours/inspection-incentives?year=2022&unitId=${yy}`)).json.items).toEqual([]);
    expect((await office.request('GET', `/api/honours/inspection-incentives?year=2022&unitId=${await orgId(t.db, 'samr')}`)).status).toBe(404);
  });

  it('the 2022 督查激励 on the roll agree with the published 2022 demo results’ bonus of every city', async () => {
    const office = await login(t.app, 'office');
    const cycle = (await office.request('GET', '/api/cycles')).json.items.find((c: any) => c.year === 2022 && c.status === 'published');
    const results = (await office.request('GET', `/api/cycles/${cycle.id}/results`)).json;
    for (const u of results.units) {
      const items = (await office.request('GET', `/api/honours/inspection-incentives?year=2022&unitId=${u.unitId}`)).json.items as { bonusPoints: string }[];
      const evidence = items.reduce((sum, i) => sum + Number(i.bonusPoints), 0);
      expect([u.unitName, Math.round(evidence * 10) / 10]).toEqual([u.unitName, Number(u.bonus)]);
    }
  });

  it('every demo entry is marked 演示数据, across the 14 cities and 2020–2024', async () => {
    const rows = await t.db.db.selectFrom('honour').select(['demo', 'note', 'year', 'city_org_id', 'source_doc']).execute();
    expect(rows.length).toBeGreaterThan(60);
    expect(rows.every((r) => r.demo === 1 && r.note === '演示数据' && r.source_doc.startsWith('演示数据'))).toBe(true);
    expect(new Set(rows.map((r) => r.city_org_id)).size).toBe(14);
    expect([...new Set(rows.map((r) => r.year))].sort()).toEqual([2020, 2021, 2022, 2023, 2024]);
  });
});
