/**
 * migrateToLatest looks again when Kysely's look-up of its migration tables (introspecting every schema on the
 * server) lost a race with another schema dropped or replaced meanwhile — seen in CI as 「数据库迁移失败：error: column
 * "region_org_id" of relation "analysis_report" does not exist」, raised by the introspection's pg_get_serial_sequence()
 * while another test file restored its schema — and never when a migration itself failed.
 */
import { describe, expect, it } from 'vitest';
import type { MigrationResultSet } from 'kysely';
import { lookUpRace } from './migrate';

const lookUpFailed = (message: string): MigrationResultSet => ({ error: new Error(message) });

describe('lookUpRace: which failures of migrateToLatest are a lost look-up, to try again', () => {
  it('another schema gone, or a table or column of another schema gone since the catalogue was read', () => {
    expect(lookUpRace(lookUpFailed('schema "t_other" does not exist'), 't_mine')).toBe(true);
    expect(lookUpRace(lookUpFailed('column "region_org_id" of relation "analysis_report" does not exist'), 't_mine')).toBe(true);
    expect(lookUpRace(lookUpFailed('relation "t_other.doc_number" does not exist'), 't_mine')).toBe(true);
  });
  it('not our own schema gone, not a migration that failed, not success', () => {
    expect(lookUpRace(lookUpFailed('schema "t_mine" does not exist'), 't_mine')).toBe(false);
    const migrationFailed: MigrationResultSet = { error: new Error('column "x" of relation "y" does not exist'), results: [{ migrationName: '2026-11-30T1200-doc-number-register', direction: 'Up', status: 'Error' }] };
    expect(lookUpRace(migrationFailed, 't_mine')).toBe(false);
    expect(lookUpRace(lookUpFailed('duplicate key value violates unique constraint'), 't_mine')).toBe(false);
    expect(lookUpRace({ results: [] }, 't_mine')).toBe(false);
  });
});
