/**
 * The migration that makes a cycle's 文号 (assessment_cycle.notice_no, the call for indicators' number) unique per
 * organising office (2026-11-30T1100-cycle-notice-no-unique): a database whose office already numbered two cycles
 * alike stops with a message naming both; otherwise the index refuses every new twin within an office, while
 * another office (the province, a city) numbers its own notices, and a cycle opened without a 文号 is not counted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectUniqueViolation, freshDb, testDialects } from '../test/helpers';
import type { Db } from './connection';
import * as noticeNoUnique from './migrations/2026-11-30T1100-cycle-notice-no-unique';

describe.each(testDialects())('the cycle 文号 unique index on %s', (dialect) => {
  let db: Db;
  const at = '2024-01-01T00:00:00.000Z';
  let province: number, office: number, cityOffice: number;
  beforeAll(async () => {
    db = await freshDb(dialect);
    const org = async (code: string, name: string, kind: 'province' | 'city' | 'office', parent: number | null) =>
      (await db.db.insertInto('org_unit').values({ code, name, short_name: null, kind, parent_id: parent, sort_order: 0, version: 1, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow()).id;
    province = await org('p', '湖南省', 'province', null);
    const city = await org('c', '岳阳市', 'city', province);
    office = await org('o', '省质强办', 'office', province);
    cityOffice = await org('co', '岳阳市质强办', 'office', city);
  });
  afterAll(() => db.close());

  const cycle = (officeId: number, year: number, noticeNo: string | null) =>
    db.db
      .insertInto('assessment_cycle')
      .values({ year, office_org_id: officeId, title: `${year}年度质量工作考核`, base_cycle_id: null, status: 'collecting', notice_no: noticeNo, issued_on: null, deadline: `${year}-07-10`, contact_name: null, contact_phone: null, contact_email: null, grade_bands_json: '[]', objection_start: null, objection_end: null, published_at: null, demo: 0, version: 1, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();

  it('stops on an office that numbered two cycles alike, naming the office, the 文号 and both cycles, and changes nothing', async () => {
    await noticeNoUnique.down(db.db);
    const a = await cycle(office, 2020, '湘质强办发〔2020〕8号');
    const b = await cycle(office, 2021, '湘质强办发〔2020〕8号');
    // not twins: another office's number, and cycles opened without one (null, or left empty)
    await cycle(cityOffice, 2020, '湘质强办发〔2020〕8号');
    await cycle(office, 2022, null);
    await cycle(office, 2023, null);
    await cycle(cityOffice, 2021, '');
    await cycle(cityOffice, 2022, '');
    const e = await noticeNoUnique.up(db.db).then(() => null, (err: unknown) => err as Error);
    expect(e, 'the migration ran over the twins').toBeInstanceOf(Error);
    expect(e!.message).toContain('省质强办');
    expect(e!.message).toContain('湘质强办发〔2020〕8号');
    expect(e!.message).toContain(`2020年度质量工作考核（编号 ${a.id}）`);
    expect(e!.message).toContain(`2021年度质量工作考核（编号 ${b.id}）`);
    expect(e!.message).not.toContain('岳阳市质强办');
    // the index was not made: one more twin still goes in
    await db.db.updateTable('assessment_cycle').set({ notice_no: '湘质强办发〔2021〕3号' }).where('id', '=', b.id).execute();
    await db.db.deleteFrom('assessment_cycle').execute();
  });

  it('once the twins are told apart: one 文号 per office, another office may use it, no 文号 is not counted', async () => {
    await cycle(office, 2020, '湘质强办发〔2020〕8号');
    await cycle(office, 2021, '湘质强办发〔2021〕3号');
    await noticeNoUnique.up(db.db);
    await expectUniqueViolation(cycle(office, 2022, '湘质强办发〔2020〕8号'));
    await expectUniqueViolation(db.db.updateTable('assessment_cycle').set({ notice_no: '湘质强办发〔2020〕8号' }).where('year', '=', 2021).where('office_org_id', '=', office).execute());
    await cycle(cityOffice, 2020, '湘质强办发〔2020〕8号');
    await expectUniqueViolation(cycle(cityOffice, 2021, '湘质强办发〔2020〕8号'));
    await cycle(office, 2022, null);
    await cycle(office, 2023, null);
    await cycle(cityOffice, 2022, '');
    await cycle(cityOffice, 2023, '');
    expect(await db.db.selectFrom('assessment_cycle').select('id').execute()).toHaveLength(7);
  });
});
