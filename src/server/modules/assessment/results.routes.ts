import type { RouteDef } from '../../http/route';

export const resultRoutes: RouteDef<any, any, any>[] = [];
