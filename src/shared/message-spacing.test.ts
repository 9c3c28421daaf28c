/**
 * House style: no half-width space between Chinese and a figure or more Chinese in a message (「须在2000至2100之间」,
 * 「至少4个字」, 「填写的是2.5」, not 「须在 2000 至 2100 之间」). The files below write the messages a form, a 400
 * or the framework check shows, every server module's and the request machinery's messages, the shared rules' texts,
 * what the imports, exports and documents (src/server/io), the demo data, the backup and the migrations write, and the
 * command line's output; every string and template literal holding Chinese is read, and a space that touches
 * a Chinese character (or full-width punctuation) on one side and a digit, Chinese or an interpolated value on the
 * other is refused; a figure's percent sign is the figure's (「≥95%为符合预期」, not 「≥ 95% 为符合预期」), while a
 * mathematical operator keeps its spaces (「实际进度 ÷ 应达进度 ≥ 95%」, as PROGRESS_CLOCK_RULE writes 「序时进度 = …」). A space before or after a Latin word stays (「如 NUL」, 「用 Excel 打开」), with the digits that
 * belong to it (「ZIP64 格式」, 「SHA-256 校验」) or number it (「Excel 97-2003 工作簿」, 「GB/T 2260 行政区划代码」),
 * as do spaces that separate parts of a title or a caption (SEPARATED, below) and the few said in KEPT.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
/** every source file (not a test, nor a test's fixtures in a test/ folder) under a folder */
const sourcesUnder = (dir: string) =>
  readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.split(sep).includes('test'))
    .map((f) => `${dir}/${f.split(sep).join('/')}`)
    .sort();
const FILES = [
  ...sourcesUnder('src/shared'),
  ...sourcesUnder('src/server/modules'),
  ...sourcesUnder('src/server/core'),
  ...sourcesUnder('src/server/io'),
  ...sourcesUnder('src/server/seed'),
  ...sourcesUnder('src/server/backup'),
  // migrations are frozen once shipped (their header says so): their refusals keep the words they shipped with
  ...sourcesUnder('src/server/db').filter((f) => !f.startsWith('src/server/db/migrations/')),
  ...sourcesUnder('src/cli'),
  'src/server/main.ts',
  // the whole web: pages, components, layout, the API client
  ...sourcesUnder('src/web'),
];
/** literals whose spaces separate the parts of a name, a title or a caption, not words of a sentence */
const SEPARATED = new Set([
  '`${t.year}年 ${PEER_LEVEL_LABELS[t.level]} ${t.metric}`', // peerTableTitle: 2023年 省内同级城市 获奖企业数量
  "`${v.title} 考核结果（${v.stage === 'final' ? '最终' : '初步'}）`", // the cycle's title, then what the sheet is
  '`图${radar.length + 1} 总分排名`', // a figure's number, then its caption (图1 湘潭市各考核领域得分率)
  '`${year}年 省内同级城市 获奖企业数量`', // the demo's peer table, titled as peerTableTitle titles one
  '`第${task.number}项 ${task.title}`', // a task's number, then its title (第4项 加强产品质量安全监管), as a page's name
  "`第${i.code}项 ${i.title.replace(/[，,\\s]+$/, '')}（${i.maximum}分中得${i.combined}分）`", // an item's number, then its title (第3项 质量基础设施)
  // a criterion's code, then its caption (5.2.a 同级城市比较, 1.2.a 评分), as the documents write 「1.2 考核内容」
  '{key} 同级城市比较',
  '`${p.criterion} 同级城市比较数据（按排名计分）`',
  '`${key} 评分`',
  '`${n.key} 理由`',
  '`${n.key} 合理缺项理由`',
  // the same, given as an example inside a sentence (如5.2 获奖企业数量居省内同级城市前列/中游)
  '"排名类评分项（如5.2 获奖企业数量居省内同级城市前列/中游）按本表排名计分。评价工作方案默认选用评价年度、与申请单位同级的比较表；方案批准时保存本表数值的副本，此后修改本表不影响已批准的方案。"',
  // a box in the expert table named by its row, then its column (王建国 组长, 王建国 第1组)
  "`${byId.get(m.expertId)?.name ?? ''} 组长`",
  "`${byId.get(m.expertId)?.name ?? ''} 第${g.code}组`",
  // a box in a peer table's input column named by its row, then its column (长沙市 数值, 长沙市 备注)
  '`${r.name} 数值`',
  '`${r.name} 备注`',
  // a year, then its value, as a row of two columns (2023年 93.61), and a colour legend: each colour, then what it means
  '{s.year}年 {num(s.value)} <StatusLight status={s.status.status} reason={s.status.reason} />',
  '底色：蓝 提前实现，绿 符合预期，红 滞后，灰 无法判断。{m.rule}',
  // a moment: the day, then the clock (7月10日 14:30)
  '`${year}${mo}月${d}日 ${clock}`',
  '`${year}${mo}月${d}日 ${chinaClock(at)}`',
  // the command line's check report: the line's label (错误, 警告), then the message, as a column
  "`错误  ${e.code ? `${e.code}：` : ''}${e.message}\\n`",
  "`警告  ${w.code ? `${w.code}：` : ''}${w.message}\\n`",
]);
/** literals whose space is meant, each said why */
const KEPT = new Set([
  // the printed page footer (Excel's codes: &P the page, &N the pages): Excel's and WPS's own page-number footers
  // space the figures (「第 1 页，共 ? 页」), and the space between 页 and 共 parts the two numbers
  "'&C第 &P 页 共 &N 页'",
  // the value is always a Latin word from the code (a program, a product, a command-line option), whose space stays as
  // beside a written one (「中夹带了 Windows 可执行程序」); a name, an id, a date or a file is written tight or in 「」
  '`中夹带了 ${PROGRAM_LABEL[p.kind]}，从第${p.offset}字节起）`',
  '`缺少 ${label}`',
  '`找不到 PostgreSQL 客户端工具 ${cmd}：请安装与数据库版本相符的 postgresql-client`', // pg_dump, psql
  '`无法运行 ${cmd}：${e.message}`',
  "`${cmd} 执行失败（退出码${code}）：${stderr.trim().split('\\n').slice(-3).join(' ')}`",
  '`这是 ${label[manifest.dialect]} 数据库的备份，不能恢复到 ${label[targetDialect]} 数据库，未做任何更改`', // SQLite, PostgreSQL
  '`参数 ${a} 缺少取值`', // a command-line option: --out
  '`请用 --${flag} 指定${what}`',
  '不支持的评分方法 {rule.type}', // a scoring rule's type as the scheme stores it (direct, levels)
  // the server's start and stop lines: a database as the connection names it (SQLite …, PostgreSQL …), a signal (SIGTERM)
  '`无法连接数据库 ${db.describe}。请确认数据库已启动、DATABASE_URL 正确`',
  '`数据库 ${db.describe} 无法写入：${DB_FAULT_MESSAGES[kind]}`',
  '`收到 ${signal}：停止接受新请求，等待进行中的请求完成（最长${grace}毫秒）…`',
  // the seed's own words (seed 000, 征集通知): its contact line and its example row's two numbered sources
  '`邮 箱：${n.contactEmail}`',
  "'1. 《质量强省建设纲要》 2. 《湖南省“十四五”质量强省发展规划》'",
]);

const CJK = '\\u3400-\\u9fff\\u3000-\\u303f\\uff00-\\uffef\\u201c\\u201d';
const VALUE = '\u0001'; // what an interpolation stands for: a figure or a Chinese name
const HAS_CJK = new RegExp(`[${CJK}]`);

/** a Latin word with its own digits (ZIP64, SHA-256) and a number after it (Excel 97-2003, GB/T 2260): read as one word */
const LATIN = /[A-Za-z][\w./:-]*(?: [0-9][0-9.-]*(?![\w/]))?/g;

/**
 * what a nested element stands for (a link's name, a bold figure): its text is read within the sentence around it, so a
 * space between it and the Chinese beside it is refused as between two words (「长沙市 第2版」, 长沙市 a link)
 */
const TAG = '\u0002';
const BAD = new RegExp(`[${CJK}] +[0-9${CJK}${VALUE}${TAG}]|[0-9${VALUE}${TAG}]%? +[${CJK}]`);

/** JSX text as React shows it: a run of white space holding a line break goes, with the line's own indent */
const jsxText = (text: string) =>
  text
    .split(/\r?\n/)
    .map((line, i, lines) => {
      const start = i > 0 ? line.trimStart() : line;
      return i < lines.length - 1 ? start.trimEnd() : start;
    })
    .filter((line, _, lines) => line !== '' || lines.length === 1)
    .join(' ');

/** the text of a literal, each ${…} read as one value; an element's children read as one text, each {…} a value */
function textOf(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return node.head.text + node.templateSpans.map((s) => VALUE + s.literal.text).join('');
  if (ts.isJsxElement(node) || ts.isJsxFragment(node)) {
    return node.children
      .map((child) => {
        if (ts.isJsxText(child)) return jsxText(child.text);
        if (ts.isJsxExpression(child)) return child.expression ? VALUE : ''; // {/* a comment */} shows nothing
        return TAG;
      })
      .join('');
  }
  return null;
}

/** how a literal is named in the lists and the report: an element by its children as written */
function literalOf(node: ts.Node, sf: ts.SourceFile): string {
  if (!ts.isJsxElement(node) && !ts.isJsxFragment(node)) return node.getText(sf);
  const children = node.children;
  return children.length === 0 ? '' : sf.text.slice(children[0].getStart(sf), children[children.length - 1].getEnd()).trim();
}

/** every literal with Chinese in which a space touches a Chinese character and a figure, Chinese or a value */
export function spacedLiterals(file: string, source: string): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    const text = textOf(node);
    const literal = text === null ? '' : literalOf(node, sf);
    if (text !== null && HAS_CJK.test(text) && BAD.test(text.replace(LATIN, 'A')) && !SEPARATED.has(literal) && !KEPT.has(literal)) {
      found.push(`${file}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}: ${literal.slice(0, 120)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

describe('messages write figures tight against the Chinese', () => {
  it('finds the spaces it is meant to find, and leaves Latin words (with their own digits and numbers) and titles alone', () => {
    const probe = [
      "const a = '须在 2000 至 2100 之间';",
      'const b = `填写的是 ${v}`;',
      'const c = `${n} 个字`;',
      "const d = '如 湘质强办〔2026〕12号';",
      "const e = '（如 NUL、零宽空格）';",
      "const f = '按 ISO 标准，用 Excel 打开';",
      "const g = 'plain English 1 2';",
      'const h = `${t.year}年 ${PEER_LEVEL_LABELS[t.level]} ${t.metric}`;',
      "const i = '须在2000至2100之间';",
      "const j = '使用了 ZIP64 格式，SHA-256 校验值不符';",
      "const k = '这是 Excel 97-2003 工作簿（GB/T 2260 行政区划代码）';",
      "const l = '这是 Excel 97-2003 工作簿，共 3 页';",
      'const m = `实际进度 ÷ 应达进度 ≥ ${x}% 为符合预期`;',
      'const n = `实际进度 ÷ 应达进度 ≥ ${x}%为符合预期`;',
    ].join('\n');
    expect(spacedLiterals('probe.ts', probe).map((x) => x.split(':')[1])).toEqual(['1', '2', '3', '4', '12', '13']);
  });

  it('reads an element\'s text as React shows it: each {…} a value, a line break with its indent gone', () => {
    const probe = [
      'const a = <p>共 {n} 项任务，已销号 {m} 项。</p>;',
      'const b = <p>共{n}项任务，已销号{m}项。</p>;',
      'const c = (',
      '  <p>',
      '    共{n}项',
      '    <b>任务</b>',
      '    {/* a comment shows nothing */}',
      '  </p>',
      ');',
      'const d = <Tag>正常 {green}</Tag>;',
      'const e = <p>本项得分 {score}/{points}分</p>;',
      'const f = <p>用 Excel 打开{name}</p>;',
      'const g = <li><a href="/p">长沙市</a> 第{n}版</li>;',
      'const h = <li>已评 <b>{n}</b>项</li>;',
      'const i = <li><a href="/p">长沙市</a>（第{n}版）</li>;',
    ].join('\n');
    expect(spacedLiterals('probe.tsx', probe).map((x) => x.split(':')[1])).toEqual(['1', '10', '11', '13', '14']);
  });

  it.each(FILES)('%s', (file) => {
    expect(spacedLiterals(file, readFileSync(join(root, file), 'utf8'))).toEqual([]);
  });
});
