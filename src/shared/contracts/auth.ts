import { text, z } from './common';
import { ROLES } from '../roles';
import { ALL_PERMISSIONS } from '../permissions';

/**
 * Passwords everyone tries first that still meet the character-class rule (compared ignoring case).
 * Kept short on purpose: the rule already refuses the all-lower-case and all-digit ones.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  'password1', 'password12', 'password123', 'password1!', 'password@1', 'password@123', 'password#123', 'p@ssw0rd',
  'p@ssword', 'p@ssword1', 'p@ssw0rd1', 'p@ssw0rd!', 'passw0rd', 'passw0rd!', 'pa$$w0rd', 'qwerty123', 'qwerty1!',
  'qwerty@123', 'qwerty123!', 'qwer1234', 'qwer@1234', 'qwe123!@#', 'abc12345', 'abc123456', 'abc@1234', 'abc@12345',
  'abc@123456', 'abcd1234', 'abcd@1234', 'abcd@123', 'abc123!@#', 'admin123', 'admin@123', 'admin@1234', 'admin123!',
  'admin@888', 'administrator1', 'aa123456', 'aa@123456', 'aa123456!', 'aa112233', 'a1234567', 'a12345678', 'a123456789',
  'a1b2c3d4', 'welcome1', 'welcome@1', 'welcome@123', 'welcome123', 'test@123', 'test1234', 'test@1234', 'root@123',
  'root1234', 'huawei@123', 'huawei123', 'changeme1', 'changeme!', 'letmein1', 'letmein!', 'iloveyou1', 'sunshine1',
  'football1', 'monkey123', 'dragon123', 'master123', 'zxcvbnm1', 'zxcvbnm123', 'zxc123456', 'asdf1234', 'asdf@1234',
  'asd123456', '1qaz2wsx', '1qaz@wsx', '1qaz2wsx!', '1qaz@2wsx', '!qaz2wsx', '1q2w3e4r', '1q2w3e4r!', '1q2w3e4r5t',
  'q1w2e3r4', 'q1w2e3r4t5', 'woaini1314', 'woaini520', 'a5201314', 'qq123456', 'qq@123456', 'china123', 'china@123',
  'beijing123', 'hunan@123', 'kaoping123', 'kaoping@123',
]);

/**
 * Password policy: 8–128 characters, at least three of lower case / upper case / digits / symbols, not a
 * common password, and not containing the username (when known).
 */
export function passwordProblems(pw: string, username?: string | null): string | null {
  if (pw.length < 8) return '密码长度至少8位';
  if (pw.length > 128) return '密码长度不能超过128位';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(pw)).length;
  if (classes < 3) return '密码须包含大写字母、小写字母、数字、特殊符号中的至少三类';
  if (COMMON_PASSWORDS.has(pw.toLowerCase())) return '该密码过于常见，容易被猜中，请换一个';
  const name = username?.trim().toLowerCase();
  if (name && name.length >= 3 && pw.toLowerCase().includes(name)) return '密码不能包含用户名';
  return null;
}

export const password = text().superRefine((pw, ctx) => {
  const problem = passwordProblems(pw);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const loginBody = z.strictObject({
  // usernames are lower case (users.ts): 「Changsha」 typed with a capital is the same account, not a failed sign-in
  username: text().trim().toLowerCase().min(1, { error: '请输入用户名' }).max(64),
  password: text().min(1, { error: '请输入密码' }).max(128),
});
export type LoginBody = z.infer<typeof loginBody>;

/** Why a session may do nothing but change its password. */
export const PASSWORD_CHANGE_REASONS = ['initial', 'reset', 'approval', 'expired'] as const;

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
  /** why the password must be changed first (null when it need not be) */
  passwordChangeReason: z.enum(PASSWORD_CHANGE_REASONS).nullable(),
  /** e.g. "密码已由 安全管理员 secadmin 于 11月28日 14:30 重置，…" — until the user sets their own password */
  passwordNotice: z.string().nullable(),
  permissions: z.array(z.enum(ALL_PERMISSIONS as [string, ...string[]])),
  csrfToken: z.string(),
  idleTimeoutMinutes: z.number(),
});
export type CurrentUser = z.infer<typeof currentUser>;
