/**
 * A workflow is data: a table of {from, event, to, permission}. The server's transition() checks it,
 * updates WHERE status = from (0 rows → 409) and writes the audit row in the same transaction; the web
 * client reads the same table to decide which buttons to show.
 */
import type { Permission } from '../permissions';

export interface Transition<S extends string, E extends string> {
  from: readonly S[];
  event: E;
  to: S;
  permission: Permission;
  /** the button / audit label, in Chinese */
  label: string;
}

export interface Workflow<S extends string, E extends string> {
  name: string;
  states: Record<S, string>;
  transitions: readonly Transition<S, E>[];
}

export function findTransition<S extends string, E extends string>(
  wf: Workflow<S, E>,
  from: S,
  event: E,
): Transition<S, E> | undefined {
  return wf.transitions.find((t) => t.event === event && t.from.includes(from));
}

/** Each event's label (its first transition's), for messages that name the events as the buttons do. */
export function eventLabels<S extends string, E extends string>(wf: Workflow<S, E>): Record<E, string> {
  const labels = {} as Record<E, string>;
  for (const t of wf.transitions) labels[t.event] ??= t.label;
  return labels;
}

/** The events available from a state (for buttons). */
export function eventsFrom<S extends string, E extends string>(wf: Workflow<S, E>, from: S): Transition<S, E>[] {
  return wf.transitions.filter((t) => t.from.includes(from));
}
