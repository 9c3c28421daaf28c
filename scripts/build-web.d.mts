/** Types of scripts/build-web.mjs (a plain script, run by node and imported by the benches). */
export declare const root: string;
export declare function webStale(): boolean;
export declare function buildWebIfStale(): boolean;
