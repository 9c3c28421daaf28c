/**
 * The open to-dos behind the side menu's badges: fetched when the page changes (a step done elsewhere closes
 * its to-do) and when a page says the to-dos changed (refreshTodoBadges()).
 */
import { useCallback, useEffect, useState } from 'react';
import type { Todo } from '../../../shared/contracts/todos';
import { listTodos } from '../../api/todos';

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
    window.addEventListener(EVENT, load);
    const timer = window.setInterval(load, 60_000);
    return () => {
      window.removeEventListener(EVENT, load);
      window.clearInterval(timer);
    };
  }, [load]);
  return items;
}
