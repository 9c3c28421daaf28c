/**
 * The open to-dos behind the side menu's badges: fetched when the page changes (a step done elsewhere closes
 * its to-do), when a page says the to-dos changed (refreshTodoBadges()), and shortly after any write the server
 * accepted (CHANGED_EVENT, api/client.ts: a step done on this page; a burst of autosaves asks once).
 */
import { useCallback, useEffect, useState } from 'react';
import type { Todo } from '../../../shared/contracts/todos';
import { CHANGED_EVENT } from '../../api/client';
import { listTodos } from '../../api/todos';

/** how long after the last accepted write the badges ask again (autosaves come in bursts) */
const AFTER_WRITE_MS = 800;

const EVENT = 'kaoping:todos-changed';
export const refreshTodoBadges = () => window.dispatchEvent(new Event(EVENT));

/** Badge counts: every open to-do under '/todos', and per menu entry the to-dos whose link leads there. */
export function badgeCounts(items: readonly Pick<Todo, 'link'>[], menuPaths: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = { '/todos': items.length };
  for (const t of items) {
    if (!t.link) continue;
    const path = t.link.split('?')[0];
    const hit = menuPaths.filter((p) => p !== '/todos' && (path === p || path.startsWith(`${p}/`))).sort((a, b) => b.length - a.length)[0];
    if (hit) counts[hit] = (counts[hit] ?? 0) + 1;
  }
  return counts;
}

export function useOpenTodos(enabled: boolean, pathname: string): Todo[] {
  const [items, setItems] = useState<Todo[]>([]);
  const load = useCallback(() => {
    if (!enabled) return;
    listTodos('open').then(setItems, () => undefined);
  }, [enabled]);
  useEffect(load, [load, pathname]);
  useEffect(() => {
    let pending: number | undefined;
    const afterWrite = () => {
      window.clearTimeout(pending);
      pending = window.setTimeout(load, AFTER_WRITE_MS);
    };
    window.addEventListener(EVENT, load);
    window.addEventListener(CHANGED_EVENT, afterWrite);
    const timer = window.setInterval(load, 60_000);
    return () => {
      window.removeEventListener(EVENT, load);
      window.removeEventListener(CHANGED_EVENT, afterWrite);
      window.clearTimeout(pending);
      window.clearInterval(timer);
    };
  }, [load]);
  return items;
}
