/**
 * 公文 (.docx) to GB/T 9704-2012 — one builder for every official document the platform sends.
 *
 * Layout (the numbers are the standard's): A4; 天头 37 mm, bottom 35 mm, left 28 mm, right 26 mm, so the
 * 版心 is 156 × 225 mm; 22 lines × 28 characters of 3号 (16 pt) 仿宋 (exact line spacing of 28.95 pt,
 * runs condensed to the character pitch); 发文机关标志 red 小标宋 35 mm below the top of the 版心; 发文字号 two lines below it, centred, with
 * the red separator 4 mm under it; the title (2号 小标宋) two lines below the separator; 主送机关 one line
 * below the title; body paragraphs indented two characters, headings 一、 黑体 / （一） 楷体 / 1. 仿宋 bold;
 * 附件说明 one line below the body with a hanging indent so wrapped names align with the first name; the
 * signature centred over the 成文日期, which is set 右空四字 in Arabic numerals (2023年6月19日, §7.3.5.4);
 * page numbers "— 1 —" in 4号 宋体, odd pages right and even pages left, one character in from the edge
 * of the 版心; the 版记 (抄送, 印发机关 and 印发日期 between a thick first and last rule and thin middle
 * rules) at the foot of the last page.
 *
 * Fonts are named as Word and WPS know them (方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312) and each is
 * declared in word/fontTable.xml with an altName (宋体, 仿宋, 楷体) and the GB2312 charset, so a machine
 * without the font picks the common one and LibreOffice falls back to a CJK serif (Noto Serif CJK SC).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  HeightRule,
  ImageRun,
  LineRuleType,
  Packer,
  PageBreak,
  PageNumber,
  PageOrientation,
  Paragraph,
  SectionType,
  Table,
  TableAnchorType,
  RelativeVerticalPosition,
  OverlapType,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type ISectionOptions,
} from 'docx';
import JSZip from 'jszip';
import { chinaDayOf as dayOf } from '../../../shared/deadline';

/* ---------- the standard's numbers, in twentieths of a point (twips) ---------- */
const MM = 1440 / 25.4;
const mm = (x: number) => Math.round(x * MM);
export const PAGE = { width: 11906, height: 16838 } as const;
export const MARGIN = { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) } as const;
/** 版心 width: 156 mm */
export const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
/** a landscape 附件's 版心 width: the portrait margins turned with the page (225 mm) */
export const LANDSCAPE_TEXT_WIDTH = PAGE.height - MARGIN.top - MARGIN.bottom;
const TEXT_HEIGHT = PAGE.height - MARGIN.top - MARGIN.bottom;
export const LINES_PER_PAGE = 22;
export const CHARS_PER_LINE = 28;
/** exact line pitch: 225 mm / 22 lines ≈ 28.95 pt */
export const LINE = Math.floor(TEXT_HEIGHT / LINES_PER_PAGE);
/** character pitch: 156 mm / 28 characters ≈ 15.8 pt */
export const CHAR = TEXT_WIDTH / CHARS_PER_LINE;
/**
 * 28 characters of 16 pt do not fit in 156 mm (they need 448 pt, the 版心 has 442.2 pt): 3号 runs are
 * condensed by 0.25 pt (w:spacing −5 twips) so exactly 28 fit. A character grid (docGrid linesAndChars)
 * would do the same in Word, but LibreOffice then gives each 16 pt character two grid cells (14 a line).
 */
export const CONDENSE = -Math.ceil((16 - CHAR / 20) * 20);
/** docGrid charSpace: the character pitch less the default (3号, 16 pt) size, in 4096ths of a point */
export const CHAR_SPACE = Math.round((CHAR / 20 - 16) * 4096);

/** font sizes in half points: 初号 42 pt, 2号 22 pt, 3号 16 pt, 4号 14 pt, 小四 12 pt, 5号 10.5 pt */
export const SIZE = { chuhao: 84, erhao: 44, sanhao: 32, sihao: 28, xiaosi: 24, wuhao: 21 } as const;

const font = (eastAsia: string, latin = 'Times New Roman') => ({ ascii: latin, hAnsi: latin, eastAsia, cs: latin });
export const FONT = {
  xiaobiaosong: font('方正小标宋简体'),
  fangsong: font('仿宋_GB2312'),
  heiti: font('黑体'),
  kaiti: font('楷体_GB2312'),
  songti: font('宋体'),
} as const;
/** fontTable entries: the name the document uses → the common font a machine without it should take */
export const FONT_FALLBACKS: Record<string, { altName: string; family: 'roman' | 'modern' | 'swiss' }> = {
  方正小标宋简体: { altName: '宋体', family: 'roman' },
  仿宋_GB2312: { altName: '仿宋', family: 'modern' },
  楷体_GB2312: { altName: '楷体', family: 'modern' },
  黑体: { altName: 'SimHei', family: 'modern' },
  宋体: { altName: 'SimSun', family: 'roman' },
};

const RED = 'FF0000';

/* ---------- dates ---------- */
/**
 * "2023-06-19" (or a timestamp, read as its China day) → "2023年6月19日": the one way a 公文 writes a date — its
 * 成文日期 (GB/T 9704-2012 §7.3.5.4: Arabic numerals, the year in full, month and day without a leading zero), its
 * 印发日期 and the dates in its text. Without the year: "6月19日".
 */
export function arabicDate(iso: string, withYear = true): string {
  const [y, m, d] = dayOf(iso).split('-').map(Number);
  return `${withYear ? `${y}年` : ''}${m}月${d}日`;
}
/** the date line of a draft, not dated yet: the year, month and day left blank to be written in */
export const UNDATED = '　　年　　月　　日';

/* ---------- content ---------- */
export type Block =
  /**
   * a body paragraph, first line indented two characters; justified, or flush left (`align: 'left'`) for a text dense
   * with figures, whose unbreakable runs (「95%）；」) would leave a justified line spread character by character
   */
  | { kind: 'p'; text: string; align?: 'left' }
  /** a paragraph without indent (e.g. 主送机关 inside the body, a 联系人 line) */
  | { kind: 'flush'; text: string }
  /** 一、 黑体; （一） 楷体; 1. 仿宋 bold */
  | { kind: 'h1' | 'h2' | 'h3'; text: string }
  | { kind: 'table'; header: string[]; rows: string[][]; weights?: number[]; size?: number; align?: ('left' | 'center')[]; whole?: boolean[]; keepRowLines?: number }
  /** an embedded PNG (a chart), scaled to fit the 版心, with a caption under it */
  | { kind: 'image'; png: Buffer | Uint8Array; width: number; height: number; caption: string }
  | { kind: 'pageBreak' };

export interface Gongwen {
  /** 发文机关标志, e.g. "湖南省质量强省领导小组办公室文件" */
  issuer: string;
  /** 发文字号, e.g. "湘质强办发〔2023〕8号" (none: the separator stays) */
  docNo?: string | null;
  title: string;
  /** 主送机关, e.g. "各相关成员单位" (the colon is added) */
  addressee?: string | null;
  body: Block[];
  /** 附件说明: the names, numbered when more than one */
  attachments?: string[];
  /** 发文机关署名 */
  signature: string;
  /** 成文日期 (ISO); null for a draft, which is not dated yet (UNDATED, for whoever signs it to fill in) */
  date: string | null;
  /** "（此件主动公开）" or similar, under the date */
  note?: string | null;
  /** 附件 pages, after the signature and before the 版记 (each its own section, e.g. landscape tables) */
  annexes?: { landscape?: boolean; children: (Paragraph | Table)[] }[];
  /** 版记 */
  cc?: string[];
  printedBy: string;
  /** 印发日期 (ISO); null for a draft (UNDATED) */
  printedOn: string | null;
  /** a grey line under the title, e.g. "演示数据：……" */
  mark?: string | null;
}

/* ---------- paragraphs ---------- */
type Align = (typeof AlignmentType)[keyof typeof AlignmentType];
// whole twips: OOXML spacing values are integers (LINE / 2 is 289.5), and a strict reader refuses "289.5"
const exact = (line = LINE, before = 0, after = 0) => ({ line: Math.round(line), lineRule: LineRuleType.EXACT, before: Math.round(before), after: Math.round(after) });
const run = (text: string, f: (typeof FONT)[keyof typeof FONT] = FONT.fangsong, size: number = SIZE.sanhao, extra: { bold?: boolean; color?: string } = {}) =>
  new TextRun({ text, font: f, size, characterSpacing: size === SIZE.sanhao ? CONDENSE : undefined, ...extra });

type BodyOptions = { indent?: boolean; align?: Align; before?: number; f?: (typeof FONT)[keyof typeof FONT]; bold?: boolean; size?: number };
export const bodyPara = (text: string, opts: BodyOptions = {}) => new Paragraph(bodyOptions(text, opts));
const bodyOptions = (text: string, opts: BodyOptions = {}) => ({
  alignment: opts.align ?? AlignmentType.JUSTIFIED,
  indent: opts.indent === false ? undefined : { firstLine: Math.round(CHAR * 2) },
  spacing: exact(opts.size && opts.size < SIZE.sanhao ? Math.round(opts.size * 10 * 1.5) : LINE, opts.before ?? 0),
  children: [run(text, opts.f, opts.size ?? SIZE.sanhao, { bold: opts.bold })],
});


const WORDS = new Intl.Segmenter('zh', { granularity: 'word' });

/**
 * Breaks a 2号 title (20 characters a line in the 版心) into centred lines: the office name on its own line
 * when the title starts with it, the rest in lines of nearly equal length (the standard's 梯形/菱形).
 */
export function titleLines(title: string, officeName?: string, max = 20): string {
  const lines: string[] = [];
  let rest = title;
  if (officeName && title.startsWith(officeName) && officeName.length <= max && title.length > max) {
    lines.push(officeName);
    rest = title.slice(officeName.length);
  }
  // Balanced by printed width (a half-width figure is half a character) and broken between words, never inside one
  // (breaking by width alone gave "…对市州政 / 府质量…"). A word longer than a line is broken by character.
  const w = (text: string) => [...text].reduce((a, ch) => a + (ch.charCodeAt(0) < 0x2e80 ? 0.5 : 1), 0);
  const words = [...WORDS.segment(rest)].map((x) => x.segment).flatMap((word) => (w(word) > max ? [...word] : [word]));
  const total = w(rest);
  const per = total / Math.ceil(total / max);
  let line = '';
  let width = 0;
  for (const word of words) {
    const ww = w(word);
    // past the balanced length by more than a character and a half, or past the line: the word starts the next line
    if (line && (width + ww > max || width + ww > per + 1.5)) {
      lines.push(line);
      line = '';
      width = 0;
    }
    line += word;
    width += ww;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

/** a title in 2号 小标宋, centred; long titles break where the caller put "\n" */
export const titleParas = (text: string, before = 0) =>
  text.split('\n').map(
    (line, i) =>
      new Paragraph({
        alignment: AlignmentType.CENTER,
        // one grid line per title line: LibreOffice snaps a taller line to two grid lines
        spacing: exact(LINE, i === 0 ? before : 0),
        children: [run(line, FONT.xiaobiaosong, SIZE.erhao)],
      }),
  );

/** "附件 1" in 黑体 at the top left of an annex page */
export const annexLabel = (n: number | string) => new Paragraph({ spacing: exact(), children: [run(`附件${n}`, FONT.heiti)] });

const CJK = /[\u2e80-\ua4cf\uf900-\ufaff\uff00-\uff60\u3000-\u303f]/;
/**
 * a line's width in ems: a CJK character a full em, anything else about half, and a quarter em where CJK meets
 * anything else (the space Word, WPS and LibreOffice put between Chinese and figures: "（2023年）" takes 5.7 ems, not 5.2)
 */
const ems = (l: string) => [...l].reduce((w, ch, i, all) => w + (CJK.test(ch) ? 1 : 0.55) + (i > 0 && CJK.test(ch) !== CJK.test(all[i - 1]!) ? 0.25 : 0), 0);

/**
 * Figures set side by side in body paragraphs (「总分：98.3」「排名：第1名（共14个市州）」「等级：A」, two ideographic spaces apart): as many
 * `label：value` items a line as fit the indented line, the next item starting a paragraph of its own, so no item is
 * broken inside — set as one paragraph, 湘西州's 「等级：D」 broke after 等级：, its D alone on the next line. A single
 * item longer than a line keeps a line to itself and wraps.
 */
export function figureLines(items: readonly string[], gap = '\u3000\u3000', perLine = CHARS_PER_LINE - 2): string[] {
  const lines: string[] = [];
  for (const item of items) {
    const last = lines.length ? lines[lines.length - 1]! : null;
    if (last !== null && ems(`${last}${gap}${item}`) <= perLine) lines[lines.length - 1] = `${last}${gap}${item}`;
    else lines.push(item);
  }
  return lines;
}

/**
 * A table's score columns with as many decimals on every row as the most its column holds (「1」 beside 「0.7」 reads
 * 「1.0」, 「9」 under 「19.3」 「9.0」), as a printed table of scores is set and as the .xlsx exports show them; only the
 * cells that are plain decimals are padded (「减2」, 「—」, 「触发」 stay), and no figure is rounded.
 */
export function sameDecimals(rows: readonly string[][], columns: readonly number[]): string[][] {
  const plain = /^-?\d+(\.\d+)?$/;
  const decimals = (x: string) => x.split('.')[1]?.length ?? 0;
  const most = new Map(columns.map((c) => [c, Math.max(0, ...rows.map((r) => r[c] ?? '').filter((x) => plain.test(x)).map(decimals))]));
  return rows.map((r) =>
    r.map((x, i) => {
      const want = most.get(i);
      if (want === undefined || !plain.test(x) || decimals(x) >= want) return x;
      return `${x}${x.includes('.') ? '' : '.'}${'0'.repeat(want - decimals(x))}`;
    }),
  );
}

/**
 * Weights for a table given none: by the longest line each column holds (header or cell), between 2 and 16
 * characters, so a column of names is not as narrow as one of numbers (equal shares wrapped 地理标志商标产品产值 over
 * three lines beside a half-empty 序号).
 */
const contentWeights = (header: string[], rows: string[][]): number[] =>
  header.map((h, i) => Math.min(16, Math.max(2, ...[h, ...rows.map((r) => r[i] ?? '')].flatMap((c) => String(c).split('\n')).map(ems))));

/**
 * Column widths (twips) sharing `width` by `weights`, each column at least as wide as the longest line of its header
 * (plus the cell's margins and a little for the 黑体 glyphs) — and of its cells, where `whole` says its lines never
 * break (a figure over its year, a status) — the room taken from the columns wider than they need in proportion to
 * what they can spare: a narrow weight otherwise split a header word over two lines (排/名, 等/级) and "（2023年）" over
 * three. Where these cannot all fit, the weights stand.
 */
function fitWidths(header: string[], rows: string[][], weights: number[], width: number, size: number, whole: boolean[] = []): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const byWeight = weights.map((w) => Math.floor((width * w) / total));
  const lines = (i: number) => [header[i], ...(whole[i] ? rows.map((r) => r[i] ?? '') : [])].flatMap((c) => String(c).split('\n'));
  const need = header.map((_, i) => Math.ceil(Math.max(...lines(i).map(ems)) * size * 10) + 220);
  const short = byWeight.reduce((a, w, i) => a + Math.max(0, need[i] - w), 0);
  const spare = byWeight.reduce((a, w, i) => a + Math.max(0, w - need[i]), 0);
  if (short === 0 || spare < short) return byWeight;
  return byWeight.map((w, i) => (w < need[i] ? need[i] : Math.floor(w - ((w - need[i]) * short) / spare)));
}

/**
 * Whether data row k of n keeps with the row after it: the first two (so the header never ends a page with one or two
 * rows under it, as the 评价报告's table of 11 did) and the two before the last (so the last one or two never stand
 * alone on a page). The rows between may break anywhere: chaining a whole long table would leave a page empty.
 */
const orphanRow = (k: number, n: number): boolean => k < n - 1 && (k < 2 || k >= n - 3);

/** a kit table's size, width, column widths and line pitch (twips), as kitTable sets it and bodyEnd lays it out */
function tableGrid(header: string[], rows: string[][], opts: { weights?: number[]; size?: number; width?: number; whole?: boolean[] }) {
  const size = opts.size ?? SIZE.xiaosi;
  const width = opts.width ?? TEXT_WIDTH;
  const widths = fitWidths(header, rows, opts.weights ?? contentWeights(header, rows), width, size, opts.whole);
  return { size, width, widths, line: Math.round(size * 10 * 1.35) };
}

/**
 * A row of a few lines is kept on one page (one split leaves a lone "限公司" or "平" at the top of the next); a tall one
 * may still break, since Word clips a row it must not split that is taller than the page.
 */
function rowKeeps(widths: number[], size: number, line: number, keepRowLines?: number) {
  const charsPerLine = (i: number) => Math.max(1, Math.floor((widths[i] - 160) / (size * 10)));
  const rowLines = (r: string[]) => Math.max(...r.map((c, i) => String(c).split('\n').reduce((n, l) => n + Math.max(1, Math.ceil(l.length / charsPerLine(i))), 0)));
  const keepWhole = (r: string[]) => (keepRowLines === undefined ? rowLines(r) * line <= LINE * 8 : rowLines(r) <= keepRowLines);
  return { rowLines, keepWhole };
}

/** the cell margins (top and bottom, left and right) kitTable sets, in twips */
const CELL_MARGIN = { vertical: 40, horizontal: 80 } as const;

/**
 * A table across the 版心: columns share the width by `weights`; text in 仿宋 at `size` (default 小四) with
 * exact line spacing, header row repeated on every page. `width` is the table width in twips.
 */
export function kitTable(
  header: string[],
  rows: string[][],
  opts: {
    weights?: number[];
    size?: number;
    width?: number;
    align?: ('left' | 'center')[];
    /** columns whose lines never break: the column is as wide as its longest line (fitWidths) */
    whole?: boolean[];
    /** empty rows three lines high, to write in by hand */
    blankRows?: number;
    /** every data row at least this high (twips), so an empty answer cell still has room to write in */
    minRowHeight?: number;
    /**
     * a row of at most this many lines is kept on one page, a taller one may break over the page (default: up to
     * eight body lines' height, about a third of a page — too much to leave empty where rows of long reasons follow)
     */
    keepRowLines?: number;
    /** the last row keeps with what follows (the table ends the body: it goes over with the signature) */
    keepLast?: boolean;
  } = {},
) {
  const { size, width, widths, line } = tableGrid(header, rows, opts);
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const borders = { top: border, bottom: border, left: border, right: border };
  const cell = (text: string, i: number, head: boolean, keep = head) =>
    new TableCell({
      width: { size: widths[i], type: WidthType.DXA },
      borders,
      verticalAlign: VerticalAlign.CENTER,
      margins: { top: CELL_MARGIN.vertical, bottom: CELL_MARGIN.vertical, left: CELL_MARGIN.horizontal, right: CELL_MARGIN.horizontal },
      children: String(text)
        .split('\n')
        .map(
          (l) =>
            new Paragraph({
              alignment: head || opts.align?.[i] === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT,
              // the header row never ends a page: it goes over with the first rows under it (orphanRow)
              ...(keep ? { keepNext: true } : {}),
              spacing: exact(line),
              children: [run(l, head ? FONT.heiti : FONT.fangsong, size)],
            }),
        ),
    });
  const { rowLines, keepWhole } = rowKeeps(widths, size, line, opts.keepRowLines);
  return new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: header.map((h, i) => cell(h, i, true)) }),
      ...rows.map(
        (r, k) =>
          new TableRow({
            cantSplit: keepWhole(r),
            height: opts.minRowHeight ? { value: opts.minRowHeight, rule: HeightRule.ATLEAST } : undefined,
            // only a short row: a tall one is content enough to end a page with (chained, it empties half a page)
            children: r.map((c, i) => cell(c, i, false, (rowLines(r) <= 2 && orphanRow(k, rows.length)) || (!!opts.keepLast && k === rows.length - 1))),
          }),
      ),
      ...Array.from({ length: opts.blankRows ?? (rows.length ? 0 : 1) }, () =>
        new TableRow({ cantSplit: true, height: { value: LINE * 3, rule: HeightRule.ATLEAST }, children: header.map((_, i) => cell('', i, false)) }),
      ),
    ],
  });
}

/**
 * `leadsTable`: the block is the caption or lead-in of the table or chart after it ("……见下表", a table's title),
 * so it goes over with it rather than ending a page alone: whole when it is a line or two, by its last line when
 * longer (a ten-line paragraph kept whole would leave half a page empty before the table). `endsBody`: the body's
 * last block, which the signature follows: a table keeps its last row, a chart its caption, with it.
 */
function blockChildren(b: Block, leadsTable = false, endsBody = false): (Paragraph | Table)[] {
  const lead = leadsTable ? { keepNext: true, ...('text' in b && b.text.length <= CHARS_PER_LINE * 2 ? { keepLines: true } : {}) } : {};
  switch (b.kind) {
    case 'p':
      return [new Paragraph({ ...bodyOptions(b.text, { align: b.align === 'left' ? AlignmentType.LEFT : undefined }), ...lead })];
    case 'flush':
      return [new Paragraph({ ...bodyOptions(b.text, { indent: false }), ...lead })];
    // a heading never ends a page: it goes over with the text under it
    case 'h1':
      return [new Paragraph({ ...bodyOptions(b.text, { f: FONT.heiti }), keepNext: true })];
    case 'h2':
      return [new Paragraph({ ...bodyOptions(b.text, { f: FONT.kaiti }), keepNext: true })];
    case 'h3':
      return [new Paragraph({ ...bodyOptions(b.text, { bold: true }), keepNext: true })];
    case 'table':
      return [kitTable(b.header, b.rows, { ...b, keepLast: endsBody }), new Paragraph({ ...(endsBody ? { keepNext: true } : {}), spacing: exact(LINE / 2), children: [] })];
    case 'image': {
      const maxW = Math.floor((TEXT_WIDTH / 1440) * 96); // px at 96 dpi
      const scale = Math.min(1, maxW / b.width);
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          keepNext: true,
          children: [new ImageRun({ type: 'png', data: b.png, transformation: { width: Math.round(b.width * scale), height: Math.round(b.height * scale) } })],
        }),
        // a figure and its caption on one page: the picture keeps with the caption, the caption's lines together
        // (widow control is off in the kit, so a two-line caption would otherwise split over the page)
        // ending the body, the caption keeps with the signature after it (so the figure goes over with it)
        new Paragraph({ alignment: AlignmentType.CENTER, keepLines: true, ...(endsBody ? { keepNext: true } : {}), spacing: exact(LINE, 0, LINE / 2), children: [run(b.caption, FONT.kaiti, SIZE.sihao)] }),
      ];
    }
    case 'pageBreak':
      return [new Paragraph({ children: [new PageBreak()] })];
  }
}

/**
 * Blocks laid out as the body lays them (headings kept with the text under them, a lead-in with its table), for a
 * 附件 that is text rather than a form (a work plan attached to a notice); none ends a body, so none keeps with a
 * signature.
 */
export function annexBlocks(blocks: Block[]): (Paragraph | Table)[] {
  return blocks.flatMap((b, i) => blockChildren(b, blocks[i + 1]?.kind === 'table'));
}

/** 附件说明: "附件：1. name" with later names and wrapped lines aligned under the first name, kept with the signature after it */
export function attachmentParas(names: string[]): Paragraph[] {
  if (!names.length) return [];
  const numbered = names.length > 1;
  const label = Math.round(CHAR * 5); // two characters of indent + "附件："
  const num = numbered ? Math.round(CHAR * 1.25) : 0; // "1. " in half-width figures
  return names.map(
    (name, i) =>
      new Paragraph({
        alignment: AlignmentType.LEFT,
        spacing: exact(LINE, i === 0 ? LINE : 0),
        keepNext: true,
        keepLines: true,
        indent: { left: label + num, hanging: i === 0 ? label - Math.round(CHAR * 2) + num : num },
        children: [run(`${i === 0 ? '附件：' : ''}${numbered ? `${i + 1}. ` : ''}${name}`)],
      }),
  );
}

/**
 * The 主送 of an office's report to its own members and the level below: the province's to its members and the
 * cities' offices, as seed 000's notice addresses them (省质量强省领导小组各成员单位、各市州质量强市（州）领导小组办公室), a
 * city's to its members (seed 002: 市质量强市领导小组各成员单位) and its counties' offices, named the same way.
 */
export const membersAddressee = (regionName: string, province: boolean): string =>
  province ? '省质量强省领导小组各成员单位、各市州质量强市（州）领导小组办公室' : `${regionName}质量强市领导小组各成员单位、各县市区质量强县（市、区）领导小组办公室`;

/** signature centred over the date; the date 右空四字 */
/** `withNote`: a 附注 follows the date, and goes over with it (it had stood alone at the top of a page) */
export function signatureParas(signature: string, dateText: string, withNote = false): Paragraph[] {
  const dateRight = Math.round(CHAR * 4);
  // centred by printed width: a figure of the date is about half a character (2023年6月19日 is 6½ characters wide, not 10)
  const shift = Math.max(0, (ems(dateText) - ems(signature)) / 2);
  return [
    new Paragraph({ alignment: AlignmentType.RIGHT, keepNext: true, spacing: exact(LINE, LINE * 2), indent: { right: Math.round(dateRight + shift * CHAR) }, children: [run(signature)] }),
    new Paragraph({ alignment: AlignmentType.RIGHT, keepNext: withNote, spacing: exact(), indent: { right: dateRight }, children: [run(dateText)] }),
  ];
}

/** "— N —" in 4号 宋体, one character in from the outside edge (odd pages right, even pages left) */
export const pageFooter = (side: 'odd' | 'even') =>
  new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: Math.round(CHAR) } : { left: Math.round(CHAR) },
        children: [run('— ', FONT.songti, SIZE.sihao), new TextRun({ children: [PageNumber.CURRENT], font: FONT.songti, size: SIZE.sihao }), run(' —', FONT.songti, SIZE.sihao)],
      }),
    ],
  });

/**
 * 版记: 抄送 and 印发机关/印发日期 between rules, at the foot of the last page (GB/T 9704-2012 §9.3): a floating
 * table whose bottom sits on the bottom margin, anchored to the empty paragraph after it, with text kept off it
 * (when the last page has no room the 版记 goes to a page of its own, at its foot). It is placed from the page's
 * left edge (tblpX = left margin) rather than from the margin: LibreOffice (7.4) keeps a margin-anchored table
 * as wide as the 版心 inline, but floats one whose page leaves room beside it; Word and WPS place both alike.
 */
export function recordTable(cc: string[], printedBy: string, printedOn: string | null): Table {
  const thick = { style: BorderStyle.SINGLE, size: 8, color: '000000' }; // ≈ 0.35 mm
  const thin = { style: BorderStyle.SINGLE, size: 6, color: '000000' }; // ≈ 0.25 mm
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const line = Math.round(SIZE.sihao * 10 * 1.5);
  const row = (children: Paragraph[], top: typeof thick, bottom: typeof thick) =>
    new TableRow({
      cantSplit: true,
      children: [new TableCell({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, borders: { top, bottom, left: none, right: none }, margins: { top: 60, bottom: 60, left: 0, right: 0 }, children })],
    });
  const rows: TableRow[] = [];
  if (cc.length)
    rows.push(
      row(
        [
          new Paragraph({
            spacing: exact(line),
            indent: { left: Math.round(CHAR * 4), hanging: Math.round(CHAR * 3), right: Math.round(CHAR) },
            children: [run(`抄送：${cc.join('，')}。`, FONT.fangsong, SIZE.sihao)],
          }),
        ],
        thick,
        thin,
      ),
    );
  rows.push(
    row(
      [
        new Paragraph({
          spacing: exact(line),
          indent: { left: Math.round(CHAR), right: Math.round(CHAR) },
          tabStops: [{ type: 'right', position: TEXT_WIDTH - Math.round(CHAR) * 2 }],
          children: [run(printedBy, FONT.fangsong, SIZE.sihao), run(`\t${printedOn ? arabicDate(printedOn) : UNDATED}印发`, FONT.fangsong, SIZE.sihao)],
        }),
      ],
      cc.length ? thin : thick,
      thick,
    ),
  );
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [TEXT_WIDTH],
    float: { horizontalAnchor: TableAnchorType.PAGE, absoluteHorizontalPosition: MARGIN.left, verticalAnchor: TableAnchorType.MARGIN, relativeVerticalPosition: RelativeVerticalPosition.BOTTOM, overlap: OverlapType.NEVER },
    rows,
  });
}

/**
 * The 发文字号 of a notice the office numbers when it is signed (the results bulletin and 公示, the work-plan and the
 * rectification 通报): the one given, or — downloaded before the office has its number, for 核稿 — the standard's
 * placeholder "×××〔2026〕×号" (GB/T 9704's own examples write the parts to fill in as ×), so a draft never goes out
 * with the line silently empty and whoever numbers it sees what to replace.
 */
export const docNoOrPlaceholder = (docNo: string | null | undefined, date: string): string => docNo?.trim() || `×××〔${dayOf(date).slice(0, 4)}〕×号`;

/** the red separator under the 发文字号: 1.5 pt (size in eighths of a point), 11 pt under the line (4 mm below the 字号) */
const SEPARATOR = { size: 12, space: 11 } as const;

/** the 发文机关标志's size (pt), its line and the space before it (twips) */
function markSize(issuer: string) {
  // as large as 初号 but never wider than the 版心 (a long office name gets a smaller size)
  const pt = Math.min(42, Math.floor((TEXT_WIDTH / 20 / Math.max(1, issuer.length)) * 0.96));
  const markLine = Math.round(pt * 20 * 1.25);
  // 上边缘至版心上边缘 35 mm
  return { pt, markLine, markBefore: mm(35) - Math.round((markLine - pt * 20) / 2) };
}

/** the first-page 版头: 发文机关标志 sized to fit the 版心, 发文字号 and the red separator */
export function headParas(issuer: string, docNo: string | null | undefined): Paragraph[] {
  const { pt, markLine, markBefore } = markSize(issuer);
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: exact(markLine, markBefore),
      children: [run(issuer, FONT.xiaobiaosong, pt * 2, { color: RED })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: exact(LINE, LINE * 2),
      border: { bottom: { style: BorderStyle.SINGLE, color: RED, ...SEPARATOR } },
      children: [run(docNo ?? '')],
    }),
  ];
}

const sectionBase = (landscape = false): ISectionOptions['properties'] => ({
  page: {
    size: landscape ? { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.LANDSCAPE } : { width: PAGE.width, height: PAGE.height },
    margin: landscape
      ? { top: MARGIN.left, bottom: MARGIN.right, left: MARGIN.top, right: MARGIN.bottom, footer: mm(20), header: mm(15) }
      : { ...MARGIN, footer: mm(28), header: mm(15) },
  },
  // 公文 pages carry the 22-line grid (Word and WPS show 每页 22 行 in 页面设置; charSpace records the 28-character
  // pitch), but no paragraph snaps to it (docDefaults snapToGrid off, see declareFonts): LibreOffice would snap
  // every line, table cells too, to a grid line (a 5号 table row then takes 28.95 pt a line). The exact 28.95 pt
  // line spacing gives the 22 lines and the condensed 3号 runs the 28 characters in all three. Not "linesAndChars":
  // LibreOffice 7.4 then sets 27 characters a line (it drops the condensing) even with snapping off, and 14 with it on.
  grid: landscape ? { type: DocumentGridType.DEFAULT, linePitch: LINE } : { type: DocumentGridType.LINES, linePitch: LINE, charSpace: CHAR_SPACE },
});

/**
 * The 版记 on a page of its own: GB/T 9704-2012 puts it on the last page, 封四 (§9.3), the back of the last sheet, an
 * even page; the section starts on the next even page (an 偶数页分节符, which Word, WPS and LibreOffice all honour: after
 * a page ending on an even page they print a blank page first). Neither that blank page nor the 版记's carries a page
 * number (§7.5): empty footers of its own, as a section without any takes the previous section's.
 */
function recordPage(record: (Paragraph | Table)[]): ISectionOptions {
  const blank = () => new Footer({ children: [new Paragraph({ children: [] })] });
  return { properties: { ...sectionBase(), type: SectionType.EVEN_PAGE }, footers: { default: blank(), even: blank() }, children: [new Paragraph({ children: [] }), ...record] };
}

/** the 版记's height (two rows of 4号 at 1.5 lines, with their cell margins) and the line under it, in twips */
const RECORD_HEIGHT = 2 * (Math.round(SIZE.sihao * 10 * 1.5) + 120) + 40;
/** lines of the layout's estimate the 版记 keeps clear of, on each side: where a word processor may set a line more or less */
const RECORD_SLACK = 3;

/**
 * Where the body of a 公文 ends: [page, twips used on that page], laid out as the kit sets it — exact lines of 28
 * characters, the two-character indent, the space before, a heading kept with the line after it, a lead-in with its
 * table or chart, the last paragraph by its last line with the signature, the 附件说明 lines whole — with widow control
 * off (declareFonts). A table by its rows: each row as many lines as its fullest cell wraps to in its column (the widths
 * kitTable gives), a row kept whole where kitTable keeps it, the header row again at the top of each page the table
 * runs onto; a chart by its picture's height and its caption. Null for a body with a page break, which the kit does not
 * lay out. `lastWhole`: the last paragraph goes over with the signature whole, as LibreOffice moves a paragraph kept
 * with the next, rather than by its last line, as Word does.
 */
export function bodyEnd(g: Pick<Gongwen, 'issuer' | 'title' | 'mark' | 'addressee' | 'body' | 'attachments' | 'note' | 'date' | 'signature'>, lastWhole = false): [number, number] | null {
  if (g.body.some((b) => b.kind === 'pageBreak')) return null;
  // each line: its height (with the space before its paragraph on the first and after it on the last), that space after
  // (which a page may end in: a caption fits at the foot of a page without it), whether it keeps with the next line, and
  // — a table's row — the height of the header row repeated above it when it starts a page
  const lines: { h: number; after?: number; glue: boolean; head?: number }[] = [];
  const para = (n: number, o: { before?: number; after?: number; line?: number; keepNext?: boolean; keepLines?: boolean } = {}) => {
    for (let i = 0; i < n; i++)
      lines.push({ h: (o.line ?? LINE) + (i === 0 ? (o.before ?? 0) : 0) + (i === n - 1 ? (o.after ?? 0) : 0), after: i === n - 1 ? o.after : 0, glue: i < n - 1 ? !!o.keepLines : !!o.keepNext });
  };
  const count = (text: string, indent: number, perLine: number = CHARS_PER_LINE) => Math.max(1, Math.ceil((ems(text) + indent) / perLine - 1e-9));
  const table = (b: Extract<Block, { kind: 'table' }>, endsBody: boolean) => {
    const { size, widths, line } = tableGrid(b.header, b.rows, b);
    const { rowLines, keepWhole } = rowKeeps(widths, size, line, b.keepRowLines);
    // a row's height: the lines of its fullest cell, the cell margins and the rule under it (½ pt)
    const cellLines = (r: string[]) =>
      Math.max(...r.map((c, i) => String(c).split('\n').reduce((n, l) => n + count(l, 0, Math.max(1, (widths[i] - 2 * CELL_MARGIN.horizontal) / (size * 10))), 0)));
    const rowHeight = (n: number) => n * line + 2 * CELL_MARGIN.vertical + 10;
    const head = rowHeight(cellLines(b.header));
    lines.push({ h: head, glue: true });
    b.rows.forEach((r, k) => {
      const n = cellLines(r);
      const keep = (rowLines(r) <= 2 && orphanRow(k, b.rows.length)) || (endsBody && k === b.rows.length - 1);
      if (keepWhole(r)) lines.push({ h: rowHeight(n), glue: keep, head });
      else for (let j = 0; j < n; j++) lines.push({ h: line + (j === 0 ? rowHeight(0) : 0), glue: j < n - 1 ? false : keep, head });
    });
    if (!b.rows.length) lines.push({ h: Math.max(LINE * 3, rowHeight(1)), glue: false, head });
    para(1, { line: Math.round(LINE / 2), keepNext: endsBody });
  };
  const { markLine, markBefore } = markSize(g.issuer);
  para(1, { line: markLine, before: markBefore });
  // the 发文字号 line with the red separator 11 pt under it (a bottom border's space and width add to its height)
  para(1, { before: LINE * 2, line: LINE + SEPARATOR.space * 20 + (SEPARATOR.size / 8) * 20 });
  g.title.split('\n').forEach((_, i) => para(1, { before: i === 0 ? LINE * 2 : 0 }));
  if (g.mark) para(1);
  if (g.addressee) para(count(`${g.addressee}：`, 0), { before: LINE });
  g.body.forEach((b, i) => {
    const endsBody = i === g.body.length - 1;
    switch (b.kind) {
      case 'p':
      case 'flush': {
        // as gongwenDocx chains them: a lead-in with the table or chart after it (a line or two whole), the last paragraph with the signature
        const next = g.body[i + 1]?.kind;
        const leads = next === 'table' || (next === 'image' && b.text.length <= CHARS_PER_LINE * 2) || (endsBody && b.kind === 'p');
        para(count(b.text, b.kind === 'flush' ? 0 : 2), { keepNext: leads, keepLines: leads && (b.text.length <= CHARS_PER_LINE * 2 || (lastWhole && endsBody)) });
        break;
      }
      case 'h1':
      case 'h2':
      case 'h3':
        para(count(b.text, 2), { keepNext: true });
        break;
      case 'table':
        table(b, endsBody);
        break;
      case 'image': {
        // the picture (px at 96 dpi: 15 twips each) at the size blockChildren scales it to, kept with its caption in 4号 楷体
        const scale = Math.min(1, Math.floor((TEXT_WIDTH / 1440) * 96) / b.width);
        para(1, { line: Math.round(b.height * scale) * 15, keepNext: true });
        para(count(b.caption, 0, TEXT_WIDTH / (SIZE.sihao * 10)), { after: Math.round(LINE / 2), keepLines: true, keepNext: endsBody });
        break;
      }
    }
  });
  (g.attachments ?? []).forEach((name, i) => para(count(`${i === 0 ? '附件：' : ''}${(g.attachments ?? []).length > 1 ? `${i + 1}. ` : ''}${name}`, 5), { before: i === 0 ? LINE : 0, keepNext: true, keepLines: true }));
  para(1, { before: LINE * 2, keepNext: true });
  para(1, { keepNext: !!g.note });
  if (g.note) para(count(g.note, 2));
  // page by page: a run of lines kept together starts a new page when it does not fit (and fits a page)
  const page = LINE * LINES_PER_PAGE;
  let at = 0;
  let n = 1;
  for (let i = 0; i < lines.length; ) {
    let j = i;
    let h = lines[i].h;
    while (lines[j].glue && j + 1 < lines.length) h += lines[++j].h;
    const fits = (top: number, k: number, height: number) => top + height - (lines[k].after ?? 0) <= page;
    if (!fits(at, j, h) && at > 0 && h <= page) {
      n += 1;
      at = lines[i].head ?? 0;
    }
    for (let k = i; k <= j; k++) {
      if (!fits(at, k, lines[k].h) && at > 0) {
        n += 1;
        at = lines[k].head ?? 0;
      }
      at += lines[k].h;
    }
    i = j + 1;
  }
  return [n, at];
}

/**
 * Whether the 版记 may end the body's last page: that page is even (§9.3: the 版记 is on the last page, an even one) and
 * leaves room for it, by a margin on either side for the word processor's own layout, whether the last paragraph goes
 * over by its last line (Word) or whole (LibreOffice). Otherwise — a body ending on an odd page, or one whose height the
 * kit cannot tell (a page break) — the 版记 takes an even page of its own (recordPage).
 */
export function recordEndsBody(g: Parameters<typeof bodyEnd>[0]): boolean {
  return [false, true].every((lastWhole) => {
    const end = bodyEnd(g, lastWhole);
    if (!end) return false;
    const [n, used] = end;
    return n % 2 === 0 && used >= LINE * RECORD_SLACK && used + RECORD_HEIGHT + LINE * RECORD_SLACK <= LINE * LINES_PER_PAGE;
  });
}

/** builds the .docx */
export async function gongwenDocx(g: Gongwen): Promise<Buffer> {
  const main: (Paragraph | Table)[] = [...headParas(g.issuer, g.docNo), ...titleParas(g.title, LINE * 2)];
  if (g.mark) main.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: exact(), children: [run(g.mark, FONT.kaiti, SIZE.sihao, { color: '808080' })] }));
  if (g.addressee) main.push(bodyPara(`${g.addressee}：`, { indent: false, before: LINE }));
  // before a chart only a short lead-in ("全省情况如下图。", two lines at most) keeps with it: longer text is not the
  // chart's caption (the chart has its own), and chained to a chart half a page tall it went over with it and left
  // the page before half empty (the 反馈意见's score summary, with its heading)
  // the signature never stands alone at the top of a page: the body's last lines (and the 附件说明) go over with it, a
  // short last paragraph whole, a long one by its last line (whole, with the 附件说明, it emptied half a page)
  // — and a body ending in a chart or a table: its caption, or its last row, goes over with the signature (after the
  // 规划指标监测情况's last chart the signature and date stood alone on a page of their own)
  g.body.forEach((b, i) => {
    const next = g.body[i + 1]?.kind;
    const endsBody = i === g.body.length - 1;
    const leads = next === 'table' || (next === 'image' && 'text' in b && b.text.length <= CHARS_PER_LINE * 2) || (endsBody && b.kind === 'p');
    main.push(...blockChildren(b, leads, endsBody));
  });
  main.push(...attachmentParas(g.attachments ?? []));
  main.push(...signatureParas(g.signature, g.date ? arabicDate(g.date) : UNDATED, !!g.note));
  if (g.note) main.push(bodyPara(g.note, { before: 0 }));
  // a floating table belongs to the paragraph after it: an empty one-point line holds the 版记 on the last page
  const record = [recordTable(g.cc ?? [], g.printedBy, g.printedOn), new Paragraph({ spacing: exact(20), children: [] })];
  const footers = { default: pageFooter('odd'), even: pageFooter('even') };
  const sections: ISectionOptions[] = [];
  const annexes = g.annexes ?? [];
  // the 版记 ends the body's last page where that page is even with room for it; else (and after 附件, whose pages the
  // kit does not count) it takes an even page of its own
  const endsBody = !annexes.length && recordEndsBody(g);
  if (endsBody) main.push(...record);
  sections.push({ properties: sectionBase(), footers, children: main });
  for (const a of annexes) sections.push({ properties: sectionBase(a.landscape), footers, children: a.children });
  if (!endsBody) sections.push(recordPage(record));
  const doc = new Document({
    creator: '考评平台',
    title: g.title.replace(/\n/g, ''),
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: FONT.fangsong, size: SIZE.sanhao } } } },
    sections,
  });
  return declareFonts(await Packer.toBuffer(doc));
}

/** adds the fallback declarations to word/fontTable.xml (docx writes none for the fonts a document names) */
export async function declareFonts(buf: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(buf);
  const path = 'word/fontTable.xml';
  const xml = (await zip.file(path)?.async('string')) ?? '';
  if (!/<w:fonts\b/.test(xml)) return buf;
  const entries = Object.entries(FONT_FALLBACKS)
    .filter(([name]) => !xml.includes(`w:name="${name}"`))
    .map(
      ([name, f]) =>
        `<w:font w:name="${name}"><w:altName w:val="${f.altName}"/><w:charset w:val="86"/><w:family w:val="${f.family}"/><w:pitch w:val="${f.family === 'roman' ? 'variable' : 'fixed'}"/></w:font>`,
    )
    .join('');
  // docx writes <w:fonts …/> (empty) or <w:fonts …>…</w:fonts>
  zip.file(path, xml.includes('</w:fonts>') ? xml.replace('</w:fonts>', `${entries}</w:fonts>`) : xml.replace(/<w:fonts([^>]*)\/>/, `<w:fonts$1>${entries}</w:fonts>`));
  // every page full (22 lines: no widow/orphan control moving a line over) and no paragraph snapping to the document
  // grid (see sectionBase): the kit's exact lines and condensed runs make the 22 × 28
  const styles = (await zip.file('word/styles.xml')?.async('string')) ?? '';
  if (styles.includes('<w:pPrDefault/>'))
    zip.file('word/styles.xml', styles.replace('<w:pPrDefault/>', '<w:pPrDefault><w:pPr><w:widowControl w:val="0"/><w:snapToGrid w:val="0"/></w:pPr></w:pPrDefault>'));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
