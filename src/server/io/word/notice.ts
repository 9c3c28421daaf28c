/**
 * The call for indicators as Word documents, in the style of seed 000 (湘质强办发〔2023〕8号):
 * - noticeDocx: the notice (红头 office name + 文件, 文号, title, 各相关成员单位, body with the year, the
 *   invited departments and the deadline, contact, 附件 list, signature and date), followed by the blank
 *   Annex 1 and Annex 2 templates with the seed's example rows and notes;
 * - declarationDocx: one department's Annex 1 + Annex 2, prefilled with its current content.
 */
import { AlignmentType, Document, PageBreak, PageOrientation, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { formatCriteriaCell, pointsText, type DeclarationContent } from '../../../shared/contracts/declarations';
import { bonusNote, indicatorNote } from '../excel/declaration-template';

const SONG = { ascii: 'Times New Roman', eastAsia: '仿宋_GB2312', hAnsi: 'Times New Roman' };
const HEI = { ascii: 'Times New Roman', eastAsia: '黑体', hAnsi: 'Times New Roman' };
const TITLE = { ascii: 'Times New Roman', eastAsia: '方正小标宋简体', hAnsi: 'Times New Roman' };

const body = (text: string, opts: { indent?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}) =>
  new Paragraph({
    alignment: opts.align,
    indent: opts.indent === false ? undefined : { firstLine: 640 },
    spacing: { line: 560 },
    children: [new TextRun({ text, font: SONG, size: 32 })],
  });

const title = (text: string, size = 40) =>
  new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 240, after: 240, line: 600 }, children: [new TextRun({ text, font: TITLE, size })] });

const cell = (text: string, bold = false) =>
  new TableCell({
    children: String(text)
      .split('\n')
      .map((line) => new Paragraph({ children: [new TextRun({ text: line, bold, font: SONG, size: 21 })] })),
  });

const table = (header: readonly string[], rows: string[][]) =>
  new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }),
      ...(rows.length ? rows : [header.map(() => '')]).map((r) => new TableRow({ children: r.map((c) => cell(c)) })),
    ],
  });

const small = (text: string) => new Paragraph({ spacing: { before: 120 }, children: [new TextRun({ text, font: SONG, size: 21 })] });

/** "2023-07-10" → "2023年7月10日"; "7月10日" without the year. */
export function chineseDate(iso: string, withYear = true): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${withYear ? `${y}年` : ''}${m}月${d}日`;
}

export interface AnnexInfo {
  cycleTitle: string;
  baseYear: number;
  officeShortName: string;
  /** empty for the blank templates of the notice */
  departmentName: string;
  content: DeclarationContent;
}

const INDICATOR_HEADER = ['考核领域', '考核内容', '考核要点', '要点考核内容', '分值', '指标依据'] as const;
const BONUS_HEADER = ['考核领域', '加分项目', '加分标准', '指标依据'] as const;

/** Annex 1 and Annex 2 as Word paragraphs and tables (landscape section). */
export function annexChildren(a: AnnexInfo, blank: boolean): (Paragraph | Table)[] {
  const suffix = blank ? '（模板）' : '';
  const indicators = a.content.indicators.map((r) => [
    r.domain,
    r.item,
    r.keyPoint,
    formatCriteriaCell(r.criteria),
    `${pointsText(r.points)}分`,
    r.basis + (r.overReason ? `\n（超过上年分值的理由：${r.overReason}）` : ''),
  ]);
  const bonuses = a.content.bonuses.map((b) => ['加分项', b.project, b.standard, b.basis]);
  return [
    new Paragraph({ children: [new TextRun({ text: '附件 1', font: HEI, size: 32 })] }),
    title(`${a.cycleTitle}指标申报表${suffix}`, 36),
    body(`单位名称：${a.departmentName}`, { indent: false }),
    body('日期：', { indent: false }),
    table(INDICATOR_HEADER, indicators),
    small(indicatorNote(a)),
    new Paragraph({ children: [new PageBreak()] }),
    new Paragraph({ children: [new TextRun({ text: '附件 2', font: HEI, size: 32 })] }),
    title(`${a.cycleTitle}加分项申报表${suffix}`, 36),
    body(`单位名称：${a.departmentName}`, { indent: false }),
    body('日期：', { indent: false }),
    table(BONUS_HEADER, bonuses),
    small(bonusNote(a)),
  ];
}

const landscape = { page: { size: { orientation: PageOrientation.LANDSCAPE } } };

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
}

export function noticeTexts(n: NoticeInfo) {
  const annex1 = `《${n.cycleTitle}指标申报表》`;
  const annex2 = `《${n.cycleTitle}加分项申报表》`;
  return {
    header: `${n.officeName}文件`,
    title: `${n.officeName}关于提供${n.cycleTitle}指标的通知`,
    salutation: '各相关成员单位：',
    intro: `为切实做好${n.cycleTitle}工作，客观评价各${n.unitsWord}质量工作开展情况，请各单位按照年度质量工作要点确定的重点工作任务，坚持问题导向，认真研究，科学设置${n.year}年度质量工作考核指标。`,
    request: `请${n.departments.join('、')}等成员单位于${chineseDate(n.deadline, false)}前将${annex1}和${annex2}反馈至${n.officeShortName}（可在考评平台在线填报，或下载申报表模板填写后上传）。`,
    contact: [
      n.contactName || n.contactPhone ? `联系人：${n.contactName ?? ''}${n.contactPhone ? ` 电话：${n.contactPhone}` : ''}` : null,
      n.contactEmail ? `邮 箱：${n.contactEmail}` : null,
    ].filter((x): x is string => x !== null),
    attachments: [`附件：1. ${n.cycleTitle}指标申报表`, `2. ${n.cycleTitle}加分项申报表`],
    signature: n.officeName,
    date: chineseDate(n.issuedOn),
  };
}

export async function noticeDocx(n: NoticeInfo): Promise<Buffer> {
  const t = noticeTexts(n);
  const first: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [new TextRun({ text: t.header, font: TITLE, size: 56, color: 'C00000' })],
    }),
  ];
  if (n.noticeNo) first.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: n.noticeNo, font: SONG, size: 32 })] }));
  first.push(
    new Paragraph({ border: { bottom: { style: 'single', size: 12, color: 'C00000', space: 4 } }, children: [] }),
    title(t.title),
    body(t.salutation, { indent: false }),
    body(t.intro),
    body(t.request),
    ...t.contact.map((c) => body(c)),
    body(t.attachments[0]),
    new Paragraph({ indent: { firstLine: 1600 }, spacing: { line: 560 }, children: [new TextRun({ text: t.attachments[1], font: SONG, size: 32 })] }),
    new Paragraph({ children: [] }),
    body(t.signature, { align: AlignmentType.RIGHT, indent: false }),
    body(t.date, { align: AlignmentType.RIGHT, indent: false }),
  );
  const doc = new Document({
    creator: '考评平台',
    title: t.title,
    sections: [
      { children: first },
      {
        properties: landscape,
        children: annexChildren({ cycleTitle: n.cycleTitle, baseYear: n.baseYear, officeShortName: n.officeShortName, departmentName: '', content: n.example }, true),
      },
    ],
  });
  return Packer.toBuffer(doc);
}

export async function declarationDocx(a: AnnexInfo): Promise<Buffer> {
  const doc = new Document({
    creator: '考评平台',
    title: `${a.departmentName} ${a.cycleTitle}指标申报表`,
    sections: [{ properties: landscape, children: annexChildren(a, false) }],
  });
  return Packer.toBuffer(doc);
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
        standard: `${baseYear} 年度推进质量工作成效突出地方受国办督查激励的市（州）加 1 分，${baseYear} 年度推进质量工作成效突出地方受省政府督查激励的市（州）加 0.5 分，本辖区内县（市、区）获得 ${baseYear} 年度省政府质量督查激励表彰的市（州）加 0.2 分。`,
        basis: '省级政府质量工作考核将质量工作真抓实干督查激励表彰工作纳入指标体系',
      },
    ],
  };
}
