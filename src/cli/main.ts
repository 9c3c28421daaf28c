/**
 * kaoping — command line of the scoring engine.
 *
 *   kaoping score --framework <id> --input <file.json> [--format json|table|xlsx] [--out file]
 *   kaoping frameworks
 *   kaoping validate <framework file>
 *   kaoping backup [file] [--schema s]      database copy + evidence files, with a SHA-256 manifest
 *   kaoping restore <file> [--schema s]     verify the archive, then replace the database and evidence
 *   kaoping audit verify        (walks the audit log's hash chain; DATABASE_URL / DATA_DIR as the server)
 *   kaoping user reset-password <username>   (a one-time password; the only way for the three administrators)
 *
 * Exit codes: 0 done; 1 `validate` found errors in the framework, or a backup/restore failed (a damaged archive
 * changes nothing); 2 bad input or usage (unknown framework,
 * unknown code, wrong answer kind, level not listed, value out of range …) — every problem is printed in
 * Chinese, naming the unit, the code and what is allowed.
 * Frameworks are read from frameworks/*.json, or from $KAOPING_FRAMEWORKS_DIR.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { ScoringInputError, parseScoreInput } from '../shared/scoring/errors';
import { scoreFramework } from '../shared/scoring/engine';
import { validateFramework } from '../shared/scoring/validator';
import { FrameworkLoadError, frameworksDir, listFrameworks, loadFramework, parseFramework } from './frameworks';
import { formatTable, writeXlsx } from './format';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

const defaultIo: Io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
};

export const USAGE = `用法：
  kaoping score --framework <id> --input <答案文件.json> [--format json|table|xlsx] [--out 输出文件]
  kaoping frameworks                      列出指标体系
  kaoping validate <指标体系文件.json>     校验指标体系（分值合计、规则上限等）
  kaoping backup [备份文件.zip] [--schema 模式]   备份数据库与佐证材料（含 SHA-256 清单）
  kaoping restore <备份文件.zip> [--schema 模式]  校验备份后恢复（会覆盖现有数据，请先停止服务）
  kaoping audit verify                    校验审计日志哈希链（数据库同服务端：DATABASE_URL 或 DATA_DIR）
  kaoping user create <用户名> --role <角色> --name <姓名> --org <单位代码> [--phone 电话]
                                          新建账户并生成一次性密码（系统管理员、安全管理员、审计管理员账户只能这样新建）
  kaoping user reset-password <用户名>     生成一次性密码（三员账户的密码只能在服务器上这样重置）
  kaoping user update <用户名> [--name 姓名] [--phone 电话]
                                          修改姓名、联系电话（安全管理员、审计管理员的账户只能在服务器上这样修改）
退出码：0成功；1指标体系校验有错误、备份/恢复失败（备份文件损坏时不做任何更改）或审计日志哈希链断裂；2输入或用法有误。
指标体系目录：frameworks/（可用环境变量 KAOPING_FRAMEWORKS_DIR 指定）
备份与恢复读取与服务相同的环境变量 DATA_DIR、DATABASE_URL。
`;

class UsageError extends Error {}

function parseArgs(argv: string[]): { positional: string[]; flags: Map<string, string> } {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) flags.set(a.slice(2, eq), a.slice(eq + 1));
      else if (a === '--help') flags.set('help', '');
      else {
        const v = argv[i + 1];
        if (v === undefined || v.startsWith('--')) throw new UsageError(`参数 ${a} 缺少取值`);
        flags.set(a.slice(2), v);
        i++;
      }
    } else positional.push(a);
  }
  return { positional, flags };
}

function checkFlags(flags: Map<string, string>, allowed: string[]): void {
  for (const k of flags.keys()) if (!allowed.includes(k)) throw new UsageError(`未知参数 --${k}；允许：${allowed.map((a) => `--${a}`).join('、')}`);
}

async function score(flags: Map<string, string>, io: Io): Promise<number> {
  checkFlags(flags, ['framework', 'input', 'format', 'out']);
  const inputFile = flags.get('input');
  if (!inputFile) throw new UsageError('缺少 --input <答案文件.json>');
  const format = flags.get('format') ?? 'json';
  if (!['json', 'table', 'xlsx'].includes(format)) throw new UsageError(`--format 只能是 json、table 或 xlsx（填的是${format}）`);
  const out = flags.get('out');
  if (format === 'xlsx' && !out) throw new UsageError('--format xlsx 需要用 --out 指定输出文件');

  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(inputFile, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(code ? `无法读取答案文件「${inputFile}」：${code}` : `答案文件「${inputFile}」不是合法的 JSON：${(e as Error).message}`);
  }
  const input = parseScoreInput(raw);
  const id = flags.get('framework') ?? input.framework;
  if (input.framework !== id)
    throw new UsageError(`--framework 指定的「${id}」与答案文件中的 "framework": "${input.framework}" 不一致`);
  const { framework } = loadFramework(id);
  const results = scoreFramework(framework, input);
  if (format === 'xlsx') {
    await writeXlsx(results, out!);
    io.err(`已写入「${out}」（${results.units.length}个单位）\n`);
    return 0;
  }
  const text = format === 'table' ? formatTable(results) : JSON.stringify(results, null, 2) + '\n';
  if (out) {
    writeFileSync(out, text);
    io.err(`已写入「${out}」（${results.units.length}个单位）\n`);
  } else io.out(text);
  return 0;
}

function frameworks(io: Io): number {
  const entries = listFrameworks();
  if (!entries.length) {
    io.out(`目录「${frameworksDir()}」中没有指标体系\n`);
    return 0;
  }
  for (const e of entries) {
    if (e.loaded) {
      const f = e.loaded.framework;
      const kind = f.kind === 'assessment' ? '考核' : '评价';
      const extra = f.kind === 'evaluation' && f.passMark !== undefined ? `，${f.passMark}分合格` : '';
      const warn = e.loaded.warnings.length ? `，${e.loaded.warnings.length}条警告` : '';
      io.out(`${f.id}\t版本${f.version}\t${kind}\t总分${f.totalPoints}${extra}${warn}\t${f.title}\n`);
    } else {
      io.out(`（无法使用）${e.file}：${e.error?.message.split('\n')[0]}\n`);
    }
  }
  return 0;
}

function validate(positional: string[], io: Io): number {
  const file = positional[0];
  if (!file) throw new UsageError('缺少指标体系文件：kaoping validate <指标体系文件.json>');
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(code ? `无法读取文件「${file}」：${code}` : `文件「${file}」不是合法的 JSON：${(e as Error).message}`);
  }
  const fw = parseFramework(value, file);
  const report = validateFramework(fw);
  for (const e of report.errors) io.out(`错误  ${e.code ? `${e.code}：` : ''}${e.message}\n`);
  for (const w of report.warnings) io.out(`警告  ${w.code ? `${w.code}：` : ''}${w.message}\n`);
  io.out(
    report.errors.length
      ? `指标体系${fw.id}未通过校验：${report.errors.length}个错误，${report.warnings.length}条警告\n`
      : `指标体系${fw.id}通过校验（${report.warnings.length}条警告）\n`,
  );
  return report.errors.length ? 1 : 0;
}

async function backupCommand(command: 'backup' | 'restore', positional: string[], flags: Map<string, string>, io: Io): Promise<number> {
  checkFlags(flags, ['schema']);
  if (positional.length > 1) throw new UsageError(`多余的参数：${positional.slice(1).join(' ')}`);
  // loaded only here: the scoring commands need no database driver
  const { loadConfig } = await import('../server/config');
  const { BackupError, createBackup, defaultBackupName, restoreBackup } = await import('../server/backup/backup');
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const target = { databaseUrl: config.databaseUrl, dataDir: config.dataDir, schema: flags.get('schema') };
  try {
    if (command === 'backup') {
      const file = positional[0] ?? defaultBackupName();
      const m = await createBackup(target, file);
      const evidence = m.entries.filter((e) => e.path.startsWith('evidence/')).length;
      io.err(`已写入备份「${file}」（${m.dialect === 'sqlite' ? 'SQLite' : `PostgreSQL 模式「${m.schema}」`}，佐证材料${evidence}个文件）\n`);
      return 0;
    }
    const file = positional[0];
    if (!file) throw new UsageError('缺少备份文件：kaoping restore <备份文件.zip>');
    const m = await restoreBackup(target, file);
    io.err(`已从「${file}」恢复（备份时间${m.createdAt}，${m.entries.length}个文件均通过 SHA-256 校验）\n`);
    return 0;
  } catch (e) {
    if (e instanceof BackupError) {
      io.err(`${command === 'backup' ? '备份' : '恢复'}失败：${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

/** The database the server uses (DATABASE_URL, or the SQLite file under DATA_DIR), which must exist. */
async function serverDb() {
  const { loadConfig } = await import('../server/config');
  const { connect } = await import('../server/db/connection');
  const config = loadConfig();
  const file = config.databaseUrl.replace(/^sqlite:(\/\/)?/, '');
  if (!/^postgres(ql)?:\/\//.test(config.databaseUrl) && !existsSync(file)) {
    throw new UsageError(`数据库文件「${file}」不存在；请用 DATABASE_URL 或 DATA_DIR 指向服务端使用的数据库`);
  }
  return connect({ url: config.databaseUrl, poolSize: 1 });
}

/** `audit verify`: walk the hash chain of the database the server uses; 0 intact, 1 broken. */
async function audit(positional: string[], io: Io): Promise<number> {
  if (positional[0] !== 'verify' || positional.length > 1) throw new UsageError('用法：kaoping audit verify');
  const { verifyChain } = await import('../server/core/audit-chain');
  const db = await serverDb();
  try {
    const report = await verifyChain(db.db);
    (report.ok ? io.out : io.err)(`${report.message}\n`);
    return report.ok ? 0 : 1;
  } catch (e) {
    throw new UsageError(`无法读取审计日志（${db.describe}）：${(e as Error).message}。请确认 DATABASE_URL / DATA_DIR 指向已迁移的数据库`);
  } finally {
    await db.close();
  }
}

/**
 * `user reset-password <用户名>`: a one-time password for any account, printed once. The three administrators'
 * passwords are reset only here (三员分立: the security administrator may not reset the auditor's on the web page).
 */
async function user(positional: string[], flags: Map<string, string>, io: Io): Promise<number> {
  const [action, username, ...extra] = positional;
  if (!username || extra.length || !['reset-password', 'update', 'create'].includes(action)) {
    throw new UsageError('用法：kaoping user create <用户名> --role <角色> --name <姓名> --org <单位代码>、kaoping user reset-password <用户名> 或 kaoping user update <用户名> [--name 姓名] [--phone 电话]');
  }
  checkFlags(flags, action === 'update' ? ['name', 'phone'] : action === 'create' ? ['role', 'name', 'org', 'phone'] : []);
  const { createUserOnServer, resetPasswordOnServer, updateUserOnServer } = await import('../server/modules/users');
  const { ROLE_LABELS } = await import('../shared/roles');
  const operator = `${userInfo().username}@${hostname()}`;
  const db = await serverDb();
  try {
    if (action === 'create') {
      for (const [flag, what] of [['role', '角色（如 auditor、sysadmin、secadmin）'], ['name', '姓名'], ['org', '单位代码（如 OFFICE）']] as const) {
        if (!flags.get(flag)) throw new UsageError(`请用 --${flag} 指定${what}`);
      }
      const r = await createUserOnServer(db.db, { username, displayName: flags.get('name'), role: flags.get('role'), orgCode: flags.get('org'), phone: flags.get('phone')?.trim() || null }, operator);
      if ('problem' in r) {
        io.err(`未新建：${r.problem}\n`);
        return 2;
      }
      io.out(
        `已新建${r.user.displayName}（${r.user.username}，${ROLE_LABELS[r.user.role]}，${r.user.orgUnitName}），账户已启用。\n` +
          `一次性密码（只显示这一次，请当面或电话告知本人；用它登录后只能先修改密码）：\n${r.oneTimePassword}\n`,
      );
      return 0;
    }
    if (action === 'update') {
      if (!flags.size) throw new UsageError('请用 --name 或 --phone 指定要修改的内容（--phone "" 清除电话）');
      const phone = flags.get('phone');
      const change = { ...(flags.has('name') ? { displayName: flags.get('name') } : {}), ...(phone !== undefined ? { phone: phone.trim() || null } : {}) };
      const parsed = (await import('../shared/contracts/users')).updateUserBody.safeParse({ ...change, version: 1 });
      if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join('；'));
      const after = await updateUserOnServer(db.db, username, change, operator);
      if (!after) {
        io.err(`没有用户名为「${username}」的账户\n`);
        return 2;
      }
      io.out(`已修改${after.username}（${ROLE_LABELS[after.role]}）：姓名${after.displayName}，联系电话${after.phone ?? '无'}\n`);
      return 0;
    }
    const hours = (await import('../server/config')).loadConfig().oneTimePasswordHours;
    const { chinaDateTime } = await import('../server/modules/auth');
    const r = await resetPasswordOnServer(db.db, username, operator, { oneTimePasswordHours: hours });
    if (!r) {
      io.err(`没有用户名为「${username}」的账户\n`);
      return 2;
    }
    io.out(
      `已重置${r.user.displayName}（${r.user.username}，${ROLE_LABELS[r.user.role]}）的密码，其现有登录已结束。\n` +
        `一次性密码（只显示这一次，请当面或电话告知本人；用它登录后只能先修改密码；${hours}小时内有效，至${chinaDateTime(r.validUntil)}，逾期须重新重置）：\n${r.oneTimePassword}\n`,
    );
    return 0;
  } finally {
    await db.close();
  }
}

/** Run the CLI; returns the exit code. Never throws for a person's mistake. */
export async function run(argv: string[], io: Io = defaultIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    const { positional, flags } = parseArgs(rest);
    if (!command || command === 'help' || command === '--help' || flags.has('help')) {
      io.out(USAGE);
      return command ? 0 : 2;
    }
    switch (command) {
      case 'score':
        if (positional.length) throw new UsageError(`多余的参数：${positional.join(' ')}`);
        return await score(flags, io);
      case 'frameworks':
        checkFlags(flags, []);
        return frameworks(io);
      case 'validate':
        checkFlags(flags, []);
        return validate(positional, io);
      case 'backup':
      case 'restore':
        return await backupCommand(command, positional, flags, io);
      case 'audit':
        checkFlags(flags, []);
        return await audit(positional, io);
      case 'user':
        return await user(positional, flags, io);
      default:
        throw new UsageError(`未知命令「${command}」`);
    }
  } catch (e) {
    if (e instanceof ScoringInputError) {
      io.err(`评分输入有误（共${e.issues.length}处）：\n`);
      for (const i of e.issues) io.err(`  ${i.unit ? `单位${i.unit}` : '（输入）'}，${i.code || '(整体)'}：${i.message}\n`);
      return 2;
    }
    if (e instanceof FrameworkLoadError) {
      io.err(`${e.message}\n`);
      return 2;
    }
    if (e instanceof UsageError) {
      io.err(`${e.message}\n\n${USAGE}`);
      return 2;
    }
    throw e;
  }
}
