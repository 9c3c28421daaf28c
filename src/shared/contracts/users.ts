import { z, id, idText, pageQuery, text, versionOf } from './common';
import { ROLES } from '../roles';
import { password } from './auth';

export const userSummary = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  orgUnitId: z.number(),
  orgUnitName: z.string(),
  status: z.enum(['active', 'disabled']),
  lockedUntil: z.string().nullable(),
  phone: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  version: z.number(),
});
export type UserSummary = z.infer<typeof userSummary>;

const username = text()
  .trim()
  .min(3, { error: '用户名至少 3 个字符' })
  .max(32, { error: '用户名不超过 32 个字符' })
  .regex(/^[a-z0-9._-]+$/, { error: '用户名只能包含小写字母、数字、点、下划线和连字符' });

const phone = text()
  .trim()
  .regex(/^[0-9+\- ]{5,20}$/, { error: '电话号码格式不正确' })
  .nullable()
  .optional();

export const createUserBody = z.strictObject({
  username,
  displayName: text().trim().min(1, { error: '请填写姓名' }).max(40, { error: '姓名不超过 40 个字' }),
  role: z.enum(ROLES, { error: `角色须为 ${ROLES.join('、')} 之一` }),
  orgUnitId: id('所属单位 orgUnitId 须为正整数', '请选择所属单位（orgUnitId）'),
  phone,
  password,
});
export type CreateUserBody = z.infer<typeof createUserBody>;

export const updateUserBody = z.strictObject({
  displayName: createUserBody.shape.displayName.optional(),
  orgUnitId: createUserBody.shape.orgUnitId.optional(),
  phone,
  status: z.enum(['active', 'disabled'], { error: '状态须为 active 或 disabled' }).optional(),
  version: versionOf(),
});

export const setRoleBody = z.strictObject({
  role: createUserBody.shape.role,
  version: versionOf(),
});

export const resetPasswordBody = z.strictObject({ password });

export const userListQuery = z.strictObject({
  ...pageQuery,
  q: text().trim().max(64).optional(),
  role: z.enum(ROLES).optional(),
  orgUnitId: idText('orgUnitId 须为正整数').optional(),
});
