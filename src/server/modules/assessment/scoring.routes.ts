import type { RouteDef } from '../../http/route';

export const scoringRoutes: RouteDef<any, any, any>[] = [];
