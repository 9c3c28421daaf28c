/**
 * The leader's 驾驶舱 (issue 10): this year's cycles and where each stands, and the latest published results
 * with what their charts need, in one answer (GET /api/dashboard).
 */
import { z } from './common';
import { cycleSummary } from './cycles';

export const dashboardCycle = cycleSummary.extend({
  /** declarations: submitted (or accepted) of invited */
  declarations: z.object({ total: z.number(), submitted: z.number(), accepted: z.number() }),
  /** scoring: departments that submitted of evaluating departments (0/0 before scoring starts) */
  scoring: z.object({ total: z.number(), submitted: z.number() }),
  objections: z.object({ open: z.number(), total: z.number() }),
  objectionStart: z.string().nullable(),
  objectionEnd: z.string().nullable(),
  publishedAt: z.string().nullable(),
});
export type DashboardCycle = z.infer<typeof dashboardCycle>;

export const dashboardUnit = z.object({
  unitId: z.number(),
  unitCode: z.string(),
  unitName: z.string(),
  total: z.string(),
  rank: z.number().nullable(),
  grade: z.string().nullable(),
  veto: z.boolean(),
  /** per domain, in the order of `domains`: score / points (0..1) */
  rates: z.array(z.number()),
});
export type DashboardUnit = z.infer<typeof dashboardUnit>;

export const dashboardResults = z.object({
  cycleId: z.number(),
  year: z.number(),
  title: z.string(),
  publishedAt: z.string().nullable(),
  demo: z.boolean(),
  /** the domains (base sections) with the average score rate of the units (0..1) */
  domains: z.array(z.object({ code: z.string(), title: z.string(), points: z.string(), average: z.number() })),
  /** every unit with a total, in rank order */
  units: z.array(dashboardUnit),
  /** the first and last three by rank */
  top: z.array(dashboardUnit),
  bottom: z.array(dashboardUnit),
  previous: z.object({ year: z.number(), units: z.array(z.object({ unitCode: z.string(), total: z.string(), rank: z.number() })) }).nullable(),
});
export type DashboardResults = z.infer<typeof dashboardResults>;

/** a published work plan of the most recent year: its lights, the tasks overdue (red) and how many are closed */
export const dashboardWorkPlan = z.object({
  id: z.number(),
  year: z.number(),
  title: z.string(),
  issuer: z.string(),
  /** the day the lights are for */
  asOf: z.string(),
  tasks: z.number(),
  lights: z.object({ green: z.number(), yellow: z.number(), red: z.number(), done: z.number() }),
  /** the red tasks; label: 逾期, or 报送逾期 when only a report is late (taskLight) */
  overdue: z.array(z.object({ id: z.number(), number: z.number(), title: z.string(), lead: z.string(), label: z.string(), reasons: z.array(z.string()) })),
  closed: z.number(),
});
export type DashboardWorkPlan = z.infer<typeof dashboardWorkPlan>;

/** a city office's assessment of its counties, as the province's leaders and its office follow it (read-only: not opened from here) */
export const dashboardCityCycle = z.object({
  cityName: z.string(),
  officeName: z.string(),
  year: z.number(),
  title: z.string(),
  status: cycleSummary.shape.status,
  statusLabel: z.string(),
  /** departments that submitted their scores of the evaluating departments (0/0 before scoring starts) */
  scoring: z.object({ total: z.number(), submitted: z.number() }),
  objections: z.object({ open: z.number(), total: z.number() }),
  publishedAt: z.string().nullable(),
  demo: z.boolean(),
});
export type DashboardCityCycle = z.infer<typeof dashboardCityCycle>;

export const dashboardView = z.object({
  /** the most recent year with a cycle (null: no cycle yet) */
  year: z.number().nullable(),
  /** the cycles of that year and any earlier one still in progress, newest first */
  cycles: z.array(dashboardCycle),
  /**
   * the province's leaders and its office: each city office's assessment of its counties — of that city's most recent
   * year, and any earlier one not yet published — by year (newest first) and city (empty for everyone else)
   */
  cityCycles: z.array(dashboardCityCycle),
  /** the latest published results (null: none published yet) */
  latest: dashboardResults.nullable(),
  /** the published work plans of the most recent year the caller may read (工作要点督办) */
  workPlans: z.array(dashboardWorkPlan),
});
export type DashboardView = z.infer<typeof dashboardView>;
