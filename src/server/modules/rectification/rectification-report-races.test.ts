/**
 * 整改进展: two people acting on one progress report at once (2026-12-01 review). The one who comes second is told
 * what happened to the report — saved, reported or sent back, by whom and when — never the bare 已被他人修改 /
 * 状态已被他人更改, and the same words on SQLite (where the two run one after the other) and PostgreSQL (where the
 * loser waits on the winner's row). Through the API with the demo's 衡阳市 item.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../../../shared/deadline';
import { addDays } from '../../../shared/workplan/rules';
import { login, makeTestApp, testDialects, type Client, type TestApp } from '../../test/helpers';

describe.each(testDialects())('rectification progress report races on %s', (dialect) => {
  let t: TestApp;
  const start = chinaDate(new Date());
  let now = new Date(`${start}T02:17:00Z`);
  const day = (n: number) => addDays(start, n);
  const at = (d: string) => (now = new Date(`${d}T02:17:00Z`));
  let office: Client;
  let office2: Client;
  let hengyang: Client;
  let hengyang2: Client;
  let hy: any;
  /** how a lost race names the winner: the person, their unit's short name */
  const officeName = '唐碧辉（省质强办）';
  const url = () => `/api/rectifications/${hy.id}`;
  const report = async () => (await hengyang.request('GET', url())).json.reports.at(-1);
  const oneLost = (a: { status: number; json: any }, b: { status: number; json: any }) => {
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    return (a.status === 409 ? a : b).json.message as string;
  };
  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: () => now }, { demoAssessment: true });
    [office, office2, hengyang, hengyang2] = await Promise.all(['office', 'office', 'hengyang', 'hengyang'].map((u) => login(t.app, u)));
    hy = (await office.request('GET', '/api/rectifications')).json.items.find((x: any) => x.owner.name === '衡阳市');
  });
  afterAll(() => t.close());

  it('two saves of one draft at once: the second is told who saved it and when, and to refresh', async () => {
    at(day(1));
    // the demo's item may have a draft already: it is the one saved
    const open = await report();
    const first = await hengyang.request('PUT', `${url()}/report`, { version: open && open.status !== 'submitted' ? open.version : 0, progress: 40, text: '制定整改方案，明确责任分工。' });
    expect([first.status, first.json.message]).toEqual([200, undefined]);
    at(day(2));
    const draft = await report();
    const [a, b] = await Promise.all([
      hengyang.request('PUT', `${url()}/report`, { version: draft.version, progress: 45, text: '整改方案已印发。' }),
      hengyang2.request('PUT', `${url()}/report`, { version: draft.version, progress: 50, text: '整改方案已印发，开展自查。' }),
    ]);
    const words = `该进展报告已由您在其他窗口于${day(2)} 10:17保存，请刷新后查看最新内容再操作`;
    expect(oneLost(a, b)).toBe(words);
    // the page left open: the same words
    const again = await hengyang2.request('PUT', `${url()}/report`, { version: draft.version, progress: 50, text: '再保存一次。' });
    expect([again.status, again.json.message]).toEqual([409, words]);
  });

  it('two submissions at once: the second is told who reported it and when; a save from the page read before is told the same', async () => {
    at(day(3));
    const draft = await report();
    const [a, b] = await Promise.all([
      hengyang.request('POST', `${url()}/reports/${draft.id}/submit`, { version: draft.version }),
      hengyang2.request('POST', `${url()}/reports/${draft.id}/submit`, { version: draft.version }),
    ]);
    expect(oneLost(a, b)).toBe(`该进展报告已由您在其他窗口于${day(3)} 10:17报送，无需再次报送；如需修改，请由提出单位退回`);
    const late = await hengyang2.request('PUT', `${url()}/report`, { version: draft.version, progress: 50, text: '报送前打开的页面。' });
    expect([late.status, late.json.message]).toEqual([409, `该进展报告已由您在其他窗口于${day(3)} 10:17报送，请刷新后查看最新内容再操作`]);
  });

  it('two returns at once: the second is told who sent it back and when', async () => {
    at(day(4));
    const sent = await report();
    expect(sent.status).toBe('submitted');
    const [a, b] = await Promise.all([
      office.request('POST', `${url()}/reports/${sent.id}/return`, { version: sent.version, reason: '请补充整改方案的印发文件' }),
      office2.request('POST', `${url()}/reports/${sent.id}/return`, { version: sent.version, reason: '请补充自查情况' }),
    ]);
    expect(oneLost(a, b)).toBe(`该进展报告已由您在其他窗口于${day(4)} 10:17退回，无需再次退回`);
    // the owner's page read before the return, submitting again: told the same, with what to do
    const stale = await hengyang.request('POST', `${url()}/reports/${sent.id}/submit`, { version: sent.version });
    expect([stale.status, stale.json.message]).toEqual([409, `该进展报告已由${officeName}于${day(4)} 10:17退回，请刷新后查看最新内容再操作`]);
  });
  it('two new drafts of one period at once (both from a page with no draft): the second is told who began it and when, on both databases', async () => {
    at(day(5));
    // 湘西州's item: its first report is in, the next one not begun (no draft)
    const [xiangxi, xiangxi2] = await Promise.all(['xiangxi', 'xiangxi'].map((u) => login(t.app, u)));
    const xx = (await office.request('GET', '/api/rectifications')).json.items.find((x: any) => x.owner.name === '湘西土家族苗族自治州');
    const before = (await xiangxi.request('GET', `/api/rectifications/${xx.id}`)).json.reports;
    expect(before.filter((r: any) => r.status !== 'submitted')).toEqual([]);
    const [a, b] = await Promise.all([
      // the month is under the demo's 督办单: each says why it is late (lateReasonRefusal)
      xiangxi.request('PUT', `/api/rectifications/${xx.id}/report`, { version: 0, progress: 40, text: '对否决事项逐项整改，已完成六项。', lateReason: '县市整改材料汇总核实耗时较长。' }),
      xiangxi2.request('PUT', `/api/rectifications/${xx.id}/report`, { version: 0, progress: 45, text: '对否决事项逐项整改，已完成七项。', lateReason: '县市整改材料汇总核实耗时较长。' }),
    ]);
    expect(oneLost(a, b)).toBe(`该进展报告已由您在其他窗口于${day(5)} 10:17保存，请刷新后查看最新内容再操作`);
    const after = (await xiangxi.request('GET', `/api/rectifications/${xx.id}`)).json.reports;
    expect(after.filter((r: any) => r.status === 'draft')).toHaveLength(1);
  });
  it('a save and a 报送 of one draft at once: never both — what is reported is what the sender saw, or the sender is told of the save', async () => {
    // 衡阳市's report: a draft (or one sent back) to correct, then at once a colleague saves it again while another reports it
    for (let round = 0; round < 6; round++) {
      at(day(6 + 2 * round));
      let open = await report();
      if (open.status === 'submitted') {
        const back = await office.request('POST', `${url()}/reports/${open.id}/return`, { version: open.version, reason: `第 ${round + 1} 次退回，请补充材料` });
        expect([back.status, back.json.message]).toEqual([200, undefined]);
        open = await report();
      }
      expect(['draft', 'returned']).toContain(open.status);
      at(day(7 + 2 * round));
      const seen = open.text;
      const [save, submit] = await Promise.all([
        hengyang2.request('PUT', `${url()}/report`, { version: open.version, progress: 60, text: `第 ${round + 1} 次修改：补充了自查清单。` }),
        hengyang.request('POST', `${url()}/reports/${open.id}/submit`, { version: open.version }),
      ]);
      expect([save.status, submit.status].sort(), `round ${round + 1}: ${save.json.message ?? ''} / ${submit.json.message ?? ''}`).toEqual([200, 409]);
      const now = (await hengyang.request('GET', url())).json.reports.find((x: any) => x.id === open.id);
      if (submit.status === 200) expect([now.status, now.text]).toEqual(['submitted', seen]);
      else {
        expect(submit.json.message).toBe(`该进展报告已由您在其他窗口于${day(7 + 2 * round)} 10:17保存，请刷新后查看最新内容再操作`);
        const sent = await hengyang.request('POST', `${url()}/reports/${open.id}/submit`, { version: now.version });
        expect([sent.status, sent.json.message]).toEqual([200, undefined]);
      }
    }
  });
});
