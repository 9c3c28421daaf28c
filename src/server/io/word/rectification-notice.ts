/**
 * 整改事项落实情况通报 (.docx) on the document kit: the office's notice of every 整改事项 it supervises, as of a day
 * — counted by standing (整改中 / 逾期 / 督办 / 已销号), then grouped by source (年度考核失分, 创建评价扣分,
 * 规划指标滞后), each item with its owner, deadline, standing and latest submitted report; the items late or under
 * a 督办单 named again, and the 督办单 answered with their 逾期原因; the 文号 the office gave when downloading printed in the 版头. Pure builder over the
 * module's notice view (noticeView in modules/rectification/rectification.presenter.ts).
 */
import type { RectificationNotice } from '../../../shared/contracts/rectification';
import { arabicDate, docNoOrPlaceholder, gongwenDocx, membersAddressee, type Block } from '../document-kit/gongwen';
import { RECTIFICATION_WORKFLOW } from '../../../shared/workflow/rectification';
import { orderReplyBlocks } from './order-replies';

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export async function rectificationNoticeDocx(v: RectificationNotice): Promise<Buffer> {
  const { counts } = v;
  const total = counts.open + counts.overdue + counts.supervised + counts.closed;
  // the standings are exclusive (an item under 督办 is not counted 逾期), but every item under 督办 is late too: the
  // overview says 逾期 of all of them, then how many reached 督办 — 「逾期0项，…督办…的1项」 read as if none were late
  const late = counts.overdue + counts.supervised;
  const flagged = v.sources.flatMap((g) => g.items.filter((x) => x.standing === 'overdue' || x.standing === 'supervised'));
  const body: Block[] = [
    {
      kind: 'p',
      text: `为推动考核评价、创建评价和规划指标监测中发现问题的整改落实，${v.issuer.shortName}对各责任单位的整改事项进行了调度。现将截至${arabicDate(v.asOf)}的整改情况通报如下。`,
    },
    { kind: 'h1', text: '一、总体情况' },
    {
      kind: 'p',
      text:
        total === 0
          ? '截至目前，无督办中的整改事项。'
          : `共有整改事项${total}项，其中整改中${counts.open}项，逾期${late}项${counts.supervised ? `（其中已下发督办单或逾期超过宽限期、列为督办的${counts.supervised}项）` : ''}，已销号${counts.closed}项。按来源分：${v.sources.map((g) => `${g.label}${g.items.length}项`).join('，')}。`,
    },
  ];
  v.sources.forEach((g, i) => {
    if (i === 0) body.push({ kind: 'h1', text: '二、各来源整改事项' });
    body.push({ kind: 'h2', text: `（${NUMERALS[i]}）${g.label}` });
    body.push({
      kind: 'table',
      header: ['序号', '整改事项', '责任单位', '整改期限', '状态', '最近一次进展'],
      rows: g.items.map((x, n) => [String(n + 1), x.title, x.owner, arabicDate(x.deadline), x.standing === 'open' && x.statusLabel !== RECTIFICATION_WORKFLOW.states.open ? x.statusLabel : x.standingLabel, x.latest ?? '尚未报送进展']),
      weights: [0.7, 3.6, 1.6, 1.5, 1, 3.6],
      align: ['center', 'left', 'left', 'center', 'center', 'left'],
      size: 18,
    });
  });
  body.push({ kind: 'h1', text: `${v.sources.length ? '三' : '二'}、逾期和督办事项` });
  // an owner that answered a 督办单 did not report on time: then only 无逾期未报和督办中的事项 is said
  if (!flagged.length) body.push({ kind: 'p', text: v.replies.length ? '目前无逾期未报和督办中的事项。' : '各责任单位均按期报送整改进展，无逾期和督办事项。' });
  else for (const x of flagged) body.push({ kind: 'p', text: `${x.owner}：“${x.title}”，整改期限${arabicDate(x.deadline)}，${x.standingLabel}${x.escalation ? `；${x.escalation}` : ''}。` });
  // the 督办单 answered: the owner reported late, with the 逾期原因 the 督办单 asked for
  body.push(...orderReplyBlocks(v.replies, { units: '责任单位', report: '整改进展', subject: (r) => `${r.owner}：“${r.title}”` }));
  body.push(
    { kind: 'h1', text: `${v.sources.length ? '四' : '三'}、下一步工作要求` },
    {
      kind: 'p',
      text: `各责任单位要按月报送整改进展，逾期和被督办的单位要在收到本通报后五个工作日内报送并说明原因；整改完成的，及时申请销号。${v.issuer.shortName}将持续调度，对督办后仍未落实的事项在下期通报中继续列出。`,
    },
  );
  return gongwenDocx({
    issuer: `${v.issuer.name}文件`,
    docNo: docNoOrPlaceholder(v.docNumber, v.date),
    title: '关于整改事项落实情况的通报',
    addressee: membersAddressee(v.issuer.region.name, v.issuer.region.province),
    body,
    signature: v.issuer.name,
    date: v.date,
    printedBy: v.issuer.name,
    printedOn: v.date,
  });
}
