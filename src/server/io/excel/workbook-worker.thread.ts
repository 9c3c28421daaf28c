/**
 * The body of a workbook worker thread: receives a file's bytes, parses them with exceljs and posts back plain
 * data. It runs under the memory limit its parent set (resourceLimits), so a workbook that needs too much
 * memory kills this thread, not the server. See workbook-worker.ts.
 */
import { parentPort } from 'node:worker_threads';
import { readDeclarationWorkbook } from './declaration-template';
import { loadExcelJS } from './exceljs';
import { readScoringSheet } from './scoring-sheet';
import { readHonoursSheet } from './honours-sheet';
import type { WorkbookJob, WorkbookReply } from './workbook-worker';

const port = parentPort!;
port.on('message', async (job: WorkbookJob) => {
  let reply: WorkbookReply;
  try {
    const buf = Buffer.from(job.bytes);
    if (job.kind === 'declaration') reply = { id: job.id, ok: true, result: await readDeclarationWorkbook(buf) };
    else if (job.kind === 'scoring') reply = { id: job.id, ok: true, result: await readScoringSheet(buf) };
    else if (job.kind === 'honours') reply = { id: job.id, ok: true, result: await readHonoursSheet(buf) };
    else reply = { id: job.id, ok: false, error: `unknown job ${String(job.kind)}` };
  } catch (e) {
    reply = { id: job.id, ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  port.postMessage(reply);
});
// exceljs is loaded before the worker says it is ready, so its load is not counted in a parse's time limit
await loadExcelJS();
port.postMessage({ ready: true });
