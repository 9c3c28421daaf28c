/**
 * Evidence from other registers shown to the scorer beside an item of sheet A.1 (4.8: the 质量分析报告 register). The
 * source belongs to the module that keeps the register and is registered in src/server/routes.ts, so this module
 * calls it without importing it (the analysis module already reads the evaluation's, and imports must not circle).
 */
import type { Kysely } from 'kysely';
import type { ItemEvidenceView } from '../../../../shared/contracts/evaluation';
import type { Database } from '../../../db/schema';

export interface ItemEvidenceSource {
  itemCode: string;
  load: (db: Kysely<Database>, applicantOrgId: number, roundYear: number) => Promise<ItemEvidenceView>;
}

const SOURCES = new Map<string, ItemEvidenceSource>();

export function registerItemEvidence(source: ItemEvidenceSource): void {
  SOURCES.set(source.itemCode, source);
}

/** the evidence for those of `itemCodes` that have a source, in sheet order */
export async function itemEvidence(db: Kysely<Database>, itemCodes: readonly string[], applicantOrgId: number, roundYear: number): Promise<ItemEvidenceView[]> {
  const sources = itemCodes.flatMap((code) => SOURCES.get(code) ?? []);
  return Promise.all(sources.map((s) => s.load(db, applicantOrgId, roundYear)));
}
