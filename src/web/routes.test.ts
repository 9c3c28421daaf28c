/** The side menu (src/shared/menu.ts) and the route table must agree: every entry opens a page that needs the same permission. */
import { describe, expect, it } from 'vitest';
import { MENU } from '../shared/menu';
import { APP_ROUTES } from './routes';
import { MENU_ICONS } from './layout/menuIcons';
import { crumbChain, crumbOf, fillPath, PAGE_CRUMBS } from './navigation';

describe('web route table', () => {
  it.each(MENU.map((m) => [m.path, m] as const))('menu entry %s has a route with the same permission and an icon', (_path, entry) => {
    const route = APP_ROUTES.find((r) => r.path === entry.path);
    expect(route, `no route for ${entry.path} in src/web/routes.tsx`).toBeDefined();
    expect(route!.permission).toBe(entry.permission);
    expect(MENU_ICONS[entry.icon], `no icon for "${entry.icon}" in src/web/layout/menuIcons.tsx`).toBeDefined();
  });

  it.each(APP_ROUTES.map((r) => [r.path, r] as const))('page %s has a breadcrumb entry with its title, under an existing page', (_path, route) => {
    const crumb = crumbOf(route.path);
    expect(crumb, `no entry for ${route.path} in PAGE_CRUMBS (src/web/navigation.ts)`).toBeDefined();
    expect(crumb!.title).toBe(route.title);
    if (crumb!.parent) expect(APP_ROUTES.map((r) => r.path)).toContain(crumb!.parent);
  });

  it('every breadcrumb entry is a page of the route table, and the chain runs from the top page down', () => {
    expect(PAGE_CRUMBS.map((c) => c.path).sort()).toEqual(APP_ROUTES.map((r) => r.path).sort());
    expect(crumbChain('/assessment/:id').map((c) => c.title)).toEqual(['年度考核', '考核工作']);
    expect(crumbChain('/todos').map((c) => c.path)).toEqual(['/todos']);
    expect(fillPath('/assessment/:id', { id: '12' })).toBe('/assessment/12');
  });

  it('paths are unique', () => {
    expect(new Set(APP_ROUTES.map((r) => r.path)).size).toBe(APP_ROUTES.length);
  });
});
