/** Work-plan test steps several suites share (no vitest here). */
import type { Client } from './client';

/**
 * The lead reports (and submits) its consolidated report of every period past its date that is not in, so that it may
 * ask 办结 (closureWaitsOf refuses while one is late). Each report is checked: a step that fails throws with the answer.
 */
export async function reportLatePeriods(lead: Client, taskId: number, progress = 60): Promise<void> {
  const page = (await lead.request('GET', `/api/work-tasks/${taskId}`)).json;
  const today: string = page.plan.asOf;
  for (const p of page.periods as { code: string; dueOn: string }[]) {
    if (p.dueOn >= today) continue;
    const mine = (page.reports as { period: string; consolidated: boolean; status: string; version: number }[]).find((r) => r.period === p.code && r.consolidated);
    if (mine?.status === 'submitted') continue;
    const saved = await lead.request('PUT', `/api/work-tasks/${taskId}/reports/${p.code}`, { version: mine?.version ?? 0, progress, progressReason: '按实际进度填报', text: '按计划推进各项工作，阶段任务已完成。' });
    if (saved.status !== 200) throw new Error(`report ${p.code} of task ${taskId}: ${saved.status} ${JSON.stringify(saved.json)}`);
    const report = saved.json.reports.find((r: { period: string; consolidated: boolean }) => r.period === p.code && r.consolidated);
    const sent = await lead.request('POST', `/api/work-task-reports/${report.id}/submit`, { version: report.version });
    if (sent.status !== 200) throw new Error(`submit ${p.code} of task ${taskId}: ${sent.status} ${JSON.stringify(sent.json)}`);
  }
}
