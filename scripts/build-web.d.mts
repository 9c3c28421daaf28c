/** Types of scripts/build-web.mjs (a plain script, run by node and imported by the benches). */
export declare function buildWebIfStale(): boolean;
