/**
 * The sources a 整改事项 comes from, and how each links back: a path for the browser and a label. A new source is one
 * entry here (and the command that raises its items). Labels are stored with the item when it is raised; items
 * raised before issue 13 (from the evaluation) fall back to the entry's own wording (never a row's id: users see it).
 */
import { RECTIFICATION_SOURCE_LABELS, type RectificationSourceType } from '../../../shared/contracts/rectification';
import { keyPointLabel, type CriterionLine } from '../../../shared/contracts/results';
import type { RectificationRow } from './rectification.queries';

interface SourceEntry {
  /** the page of the source object */
  path: (r: Pick<RectificationRow, 'source_id' | 'source_ref'>) => string;
  /** the label when the item stored none */
  fallback: (r: Pick<RectificationRow, 'source_id' | 'source_ref'>) => string;
}

/** An item raised from a lost criterion of the yearly assessment names the unit and the criterion in source_ref (raiseFromAssessment). */
export const assessmentCriterionRef = (unitId: number, code: string) => `${unitId}:${code}`;
/**
 * The stored label of an item raised from a lost criterion (raiseFromAssessment, and the demo's): the cycle, the unit
 * and the key point by its one name (keyPointLabel: 7.a 产品质量安全保障). Items raised before keep their stored
 * words (第7.a项).
 */
export const assessmentCriterionLabel = (cycleTitle: string, unitName: string, c: Pick<CriterionLine, 'code' | 'itemTitle'>) =>
  `${cycleTitle} · ${unitName} · ${keyPointLabel(c.code, c.itemTitle)}`;
/** An item raised from a plan indicator's figure names that figure in source_ref as `${owner org id}:${year}` (raiseFromIndicator). */
export const indicatorFigureRef = (ownerOrgId: number, year: number) => `${ownerOrgId}:${year}`;
/** the year of an indicator item's source_ref (null when the ref is not of that shape) */
export function yearOfIndicatorRef(ref: string): number | null {
  const m = /^\d+:(\d{4})$/.exec(ref);
  return m ? Number(m[1]) : null;
}

export const RECTIFICATION_SOURCE_REGISTRY: Record<RectificationSourceType, SourceEntry> = {
  evaluation: { path: (r) => `/evaluation/applications/${r.source_id}`, fallback: (r) => `创建评价申请 · 第${r.source_ref}项` },
  // an on-site finding (site_finding) of the application's review: back to the application, where its findings are listed
  evaluation_site: { path: (r) => `/evaluation/applications/${r.source_id}`, fallback: () => '创建评价申请 · 现场评审问题' },
  assessment: { path: (r) => `/assessment/${r.source_id}?tab=results`, fallback: (r) => `年度考核 · 第${r.source_ref.split(':')[1] ?? r.source_ref}项` },
  indicator: { path: (r) => `/indicators/${r.source_id}`, fallback: (r) => `规划指标 · ${yearOfIndicatorRef(r.source_ref) ?? ''}年` },
};

export function sourceOf(r: RectificationRow) {
  const e = RECTIFICATION_SOURCE_REGISTRY[r.source_type];
  return { type: r.source_type, typeLabel: RECTIFICATION_SOURCE_LABELS[r.source_type], id: r.source_id, ref: r.source_ref, label: r.source_label ?? e.fallback(r), path: e.path(r) };
}
