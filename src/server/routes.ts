/** Every API route of the platform, module by module. */
import type { RouteDef } from './core/route';
import { authRoutes } from './modules/auth/auth.routes';
import { auditRoutes } from './modules/audit/audit.routes';
import { orgRoutes } from './modules/orgs/orgs.routes';
import { systemRoutes } from './modules/system/system.routes';
import { todoRoutes } from './modules/todos/todos.routes';
import { userRoutes } from './modules/users/users.routes';
import { frameworkRoutes } from './modules/frameworks/frameworks.routes';
import { cycleRoutes, declarationRoutes, objectionRoutes, resultRoutes, schemeRoutes, scoringRoutes } from './modules/assessment';
import { evidenceRoutes } from './modules/evidence';

export const ALL_ROUTES: RouteDef<any, any, any>[] = [
  ...systemRoutes,
  ...authRoutes,
  ...todoRoutes,
  ...orgRoutes,
  ...userRoutes,
  ...auditRoutes,
  ...frameworkRoutes,
  ...cycleRoutes,
  ...declarationRoutes,
  ...schemeRoutes,
  ...scoringRoutes,
  ...resultRoutes,
  ...objectionRoutes,
  ...evidenceRoutes,
];
