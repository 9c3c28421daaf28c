/**
 * Demo data for the yearly assessment (issue 4), written on first start with SEED_DEMO=true:
 * - the 2022 cycle, complete: the seed's scheme (frameworks/hunan-assessment-2022.json) published, the 14
 *   cities scored with the synthetic golden scores (frameworks/golden/hunan-2022-14-cities.json, 演示数据:
 *   长沙 +1 bonus, 株洲 +0.5 +0.2, 衡阳 −2 deduction, 湘西州 veto), every department's scores submitted and
 *   the results published;
 * - the 2023 cycle in its declaration phase as of the seed's notice (湘质强办发〔2023〕8号, issued
 *   2023-06-19, deadline 2023-07-10, contact 唐碧辉 0731-85693710), inviting the 18 departments the notice
 *   names, prefilled from the 2022 scheme. The deadline has passed in real time, so the declarations of the
 *   demo departments (省市场监督管理局, 省发展改革委) are reopened so that a newcomer can declare;
 * - 岳阳市质强办's own 2023 cycle for its 9 counties in its scoring phase (seedDemoCityCycle below), so that the
 *   score grid, the score sheet and the office's "评分未完成" have something to show on first start.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';
import type { Framework } from '../../shared/scoring/framework-schema';
import { DEFAULT_BANDS } from '../../shared/contracts/cycles';
import { unitResultView } from '../../shared/contracts/results';
import { checkAnswer, pointsLost } from '../../shared/scoring';
import { computeResults, findCycle, freezeResults, openCycle } from '../modules/assessment';
import { sessionOrg, type SessionUser } from '../core/session';
import { clockAt } from '../core/clock';
import { REPO_ROOT } from '../config';
import { loadDepartments } from '../modules/frameworks';
import { chinaDate } from '../../shared/deadline';

interface GoldenInput {
  framework: string;
  units: { unit: string; name: string; answers: Record<string, Record<string, unknown>> }[];
}

const read = <T>(rel: string): T => JSON.parse(fs.readFileSync(path.join(REPO_ROOT, rel), 'utf8')) as T;

export const DEMO_REOPEN_DEPARTMENTS = ['samr', 'ndrc'];

/**
 * The 扣分理由 of a demo score: every point the golden answers lose gets a written reason (the rule a real save
 * follows, scoring.commands requireReason); a score at full points gets none.
 */
export function demoReason(fw: Framework, item: string, criterion: string, answer: unknown): string | null {
  const r = checkAnswer(fw, item, criterion, answer);
  if (!r.ok) throw new Error(`demo score ${item}.${criterion}: ${r.message}`);
  const lost = pointsLost(fw, item, r, answer);
  if (lost === null) return null;
  const section = fw.sections.find((s) => s.items.some((i) => i.code === item))!;
  const it = section.items.find((i) => i.code === item)!;
  const c = it.criteria.find((x) => x.code === criterion)!;
  const what = (c.title.length > 40 ? `${c.title.slice(0, 40)}…` : c.title).replace(/[。；;，,]+$/, '');
  if (lost === '否决') return `（演示数据）经核查存在「${what}」情形，按方案一票否决`;
  if (section.role === 'deduction') return `（演示数据）经核查存在「${what}」情形，减${lost}分`;
  return `（演示数据）「${what}」未完全达到要求（${r.explanation}），扣${lost}分`;
}

export async function seedDemoAssessment(trx: Transaction<Database>): Promise<void> {
  const framework = read<Framework>('frameworks/hunan-assessment-2022.json');
  const golden = read<GoldenInput>('frameworks/golden/hunan-2022-14-cities.json');
  const orgs = await trx.selectFrom('org_unit').select(['id', 'code', 'name']).execute();
  const idOf = new Map(orgs.map((o) => [o.code, o.id]));
  const office = idOf.get('office')!;
  const officeUser = await trx.selectFrom('app_user').select(['id', 'username', 'display_name']).where('username', '=', 'office').executeTakeFirstOrThrow();
  const stamp = (d: string) => `${d}T02:00:00.000Z`;

  // ---- 2022: complete, published
  const { id: c22 } = await trx
    .insertInto('assessment_cycle')
    .values({
      year: 2022,
      office_org_id: office,
      title: '2022年度省政府对市州政府质量工作考核（演示数据）',
      base_cycle_id: null,
      status: 'published',
      notice_no: null,
      issued_on: null,
      deadline: '2022-07-10',
      contact_name: '唐碧辉',
      contact_phone: '0731-85693710',
      contact_email: 'hnszlfzj@163.com',
      grade_bands_json: JSON.stringify(framework.gradeBands ?? DEFAULT_BANDS),
      objection_start: '2023-03-01',
      objection_end: '2023-03-10',
      published_at: stamp('2023-03-20'),
      demo: 1,
      version: 1,
      created_at: stamp('2022-06-20'),
      updated_at: stamp('2023-03-20'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const cities = golden.units.map((u) => ({ ...u, id: idOf.get(u.unit)! }));
  await trx.insertInto('cycle_unit').values(cities.map((c) => ({ cycle_id: c22, org_unit_id: c.id }))).execute();
  await trx
    .insertInto('scheme')
    .values({
      cycle_id: c22,
      version_no: 1,
      status: 'published',
      framework_json: JSON.stringify(framework),
      reason: null,
      published_at: stamp('2022-09-01'),
      published_by: officeUser.id,
      version: 2,
      created_at: stamp('2022-06-20'),
      updated_at: stamp('2022-09-01'),
    })
    .execute();

  const evaluatorOf = new Map<string, number>();
  for (const s of framework.sections)
    for (const i of s.items) for (const c of i.criteria) evaluatorOf.set(`${i.code}.${c.code}`, idOf.get((c.evaluators ?? i.evaluators ?? ['office'])[0])!);
  const scoreRows = cities.flatMap((c) =>
    Object.entries(c.answers).flatMap(([item, crit]) =>
      Object.entries(crit).map(([code, answer]) => ({
        cycle_id: c22,
        unit_id: c.id,
        item_code: item,
        criterion_code: code,
        department_id: evaluatorOf.get(`${item}.${code}`)!,
        answer_json: JSON.stringify(answer),
        comment: demoReason(framework, item, code, answer),
        version: 1,
        updated_by: null,
        updated_at: stamp('2023-02-15'),
      })),
    ),
  );
  for (let i = 0; i < scoreRows.length; i += 100) await trx.insertInto('score').values(scoreRows.slice(i, i + 100)).execute();
  for (const dept of new Set(evaluatorOf.values())) {
    await trx
      .insertInto('score_submission')
      .values({ cycle_id: c22, department_id: dept, status: 'submitted', submitted_at: stamp('2023-02-20'), reopen_reason: null, version: 2, updated_at: stamp('2023-02-20') })
      .execute();
  }
  // One objection of the 2022 window, answered: 长沙市 questioned a lost point and the evaluating department kept
  // the score, so the objection list, the city's report and the 异议复核结果告知书 have something to show.
  const changsha = cities.find((c) => c.unit === '430100');
  const disputed = changsha && scoreRows.find((r) => r.unit_id === changsha.id && r.comment !== null);
  const cityUser = await trx.selectFrom('app_user').select('id').where('username', '=', 'changsha').executeTakeFirst();
  if (disputed && cityUser) {
    const answerer = await trx.selectFrom('app_user').select('id').where('org_unit_id', '=', disputed.department_id).orderBy('id').executeTakeFirst();
    await trx
      .insertInto('objection')
      .values({
        cycle_id: c22,
        unit_id: disputed.unit_id,
        item_code: disputed.item_code,
        criterion_code: disputed.criterion_code,
        department_id: disputed.department_id,
        reason: '我市该项工作已按要求完成，相关佐证材料已于评分前报送，请复核该项扣分。',
        status: 'upheld',
        response: `经复核，扣分依据为：${disputed.comment}。所附材料未能证明达到评分标准，维持原评分。`,
        before_answer_json: disputed.answer_json,
        after_answer_json: disputed.answer_json,
        raised_by: cityUser.id,
        raised_at: stamp('2023-03-05'),
        answered_by: answerer?.id ?? officeUser.id,
        answered_at: stamp('2023-03-08'),
        version: 2,
      })
      .execute();
  }
  // Frozen by the same functions as a real publication (compute from the stored scores, then freeze), so the
  // demo's cycle_result rows are the published view every reader expects.
  const computed = await computeResults(trx, (await findCycle(trx, c22))!);
  await freezeResults(trx, c22, computed.units, stamp('2023-03-20'));

  // ---- 2023: the call for indicators of seed 000, in its declaration phase
  const invited = loadDepartments().filter((d) => d.inNotice);
  const user: SessionUser = {
    id: officeUser.id,
    username: officeUser.username,
    displayName: officeUser.display_name,
    role: 'office',
    orgUnitId: office,
    org: await sessionOrg(trx, office),
    mustChangePassword: false,
    sessionId: '',
    csrfToken: '',
  };
  const c23 = await openCycle(
    { trx, user, clock: clockAt(new Date(stamp('2023-06-19'))) },
    {
      year: 2023,
      title: '2023年度省政府对市州政府质量工作考核',
      baseCycleId: c22,
      noticeNo: '湘质强办发〔2023〕8号',
      issuedOn: '2023-06-19',
      deadline: '2023-07-10',
      contactName: '唐碧辉',
      contactPhone: '0731-85693710',
      contactEmail: 'hnszlfzj@163.com',
      departmentIds: invited.map((d) => idOf.get(d.code)!),
    },
    framework,
  );
  await trx.updateTable('assessment_cycle').set({ demo: 1, created_at: stamp('2023-06-19') }).where('id', '=', c23).execute();
  const until = chinaDate(new Date(Date.now() + 60 * 86_400_000));
  for (const code of DEMO_REOPEN_DEPARTMENTS) {
    await trx
      .updateTable('declaration')
      .set({ reopened_until: until })
      .where('cycle_id', '=', c23)
      .where('department_id', '=', idOf.get(code)!)
      .execute();
  }

  // ---- 岳阳市's own 2023 cycle for its counties, in scoring (opened after the province's 2023 cycle, which keeps
  //      the lower id the journeys and tests have always found first)
  await seedDemoCityCycle(trx, framework, golden, idOf, stamp);
}

/** 岳阳市质强办's own demo cycle for its counties, in its scoring phase on first start */
export const DEMO_CITY_CYCLE = {
  cityCode: '430600',
  title: '2023年度对县市区政府质量工作考核（演示：评分阶段）',
  /** the department whose scores are all in and submitted */
  submitted: 'ndrc',
  /** departments with part of their scores saved: how many counties each has scored */
  partial: { samr: 4, ecology: 2 } as Record<string, number>,
} as const;

/**
 * 岳阳市质量强市领导小组办公室 assesses its 9 counties for 2023 the way the province assesses the cities
 * (the seeds: each city's office does the same for its counties), so that on first start there is a cycle in its
 * scoring phase: the scheme published from the 2022 framework (演示: the evaluating departments are the member
 * departments' demo accounts, the office's own key points fall to the city's office), 省发展改革委's scores all in
 * and submitted, 省市场监督管理局 and 省生态环境厅 with part of theirs saved (every lost point with its reason), the
 * rest not started. Every evaluating department has a 评分 to-do, and yueyang.office sees "评分未完成" with what
 * is missing. The county answers are the 2022 golden answers of the first nine cities (synthetic, 演示数据).
 */
async function seedDemoCityCycle(trx: Transaction<Database>, framework: Framework, golden: GoldenInput, idOf: Map<string, number>, stamp: (d: string) => string) {
  const cityOfficeId = idOf.get(`office-${DEMO_CITY_CYCLE.cityCode}`);
  const cityUser = await trx.selectFrom('app_user').select(['id', 'username', 'display_name']).where('username', '=', 'yueyang.office').executeTakeFirst();
  if (!cityOfficeId || !cityUser) return;
  const user: SessionUser = {
    id: cityUser.id,
    username: cityUser.username,
    displayName: cityUser.display_name,
    role: 'office',
    orgUnitId: cityOfficeId,
    org: await sessionOrg(trx, cityOfficeId),
    mustChangePassword: false,
    sessionId: '',
    csrfToken: '',
  };
  const id = await openCycle(
    { trx, user, clock: clockAt(new Date(stamp('2023-07-03'))) },
    { year: 2023, title: DEMO_CITY_CYCLE.title, baseFrameworkId: framework.id, issuedOn: '2023-07-03', deadline: '2023-07-24', departmentIds: [] },
    framework,
  );
  await trx.updateTable('assessment_cycle').set({ status: 'scoring', demo: 1, version: 3, created_at: stamp('2023-07-03'), updated_at: stamp('2023-09-01') }).where('id', '=', id).execute();
  await trx
    .updateTable('scheme')
    .set({ status: 'published', published_at: stamp('2023-09-01'), published_by: cityUser.id, version: 2, updated_at: stamp('2023-09-01') })
    .where('cycle_id', '=', id)
    .execute();
  const fw = JSON.parse((await trx.selectFrom('scheme').select('framework_json').where('cycle_id', '=', id).executeTakeFirstOrThrow()).framework_json) as Framework;

  // the evaluator of each criterion ('office' is the cycle's own office), as the 2022 cycle assigns them
  const evaluatorOf = new Map<string, number>();
  for (const sec of fw.sections)
    for (const i of sec.items)
      for (const c of i.criteria) {
        const code = (c.evaluators ?? i.evaluators ?? ['office'])[0];
        evaluatorOf.set(`${i.code}.${c.code}`, code === 'office' ? cityOfficeId : idOf.get(code)!);
      }
  const counties = await trx
    .selectFrom('cycle_unit')
    .innerJoin('org_unit', 'org_unit.id', 'cycle_unit.org_unit_id')
    .select('org_unit.id')
    .where('cycle_id', '=', id)
    .orderBy('org_unit.sort_order')
    .execute();
  const scoredCounties = new Map<number, number>([
    [idOf.get(DEMO_CITY_CYCLE.submitted)!, counties.length],
    ...Object.entries(DEMO_CITY_CYCLE.partial).map(([code, n]) => [idOf.get(code)!, n] as [number, number]),
  ]);
  const rows = counties.flatMap((county, k) =>
    Object.entries(golden.units[k].answers).flatMap(([item, crit]) =>
      Object.entries(crit).flatMap(([code, answer]) => {
        const dept = evaluatorOf.get(`${item}.${code}`);
        if (dept === undefined || k >= (scoredCounties.get(dept) ?? 0)) return [];
        return [
          {
            cycle_id: id,
            unit_id: county.id,
            item_code: item,
            criterion_code: code,
            department_id: dept,
            answer_json: JSON.stringify(answer),
            comment: demoReason(fw, item, code, answer),
            version: 1,
            updated_by: null,
            updated_at: stamp('2023-09-20'),
          },
        ];
      }),
    ),
  );
  for (let i = 0; i < rows.length; i += 100) await trx.insertInto('score').values(rows.slice(i, i + 100)).execute();
  const submitted = idOf.get(DEMO_CITY_CYCLE.submitted)!;
  for (const dept of [...new Set(evaluatorOf.values())].sort((a, b) => a - b)) {
    const done = dept === submitted;
    await trx
      .insertInto('score_submission')
      .values({ cycle_id: id, department_id: dept, status: done ? 'submitted' : 'open', submitted_at: done ? stamp('2023-09-25') : null, reopen_reason: null, version: done ? 2 : 1, updated_at: stamp(done ? '2023-09-25' : '2023-09-01') })
      .execute();
  }
}

/**
 * A data directory seeded before issue 8 holds the 2022 demo cycle's results in the engine's raw shape, which
 * no reader accepts. On start, a published demo cycle whose frozen rows are not the published view is frozen
 * again, by the same code a publication uses, keeping its publication time. Real (non-demo) cycles are never
 * touched: their results were frozen by a publication. Returns the ids of the cycles repaired.
 */
export async function repairDemoResults(db: Kysely<Database>): Promise<number[]> {
  const cycles = await db.selectFrom('assessment_cycle').select('id').where('demo', '=', 1).where('status', '=', 'published').execute();
  const repaired: number[] = [];
  for (const { id } of cycles) {
    const rows = await db.selectFrom('cycle_result').select(['detail_json', 'published_at']).where('cycle_id', '=', id).execute();
    const stale = rows.some((r) => !unitResultView.safeParse(JSON.parse(r.detail_json)).success);
    if (!stale) continue;
    await db.transaction().execute(async (trx) => {
      const computed = await computeResults(trx, (await findCycle(trx, id))!);
      await freezeResults(trx, id, computed.units, rows[0].published_at);
    });
    repaired.push(id);
  }
  return repaired;
}
