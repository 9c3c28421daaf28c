/**
 * The 公文 an office sends one unit at a time — a city's 反馈意见书 and 考核结果报告, an 异议复核结果告知书, an applicant's
 * 受理通知书 and 评价报告 — are numbered as the office's other 公文 are: the download dialog's POST registers the 文号
 * for that one 公文 (another unit's is another 公文), every later download prints it (the city's own too), another
 * 公文's number is refused naming it, and only the issuing office registers one.
 */
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeTestApp, testDialects, type Client, type TestApp } from '../../test/helpers';

describe.each(testDialects())('numbered 公文 sent to one unit on %s', (dialect) => {
  let t: TestApp;
  let office: Client;
  let cycle = 0;
  let units: { unitId: number; unitName: string }[] = [];
  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: () => new Date('2023-07-25T02:00:00Z') }, { demoAssessment: true });
    office = await login(t.app, 'office');
    const cycles = (await office.request('GET', '/api/cycles')).json.items as { id: number; year: number }[];
    cycle = cycles.find((c) => c.year === 2022)!.id;
    units = (await office.request('GET', `/api/cycles/${cycle}/results`)).json.units;
  });
  afterAll(() => t.close());

  const send = async (c: Client, url: string, docNumber?: string) => {
    const r = await t.app.inject(
      docNumber === undefined
        ? { method: 'GET', url, headers: { cookie: c.cookie } }
        : { method: 'POST', url, headers: { cookie: c.cookie, 'x-csrf-token': c.csrf }, payload: { docNumber } },
    );
    return { status: r.statusCode, body: r.rawPayload, json: () => r.json() };
  };
  /** the document's paragraphs, as its reader sees them: the 发文字号 is the one under the 发文机关标志 */
  const headOf = async (body: Buffer) => {
    const xml = await (await JSZip.loadAsync(body)).file('word/document.xml')!.async('string');
    const paras = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => m[0].replace(/<[^>]+>/g, ''));
    return paras[paras.findIndex((p) => p.endsWith('文件')) + 1];
  };
  const entry = (docNo: string) => t.db.db.selectFrom('doc_number').select(['kind', 'subject', 'title']).where('doc_no', '=', docNo).where('voided_at', 'is', null).execute();

  it('a city’s 反馈意见书 and 考核结果报告 each take their own 文号, printed on every download after, the city’s own too', async () => {
    const cs = units.find((u) => u.unitName === '长沙市')!;
    const second = units.find((u) => u !== cs)!;
    const feedback = (u: number) => `/api/cycles/${cycle}/results/${u}/feedback.docx`;
    const report = (u: number) => `/api/cycles/${cycle}/results/${u}/report.docx`;
    // not numbered yet: the placeholder, as the bulletin before its 文号
    expect(await headOf((await send(office, feedback(cs.unitId))).body)).toBe('×××〔2023〕×号');

    const fb = await send(office, feedback(cs.unitId), '湘质强办〔2023〕31号');
    expect(fb.status).toBe(200);
    expect(await headOf(fb.body)).toBe('湘质强办〔2023〕31号');
    expect(await entry('湘质强办〔2023〕31号')).toEqual([{ kind: 'results_feedback', subject: `${cycle}:${cs.unitId}:final`, title: `2022年度${cs.unitName}考核反馈意见书（最终）` }]);
    const rp = await send(office, report(cs.unitId), '湘质强办〔2023〕32号');
    expect(rp.status).toBe(200);
    expect(await headOf(rp.body)).toBe('湘质强办〔2023〕32号');

    // another city's 反馈意见书 is another 公文: the number is taken, named
    const taken = await send(office, feedback(second.unitId), '湘质强办〔2023〕31号');
    expect(taken.status).toBe(409);
    expect(taken.json().message).toBe(`文号湘质强办〔2023〕31号已用于《2022年度${cs.unitName}考核反馈意见书（最终）》（2023-07-25登记），请换一个文号`);
    expect(await headOf((await send(office, feedback(second.unitId), '湘质强办〔2023〕33号')).body)).toBe('湘质强办〔2023〕33号');

    // the city downloads its own: the registered numbers, printed; it registers none itself
    const city = await login(t.app, 'changsha');
    expect(await headOf((await send(city, feedback(cs.unitId))).body)).toBe('湘质强办〔2023〕31号');
    expect(await headOf((await send(city, report(cs.unitId))).body)).toBe('湘质强办〔2023〕32号');
    const byCity = await send(city, report(cs.unitId), '长质强办〔2023〕1号');
    expect(byCity.status).toBe(403);
    expect(byCity.json().message).toContain('文号由发文单位（');
    // a link carrying a 文号 registers nothing
    expect((await send(office, `${feedback(cs.unitId)}?docNumber=${encodeURIComponent('湘质强办〔2023〕39号')}`)).status).toBe(400);
    expect(await entry('湘质强办〔2023〕39号')).toEqual([]);
    // each document draws its charts: a dozen downloads take a while on a loaded machine
  }, 180_000);

  it('the 异议复核结果告知书 takes its 文号 as the other 公文 do', async () => {
    const objections = (await office.request('GET', `/api/cycles/${cycle}/objections`)).json.items as { id: number; status: string }[];
    const answered = objections.find((o) => o.status !== 'open')!;
    const url = `/api/objections/${answered.id}/notice.docx`;
    expect(await headOf((await send(office, url)).body)).toBe('×××〔2023〕×号');
    const r = await send(office, url, '湘质强办〔2023〕34号');
    expect(r.status).toBe(200);
    expect(await headOf(r.body)).toBe('湘质强办〔2023〕34号');
    expect((await entry('湘质强办〔2023〕34号')).map((e) => [e.kind, e.subject])).toEqual([['objection_notice', `${cycle}:${answered.id}`]]);
    expect(await headOf((await send(office, url)).body)).toBe('湘质强办〔2023〕34号');
  });

  it('an applicant’s 受理通知书 and 评价报告 take theirs, registered by the organising office', async () => {
    const apps = (await office.request('GET', '/api/evaluation-applications')).json.items as { id: number; status: string; applicant: { name: string } }[];
    const named = apps.find((a) => a.status === 'named')!;
    for (const [which, no, kind] of [
      ['decision', '湘质强办〔2023〕35号', 'evaluation_decision'],
      ['report', '湘质强办〔2023〕36号', 'evaluation_report'],
    ] as const) {
      const url = `/api/evaluation-applications/${named.id}/${which}.docx`;
      expect(await headOf((await send(office, url)).body), which).toMatch(/^×××〔\d{4}〕×号$/);
      const r = await send(office, url, no);
      expect(r.status, which).toBe(200);
      expect(await headOf(r.body), which).toBe(no);
      expect((await entry(no)).map((e) => [e.kind, e.subject])).toEqual([[kind, String(named.id)]]);
    }
    // the register lists them with their kind and a link to the application
    const list = (await office.request('GET', '/api/doc-numbers')).json.items as { docNo: string; kindLabel: string; link: string | null; mayVoid: boolean }[];
    expect(list.find((e) => e.docNo === '湘质强办〔2023〕36号')).toMatchObject({ kindLabel: '创建评价报告', link: `/evaluation/applications/${named.id}`, mayVoid: true });
    expect(list.find((e) => e.docNo === '湘质强办〔2023〕31号')).toMatchObject({ kindLabel: '考核反馈意见书', link: `/assessment/${cycle}?tab=results`, mayVoid: true });
  });
});
