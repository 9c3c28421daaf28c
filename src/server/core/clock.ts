/**
 * The clock of the time-driven rules (deadlines, lights, publicity periods, what is dated "today"): one instant
 * per request, read from config.now when set (tests, and a demo frozen in time) and from the system clock
 * otherwise. A route reads it as ctx.clock(); a command takes it as an argument and never reads the system
 * clock itself, so a rule that depends on the day is tested on the day it is about.
 */
import { chinaDate } from '../../shared/deadline';

export interface Clock {
  /** the day in China (YYYY-MM-DD) */
  readonly today: string;
  /** the instant, as stored (ISO 8601, UTC) */
  readonly at: string;
}

/**
 * The clock at an instant. Requests that arrive in the same millisecond share one (frozen) clock: formatting the
 * two texts was a measurable part of a cached read, and many requests arrive within a millisecond under load.
 */
export function clockAt(d: Date): Clock {
  const ms = d.getTime();
  if (last?.ms !== ms) last = { ms, clock: Object.freeze({ today: chinaDate(d), at: d.toISOString() }) };
  return last.clock;
}
let last: { ms: number; clock: Clock } | undefined;
