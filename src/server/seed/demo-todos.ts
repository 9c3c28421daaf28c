/**
 * Demo data for the 待办 (issue 10), with the demo assessment: one account waiting for the security
 * administrator's review (so secadmin has a to-do on first start), and the office's reminder (催办) to the
 * provincial market regulator's outstanding 2023 declaration (so samr's to-do shows "已催办 1 次").
 */
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { writeAudit } from '../core/audit';
import { hashPassword } from '../modules/auth';

export const DEMO_PENDING_ACCOUNT = { username: 'zhuzhou.new', displayName: '株洲市质量工作联络员（新）', orgCode: '430200' } as const;

export async function seedDemoTodos(trx: Transaction<Database>, password: string): Promise<void> {
  const now = new Date().toISOString();
  const org = await trx.selectFrom('org_unit').select('id').where('code', '=', DEMO_PENDING_ACCOUNT.orgCode).executeTakeFirstOrThrow();
  await trx
    .insertInto('app_user')
    .values({
      username: DEMO_PENDING_ACCOUNT.username,
      display_name: DEMO_PENDING_ACCOUNT.displayName,
      role: 'unit',
      org_unit_id: org.id,
      phone: null,
      password_hash: await hashPassword(password),
      status: 'pending',
      failed_attempts: 0,
      must_change_password: 1,
      password_changed_at: now,
      version: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();

  const decl = await trx
    .selectFrom('declaration as d')
    .innerJoin('assessment_cycle as c', 'c.id', 'd.cycle_id')
    .innerJoin('org_unit as o', 'o.id', 'd.department_id')
    .select(['d.id', 'd.cycle_id', 'o.name'])
    .where('c.year', '=', 2023)
    .where('c.demo', '=', 1)
    .where('o.code', '=', 'samr')
    .executeTakeFirst();
  const office = await trx.selectFrom('app_user').select(['id', 'username', 'role']).where('username', '=', 'office').executeTakeFirst();
  if (!decl || !office) return;
  await writeAudit(
    trx,
    { userId: office.id, username: office.username, role: office.role, ip: null, userAgent: null, method: null, path: null },
    { action: 'declaration.remind', entityType: 'declaration', entityId: decl.id, before: { reminders: 0 }, after: { reminders: 1, department: decl.name }, cycleId: decl.cycle_id },
  );
}
