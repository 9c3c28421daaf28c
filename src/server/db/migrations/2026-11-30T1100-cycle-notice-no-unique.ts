// Frozen migration: never edit after it has shipped; add a new date-named file instead.
// A cycle's 文号 (notice_no: the number of its call for indicators, 湘质强办发〔2023〕8号) names one 公文, and each office
// (省质强办, or a city's 质强办 assessing its counties: assessment_cycle.office_org_id) numbers its own notices. Nothing
// kept an office from opening two cycles under one number. The unique index decides now, per office; a cycle opened
// without a 文号 (null, or the empty text an older form could send) is not counted. A database whose office already
// numbered two cycles alike stops here, naming them: which of the two carries a wrong number is a person's call (an
// issued notice's number is a record), and the index cannot be made over them.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const rows = await sql<{ id: number; office: string; notice_no: string; title: string }>`
    SELECT c.id, o.name AS office, c.notice_no, c.title FROM assessment_cycle c JOIN org_unit o ON o.id = c.office_org_id
    WHERE c.notice_no IS NOT NULL AND c.notice_no <> ''
      AND EXISTS (SELECT 1 FROM assessment_cycle d WHERE d.office_org_id = c.office_org_id AND d.notice_no = c.notice_no AND d.id <> c.id)
    ORDER BY c.office_org_id, c.notice_no, c.id`.execute(db);
  if (rows.rows.length) {
    const twins = new Map<string, string[]>();
    for (const r of rows.rows) {
      const key = `${r.office}“${r.notice_no}”`;
      twins.set(key, [...(twins.get(key) ?? []), `${r.title}（编号 ${r.id}）`]);
    }
    const list = [...twins].map(([key, cycles]) => `${key}：${cycles.join('、')}`).join('；');
    throw new Error(`年度考核的文号有重复（同一单位的两次考核用了同一文号）：${list}。请先核对并改正重复的文号后再启动`);
  }
  await sql`CREATE UNIQUE INDEX assessment_cycle_office_notice_no ON assessment_cycle (office_org_id, notice_no) WHERE notice_no IS NOT NULL AND notice_no <> ''`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('assessment_cycle_office_notice_no').execute();
}
