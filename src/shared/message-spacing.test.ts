/**
 * House style: no half-width space between Chinese and a figure or more Chinese in a message (「须在2000至2100之间」,
 * 「至少4个字」, 「填写的是2.5」, not 「须在 2000 至 2100 之间」). The files below write the messages a form, a 400
 * or the framework check shows, every server module's and the request machinery's messages, and the 待办 titles and
 * the plan checks; every string and template literal holding Chinese is read, and a space that touches
 * a Chinese character (or full-width punctuation) on one side and a digit, Chinese or an interpolated value on the
 * other is refused. A space before or after a Latin word stays (「如 NUL」, 「用 Excel 打开」), as do spaces that
 * separate parts of a title (peerTableTitle, said below).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const contracts = readdirSync(join(root, 'src/shared/contracts'))
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .map((f) => `src/shared/contracts/${f}`);
/** every source file (not a test) under a folder: the server modules' and the request machinery's messages */
const sourcesUnder = (dir: string) =>
  readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => `${dir}/${f.split(sep).join('/')}`)
    .sort();
const FILES = [
  ...contracts,
  ...sourcesUnder('src/server/modules'),
  ...sourcesUnder('src/server/core'),
  'src/shared/workflow/todos.ts',
  'src/shared/indicators/validate.ts',
  'src/shared/workplan/validate.ts',
  'src/shared/figures.ts',
  'src/shared/indicators/checks.ts',
  'src/shared/scoring/check.ts',
  'src/shared/scoring/validator.ts',
  'src/shared/scoring/framework-schema.ts',
  'src/shared/scoring/framework-limits.ts',
  'src/shared/incentives/schema.ts',
  'src/web/pages/assessment/scoring/ConflictModal.tsx',
];
/** literals whose spaces separate the parts of a name, not words of a sentence */
const SEPARATED = new Set(['`${t.year}年 ${PEER_LEVEL_LABELS[t.level]} ${t.metric}`']);

const CJK = '\\u3400-\\u9fff\\u3000-\\u303f\\uff00-\\uffef\\u201c\\u201d';
const VALUE = '\u0001'; // what an interpolation stands for: a figure or a Chinese name
const HAS_CJK = new RegExp(`[${CJK}]`);
const BAD = new RegExp(`[${CJK}] +[0-9${CJK}${VALUE}]|[0-9${VALUE}] +[${CJK}]`);

/** the text of a literal, each ${…} read as one value */
function textOf(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isJsxText(node)) return node.text.trim();
  if (ts.isTemplateExpression(node)) return node.head.text + node.templateSpans.map((s) => VALUE + s.literal.text).join('');
  return null;
}

/** every literal with Chinese in which a space touches a Chinese character and a figure, Chinese or a value */
export function spacedLiterals(file: string, source: string): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    const text = textOf(node);
    if (text !== null && HAS_CJK.test(text) && BAD.test(text) && !SEPARATED.has(node.getText(sf))) {
      found.push(`${file}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}: ${node.getText(sf).slice(0, 120)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

describe('messages write figures tight against the Chinese', () => {
  it('finds the spaces it is meant to find, and leaves Latin words and titles alone', () => {
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
    ].join('\n');
    expect(spacedLiterals('probe.ts', probe).map((x) => x.split(':')[1])).toEqual(['1', '2', '3', '4']);
  });

  it.each(FILES)('%s', (file) => {
    expect(spacedLiterals(file, readFileSync(join(root, file), 'utf8'))).toEqual([]);
  });
});
