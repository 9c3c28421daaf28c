/**
 * A plan indicator's stock count from the roll (专栏1 4–8: 中华老字号, 鲁班奖, …), as the 规划指标计数 tab shows it. The
 * rule is the indicators module's (indicators.roll.ts: the plan's baseline, a stock, + the roll's entries after the
 * baseline year; a city its own entries of those years), so the tab and the indicator table, detail and report.docx
 * give one figure. That module already imports this one (countHonours), so it registers the rule here from
 * src/server/routes.ts and this module calls it without importing it (imports must not circle).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { OrgHonourCount } from './honours.queries';

export interface StockCount {
  /** the plan's baseline (存量) and its year */
  baseline: number;
  baselineYear: number;
  /** the roll's entries after the baseline year, up to the year asked */
  entryCount: number;
  /** baseline + entryCount: the indicator's count */
  value: number;
  /** e.g. "2020年基期值116家，加名录中2021—2023年的2项" */
  text: string;
  /** the province and each city with the entries counted (after the baseline year) */
  counts: OrgHonourCount[];
}

/** null when no plan counts the indicator from the roll for that year (no province plan, or a year before its baseline) */
export type StockCounter = (db: Kysely<Database>, indicatorCode: number, upToYear: number) => Promise<StockCount | null>;

let counter: StockCounter | null = null;

export function registerStockCounter(fn: StockCounter): void {
  counter = fn;
}

export const stockCount = (db: Kysely<Database>, indicatorCode: number, upToYear: number): Promise<StockCount | null> =>
  counter ? counter(db, indicatorCode, upToYear) : Promise.resolve(null);
