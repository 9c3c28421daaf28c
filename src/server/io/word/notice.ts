/**
 * The call for indicators as Word documents, in the words of seed 000 (湘质强办发〔2023〕8号):
 * - noticeDocx: the notice as a 公文 on the document kit (版头, 文号, title, 各相关成员单位, body with the
 *   year's 工作要点 and 全体会议, the invited departments and the deadline, contact, 附件 1–4, signature, date,
 *   版记), followed by the blank Annex 1 and Annex 2 templates (landscape) with the seed's example rows, the office's
 *   issued 工作要点 for the year (portrait, ./work-points.ts) and the base year's scheme as its 考核要点 table
 *   (landscape, ./scheme-annex4.ts) — each of the last two only when there is one (see noticeTexts);
 * - declarationDocx: one department's Annex 1 + Annex 2, prefilled with its current content.
 */
import { Document, Packer, type Paragraph, type Table } from 'docx';
import { formatCriteriaCell, pointsText, type DeclarationContent } from '../../../shared/contracts/declarations';
import { bonusNote, indicatorNote } from '../excel/declaration-template';
import { annexLabel, arabicDate, bodyPara, declareFonts, gongwenDocx, kitTable, LANDSCAPE_TEXT_WIDTH, LINE, MARGIN, PAGE, SIZE, titleLines, titleParas, type Block } from '../document-kit/gongwen';
import type { Annex4Layout } from '../excel/scheme-annex4';
import { schemeAnnex4Children } from './scheme-annex4';
import { tidyTitle, workPointsChildren, type WorkPointsText } from './work-points';

/** the demo mark a demonstration cycle carries in its title: kept out of the document title, shown under it */
const DEMO_MARK = /\s*[（(]演示数据[）)]\s*/g;
export const stripDemoMark = (title: string) => title.replace(DEMO_MARK, '');

export interface AnnexInfo {
  cycleTitle: string;
  baseYear: number;
  officeShortName: string;
  /** empty for the blank templates of the notice */
  departmentName: string;
  content: DeclarationContent;
}

const INDICATOR_HEADER = ['考核领域', '考核内容', '考核要点', '要点考核内容', '分值', '指标依据'];
const BONUS_HEADER = ['考核领域', '加分项目', '加分标准', '指标依据'];

const annexTable = (header: string[], rows: string[][], weights: number[], blankRows: number) =>
  kitTable(header, rows, { weights, size: SIZE.wuhao, width: LANDSCAPE_TEXT_WIDTH, blankRows, minRowHeight: LINE * 2, align: header.map((h) => (h === '分值' || h === '考核领域' ? 'center' : 'left')) });

/** Annex 1 and Annex 2 as Word paragraphs and tables (landscape pages). */
export function annexChildren(a: AnnexInfo, blank: boolean): (Paragraph | Table)[][] {
  const suffix = blank ? '（模板）' : '';
  const title = stripDemoMark(a.cycleTitle);
  const indicators = a.content.indicators.map((r) => [
    r.domain,
    r.item,
    r.keyPoint,
    formatCriteriaCell(r.criteria),
    `${pointsText(r.points)}分`,
    r.basis + (r.overReason ? `\n（超过上年分值的理由：${r.overReason}）` : ''),
  ]);
  const bonuses = a.content.bonuses.map((b) => ['加分项', b.project, b.standard, b.basis]);
  const note = (text: string) => bodyPara(text, { indent: false, size: SIZE.xiaosi });
  return [
    [
      annexLabel(1),
      ...titleParas(`${title}指标申报表${suffix}`, LINE / 2),
      bodyPara(`单位名称：${a.departmentName}`, { indent: false, before: LINE / 2 }),
      bodyPara('日期：', { indent: false }),
      // one empty row, three lines high, to write in (a department adds rows in Word as it needs them; a second empty
      // row took the blank template's table and note over to a page of their own)
      // 分值 wide enough for “14.5 分” on one line
      annexTable(INDICATOR_HEADER, indicators, [1.1, 1.5, 3, 4.2, 1, 2.6], 1),
      note(indicatorNote(a, '指标依据')),
    ],
    [
      annexLabel(2),
      ...titleParas(`${title}加分项申报表${suffix}`, LINE / 2),
      bodyPara(`单位名称：${a.departmentName}`, { indent: false, before: LINE / 2 }),
      bodyPara('日期：', { indent: false }),
      annexTable(BONUS_HEADER, bonuses, [1, 1.4, 5.2, 3.2], 1),
      note(bonusNote(a)),
    ],
  ];
}

export interface NoticeInfo {
  officeName: string;
  officeShortName: string;
  noticeNo: string | null;
  year: number;
  cycleTitle: string;
  /** 市州 or 县市区 */
  unitsWord: string;
  deadline: string;
  issuedOn: string;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  departments: string[];
  baseYear: number;
  /** the seed's example rows for the blank templates */
  example: DeclarationContent;
  /** a demonstration cycle: "演示数据" under the title */
  demo?: boolean;
  /** the office's 工作要点 for the year, when it has issued one (a draft is not attached): 附件3 */
  workPoints?: WorkPointsText | null;
  /** the base year's scheme (the published scheme of the cycle it was copied from, or the framework it was opened on) as its 考核要点 table: the last annex */
  baseScheme?: Annex4Layout | null;
}

/**
 * The words of the notice, following seed 000 (湘质强办发〔2023〕8号).
 *
 * The seed attaches four annexes: the two forms, the year's 工作要点 and the base year's 考核要点. The forms are always
 * there; the 工作要点 is attached only once the office has issued it on the platform, and the 考核要点 only when the
 * cycle has a base to show. The 附件说明 lists the annexes the document carries, numbered in the order they follow
 * (GB/T 9704-2012 §8: an annex's number and title are those of the 附件说明), so one missing moves the next up — a
 * list naming an annex that is not there, or a gap in the numbers, would send the reader looking for pages that do not
 * exist. The body names the forms and the 工作要点 by title, never by number, so its references hold either way;
 * the 工作要点 is named by its own title when attached (the annex's title), in the seed's words when not.
 */
export function noticeTexts(n: NoticeInfo) {
  const cycleTitle = stripDemoMark(n.cycleTitle);
  const annex1 = `${cycleTitle}指标申报表`;
  const annex2 = `${cycleTitle}加分项申报表`;
  // "湖南省质量强省领导小组办公室" → region "湖南省", movement "质量强省"
  const movement = n.officeName.match(/质量强[省市州县区]/)?.[0] ?? '质量强省';
  const region = n.officeName.split(movement)[0] || '';
  const workPoints = n.workPoints ? tidyTitle(n.workPoints.title) : `${n.year}年${region}${movement}工作要点`;
  const who = n.departments.length ? `${n.departments.join('、')}等成员单位` : '各相关成员单位';
  return {
    header: `${n.officeName}文件`,
    title: `${n.officeName}关于提供${cycleTitle}指标的通知`,
    salutation: '各相关成员单位：',
    intro: `为切实做好${cycleTitle}，客观评价各${n.unitsWord}质量工作开展情况${n.unitsWord === '市州' ? '，压实国务院质量工作考核目标任务' : ''}，请各单位按照《${workPoints}》和${movement}${n.year}年第1次全体会议确定的重点工作任务，坚持问题导向，认真研究，科学设置${n.year}年度质量工作考核指标。`,
    request: `请${who}于${arabicDate(n.deadline, false)}前将《${annex1}》和《${annex2}》反馈至${n.officeShortName}。可在考评平台在线填报，或下载申报表模板填写后上传。`,
    contact: [
      n.contactName || n.contactPhone ? `联系人：${n.contactName ?? ''}${n.contactPhone ? ` 电话：${n.contactPhone}` : ''}` : null,
      n.contactEmail ? `邮 箱：${n.contactEmail}` : null,
    ].filter((x): x is string => x !== null),
    attachments: [annex1, annex2, ...(n.workPoints ? [workPoints] : []), ...(n.baseScheme ? [tidyTitle(n.baseScheme.title)] : [])],
    signature: n.officeName,
    date: n.issuedOn,
  };
}

export async function noticeDocx(n: NoticeInfo): Promise<Buffer> {
  const t = noticeTexts(n);
  const body: Block[] = [{ kind: 'p', text: t.intro }, { kind: 'p', text: t.request }, ...t.contact.map((text) => ({ kind: 'p' as const, text }))];
  const [annex1, annex2] = annexChildren({ cycleTitle: n.cycleTitle, baseYear: n.baseYear, officeShortName: n.officeShortName, departmentName: '', content: n.example }, true);
  const annexes = [
    { landscape: true, children: annex1 },
    { landscape: true, children: annex2 },
  ];
  // numbered as the 附件说明 lists them (noticeTexts)
  if (n.workPoints) annexes.push({ landscape: false, children: workPointsChildren(n.workPoints, annexes.length + 1) });
  if (n.baseScheme) {
    const label = annexLabel(annexes.length + 1);
    annexes.push({ landscape: true, children: schemeAnnex4Children(n.baseScheme, { label, note: false, title: tidyTitle(n.baseScheme.title) }) });
  }
  return gongwenDocx({
    issuer: t.header,
    docNo: n.noticeNo,
    title: titleLines(t.title, n.officeName),
    mark: n.demo ? '演示数据' : null,
    addressee: t.salutation.replace(/：$/, ''),
    body,
    attachments: t.attachments,
    signature: t.signature,
    date: t.date,
    annexes,
    printedBy: n.officeName,
    printedOn: n.issuedOn,
  });
}

export async function declarationDocx(a: AnnexInfo): Promise<Buffer> {
  const [annex1, annex2] = annexChildren(a, false);
  const doc = new Document({
    creator: '考评平台',
    title: `${a.departmentName} ${stripDemoMark(a.cycleTitle)}指标申报表`,
    styles: { default: { document: { run: { font: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋_GB2312' }, size: SIZE.sanhao } } } },
    sections: [annex1, annex2].map((children) => ({
      properties: {
        page: {
          size: { width: PAGE.width, height: PAGE.height, orientation: 'landscape' as const },
          margin: { top: MARGIN.left, bottom: MARGIN.right, left: MARGIN.top, right: MARGIN.bottom },
        },
      },
      children,
    })),
  });
  return declareFonts(await Packer.toBuffer(doc));
}

/** The seed's own example rows (附件 1 and 附件 2 of 湘质强办发〔2023〕8号), shown in the blank templates. */
export function seedExample(baseYear: number): DeclarationContent {
  return {
    indicators: [
      {
        domain: '宏观质量',
        item: '实施质量强省战略',
        keyPoint: '省委省政府关于质量工作的战略部署的贯彻落实情况；质量发展工作的组织领导、工作机制及运行情况',
        criteria: [
          { text: '认真贯彻落实《质量强省建设纲要》《湖南省“十四五”质量强省发展规划》有部署', points: 0.5 },
          { text: '质量强市（州）组织机构完善', points: 0.5 },
          { text: '将质量工作纳入地方党委政府工作报告或地方党委政府专题研究质量工作', points: 0.5 },
          { text: `下发《${baseYear}年度质量强市工作要点》`, points: 0.5 },
        ],
        points: 2,
        basis: '1. 《质量强省建设纲要》 2. 《湖南省“十四五”质量强省发展规划》',
        lastYearPoints: null,
        sourceCode: null,
      },
    ],
    bonuses: [
      {
        project: '激励表彰',
        standard: `${baseYear}年度推进质量工作成效突出地方受国办督查激励的市（州）加1分，${baseYear}年度推进质量工作成效突出地方受省政府督查激励的市（州）加0.5分，本辖区内县（市、区）获得${baseYear}年度省政府质量督查激励表彰的市（州）加0.2分。`,
        basis: '省级政府质量工作考核将质量工作真抓实干督查激励表彰工作纳入指标体系',
      },
    ],
  };
}
