/**
 * 工作要点落实情况通报 (.docx) on the document kit: the office's periodic notice of a work plan's progress for a
 * reporting period, as of a day — the lights counted, each task with its lead, progress, light and the first line of
 * its consolidated report; the units late with their report and where each stands on the escalation ladder
 * (催办 / 督办单 / 列入通报, src/shared/workplan/rules.ts), and the 督办单 answered with their 逾期原因; the extensions
 * granted; the tasks closed (销号).
 * Pure builder over the module's notice view.
 */
import { orderReplyBlocks } from './order-replies';
import { tidyTitle } from './work-points';
import type { WorkplanNotice } from '../../../shared/contracts/workplan';
import { arabicDate, docNoOrPlaceholder, gongwenDocx, membersAddressee, type Block } from '../document-kit/gongwen';
import { bareClause } from '../../../shared/text';

const pct = (x: number | null) => (x === null ? '—' : `${x}%`);
const n = (k: number) => `${k}项`;

/**
 * A task's late units in one row where they stand alike: per task and unit first, its late periods together (a unit
 * two half-years behind on a task was two rows), the longest delay, the furthest step of the ladder, every notice
 * issued; then the units of a task with the same periods, delay, step and notices share one row, the units listed
 * with their count — at the end of a year's supervision a row per unit repeated the task 33 times and ran the 通报 to
 * 16 pages, while the reader looks for which units, not for the same line again. The stage's qualifier goes on a line
 * of its own, so that "列入通报" does not break inside the column.
 */
function overdueRows(overdue: WorkplanNotice['overdue']): string[][] {
  const byUnit = new Map<string, WorkplanNotice['overdue']>();
  for (const o of overdue) {
    const key = `${o.taskNumber}\u0000${o.org}`;
    byUnit.set(key, [...(byUnit.get(key) ?? []), o]);
  }
  const alike = new Map<string, { org: string[]; cells: string[] }>();
  for (const xs of byUnit.values()) {
    const worst = xs.reduce((a, b) => (b.daysLate > a.daysLate ? b : a));
    const cells = [
      `${worst.taskNumber}. ${worst.taskTitle}`,
      xs.map((x) => x.periodLabel).join('\n'),
      String(worst.daysLate),
      worst.stageLabel.replace('（', '\n（'),
      xs.flatMap((x) => x.notices).join('\n') || '—',
    ];
    const key = cells.join('\u0000');
    alike.set(key, { org: [...(alike.get(key)?.org ?? []), worst.org], cells });
  }
  return [...alike.values()].map(({ org, cells: [task, ...rest] }) => [task, org.length > 1 ? `${org.join('、')}（${org.length}个单位）` : org[0], ...rest]);
}

/** `docNo`: the office's 文号 (湘质强办〔2026〕12号), printed under the 版头 when given */
/**
 * Which date an approved extension leaves lateness judged against (judgedDeadline in src/shared/workplan/rules.ts):
 * asked late, the deadline it missed, named — after an earlier extension that is that extension's date, so
 * “仍按原期限” could be misread; approved with the mark, the task's first deadline.
 */
const judgedAgainst = (e: { late: boolean; judgeAgainstOriginal: boolean; fromDueOn: string }) =>
  e.late ? `，是否逾期仍按所误的期限${arabicDate(e.fromDueOn)}判定` : e.judgeAgainstOriginal ? '，是否逾期仍按任务最初的办理期限判定' : '';

export async function workplanNoticeDocx(v: WorkplanNotice, docNo: string | null = null): Promise<Buffer> {
  const { lights } = v;
  const total = v.tasks.length;
  const listed = v.overdue.filter((o) => o.stage === 'notice');
  const ordered = v.overdue.filter((o) => o.stage === 'order');
  const reminded = v.overdue.filter((o) => o.stage === 'reminder');
  const unitsOf = (xs: WorkplanNotice['overdue']) => [...new Set(xs.map((o) => o.org))].join('、');
  const body: Block[] = [
    {
      kind: 'p',
      text: `根据《${tidyTitle(v.plan.title)}》和督办工作安排，${v.issuer.shortName}对各项任务${v.period.label}的落实情况进行了调度。现将截至${arabicDate(v.asOf)}的进展情况通报如下。`,
    },
    { kind: 'h1', text: '一、总体情况' },
    {
      kind: 'p',
      text: `${v.plan.year}年工作要点共${n(total)}任务。截至${arabicDate(v.asOf)}，已办结（销号）${n(lights.done)}，正常推进（绿灯）${n(lights.green)}，预警（黄灯）${n(lights.yellow)}，逾期（红灯）${n(lights.red)}。灯按两个时钟判定：办理期限或报送期限临近为黄灯、已过为红灯（办理期限未到、仅进展报告逾期未报送的，表中标为“报送逾期”）；进度落后于序时进度为黄灯；取两者中较重者。`,
    },
    { kind: 'h1', text: '二、各项任务进展' },
    {
      kind: 'table',
      header: ['序号', '任务', '牵头单位', '进度', '灯'],
      rows: v.tasks.map((t) => [String(t.number), t.title, t.lead, pct(t.progress), t.lightLabel]),
      // 灯 holds 报送逾期 on one line (4 characters and the cell's margins, with room for Word's metrics)
      weights: [0.8, 4, 2.6, 1, 1.4],
      align: ['center', 'left', 'left', 'center', 'center'],
      size: 21,
    },
    // a task without a reported progress says so in words (the table's “—” read as “进度—” in a sentence)
    ...v.tasks.map(
      (t): Block => ({
        kind: 'p',
        text: `${t.number}. ${t.title}（${t.lead.startsWith('按职责分工') ? t.lead : `${t.lead}牵头`}，${t.progress === null ? '尚未报告进度' : `进度${pct(t.progress)}`}，${t.lightLabel}${t.statusLabel === '办理中' ? '' : `，${t.statusLabel}`}）：${t.line ? `${t.line}${t.linePeriod && t.linePeriod !== v.period.label ? `（${t.linePeriod}汇总报告）` : ''}` : t.duePeriod ? `${t.duePeriod}汇总报告尚未报送。` : '尚无到期的汇总报告。'}`,
      }),
    ),
    { kind: 'h1', text: '三、逾期未报送情况' },
  ];
  // a unit that answered a 督办单 did not report on time: then only 无逾期未报送 is said
  if (!v.overdue.length) body.push({ kind: 'p', text: `截至${arabicDate(v.asOf)}，${v.replies.length ? '' : '各承办单位均已按期报送进展，'}无逾期未报送情况。` });
  else {
    body.push({
      kind: 'p',
      text: `截至${arabicDate(v.asOf)}，共有${v.overdue.length}份进展报告逾期未报送。${listed.length ? `以下单位逾期超过督办期限仍未报送，予以通报：${unitsOf(listed)}。` : ''}${ordered.length ? `逾期已过宽限期、应下发督办单的：${unitsOf(ordered)}。` : ''}${reminded.length ? `逾期在宽限期内、处于催办阶段的：${unitsOf(reminded)}。` : ''}已下发的催办通知和督办单见下表“已发通知”栏。`,
    });
    body.push({
      kind: 'table',
      header: ['任务', '单位', '逾期期次', '最长逾期\n（天）', '督办阶段', '已发通知'],
      rows: overdueRows(v.overdue),
      weights: [2.2, 3.5, 2, 1.3, 2.1, 2.5],
      align: ['left', 'left', 'left', 'center', 'center', 'left'],
      size: 18,
    });
  }
  // the 督办单 answered: the unit reported late, with the 逾期原因 the 督办单 asked for
  body.push(...orderReplyBlocks(v.replies, { units: '单位', report: '进展', subject: (r) => `第${r.taskNumber}项“${r.taskTitle}”：${r.org}` }));
  body.push({ kind: 'h1', text: '四、延期情况' });
  if (!v.extensions.length) body.push({ kind: 'p', text: '本期无经批准延期的任务。' });
  else
    for (const e of v.extensions)
      body.push({
        kind: 'p',
        text: `第${e.taskNumber}项“${e.taskTitle}”：${e.org}${e.late ? '逾期后' : ''}申请延期${e.late ? `（原期限${arabicDate(e.fromDueOn)}届满后提出）` : ''}，理由为“${bareClause(e.reason)}”，${v.issuer.shortName}于${arabicDate(e.decidedOn)}批准，办理期限由${arabicDate(e.fromDueOn)}延至${arabicDate(e.newDueOn)}${judgedAgainst(e)}。`,
      });
  body.push({ kind: 'h1', text: '五、办结情况' });
  if (!v.closed.length) body.push({ kind: 'p', text: '本期无销号的任务。' });
  else
    for (const c of v.closed)
      body.push({ kind: 'p', text: `第${c.taskNumber}项“${c.taskTitle}”：${c.org}申请办结，经审核于${arabicDate(c.closedOn)}销号。${c.summary ? `办结情况：${c.summary}` : ''}` });
  body.push(
    { kind: 'h1', text: '六、下一步工作要求' },
    {
      kind: 'p',
      text: `各牵头单位要加强统筹，汇总配合单位进展后按期报送汇总报告；逾期未报送的单位要在收到本通报后五个工作日内报送并说明原因；进度落后于序时进度的任务，牵头单位要分析原因、明确措施。${v.issuer.shortName}将持续调度，对督办后仍未落实的单位在下期通报中继续列出。`,
    },
  );
  return gongwenDocx({
    issuer: `${v.issuer.name}文件`,
    docNo: docNoOrPlaceholder(docNo, v.asOf),
    title: `关于${v.plan.year}年工作要点落实情况的通报\n（${v.period.label}）`,
    addressee: membersAddressee(v.issuer.region.name, v.issuer.region.province),
    body,
    signature: v.issuer.name,
    date: v.asOf,
    printedBy: v.issuer.name,
    printedOn: v.asOf,
  });
}
