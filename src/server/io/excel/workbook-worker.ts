/**
 * Workbooks are parsed in worker threads (issue 8 §3), each with its own memory limit (resourceLimits) and a
 * time limit, so that no upload can take the server down: a workbook that needs more memory kills its worker
 * (ERR_WORKER_OUT_OF_MEMORY), one that takes too long is terminated, and the caller gets a WorkbookTooComplex
 * error (422 with a Chinese message) while the server keeps running.
 *
 * A small pool: at most MAX_WORKERS parses run at once (others wait their turn, which bounds the memory all
 * parses can take together), and a worker that finished cleanly is kept for the next parse — one for good,
 * a second for IDLE_MS — because starting one and loading tsx and exceljs takes about a second (several on a
 * busy machine; that start is not counted in the time limit, which is about parsing). A worker that failed in
 * any way is never reused.
 * The bytes are copied once and the copy is transferred, not cloned again.
 */
import { Worker } from 'node:worker_threads';
import { AppError } from '../../core/errors';
import type { ParseOutcome } from './declaration-template';

export interface WorkbookLimits {
  /** the worker's heap limit (V8 old generation), MB */
  maxOldGenerationSizeMb: number;
  /** wall-clock limit of one parse once the worker is ready (its start has a limit of its own, STARTUP_MS), ms */
  timeoutMs: number;
}
export const WORKBOOK_LIMITS: WorkbookLimits = { maxOldGenerationSizeMb: 256, timeoutMs: 15_000 };
const MAX_WORKERS = 2;
const IDLE_MS = 120_000;

/** declaration: the declaration template (declaration-template.ts); scoring: a department's scoring sheet (scoring-sheet.ts); honours: the honours roll's import sheet (honours-sheet.ts) */
export type WorkbookJob = { id: number; kind: 'declaration' | 'scoring' | 'honours'; bytes: ArrayBuffer };
export type WorkbookReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

const SHEET_NAMES: Record<WorkbookJob['kind'], string> = { declaration: '申报表', scoring: '评分表', honours: '荣誉名单' };

/**
 * The worker ran out of memory or time: the file is refused (422, the one answer every upload route gives), the server
 * is fine. The message names the sheet the user meant to upload.
 */
export class WorkbookTooComplex extends AppError {
  constructor(
    readonly reason: 'memory' | 'time' | 'crash',
    readonly kind: WorkbookJob['kind'] = 'declaration',
  ) {
    const why = reason === 'time' ? '解析时间超过上限' : reason === 'memory' ? '解析所需内存超过上限' : '解析程序异常退出';
    super(
      422,
      'too_complex',
      `文件过大或结构过于复杂，无法解析（${why}）；请只保留${SHEET_NAMES[kind]}内容，删除多余的工作表、图片和格式，用 Excel/WPS 另存为新的 .xlsx 后重新上传`,
      [{ field: '文件', message: '文件过大或结构过于复杂，无法解析' }],
    );
  }
}

const ENTRY = new URL('./workbook-worker.thread.mjs', import.meta.url);
/** starting a worker (loading tsx and exceljs) is not counted in timeoutMs, but has its own generous limit */
const STARTUP_MS = 60_000;

interface Pooled {
  worker: Worker;
  /** settles when the worker has loaded its modules (it posts { ready: true }) */
  ready: Promise<void>;
  idleTimer?: NodeJS.Timeout;
}
const idle: Pooled[] = [];
let running = 0;
const waiting: (() => void)[] = [];
let nextId = 1;

function spawn(limits: WorkbookLimits): Pooled {
  const worker = new Worker(ENTRY, {
    execArgv: [],
    resourceLimits: { maxOldGenerationSizeMb: limits.maxOldGenerationSizeMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
  });
  worker.on('error', () => {}); // reported to the job that is running, if any; an idle worker's death must not crash the server
  worker.on('exit', () => {
    const i = idle.findIndex((p) => p.worker === worker);
    if (i >= 0) idle.splice(i, 1);
  });
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new WorkbookTooComplex('time')), STARTUP_MS);
    const settle = (e?: Error & { code?: string }) => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', settle);
      worker.off('exit', onExit);
      if (e) reject(new WorkbookTooComplex(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'memory' : 'crash'));
      else resolve();
    };
    const onMessage = (m: { ready?: boolean }) => {
      if (m?.ready) settle();
    };
    const onExit = () => settle(new Error('exited'));
    worker.on('message', onMessage);
    worker.on('error', settle);
    worker.on('exit', onExit);
  });
  ready.catch(() => {});
  return { worker, ready };
}

async function slot(): Promise<void> {
  if (running < MAX_WORKERS) {
    running++;
    return;
  }
  await new Promise<void>((resolve) => waiting.push(resolve));
}
function release(): void {
  const next = waiting.shift();
  if (next) next();
  else running--;
}

/** Run one job in a worker; `limits` other than the defaults get a worker of their own (not pooled). */
export async function runWorkbookJob<T = ParseOutcome>(kind: WorkbookJob['kind'], buf: Buffer, limits: WorkbookLimits = WORKBOOK_LIMITS): Promise<T> {
  await slot();
  const pooled = limits === WORKBOOK_LIMITS;
  let p = pooled ? idle.pop() : undefined;
  if (p?.idleTimer) clearTimeout(p.idleTimer);
  p ??= spawn(limits);
  const { worker } = p;
  worker.ref();
  const id = nextId++;
  const bytes = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length) as ArrayBuffer;
  let clean = false;
  try {
    await p.ready;
    const reply = await new Promise<WorkbookReply>((resolve, reject) => {
      const timer = setTimeout(() => {
        done();
        reject(new WorkbookTooComplex('time', kind));
      }, limits.timeoutMs);
      const done = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      const onMessage = (m: WorkbookReply) => {
        if (m.id !== id) return;
        done();
        resolve(m);
      };
      const onError = (e: Error & { code?: string }) => {
        done();
        reject(new WorkbookTooComplex(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'memory' : 'crash', kind));
      };
      const onExit = () => {
        done();
        reject(new WorkbookTooComplex('crash', kind));
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ id, kind, bytes } satisfies WorkbookJob, [bytes]);
    });
    if (!reply.ok) throw new Error(`workbook worker: ${reply.error}`);
    clean = true;
    return reply.result as T;
  } catch (e) {
    // the worker's start does not know what it will parse: the refusal names this job's sheet
    throw e instanceof WorkbookTooComplex && e.kind !== kind ? new WorkbookTooComplex(e.reason, kind) : e;
  } finally {
    if (clean && pooled) {
      worker.unref();
      const kept = p;
      // One idle worker stays (unref'd, so it never keeps the process alive): only the first parse after start pays
      // for loading exceljs. A second one goes after IDLE_MS.
      if (idle.length > 0) {
        kept.idleTimer = setTimeout(() => {
          const i = idle.indexOf(kept);
          if (i >= 0) idle.splice(i, 1);
          void worker.terminate();
        }, IDLE_MS);
        kept.idleTimer.unref();
      }
      idle.push(kept);
    } else {
      void worker.terminate();
    }
    release();
  }
}
