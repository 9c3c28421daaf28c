/**
 * The honours roll (荣誉名录) and the incentive policies (激励政策), issue 12. What other code may use:
 * - the routes;
 * - countHonours(db, { indicatorCode, upToYear }): a stock plan indicator (专栏1 4–8) per province and city from the
 *   roll, each count with its entry ids (for the indicator monitoring);
 * - honourCountsForPeers(db, { year, level, kinds }): values per city / county for a DB43 rank item (5.2 获奖企业数量);
 * - loadPolicyFiles / readPolicyFiles for the first-start seed;
 * - loadPolicyTodoState(db, user): the expiring policies the user keeps (the 待办's policy.expiry).
 */
export { honourRoutes } from './honours.routes';
export { policyRoutes } from './policies/policies.routes';
export { countHonours, honourCountsForPeers, type CountedEntry, type OrgHonourCount } from './honours.queries';
export { loadPolicyFiles } from './policies/policies.commands';
export { readPolicyFiles } from './policies/policy-files';
export { loadPolicyTodoState } from './policies/policies.todos';
// the stock count rule of plan indicators 4–8 is the indicators module's, registered by src/server/routes.ts
export { registerStockCounter, type StockCount, type StockCounter } from './honours.stock';
// the quality analysis report (modules/analysis) lists a year's honours
export { honoursOfYear, type HonourOfYear } from './honours.queries';
