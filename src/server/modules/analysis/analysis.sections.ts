/**
 * The generated part of each section of a quality analysis report (质量分析报告): read from the platform's data
 * through the other modules' index.ts — the plan indicators (table, status counts, the target-path charts), the
 * yearly assessment results and their trend, the creation evaluations and the honours of the period, the work
 * plan's tasks by light. Plain data (JSON): stored with the report, refreshed on demand, printed by the .docx.
 */
import { dayText } from '../../../shared/deadline';
import type { Kysely } from 'kysely';
import { halfYear } from '../../../shared/analysis/periods';
import { indicatorPathChart, rankingChart } from '../../../shared/charts';
import { SECTION_KEYS, type SectionData, type SectionKey } from '../../../shared/contracts/analysis';
import { detailChartInput } from '../../../shared/indicators/chart-input';
import { indicatorCaption } from '../../../shared/indicators/format';
import { LIGHT_LABELS } from '../../../shared/workplan/rules';
import type { SessionUser } from '../../core/session';
import type { Database } from '../../db/schema';
import { publishedResultsHistory } from '../assessment';
import { evaluationsOfPeriod } from '../evaluation';
import { honoursOfYear } from '../honours';
import { indicatorMonitoring } from '../indicators';
import { workplanLights } from '../workplan';
import type { OrgRow } from './analysis.queries';

/** the lagging indicators in one sentence: "滞后的指标：中华老字号（…）；鲁班奖（…）。" (nothing when none lags) */
const lagSentence = (rows: { name: string; status: { reason: string } | null }[]): string =>
  rows.length ? `滞后的指标：${rows.map((r) => `${r.name}（${r.status!.reason}）`).join('；')}。` : '';

export interface ReportScope {
  office: OrgRow;
  region: OrgRow;
  /** the province's office (the yearly assessment is the province's; a city's report reads its own line) */
  provinceOfficeId: number;
  /** the region's counties (a city) or every city and county (the province) */
  subUnitIds: number[];
}

const n = (x: number | null | undefined) => (x === null || x === undefined ? '—' : String(Math.round(x * 100) / 100));
const empty = (summary: string): SectionData => ({ summary, tables: [], charts: [] });

export async function buildSections(db: Kysely<Database>, user: SessionUser, s: ReportScope, period: string, today: string): Promise<Record<SectionKey, SectionData>> {
  const h = halfYear(period);
  const isProvince = s.region.kind === 'province';
  const asOf = h.endOn < today ? h.endOn : today;
  const out = {} as Record<SectionKey, SectionData>;

  // ---- 规划指标
  // the values as they stood the day the data is taken (a report refreshed in July 2023 knows no value accepted in 2024)
  const mon = await indicatorMonitoring(db, user, s.region.id, h.year, today, { acceptedBy: today });
  if (!mon) out.indicators = empty('暂无可用的规划指标监测数据。');
  else {
    const t = mon.table;
    // the plan's numbers (1–24 in the province's plan, 1, 2, … in a city's), as its own documents print them
    const numbers = new Map(t.rows.map((r) => [r.id, r.number]));
    const no = (id: number) => numbers.get(id) ?? '';
    const withData = t.rows.filter((r) => r.status);
    const count = (st: string) => withData.filter((r) => r.status!.status === st).length;
    const own = t.plan.region.name === s.region.name;
    // a status is judged in the year of the figure it rests on: last year's value against last year's target
    const judgedYear = (r: (typeof t.rows)[number]) => (r.rollCount?.usedForStatus ? r.rollCount.year : r.actual?.year);
    const earlier = withData.filter((r) => judgedYear(r) !== t.year).length;
    // 专栏1 4–8 are judged by the honours register's count when no value is confirmed (as on the indicators page)
    const byCount = withData.filter((r) => r.rollCount?.usedForStatus).length;
    const figureCell = (r: (typeof t.rows)[number]) =>
      r.rollCount?.usedForStatus ? `名录计数${n(r.rollCount.value)}（${r.rollCount.year}）` : r.actual ? `${n(r.actual.value)}（${r.actual.year}）` : '—';
    const statusCell = (r: (typeof t.rows)[number]) => (!r.status ? '无数据' : judgedYear(r) !== t.year ? `${r.status.label}（按${judgedYear(r)}年目标）` : r.status.label);
    const cityValues = own ? [] : mon.details.flatMap((d) => d.cities.filter((c) => c.org.id === s.region.id).flatMap((c) => c.values.slice(-1).map((v) => [`${no(d.indicator.id)}. ${d.indicator.name}`, d.indicator.unit, `${n(v.value)}（${v.year}年）`])));
    out.indicators = {
      summary: `依据${t.plan.title}（截至${t.year}年），规划共设${t.rows.length}项指标，${withData.length}项已有确认数据${byCount ? `或名录计数（${byCount}项荣誉类存量指标当年无确认值，按荣誉名录计数判断）` : ''}：提前实现${count('ahead')}项，符合预期${count('on_track')}项，滞后${count('lagging')}项，无法判断${count('unknown')}项${earlier ? `（其中${earlier}项尚无${t.year}年确认值，按最近一年的确认值对照该年目标判断）` : ''}。${lagSentence(withData.filter((r) => r.status!.status === 'lagging'))}${own ? '' : mon.ownPlan ? `（${s.region.name}自定规划尚无经确认的数据，以上为${t.plan.region.name}规划的监测情况，供对照）` : `（${s.region.name}尚无自定规划，以上为${t.plan.region.name}规划的监测情况，供对照）`}`,
      tables: [
        {
          title: `${t.plan.region.name}规划指标监测表（${t.year}年）`,
          header: ['序号', '指标', '单位', `${t.year}年目标`, '确认值', '状态'],
          rows: t.rows.map((r) => [String(no(r.id)), r.name, r.unit, r.yearTarget.text, figureCell(r), statusCell(r)]),
        },
        ...(cityValues.length ? [{ title: `${s.region.name}确认值`, header: ['指标', '单位', '最新确认值'], rows: cityValues }] : []),
      ],
      charts: mon.details.map((d) => ({ caption: `${indicatorCaption(no(d.indicator.id), d.indicator.name)}——目标路径与确认值`, spec: indicatorPathChart(detailChartInput(d)) })),
    };
  }

  // ---- 年度考核结果及趋势
  const history = await publishedResultsHistory(db, s.provinceOfficeId, `${h.endOn}T99`);
  if (!history.length) out.assessment = empty(`截至${h.label}末，尚无已公布的年度考核结果。`);
  else {
    const latest = history[history.length - 1]!;
    const mine = (c: (typeof history)[number]) => c.rows.find((r) => r.unitId === s.region.id);
    const trend = isProvince
      ? latest.rows.map((r) => [r.name, ...history.map((c) => { const x = c.rows.find((y) => y.unitId === r.unitId); return x ? `${n(x.total)}（第${x.rank}名，${x.grade}级）` : '—'; })])
      : [[s.region.name, ...history.map((c) => { const x = mine(c); return x ? `${n(x.total)}（第${x.rank}名，${x.grade}级）` : '—'; })]];
    const me = mine(latest);
    const grades = ['A', 'B', 'C', 'D'].map((g) => `${g}级${latest.rows.filter((r) => r.grade === g).length}个`).join('，');
    out.assessment = {
      summary: isProvince
        ? `${latest.title}已公布：参加考核${latest.rows.length}个市州，${grades}；第一名${latest.rows[0]?.name ?? '—'}（${n(latest.rows[0]?.total)}分）。${history.length > 1 ? `共${history.length}个考核年度的得分与名次见下表。` : ''}`
        : me
          ? `${latest.title}：${s.region.name}得分${n(me.total)}，全省第${me.rank}名，${me.grade}级${me.vetoed ? '（触发否决项）' : ''}。${history.length > 1 ? '历年得分与名次见下表。' : ''}`
          : `${latest.title}中无${s.region.name}的结果。`,
      tables: [{ title: '历年考核得分与名次', header: ['单位', ...history.map((c) => `${c.year}年度`)], rows: trend }],
      charts: [{ caption: `${latest.year}年度考核总分排名`, spec: rankingChart(latest.rows.map((r) => ({ name: r.name, total: r.total, rank: r.rank, grade: r.grade, veto: r.vetoed })), `${latest.year}年度考核总分排名`) }],
    };
  }

  // ---- 创建评价
  const evals = await evaluationsOfPeriod(db, { year: h.year, from: h.startOn, to: `${h.endOn}T99`, applicantIds: isProvince ? null : [s.region.id, ...s.subUnitIds] });
  out.evaluation = evals.length
    ? {
        summary: `${h.year}年质量强市（县）创建评价共${evals.length}个申请，其中已命名${evals.filter((e) => e.status === 'named').length}个。`,
        tables: [{ title: '创建评价申请', header: ['批次', '申请单位', '状态', '命名文号'], rows: evals.map((e) => [e.roundTitle, e.applicant, e.statusLabel, e.namingDocNo ?? '—']) }],
        charts: [],
      }
    : empty(`${h.year}年无${isProvince ? '' : `${s.region.name}及所辖县市区的`}创建评价申请。`);

  // ---- 质量荣誉
  const honours = await honoursOfYear(db, h.year, isProvince ? null : s.region.id);
  const byKind = new Map<string, number>();
  for (const x of honours) byKind.set(x.kindName, (byKind.get(x.kindName) ?? 0) + 1);
  out.honours = honours.length
    ? {
        summary: `${h.year}年荣誉名录登记${isProvince ? '全省' : s.region.name}荣誉${honours.length}项：${[...byKind].map(([k, c]) => `${k}${c}项`).join('，')}。`,
        tables: [{ title: '荣誉名录', header: ['类别', '级别', '获奖单位（项目）', '市州', '来源文件'], rows: honours.map((x) => [x.kindName, x.levelLabel, x.awardee, x.city, x.sourceDoc]) }],
        charts: [],
      }
    : empty(`${h.year}年荣誉名录中暂无${isProvince ? '' : s.region.name}的登记。`);

  // ---- 工作要点推进情况
  const plans = await workplanLights(db, { year: h.year, asOf, issuerOrgId: isProvince ? s.office.id : null, unitOrgId: isProvince ? null : s.region.id });
  out.workplan = plans.length
    ? {
        summary: plans
          .map((p) => `${p.planTitle}（截至${dayText(p.asOf)}）：${isProvince ? '' : `${s.region.name}承担`}${p.tasks}项任务，${(['done', 'green', 'yellow', 'red'] as const).map((l) => `${LIGHT_LABELS[l]}${p.lights[l]}项`).join('，')}。${p.overdue.length ? `亮红灯的任务：${p.overdue.map((o) => `第${o.number}项“${o.title}”（${o.label}）`).join('、')}。` : ''}`)
          .join('\n'),
        tables: [{ title: '任务推进情况（按状态灯）', header: ['工作要点', '任务数', ...(['done', 'green', 'yellow', 'red'] as const).map((l) => LIGHT_LABELS[l])], rows: plans.map((p) => [p.planTitle, String(p.tasks), String(p.lights.done), String(p.lights.green), String(p.lights.yellow), String(p.lights.red)]) }],
        charts: [],
      }
    : empty(`${h.year}年尚无已发布的工作要点。`);

  out.outlook = empty('（由质强办根据以上情况填写存在的问题和下一步工作打算。）');
  return Object.fromEntries(SECTION_KEYS.map((k) => [k, out[k]])) as Record<SectionKey, SectionData>;
}
