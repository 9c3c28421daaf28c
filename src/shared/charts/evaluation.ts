/**
 * The creation evaluation's chart (issue 11): the 11 groups (指标项) of the score sheet, each as its score rate
 * (combined score ÷ the group's points still scored, i.e. without the 合理缺项), on the radar the results use.
 * Drawn in the browser and, as PNG, in the 评价报告.
 */
import { domainRadarChart } from './radar';
import { PRIMARY, toNum, type ChartSpec } from './theme';

export interface EvaluationGroup {
  title: string;
  /** the group's points still scored (after 合理缺项), exact decimal text */
  maximum: string;
  /** the group's combined score, exact decimal text */
  score: string;
}

/** The groups' score rates of one applicant (null under 3 groups: a radar needs three axes). */
export function evaluationRadarChart(groups: EvaluationGroup[], applicant: string, title = '各指标项得分率'): ChartSpec | null {
  if (groups.length < 3) return null;
  const rates = groups.map((g) => {
    const max = toNum(g.maximum) ?? 0;
    return max > 0 ? (toNum(g.score) ?? 0) / max : 0;
  });
  const spec = domainRadarChart(
    groups.map((g) => ({ title: g.title, points: g.maximum })),
    [{ name: applicant, values: rates, color: PRIMARY }],
    title,
  );
  // eleven axes with two-line names: a little more room than the results' radar
  return { ...spec, width: 600, height: 480 };
}
