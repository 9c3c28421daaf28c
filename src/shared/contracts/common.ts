import { z } from 'zod';
import { isCalendarDate } from '../deadline';
import { asciiDigits } from '../text';
import { YEAR_MAX, YEAR_MIN, yearRange } from '../years';

/**
 * Chinese messages for every zod error, in the browser and on the server: the common ones as a person would say them
 * ("至少 4 个字", "不能大于 100"), the rest from zod's zh-CN locale ("数值过小：期望 string >=4 字符" read as a program's).
 * A contract's own message always wins.
 */
z.config(z.locales.zhCN());
z.config({ customError: plainChinese });

export { z };

/** The plain-Chinese message of a common issue, or undefined (the locale's then). Exported for its test. */
export function plainChinese(iss: { code: string; origin?: string; minimum?: unknown; maximum?: unknown; inclusive?: boolean; expected?: string; input?: unknown }): string | undefined {
  const n = (x: unknown) => String(x);
  switch (iss.code) {
    case 'too_small':
      if (iss.origin === 'string') return Number(iss.minimum) <= 1 ? '不能为空' : `至少${n(iss.minimum)}个字`;
      if (iss.origin === 'array' || iss.origin === 'set') return `至少${n(iss.minimum)}项`;
      if (iss.origin === 'number' || iss.origin === 'int' || iss.origin === 'bigint') return iss.inclusive === false ? `须大于${n(iss.minimum)}` : `不能小于${n(iss.minimum)}`;
      return undefined;
    case 'too_big':
      if (iss.origin === 'string') return `不超过${n(iss.maximum)}个字`;
      if (iss.origin === 'array' || iss.origin === 'set') return `最多${n(iss.maximum)}项`;
      if (iss.origin === 'number' || iss.origin === 'int' || iss.origin === 'bigint') return iss.inclusive === false ? `须小于${n(iss.maximum)}` : `不能大于${n(iss.maximum)}`;
      return undefined;
    case 'invalid_type':
      if (iss.input === undefined) return '必填';
      if (iss.expected === 'number' || iss.expected === 'int') return '须为数字';
      if (iss.expected === 'string') return '须为文字';
      if (iss.expected === 'boolean') return '须为是或否';
      if (iss.expected === 'array') return '须为列表';
      if (iss.expected === 'object') return '格式不正确';
      return undefined;
    case 'invalid_union':
      return '格式不正确，请按说明填写';
    default:
      return undefined;
  }
}

/** The largest value of the database's integer columns (32-bit on PostgreSQL): ids, versions, foreign keys. */
export const INT32_MAX = 2_147_483_647;
export const INT32_MIN = -2_147_483_648;

/**
 * C0 control characters and DEL, except tab, line feed and carriage return (NUL breaks PostgreSQL text), the C1
 * controls (U+0080–U+009F), and every invisible bidirectional control — the embeddings and overrides
 * (U+202A–U+202E), the isolates (U+2066–U+2069) and the marks LRM, RLM and ALM (U+200E, U+200F, U+061C) — which make
 * a name read as something else ("报告\u202Efdp.exe" shows as "报告exe.pdf") or differ from the name it looks like.
 * The noncharacters U+FFFE and U+FFFF go too: XML forbids them, so one in a stored text (a target's words, a
 * name) made every .docx that prints it unreadable — Word and LibreOffice refuse the whole file.
 * A lone UTF-16 surrogate (JSON "\ud800", half of an emoji cut by a careless paste) goes too: no UTF-8 can hold it,
 * so the database stored it as U+FFFD — 「测试\ud800单位」 came back 「测试���单位」 with a 201, the name silently garbled.
 * The zero-width characters go as well — the zero-width space and non-joiner (U+200B, U+200C), the word joiner and
 * invisible operators (U+2060–U+2064) and a BOM inside a text (U+FEFF) — which a paste from a web page or chat brings
 * along unseen: 「湘质强办发\u200b〔2023〕8号」 registered as a 文号 of its own and a second 公文 printed the 文号 the
 * call for indicators holds; 「长沙\u200b市」 reads as 长沙市.
 * The zero-width joiner (U+200D) and the variation selectors stay: emoji are built with them.
 */
export const CONTROL_CHARS =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufffe\uffff\u200b\u200c\u2060-\u2064\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
export const CONTROL_CHARS_MESSAGE = '含有不允许的控制字符或不可见字符（如 NUL、文字方向控制符、零宽空格），请删除后重试';

/**
 * Every string a person sends: a zod string that refuses NUL and other control characters (tab and line
 * breaks are fine). Chain .trim(), .min(), .max(), .regex() as on z.string().
 */
export const text = (params?: Parameters<typeof z.string>[0]) =>
  z.string(withinLimitSaid(params)).refine((s) => !CONTROL_CHARS.test(s), { error: CONTROL_CHARS_MESSAGE, abort: true });

/**
 * A field's own message (text({ error: '请填写发现的问题' })) says what is missing or wrong with it; a text over its
 * .max() is told its limit (不超过 2000 个字, plainChinese) unless the .max() says its own — not "请填写…" for a
 * 2001-character finding, which sends the writer looking for an empty box.
 */
function withinLimitSaid(params: Parameters<typeof z.string>[0]): Parameters<typeof z.string>[0] {
  const own = typeof params === 'string' ? params : params?.error;
  if (typeof own !== 'string') return params;
  const error = (iss: { code: string }) => (iss.code === 'too_big' ? undefined : own);
  return typeof params === 'string' ? { error } : { ...params, error };
}

const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;
/** A date field (YYYY-MM-DD naming a real day: 2023-02-30 is refused), its errors in Chinese with the field's name. */
export const dateOnly = (label: string) =>
  text({ error: `请填写${label}` })
    // an empty date box (a form sends "") is told to fill it in, not that its format is wrong
    .min(1, { error: `请填写${label}`, abort: true })
    .regex(DATE_SHAPE, { error: `${label}格式须为年-月-日，如2023-07-10` })
    // (one message per field: a malformed date is told its format only)
    .refine((s) => !DATE_SHAPE.test(s) || isCalendarDate(s), { error: `${label}不是有效日期（该月没有这一天）` });

/**
 * One message per field: the range first, and a number out of it is told only that (99999999999999999999 is not
 * also told it is no whole number, as it is beyond the safe integers); a number within it, that it is not whole.
 */
const intChecks = <T extends z.ZodNumber | z.ZodCoercedNumber<unknown>>(n: T, message: string, min: number, max: number, rangeMessage: string): T =>
  (n as z.ZodNumber)
    .min(min, { error: rangeMessage, abort: true })
    .max(max, { error: rangeMessage, abort: true })
    .int({ error: message }) as unknown as T;

/**
 * An id, version or foreign key in a JSON body: an integer 1 … 2,147,483,647 (the column type), with a
 * Chinese message. `missing` is the message when the value is absent or not a number.
 */
export const id = (message = '编号须为正整数', missing = message) =>
  intChecks(z.number({ error: missing }), message, 1, INT32_MAX, `${message}（1至${INT32_MAX}）`);

/**
 * A whole number as a path or query string writes it: decimal digits only, within [min, max]. Coercion alone would
 * also read "1e3", "0x10", " 12" or "" (so /api/cycles/1e3 named cycle 1000, ?year=2e3 the year 2000 and ?version=
 * version 0). `message` names the parameter; `missing` is said when a required one is absent.
 */
export const intText = (message: string, min: number, max: number, rangeMessage = `${message}（${min}至${max}）`, missing = message) =>
  z
    .string({ error: missing })
    .regex(/^[0-9]+$/, { error: message })
    .pipe(intChecks(z.coerce.number<string>({ error: missing }), message, min, max, rangeMessage));

/** An id from a path or query string ("12"). */
export const idText = (message = '编号须为正整数', missing = message) => intText(message, 1, INT32_MAX, `${message}（1至${INT32_MAX}）`, missing);

/**
 * A 年度 in a JSON body, within the one range every year field has (src/shared/years.ts); `what` is the field's own
 * name (考核年度, 评价年度…): 请填写… when absent, the range when outside it.
 */
export const yearOf = (what = '年度', min = YEAR_MIN, max = YEAR_MAX) =>
  intChecks(z.number({ error: `请填写${what}` }), `${what}须为整数，${yearRange(what, min, max)}`, min, max, yearRange(what, min, max));

/** A 年度 in a path or query string ("2023"), named and bounded as `yearOf` names and bounds one in a body. */
export const yearText = (what = '年度', min = YEAR_MIN, max = YEAR_MAX) => intText(`${what}须为整数`, min, max, yearRange(what, min, max), `请填写${what}`);

/** Any other integer: bounded to the 32-bit column type and to [min, max]. */
export const int32 = (message: string, min = INT32_MIN, max = INT32_MAX, rangeMessage = `${message}（${min}至${max}）`) =>
  intChecks(z.number({ error: message }), message, min, max, rangeMessage);

/**
 * The optimistic-lock version every change sends back: 0 … 2,147,483,646 (stored versions start at 1, so 0 is simply
 * stale and answered 409 by the change). One below the 32-bit column's top, because a change writes version + 1:
 * PostgreSQL refuses 2,147,483,648 in an integer column (a 500), where SQLite stores it.
 */
export const MAX_VERSION = INT32_MAX - 1;
export const versionOf = (missing = '缺少版本号（用于检测并发修改）') =>
  // missing is missing; "2" or true is a version of the wrong kind, not a missing one
  intChecks(z.number({ error: (iss) => (iss.input === undefined ? missing : '版本号须为整数（数字，不带引号）') }), '版本号须为整数', 0, MAX_VERSION, `版本号须在0至${MAX_VERSION}之间`);

/** The same version from a query string ("3"). */
export const versionText = (missing = '缺少版本号（用于检测并发修改）') => intText('版本号须为整数', 0, MAX_VERSION, `版本号须在0至${MAX_VERSION}之间`, missing);

export const idParam = z.strictObject({ id: idText('编号须为正整数') });

/**
 * The most member departments a request may name (a cycle's, a scheme's, a reminder's): Hunan has some twenty. A list
 * without a bound reached the database whole — 40,000 ids answered 500 (SQLite: too many SQL variables; PostgreSQL
 * takes at most 65,535 parameters).
 */
export const MAX_DEPARTMENTS = 200;

/** page (from 1) and pageSize (default 20, at most `max`) of a list's query string. */
export const pageQueryUpTo = (max: number) => ({
  page: intText('页码须为正整数', 1, INT32_MAX, '页码从1开始').default(1),
  pageSize: intText('每页条数须为整数', 1, max, `每页1至${max}条`).default(20),
});
export const pageQuery = pageQueryUpTo(200);

/** Choices as the page names them, each code in brackets for whoever wrote the request: 已提交（submitted）、已退回（returned）或…. */
export const choiceNames = <S extends string>(labels: Record<S, string>, codes: readonly S[] = Object.keys(labels) as S[], or = '或') => {
  const names = codes.map((s) => `${labels[s]}（${s}）`);
  return names.length > 1 ? `${names.slice(0, -1).join('、')}${or}${names.at(-1)}` : (names[0] ?? '');
};

/**
 * A filter on states from a query string: one state or several separated by commas ("submitted,returned"),
 * each one of `labels`' keys; the message names the states as the page does, each code in brackets. The API
 * description lists the codes (`x-choices`).
 */
export const statesFilter = <S extends string>(labels: Record<S, string>, what = '状态') => {
  const allowed = Object.keys(labels) as S[];
  const message = `${what}筛选应为${choiceNames(labels, allowed, '、')}中的一个或几个（以逗号分隔）`;
  return text({ error: message })
    .max(200, { error: message })
    .transform((s, ctx) => {
      const states = s.split(',').map((v) => v.trim());
      // one message for the parameter, not one for its n-th state
      if (states.every((v): v is S => (allowed as string[]).includes(v))) return states;
      ctx.issues.push({ code: 'custom', message, input: s });
      return z.NEVER;
    })
    .meta({ 'x-choices': allowed });
};

/**
 * One of `labels`' keys (a filter's single choice): the message names each choice as the page shows it, its code in
 * brackets for whoever wrote the request — 来源应为年度考核失分（assessment）或规划指标滞后（indicator）.
 */
export const choiceOf = <S extends string>(labels: Record<S, string>, what: string) => {
  const allowed = Object.keys(labels) as [S, ...S[]];
  // nothing chosen (a form's empty select) is asked for; a wrong value is told the choices
  return z.enum(allowed, { error: (iss) => (iss.input === undefined ? `请选择${what}` : `${what}应为${choiceNames(labels, allowed)}`) });
};

/**
 * A sort key from a query string: one of `labels`' keys, ascending, or "-" in front for descending ("-year"); the
 * message in choiceOf's shape — 排序方式应为按年度升序（year）或按年度降序（-year）.
 */
export const sortQuery = <K extends string>(labels: Record<K, string>) => {
  const names = Object.fromEntries((Object.keys(labels) as K[]).flatMap((k) => [[k, `按${labels[k]}升序`], [`-${k}`, `按${labels[k]}降序`]])) as Record<K | `-${K}`, string>;
  return choiceOf(names, '排序方式');
};

/**
 * A field no request may carry, refused by a rule rather than as a mistake in the form (the system administrator
 * setting a new account's password): `message` says why, and the server records the attempt as a denied one
 * (core/validation.ts reads `params.rule`). The API description shows it as never allowed.
 */
export const refusedField = (message: string) => z.custom<never>(() => false, { error: message, params: { rule: true } }).meta({ not: {} });

export const okResponse = z.object({ ok: z.literal(true) });

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });

/** The body of every error answer: a Chinese message, and for bad input the fields at fault. */
export const errorBody = z.object({
  error: z.string(),
  message: z.string(),
  fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  current: z.unknown().optional(),
});
export type ErrorBody = z.infer<typeof errorBody>;

/**
 * A 文号 as a 公文 writes it (GB/T 9704: 阿拉伯数字, 年份用六角括号〔〕, no spaces), so that one number is one number
 * however it was typed: 岳质强办发[2024]1号, 岳质强办发（2024）1号, 岳质强办发〔２０２４〕１号 or 岳质强办发 〔2024〕 1号 is
 * 岳质强办发〔2024〕1号 — typed otherwise, each was registered beside it as a number of its own (a second 公文 under it).
 */
export const canonicalDocNo = (s: string) =>
  asciiDigits(s)
    .replace(/\s+/g, '')
    .replace(/[[［(（【﹝〔](\d{4})[\]］)）】﹞〕]/g, '〔$1〕');

/**
 * a 公文's 文号 as the office types it (downloading a document, issuing a report, naming a city): 机关代字〔年份〕序号号,
 * e.g. 湘质强办〔2026〕12号, kept as canonicalDocNo writes it; `missing` is said when it is absent, empty or not text
 */
export const docNumberText = (missing = '请填写文号') =>
  text({ error: missing })
    .trim()
    .overwrite(canonicalDocNo)
    // an empty box is asked for its 文号, not told how one is written
    .min(1, { error: missing, abort: true })
    .max(40, { error: '文号不超过40字' })
    .regex(/^[^\s〔〕[\]()（）]{1,20}〔\d{4}〕[1-9]\d{0,3}号$/, { error: '文号应写作“机关代字〔年份〕序号号”，如湘质强办〔2026〕12号（年份用六角括号〔〕，序号不加“0”）' });
export const docNumber = docNumberText();

/** the keys an engine answer object may have (src/shared/scoring/answers.ts: one of them) */
const ANSWER_KEYS = new Set(['level', 'value', 'ratio', 'score']);

/**
 * An answer for the scoring engine (true/false, {level}, {value}, {ratio}, {score} or "na"; the engine checks it):
 * never empty, and an object carries nothing besides the answer — the engine reads only its own key, so
 * {"level": 20, "note": "…"} would be scored and stored with whatever rode along.
 */
export const engineAnswer = (missing = '请填写评分') =>
  z
    .unknown()
    .refine((v) => v !== undefined && v !== null, { error: missing, abort: true })
    .refine((v) => typeof v !== 'object' || Array.isArray(v) || Object.keys(v as object).every((k) => ANSWER_KEYS.has(k)), {
      error: '评分只能是“是/否”、档次（level）、实测值（value）、比值（ratio）、得分（score）之一，不能附带其他内容',
    });
