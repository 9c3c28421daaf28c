import { describe, expect, it } from 'vitest';
import {
  DEFAULT_POLICY,
  ESCALATION_LABELS,
  noticeText,
  stageWithNotices,
  addDays,
  askedLate,
  closureWaitsForReports,
  daysOverdue,
  lightDay,
  supervisionEnd,
  supervisionEnded,
  supervisionEndedRefusal,
  effectiveDeadline,
  escalationStage,
  expectedProgress,
  extensionRefusal,
  isLate,
  judgedDeadline,
  lateReasonAsk,
  lateReasonHint,
  lateReasonRefusal,
  ownDeadlineLatest,
  planTitleYearRefusal,
  progressRefusal,
  reportingPeriods,
  taskLight,
  taskLightOf,
  ORDER_ISSUERS,
  timeLight,
} from './rules';

describe('reporting periods', () => {
  it('half-yearly: two periods, each due reportDays after its end', () => {
    expect(reportingPeriods(2023, 'half-yearly', 10)).toEqual([
      { code: '2023-H1', label: '2023年上半年', startOn: '2023-01-01', endOn: '2023-06-30', dueOn: '2023-07-10' },
      { code: '2023-H2', label: '2023年下半年', startOn: '2023-07-01', endOn: '2023-12-31', dueOn: '2024-01-10' },
    ]);
  });
  it('quarterly and monthly, with February of a leap year', () => {
    const q = reportingPeriods(2024, 'quarterly', 5);
    expect(q.map((p) => [p.code, p.endOn, p.dueOn])).toEqual([
      ['2024-Q1', '2024-03-31', '2024-04-05'],
      ['2024-Q2', '2024-06-30', '2024-07-05'],
      ['2024-Q3', '2024-09-30', '2024-10-05'],
      ['2024-Q4', '2024-12-31', '2025-01-05'],
    ]);
    const m = reportingPeriods(2024, 'monthly', 5);
    expect(m).toHaveLength(12);
    expect(m[1]).toEqual({ code: '2024-02', label: '2024年2月', startOn: '2024-02-01', endOn: '2024-02-29', dueOn: '2024-03-05' });
  });
});

describe('the two clocks', () => {
  const base = { startOn: '2023-05-17', deadline: '2023-12-31', closed: false, openDueDates: [] as string[], progress: 50 };
  it('序时进度 is the share of time passed, clamped', () => {
    expect(expectedProgress('2023-01-01', '2023-12-31', '2022-12-01')).toBe(0);
    expect(expectedProgress('2023-01-01', '2023-12-31', '2023-07-02')).toBe(50);
    expect(expectedProgress('2023-01-01', '2023-12-31', '2024-03-01')).toBe(100);
  });
  it('time: green far from a date, yellow within warnDays, red after it', () => {
    expect(timeLight('2023-07-10', '2023-07-02')).toBe('green');
    expect(timeLight('2023-07-10', '2023-07-03')).toBe('yellow');
    expect(timeLight('2023-07-10', '2023-07-10')).toBe('yellow');
    expect(timeLight('2023-07-10', '2023-07-11')).toBe('red');
  });
  it('a report due soon turns the task yellow, overdue red; the reasons say which', () => {
    expect(taskLight({ ...base, today: '2023-06-20', openDueDates: ['2023-07-10'], progress: 30 }).light).toBe('green');
    const soon = taskLight({ ...base, today: '2023-07-05', openDueDates: ['2023-07-10'], progress: 40 });
    expect([soon.light, soon.time, soon.progress]).toEqual(['yellow', 'yellow', 'green']);
    expect(soon.reasons).toEqual(['2023-07-10前须报送进展']);
    const late = taskLight({ ...base, today: '2023-07-11', openDueDates: ['2023-07-10'], progress: 40 });
    expect(late.light).toBe('red');
    expect(late.reasons).toEqual(['2023-07-10应报送的进展未报送']);
  });
  it('progress behind 序时进度 by the tolerance or more is yellow though time is green', () => {
    // 2023-09-07: 113 of 228 days → 50%; 40% is 10 points behind
    const r = taskLight({ ...base, today: '2023-09-07', progress: 40 });
    expect([r.expected, r.time, r.progress, r.light]).toEqual([50, 'green', 'yellow', 'yellow']);
    expect(r.reasons).toEqual(['进度40%落后于序时进度50%']);
    expect(taskLight({ ...base, today: '2023-09-07', progress: 41 }).light).toBe('green');
    // nothing reported yet counts as 0% against the clock, and the reason says nothing was reported
    const none = taskLight({ ...base, today: '2023-09-07', progress: null });
    expect([none.progress, none.reasons]).toEqual(['yellow', ['尚未报送进度，序时进度已达50%']]);
    expect(taskLight({ ...base, today: '2023-09-07', progress: 0 }).reasons).toEqual(['进度0%落后于序时进度50%']);
  });
  it('red wins over yellow; past the deadline is red; a closed task is done', () => {
    const r = taskLight({ ...base, today: '2024-01-02', progress: 10, openDueDates: [] });
    expect([r.time, r.progress, r.light]).toEqual(['red', 'yellow', 'red']);
    expect(r.reasons[0]).toBe('已超过办理期限2023-12-31');
    expect(taskLight({ ...base, today: '2024-01-02', closed: true }).light).toBe('done');
  });
  it('a red from a late report alone is called 报送逾期; past the deadline (in force or judged) it is 逾期', () => {
    const label = (x: Partial<Parameters<typeof taskLight>[0]> & { today: string }) => taskLight({ ...base, ...x }).label;
    // the deadline months away, the half-year's report 1 day late
    expect(label({ today: '2023-07-11', openDueDates: ['2023-07-10'] })).toBe('报送逾期');
    // past the deadline: 逾期, with or without a late report
    expect(label({ today: '2024-01-02', openDueDates: ['2023-07-10'] })).toBe('逾期');
    expect(label({ today: '2024-01-02' })).toBe('逾期');
    // extended to March, lateness judged on the original 12-31: past it, 逾期 though the deadline in force is ahead
    expect(label({ today: '2024-01-02', deadline: '2024-03-31', judgedAgainst: '2023-12-31' })).toBe('逾期');
    // the other lights keep the legend's words
    expect(label({ today: '2023-07-05', openDueDates: ['2023-07-10'] })).toBe('预警');
    expect(label({ today: '2023-06-20' })).toBe('正常');
    expect(label({ today: '2024-01-02', closed: true })).toBe('已办结');
  });
});

describe('escalation of an unsubmitted report', () => {
  const at = (today: string, submittedOn: string | null = null) => escalationStage({ dueOn: '2023-07-10', submittedOn, today });
  it('due → 催办 after the due date → 督办单 after the grace days → 通报', () => {
    expect(at('2023-07-10')).toBe('due');
    expect(at('2023-07-11')).toBe('reminder');
    expect(at(addDays('2023-07-10', DEFAULT_POLICY.graceDays))).toBe('reminder');
    expect(at(addDays('2023-07-10', DEFAULT_POLICY.graceDays + 1))).toBe('order');
    expect(at(addDays('2023-07-10', DEFAULT_POLICY.graceDays + DEFAULT_POLICY.noticeDays))).toBe('order');
    expect(at(addDays('2023-07-10', DEFAULT_POLICY.graceDays + DEFAULT_POLICY.noticeDays + 1))).toBe('notice');
  });
  it('the plan sets the grace days', () => {
    expect(escalationStage({ dueOn: '2023-07-10', submittedOn: null, today: '2023-07-13' }, { graceDays: 2, noticeDays: 3 })).toBe('order');
  });
  it('a submitted report escalates no further', () => expect(at('2023-09-01', '2023-08-01')).toBe('none'));
});

describe('the 逾期原因 of a report (the reply to a 督办单)', () => {
  const x = (today: string, notices: string[], lateReason: string | null = null) => ({ dueOn: '2023-07-10', today, notices, periodLabel: '2023年上半年', lateReason });
  it('required once a 督办单 was issued; offered, not required, when only past due (催办 or not); not asked before the due date', () => {
    expect(lateReasonAsk(x('2023-07-20', ['reminder', 'order']))).toBe('required');
    expect(lateReasonAsk(x('2023-07-12', ['reminder']))).toBe('optional');
    expect(lateReasonAsk(x('2023-07-20', []))).toBe('optional');
    expect(lateReasonAsk(x('2023-07-10', []))).toBeNull();
  });
  it('refused without one after a 督办单, naming the field; a written one, or none asked, passes', () => {
    expect(lateReasonRefusal(x('2023-07-20', ['order']))).toEqual({ field: 'lateReason', message: '质强办已就2023年上半年进展下发督办单，请填写逾期原因（至少5个字），说明未按期报送的原因' });
    expect(lateReasonRefusal(x('2023-07-20', ['order'], '   '))?.field).toBe('lateReason');
    expect(lateReasonRefusal(x('2023-07-20', ['order'], '县区数据汇总延误。'))).toBeNull();
    expect(lateReasonRefusal(x('2023-07-12', ['reminder']))).toBeNull();
  });
  it('the hint beside the field: one sentence for a task (质强办) and a 整改事项 (its raiser), naming the period', () => {
    const hint = (today: string, notices: string[], issuer: string) => lateReasonHint({ ask: lateReasonAsk(x(today, notices)), issuer, periodLabel: '2023年上半年', dueOn: '2023-07-10' });
    expect(hint('2023-07-20', ['reminder', 'order'], ORDER_ISSUERS.task)).toBe('质强办已就2023年上半年进展下发督办单，要求报送进展并说明逾期原因，必填');
    expect(hint('2023-07-20', ['order'], '提出单位')).toBe('提出单位已就2023年上半年进展下发督办单，要求报送进展并说明逾期原因，必填');
    expect(hint('2023-07-12', ['reminder'], ORDER_ISSUERS.task)).toBe('2023年上半年进展应于2023-07-10前报送，已逾期，可说明原因');
    expect(hint('2023-07-10', [], ORDER_ISSUERS.task)).toBeNull();
  });
});

describe('the latest deadline the office may set on a task it consolidates itself', () => {
  // the office (1) set the task to 2023-11-30 once (approved), an outside lead's revision moved it to 2023-12-31 (in force)
  const edit = { published: true, issuerId: 1, inForce: '2023-12-31', approved: '2023-11-30' };
  it('its own before and after the edit: no later than the approved deadline', () => {
    expect(ownDeadlineLatest({ ...edit, leadBefore: null, leadAfter: null })).toBe('2023-11-30');
    expect(ownDeadlineLatest({ ...edit, leadBefore: 7, leadAfter: 1 })).toBe('2023-11-30');
    expect(ownDeadlineLatest({ ...edit, leadBefore: null, leadAfter: null, approved: '2023-12-31', inForce: '2023-12-31' })).toBe('2023-12-31');
  });
  it('handed to another lead by the same edit: still no later than the deadline in force', () => {
    expect(ownDeadlineLatest({ ...edit, leadBefore: null, leadAfter: 7 })).toBe('2023-12-31');
  });
  it('another lead before and after, or a draft: no bound', () => {
    expect(ownDeadlineLatest({ ...edit, leadBefore: 7, leadAfter: 8 })).toBeNull();
    expect(ownDeadlineLatest({ ...edit, published: false, leadBefore: null, leadAfter: null })).toBeNull();
  });
});

describe('extensions', () => {
  const ask = { today: '2023-12-01', deadline: '2023-12-31', newDueOn: '2024-02-29', reason: '项目验收推迟' };
  it('asked before the deadline with a later date and a reason', () => expect(extensionRefusal(ask)).toBeNull());
  it('refused after the deadline, an earlier date, a bad date or no reason', () => {
    expect(extensionRefusal({ ...ask, today: '2024-01-01' })).toEqual({ field: 'newDueOn', message: '办理期限2023-12-31已过，不能再申请延期；延期须在期限届满前申请' });
    // a 整改事项 names its own deadline
    expect(extensionRefusal({ ...ask, today: '2024-01-01', label: '整改期限' })?.message).toBe('整改期限2023-12-31已过，不能再申请延期；延期须在期限届满前申请');
    // a work-plan task's lead may ask late (逾期申请延期): for a date after today, with the reason it is late
    const late = { ...ask, today: '2024-01-05', lateAllowed: true };
    expect(extensionRefusal(late)).toBeNull();
    expect(extensionRefusal({ ...late, newDueOn: '2024-01-05' })).toEqual({ field: 'newDueOn', message: '办理期限2023-12-31已过，延期后的日期须晚于今天2024-01-05' });
    expect(extensionRefusal({ ...late, reason: ' ' })).toEqual({ field: 'reason', message: '请写明逾期原因和延期理由' });
    expect(askedLate({ fromDueOn: '2023-12-31', askedOn: '2024-01-05' })).toBe(true);
    expect(askedLate({ fromDueOn: '2023-12-31', askedOn: '2023-12-31' })).toBe(false);
    expect([daysOverdue('2023-12-31', '2023-12-31'), daysOverdue('2023-12-31', '2024-01-05')]).toEqual([0, 5]);
    expect(extensionRefusal({ ...ask, newDueOn: '2023-12-31' })).toEqual({ field: 'newDueOn', message: '延期后的日期须晚于现行期限2023-12-31' });
    expect(extensionRefusal({ ...ask, newDueOn: '2024-02-30' })?.field).toBe('newDueOn');
    expect(extensionRefusal({ ...ask, reason: '  ' })).toEqual({ field: 'reason', message: '请填写延期理由' });
  });
  it('the approved extension moves the deadline; the original stays', () => {
    const ex = [
      { newDueOn: '2024-01-31', status: 'approved' as const },
      { newDueOn: '2024-06-30', status: 'refused' as const },
    ];
    expect(effectiveDeadline('2023-12-31', ex)).toBe('2024-01-31');
    expect(effectiveDeadline('2023-12-31', [])).toBe('2023-12-31');
  });
  it('逾期仍按原期限判定: the approval that says so keeps lateness on the original date; the light turns red after it though the extension is in force', () => {
    const approved = { newDueOn: '2024-03-31', status: 'approved' as const };
    expect(judgedDeadline('2023-12-31', [approved])).toBe('2024-03-31');
    expect(judgedDeadline('2023-12-31', [{ ...approved, judgeAgainstOriginal: true }])).toBe('2023-12-31');
    // a pending or refused one says nothing yet
    expect(judgedDeadline('2023-12-31', [{ ...approved, status: 'pending', judgeAgainstOriginal: true }])).toBe('2023-12-31');
    expect(judgedDeadline('2023-12-31', [{ newDueOn: '2024-02-28', status: 'refused', judgeAgainstOriginal: true }, approved])).toBe('2024-03-31');
    const x = { startOn: '2023-01-01', deadline: '2024-03-31', closed: false, openDueDates: [] as string[], progress: 95, today: '2024-01-15' };
    expect(taskLight(x).light).toBe('green');
    const judged = taskLight({ ...x, judgedAgainst: '2023-12-31' });
    expect([judged.time, judged.light]).toEqual(['red', 'red']);
    expect(judged.reasons).toEqual(['已超过办理期限2023-12-31（已延期至2024-03-31，逾期仍按该期限判定）']);
    // before the original date nothing changes
    expect(taskLight({ ...x, today: '2023-12-01', judgedAgainst: '2023-12-31' }).light).toBe(taskLight({ ...x, today: '2023-12-01' }).light);
  });
  it('a closure asked by the deadline is not late while the office decides it; one asked after the deadline stays late', () => {
    const x = { startOn: '2023-01-01', deadline: '2023-12-31', closed: false, openDueDates: [] as string[], progress: 100, today: '2024-04-15' };
    const asked = taskLight({ ...x, closing: { askedOn: '2023-07-24', label: '办结' } });
    expect(asked).toMatchObject({ light: 'green', time: 'green', reasons: ['已于2023-07-24申请办结，待审核'] });
    // asked after the deadline (or after the date lateness is judged against): late all the same
    expect(taskLight({ ...x, closing: { askedOn: '2024-01-05', label: '办结' } })).toMatchObject({ light: 'red', reasons: ['已超过办理期限2023-12-31'] });
    expect(taskLight({ ...x, deadline: '2024-03-31', judgedAgainst: '2023-12-31', closing: { askedOn: '2024-01-05', label: '销号' } }).light).toBe('red');
    expect(taskLight({ ...x, closed: true, closing: { askedOn: '2023-07-24', label: '办结' } }).light).toBe('done');
  });
  it('the light’s reason names the deadline actually missed (not always the original) and the 整改期限 of a 整改事项', () => {
    const x = { startOn: '2023-01-01', deadline: '2024-03-31', closed: false, openDueDates: [] as string[], progress: 95, today: '2024-02-15' };
    // an on-time extension to 2024-01-31, then one asked late: judged against 2024-01-31, which was never the original
    const judged = taskLight({ ...x, judgedAgainst: '2024-01-31' });
    expect(judged.reasons).toEqual(['已超过办理期限2024-01-31（已延期至2024-03-31，逾期仍按该期限判定）']);
    expect(judged.reasons.join()).not.toContain('原');
    const item = { ...x, label: '整改期限' };
    expect(taskLight({ ...item, judgedAgainst: '2024-01-31' }).reasons).toEqual(['已超过整改期限2024-01-31（已延期至2024-03-31，逾期仍按该期限判定）']);
    expect(taskLight({ ...item, today: '2024-04-02' }).reasons).toEqual(['已超过整改期限2024-03-31']);
    expect(taskLight({ ...item, today: '2024-03-28' }).reasons).toEqual(['整改期限2024-03-31临近']);
  });
  it('an extension asked late is judged against the deadline in force when it was asked, not the first one; the office’s mark still means the original', () => {
    const onTime = { newDueOn: '2024-01-31', status: 'approved' as const, fromDueOn: '2023-12-31' };
    const late = { newDueOn: '2024-03-31', status: 'approved' as const, fromDueOn: '2024-01-31', askedLate: true, judgeAgainstOriginal: true };
    expect(judgedDeadline('2023-12-31', [onTime, late])).toBe('2024-01-31');
    expect(judgedDeadline('2023-12-31', [{ ...onTime, judgeAgainstOriginal: true }, late])).toBe('2023-12-31');
    expect(judgedDeadline('2023-12-31', [onTime, { ...late, status: 'pending' }])).toBe('2024-01-31');
  });
  it('late is judged against the original when the office says so', () => {
    const x = { doneOn: '2024-01-15', original: '2023-12-31', extended: '2024-01-31' };
    expect(isLate({ ...x, judgeAgainstOriginal: false })).toBe(false);
    expect(isLate({ ...x, judgeAgainstOriginal: true })).toBe(true);
  });
});

describe('progress may not fall without a reason', () => {
  it('refuses a lower figure without a reason, accepts it with one', () => {
    expect(progressRefusal({ previous: 60, next: 50, reason: '' })).toEqual({ field: 'progressReason', message: '进度50%低于上次报送的60%，请说明下调原因' });
    expect(progressRefusal({ previous: 60, next: 50, reason: '重新核算工作量' })).toBeNull();
    expect(progressRefusal({ previous: 60, next: 60, reason: null })).toBeNull();
    expect(progressRefusal({ previous: null, next: 0, reason: null })).toBeNull();
  });
  it('refuses figures outside 0–100 or with decimals', () => {
    expect(progressRefusal({ previous: null, next: 101, reason: null })?.field).toBe('progress');
    expect(progressRefusal({ previous: null, next: 12.5, reason: null })?.field).toBe('progress');
  });
});

describe('the end of supervision', () => {
  it('is the last due date plus grace and notice days; lights are shown as of it, or as of an earlier day asked for', () => {
    const end = supervisionEnd(2023, reportingPeriods(2023, 'half-yearly', 10).map((p) => p.dueOn));
    expect(end).toBe('2024-01-25');
    // a deadline moved past the last period (an approved extension) moves the end; the year's end is the least
    expect(supervisionEnd(2023, ['2023-06-30', '2024-02-29'])).toBe('2024-03-15');
    expect(supervisionEnd(2023, ['2023-06-30'])).toBe('2024-01-15');
    expect(lightDay('2026-11-28', end)).toBe('2024-01-25');
    expect(lightDay('2023-09-01', end)).toBe('2023-09-01');
    expect(lightDay('2026-11-28', end, '2023-07-25')).toBe('2023-07-25');
    expect(lightDay('2023-09-01', end, '2023-10-01')).toBe('2023-09-01');
    expect(lightDay('2023-09-01', end, 'bad')).toBe('2023-09-01');
  });
});

describe('after the end of supervision', () => {
  it('the end day still runs; from the next day each action is refused saying when it ended and what to do instead', () => {
    const s = { year: 2023, end: '2024-01-25' };
    expect(supervisionEnded('2024-01-25', s.end)).toBe(false);
    expect(supervisionEnded('2024-01-26', s.end)).toBe(true);
    expect(supervisionEndedRefusal({ ...s, today: '2024-01-25' }, 'report')).toBeNull();
    expect(supervisionEndedRefusal({ ...s, today: '2024-01-26' }, 'extension')).toBe('2023年度工作要点的督办已于2024-01-25结束，不能再申请延期：该年度的落实情况以2024-01-25为准，仍需推进的工作，请列入下一年度工作要点。');
    expect(supervisionEndedRefusal({ ...s, today: '2025-03-01' }, 'notice')).toBe('2023年度工作要点的督办已于2024-01-25结束，不能再催办或下发督办单：该年度的落实情况以2024-01-25为准，逾期未报送的期次按未报送留档，可在落实情况通报中查看。');
  });
});

describe('a late report as the office reads it', () => {
  it('says what was issued, and when a late step was reached without any 催办', () => {
    const at = (stage: 'reminder' | 'order' | 'notice') => ({ stage, stageLabel: ESCALATION_LABELS[stage] });
    expect(stageWithNotices(at('reminder'), new Set())).toBe('催办');
    expect(stageWithNotices(at('notice'), new Set())).toBe('列入通报（尚未催办）');
    expect(stageWithNotices(at('order'), new Set(['reminder']))).toBe('督办单（已催办）');
    expect(stageWithNotices(at('notice'), new Set(['reminder', 'order']))).toBe('列入通报（已下发督办单）');
  });
  it('a 催办 counts the days late instead of naming the ladder\'s step', () => {
    expect(noticeText('第5项“x”2026年上半年进展应于2026年7月10日前报送', 40, null)).toBe('第5项“x”2026年上半年进展应于2026年7月10日前报送，现已逾期40天，请即报送。');
  });
});

describe('办结 waits for a returned consolidated report, and for one past its date', () => {
  it('names the returned 汇总 periods', () => {
    expect(closureWaitsForReports([], [])).toBeNull();
    expect(closureWaitsForReports(['2023年上半年', '2023年下半年'], [])).toBe('该任务的汇总报告（2023年上半年、2023年下半年）已被退回，请修改后重新报送，再申请办结');
  });
  it('names the periods whose 汇总 report is late; a returned one is said first', () => {
    expect(closureWaitsForReports([], ['2026年上半年'])).toBe('该任务2026年上半年的汇总报告已过报送期限仍未报送，请先报送，再申请办结');
    expect(closureWaitsForReports(['2026年第一季度'], ['2026年第二季度'])).toBe('该任务的汇总报告（2026年第一季度）已被退回，请修改后重新报送，再申请办结');
    const item = { subject: '该整改事项', report: '进展报告', ask: '申请销号' };
    expect(closureWaitsForReports([], ['2026年10月', '2026年11月'], item)).toBe('该整改事项2026年10月、2026年11月的进展报告已过报送期限仍未报送，请先报送，再申请销号');
  });
});

describe('a new plan: its title', () => {
  it('a title naming another year is refused, written in full-width digits as well', () => {
    expect(planTitleYearRefusal(2026, '岳阳市２０２７年质量强市工作要点')).toEqual({ field: 'title', message: '标题写的是2027年，年度填的是2026年，请核对年度或标题' });
    expect(planTitleYearRefusal(2027, '岳阳市２０２７年质量强市工作要点')).toBeNull();
    expect(planTitleYearRefusal(2027, '岳阳市质量强市工作要点')).toBeNull();
  });
});

describe('a task light and its units', () => {
  const at = (today: string, openDueDates: string[], progress: number | null) => taskLight({ today, startOn: '2026-01-01', deadline: '2026-12-31', closed: false, openDueDates, progress });
  it('is at least as severe as the worst of its units: a unit red for a late report makes a green task 报送逾期, naming it', () => {
    const lead = at('2026-08-01', [], 60);
    expect(lead.light).toBe('green');
    const late = at('2026-08-01', ['2026-07-10'], 60);
    const behind = at('2026-08-01', [], 20);
    const task = taskLightOf(lead, [
      { name: '汨罗市', light: late },
      { name: '岳阳楼区', light: behind },
      { name: '岳阳市', light: late },
    ]);
    expect([task.light, task.label, task.time, task.progress]).toEqual(['red', '报送逾期', 'red', 'yellow']);
    expect(task.reasons).toEqual(['汨罗市、岳阳市：2026-07-10应报送的进展未报送', '岳阳楼区：进度20%落后于序时进度58%']);
  });
  it('a unit no worse leaves the task light as it is; past the deadline a red reads 逾期', () => {
    const lead = at('2026-08-01', [], 60);
    expect(taskLightOf(lead, [{ name: '汨罗市', light: at('2026-08-01', [], 70) }])).toBe(lead);
    const past = taskLightOf(at('2027-01-05', [], 100), [{ name: '汨罗市', light: at('2027-01-05', [], 80) }]);
    expect([past.light, past.label]).toEqual(['red', '逾期']);
  });
});

describe('a report sent back (退回) and not reported again', () => {
  it('reads 已退回, not 未报送: the unit did report; its progress in force is none', () => {
    const l = taskLight({ today: '2023-07-25', startOn: '2023-01-01', deadline: '2023-12-31', closed: false, openDueDates: ['2023-07-10'], returnedDueDates: ['2023-07-10'], progress: null });
    expect([l.light, l.label]).toEqual(['red', '报送逾期']);
    expect(l.reasons).toEqual(['2023-07-10应报送的进展已退回，尚未重新报送', '尚无有效进度，序时进度已达56%']);
    const early = taskLight({ today: '2023-06-01', startOn: '2023-01-01', deadline: '2023-12-31', closed: false, openDueDates: ['2023-07-10'], returnedDueDates: ['2023-07-10'], progress: 40 });
    expect([early.light, early.reasons]).toEqual(['green', ['2023-07-10应报送的进展已退回，待修改后重新报送']]);
  });
});
