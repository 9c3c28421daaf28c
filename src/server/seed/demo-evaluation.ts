/**
 * Demo data of the creation evaluation (seed 004), on a fresh data directory beside the demo assessment cycles:
 * the provincial office's 2024 round (申请已截止) on sheet A.1 —
 * - 岳阳市 applied (contacts, the four 不予受理 declarations with statements); the office asked 省应急管理厅 and
 *   省生态环境厅, who found none applies, and accepted it: next, the evaluation plan;
 * - 浏阳市 applied and was refused on condition 1 (a 2022 major product quality accident, confirmed by 省市场监管局).
 * Rows are written as the workflow would leave them (statuses from src/shared/workflow/evaluation.ts), with
 * fixed dates in 2024. Marked 演示数据 in the round's title.
 */
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';

const DECLARED = (statement: string) => ['I1', 'I2', 'I3', 'I4'].map((code) => ({ code, applies: false, statement }));

export async function seedDemoEvaluation(trx: Transaction<Database>): Promise<void> {
  const fw = await trx.selectFrom('framework').select(['id', 'content_json']).where('id', '=', 'db43-quality-city').executeTakeFirst();
  if (!fw) return; // the frameworks are imported before the seed; without sheet A.1 there is nothing to show
  const orgs = new Map((await trx.selectFrom('org_unit').select(['id', 'code']).where('code', 'in', ['office', '430600', '430181', 'emergency', 'ecology', 'samr']).execute()).map((o) => [o.code, o.id]));
  const users = new Map((await trx.selectFrom('app_user').select(['id', 'username']).where('username', 'in', ['office', 'yueyang', 'emergency', 'ecology', 'samr']).execute()).map((u) => [u.username, u.id]));
  const office = users.get('office')!;
  const at = (d: string) => `${d}T02:00:00.000Z`;

  const round = await trx
    .insertInto('evaluation_round')
    .values({
      year: 2024,
      title: '2024年度质量强市（县）创建评价（演示数据）',
      organiser_org_id: orgs.get('office')!,
      framework_id: fw.id,
      framework_json: fw.content_json,
      status: 'closed',
      created_by: office,
      created_at: at('2024-03-01'),
      updated_at: at('2024-04-30'),
      version: 2,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  const yueyang = await trx
    .insertInto('evaluation_application')
    .values({
      round_id: round.id,
      applicant_org_id: orgs.get('430600')!,
      status: 'accepted',
      contact_name: '周建华',
      contact_phone: '0730-8225566',
      note: '岳阳市人民政府申请创建“质量强市”，自评材料随附。',
      conditions_json: JSON.stringify(DECLARED('经市应急管理局、市生态环境局、岳阳海关等单位核实，近三年本市未发生该情形。')),
      submitted_at: at('2024-04-10'),
      decided_at: at('2024-05-08'),
      decided_by: office,
      created_by: users.get('yueyang') ?? office,
      created_at: at('2024-04-02'),
      updated_at: at('2024-05-08'),
      version: 4,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [code, conditions, answer] of [
    ['emergency', ['I2'], '经核实，岳阳市近三年未发生重大安全生产事故。'],
    ['ecology', ['I2'], '经核实，岳阳市近三年未发生重大环境污染事件，长江岳阳段水质保持II类。'],
  ] as const) {
    await trx
      .insertInto('eligibility_consultation')
      .values({
        application_id: yueyang.id,
        department_id: orgs.get(code)!,
        conditions_json: JSON.stringify(conditions),
        question: '请核实岳阳市近三年是否存在下列不予受理情形，并于5月6日前回复。',
        status: 'answered',
        findings_json: JSON.stringify(conditions.map((c) => ({ code: c, applies: false }))),
        answer,
        asked_by: office,
        asked_at: at('2024-04-20'),
        answered_by: users.get(code) ?? null,
        answered_at: at('2024-05-05'),
        version: 2,
      })
      .execute();
  }

  const liuyang = await trx
    .insertInto('evaluation_application')
    .values({
      round_id: round.id,
      applicant_org_id: orgs.get('430181')!,
      status: 'refused',
      contact_name: '陈晓',
      contact_phone: '0731-83612345',
      note: '浏阳市申请创建“质量强市（县）”（纸质申请，由省质强办登记）。',
      conditions_json: JSON.stringify(DECLARED('近三年本市未发生该情形。')),
      refusal_condition: 'I1',
      refusal_reason: '经征求省市场监督管理局意见，浏阳市2022年发生一起烟花爆竹产品重大质量安全事故，属近三年发生重大产品质量安全事故的情形，按规范不予受理。',
      submitted_at: at('2024-04-12'),
      decided_at: at('2024-05-10'),
      decided_by: office,
      created_by: office,
      created_at: at('2024-04-12'),
      updated_at: at('2024-05-10'),
      version: 3,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('eligibility_consultation')
    .values({
      application_id: liuyang.id,
      department_id: orgs.get('samr')!,
      conditions_json: JSON.stringify(['I1']),
      question: '请核实浏阳市近三年是否发生重大产品质量安全事故。',
      status: 'answered',
      findings_json: JSON.stringify([{ code: 'I1', applies: true }]),
      answer: '2022年浏阳市发生一起烟花爆竹产品重大质量安全事故，已依法处理。',
      asked_by: office,
      asked_at: at('2024-04-20'),
      answered_by: users.get('samr') ?? null,
      answered_at: at('2024-05-06'),
      version: 2,
    })
    .execute();
}
