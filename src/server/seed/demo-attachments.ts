/**
 * Demo attachments (附件, issues 12 and 13), written after the indicator-reporting and work-plan demos when the
 * data directory is known: a small generated PDF on 长沙市's 2024 value of 制造业产品质量合格率 (reviewed, waiting
 * for the office's 确认 — the office sees it on 审核与确认) and one on 岳阳市's returned first-half sub-report of
 * task 5 (岳阳市 may add more while it corrects the report), and one on 常德市's 整改 report sent back by the office
 * (written after demo-rectification.ts), and one on item 1.1 of 岳阳市's submitted 2024 自评 (自评资料: the experts on
 * its panel, who declared no conflict, download it beside the item on their score sheets). The files go into the
 * shared blob store.
 */
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { writeBlob } from '../modules/evidence';
import { DEMO_REPORTING_INDICATOR } from './demo-indicator-reporting';
import { demoPdf } from './demo-pdf';

export async function seedDemoAttachments(trx: Transaction<Database>, dataDir: string): Promise<void> {
  const orgs = new Map((await trx.selectFrom('org_unit').select(['id', 'code']).where('code', 'in', ['430100', '430600', '430700']).execute()).map((o) => [o.code, o.id]));
  const users = new Map((await trx.selectFrom('app_user').select(['id', 'username']).where('username', 'in', ['changsha', 'yueyang', 'changde']).execute()).map((u) => [u.username, u.id]));
  const value = await trx
    .selectFrom('indicator_value as v')
    .innerJoin('indicator as i', 'i.id', 'v.indicator_id')
    .innerJoin('indicator_period as p', 'p.id', 'v.period_id')
    .select(['v.id', 'v.submitted_at'])
    .where('i.code', '=', DEMO_REPORTING_INDICATOR)
    .where('p.year', '=', 2024)
    .where('v.org_id', '=', orgs.get('430100') ?? -1)
    .executeTakeFirst();
  const report = await trx
    .selectFrom('work_task_report as r')
    .innerJoin('work_task as t', 't.id', 'r.task_id')
    .select(['r.id', 'r.updated_at'])
    .where('t.number', '=', 5)
    .where('r.org_id', '=', orgs.get('430600') ?? -1)
    .where('r.consolidated', '=', 0)
    .executeTakeFirst();
  const sentBack = await trx
    .selectFrom('rectification_report')
    .select(['id', 'submitted_at'])
    .where('status', '=', 'returned')
    .where('org_id', '=', orgs.get('430700') ?? -1)
    .executeTakeFirst();
  const selfAssessed = await trx
    .selectFrom('self_assessment as s')
    .innerJoin('evaluation_application as a', 'a.id', 's.application_id')
    .innerJoin('evaluation_round as r', 'r.id', 'a.round_id')
    .select(['a.id', 's.submitted_at'])
    .where('r.year', '=', 2024)
    .where('a.applicant_org_id', '=', orgs.get('430600') ?? -1)
    .where('s.status', '=', 'submitted')
    .executeTakeFirst();
  const files = [
    value && {
      owner_type: 'indicator_value' as const,
      owner_id: value.id,
      org: '430100',
      user: 'changsha',
      name: '长沙市2024年产品质量监督抽查结果通报（演示数据）.pdf',
      at: value.submitted_at ?? new Date().toISOString(),
      lines: ['Changsha 2024 product quality spot checks (demo data)', 'Manufacturing product quality pass rate: 94.6%', 'Kaoping demo attachment'],
    },
    report && {
      owner_type: 'work_report' as const,
      owner_id: report.id,
      org: '430600',
      user: 'yueyang',
      name: '岳阳市2023年上半年湖南名品参评企业情况表（演示数据）.pdf',
      at: report.updated_at,
      lines: ['Yueyang 2023 H1: Hunan brand products evaluation (demo data)', 'Task 5 sub-report attachment', 'Kaoping demo attachment'],
    },
    sentBack && {
      owner_type: 'rectification_report' as const,
      owner_id: sentBack.id,
      org: '430700',
      user: 'changde',
      name: '常德市质量工作考核结果运用通知（征求意见稿，演示数据）.pdf',
      at: sentBack.submitted_at ?? new Date().toISOString(),
      lines: ['Changde: notice on using quality assessment results (draft, demo data)', 'Rectification report attachment', 'Kaoping demo attachment'],
    },
    selfAssessed && {
      owner_type: 'self_assessment' as const,
      owner_id: selfAssessed.id,
      part: '1.1',
      org: '430600',
      user: 'yueyang',
      name: '岳阳市“十四五”质量发展规划（印发稿，演示数据）.pdf',
      at: selfAssessed.submitted_at ?? new Date().toISOString(),
      lines: ['Yueyang 14th five-year quality development plan (demo data)', 'Self-assessment material, item 1.1', 'Kaoping demo attachment'],
    },
  ];
  for (const f of files) {
    const orgId = f && orgs.get(f.org);
    const userId = f && users.get(f.user);
    if (!f || !orgId || !userId) continue;
    const data = demoPdf(f.lines);
    const sha256 = await writeBlob(dataDir, data);
    await trx
      .insertInto('attachment')
      .values({ owner_type: f.owner_type, owner_id: f.owner_id, part: 'part' in f ? f.part : null, org_id: orgId, file_name: f.name, mime_type: 'application/pdf', size_bytes: data.length, sha256, uploaded_by: userId, uploaded_at: f.at })
      .execute();
  }
}
