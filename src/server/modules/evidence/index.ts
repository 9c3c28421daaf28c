/** The evidence module's public face (佐证材料): its routes. */
export { evidenceRoutes } from './evidence.routes';
