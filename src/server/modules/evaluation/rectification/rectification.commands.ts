/**
 * 整改事项 from the creation evaluation: once the 综合评价 is confirmed (the on-site review concluded), the organiser
 * turns chosen deductions and on-site findings (site_finding) into items the applicant answers (what it did about each). The items are the rectification module's (its index): it
 * supervises them with deadlines, reports and closure like every other source. Change context first; audited.
 */
import type { Consolidation } from '../../../../shared/evaluation/consolidate';
import { itemOpinions } from '../../../../shared/evaluation/opinions';
import type { Change } from '../../../core/change';
import { badRequest, conflict, forbidden, notFound } from '../../../core/errors';
import { addDays } from '../../../../shared/deadline';
import { answerItem, dueOnRefusal, findRectification, raiseItem } from '../../rectification';
import { isOwnApplication, mayManageRound, type RoundAccess } from '../evaluation.policy';
import { criterionTitles, expertsScored, frameworkOfRound } from '../evaluation.presenter';
import { lockApplication, type ApplicationRow } from '../evaluation.queries';
import { deductionReasons } from '../review/review.commands';
import { approvedPlanOf } from '../review/review.queries';
import { findingsOf } from '../self/self.queries';
import { chinaDayOf } from '../../../../shared/deadline';
import { bareClause } from '../../../../shared/text';

/**
 * The one rule for raising 整改事项 from an application (deductions and on-site findings alike): the organiser, once
 * the 综合评价 is confirmed — the on-site review is then concluded and its findings final.
 */
function raiseRefusal(a: RoundAccess, app: ApplicationRow) {
  if (!mayManageRound(a)) return forbidden('只有评价组织单位可以提出整改要求');
  if (!app.consolidation_json) return conflict('综合评价确认（现场评审结束）后才能就失分项目或现场评审问题提出整改要求');
  return null;
}

const clip = (t: string, n: number) => (t.length > n ? `${t.slice(0, n)}…` : t);

/** `clock`: the platform's (config.now in tests), China's day as `today` — the same as the rectification module's own raises */
export async function raiseRectifications(c: Change, a: RoundAccess, seen: ApplicationRow, body: { itemCodes: string[]; findingIds: number[]; dueOn: string | null }): Promise<void> {
  const { clock } = c;
  const app = (await lockApplication(c.trx, seen.id))!;
  const refusal = raiseRefusal(a, app);
  if (refusal) throw refusal;
  const result = JSON.parse(app.consolidation_json!) as Consolidation;
  const fw = frameworkOfRound(a.round);
  const plan = await approvedPlanOf(c.trx, app.id);
  const reasons = body.itemCodes.length ? await deductionReasons(c.trx, fw, app.id, plan, expertsScored(result)) : {};
  const criteria = criterionTitles(fw);
  const { at, today } = clock;
  // the deadline chosen obeys the rule of every source (after today, within the longest term)
  const late = body.dueOn === null ? null : dueOnRefusal(body.dueOn, today);
  if (late) throw badRequest(late.message, [late]);
  // supervision needs a deadline: 60 days when the organiser set none
  const common = { owner_org_id: app.applicant_org_id, raised_by_org_id: a.round.organiser_org_id, due_on: body.dueOn ?? addDays(today, 60), started_on: today, created_by: c.user.id, created_at: at };
  for (const [n, code] of [...new Set(body.itemCodes)].entries()) {
    const item = result.items.find((i) => i.code === code);
    const lost = item && item.combined !== null ? Number(item.maximum) - Number(item.combined) : 0;
    if (!item || !(lost > 0)) throw badRequest(`第${code}项没有失分，无需整改`, [{ field: `itemCodes.${n}`, message: '请选择失分的项目' }]);
    const why = itemOpinions(criteria, reasons, code);
    const agreed = item.agreed ? [`评价组确定：${item.agreed.reason}`] : [];
    const detail = [`失分${Number(lost.toFixed(2))}分（${item.maximum}分中得${item.combined}分）`, ...why.map((t) => `专家意见：${t}`), ...agreed].join('\n');
    await raiseItem(
      c,
      { ...common, source_type: 'evaluation', source_id: app.id, source_ref: code, source_label: `${a.round.title} · 第${code}项`, title: `第${code}项：${item.title.replace(/[，,\s]+$/, '')}`, detail },
      `itemCodes.${n}`,
    );
  }
  const findings = body.findingIds.length ? await findingsOf(c.trx, app.id) : [];
  for (const [n, findingId] of [...new Set(body.findingIds)].entries()) {
    const f = findings.find((x) => x.id === findingId);
    if (!f) throw badRequest(`本申请没有编号为${findingId}的现场评审问题`, [{ field: `findingIds.${n}`, message: '请从现场评审问题清单中选择' }]);
    const where = f.item_code ? `第${f.item_code}项` : '总体';
    await raiseItem(
      c,
      {
        ...common,
        source_type: 'evaluation_site',
        source_id: app.id,
        source_ref: String(f.id),
        source_label: `${a.round.title} · 现场评审问题（${where}）：${clip(f.text, 30)}`,
        title: `现场评审问题（${where}）：${clip(bareClause(f.text), 60)}`,
        // not who recorded it: the 整改单位 is the applicant, which reads the findings, not which expert found what (mayReadFindingRecorder)
        detail: `现场评审发现：${f.text}\n记录日期：${chinaDayOf(f.recorded_at)}`,
      },
      `findingIds.${n}`,
    );
  }
}

export async function answerRectification(c: Change, a: RoundAccess, app: ApplicationRow, id: number, body: { version: number; answer: string }): Promise<void> {
  const { clock } = c;
  const r = await findRectification(c.trx, id);
  if (!r || (r.source_type !== 'evaluation' && r.source_type !== 'evaluation_site') || r.source_id !== app.id) throw notFound(`整改事项${id}不存在`);
  if (!isOwnApplication(a, app)) throw forbidden('只有申请单位可以答复整改情况');
  await answerItem(c, r, body, clock.at);
}
