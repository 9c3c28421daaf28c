/**
 * A unit's result report (.docx) as a 公文 on the document kit, from the office that assessed it (the province's for a
 * city, a city's for a county) to the unit's government, under the 发文字号 line: the total, rank and grade, the domain table, every lost point with the engine's
 * explanation and the evaluating department's comment, and the objections with their answers. The lost points' seven
 * columns and the objections' six go to landscape 附件 (GB/T 9704: after the 附件说明 and the signature), as the 反馈意见
 * has its lost points: squeezed into the portrait 版心 they wrapped every few characters (the demo 湘西州's 30 lost points).
 */
import type { Paragraph, Table } from 'docx';
import { chinaDayOf, chinaMomentText } from '../../../shared/deadline';
import { formatAnswer, keyPointLabel, keyPointName, sectionFigures, vetoTitles, type ObjectionView, type ResultsView, type UnitResultView } from '../../../shared/contracts/results';
import { annexLabel, arabicDate, docNoOrPlaceholder, figureLines, gongwenDocx, kitTable, LANDSCAPE_TEXT_WIDTH, LINE, sameDecimals, SIZE, titleLines, titleParas, type Block } from '../document-kit/gongwen';
import { evaluatorName, type IssuingOffice } from './results-docs';
import { stripDemoMark } from './notice';

const ROLE_LABEL = { base: '基本项', bonus: '加分项', deduction: '减分项', veto: '否决项' } as const;
const show = (x: string | null) => x ?? '—';

export interface CityReportOptions {
  /** the evaluating departments as the scheme names them (附件4), by org code (`evaluatorNames()`), as the 反馈意见 prints them */
  evaluators: ReadonlyMap<string, string>;
  /** the request's clock (ctx.clock().at), printed as 生成时间 (and the 成文日期 of results not yet published) */
  generatedAt: string;
  /** the 文号 registered for the report in the office's 文号登记 (none: the placeholder ×××〔年〕×号) */
  docNo?: string | null;
}

/**
 * `office`: the office that ran the cycle, which issues the report; its `unitsWord` (市州, or 县市区 in a city's cycle)
 * names what the rank is among (「共N个…」).
 */
export async function cityReportDocx(v: ResultsView, u: UnitResultView, objections: ObjectionView[], office: IssuingOffice, o: CityReportOptions): Promise<Buffer> {
  const struck = vetoTitles(v, u);
  const lost = u.criteria.filter((c) => c.lost !== '0' || (c.role === 'veto' && c.status !== 'missing' && u.vetoCodes.includes(c.code)));
  const stage = v.stage === 'final' ? '最终结果' : '初步结果';
  // dates written as the documents write them (2023年3月1日), not as stored
  const day = (d: string | null) => (d ? arabicDate(d) : '—');
  // the figures as whole items, a line holding those that fit (one paragraph broke 「等级：D」 after 等级：)
  const body: Block[] = figureLines([
    `总分：${show(u.total)}`,
    `排名：${u.rank === null ? '—' : `第${u.rank}名（共${v.unitCount}个${office.unitsWord}）`}`,
    `等级：${show(u.grade)}`,
    `基本项得分：${show(u.baseScore)}`,
    `加分：${show(u.bonus)}`,
    `减分：${show(u.deduction)}`,
    `否决：${u.veto === null ? '—' : u.veto ? `是（${struck.join('、')}）` : '否'}`,
  ]).map((text) => ({ kind: 'p', text, align: 'left' }));
  if (v.stage === 'preliminary') body.push({ kind: 'p', text: `异议期：${day(v.objectionStart)}至${day(v.objectionEnd)}。本报告为初步结果，以最终发布结果为准。` });
  if (u.sections.length)
    body.push(
      { kind: 'h1', text: '一、各考核领域得分' },
      {
        kind: 'table',
        header: ['考核领域', '类别', '得分', '分值'],
        rows: sameDecimals(
          u.sections.map((s) => {
            const f = sectionFigures(s, struck);
            return [f.title, ROLE_LABEL[s.role], f.score, f.maximum];
          }),
          [2],
        ),
        weights: [3, 2, 2, 2],
        align: ['left', 'center', 'center', 'center'],
      },
    );
  const annexes: { landscape: boolean; children: (Paragraph | Table)[] }[] = [];
  const attachments: string[] = [];
  // a lone annex is 附件, not 附件1, as the 附件说明 numbers only two or more
  const numbered = lost.length > 0 && objections.length > 0;
  /**
   * a landscape 附件 — its label, its title, the table across the landscape 版心 in 五号 — named in the 附件说明; says
   * where the body points to it ("1", or "" for the only one)
   */
  const annex = (title: string, table: { header: string[]; rows: string[][]; weights: number[]; align: ('left' | 'center')[] }) => {
    const n = numbered ? String(annexes.length + 1) : '';
    attachments.push(title);
    annexes.push({
      landscape: true,
      // a comment runs to ten lines and more: such a row breaks over the page rather than leave a quarter of it empty
      children: [annexLabel(n), ...titleParas(title, LINE / 2), kitTable(table.header, table.rows, { ...table, size: SIZE.wuhao, width: LANDSCAPE_TEXT_WIDTH, keepRowLines: 4 })],
    });
    return n;
  };
  body.push({ kind: 'h1', text: '二、失分情况及原因' });
  if (lost.length === 0) body.push({ kind: 'p', text: '无失分。' });
  else {
    const n = annex(`${u.unitName}失分情况及原因`, {
      // the first column holds the key point's code (4.a), not a running number
      header: ['编号', '考核内容', '考核要点', '得分/分值', '失分', '评分说明', '评价部门意见'],
      rows: lost.map((c) => [
        c.code,
        c.itemTitle,
        c.title,
        // a deduction or a veto earned no score out of a maximum: “2/5” read as 2 points of 5 where 2 were taken off,
        // “0/0” and a loss of 0 where the veto struck (the 反馈意见 writes 减2 and 否决 as well)
        c.role === 'deduction' || c.role === 'veto' ? '—' : `${c.score}/${c.maximum}`,
        c.role === 'deduction' ? `减${c.lost}` : c.role === 'veto' ? '否决' : c.lost,
        c.explanation,
        `${c.department ? `${evaluatorName(c, o.evaluators)}：` : ''}${c.comment ?? '—'}`,
      ]),
      // 得分/分值 wide enough for "14/14.5" on one line; the department's comment, often the longest text (it names the
      // key point again), the widest
      weights: [1.1, 2, 3.6, 1.4, 0.9, 2.6, 5.4],
      align: ['center', 'left', 'left', 'center', 'center', 'left', 'left'],
    });
    body.push({ kind: 'p', text: `共有${lost.length}个考核要点失分，逐项列明见附件${n}。` });
  }
  if (u.missing.length) body.push({ kind: 'p', text: `未填报（按0分计）：${u.missing.map((code) => keyPointName(u, code)).join('、')}。` });
  body.push({ kind: 'h1', text: '三、异议及答复' });
  if (objections.length === 0) body.push({ kind: 'p', text: '未提出异议。' });
  else {
    const n = annex(`${u.unitName}异议及答复情况`, {
      header: ['考核要点', '异议理由', '答复部门', '答复结论', '答复理由', '调整'],
      rows: objections.map((x) => [
        `${keyPointLabel(`${x.itemCode}.${x.criterionCode}`, x.itemTitle)}：${x.criterionTitle}`,
        x.reason,
        o.evaluators.get(x.department.code) ?? x.department.name,
        x.statusLabel,
        x.response ?? '—',
        x.status === 'adjusted' ? `${formatAnswer(x.beforeAnswer)} → ${formatAnswer(x.afterAnswer)}` : '—',
      ]),
      weights: [2.5, 3, 1.8, 1.5, 3, 1.8],
      align: ['left', 'left', 'left', 'center', 'left', 'center'],
    });
    body.push({ kind: 'p', text: `共提出${objections.length}项异议，答复情况见附件${n}。` });
  }
  // 成文日期 and 印发日期: the day the results were published (as the 反馈意见), else the day the report is generated
  const date = chinaDayOf(v.publishedAt ?? o.generatedAt);
  return gongwenDocx({
    issuer: `${office.name}文件`,
    // a 文件 carries its 发文字号 line: the 文号 registered for this unit's report, else the placeholder for whoever numbers it
    docNo: docNoOrPlaceholder(o.docNo, date),
    // the cycle on its own line, the unit's report under it (broken by words where it runs longer than a line)
    title: titleLines(`${stripDemoMark(v.title)}${u.unitName}考核结果报告（${stage}）`, stripDemoMark(v.title)),
    mark: v.demo ? '演示数据：本报告数据为平台演示用的合成数据。' : null,
    // the unit's government, as its 反馈意见 is addressed: the report is the unit's alone (only it, of the units, may
    // download it), not the 通报's 各市州人民政府
    addressee: `${u.unitName}人民政府`,
    body,
    attachments,
    signature: office.name,
    date,
    note: `生成时间：${chinaMomentText(new Date(o.generatedAt))}`,
    annexes,
    printedBy: office.name,
    printedOn: date,
  });
}
