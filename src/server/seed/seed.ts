/**
 * First-start seed: the Hunan org tree (province, 14 cities and prefectures, 122 county-level divisions,
 * member departments, the provincial and city quality offices) and one demo account per role.
 * Runs only when the org table is empty, so a second start keeps all data.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { Role } from '../../shared/roles';
import { hashPassword, rememberPassword } from '../modules/auth';
import { loadIndicatorPlans } from '../modules/indicators';
import { loadPolicyFiles, readPolicyFiles } from '../modules/honours';
import { HUNAN_DIVISIONS } from './hunan-divisions';
import { seedDemoAssessment } from './demo-assessment';
import { seedDemoTodos } from './demo-todos';
import { seedDemoEvaluation } from './demo-evaluation';
import { seedDemoIndicatorReporting } from './demo-indicator-reporting';
import { seedDemoHonours } from './demo-honours';
import { REPO_ROOT } from '../config';
import { loadDepartments } from '../modules/frameworks';
import { seedDemoWorkplan } from './demo-workplan';
import { seedDemoAnalysis } from './demo-analysis';
import { seedDemoYueyangWorkplan } from './demo-workplan-yueyang';
import { seedDemoAttachments } from './demo-attachments';
import { seedDemoRectification } from './demo-rectification';
import { seedDemoIndicators } from './demo-indicators';

export const cityOfficeCode = (cityCode: string) => `office-${cityCode}`;

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  orgCode: string;
  note: string;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'admin', displayName: '系统管理员', role: 'sysadmin', orgCode: 'office', note: '组织机构、用户' },
  { username: 'secadmin', displayName: '安全管理员', role: 'secadmin', orgCode: 'office', note: '解锁、重置密码、分配角色' },
  { username: 'auditor', displayName: '审计管理员', role: 'auditor', orgCode: 'office', note: '审计日志' },
  { username: 'office', displayName: '唐碧辉', role: 'office', orgCode: 'office', note: '省质强办，组织考核与评价' },
  { username: 'yueyang.office', displayName: '岳阳市质强办', role: 'office', orgCode: cityOfficeCode('430600'), note: '岳阳市质强办，考核所辖县市区' },
  { username: 'samr', displayName: '省市场监管局联络员', role: 'department', orgCode: 'samr', note: '成员单位（评价部门）' },
  { username: 'ndrc', displayName: '省发展改革委联络员', role: 'department', orgCode: 'ndrc', note: '成员单位（评价部门）' },
  { username: 'changsha', displayName: '长沙市质量工作联络员', role: 'unit', orgCode: '430100', note: '被考核市州' },
  { username: 'yueyang', displayName: '岳阳市质量工作联络员', role: 'unit', orgCode: '430600', note: '被考核市州' },
  { username: 'yuelu', displayName: '岳麓区质量工作联络员', role: 'unit', orgCode: '430104', note: '县市区' },
  { username: 'expert', displayName: '王建国', role: 'expert', orgCode: 'office', note: '质量强市评价专家（组长）' },
  { username: 'expert2', displayName: '李敏', role: 'expert', orgCode: 'office', note: '质量强市评价专家（专家评分互不可见）' },
  { username: 'expert3', displayName: '陈志强', role: 'expert', orgCode: 'office', note: '质量强市评价专家' },
  { username: 'leader', displayName: '省领导', role: 'leader', orgCode: '430000', note: '只读查看结果' },
];

/**
 * Two of 岳阳市's counties, so that 岳阳市质强办's own 2026 work plan (demo-workplan-yueyang.ts) has units that sign,
 * report and are supervised beside 岳阳市 itself, the cities that own the demo's 整改事项, and a second member of the
 * provincial office's staff (`office2`). Kept out of DEMO_ACCOUNTS (the crawl walks those).
 */
export const COUNTY_DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'miluo', displayName: '汨罗市质量工作联络员', role: 'unit', orgCode: '430681', note: '岳阳市所辖县市（岳阳市工作要点的牵头、配合单位）' },
  { username: 'yueyanglou', displayName: '岳阳楼区质量工作联络员', role: 'unit', orgCode: '430602', note: '岳阳市所辖区（岳阳市工作要点的牵头、配合单位）' },
  // the owners of the demo's 整改事项 (demo-rectification.ts), so that each item's reports can be walked as its owner
  { username: 'hengyang', displayName: '衡阳市质量工作联络员', role: 'unit', orgCode: '430400', note: '被考核市州（2022年扣分的整改事项，延期申请待审批）' },
  { username: 'xiangxi', displayName: '湘西州质量工作联络员', role: 'unit', orgCode: '433100', note: '被考核市州（2022年否决项的整改事项，已下发督办单）' },
  { username: 'changde', displayName: '常德市质量工作联络员', role: 'unit', orgCode: '430700', note: '创建评价申请单位（评价扣分的整改事项）' },
  // a second member of the provincial office's staff: where the office consolidates a task itself (2023 tasks 1–2) one of
  // its staff asks for 延期 or 办结 and another decides (nobody decides their own request: workplan decideRefusal)
  { username: 'office2', displayName: '刘思远', role: 'office', orgCode: 'office', note: '省质强办第二名工作人员（审批本办牵头任务的延期、办结申请：不能审批本人提出的申请）' },
];

/**
 * One demo account per other member department (username = the department's code, e.g. agriculture,
 * drugs), so that a newcomer can score as every evaluating department and walk a cycle to its results.
 */
export function departmentDemoAccounts(): DemoAccount[] {
  const named = new Set(DEMO_ACCOUNTS.map((a) => a.orgCode));
  return loadDepartments()
    .filter((d) => d.code !== 'office' && !named.has(d.code))
    .map((d) => ({ username: d.code, displayName: `${d.name}联络员`, role: 'department' as const, orgCode: d.code, note: d.name }));
}

export async function isSeeded(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('org_unit').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function seedOrgTree(db: Kysely<Database>): Promise<void> {
  const now = new Date().toISOString();
  const ids = new Map<string, number>();
  const insert = async (v: { code: string; name: string; short_name?: string | null; kind: Database['org_unit']['kind']; parent: string | null; sort: number }) => {
    const { id } = await db
      .insertInto('org_unit')
      .values({
        code: v.code,
        name: v.name,
        short_name: v.short_name ?? null,
        kind: v.kind,
        parent_id: v.parent ? ids.get(v.parent)! : null,
        sort_order: v.sort,
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.set(v.code, id);
  };
  let sort = 0;
  for (const d of HUNAN_DIVISIONS) {
    await insert({ code: d.code, name: d.name, kind: d.level, parent: d.parentCode, sort: sort++ });
    if (d.level === 'city') {
      const short = d.name.replace(/(市|土家族苗族自治州)$/, '');
      await insert({
        code: cityOfficeCode(d.code),
        name: `${d.name}质量强市领导小组办公室`,
        short_name: `${short}${d.code === '433100' ? '州' : '市'}质强办`,
        kind: 'office',
        parent: d.code,
        sort: sort++,
      });
    }
  }
  for (const dep of loadDepartments()) {
    await insert({
      code: dep.code,
      name: dep.name,
      short_name: dep.shortName ?? null,
      kind: dep.code === 'office' ? 'office' : 'department',
      parent: '430000',
      sort: sort++,
    });
  }
}

/** Demo mode: every demo account. Otherwise only the three administrators, who must change the password at first login. */
export async function seedUsers(db: Kysely<Database>, password: string, demo: boolean): Promise<void> {
  const hash = await hashPassword(password);
  const now = new Date().toISOString();
  const accounts = demo ? [...DEMO_ACCOUNTS, ...COUNTY_DEMO_ACCOUNTS, ...departmentDemoAccounts()] : DEMO_ACCOUNTS.filter((a) => ['sysadmin', 'secadmin', 'auditor'].includes(a.role));
  for (const a of accounts) {
    const org = await db.selectFrom('org_unit').select('id').where('code', '=', a.orgCode).executeTakeFirstOrThrow();
    const { id } = await db
      .insertInto('app_user')
      .values({
        username: a.username,
        display_name: a.displayName,
        role: a.role,
        org_unit_id: org.id,
        phone: null,
        password_hash: hash,
        status: 'active',
        failed_attempts: 0,
        must_change_password: demo ? 0 : 1,
        password_changed_at: now,
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // the first password is in the history as every later one is: changing it at first login and back at once is refused
    // (an administrator's first password is DEMO_PASSWORD, which whoever deployed the platform knows)
    await rememberPassword(db, id, hash, now);
  }
}

/** Seed on first start (the org tree, accounts and — in demo mode — the 2022 and 2023 assessment cycles); returns true when it seeded. */
export async function seedIfEmpty(
  db: Kysely<Database>,
  opts: {
    demo: boolean;
    demoPassword: string;
    /** demo cycles (default true); tests opt out */ assessment?: boolean;
    /** where the demo's attachment files go (the data directory); without it the demo has no attachments */ dataDir?: string;
    /** the clock the demo's live items are dated from (config.now) */ now?: () => Date;
  },
): Promise<boolean> {
  if (await isSeeded(db)) return false;
  await db.transaction().execute(async (trx) => {
    await seedOrgTree(trx);
    await seedUsers(trx, opts.demoPassword, opts.demo);
    await loadIndicatorPlans(trx);
    // the incentive policies cut from the seeds (frameworks/policies/*.json): real documents, loaded in every mode
    await loadPolicyFiles(trx, readPolicyFiles(REPO_ROOT), false);
    if (opts.demo && opts.assessment !== false) await seedDemoAssessment(trx);
    if (opts.demo && opts.assessment !== false) await seedDemoTodos(trx, opts.demoPassword);
    if (opts.demo && opts.assessment !== false) await seedDemoEvaluation(trx);
    // plan indicators (issue 12): the 2021–2023 accepted values first, then the open 2024 period checks against them
    if (opts.demo && opts.assessment !== false) await seedDemoIndicators(trx);
    if (opts.demo && opts.assessment !== false) await seedDemoIndicatorReporting(trx);
    if (opts.demo && opts.assessment !== false) await seedDemoHonours(trx);
    if (opts.demo && opts.assessment !== false) await seedDemoWorkplan(trx);
    // 岳阳市质强办's live 2026 plan: to-dos on the demo's day for the city's units and its office
    if (opts.demo && opts.assessment !== false) await seedDemoYueyangWorkplan(trx);
    // 整改事项 (issue 13): dated from today so that they are live
    if (opts.demo && opts.assessment !== false) await seedDemoRectification(trx, opts.now?.() ?? new Date());
    // files on a value, a task report and a 整改 report written above
    if (opts.demo && opts.assessment !== false && opts.dataDir) await seedDemoAttachments(trx, opts.dataDir);
    // the quality analysis reports (DB43 4.8) read everything above, so they come last
    if (opts.demo && opts.assessment !== false) await seedDemoAnalysis(trx);
  });
  return true;
}
