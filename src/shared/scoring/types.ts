/**
 * What the scoring engine gives back: plain data (strings, numbers, booleans, arrays, objects), so a result can
 * be stored, sent and compared as JSON. Every score is an exact decimal string ("14.5"); see engine.ts.
 */
import type { GradeBand } from './grade';
import type { UnitInput } from './answers';

export type CriterionStatus = 'scored' | 'missing' | 'na';

export type RankTier = 'top' | 'middle' | 'rest';

/** A criterion's result as it appears in the output (see engine.ts). */
export interface CriterionResult {
  /** item code + criterion code: "1.3.a" */
  code: string;
  status: CriterionStatus;
  /** exact decimal string; for a deduction criterion the amount subtracted */
  score: string;
  /** the criterion's points, or "0" when not applicable */
  maximum: string;
  /** one line of Chinese: how the score was found */
  explanation: string;
  /** the method awarded more than the criterion's points; the score was capped at the points */
  capped?: true;
  /** rank criteria answered with a value */
  rank?: { rank: number; of: number; tier: RankTier };
}

export interface ItemResult {
  code: string;
  title: string;
  score: string;
  /** points minus not-applicable criteria (base); the cap for bonus/deduction items */
  maximum: string;
  points: string;
  capped?: true;
  criteria: CriterionResult[];
}

export interface SectionResult {
  code: string;
  title: string;
  role: 'base' | 'bonus' | 'deduction' | 'veto';
  /** base: subtotal; bonus: amount added; deduction: amount subtracted; veto: "0" */
  score: string;
  maximum: string;
  points: string;
  capped?: true;
  items: ItemResult[];
}

export interface UnitResult {
  unit: string;
  name?: string;
  peerGroup?: string;
  /** final: (prorated ?? score) + bonus − deduction, not below 0 */
  total: string;
  /** the exact total as a fraction "p/q" (or integer) */
  totalExact: string;
  /** sum of base sections as found (not prorated) */
  score: string;
  /** base maximum: framework points minus not-applicable points */
  maximum: string;
  /** the framework's scale (totalPoints) */
  scale: string;
  notApplicablePoints: string;
  /** prorate policy: score × scale / maximum; null under policy "none" */
  prorated: string | null;
  bonus: string;
  deduction: string;
  veto: boolean;
  /** codes of veto criteria answered true */
  vetoCodes: string[];
  /** evaluation: an ineligibility condition is true (the application is refused) */
  ineligible: boolean;
  ineligibilityCodes: string[];
  /** assessment: grade band (a veto forces vetoGrade); evaluation: null unless bands were passed */
  grade: string | null;
  /** evaluation: total ≥ passMark, no ineligibility, no veto; assessment: null */
  passed: boolean | null;
  /** competition ranking over all units of the input by total; vetoed / ineligible units after all others */
  rank: number;
  /** the same within the unit's peer group */
  peerRank: number;
  /** codes of criteria (and "ineligibility.X") with no answer; scored 0 with explanation "未填报" */
  missing: string[];
  sections: SectionResult[];
}

export interface ScoreResults {
  framework: { id: string; version: string; title: string; kind: 'assessment' | 'evaluation'; totalPoints: string };
  units: UnitResult[];
}

export interface ScoreOptions {
  /** grade bands of the assessment cycle, overriding the framework's (default A ≥ 90, B ≥ 80, C ≥ 60, else D) */
  gradeBands?: readonly GradeBand[];
}

export interface ScoreUnitOptions extends ScoreOptions {
  /** other units of the same peer group, so rank criteria answered with values can be ranked in a preview */
  peers?: UnitInput[];
}
