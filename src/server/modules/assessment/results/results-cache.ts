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
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import type { ResultsQuery, ResultsView } from '../../../../shared/contracts/results';
import { ensure, resultsRefusal, type CycleAccess } from '../assessment.policy';
import { resultsFor } from './results.queries';

interface Entry {
  body: string;
  etag: string;
}

/** bounded by count and by text size (the office's answer at 500 units is several MB) */
const MAX_ENTRIES = 500;
const MAX_CHARS = 64 * 1024 * 1024;

/** one cache per database handle (an app instance; tests run several databases in one process) */
class TextCache {
  private entries = new Map<string, Entry>();
  private chars = 0;
  get(key: string): Entry | undefined {
    return this.entries.get(key);
  }
  set(key: string, e: Entry): void {
    this.entries.set(key, e);
    this.chars += e.body.length;
    for (const [k, old] of this.entries) {
      if (this.entries.size <= MAX_ENTRIES && this.chars <= MAX_CHARS) break;
      if (k === key) continue;
      this.entries.delete(k);
      this.chars -= old.body.length;
    }
  }
}
const caches = new WeakMap<Kysely<Database>, TextCache>();

function viewerClass(a: CycleAccess): string {
  if (a.as === 'office' || a.as === 'leader') return 'all';
  if (a.as === 'unit') return `unit:${a.orgUnitId}`;
  return `department:${a.orgCode}`;
}

type Detail = NonNullable<ResultsQuery['detail']>;

const keyOf = (a: CycleAccess, detail: Detail) => `${JSON.stringify(a.cycle)}\u0000${viewerClass(a)}\u0000${detail}`;

/** The results at the detail asked for (see resultsQuery): "totals" drops the criterion lines of scope "all". */
export function withDetail(v: ResultsView, detail: Detail): ResultsView {
  if (detail === 'full' || v.scope !== 'all') return v;
  return { ...v, units: v.units.map((u) => ({ ...u, criteria: [], missing: [] })) };
}

/** The published results as the caller may see them: JSON text and its ETag, built on first read. */
export async function publishedResultsText(db: Kysely<Database>, a: CycleAccess, detail: Detail = 'full'): Promise<Entry> {
  if (a.cycle.status !== 'published') throw new Error('internal: publishedResultsText of a cycle that is not published');
  ensure(resultsRefusal(a));
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new TextCache()));
  const key = keyOf(a, detail);
  const hit = cache.get(key);
  if (hit) return hit;
  const body = JSON.stringify(withDetail(await resultsFor(db, a), detail));
  const e = { body, etag: `"r${crypto.createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
  cache.set(key, e);
  return e;
}

/** Answer with the published results' text, or 304 when the caller's copy (If-None-Match) is current. */
export async function sendPublishedResults(db: Kysely<Database>, a: CycleAccess, detail: Detail, req: FastifyRequest, reply: FastifyReply): Promise<string> {
  const e = await publishedResultsText(db, a, detail);
  reply.header('etag', e.etag).header('cache-control', 'private, no-cache');
  const seen = req.headers['if-none-match'];
  if (typeof seen === 'string' && seen.split(',').some((t) => t.trim().replace(/^W\//, '') === e.etag)) {
    reply.code(304);
    return '';
  }
  reply.type('application/json; charset=utf-8');
  return e.body;
}
