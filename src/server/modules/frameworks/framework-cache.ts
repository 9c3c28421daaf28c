/**
 * A stored framework (a scheme's framework_json, an evaluation round's frozen copy, a framework row), parsed and
 * validated (src/shared/scoring/framework-schema.ts) once and then shared.
 *
 * Keyed by the stored JSON text itself, so a hit is by construction the same framework, whatever database,
 * transaction, scheme version or test wrote it: a published version or a round's copy is frozen, so its text never
 * changes and it always hits; a draft that is edited simply has new text (a new entry; the old one ages out). Sharing one object
 * per text is what lets the engine's compile cache and generated scorer (both keyed by object identity) hit.
 *
 * The object is deeply frozen: callers share it, so a change would leak into every later request. Copy first
 * (structuredClone, or build new objects as reduceFramework does).
 */
import { framework as frameworkSchema, type Framework } from '../../../shared/scoring/framework-schema';

/** enough for every cycle's current and base scheme of a busy year, a few drafts in between */
const MAX_ENTRIES = 64;
const byText = new Map<string, Framework>();

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

const internal = (why: string) => new Error(`internal: a stored framework is not valid: ${why}`);

/**
 * The framework stored as `json`, validated; when the text is not a framework, throws `invalid(why)` (by default an
 * internal error: a 500).
 */
export function frameworkOf(json: string, invalid: (why: string) => Error = internal): Framework {
  const hit = byText.get(json);
  if (hit) {
    // most recently used last, so the oldest entry is the first to go
    byText.delete(json);
    byText.set(json, hit);
    return hit;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (e) {
    throw invalid(String(e).slice(0, 500));
  }
  const parsed = frameworkSchema.safeParse(raw);
  if (!parsed.success) throw invalid(parsed.error.message.slice(0, 500));
  const fw = deepFreeze(parsed.data);
  byText.set(json, fw);
  if (byText.size > MAX_ENTRIES) byText.delete(byText.keys().next().value!);
  return fw;
}

/** for tests: how many frameworks are held */
export const frameworkCacheSize = (): number => byText.size;
