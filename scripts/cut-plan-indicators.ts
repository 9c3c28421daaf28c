#!/usr/bin/env -S npx tsx
/**
 * Cuts the plan indicators (规划指标) from the seed text into frameworks/plan-indicators/*.json:
 *
 * - hunan-14th.json         seed 003 专栏1 “十四五”质量强省主要规划指标: the 24 indicators, parsed from the table;
 * - hunan-2023-targets.json seed 000 工作要点 “主要目标是”: the 2023 targets, clause by clause;
 * - yueyang-2025.json       seed 002 岳阳市实施意见 “二、工作目标”: Yueyang's own 2025 targets.
 *
 * What the seed does not say (direction, how a year is measured, the responsible departments, which plan
 * indicator a yearly or city target belongs to) is stated below, in EDITOR tables, each with its reason; the
 * figures, units, natures and texts come from the seed only. Every file is checked with the zod contract
 * (src/shared/indicators/schema.ts) before it is written.
 *
 *   npx tsx scripts/cut-plan-indicators.ts [--seeds <dir>] [--check]
 *
 * --check writes nothing and exits 1 when a committed file differs from what the seed gives.
 * The seeds default to ../shared/seeds beside the repository (as the framework tests find them).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defaultSeedsDir, repoRoot, runCut } from './cut-kit';
import { plan as planSchema, targetSet as targetSetSchema, type Plan, type SetTarget, type Target, type TargetSet } from '../src/shared/indicators/schema';

export const outDir = path.join(repoRoot, 'frameworks/plan-indicators');

export const SEED_PLAN = '003_756f746d976e3269.txt';
export const SEED_2023 = '000_bdb2641fca90ea06.txt';
export const SEED_YUEYANG = '002_42231ee3001d2f8f.txt';

// ---------------------------------------------------------------------------------------------- parsing

/** a figure cell: "95.0" → { value: 95 }, "≥98" → { bound: min, value: 98 }, "达到国家考核目标" → national */
export function parseTargetCell(cell: string): Target {
  const t = cell.trim();
  let m = /^(?:≥|>=)\s*(\d+(?:\.\d+)?)$/.exec(t);
  if (m) return { bound: 'min', value: Number(m[1]) };
  m = /^(?:≤|<=)\s*(\d+(?:\.\d+)?)$/.exec(t);
  if (m) return { bound: 'max', value: Number(m[1]) };
  if (/^\d+(?:\.\d+)?$/.test(t)) return { value: Number(t) };
  if (t === '达到国家考核目标') return { kind: 'national', text: t };
  throw new Error(`无法识别的目标值：${cell}`);
}

/**
 * A figure in running text: "达到 94%以上" → ≥94, "稳定在 99%" → 99, "54 项" → 54, "完成国家下达的目标值" →
 * national; without a figure → qualitative. The last figure of the clause counts ("III 类 … 94%以上").
 */
export function parseTargetText(text: string): Target {
  if (/国家下达的目标值|国家考核目标/.test(text)) return { kind: 'national', text: text.replace(/^.*?(完成|达到)/, '$1') };
  const all = [...text.matchAll(/(\d+(?:\.\d+)?)\s*(%以上|%|项|家|个|以上)?/g)];
  const last = all[all.length - 1];
  if (!last) return { kind: 'qualitative', text };
  const value = Number(last[1]);
  return /以上$/.test(last[2] ?? '') ? { bound: 'min', value } : { value };
}

interface TableRow {
  cells: string[];
  /** the group cell was written over more than one line */
  splitGroup: boolean;
}

/** the rows of 专栏1: a row is the tab-led cells up to a blank line; an untabbed line continues the last cell */
export function parsePlanTable(seed: string): TableRow[] {
  const start = seed.indexOf('专栏1  “十四五”质量强省主要规划指标');
  const end = seed.indexOf('第三章', start);
  if (start < 0 || end < 0) throw new Error('种子 003 中找不到专栏1');
  const lines = seed.slice(start, end).split('\n').slice(1);
  const rows: TableRow[] = [];
  let cur: TableRow | null = null;
  for (const line of lines) {
    if (line.trim() === '' && !line.includes('\t')) {
      if (cur) rows.push(cur);
      cur = null;
      continue;
    }
    if (line.startsWith('\t')) {
      cur ??= { cells: [], splitGroup: false };
      cur.cells.push(line.slice(1));
    } else {
      if (!cur || cur.cells.length === 0) throw new Error(`专栏1 中无法归属的一行：${line}`);
      cur.cells[cur.cells.length - 1] += line;
      if (cur.cells.length === 2) cur.splitGroup = true;
    }
  }
  if (cur) rows.push(cur);
  const [header, ...body] = rows;
  if (header?.cells.join('|') !== '序号|指标名称|2020年|2025年|属性') throw new Error('专栏1 表头与预期不符');
  return body;
}

// ---------------------------------------------------------------------------------------------- editor tables

type Dept = string;
interface Editor {
  direction?: 'higher' | 'lower';
  measure: 'level' | 'stock';
  departments: Dept[];
  /** false only where a seed names the department */
  assumed: boolean;
  note?: string;
}

/** by 专栏1 序号. Departments: frameworks/departments.json codes. */
const PLAN_EDITOR: Record<number, Editor> = {
  1: { measure: 'level', departments: ['samr'], assumed: true, note: '当年产值。原文未写责任单位，按商标（地理标志）管理职责假定为省市场监管局。' },
  2: { measure: 'stock', departments: ['samr'], assumed: true, note: '年末有效认证的有机产品数。原文未写责任单位，按认证监管职责假定为省市场监管局。' },
  3: { measure: 'stock', departments: ['agriculture'], assumed: true, note: '年末有效的绿色食品数。原文未写责任单位，按职责假定为省农业农村厅。' },
  4: { measure: 'stock', departments: ['commerce'], assumed: true, note: '累计认定、年末仍保有的数量。原文未写责任单位，按老字号认定职责假定为省商务厅。' },
  5: { measure: 'stock', departments: ['housing'], assumed: true, note: '累计获奖数。原文未写责任单位，按职责假定为省住房城乡建设厅。' },
  6: { measure: 'stock', departments: ['housing'], assumed: true, note: '累计获奖数。原文未写责任单位，按职责假定为省住房城乡建设厅（交通、水利工程获奖由相应部门提供）。' },
  7: { measure: 'stock', departments: ['samr'], assumed: true, note: '累计获奖数，含提名奖：2020年基期值 6 即原文第一章所写“中国质量奖1个、中国质量奖提名奖5个”之和。原文未写责任单位，按职责假定为省市场监管局。' },
  8: { measure: 'stock', departments: ['water'], assumed: true, note: '累计获奖数。原文未写责任单位，大禹奖为水利工程奖项，假定为省水利厅。' },
  9: { measure: 'stock', departments: ['samr'], assumed: true, note: '累计数。原文未写责任单位，按标准化管理职责假定为省市场监管局。' },
  10: { measure: 'stock', departments: ['samr'], assumed: true, note: '年末保有数。原文未写责任单位，按计量管理职责假定为省市场监管局。' },
  11: { measure: 'stock', departments: ['samr'], assumed: true, note: '年末有效证书数（“保有量”）。原文未写责任单位，按认证监管职责假定为省市场监管局。' },
  12: { measure: 'stock', departments: ['samr'], assumed: true, note: '年末数。原文未写责任单位，按检验检测管理职责假定为省市场监管局。' },
  13: {
    measure: 'level',
    departments: ['samr'],
    assumed: false,
    note: '湘质强办发〔2023〕8号附件3《湖南省质量强省 2023 年工作要点》第13项：“开展制造业产品质量合格率调查……（省市场监管局牵头……）”。省工业和信息化厅负责制造业质量提升，可作配合单位。',
  },
  14: { measure: 'level', departments: ['samr'], assumed: false, note: '湘质强办发〔2023〕8号附件3《湖南省质量强省 2023 年工作要点》第13项：“消费品质量合格率调查……（省市场监管局牵头……）”。' },
  15: { measure: 'level', departments: ['samr'], assumed: true, note: '原文未写责任单位，按食品安全抽检职责假定为省市场监管局。' },
  16: { measure: 'level', departments: ['agriculture'], assumed: false, note: '湘质强办发〔2023〕8号附件4第9项“省级农产品质量安全例行监测合格率情况”的评价部门为省农业农村厅。' },
  17: { measure: 'level', departments: ['drugs'], assumed: true, note: '原文未写责任单位，按药品抽验职责假定为省药品监督管理局。' },
  18: { measure: 'level', departments: ['samr'], assumed: true, note: '单位为“分”（满意度得分）。原文未写责任单位，按质量满意度测评职责假定为省市场监管局。' },
  19: { measure: 'level', departments: ['housing'], assumed: true, note: '原文未写责任单位，按职责假定为省住房城乡建设厅。' },
  20: { measure: 'level', departments: ['water'], assumed: true, note: '原文未写责任单位，按职责假定为省水利厅。' },
  21: { measure: 'level', departments: ['transport'], assumed: true, note: '原文未写责任单位，按职责假定为省交通运输厅。' },
  22: { measure: 'level', departments: ['ecology'], assumed: true, note: '目标值由国家每年下达，下达后录入。原文未写责任单位，按职责假定为省生态环境厅。' },
  23: { measure: 'level', departments: ['ecology'], assumed: true, note: '原文未写责任单位，按职责假定为省生态环境厅。' },
  24: { measure: 'level', departments: ['forestry'], assumed: true, note: '目标“≥59”低于2020年基期值59.96，即守住底线。原文未写责任单位，按职责假定为省林业局。' },
};

export function cutPlan(seed: string): Plan {
  const rows = parsePlanTable(seed);
  const warnings: string[] = [];
  let group = '';
  const indicators = rows.map((row, i) => {
    const c = row.cells;
    if (c.length !== 6) throw new Error(`专栏1 第 ${i + 1} 行应有 6 列，实际 ${c.length} 列：${c.join('|')}`);
    const [codeCell, groupCell, nameCell, baseCell, targetCell, natureCell] = c as [string, string, string, string, string, string];
    const code = Number(codeCell);
    if (code !== i + 1) throw new Error(`专栏1 序号不连续：${codeCell}`);
    if (groupCell) group = groupCell;
    if (row.splitGroup) warnings.push(`第${code}项：分组单元格“${groupCell}”在原文中分行书写，已合并为一个分组，并延续到下方空白的分组单元格。`);
    const m = /^(.+)（(.+)）$/.exec(nameCell);
    if (!m) throw new Error(`第 ${code} 项指标名称缺少单位：${nameCell}`);
    const ed = PLAN_EDITOR[code];
    if (!ed) throw new Error(`第 ${code} 项缺少编者补充`);
    const target = parseTargetCell(targetCell);
    if (!/^\d+(?:\.\d+)?$/.test(baseCell)) throw new Error(`第 ${code} 项基期值不是数字：${baseCell}`);
    return {
      code,
      group: group as Plan['indicators'][number]['group'],
      name: m[1]!,
      unit: m[2]!,
      baseline: Number(baseCell),
      target,
      nature: natureCell as '预期性' | '约束性',
      direction: ed.direction ?? 'higher',
      measure: ed.measure,
      departments: ed.departments,
      assumed: ed.assumed,
      ...(ed.note ? { note: ed.note } : {}),
      source: c.join('\t'),
    };
  });
  for (const ind of indicators) {
    const t = ind.target;
    if ('bound' in t && (t.bound === 'min' ? ind.baseline >= t.value : ind.baseline <= t.value)) {
      warnings.push(`第${ind.code}项“${ind.name}”：2025年目标“${ind.source.split('\t')[4]}”已被2020年基期值 ${ind.source.split('\t')[3]} 满足，按“保持”处理，逐年目标即该下限。`);
    }
    if ('kind' in t && t.kind === 'national') {
      warnings.push(`第${ind.code}项“${ind.name}”：2025年目标为“${t.text}”，没有数值，由国家逐年下达后录入。`);
    }
    if (ind.unit !== '%' && ['level'].includes(ind.measure) && !/亿元/.test(ind.unit)) {
      warnings.push(`第${ind.code}项“${ind.name}”：单位为“${ind.unit}”，不是百分比，状态按得分的进度计算。`);
    }
    if ([4, 5, 6, 7, 8].includes(ind.code)) {
      warnings.push(`第${ind.code}项“${ind.name}”：原文未说明是累计数还是当年新增数；按基期值的量级（如鲁班奖 72 项）判断为累计保有数。`);
    }
  }
  warnings.push('第13、14项：2025年目标写作“95.0”“93.5”（带小数位），按精确值处理；基期值“90.10”的末位 0 不影响数值，原文见 source。');
  warnings.push('全部 24 项：原文未写方向，均按“越高越好”；未写责任单位的按职责假定（assumed: true，见 note）。');
  const out: Plan = {
    id: 'hunan-14th',
    title: '“十四五”质量强省主要规划指标',
    region: '湖南省',
    baselineYear: 2020,
    targetYear: 2025,
    source: {
      seed: SEED_PLAN,
      table: '专栏1  “十四五”质量强省主要规划指标',
      note: '编者注：数值、单位、属性均取自《湖南省“十四五”质量强省发展规划》专栏1；方向、计量方式、责任单位为本平台的补充，依据见各项 note。',
    },
    warnings,
    indicators,
  };
  return planSchema.parse(out);
}

// ---------------------------------------------------------------------------------------------- 2023 targets

interface ClauseSpec {
  /** the clause's start in the seed */
  starts: string;
  indicator: number | null;
  name: string;
  unit: string | null;
  note?: string;
}

/** seed 000 “主要目标是” clauses, in order, and the 专栏1 indicator each belongs to */
const CLAUSES_2023: ClauseSpec[] = [
  { starts: '力争 2023 年制造业产品质量合格率', indicator: 13, name: '制造业产品质量合格率', unit: '%' },
  { starts: '消费品质量合格率', indicator: 14, name: '消费品质量合格率', unit: '%' },
  {
    starts: '农产品质量安全监测合格率',
    indicator: 16,
    name: '农产品质量安全监测合格率',
    unit: '%',
    note: '工作要点写“农产品质量安全监测合格率……98%以上”，低于规划第16项“农产品质量合格率”2025年目标“≥99”及2020年基期值 99。',
  },
  { starts: '基本药物抽验合格率', indicator: 17, name: '基本药物抽验合格率', unit: '%' },
  {
    starts: '建筑工程质量一次竣工验收合格率',
    indicator: 19,
    name: '建筑工程质量一次竣工验收合格率',
    unit: '%',
    note: '工作要点写“稳定在 99%”（无“以上”），按精确值 99 录入；规划第19项2020年基期值为 99.4、2025年目标“≥99.4”，要点目标低于基期值。',
  },
  { starts: '水利工程项目质量抽查合格率', indicator: 20, name: '水利工程项目质量抽查合格率', unit: '%', note: '规划第20项名为“在建水利工程项目质量抽查合格率”。' },
  { starts: '交通工程项目质量抽查合格率', indicator: 21, name: '交通工程项目质量抽查合格率', unit: '%', note: '规划第21项名为“交通工程项目质量合格率”（无“抽查”）。' },
  {
    starts: '全省 14 个城市环境空气平均优良天数比例',
    indicator: 23,
    name: '全省14个城市环境空气平均优良天数比例',
    unit: '%',
    note: '目标为国家下达的目标值，原文未给数值，下达后录入。',
  },
  {
    starts: '地表水国考断面达到或优于三类水质的比例',
    indicator: 22,
    name: '地表水国考断面达到或优于三类水质的比例',
    unit: '%',
    note: '规划第22项名为“国控断面Ⅰ—Ⅲ类优良水质比例”，2025年目标为“达到国家考核目标”；工作要点给出 2023 年的 97.3%。',
  },
  { starts: '公共服务质量达到满意水平', indicator: null, name: '公共服务质量', unit: null, note: '无数值；规划第18项为“生活性服务业客户满意度（分）”，与公共服务质量不是同一指标。' },
];

function splitClauses(sentence: string, specs: ClauseSpec[], where: string): string[] {
  const parts = sentence.split('，');
  if (parts.length !== specs.length) throw new Error(`${where}应有 ${specs.length} 个分句，实际 ${parts.length} 个`);
  parts.forEach((p, i) => {
    if (!p.startsWith(specs[i]!.starts)) throw new Error(`${where}第 ${i + 1} 个分句“${p}”与预期开头“${specs[i]!.starts}”不符`);
  });
  return parts;
}

export function cut2023(seed: string): TargetSet {
  const m = /\*\*主要目标是\*\*：([^。]+)。/.exec(seed);
  if (!m) throw new Error('种子 000 中找不到“主要目标是”');
  const clauses = splitClauses(m[1]!, CLAUSES_2023, '“主要目标是”');
  const all: SetTarget[] = clauses.map((text, i) => {
    const spec = CLAUSES_2023[i]!;
    const target = parseTargetText(text);
    return { indicator: spec.indicator, name: spec.name, unit: spec.unit, target, ...(spec.note ? { note: spec.note } : {}), source: text };
  });
  const out: TargetSet = {
    id: 'hunan-2023-targets',
    title: '湖南省质量强省2023年工作要点 主要目标',
    region: '湖南省',
    plan: 'hunan-14th',
    year: 2023,
    source: { seed: SEED_2023, table: '湖南省质量强省 2023 年工作要点 “主要目标是”' },
    warnings: [
      '第16项：要点目标“98%以上”低于规划2020年基期值 99 与2025年目标“≥99”。',
      '第19项：要点目标“稳定在 99%”低于规划2020年基期值 99.4；“稳定在”未写“以上”，按精确值录入。',
      '第21项：要点目标“97%以上”高于规划2025年目标“≥95”。',
      '第22、23项：指标名称与规划表述不同（国考断面/国控断面；14个城市平均/地级及以上城市），按同一指标对应。',
      '“公共服务质量达到满意水平”无数值，不对应任何规划指标，列入未对应目标。',
    ],
    targets: all.filter((t) => t.indicator !== null),
    unmatched: all.filter((t) => t.indicator === null),
  };
  return targetSetSchema.parse(out);
}

// ---------------------------------------------------------------------------------------------- Yueyang 2025

interface YySpec {
  /** exact text in the seed paragraph (line breaks removed) */
  text: string;
  indicator: number | null;
  name: string;
  unit: string | null;
  measure?: 'level' | 'stock' | 'increment';
  note?: string;
  /** a goal with no figure though the text has a digit elsewhere */
  qualitative?: boolean;
}

const YUEYANG: YySpec[] = [
  { text: '农产品质量安全省级例行监测合格率和食品安全评价性抽检合格率均达到 98%以上', indicator: 16, name: '农产品质量安全省级例行监测合格率', unit: '%', measure: 'level' },
  { text: '农产品质量安全省级例行监测合格率和食品安全评价性抽检合格率均达到 98%以上', indicator: 15, name: '食品安全评价性抽检合格率', unit: '%', measure: 'level' },
  { text: '基本药物抽检合格率 100%', indicator: 17, name: '基本药物抽检合格率', unit: '%', measure: 'level' },
  { text: '林产品抽样监测任务完成率 100%', indicator: null, name: '林产品抽样监测任务完成率', unit: '%', measure: 'level' },
  {
    text: '质量合格率98%以上',
    indicator: null,
    name: '林产品质量合格率',
    unit: '%',
    measure: 'level',
    note: '原文中“质量合格率”与“98%以上”被分页断成两行，主语承前句为林产品。',
  },
  { text: '制造业产品质量合格率达到 95%以上', indicator: 13, name: '制造业产品质量合格率', unit: '%', measure: 'level' },
  { text: '项目质量等级合格率 100%', indicator: null, name: '项目质量等级合格率', unit: '%', measure: 'level', note: '原文未说明是哪类工程项目（承前句“工程质量”）。' },
  { text: '优良率达到 10%以上', indicator: null, name: '项目质量等级优良率', unit: '%', measure: 'level', note: '原文只写“优良率”，承前句理解为项目质量等级优良率。' },
  { text: '全市评定为二级至三级的县级公办养老机构建有率达到 80%以上', indicator: null, name: '二级至三级县级公办养老机构建有率', unit: '%', measure: 'level' },
  { text: '全市环境空气质量优良天数比率达到 90%以上', indicator: 23, name: '环境空气质量优良天数比率', unit: '%', measure: 'level' },
  {
    text: '地表水达到或优于 III 类水质断面比例保持达到 94%以上',
    indicator: 22,
    name: '地表水达到或优于III类水质断面比例',
    unit: '%',
    measure: 'level',
    note: '全市断面，非仅国控断面；与规划第22项按同一类指标对应。',
  },
  { text: '长江岳阳段水质优良率保持 100%', indicator: null, name: '长江岳阳段水质优良率', unit: '%', measure: 'level' },
  {
    text: '全市新增主导制（修）订国际标准、国家标准、行业标准、地方标准和团体标准 54 项',
    indicator: null,
    name: '新增主导制（修）订标准',
    unit: '项',
    measure: 'increment',
    note: '含地方标准和团体标准且只计“主导”，与规划第9项“主导和参与制定国际、国家和行业标准”口径不同，不作对应；“新增”的起算年份原文未写，按文件印发年（2023）起算。',
  },
  { text: '新增省、国家级标准化试点示范单位 23 家', indicator: null, name: '新增省、国家级标准化试点示范单位', unit: '家', measure: 'increment' },
  { text: '新增省产业计量测试中心 1 家', indicator: null, name: '新增省产业计量测试中心', unit: '家', measure: 'increment' },
  { text: '新增省级质检中心 2 家', indicator: null, name: '新增省级质检中心', unit: '家', measure: 'increment', note: '省级质检中心，不同于规划第12项“国检中心”。' },
  {
    text: '争创中国质量奖及提名奖 2 个',
    indicator: null,
    name: '争创中国质量奖及提名奖',
    unit: '个',
    measure: 'increment',
    note: '含提名奖且写作“争创”，与规划第7项“中国质量奖（项）”口径不同，不作对应。',
  },
  { text: '新增湖南省省长质量奖及提名奖 10 个', indicator: null, name: '新增湖南省省长质量奖及提名奖', unit: '个', measure: 'increment' },
  { text: '新增“湖南名品” 50 个', indicator: null, name: '新增“湖南名品”', unit: '个', measure: 'increment' },
  { text: '全市制造业质量竞争力指数提升至 91.6', indicator: null, name: '制造业质量竞争力指数', unit: null, measure: 'level', note: '原文未写单位（指数，无量纲）。' },
  { text: '消费品质量合格率有效支撑高品质生活需要', indicator: 14, name: '消费品质量合格率', unit: '%', qualitative: true, note: '无数值目标。' },
  { text: '工程质量抽查符合率不断提升', indicator: null, name: '工程质量抽查符合率', unit: '%', qualitative: true, note: '无数值目标。' },
  { text: '服务质量满意度全面提升', indicator: null, name: '服务质量满意度', unit: null, qualitative: true, note: '无数值目标；与规划第18项“生活性服务业客户满意度”口径不同。' },
];

export function cutYueyang(seed: string): TargetSet {
  const start = seed.indexOf('全市质量供给和需求更加适配');
  const end = seed.indexOf('三、工作举措', start);
  if (start < 0 || end < 0) throw new Error('种子 002 中找不到“二、工作目标”的指标段');
  const para = seed.slice(start, end).replace(/\n/g, '');
  const all: SetTarget[] = YUEYANG.map((s) => {
    if (!para.includes(s.text)) throw new Error(`种子 002 中找不到“${s.text}”`);
    const target: Target = s.qualitative ? { kind: 'qualitative', text: s.text } : parseTargetText(s.text);
    return {
      indicator: s.indicator,
      name: s.name,
      unit: s.unit,
      target,
      ...(s.measure ? { measure: s.measure } : {}),
      ...(s.note ? { note: s.note } : {}),
      source: s.text,
    };
  });
  const out: TargetSet = {
    id: 'yueyang-2025',
    title: '岳阳市质量强市建设2025年工作目标',
    region: '岳阳市',
    plan: 'hunan-14th',
    year: 2025,
    source: {
      seed: SEED_YUEYANG,
      table: '岳强市发〔2023〕3号 二、工作目标',
      note: '编者注：source 为岳强市发〔2023〕3号原文；原文中跨行断开的句子已去掉换行后摘录。',
    },
    warnings: [
      '“质量合格率98%以上”：原文在“质量合格率”后分页断行，主语（林产品）承前句。',
      '“优良率达到 10%以上”“项目质量等级合格率 100%”：原文未说明对象，承前句按工程项目理解。',
      '“新增……54 项”等新增类目标：原文未写起算年份，按文件印发年（2023年）起算。',
      '“制造业质量竞争力指数提升至 91.6”：原文未写单位与基期值。',
      '“保持达到 94%以上”“保持 100%”：按下限或精确值录入，“保持”不另作区分。',
      '岳阳市目标均无基期值，原文未给出；责任单位由市质强办在下一步设置。',
    ],
    targets: all.filter((t) => t.indicator !== null),
    unmatched: all.filter((t) => t.indicator === null),
  };
  return targetSetSchema.parse(out);
}

// ---------------------------------------------------------------------------------------------- main

export function cutAll(seedsDir: string = defaultSeedsDir): Record<string, Plan | TargetSet> {
  const read = (f: string) => readFileSync(path.join(seedsDir, f), 'utf8');
  return {
    'hunan-14th.json': cutPlan(read(SEED_PLAN)),
    'hunan-2023-targets.json': cut2023(read(SEED_2023)),
    'yueyang-2025.json': cutYueyang(read(SEED_YUEYANG)),
  };
}

export { render } from './cut-kit';

runCut(import.meta.url, outDir, cutAll);
