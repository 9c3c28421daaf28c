/** Request shapes of plan-indicator reporting (issue 12, 数据填报与审核), shared by the forms and the server. */
import { dateOnly, id, int32, text, versionOf, yearOf, z } from './common';

const optionalText = (label: string, max: number) =>
  text({ error: `${label}须为文字` })
    .trim()
    .max(max, { error: `${label}不能超过${max}个字` })
    .nullable()
    .optional()
    .transform((s) => (s ? s : null))
    // its own name in a 400's summary (退回意见, not the neutral 说明 that field-labels gives every `comment`)
    .meta({ title: label });

export const createPeriodBody = z.strictObject({
  planId: id('规划编号须为正整数', '请选择规划'),
  year: yearOf('填报年度'),
  quarter: int32('季度须为1至4', 1, 4, '季度须为1至4').nullable().default(null),
  opensOn: dateOnly('开始日期'),
  closesOn: dateOnly('截止日期'),
  lockDays: int32('锁定天数须为整数', 0, 365, '锁定天数须在0至365之间'),
});
export type CreatePeriodBody = z.infer<typeof createPeriodBody>;
/** what a form sends (optional fields may be left out) */
export type CreatePeriodBodyInput = z.input<typeof createPeriodBody>;

export const saveValueBody = z.strictObject({
  periodId: id('填报期编号须为正整数', '请选择填报期'),
  indicatorId: id('指标编号须为正整数', '请选择指标'),
  orgId: id('填报单位编号须为正整数', '请选择填报单位'),
  value: z.number({ error: '数值须为数字' }).finite({ error: '数值须为数字' }),
  sourceDoc: optionalText('数据来源文件', 500),
  explanation: optionalText('情况说明', 2000),
  version: versionOf().optional(),
});
export type SaveValueBody = z.infer<typeof saveValueBody>;
/** what a form sends (optional fields may be left out) */
export type SaveValueBodyInput = z.input<typeof saveValueBody>;

export const moveValueBody = z.strictObject({
  event: z.enum(['submit', 'review', 'accept', 'return'], { error: '操作须为提交、审核通过、确认或退回' }),
  version: versionOf(),
  comment: optionalText('退回意见', 1000),
});
export type MoveValueBody = z.infer<typeof moveValueBody>;
/** what a form sends (optional fields may be left out) */
export type MoveValueBodyInput = z.input<typeof moveValueBody>;

export const reopenValueBody = z.strictObject({
  indicatorId: id('指标编号须为正整数', '请选择指标'),
  orgId: id('填报单位编号须为正整数', '请选择填报单位'),
  reason: text({ error: '请填写重新开放的理由' }).trim().min(2, { error: '重新开放须写明理由（至少2个字）' }).max(1000, { error: '理由不能超过1000个字' }),
});
export type ReopenValueBody = z.infer<typeof reopenValueBody>;
/** what a form sends (optional fields may be left out) */
export type ReopenValueBodyInput = z.input<typeof reopenValueBody>;
