/**
 * A city's result report (.docx): title, total, rank, grade, the domain table, every lost point with the
 * engine's explanation and the evaluating department's comment, and the objections with their answers.
 */
import { chinaMomentText } from '../../../shared/deadline';
import { AlignmentType, Document, Footer, Packer, PageNumber, PageOrientation, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { arabicDate, PAGE } from '../document-kit/gongwen';
import { formatAnswer, keyPointName, sectionFigures, vetoTitles, type ObjectionView, type ResultsView, type UnitResultView } from '../../../shared/contracts/results';
import { evaluatorName } from './results-docs';

const ROLE_LABEL = { base: '基本项', bonus: '加分项', deduction: '减分项', veto: '否决项' } as const;

/** A4 portrait text width with the default margins (1 inch), in twentieths of a point. */
const TEXT_WIDTH = 9000;
/** A4 landscape text width with the same margins: the lost points' seven columns and the objections' six */
const LANDSCAPE_TEXT_WIDTH = PAGE.height - 2 * 1440;

/** `size` in half-points; unset, the document's 11 pt; `keepNext`: the row keeps with what follows the table */
const cell = (text: string, width: number, bold = false, size?: number, keepNext = false) =>
  new TableCell({
    width: { size: width, type: WidthType.DXA },
    children: [new Paragraph({ ...(keepNext ? { keepNext } : {}), children: [new TextRun({ text, bold, size })] })],
  });

/**
 * A table whose columns share the text width by `weights` (Word, WPS and LibreOffice all honour the grid). `wide`: across
 * a landscape page in 五号 (10.5 pt), the size a table of a 公文 is set in.
 */
const table = (header: string[], rows: string[][], weights: number[] = header.map(() => 1), wide = false, keepLast = false) => {
  const width = wide ? LANDSCAPE_TEXT_WIDTH : TEXT_WIDTH;
  const size = wide ? 21 : undefined;
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.round((width * w) / total));
  return new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h, i) => cell(h, widths[i], true, size)) }),
      // a row of a few lines is not split over two pages (its code would stand on one, its reasons on the next)
      // `keepLast`: the last row goes over with the lines after the table rather than leave them a page of their own
      ...rows.map((r, k) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, widths[i], false, size, keepLast && k === rows.length - 1)) })),
    ],
  });
};

const para = (text: string, keepNext = false) => new Paragraph({ ...(keepNext ? { keepNext } : {}), children: [new TextRun(text)], spacing: { after: 120 } });
/** a part's heading in black 黑体 (Word's own heading style is blue), kept with the table under it */
const heading = (text: string) =>
  new Paragraph({ keepNext: true, spacing: { before: 240, after: 120 }, children: [new TextRun({ text, font: { ascii: '黑体', eastAsia: '黑体', hAnsi: '黑体' }, size: 28 })] });
const show = (x: string | null) => x ?? '—';
/** "第 1 页 共 4 页", centred at the foot of every page */
const pageFooter = () =>
  new Footer({
    children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['第 ', PageNumber.CURRENT, ' 页 共 ', PageNumber.TOTAL_PAGES, ' 页'], size: 18 })] })],
  });
/** two ideographic spaces between the figures */
const GAP = '\u3000\u3000';

/**
 * `evaluators`: the evaluating departments as the scheme names them (附件4), by org code (`evaluatorNames()`), as
 * the 反馈意见 prints them. `generatedAt`: the request's clock (ctx.clock().at), printed as 生成时间. `unitsWord`: what the
 * cycle's assessed units are called (officeOf().unitsWord: 市州, or 县市区 in a city's cycle), in the rank's 「共N个…」.
 */
export async function cityReportDocx(
  v: ResultsView,
  u: UnitResultView,
  objections: ObjectionView[],
  evaluators: ReadonlyMap<string, string>,
  generatedAt: string,
  unitsWord: string,
): Promise<Buffer> {
  const struck = vetoTitles(v, u);
  const lost = u.criteria.filter((c) => c.lost !== '0' || (c.role === 'veto' && c.status !== 'missing' && u.vetoCodes.includes(c.code)));
  // the lost points' seven columns and the objections' six on landscape pages: squeezed into a portrait page's width
  // they wrapped every few characters (the demo 湘西州's 30 lost points ran to 9 pages). Then the whole report is
  // landscape, one section: a portrait first page with the figures and the domains alone was left 60% blank. A report
  // with neither stays portrait.
  const wide = lost.length > 0 || objections.length > 0;
  const stage = v.stage === 'final' ? '最终结果' : '初步结果';
  const children: (Paragraph | Table)[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 120 }, children: [new TextRun({ text: v.title, bold: true, size: 36 })] }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [new TextRun({ text: `${u.unitName}考核结果报告（${stage}）`, bold: true, size: 30 })],
    }),
  ];
  if (v.demo) children.push(new Paragraph({ children: [new TextRun({ text: '演示数据：本报告数据为平台演示用的合成数据。', italics: true, color: '888888' })] }));
  children.push(
    para(`总分：${show(u.total)}${GAP}排名：${u.rank === null ? '—' : `第${u.rank}名（共${v.unitCount}个${unitsWord}）`}${GAP}等级：${show(u.grade)}`),
    para(`基本项得分：${show(u.baseScore)}${GAP}加分：${show(u.bonus)}${GAP}减分：${show(u.deduction)}${GAP}否决：${u.veto === null ? '—' : u.veto ? `是（${struck.join('、')}）` : '否'}`),
  );
  // dates written as the documents write them (2023年3月1日), not as stored
  const day = (d: string | null) => (d ? arabicDate(d) : '—');
  if (v.stage === 'preliminary') children.push(para(`异议期：${day(v.objectionStart)}至${day(v.objectionEnd)}。本报告为初步结果，以最终发布结果为准。`));
  if (u.sections.length) {
    children.push(heading('一、各考核领域得分'));
    children.push(
      table(
        ['考核领域', '类别', '得分', '分值'],
        u.sections.map((s) => {
          const f = sectionFigures(s, struck);
          return [f.title, ROLE_LABEL[s.role], f.score, f.maximum];
        }),
        [3, 2, 2, 2],
        wide,
      ),
    );
  }
  children.push(heading('二、失分情况及原因'));
  if (lost.length === 0) children.push(para('无失分。'));
  else
    children.push(
      table(
        // the first column holds the key point's code (4.a), not a running number
        ['编号', '考核内容', '考核要点', '得分/分值', '失分', '评分说明', '评价部门意见'],
        lost.map((c) => [
          c.code,
          c.itemTitle,
          c.title,
          // a deduction or a veto earned no score out of a maximum: “2/5” read as 2 points of 5 where 2 were taken off,
          // “0/0” and a loss of 0 where the veto struck (the 反馈意见 writes 减2 and 否决 as well)
          c.role === 'deduction' || c.role === 'veto' ? '—' : `${c.score}/${c.maximum}`,
          c.role === 'deduction' ? `减${c.lost}` : c.role === 'veto' ? '否决' : c.lost,
          c.explanation,
          `${c.department ? `${evaluatorName(c, evaluators)}：` : ''}${c.comment ?? '—'}`,
        ]),
        // 得分/分值 wide enough for "14/14.5" on one line; the department's comment, often the longest text (it names the
        // key point again), the widest
        [1.1, 2, 3.6, 1.4, 0.9, 2.6, 5.4],
        wide,
        true,
      ),
    );
  // the closing lines keep with the lost points' last row, through to 生成时间: a table that filled its page printed
  // 三、异议及答复, 未提出异议。 and 生成时间 alone on the next (demo 2022: 衡阳市, 益阳市, 娄底市, page 7 of 7)
  if (u.missing.length) children.push(para(`未填报（按0分计）：${u.missing.map((code) => keyPointName(u, code)).join('、')}`, true));
  children.push(heading('三、异议及答复'));
  if (objections.length === 0) children.push(para('未提出异议。', true));
  else
    children.push(
      table(
        ['考核要点', '异议理由', '答复部门', '答复结论', '答复理由', '调整'],
        objections.map((o) => [
          `${o.itemCode}.${o.criterionCode} ${o.criterionTitle}`,
          o.reason,
          evaluators.get(o.department.code) ?? o.department.name,
          o.statusLabel,
          o.response ?? '—',
          o.status === 'adjusted' ? `${formatAnswer(o.beforeAnswer)} → ${formatAnswer(o.afterAnswer)}` : '—',
        ]),
        [2.5, 3, 1.8, 1.5, 3, 1.8],
        wide,
        true,
      ),
    );
  children.push(para('', true), para(`生成时间：${chinaMomentText(new Date(generatedAt))}`));
  const doc = new Document({
    creator: '考评平台',
    title: `${u.unitName}考核结果报告`,
    styles: { default: { document: { run: { font: 'SimSun', size: 22 } } } },
    // a report of several pages is printed and filed: every page says which one it is and of how many
    sections: [
      {
        ...(wide ? { properties: { page: { size: { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.LANDSCAPE } } } } : {}),
        footers: { default: pageFooter() },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
