/**
 * The creation evaluation's documents through the API (issue 11): the 受理 / 不予受理 通知书 after the decision and
 * the 评价报告 after the 综合评价, built from fixtures made as review/review.test.ts makes them (a round, 岳麓区's
 * accepted application, experts in the pool, a plan, independent scores, the leader's agreed score, the
 * confirmation), opened as .docx (unzip) and, once per run, printed by LibreOffice to PDF with the page count.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Framework } from '../../../shared/scoring/framework-schema';
import { decisionDocx } from '../../io/word/evaluation-docs';
import { fullAnswer, poolExpert, submittedSelf } from '../../test/evaluation';
import { login, makeTestApp, orgIds, testDialects, type Client, type TestApp } from '../../test/helpers';

const declarations = ['I1', 'I2', 'I3', 'I4'].map((code) => ({ code, applies: false, statement: '近三年本区未发生该情形，已经有关部门核实。' }));
const china = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
const I1 = '近三年城市发生重大产品质量安全事故，出现系统性、区域性质量安全问题';

async function download(t: TestApp, c: Client, url: string) {
  const r = await t.app.inject({ method: 'GET', url, headers: { cookie: c.cookie } });
  return { status: r.statusCode, body: r.rawPayload, headers: r.headers, json: () => r.json() };
}

/** the document's paragraphs' text (table cells are paragraphs: "|a|b|" finds a row), its XML and the zip */
async function open(buf: Buffer) {
  const zip = await JSZip.loadAsync(buf);
  const xml = await zip.file('word/document.xml')!.async('string');
  const paras = xml.split('<w:p>').map((p) => p.replace(/<w:tab\/>/g, '\t').replace(/<[^>]+>/g, ''));
  return { zip, xml, paras, text: paras.join('|') };
}

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const lo = ['soffice', 'pdfinfo', 'pdftotext'].filter((c) => !has(c));
const required = process.env.KAOPING_REQUIRE_ALL === '1';

describe.each(testDialects())('creation evaluation documents: 受理通知书, 不予受理通知书, 评价报告, on %s', (dialect) => {
  let t: TestApp;
  let office: Client;
  let yuelu: Client;
  let changsha: Client;
  let leader: Client;
  let samr: Client;
  let e1: Client;
  let e2: Client;
  let e3: Client;
  let app: any;
  let refused: any;
  let fw: Framework;
  const before: Record<string, number> = {};
  const experts: Record<string, number> = {};
  const allItems: string[] = [];

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    office = await login(t.app, 'office');
    yuelu = await login(t.app, 'yuelu');
    changsha = await login(t.app, 'changsha');
    leader = await login(t.app, 'leader');
    samr = await login(t.app, 'samr');
    [e1, e2, e3] = await Promise.all(['expert', 'expert2', 'expert3'].map((u) => login(t.app, u)));
    const round = (await office.request('POST', '/api/evaluation-rounds', { year: 2025, title: '2025年度质量强市（县）创建评价' })).json;
    let a = (await yuelu.request('POST', `/api/evaluation-rounds/${round.id}/applications`, { contactName: '赵六', contactPhone: '0731-1234567', conditions: declarations })).json;
    before.draft = (await download(t, yuelu, `/api/evaluation-applications/${a.id}/decision.docx`)).status;
    a = (await yuelu.request('POST', `/api/evaluation-applications/${a.id}/transition`, { event: 'submit', version: a.version })).json;
    before.submitted = (await download(t, office, `/api/evaluation-applications/${a.id}/decision.docx`)).status;
    // the market regulator is consulted on 岳麓区: a department that takes part, yet gets no 通知书
    const [samrId] = await orgIds(t.db, ['samr']);
    a = (await office.request('POST', `/api/evaluation-applications/${a.id}/consultations`, { departmentIds: [samrId], conditions: ['I1'], question: '请核实岳麓区近三年是否发生重大产品质量安全事故' })).json;
    // it has not answered when the office accepts, so the office writes why, and the notice says so
    app = (await office.request('POST', `/api/evaluation-applications/${a.id}/transition`, { event: 'accept', version: a.version, reason: '经查询全国产品质量安全事故通报，岳麓区近三年未发生重大产品质量安全事故' })).json;
    before.accepted = (await download(t, yuelu, `/api/evaluation-applications/${app.id}/report.docx`)).status;
    // 长沙市 is refused on I1
    let b = (await changsha.request('POST', `/api/evaluation-rounds/${round.id}/applications`, { contactName: '钱七', contactPhone: '0731-7654321', conditions: declarations })).json;
    b = (await changsha.request('POST', `/api/evaluation-applications/${b.id}/transition`, { event: 'submit', version: b.version })).json;
    refused = (await office.request('POST', `/api/evaluation-applications/${b.id}/transition`, { event: 'refuse', version: b.version, condition: 'I1', reason: '经征求意见，2023年发生一起重大产品质量安全事故。' })).json;
    expect(refused.status).toBe('refused');

    // the pool, the plan (3.5.b 合理缺项), the experts' 回避 and scores, the agreed 1.1, the on-site revision, the confirmation
    for (const [name, username] of [
      ['王教授', 'expert'],
      ['李高工', 'expert2'],
      ['陈研究员', 'expert3'],
    ] as const)
      experts[name] = await poolExpert(t, name, username);
    fw = JSON.parse((await t.db.db.selectFrom('evaluation_round').select('framework_json').where('id', '=', round.id).executeTakeFirstOrThrow()).framework_json);
    allItems.push(...fw.sections.flatMap((s) => s.items.map((i) => i.code)));
    const plan = (members: { name: string; leader?: boolean }[], version: number | null, extra: Record<string, unknown> = {}) => ({
      version,
      notApplicable: [{ key: '3.5.b', reason: '岳麓区无口岸，按规范为合理缺项' }],
      method: 'mean',
      threshold: '0.3',
      schedule: { documentReviewStart: china(-5), documentReviewEnd: china(0), siteReviewStart: china(0), siteReviewEnd: china(5) },
      members: members.map((m) => ({ expertId: experts[m.name], leader: !!m.leader, items: allItems })),
      peers: { '5.2.a': [{ code: '430102', name: '芙蓉区', value: 3 }, { code: '430103', name: '天心区', value: 5 }, { code: '430105', name: '开福区', value: 8 }] },
      ...extra,
    });
    let p = (await office.request('PUT', `/api/evaluation-applications/${app.id}/plan`, plan([{ name: '王教授', leader: true }, { name: '李高工' }, { name: '陈研究员' }], null))).json.plan;
    expect(p.problems).toEqual([]);
    expect((await office.request('POST', `/api/evaluation-applications/${app.id}/plan/approve`, { version: p.version })).status).toBe(200);
    const member = (name: string) => p.members.find((m: any) => m.expert.name === name);
    const clear = { version: 1, conflict: false, relations: [], statement: '本人与申请单位无利害关系' };
    expect((await e1.request('POST', `/api/plan-members/${member('王教授').id}/recusal`, clear)).status).toBe(200);
    expect((await e2.request('POST', `/api/plan-members/${member('李高工').id}/recusal`, clear)).status).toBe(200);
    expect((await e3.request('POST', `/api/plan-members/${member('陈研究员').id}/recusal`, { version: 1, conflict: true, relations: ['advised'], statement: '2023年曾为该区编写质量工作材料' })).status).toBe(200);
    p = (await office.request('PUT', `/api/evaluation-applications/${app.id}/plan`, plan([{ name: '王教授', leader: true }, { name: '李高工' }], null, { reason: '陈研究员声明回避，调整评价组' }))).json.plan;
    expect((await office.request('POST', `/api/evaluation-applications/${app.id}/plan/approve`, { version: p.version })).status).toBe(200);

    const full = (item: string, criterion: string): unknown => fullAnswer(fw, item, criterion);
    // the experts score the submitted 自评
    await submittedSelf(t, app.id, fw);

    const scoreAll = async (who: Client, changes: Record<string, { answer: unknown; reason: string }>) => {
      let version: number | null = null;
      for (const s of fw.sections)
        for (const i of s.items)
          for (const c of i.criteria) {
            const key = `${i.code}.${c.code}`;
            if (key === '3.5.b') continue;
            const change = changes[key];
            const r = await who.request('PUT', `/api/evaluation-applications/${app.id}/sheet/${i.code}/${c.code}`, { version, answer: change ? change.answer : full(i.code, c.code), ...(change ? { reason: change.reason } : {}) });
            if (r.status !== 200) throw new Error(`${key}: ${r.status} ${r.json.message}`);
            version = r.json.version;
          }
      return version!;
    };
    const v1 = await scoreAll(e1, { '1.1.a': { answer: { level: 0 }, reason: '未印发质量发展规划' } });
    const v2 = await scoreAll(e2, {});
    expect((await e2.request('POST', `/api/evaluation-applications/${app.id}/sheet/submit`, { version: v2 })).status).toBe(200);
    expect((await e1.request('POST', `/api/evaluation-applications/${app.id}/sheet/submit`, { version: v1 })).status).toBe(200);
    before.reviewing = (await download(t, office, `/api/evaluation-applications/${app.id}/report.docx`)).status;
    const shown = (await e1.request('GET', `/api/evaluation-applications/${app.id}/consolidation`)).json.version;
    expect((await e1.request('PUT', `/api/evaluation-applications/${app.id}/agreed/1.1`, { score: '15', reason: '规划已印发但未分解年度目标，组长与专家讨论后按15分确定', version: shown })).status).toBe(200);
    const reopened = (await e2.request('POST', `/api/evaluation-applications/${app.id}/sheet/reopen`, { version: v2 + 1 })).json;
    const revised = (await e2.request('PUT', `/api/evaluation-applications/${app.id}/sheet/1.2/a`, { version: reopened.version, answer: false, reason: '现场核查：未建立质量工作考核制度' })).json;
    // a site revision that keeps full marks has a reason too (revisions always do), but it is no 扣分理由
    const kept = (await e2.request('PUT', `/api/evaluation-applications/${app.id}/sheet/1.2/b`, { version: revised.version, answer: full('1.2', 'b'), reason: '现场核查：联席会议每年召开，维持满分' })).json;
    expect((await e2.request('POST', `/api/evaluation-applications/${app.id}/sheet/submit`, { version: kept.version })).status).toBe(200);
    const current = (await office.request('GET', `/api/evaluation-applications/${app.id}`)).json;
    expect((await e1.request('POST', `/api/evaluation-applications/${app.id}/consolidate`, { version: current.version })).status).toBe(200);
  }, 120_000);
  afterAll(() => t?.close());

  it('refuses the 通知书 before the decision and the 评价报告 before the 综合评价, in Chinese (409)', async () => {
    expect(before).toEqual({ draft: 409, submitted: 409, accepted: 409, reviewing: 409 });
    const early = await download(t, office, `/api/evaluation-applications/${refused.id}/report.docx`);
    expect(early.status).toBe(409);
    expect(early.json().message).toBe('评价组组长确认综合评价后，才能生成评价报告');
  });

  it('受理通知书: from the organiser to the applicant, citing the standard; the organiser, a leader and the applicant download it', async () => {
    const r = await download(t, yuelu, `/api/evaluation-applications/${app.id}/decision.docx`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toContain('wordprocessingml');
    expect(decodeURIComponent(String(r.headers['content-disposition']))).toContain('岳麓区创建评价受理通知书.docx');
    const { paras, text, xml } = await open(r.body);
    expect(paras).toContain('湖南省质量强省领导小组办公室文件');
    expect(paras.join('')).toContain('关于岳麓区创建质量强区评价申请的受理通知书');
    // a 文件 carries its 发文字号 line: the placeholder until the organiser numbers it, as the other 文件 do
    expect(paras.join('')).toMatch(/文件×××〔\d{4}〕×号关于岳麓区/);
    expect(paras).toContain('岳麓区人民政府：');
    expect(text).toContain('经审查，你区的申请材料齐全。征求成员单位意见中，省市场监督管理局尚未回复征求意见。经核实，经查询全国产品质量安全事故通报，岳麓区近三年未发生重大产品质量安全事故。省质强办决定予以受理。');
    expect(text).not.toContain('未发现');
    // with nothing said against it, the notice finds no condition
    const plain = await open(await decisionDocx({ organiser: { name: '湖南省质量强省领导小组办公室', shortName: '省质强办' }, applicant: '岳麓区', round: { year: 2025, title: '2025年度质量强市（县）创建评价' }, decision: 'accepted', submittedAt: '2026-11-29T22:22:52.000Z', decidedOn: '2026-11-30' }));
    expect(plain.text).toContain('你区于2026年11月30日提交的创建质量强区评价申请收悉。经审查，你区的申请材料齐全，未发现《质量强市（区、县）创建和评价规范》规定的不予受理情形，省质强办决定予以受理。');
    expect(text).toContain('资料评审和现场评审相结合');
    expect(text).toContain('特此通知。');
    expect(text).not.toContain('不予受理通知书');
    // the 成文日期 in Chinese numerals, the 印发 date, the kit's layout (A4, 37 mm top margin, 3号 仿宋 condensed)
    const decided = new Date(app.decidedAt).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    const [y, m, d] = decided.split('-').map(Number);
    expect(text).toContain(`${y}年${m}月${d}日印发`);
    expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838"');
    expect(xml).toMatch(/<w:pgMar [^>]*w:top="2098"/);
    expect(xml).toContain('<w:docGrid w:type="lines" w:linePitch="579" w:charSpace="-841"/>');
    expect(xml).toContain('<w:spacing w:val="-5"/><w:sz w:val="32"/>');
    expect(xml).toContain('<w:color w:val="FF0000"/>');
    for (const c of [office, leader]) expect((await download(t, c, `/api/evaluation-applications/${app.id}/decision.docx`)).status).toBe(200);
    // a consulted department and an expert on the plan take part, but the 通知书 is not theirs; another city does not see it
    const dept = await download(t, samr, `/api/evaluation-applications/${app.id}/decision.docx`);
    expect(dept.status).toBe(403);
    expect(dept.json().message).toBe('受理通知书只有评价组织单位、领导和申请单位可以下载');
    expect((await download(t, e1, `/api/evaluation-applications/${app.id}/decision.docx`)).status).toBe(403);
    expect((await download(t, changsha, `/api/evaluation-applications/${app.id}/decision.docx`)).status).toBe(404);
  });

  it('不予受理通知书: names the condition in the standard’s words and the reason', async () => {
    const r = await download(t, changsha, `/api/evaluation-applications/${refused.id}/decision.docx`);
    expect(r.status).toBe(200);
    expect(decodeURIComponent(String(r.headers['content-disposition']))).toContain('长沙市创建评价不予受理通知书.docx');
    const { paras, text } = await open(r.body);
    expect(paras.join('')).toContain('关于长沙市创建质量强市评价申请的不予受理通知书');
    expect(paras.join('')).toMatch(/文件×××〔\d{4}〕×号关于长沙市/);
    expect(paras).toContain('长沙市人民政府：');
    expect(text).toContain(`经审查，你市存在《质量强市（区、县）创建和评价规范》规定的不予受理情形：“${I1}”。`);
    expect(text).toContain('理由：经征求意见，2023年发生一起重大产品质量安全事故。');
    expect(text).toContain('省质强办决定对你市本次创建质量强市评价申请不予受理。');
    expect((await download(t, yuelu, `/api/evaluation-applications/${refused.id}/decision.docx`)).status).toBe(404);
  });

  it('评价报告: the prorated total and the verdict, groups, items, lost points with the experts’ reasons (no names), the agreed score, the radar', async () => {
    // the applicant has it once the office feeds it back (反馈评价报告); the office reads the draft before that
    const unsent = await download(t, yuelu, `/api/evaluation-applications/${app.id}/report.docx`);
    expect([unsent.status, unsent.json().message]).toEqual([403, '评价组织单位反馈评价报告后，申请单位可查看评价结果']);
    const r = await download(t, office, `/api/evaluation-applications/${app.id}/report.docx`);
    expect(r.status).toBe(200);
    expect(decodeURIComponent(String(r.headers['content-disposition']))).toContain('岳麓区创建评价报告.docx');
    const { paras, text, zip } = await open(r.body);
    expect(paras.join('')).toContain('关于岳麓区创建质量强区的评价报告');
    expect(paras.join('')).toMatch(/文件×××〔\d{4}〕×号关于岳麓区/);
    expect(paras).toContain('岳麓区人民政府：');
    expect(text).toContain('组织2名评价专家采取资料评审和现场评审相结合的方式');
    expect(text).toContain('各专家评分按“算术平均”形成综合评价');
    // full 1060 − 3.5.b (5) = 1055; 1.1 agreed 15 (−5); 1.2: 30 and 20 → 25 (−5): 1045; × 1060/1055 = 1049.95
    expect(text).toContain('你区创建质量强区评价总分为1049.95分（评分表总分1060分，800分及以上为合格），评价结论为通过。');
    expect(text).toContain('评价工作方案确定合理缺项1项，计5分：3.5.b（5分，岳麓区无口岸，按规范为合理缺项）。各项目得分合计1045分，按规范折算总分：1045×1060÷（1060－5）＝1049.95分。');
    // the experts answered 10.1 and 10.2 at the method's top level (25): capped at the item's 15, and said so
    expect(text).toContain('评分表第10.1、10.2项的评分方法最高档分值高于该项分值（10.1项分值15分，10.2项分值15分），评分表原文照录，按该项分值封顶计分。');
    // the groups: 1 lost 10 of 80; 3 has the 合理缺项 (120 of 120 still scored); the sum
    expect(text).toContain('|1|质量发展战略规划|80|—|70|87.50%|');
    expect(text).toContain('|3|质量基础保障|125|5|120|100.00%|');
    expect(text).toContain('|11|制度、方法和机制创新|60|—|60|100.00%|');
    expect(text).toContain('|合计|1060|5|1045|99.05%|');
    // the items: 1.1 at the agreed 15, 3.5 with its 合理缺项, one row per item
    expect(text).toContain('|1.1|制定并出台城市质量发展规划|20|15|5|');
    expect(text).toContain('|1.2|为实施质量发展规划提供组织保障|30|25|5|');
    // the sheet's titles as printed: 11.1 ends with a comma in table A.1
    expect(text).toContain('|11.1|质量工作在制度、方法或机制应具有示范引领作用和推广价值|20|20|0|');
    expect(text).toMatch(/\|3\.5\|[^|]+\|25\|（缺项5）\|20\|0\|/);
    const itemRows = fw.sections.flatMap((s) => s.items).filter((i) => new RegExp(`\\|${i.code.replace('.', '\\.')}\\|[^|]+\\|\\d`).test(text));
    expect(itemRows).toHaveLength(allItems.length);
    // every item that lost points, with what each expert wrote (on site: the revision's reason), without a name
    expect(text).toContain('共有2个评价项目失分');
    // table A.1 letters no sub-clause: 1.1's only criterion goes by the row's item, one of 1.2's three by its words
    expect(text).toContain('|1|1.1 制定并出台城市质量发展规划|5|未印发质量发展规划|');
    expect(text).toContain('|2|1.2 为实施质量发展规划提供组织保障|5|1.2.a 建立质量工作部门联席会议制度或质量强市工作领导小组或类似工作机制：现场核查：未建立质量工作考核制度|');
    expect(text).toContain('|1.1|制定并出台城市质量发展规划|10|15|规划已印发但未分解年度目标，组长与专家讨论后按15分确定|');
    expect(text).not.toContain('维持满分');
    for (const name of ['王教授', '李高工', '陈研究员']) expect(text).not.toContain(name);
    expect(text).toMatch(/六、现场评审发现的问题\|无。/);
    // the radar of the 11 groups, drawn on the server
    expect(paras).toContain('图1 岳麓区各指标项得分率');
    const media = Object.keys(zip.files).filter((f) => f.startsWith('word/media/'));
    expect(media).toHaveLength(1);
    const png = await zip.file(media[0])!.async('nodebuffer');
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(1200); // 600 px at twice the size
  });

  it('评价报告 lists the on-site findings; the organiser, a leader and a cleared expert download it, a conflicted expert and a department do not', async () => {
    const [officeUser] = await t.db.db.selectFrom('app_user').select('id').where('username', '=', 'expert').execute();
    await t.db.db
      .insertInto('site_finding')
      .values([
        { application_id: app.id, item_code: '1.2', text: '质量工作考核制度尚未建立，联席会议记录不完整。', recorded_by: officeUser.id, recorded_at: new Date().toISOString() },
        { application_id: app.id, item_code: null, text: '部分佐证材料为复印件，未加盖公章', recorded_by: officeUser.id, recorded_at: new Date().toISOString() },
      ])
      .execute();
    for (const c of [office, leader, e1, e2]) {
      const r = await download(t, c, `/api/evaluation-applications/${app.id}/report.docx`);
      expect(r.status).toBe(200);
      const { text } = await open(r.body);
      expect(text).toContain('1. 质量工作考核制度尚未建立，联席会议记录不完整（评价项目1.2 为实施质量发展规划提供组织保障）。');
      expect(text).toContain('2. 部分佐证材料为复印件，未加盖公章。');
      expect(text).not.toContain('王教授');
    }
    const conflicted = await download(t, e3, `/api/evaluation-applications/${app.id}/report.docx`);
    // the conflicted expert was taken off the panel by the approved plan: the application does not exist for him
    expect(conflicted.status).toBe(404);
    expect((await download(t, samr, `/api/evaluation-applications/${app.id}/report.docx`)).status).toBe(403);
    expect((await download(t, changsha, `/api/evaluation-applications/${app.id}/report.docx`)).status).toBe(404);
    // every download is audited
    const audited = await t.db.db.selectFrom('audit_log').select('after_json').where('action', '=', 'download').where('entity_type', '=', 'evaluation_application').where('entity_id', '=', String(app.id)).execute();
    expect(audited.some((a) => a.after_json?.includes('岳麓区创建评价报告.docx'))).toBe(true);
  });

  it('综合评价 as the applicant reads it, once fed back: under each item that lost points the experts’ opinions the 评价报告 prints, no names', async () => {
    const url = `/api/evaluation-applications/${app.id}/consolidation`;
    const unsent = await yuelu.request('GET', url);
    expect([unsent.status, unsent.json.message]).toEqual([403, '评价组织单位反馈评价报告后，申请单位可查看评价结果']);
    const current = (await office.request('GET', `/api/evaluation-applications/${app.id}`)).json;
    expect((await office.request('POST', `/api/evaluation-applications/${app.id}/transition`, { event: 'sendReport', version: current.version })).status).toBe(200);
    const r = await yuelu.request('GET', url);
    expect(r.status).toBe(200);
    // the two items that lost points, each with what was written on it (1.2: on site, on one of its three criteria)
    expect(r.json.opinions).toEqual({ '1.1': ['未印发质量发展规划'], '1.2': ['1.2.a 建立质量工作部门联席会议制度或质量强市工作领导小组或类似工作机制：现场核查：未建立质量工作考核制度'] });
    // row by row, what the report the applicant downloads prints under 失分项目及专家意见
    const { text } = await open((await download(t, yuelu, `/api/evaluation-applications/${app.id}/report.docx`)).body);
    const escape = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    Object.entries(r.json.opinions as Record<string, string[]>).forEach(([code, opinions], k) =>
      expect(text).toMatch(new RegExp(`\\|${k + 1}\\|${escape(code)} [^|]+\\|[\\d.]+\\|${escape(opinions.join('|'))}\\|`)),
    );
    const body = JSON.stringify(r.json);
    for (const name of ['王教授', '李高工', '陈研究员']) expect(body).not.toContain(name);
    expect(body).not.toContain('维持满分');
  });

  // once per run, on the first database (the documents are the same on every database): defined there only, not skipped
  const printTest = dialect === testDialects()[0] ? it.skipIf(lo.length > 0 && !required) : null;
  printTest?.('LibreOffice prints them: page counts, text, the 版记 on the last page', async () => {
    expect(lo, `KAOPING_REQUIRE_ALL=1 but not installed: ${lo.join(', ')}`).toEqual([]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-eval-'));
    try {
      const docs: Record<string, [string, [number, number], string[]]> = {
        accepted: [`/api/evaluation-applications/${app.id}/decision.docx`, [1, 2], ['受理通知书', '岳麓区人民政府：', '特此通知。', '印发']],
        refused: [`/api/evaluation-applications/${refused.id}/decision.docx`, [1, 2], ['不予受理通知书', '长沙市人民政府：', '重大产品质量安全事故', '印发']],
        report: [`/api/evaluation-applications/${app.id}/report.docx`, [4, 9], ['评价报告', '1049.95', '图1岳麓区各指标项得分率', '制度、方法和机制创新', '未印发质量发展规划', '印发']],
      };
      const files = [];
      for (const [name, [url]] of Object.entries(docs)) {
        const f = path.join(dir, `${name}.docx`);
        fs.writeFileSync(f, (await download(t, office, url)).body);
        files.push(f);
      }
      execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', path.join(dir, 'pdf'), ...files], { stdio: 'pipe', timeout: 240_000 });
      const pages: Record<string, number> = {};
      for (const [name, [, [min, max], must]] of Object.entries(docs)) {
        const pdf = path.join(dir, 'pdf', `${name}.pdf`);
        if (process.env.KAOPING_DOC_OUT) fs.copyFileSync(pdf, path.join(process.env.KAOPING_DOC_OUT, `evaluation-${name}.pdf`));
        pages[name] = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);
        expect(pages[name], `${name}: ${pages[name]} pages`).toBeGreaterThanOrEqual(min);
        expect(pages[name], `${name}: ${pages[name]} pages`).toBeLessThanOrEqual(max);
        const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
        for (const s of must) expect(text, `${name} lacks ${s}`).toContain(s);
        // the 版记 (印发) at the foot of the last page, and the page number "— N —" — or, where the 版记 has an even page of
        // its own (the body ended on an odd page), that page unnumbered with nothing but the 版记, after the body's numbered last page
        const last = execFileSync('pdftotext', ['-f', String(pages[name]), '-l', String(pages[name]), '-bbox', pdf, '-'], { encoding: 'utf8' });
        const height = Number(/<page width="[\d.]+" height="([\d.]+)"/.exec(last)?.[1]);
        const words = [...last.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({ top: Number(m[1]), bottom: Number(m[2]), text: m[3] }));
        const stamp = words.find((w) => w.text.endsWith('日印发'));
        expect(stamp, `${name}: no 印发 on the last page`).toBeDefined();
        expect(stamp!.top / height).toBeGreaterThan(0.75);
        if (!text.includes(`—${pages[name]}—`)) {
          expect(text).toContain(`—${pages[name] - 1}—`);
          expect(words.every((w) => w.top / height > 0.75), `${name}: the 版记's page holds more than the 版记`).toBe(true);
        }
      }
      console.log(`LibreOffice PDF page counts (creation evaluation): ${JSON.stringify(pages)}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
