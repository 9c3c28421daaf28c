/** The 待办 rule table, per role × state (pure: no database). */
import { describe, expect, it } from 'vitest';
import type { Role } from '../roles';
import { deriveTodos, type CycleState, type DeclarationState, type EvaluationState, type TodoState } from './todos';

const now = new Date('2026-07-07T02:00:00Z'); // 2026-07-07 10:00 China time
const OFFICE = 100;
const PROVINCE = 1;
const SAMR = 201;
const NDRC = 202;
const CHANGSHA = 301;
const YUEYANG = 302;

const decl = (id: number, departmentId: number, over: Partial<DeclarationState> = {}): DeclarationState => ({
  id,
  departmentId,
  departmentName: departmentId === SAMR ? '省市场监督管理局' : '省发展改革委',
  status: 'draft',
  late: false,
  reopenedUntil: null,
  returnReason: null,
  reopenReason: null,
  reminders: null,
  ...over,
});

const cycle = (over: Partial<CycleState> = {}): CycleState => ({
  id: 7,
  year: 2026,
  title: '2026年度省政府对市州政府质量工作考核',
  status: 'collecting',
  officeOrgId: OFFICE,
  officeParentId: PROVINCE,
  deadline: '2026-07-10',
  objectionStart: null,
  objectionEnd: null,
  publishedAt: null,
  preliminaryPublishedAt: null,
  assessesCounties: false,
  unitIds: [CHANGSHA, YUEYANG],
  declarations: [decl(11, SAMR), decl(12, NDRC)],
  hasPublishedScheme: false,
  submissions: [],
  objections: [],
  selfReports: {},
  ...over,
});

const state = (cycles: CycleState[], over: Partial<TodoState> = {}): TodoState => ({ now, cycles, pendingAccounts: [], evaluations: [], rectifications: [], ...over });
const as = (role: Role, orgUnitId: number) => ({ id: 1, role, orgUnitId });
const kinds = (s: TodoState, role: Role, org: number) => deriveTodos(s, as(role, org)).map((t) => t.kind);

describe('office', () => {
  it('collecting: "2 个成员单位未报送（共 2 个）" with the deadline and the declarations link; only for its own cycles', () => {
    const [t] = deriveTodos(state([cycle()]), as('office', OFFICE));
    expect(t).toMatchObject({ kind: 'declaration.outstanding', title: '2026年度考核指标申报：2个成员单位未报送（共2个）', dueAt: '2026-07-10', link: '/assessment/7?tab=declarations' });
    expect(t.detail).toBe('未报送：省市场监督管理局、省发展改革委');
    expect(kinds(state([cycle()]), 'office', 999)).toEqual([]);
    // past the deadline the outstanding ones are locked, save one reopened: the office is told what it may do
    const late = state([cycle({ deadline: '2026-07-01', declarations: [decl(11, SAMR), decl(12, NDRC, { reopenedUntil: '2026-07-20' })] })]);
    expect(deriveTodos(late, as('office', OFFICE))[0].detail).toBe('未报送：省市场监督管理局、省发展改革委；已过截止日期、已锁定1份：如需补报请重新开放，否则可结束征集');
  });
  it('counts returned declarations as outstanding, and drops the to-do when every declaration is in', () => {
    const s = state([cycle({ declarations: [decl(11, SAMR, { status: 'returned' }), decl(12, NDRC, { status: 'accepted' })] })]);
    expect(deriveTodos(s, as('office', OFFICE))[0]).toMatchObject({ title: '2026年度考核指标申报：1个成员单位未报送（共2个）', detail: '未报送：省市场监督管理局；其中1份已退回待修改' });
    const done = state([cycle({ declarations: [decl(11, SAMR, { status: 'submitted', late: true }), decl(12, NDRC, { status: 'accepted' })] })]);
    expect(deriveTodos(done, as('office', OFFICE))).toEqual([expect.objectContaining({ kind: 'declaration.review', title: '审核省市场监督管理局提交的2026年度考核指标申报表（逾期提交）' })]);
    const accepted = state([cycle({ declarations: [decl(11, SAMR, { status: 'accepted' })] })]);
    expect(kinds(accepted, 'office', OFFICE)).toEqual([]);
  });
  it('collection closed → publish the scheme (mentioning declarations still to review)', () => {
    const s = state([cycle({ status: 'scheme', declarations: [decl(11, SAMR, { status: 'submitted' })] })]);
    expect(deriveTodos(s, as('office', OFFICE))).toEqual([
      {
        key: 'declaration.review:11',
        kind: 'declaration.review',
        title: '审核省市场监督管理局提交的2026年度考核指标申报表',
        detail: '2026年度省政府对市州政府质量工作考核：请接收或退回（须填写原因）',
        link: '/assessment/7?tab=declarations&declaration=11',
        dueAt: null,
      },
      { key: 'scheme.publish:7', kind: 'scheme.publish', title: '2026年度指标征集已结束，请制定并发布考核方案', detail: '尚有1份申报表待审核', link: '/assessment/7?tab=scheme', dueAt: null },
    ]);
  });
  it('scoring: submissions outstanding, then (all in) publish the preliminary results', () => {
    const subs = [
      { departmentId: SAMR, departmentName: '省市场监督管理局', status: 'open' as const, reopenReason: null },
      { departmentId: NDRC, departmentName: '省发展改革委', status: 'submitted' as const, reopenReason: null },
    ];
    const s = state([cycle({ status: 'scoring', hasPublishedScheme: true, submissions: subs })]);
    expect(deriveTodos(s, as('office', OFFICE))[0]).toMatchObject({ kind: 'scoring.outstanding', title: '2026年度考核评分：1/2个评价单位未提交', detail: '未提交：省市场监督管理局' });
    // a city's office scores key points itself: named as 本办, after the departments it reminds
    const own = { departmentId: OFFICE, departmentName: '湖南省质量强省领导小组办公室', status: 'open' as const, reopenReason: null };
    const withOwn = state([cycle({ status: 'scoring', hasPublishedScheme: true, submissions: [own, ...subs] })]);
    expect(deriveTodos(withOwn, as('office', OFFICE))[0]).toMatchObject({ title: '2026年度考核评分：2/3个评价单位未提交', detail: '未提交：省市场监督管理局；本办负责的考核要点（在「本单位评分」中评分）也尚未提交' });
    const onlyOwn = state([cycle({ status: 'scoring', hasPublishedScheme: true, submissions: [own, ...subs.map((x) => ({ ...x, status: 'submitted' as const }))] })]);
    expect(deriveTodos(onlyOwn, as('office', OFFICE))[0]).toMatchObject({ title: '2026年度考核评分：1/3个评价单位未提交', detail: '未提交：本办负责的考核要点（在「本单位评分」中评分）' });
    // a city office's assessment of its counties says whose it is, as its departments' to-dos do (对岳阳市各县市区评分)
    const county = state([cycle({ status: 'scoring', hasPublishedScheme: true, assessesCounties: true, cityName: '岳阳市', submissions: subs })]);
    expect(deriveTodos(county, as('office', OFFICE))[0]).toMatchObject({ title: '岳阳市2026年度考核评分：1/2个评价单位未提交' });
    const all = state([cycle({ status: 'scoring', submissions: subs.map((x) => ({ ...x, status: 'submitted' as const })) })]);
    expect(deriveTodos(all, as('office', OFFICE))[0]).toMatchObject({ kind: 'scoring.allSubmitted', link: '/assessment/7?tab=scoring' });
  });
  it('review: objections waiting for an answer, then results ready to publish once the window is over', () => {
    const review = { status: 'review' as const, objectionStart: '2026-07-01', objectionEnd: '2026-07-09' };
    const open = state([cycle({ ...review, objections: [{ id: 1, unitId: CHANGSHA, departmentId: SAMR, status: 'open' }] })]);
    expect(deriveTodos(open, as('office', OFFICE))).toEqual([
      expect.objectContaining({ kind: 'objection.followUp', title: '2026年度考核：1条异议待答复', dueAt: '2026-07-09', link: '/assessment/7?tab=results' }),
    ]);
    // answered, but the window is still open: nothing to do yet
    const answered = [{ id: 1, unitId: CHANGSHA, departmentId: SAMR, status: 'upheld' as const }];
    expect(kinds(state([cycle({ ...review, objections: answered })]), 'office', OFFICE)).toEqual([]);
    const over = state([cycle({ ...review, objectionEnd: '2026-07-06', objections: answered })]);
    expect(deriveTodos(over, as('office', OFFICE))).toEqual([
      expect.objectContaining({ kind: 'result.publish', title: '2026年度考核异议期已结束，请发布最终结果', detail: '共1条异议，均已答复' }),
    ]);
  });
  it('review stored before the window needed a real end (none, or 9999-12-31): the office is asked to set it, not to publish', () => {
    const ask = expect.objectContaining({ kind: 'result.publish', title: '2026年度考核异议期没有实际的结束日期，请设定', dueAt: null, link: '/assessment/7?tab=results' });
    for (const objectionEnd of [null, '9999-12-31', '2027-07-09']) {
      expect(deriveTodos(state([cycle({ status: 'review', objectionStart: '2026-07-01', objectionEnd })]), as('office', OFFICE)), String(objectionEnd)).toEqual([ask]);
    }
    // with an objection waiting, both: the answer, and the end
    const waiting = state([cycle({ status: 'review', objectionStart: '2026-07-01', objectionEnd: '9999-12-31', objections: [{ id: 1, unitId: CHANGSHA, departmentId: SAMR, status: 'open' }] })]);
    expect(kinds(waiting, 'office', OFFICE).sort()).toEqual(['objection.followUp', 'result.publish']);
    // an end within a year is a real one
    expect(kinds(state([cycle({ status: 'review', objectionStart: '2026-07-01', objectionEnd: '2027-07-07' })]), 'office', OFFICE)).toEqual([]);
  });
  it('published: nothing', () => {
    expect(kinds(state([cycle({ status: 'published', declarations: [] })]), 'office', OFFICE)).toEqual([]);
  });
});

describe('department', () => {
  it('declare before the deadline; 已催办 shows; nothing for another department', () => {
    const s = state([cycle({ declarations: [decl(11, SAMR, { reminders: { count: 2, lastAt: '2026-07-06T01:30:00Z' } }), decl(12, NDRC)] })]);
    expect(deriveTodos(s, as('department', SAMR))).toEqual([
      {
        key: 'declaration.fill:11',
        kind: 'declaration.fill',
        title: '填报2026年度质量工作考核指标申报表和加分项申报表',
        detail: '质强办已催办2次，最近7月6日 09:30',
        link: '/assessment/7?tab=declarations',
        dueAt: '2026-07-10',
      },
    ]);
    expect(deriveTodos(s, as('department', NDRC))[0].detail).toBeNull();
    expect(kinds(s, 'department', 999)).toEqual([]);
  });
  it('a reopened declaration carries its new deadline; a passed one says to ask for reopening', () => {
    const s = state([
      cycle({
        deadline: '2026-07-01',
        declarations: [decl(11, SAMR, { reopenedUntil: '2026-07-20', reopenReason: '机构调整' }), decl(12, NDRC)],
      }),
    ]);
    expect(deriveTodos(s, as('department', SAMR))[0]).toMatchObject({
      title: '2026年度考核指标申报已为本单位重新开放，请于7月20日 24:00前提交',
      detail: '重新开放原因：机构调整（已过原定截止日期，此时提交记为逾期补报）',
      dueAt: '2026-07-20',
    });
    expect(deriveTodos(s, as('department', NDRC))[0]).toMatchObject({ title: '2026年度考核指标申报已截止，本单位尚未提交', dueAt: '2026-07-01', detail: '申报已截止，如需补报请联系质强办重新开放' });
  });
  it('fix a returned declaration; a submitted or accepted one is nothing; after collection nothing', () => {
    const s = state([cycle({ declarations: [decl(11, SAMR, { status: 'returned', returnReason: '分值超过上年' }), decl(12, NDRC, { status: 'submitted' })] })]);
    expect(deriveTodos(s, as('department', SAMR))).toEqual([expect.objectContaining({ kind: 'declaration.returned', detail: '退回原因：分值超过上年', dueAt: '2026-07-10' })]);
    expect(kinds(s, 'department', NDRC)).toEqual([]);
    expect(kinds(state([cycle({ status: 'scheme' })]), 'department', SAMR)).toEqual([]);
    // a reason typed as a sentence is not followed by a second mark ("。；")
    const sentence = state([cycle({ declarations: [decl(11, SAMR, { status: 'returned', returnReason: '分值超过上年。', reminders: { count: 1, lastAt: '2026-07-06T01:30:00Z' } })] })]);
    expect(deriveTodos(sentence, as('department', SAMR))[0].detail).toBe('退回原因：分值超过上年。质强办已催办1次，最近7月6日 09:30');
  });
  it("a city's cycle of its counties is named by its city; the province's by nothing more", () => {
    const city = { assessesCounties: true, cityName: '岳阳市' };
    const s = state([cycle({ ...city, declarations: [decl(11, SAMR), decl(12, NDRC, { status: 'returned', returnReason: '分值超过上年' })] })]);
    expect(deriveTodos(s, as('department', SAMR))[0].title).toBe('填报岳阳市2026年度质量工作考核指标申报表和加分项申报表');
    expect(deriveTodos(s, as('department', NDRC))[0].title).toBe('岳阳市2026年度考核指标申报表被退回，请修改后重新提交');
    const reopened = state([cycle({ ...city, deadline: '2026-07-01', declarations: [decl(11, SAMR, { reopenedUntil: '2026-07-20' })] })]);
    expect(deriveTodos(reopened, as('department', SAMR))[0].title).toBe('岳阳市2026年度考核指标申报已为本单位重新开放，请于7月20日 24:00前提交');
  });
});

describe('evaluating department: 评分', () => {
  const sub = (departmentId: number, status: 'open' | 'submitted', reopenReason: string | null = null) => ({ departmentId, departmentName: '省市场监督管理局', status, reopenReason });
  it('an open submission in a cycle in scoring → 评分 with a link to the grid; it closes itself on submission', () => {
    const s = state([cycle({ status: 'scoring', hasPublishedScheme: true, declarations: [], submissions: [sub(SAMR, 'open'), sub(NDRC, 'submitted')] })]);
    expect(deriveTodos(s, as('department', SAMR))).toEqual([
      {
        key: `score.enter:7:${SAMR}`,
        kind: 'score.enter',
        title: '对各市州评分：2026年度省政府对市州政府质量工作考核',
        detail: '请对本单位负责的考核要点逐市州评分，失分处填写扣分理由，完成后提交（提交后锁定）',
        link: '/assessment/7?tab=scoring',
        dueAt: null,
      },
    ]);
    expect(kinds(s, 'department', NDRC)).toEqual([]);
    expect(kinds(s, 'department', 999)).toEqual([]);
    // a city's cycle scores counties; the office scores its own criteria the same way
    const city = state([cycle({ status: 'scoring', hasPublishedScheme: true, assessesCounties: true, cityName: '岳阳市', declarations: [], submissions: [sub(OFFICE, 'open'), sub(SAMR, 'open', '请核对平江县得分')] })]);
    expect(deriveTodos(city, as('office', OFFICE)).find((t) => t.kind === 'score.enter')?.title).toBe('对岳阳市各县市区评分：2026年度省政府对市州政府质量工作考核');
    // a department in the province's cycle and a city's in one year tells them apart by the city's name
    expect(deriveTodos(city, as('department', SAMR)).map((t) => t.title)).toEqual(['岳阳市2026年度质量工作考核评分已重新开放，请修改后重新提交']);
    // in review or before publication of the scheme: nothing to score
    expect(kinds(state([cycle({ status: 'review', declarations: [], submissions: [sub(SAMR, 'open')] })]), 'department', SAMR)).toEqual([]);
    expect(kinds(state([cycle({ status: 'scoring', declarations: [], submissions: [sub(SAMR, 'open')] })]), 'department', SAMR)).toEqual([]);
  });
  it('reopened by the office → the reason instead', () => {
    const s = state([cycle({ status: 'scoring', hasPublishedScheme: true, declarations: [], submissions: [sub(SAMR, 'open', '长沙市 2.a 需复核')] })]);
    expect(deriveTodos(s, as('department', SAMR))).toEqual([
      expect.objectContaining({ kind: 'scoring.reopened', title: '2026年度质量工作考核评分已重新开放，请修改后重新提交', detail: '重新开放原因：长沙市 2.a 需复核', link: '/assessment/7?tab=scoring' }),
    ]);
  });
});

describe('unit (city or county)', () => {
  it('self-report while scoring on a published scheme, only for assessed units', () => {
    const s = state([cycle({ status: 'scoring', hasPublishedScheme: true, selfReports: { [CHANGSHA]: 3 } })]);
    expect(deriveTodos(s, as('unit', CHANGSHA))).toEqual([expect.objectContaining({ kind: 'selfReport.write', title: '填报2026年度质量工作考核自评材料', detail: '已填写3项，可继续补充，评分结束前可修改', link: '/assessment/7?tab=scoring' })]);
    // a county assessed by its city is told whose assessment it is (the province's of the same year is another)
    const county = state([cycle({ status: 'scoring', hasPublishedScheme: true, assessesCounties: true, cityName: '岳阳市' })]);
    expect(deriveTodos(county, as('unit', CHANGSHA))[0].title).toBe('填报岳阳市2026年度对县市区质量工作考核自评材料');
    expect(kinds(s, 'unit', YUEYANG)).toEqual(['selfReport.write']);
    expect(kinds(s, 'unit', 999)).toEqual([]);
    expect(kinds(state([cycle()]), 'unit', CHANGSHA)).toEqual([]);
  });
  it('a window stored without a real end (none, or 9999-12-31) is not told to the unit as a deadline', () => {
    for (const objectionEnd of [null, '9999-12-31']) {
      expect(deriveTodos(state([cycle({ status: 'review', objectionStart: '2026-07-01', objectionEnd })]), as('unit', CHANGSHA)), String(objectionEnd)).toEqual([
        expect.objectContaining({ kind: 'result.preliminary', title: '查看2026年度质量工作考核初步结果', detail: '异议期结束日期待质强办确定；最终结果发布前可查看初步结果', dueAt: null }),
      ]);
    }
  });
  it('objection window open → a to-do due at its end; closed or not started → nothing', () => {
    const s = (start: string, end: string) => state([cycle({ status: 'review', objectionStart: start, objectionEnd: end })]);
    expect(deriveTodos(s('2026-07-01', '2026-07-09'), as('unit', CHANGSHA))).toEqual([
      expect.objectContaining({ kind: 'result.review', title: '查看2026年度质量工作考核初步结果，如有异议请于7月9日 24:00前提出', dueAt: '2026-07-09', link: '/assessment/7?tab=results' }),
    ]);
    // outside the window (over, or not yet open) the results stay to read until the final publication
    expect(kinds(s('2026-07-01', '2026-07-06'), 'unit', CHANGSHA)).toEqual(['result.preliminary']);
    expect(deriveTodos(s('2026-07-08', '2026-07-09'), as('unit', CHANGSHA))).toEqual([
      expect.objectContaining({ kind: 'result.preliminary', title: '查看2026年度质量工作考核初步结果', detail: '异议期：2026-07-08至2026-07-09；最终结果发布前可查看初步结果' }),
    ]);
    // a county's results are its city's assessment's, as its 自评 to-do said (the province's of the same year is another)
    const county = (start: string, end: string) => state([cycle({ status: 'review', objectionStart: start, objectionEnd: end, assessesCounties: true, cityName: '岳阳市' })]);
    expect(deriveTodos(county('2026-07-01', '2026-07-09'), as('unit', CHANGSHA))[0].title).toBe('查看岳阳市2026年度对县市区质量工作考核初步结果，如有异议请于7月9日 24:00前提出');
    expect(deriveTodos(county('2026-07-08', '2026-07-09'), as('unit', CHANGSHA))[0].title).toBe('查看岳阳市2026年度对县市区质量工作考核初步结果');
    expect(kinds(state([cycle({ status: 'published', objectionStart: '2026-07-01', objectionEnd: '2026-07-06' })]), 'unit', CHANGSHA)).toEqual([]);
  });
  it('preliminary results published early (评分未完成): 查看初步结果 for each assessed unit while scoring goes on', () => {
    const s = state([cycle({ status: 'scoring', hasPublishedScheme: true, preliminaryPublishedAt: '2026-07-06T02:00:00.000Z' })]);
    const t = deriveTodos(s, as('unit', YUEYANG)).find((x) => x.kind === 'result.preliminary');
    expect(t).toEqual({
      key: 'result.preliminary:7',
      kind: 'result.preliminary',
      title: '查看2026年度质量工作考核初步结果（评分未完成）',
      detail: '质强办已于7月6日 10:00公布已提交部门的评分；全部部门提交后公布完整的初步结果并开放异议',
      link: '/assessment/7?tab=results',
      dueAt: null,
    });
    expect(kinds(s, 'unit', 999)).toEqual([]);
    // not published early → only the self-report
    expect(kinds(state([cycle({ status: 'scoring', hasPublishedScheme: true })]), 'unit', CHANGSHA)).toEqual(['selfReport.write']);
  });
});

describe('secadmin, leader and the roles nothing waits on', () => {
  const pending = [{ id: 5, username: 'zz', displayName: '张三', roleLabel: '市州/县市区工作人员', orgUnitName: '株洲市' }];
  it('secadmin: each account waiting for review', () => {
    expect(deriveTodos(state([], { pendingAccounts: pending }), as('secadmin', OFFICE))).toEqual([
      expect.objectContaining({ key: 'user.review:5', title: '账户zz（张三）待审核：市州/县市区工作人员，株洲市', link: '/admin/users?q=zz' }),
    ]);
    expect(kinds(state([]), 'secadmin', OFFICE)).toEqual([]);
  });
  it('leader: the latest published results of the office below', () => {
    const s = state([cycle({ id: 1, year: 2024, status: 'published' }), cycle({ id: 2, year: 2025, status: 'published', publishedAt: '2026-03-01T02:00:00Z' }), cycle({ id: 3 })]);
    expect(deriveTodos(s, as('leader', PROVINCE))).toEqual([expect.objectContaining({ key: 'result.read:2', link: '/assessment/2?tab=results', detail: '发布于3月1日 10:00' })]);
    expect(kinds(s, 'leader', 999)).toEqual([]);
  });
  it('admin, auditor and expert: 暂无待办 whatever the state', () => {
    const s = state([cycle(), cycle({ id: 8, status: 'review', objectionEnd: '2026-07-09' })], { pendingAccounts: pending });
    for (const role of ['sysadmin', 'auditor', 'expert'] as const) expect(kinds(s, role, OFFICE)).toEqual([]);
  });
  it('sorts by deadline, those without one last', () => {
    const s = state([cycle({ id: 1, deadline: '2026-07-20' }), cycle({ id: 2, status: 'scheme' }), cycle({ id: 3, deadline: '2026-07-08' })]);
    expect(deriveTodos(s, as('office', OFFICE)).map((t) => t.key)).toEqual(['declaration.outstanding:3', 'declaration.outstanding:1', 'scheme.publish:2']);
  });
});

describe('待办 of the creation evaluation (seed 004)', () => {
  const app = (over: Partial<EvaluationState> = {}): EvaluationState => ({
    id: 5,
    year: 2025,
    organiserOrgId: OFFICE,
    applicantOrgId: YUEYANG,
    applicantName: '岳阳市',
    status: 'submitted',
    returnReason: null,
    passed: null,
    pendingConsultations: [],
    plan: null,
    ...over,
  });
  const member = (id: number, userId: number, over: Partial<NonNullable<EvaluationState['plan']>['members'][number]> = {}) => ({ id, userId, name: `专家${id}`, leader: false, recusal: 'cleared' as const, sheet: 'none' as const, stage: 'document' as const, assigned: true, ...over });
  const evals = (...e: EvaluationState[]) => state([], { evaluations: e });

  it('the organiser reviews a submitted application, then writes the plan, then reports, publicises and names', () => {
    expect(deriveTodos(evals(app({ pendingConsultations: [{ id: 1, departmentId: SAMR }] })), as('office', OFFICE))).toEqual([
      { key: 'evaluation.review:5', kind: 'evaluation.office', title: '审查岳阳市（2025年度）的质量强市（县）创建评价申请', detail: '已征求意见，尚有1个成员单位未回复', link: '/evaluation/applications/5', dueAt: null },
    ]);
    const kinds = (status: EvaluationState['status'], passed: boolean | null = null) => deriveTodos(evals(app({ status, passed })), as('office', OFFICE)).map((t) => t.key);
    expect(kinds('accepted')).toEqual(['evaluation.plan:5']);
    expect(kinds('reviewing')).toEqual([]);
    expect(kinds('consolidated')).toEqual(['evaluation.report:5']);
    expect(kinds('acknowledged', true)).toEqual(['evaluation.publicise:5']);
    expect(kinds('acknowledged', false)).toEqual([]);
    expect(kinds('publicised', true)).toEqual(['evaluation.name:5']);
    // another office's application is not this office's work
    expect(deriveTodos(evals(app({ organiserOrgId: 999 })), as('office', OFFICE))).toEqual([]);
  });

  it('while the plan is drawn up, the organiser makes and fills the peer table its rank items rank against', () => {
    const keys = (peers: EvaluationState['peers']) => deriveTodos(evals(app({ status: 'accepted', peers })), as('office', OFFICE));
    expect(keys('missing')[1]).toEqual({ key: 'evaluation.peers:5', kind: 'evaluation.office', title: '新建2025年同级比较表（岳阳市的排名类评分项）', detail: '评价工作方案默认选用评价年度、与申请单位同级的比较表', link: '/evaluation/peer-tables', dueAt: null });
    expect(keys({ tableId: 3, title: '2025年 省内同级城市 获奖企业数量', unfilled: 2 })[1]).toMatchObject({ key: 'evaluation.peers:5', title: '填写同级比较表：2025年 省内同级城市 获奖企业数量', link: '/evaluation/peer-tables/3' });
    expect(keys({ tableId: 3, title: '2025年 省内同级城市 获奖企业数量', unfilled: 0 }).map((t) => t.key)).toEqual(['evaluation.plan:5']);
    expect(keys(null).map((t) => t.key)).toEqual(['evaluation.plan:5']);
    // two applications ranked by one table: one to-do naming both, not one per application
    const table = { tableId: 3, title: '2025年 省内同级城市 获奖企业数量', unfilled: 1 };
    const both = deriveTodos(evals(app({ status: 'accepted', peers: table }), app({ id: 6, applicantOrgId: CHANGSHA, applicantName: '长沙市', status: 'accepted', peers: table })), as('office', OFFICE));
    expect(both.filter((t) => t.link === '/evaluation/peer-tables/3')).toEqual([
      { key: 'evaluation.peers:5', kind: 'evaluation.office', title: '填写同级比较表：2025年 省内同级城市 获奖企业数量', detail: '尚有1个同级单位未填数值（岳阳市、长沙市的评价工作方案按此表排名）', link: '/evaluation/peer-tables/3', dueAt: null },
    ]);
  });

  it('the owner of an open 整改事项 answers it by its deadline', () => {
    const s = state([], { rectifications: [{ id: 9, applicationId: 5, ownerOrgId: YUEYANG, title: '第 1.2 项：为实施质量发展规划提供组织保障', dueOn: '2026-09-30' }] });
    expect(deriveTodos(s, as('unit', YUEYANG))).toEqual([{ key: 'rectification.answer:9', kind: 'rectification.answer', title: '答复整改情况：第 1.2 项：为实施质量发展规划提供组织保障', detail: null, link: '/evaluation/applications/5', dueAt: '2026-09-30' }]);
    expect(deriveTodos(s, as('unit', CHANGSHA))).toEqual([]);
  });

  it('a consulted department answers; the applicant corrects a returned application and acknowledges the report', () => {
    expect(deriveTodos(evals(app({ pendingConsultations: [{ id: 7, departmentId: SAMR }] })), as('department', SAMR)).map((t) => t.key)).toEqual(['evaluation.consult:7']);
    expect(deriveTodos(evals(app({ pendingConsultations: [{ id: 7, departmentId: SAMR }] })), as('department', NDRC))).toEqual([]);
    expect(deriveTodos(evals(app({ status: 'draft', returnReason: '请补充材料' })), as('unit', YUEYANG))[0]).toMatchObject({ key: 'evaluation.correct:5', detail: '退回理由：请补充材料' });
    expect(deriveTodos(evals(app({ status: 'draft' })), as('unit', YUEYANG))).toEqual([]);
    expect(deriveTodos(evals(app({ status: 'reported' })), as('unit', YUEYANG)).map((t) => t.key)).toEqual(['evaluation.acknowledge:5']);
    // accepted or under review, the 自评 waits on the applicant until submitted
    const self = (selfAssessment: EvaluationState['selfAssessment'], status: EvaluationState['status'] = 'accepted') => deriveTodos(evals(app({ status, selfAssessment })), as('unit', YUEYANG));
    expect(self('none')).toEqual([{ key: 'evaluation.self:5', kind: 'evaluation.applicant', title: '填写并提交2025年度创建评价自评', detail: '对照评分表逐项自评并说明依据，提交后评价专家在资料评审中查阅', link: '/evaluation/applications/5/self-assessment', dueAt: null }]);
    expect(self('open', 'reviewing').map((t) => t.key)).toEqual(['evaluation.self:5']);
    expect(self('submitted', 'reviewing')).toEqual([]);
    expect(self('none', 'submitted')).toEqual([]);
    expect(deriveTodos(evals(app({ status: 'accepted', selfAssessment: 'none' })), as('unit', CHANGSHA))).toEqual([]);
  });

  it('an expert declares 回避 first, then scores by the window’s end; the leader confirms once all have submitted', () => {
    const plan = (members: ReturnType<typeof member>[], status: 'draft' | 'approved' = 'approved') => ({ status, documentReviewEnd: '2025-06-30', siteReviewEnd: '2025-07-20', members });
    const me = { id: 41, role: 'expert' as const, orgUnitId: OFFICE };
    expect(deriveTodos(evals(app({ status: 'accepted', plan: plan([member(1, 41, { recusal: 'pending' })], 'draft') })), me).map((t) => t.key)).toEqual(['evaluation.recusal:1']);
    // a seat left 待声明 (no items) once the 综合评价 is confirmed: the review is over, nothing to declare
    for (const status of ['consolidated', 'reported', 'publicised'] as const) expect(deriveTodos(evals(app({ status, plan: plan([member(1, 41, { recusal: 'pending' })]) })), me), status).toEqual([]);
    const scoring = deriveTodos(evals(app({ status: 'reviewing', plan: plan([member(1, 41, { leader: true, sheet: 'open' }), member(2, 42, { sheet: 'submitted' })]) })), me);
    expect(scoring).toEqual([{ key: 'evaluation.score:1', kind: 'evaluation.expert', title: '评分：岳阳市创建评价（资料评审）', detail: null, link: '/evaluation/applications/5/sheet', dueAt: '2025-06-30' }]);
    // before the window opens, the to-do says from when the sheet can be saved
    const early = deriveTodos({ ...evals(app({ status: 'reviewing', plan: { ...plan([member(1, 41, { sheet: 'none' })]), documentReviewStart: '2099-06-01' } })) }, me);
    expect(early[0]).toMatchObject({ key: 'evaluation.score:1', detail: '资料评审自2099-06-01开始，届时方可评分；现在可先查阅申请材料和自评' });
    // reopened on site: the on-site revision is due by the on-site review's end
    const site = deriveTodos(evals(app({ status: 'reviewing', plan: plan([member(1, 41, { sheet: 'open', stage: 'site' }), member(2, 42, { sheet: 'submitted' })]) })), me);
    expect(site).toEqual([{ key: 'evaluation.siteScore:1', kind: 'evaluation.expert', title: '评分：岳阳市创建评价（现场评审）', detail: '修改评分须写明理由，改完后重新提交', link: '/evaluation/applications/5/sheet', dueAt: '2025-07-20' }]);
    const allIn = deriveTodos(evals(app({ status: 'reviewing', plan: plan([member(1, 41, { leader: true, sheet: 'submitted' }), member(2, 42, { sheet: 'submitted' }), member(3, 43, { recusal: 'conflicted', assigned: false })]) })), me);
    expect(allIn.map((t) => t.key)).toEqual(['evaluation.consolidate:5']);
    // not while an expert with items has yet to declare, nor while one who declared a conflict still holds items
    // (the confirmation refuses both: the to-do would send the leader to a 409)
    for (const third of [member(3, 43, { recusal: 'pending', sheet: 'none' }), member(3, 43, { recusal: 'conflicted', sheet: 'none' })]) {
      const waiting = deriveTodos(evals(app({ status: 'reviewing', plan: plan([member(1, 41, { leader: true, sheet: 'submitted' }), member(2, 42, { sheet: 'submitted' }), third]) })), me);
      expect(waiting.map((t) => t.key), third.recusal).toEqual([]);
    }
    // a conflicted expert has nothing to do; nor has one not on the plan
    expect(deriveTodos(evals(app({ status: 'reviewing', plan: plan([member(3, 41, { recusal: 'conflicted', assigned: false })]) })), me)).toEqual([]);
    expect(deriveTodos(evals(app({ status: 'reviewing', plan: plan([member(1, 99)]) })), me)).toEqual([]);
  });
});

describe('plan-indicator reporting (issue 12)', () => {
  const reporting = {
    toReport: [
      { periodId: 3, label: '2024年度', planTitle: '湖南省“十四五”质量强省规划', missing: 10, total: 11, dueOn: '2026-12-31', late: false },
      { periodId: 4, label: '2025年度', planTitle: '湖南省“十四五”质量强省规划', missing: 0, total: 11, dueOn: '2027-12-31', late: false },
    ],
    returned: [{ valueId: 8, periodId: 3, label: '2024年度', indicatorName: '制造业产品质量合格率', unitName: '岳阳市', comment: '请补充文号', lockedOn: null }],
    toReopen: [],
    toReview: [{ periodId: 3, label: '2024年度', count: 2 }],
    toAccept: [{ periodId: 3, label: '2024年度', count: 1 }],
  };
  const s = state([], { indicatorReporting: reporting });
  it('a reporter fills the periods with values missing (by the closing date) and corrects a returned value', () => {
    expect(deriveTodos(s, as('unit', YUEYANG))).toEqual([
      { key: 'indicators.report:3', kind: 'indicators.report', title: '填报2024年度规划指标数据（10项未提交）', detail: '湖南省“十四五”质量强省规划', link: '/indicators-reporting/entry?period=3', dueAt: '2026-12-31' },
      { key: 'indicators.returned:8', kind: 'indicators.returned', title: '修改退回的规划指标数据：制造业产品质量合格率（岳阳市，2024年度）', detail: '退回意见：请补充文号', link: '/indicators-reporting/entry?period=3&value=8', dueAt: null },
    ]);
    const late = state([], { indicatorReporting: { ...reporting, toReport: [{ ...reporting.toReport[0]!, late: true, dueOn: '2027-01-15' }] } });
    expect(deriveTodos(late, as('unit', YUEYANG))[0]!.detail).toBe('填报期已截止，逾期补报将标记为逾期；湖南省“十四五”质量强省规划');
  });
  it('a return behind the lock: the reporter is told 质强办 must reopen it, the office is asked to', () => {
    const locked = { ...reporting, returned: [{ ...reporting.returned[0]!, lockedOn: '2027-01-15' }], toReopen: [{ ...reporting.returned[0]!, lockedOn: '2027-01-15' }] };
    const s2 = state([], { indicatorReporting: locked });
    expect(deriveTodos(s2, as('unit', YUEYANG)).find((t) => t.kind === 'indicators.returned')).toMatchObject({
      title: '退回的规划指标数据需质强办重新开放：制造业产品质量合格率（岳阳市，2024年度）',
      detail: '2024年度填报期已于2027-01-15锁定，需由质强办重新开放后才能修改退回的数据，请联系质强办；退回意见：请补充文号',
    });
    expect(deriveTodos(s2, as('office', OFFICE)).find((t) => t.kind === 'indicators.reopen')).toEqual({
      key: 'indicators.reopen:8',
      kind: 'indicators.reopen',
      title: '重新开放退回的规划指标数据：制造业产品质量合格率（岳阳市，2024年度）',
      detail: '2024年度填报期已于2027-01-15锁定，需由质强办重新开放后才能修改退回的数据；退回意见：请补充文号',
      link: '/indicators-reporting/periods?period=3&value=8',
      dueAt: null,
    });
    expect(kinds(s2, 'unit', YUEYANG)).not.toContain('indicators.reopen');
  });
  it('a department reviews submitted values; the office accepts reviewed ones; other roles have none', () => {
    expect(kinds(s, 'department', SAMR)).toEqual(['indicators.report', 'indicators.returned', 'indicators.review']);
    expect(deriveTodos(s, as('office', OFFICE)).map((t) => t.title)).toEqual(['审核2024年度规划指标数据（2项待审核）', '确认2024年度规划指标数据（1项已审核待确认）']);
    expect(kinds(s, 'leader', OFFICE)).toEqual([]);
    expect(kinds(state([]), 'unit', YUEYANG)).toEqual([]);
  });
});

describe('work plan escalation', () => {
  const late = (orgId: number, orgName: string, stage: 'order' | 'notice') => ({
    orgId,
    orgName,
    period: '2026H1',
    periodLabel: '2026年上半年',
    dueOn: '2026-05-10',
    status: 'missing' as const,
    returnReason: null,
    stage,
    notice: null as 'reminder' | 'order' | null,
  });
  const task = (dueReports: ReturnType<typeof late>[]) => ({
    id: 5,
    number: 5,
    title: '推动制造业高质量发展',
    issuerOrgId: OFFICE,
    unsigned: [],
    dueReports,
    consolidatorOrgId: YUEYANG,
    consolidatorName: '岳阳市',
    pendingExtensions: [],
    pendingClosure: null,
    returnedClosure: null,
    overdue: null,
  });
  const detail = (t: ReturnType<typeof task>) => deriveTodos({ ...state([]), workplan: [t] }, as('office', OFFICE)).find((x) => x.key === 'workplan.order:5')?.detail;
  it('the 督办单 to-do says where a unit is already past the 督办单’s days (列入通报), as the task page’s stage does', () => {
    expect(detail(task([late(YUEYANG, '岳阳市', 'order')]))).toBe('宽限期满仍未报送：岳阳市（尚未催办）');
    expect(detail(task([late(YUEYANG, '岳阳市', 'notice'), late(CHANGSHA, '长沙市', 'notice')]))).toBe('宽限期满仍未报送，已到列入通报阶段：岳阳市、长沙市（均尚未催办）');
    expect(detail(task([late(YUEYANG, '岳阳市', 'notice'), late(CHANGSHA, '长沙市', 'order')]))).toBe('宽限期满仍未报送：岳阳市（已到列入通报阶段）、长沙市（均尚未催办）');
  });
  it('says which units were never sent a 催办 (a 督办单 may go out without one), as the task page does', () => {
    const reminded = { ...late(CHANGSHA, '长沙市', 'order'), notice: 'reminder' as const };
    expect(detail(task([late(YUEYANG, '岳阳市', 'order'), reminded]))).toBe('宽限期满仍未报送：岳阳市、长沙市（岳阳市尚未催办）');
    expect(detail(task([reminded]))).toBe('宽限期满仍未报送：长沙市');
  });
});
