/** Types of scripts/build-server.mjs (a plain script, run by node and imported by the benches). */
export declare const root: string;
export declare const outdir: string;
export declare const SERVER_SOURCES: string[];
export declare function staleAgainst(built: string, sources: string[]): boolean;
export declare function serverStale(): boolean;
export declare function bundleServer(entryPoints: Record<string, string>, dir: string): Promise<void>;
export declare function buildServer(): Promise<void>;
