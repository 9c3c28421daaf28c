/**
 * Two people of one office writing the same quality analysis report at once (岳阳市质强办's 2024 上半年 draft): each
 * writes their own sections and neither loses work to the other's save; the one whose section the other changed
 * meanwhile is told who changed it and when (not a bare 已被他人修改), the other's text kept; after the report is
 * issued a late save is told who issued it, when and under which 文号.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeTestApp, testDialects, type Client, type TestApp } from '../../test/helpers';

describe.each(testDialects())('two writers of one analysis report on %s', (dialect) => {
  let t: TestApp;
  const now = new Date('2024-08-01T02:00:00Z');
  let first: Client, second: Client;
  /** the first writer as a refusal names them: person（unit's short name）, here the unit's own account */
  let firstName: string;
  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: () => now }, { demoAssessment: true });
    // a second account of 岳阳市质强办 (the demo's row, copied)
    const { id: _id, ...row } = await t.db.db.selectFrom('app_user').selectAll().where('username', '=', 'yueyang.office').executeTakeFirstOrThrow();
    // the account is named after its unit (岳阳市质强办), so the unit is not repeated in brackets
    firstName = row.display_name;
    expect(firstName).toBe('岳阳市质强办');
    await t.db.db.insertInto('app_user').values({ ...row, username: 'yueyang.office2', display_name: '岳阳质强办第二撰稿人' }).execute();
    [first, second] = await Promise.all(['yueyang.office', 'yueyang.office2'].map((u) => login(t.app, u)));
  });
  afterAll(() => t.close());

  const draftOf = async (c: Client) => {
    const item = (await c.request('GET', '/api/analysis-reports')).json.items.find((x: any) => x.period === '2024-H1');
    return (await c.request('GET', `/api/analysis-reports/${item.id}`)).json;
  };
  /** a refusal's words, the moment (the audit row's, China time) any */
  const named = (words: string) => new RegExp(`^${words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace('<T>', '\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}')}$`);
  const textOf = (r: any, key: string) => r.sections.find((s: any) => s.key === key).text;
  const url = (r: any, key: string) => `/api/analysis-reports/${r.id}/sections/${key}`;

  it('each saves their own section on the page they loaded: both texts kept; a section the other changed is a 409 naming who and when', async () => {
    const [a, b] = [await draftOf(first), await draftOf(second)];
    expect(a.version).toBe(b.version);
    const saved = await first.request('PUT', url(a, 'indicators'), { version: a.version, base: textOf(a, 'indicators'), text: '第一撰稿人：指标总体平稳。' });
    expect(saved.status).toBe(200);
    // the second writer's own section, from the page loaded before the first's save: saved, the first's text kept
    const own = await second.request('PUT', url(b, 'outlook'), { version: b.version, base: textOf(b, 'outlook'), text: '第二撰稿人：下一步督导。' });
    expect(own.status).toBe(200);
    expect([textOf(own.json, 'indicators'), textOf(own.json, 'outlook')]).toEqual(['第一撰稿人：指标总体平稳。', '第二撰稿人：下一步督导。']);
    // the section the first writer changed meanwhile: refused, naming who and when; the first's text kept
    const over = await second.request('PUT', url(b, 'indicators'), { version: b.version, base: textOf(b, 'indicators'), text: '第二撰稿人：覆盖' });
    expect(over.status).toBe(409);
    expect(over.json.message).toMatch(named(`“规划指标监测情况”一节已由${firstName}于<T>修改，您的文字尚未保存：请先复制，刷新后在其基础上修改`));
    expect(textOf(await draftOf(first), 'indicators')).toBe('第一撰稿人：指标总体平稳。');
  });

  it('a stale version without the text it started from (an older page) is a 409 naming who changed the report and when', async () => {
    const r = await draftOf(first);
    const moved = await first.request('PUT', url(r, 'workplan'), { version: r.version, text: '要点推进有序。' });
    expect(moved.status).toBe(200);
    const stale = await second.request('PUT', url(r, 'workplan'), { version: r.version, text: '覆盖' });
    expect(stale.status).toBe(409);
    expect(stale.json.message).toMatch(named(`“工作要点推进情况”一节已由${firstName}于<T>修改，您的文字尚未保存：请先复制，刷新后在其基础上修改`));
    const refresh = await second.request('POST', `/api/analysis-reports/${r.id}/refresh`, { version: r.version });
    expect(refresh.status).toBe(409);
    expect(refresh.json.message).toMatch(named(`质量分析报告已由${firstName}于<T>修改“工作要点推进情况”一节，请刷新后查看再操作`));
  });

  it("a writer's own second window on a stale page is told it changed the report there (您在其他窗口), not named in the third person", async () => {
    const r = await draftOf(first);
    const saved = await first.request('PUT', url(r, 'workplan'), { version: r.version, base: textOf(r, 'workplan'), text: '要点推进有序（第一窗口）。' });
    expect(saved.status).toBe(200);
    const other = await first.request('PUT', url(r, 'workplan'), { version: r.version, base: textOf(r, 'workplan'), text: '第二窗口' });
    expect([other.status, other.json.message]).toEqual([409, expect.stringMatching(named('“工作要点推进情况”一节已由您在其他窗口于<T>修改，您的文字尚未保存：请先复制，刷新后在其基础上修改'))]);
    const refresh = await first.request('POST', `/api/analysis-reports/${r.id}/refresh`, { version: r.version });
    expect([refresh.status, refresh.json.message]).toEqual([409, expect.stringMatching(named('质量分析报告已由您在其他窗口于<T>修改“工作要点推进情况”一节，请刷新后查看再操作'))]);
  });

  it('after the report is issued a late save is told who issued it, when and under which 文号', async () => {
    const r = await draftOf(first);
    const issued = await first.request('POST', `/api/analysis-reports/${r.id}/issue`, { version: r.version, docNo: '岳质强办发〔2024〕7号', issuedOn: '2024-07-30' });
    expect(issued.status).toBe(200);
    const late = await second.request('PUT', url(r, 'outlook'), { version: r.version, base: textOf(r, 'outlook'), text: '迟到的修改' });
    expect(late.status).toBe(409);
    expect(late.json.message).toMatch(named(`质量分析报告已由${firstName}于<T>印发（岳质强办发〔2024〕7号），不能再修改`));
    // the issuer's own other window
    const mine = await first.request('PUT', url(r, 'outlook'), { version: r.version, base: textOf(r, 'outlook'), text: '迟到的修改' });
    expect([mine.status, mine.json.message]).toEqual([409, expect.stringMatching(named('质量分析报告已由您在其他窗口于<T>印发（岳质强办发〔2024〕7号），不能再修改'))]);
    expect(textOf(await draftOf(first), 'outlook')).toBe('第二撰稿人：下一步督导。');
  });
});
