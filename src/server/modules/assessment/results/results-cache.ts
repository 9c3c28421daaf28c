/**
 * Published (final) results are frozen: the answer a viewer gets never changes after publication. So it is
 * built once per viewer class — serialised to JSON text with its ETag — and then served as that text: no
 * re-reading, re-validating or re-serialising of the frozen rows per read, and a 304 when the browser already
 * has it (If-None-Match).
 *
 * What each viewer sees is still decided by resultsFor (visibleResults) when the text is built; the key names
 * everything that decision reads: the cycle row (any change of it gives a new key), and the viewer class — the
 * office and leaders see all, a city its own detail (so one entry per city), a department the criteria it
 * evaluates (one entry per department code). The caller's right to read results is checked on every request.
 */
import crypto from 'node:crypto';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import { ensure, resultsFinal, resultsRefusal, type CycleAccess } from '../assessment.policy';
import { resultsFor } from './results.queries';
import { withDetail, type ResultsDetail } from './results.presenter';

interface Entry {
  etag: string;
  /** the JSON text as UTF-8, and compressed once (brotli, gzip) when first asked for in that encoding */
  bytes: Buffer;
  encoded: Partial<Record<Encoding, Promise<Buffer>>>;
}

type Encoding = 'br' | 'gzip';
const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
const encoders: Record<Encoding, (b: Buffer) => Promise<Buffer>> = {
  // compressed once per entry, so a slower, tighter setting than the per-answer compression costs nothing later
  br: (b) => brotli(b, { params: { [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT, [zlib.constants.BROTLI_PARAM_QUALITY]: 9, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: b.length } }),
  gzip: (b) => gzip(b, { level: 9 }),
};

/** The encoding to answer in, from Accept-Encoding: brotli, else gzip, else none (q=0 refuses one). */
export function pickEncoding(header: string | string[] | undefined): Encoding | null {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  const known = picked.get(text);
  if (known !== undefined) return known;
  const accepted = new Set<string>();
  for (const part of text.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && !(q && Number(q.slice(2)) === 0)) accepted.add(name);
  }
  const encoding = accepted.has('br') ? 'br' : accepted.has('gzip') ? 'gzip' : null;
  // a browser sends the same header on every request, and there are few browsers: the answer is kept per header
  // text (up to PICKED_MAX texts, then started again), so the parse above runs once per text, not once per read
  if (picked.size >= PICKED_MAX) picked.clear();
  picked.set(text, encoding);
  return encoding;
}
const PICKED_MAX = 64;
const picked = new Map<string, Encoding | null>();

/** bounded by count and by size (the office's answer at 500 units is several MB) */
const MAX_ENTRIES = 500;
const MAX_BYTES = 96 * 1024 * 1024;

/** one cache per database handle (an app instance; tests run several databases in one process) */
class TextCache {
  private entries = new Map<string, Entry>();
  private bytes = 0;
  get(key: string): Entry | undefined {
    return this.entries.get(key);
  }
  set(key: string, e: Entry): void {
    this.entries.set(key, e);
    this.bytes += e.bytes.length;
    for (const [k, old] of this.entries) {
      if (this.entries.size <= MAX_ENTRIES && this.bytes <= MAX_BYTES) break;
      if (k === key) continue;
      this.entries.delete(k);
      this.bytes -= old.bytes.length;
    }
  }
}
const caches = new WeakMap<Kysely<Database>, TextCache>();

function viewerClass(a: CycleAccess): string {
  if (a.as === 'office' || a.as === 'leader') return 'all';
  if (a.as === 'unit') return `unit:${a.orgUnitId}`;
  return `department:${a.orgCode}`;
}

/**
 * The cycle row's digest (SHA-256 of its JSON text), once per row object: cycleAccess hands out one frozen row to
 * many requests (assessment.queries.ts), so it is computed when the row was read, not on every request. Rows with
 * the same content, read at different times, have the same digest and share their entries; any change of the row
 * gives a new one. (The key once held the row's whole text: hashing that long key on each lookup cost more than
 * the rest of the read.)
 */
const cycleDigests = new WeakMap<object, string>();
function cycleDigest(cycle: CycleAccess['cycle']): string {
  let d = cycleDigests.get(cycle);
  if (d === undefined) {
    d = crypto.hash('sha256', JSON.stringify(cycle), 'base64url');
    if (Object.isFrozen(cycle)) cycleDigests.set(cycle, d);
  }
  return d;
}

const keyOf = (a: CycleAccess, detail: ResultsDetail) => `${cycleDigest(a.cycle)}\u0000${viewerClass(a)}\u0000${detail}`;

/** The published results as the caller may see them: JSON text and its ETag, built on first read. */
export async function publishedResultsText(db: Kysely<Database>, a: CycleAccess, detail: ResultsDetail = 'full'): Promise<Entry> {
  if (!resultsFinal(a.cycle)) throw new Error('internal: publishedResultsText of a cycle that is not published');
  ensure(resultsRefusal(a));
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new TextCache()));
  const key = keyOf(a, detail);
  const hit = cache.get(key);
  if (hit) return hit;
  const body = JSON.stringify(withDetail(await resultsFor(db, a, detail), detail));
  const bytes = Buffer.from(body, 'utf8');
  const e: Entry = { bytes, encoded: {}, etag: `"r${crypto.createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"` };
  cache.set(key, e);
  return e;
}

/**
 * Answer with the published results' bytes — compressed once, in the encoding the caller accepts — or 304 when
 * the caller's copy (If-None-Match) is current. A body that already carries Content-Encoding is left alone by
 * the app-wide compression (app.ts).
 */
export async function sendPublishedResults(db: Kysely<Database>, a: CycleAccess, detail: ResultsDetail, req: FastifyRequest, reply: FastifyReply): Promise<Buffer | string> {
  const e = await publishedResultsText(db, a, detail);
  reply.header('etag', e.etag).header('cache-control', 'private, no-cache').header('vary', 'accept-encoding');
  const seen = req.headers['if-none-match'];
  if (typeof seen === 'string' && seen.split(',').some((t) => t.trim().replace(/^W\//, '') === e.etag)) {
    reply.code(304);
    return '';
  }
  reply.type('application/json; charset=utf-8');
  const encoding = e.bytes.length >= 1024 ? pickEncoding(req.headers['accept-encoding']) : null;
  if (!encoding) return e.bytes;
  const body = await (e.encoded[encoding] ??= encoders[encoding](e.bytes));
  reply.header('content-encoding', encoding);
  return body;
}
