/**
 * The 文号 register (文号登记). What other code may use:
 * - the routes;
 * - registerDocNumber(c, doc, docNo): register a 文号 a change stores (a cycle's call for indicators, an issued
 *   analysis report) in that change's transaction; numberTaken / numberTakenMeanwhile, its refusals;
 * - downloadNumbered(ctx, doc, asked, make): a 公文 downloaded with its 文号 (registered with the download's audit row);
 *   numberedDownloadRoutes(…): the GET and POST at such a 公文's address.
 */
export { docNumberRoutes } from './docnumbers.routes';
export { registerDocNumber, type PrintedDoc } from './docnumbers.commands';
export { downloadNumbered, numberedDownloadRoutes } from './docnumbers.download';
export { holderOf } from './docnumbers.queries';
export { numberTaken, numberTakenMeanwhile } from './docnumbers.policy';
