/**
 * 整改事项 from the creation evaluation: once the 综合评价 is confirmed, the organiser turns chosen deductions into
 * items the applicant answers (what it did about each). The supervision module (issue 13) will follow them up with
 * deadlines, reports and closure. Change context first; audited; a lost update is a 409.
 */
import type { Consolidation } from '../../../../shared/evaluation/consolidate';
import { RECTIFICATION_WORKFLOW } from '../../../../shared/workflow/evaluation';
import type { Change } from '../../../core/change';
import { badRequest, conflict, forbidden, notFound } from '../../../core/errors';
import { transition } from '../../../core/transition';
import { isUniqueViolation } from '../../../db/errors';
import { isOwnApplication, mayManageRound, type RoundAccess } from '../evaluation.policy';
import { frameworkOfRound } from '../evaluation.presenter';
import { lockApplication, type ApplicationRow } from '../evaluation.queries';
import { deductionReasons } from '../review/review.commands';
import { plansOf } from '../review/review.queries';
import { findRectification, insertRectification } from './rectification.queries';

export async function raiseRectifications(c: Change, a: RoundAccess, seen: ApplicationRow, body: { itemCodes: string[]; dueOn: string | null }): Promise<void> {
  if (!mayManageRound(a)) throw forbidden('只有评价组织单位可以提出整改要求');
  const app = (await lockApplication(c.trx, seen.id))!;
  if (!app.consolidation_json) throw conflict('综合评价确认后才能就失分项目提出整改要求');
  const result = JSON.parse(app.consolidation_json) as Consolidation;
  const fw = frameworkOfRound(a.round);
  const plan = (await plansOf(c.trx, app.id)).find((p) => p.status === 'approved');
  const reasons = await deductionReasons(c.trx, fw, app.id, plan, new Set(result.items.flatMap((i) => i.scores.map((s) => s.expert))));
  const at = new Date().toISOString();
  for (const [n, code] of [...new Set(body.itemCodes)].entries()) {
    const item = result.items.find((i) => i.code === code);
    const lost = item && item.combined !== null ? Number(item.maximum) - Number(item.combined) : 0;
    if (!item || !(lost > 0)) throw badRequest(`第 ${code} 项没有失分，无需整改`, [{ field: `itemCodes.${n}`, message: '请选择失分的项目' }]);
    const why = Object.entries(reasons)
      .filter(([key]) => key.startsWith(`${code}.`))
      .flatMap(([, texts]) => texts);
    const agreed = item.agreed ? [`评价组确定：${item.agreed.reason}`] : [];
    const detail = [`失分 ${Number(lost.toFixed(2))} 分（${item.maximum} 分中得 ${item.combined} 分）`, ...why.map((t) => `专家意见：${t}`), ...agreed].join('\n');
    try {
      const { id } = await insertRectification(c.trx, {
        source_type: 'evaluation',
        source_id: app.id,
        source_ref: code,
        owner_org_id: app.applicant_org_id,
        raised_by_org_id: a.round.organiser_org_id,
        title: `第 ${code} 项：${item.title.replace(/[，,\s]+$/, '')}`,
        detail,
        due_on: body.dueOn,
        created_by: c.user.id,
        created_at: at,
      });
      await c.audit({ action: 'rectification.raise', entityType: 'rectification', entityId: id, after: { applicationId: app.id, item: code, dueOn: body.dueOn } });
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict(`第 ${code} 项已提出整改要求`, undefined, [{ field: `itemCodes.${n}`, message: '已提出' }]);
      throw e;
    }
  }
}

export async function answerRectification(c: Change, a: RoundAccess, app: ApplicationRow, id: number, body: { version: number; answer: string }): Promise<void> {
  const r = await findRectification(c.trx, id);
  if (!r || r.source_id !== app.id) throw notFound(`整改事项 ${id} 不存在`);
  if (!isOwnApplication(a, app)) throw forbidden('只有申请单位可以答复整改情况');
  if (r.version !== body.version) throw conflict('该整改事项已被答复或修改，请刷新后查看', { version: r.version });
  const at = new Date().toISOString();
  await transition({ trx: c.trx, audit: c.audit, user: c.user, workflow: RECTIFICATION_WORKFLOW, table: 'rectification', key: { id: r.id }, from: r.status, event: 'answer', entityId: r.id, set: { answer: body.answer, answered_by: c.user.id, answered_at: at } });
}
