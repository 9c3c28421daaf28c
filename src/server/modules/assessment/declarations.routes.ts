import type { RouteDef } from '../../http/route';

export const declarationRoutes: RouteDef<any, any, any>[] = [];
