/**
 * The clock of the time-driven rules (deadlines, lights, publicity periods, what is dated "today"): one instant
 * per request, read from config.now when set (tests, and a demo frozen in time) and from the system clock
 * otherwise. A route reads it as ctx.clock(); a command takes it as an argument and never reads the system
 * clock itself, so a rule that depends on the day is tested on the day it is about.
 */
import { chinaDate } from '../../shared/deadline';

export interface Clock {
  /** the day in China (YYYY-MM-DD) */
  today: string;
  /** the instant, as stored (ISO 8601, UTC) */
  at: string;
}

export const clockAt = (d: Date): Clock => ({ today: chinaDate(d), at: d.toISOString() });
