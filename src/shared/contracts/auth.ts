import { text, z } from './common';
import { ROLES } from '../roles';
import { ALL_PERMISSIONS } from '../permissions';

/** Password policy: at least 8 characters and at least three of: lower case, upper case, digits, symbols. */
export function passwordProblems(pw: string): string | null {
  if (pw.length < 8) return '密码长度至少 8 位';
  if (pw.length > 128) return '密码长度不能超过 128 位';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(pw)).length;
  if (classes < 3) return '密码须包含大写字母、小写字母、数字、特殊符号中的至少三类';
  return null;
}

export const password = text().superRefine((pw, ctx) => {
  const problem = passwordProblems(pw);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const loginBody = z.strictObject({
  username: text().trim().min(1, { error: '请输入用户名' }).max(64),
  password: text().min(1, { error: '请输入密码' }).max(128),
});
export type LoginBody = z.infer<typeof loginBody>;

export const changePasswordBody = z.strictObject({
  oldPassword: text().min(1, { error: '请输入原密码' }),
  newPassword: password,
});

export const currentUser = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  roleLabel: z.string(),
  orgUnit: z.object({ id: z.number(), code: z.string(), name: z.string(), kind: z.string() }),
  mustChangePassword: z.boolean(),
  permissions: z.array(z.enum(ALL_PERMISSIONS as [string, ...string[]])),
  csrfToken: z.string(),
  idleTimeoutMinutes: z.number(),
});
export type CurrentUser = z.infer<typeof currentUser>;
