/** The side menu (src/shared/menu.ts) and the route table must agree: every entry opens a page that needs the same permission. */
import { describe, expect, it } from 'vitest';
import { MENU } from '../shared/menu';
import { APP_ROUTES } from './routes';
import { MENU_ICONS } from './layout/menuIcons';

describe('web route table', () => {
  it.each(MENU.map((m) => [m.path, m] as const))('menu entry %s has a route with the same permission and an icon', (_path, entry) => {
    const route = APP_ROUTES.find((r) => r.path === entry.path);
    expect(route, `no route for ${entry.path} in src/web/routes.tsx`).toBeDefined();
    expect(route!.permission).toBe(entry.permission);
    expect(MENU_ICONS[entry.icon], `no icon for "${entry.icon}" in src/web/layout/menuIcons.tsx`).toBeDefined();
  });

  it('paths are unique', () => {
    expect(new Set(APP_ROUTES.map((r) => r.path)).size).toBe(APP_ROUTES.length);
  });
});
