/**
 * The live results name each key point's evaluating department as the scheme (seed 000 附件4) does, by the one
 * rule the result documents and the 附件4 export use (`evaluatorNames()`): 质量强省领导小组办公室, 省发改委 — never
 * the stored short name 省质强办 — and, in a city office's own assessment of its counties, the org code 'office'
 * is that cycle's own office (岳阳市质强办 scores those key points), not the province's.
 *
 * The demo data: 岳阳市质强办's 2023 cycle for its 9 counties, in scoring (省发展改革委 submitted, 省市场监督管理局
 * and 省生态环境厅 part-scored), read live as yueyang.office.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeTestApp, orgId, testDialects, type TestApp } from '../../../test/helpers';

describe.each(testDialects())('evaluating departments in the live results, on %s', (dialect) => {
  let t: TestApp;
  let cityCycle: number;

  beforeAll(async () => {
    t = await makeTestApp(dialect, {}, { demoAssessment: true });
    const province = await orgId(t.db, 'office');
    const cycles = await t.db.db.selectFrom('assessment_cycle').select(['id', 'year', 'office_org_id']).execute();
    cityCycle = cycles.find((c) => c.year === 2023 && c.office_org_id !== province)!.id;
  });
  afterAll(() => t.close());

  it('岳阳市’s county assessment names its own office for the key points 岳阳市质强办 scores, and the departments by the scheme’s names', async () => {
    const r = await (await login(t.app, 'yueyang.office')).request('GET', `/api/cycles/${cityCycle}/results`);
    expect(r.status).toBe(200);
    expect(r.json.stage).toBe('preliminary');
    const lines = r.json.units.flatMap((u: any) => u.criteria) as { code: string; department: { code: string; name: string } | null }[];
    const nameOf = (code: string) => [...new Set(lines.filter((c) => c.department?.code === code).map((c) => c.department!.name))];
    // 1.a (实施质量强省战略) is the office's: the city's own 质量强市领导小组办公室, as its scheme's 附件4 prints it
    expect(lines.find((c) => c.code === '1.a')!.department).toEqual({ code: 'office', name: '质量强市领导小组办公室' });
    expect(nameOf('office')).toEqual(['质量强市领导小组办公室']);
    expect(nameOf('ndrc')).toEqual(['省发改委']);
    expect(nameOf('samr')).toEqual(['省市场监督管理局']);
    expect(JSON.stringify(r.json)).not.toContain('省质强办');
  });
  it('an early publication that includes 岳阳市质强办 shows a county the key points that office scored (the framework calls it \'office\', its org code is office-430600)', async () => {
    const cityOffice = await login(t.app, 'yueyang.office');
    const officeOrg = await orgId(t.db, 'office-430600');
    await t.db.db.updateTable('score_submission').set({ status: 'submitted' }).where('cycle_id', '=', cityCycle).where('department_id', '=', officeOrg).execute();
    const v = (await t.db.db.selectFrom('assessment_cycle').select('version').where('id', '=', cityCycle).executeTakeFirstOrThrow()).version;
    const ok = await cityOffice.request('POST', `/api/cycles/${cityCycle}/preliminary`, { reason: '部分部门延期提交，先公布已提交部门的评分', version: v });
    expect(ok.status).toBe(200);
    const miluo = await login(t.app, 'miluo');
    const r = await miluo.request('GET', `/api/cycles/${cityCycle}/results`);
    expect(r.status).toBe(200);
    const lines = r.json.units[0].criteria as { code: string; department: { code: string; name: string } }[];
    expect(new Set(lines.map((c) => c.department.code))).toEqual(new Set(['ndrc', 'office']));
    expect(lines.find((c) => c.code === '1.a')!.department).toEqual({ code: 'office', name: '质量强市领导小组办公室' });
  });
});
