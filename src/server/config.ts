import net from 'node:net';
import path from 'node:path';

/**
 * The checkout's root: the data cut from the seeds (frameworks/) ships beside the code and is read from here, by
 * the modules that load it (frameworks, indicators, work plan, policies), the seed and the start-up.
 */
export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

/** Every setting the platform reads, all from the environment (documented in README.md). */
export interface Config {
  host: string;
  port: number;
  dataDir: string;
  /** postgres://… or a SQLite file path */
  databaseUrl: string;
  sessionIdleMinutes: number;
  lockoutAttempts: number;
  lockoutMinutes: number;
  bodyLimitBytes: number;
  cookieSecure: boolean;
  seedDemo: boolean;
  demoPassword: string;
  logLevel: string;
  webDir: string;
  /** the largest evidence file (佐证材料), bytes; default and ceiling 20 MB (EVIDENCE_MAX_BYTES) */
  evidenceMaxBytes?: number;
  /** on SIGTERM/SIGINT: how long in-flight requests may take to finish before the process exits anyway, ms */
  shutdownGraceMs: number;
  /** a session ends this many hours after sign-in however active it is (SESSION_MAX_HOURS, default 12) */
  sessionMaxHours: number;
  /** passwords older than this must be changed before anything else; null = no expiry (PASSWORD_MAX_AGE_DAYS) */
  passwordMaxAgeDays: number | null;
  /** a one-time password (a reset's, an approval's) signs in for this many hours after it was issued (ONE_TIME_PASSWORD_HOURS, default 72) */
  oneTimePasswordHours: number;
  /** login attempts per source IP per minute (LOGIN_RATE_LIMIT_PER_MINUTE, default 20) */
  loginRateLimitPerMinute: number;
  /** failures on one account from all sources within LOCKOUT_MINUTES after which only clean sources may try (LOGIN_ACCOUNT_FAILURES, default 20) */
  loginAccountFailures: number;
  /** refusals of one signed-in user per minute, each written to the audit log; past it 429 until the minute ends (DENIED_PER_MINUTE, default 60) */
  deniedPerMinute: number;
  /**
   * Which reverse proxies are believed about the client address (X-Forwarded-For), TRUST_PROXY: none (false,
   * the socket's address is the client's), a list of proxy IPs/CIDRs, or a hop count. Passed to Fastify.
   */
  trustProxy?: false | number | string[];
  /** the clock of the time-driven rules (the work plan's lights, escalation, extensions); tests set it, default the system clock */
  now?: () => Date;
}

function int(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`环境变量 ${name} 必须是正整数，当前为「${value}」`);
  return n;
}

function bool(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw new Error(`环境变量 ${name} 须为 true 或 false，当前为「${value}」`);
}

/** Unset, empty, 0 or "off" turn the setting off (null); otherwise a positive whole number of days. */
function optionalDays(name: string, value: string | undefined): number | null {
  if (value === undefined || value === '' || value === '0' || /^off$/i.test(value)) return null;
  return int(name, value, 0);
}

/** TRUST_PROXY: unset → false; "1" → hop count; "127.0.0.1,10.0.0.0/8" → those proxies only. */
export function trustProxyOf(value: string | undefined): false | number | string[] {
  const v = value?.trim();
  if (!v || /^(0|false|no|off)$/i.test(v)) return false;
  if (/^\d+$/.test(v)) return Number(v);
  const list = v.split(',').map((s) => s.trim()).filter(Boolean);
  for (const item of list) {
    const [addr, prefix, extra] = item.split('/');
    const family = net.isIP(addr);
    const prefixOk = prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (family === 6 ? 128 : 32));
    if (!family || !prefixOk || extra !== undefined) {
      throw new Error(`环境变量 TRUST_PROXY 须为反向代理的 IP 或网段（逗号分隔，如 127.0.0.1,10.0.0.0/8）或代理层数（如 1），「${item}」不是有效的 IP 或网段`);
    }
  }
  return list;
}

export const DEMO_PASSWORD = 'Kaoping@2023';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.DATA_DIR || './data');
  return {
    host: env.HOST || '127.0.0.1',
    port: int('PORT', env.PORT, 3000),
    dataDir,
    databaseUrl: env.DATABASE_URL || path.join(dataDir, 'kaoping.sqlite'),
    sessionIdleMinutes: int('SESSION_IDLE_MINUTES', env.SESSION_IDLE_MINUTES, 30),
    lockoutAttempts: int('LOCKOUT_ATTEMPTS', env.LOCKOUT_ATTEMPTS, 5),
    lockoutMinutes: int('LOCKOUT_MINUTES', env.LOCKOUT_MINUTES, 15),
    bodyLimitBytes: int('BODY_LIMIT_BYTES', env.BODY_LIMIT_BYTES, 1024 * 1024),
    cookieSecure: bool('COOKIE_SECURE', env.COOKIE_SECURE, false),
    seedDemo: bool('SEED_DEMO', env.SEED_DEMO, true),
    demoPassword: env.DEMO_PASSWORD || DEMO_PASSWORD,
    logLevel: env.LOG_LEVEL || 'info',
    webDir: path.resolve(env.WEB_DIR || './dist/web'),
    evidenceMaxBytes: int('EVIDENCE_MAX_BYTES', env.EVIDENCE_MAX_BYTES, 20 * 1024 * 1024),
    shutdownGraceMs: int('SHUTDOWN_GRACE_MS', env.SHUTDOWN_GRACE_MS, 10000),
    sessionMaxHours: int('SESSION_MAX_HOURS', env.SESSION_MAX_HOURS, 12),
    passwordMaxAgeDays: optionalDays('PASSWORD_MAX_AGE_DAYS', env.PASSWORD_MAX_AGE_DAYS),
    oneTimePasswordHours: int('ONE_TIME_PASSWORD_HOURS', env.ONE_TIME_PASSWORD_HOURS, 72),
    loginRateLimitPerMinute: int('LOGIN_RATE_LIMIT_PER_MINUTE', env.LOGIN_RATE_LIMIT_PER_MINUTE, 20),
    loginAccountFailures: int('LOGIN_ACCOUNT_FAILURES', env.LOGIN_ACCOUNT_FAILURES, 20),
    deniedPerMinute: int('DENIED_PER_MINUTE', env.DENIED_PER_MINUTE, 60),
    trustProxy: trustProxyOf(env.TRUST_PROXY),
  };
}
