import type { RouteDef } from '../../http/route';

export const schemeRoutes: RouteDef<any, any, any>[] = [];
