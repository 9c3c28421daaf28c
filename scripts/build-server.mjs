#!/usr/bin/env node
// Build the server once into plain JavaScript (dist/server), so `npm start` and a restart after a crash do not
// compile TypeScript: esbuild bundles src/server/main.ts (→ main.js) and the CLI src/cli/main.ts (→ cli.js),
// with every package left external (better-sqlite3 and @node-rs/argon2 are native; the rest load from
// node_modules as usual). The workbook worker thread still starts from its source entry
// (src/server/io/excel/workbook-worker.thread.mjs, which registers tsx inside the thread).
//
// import.meta.url / import.meta.dirname in the sources name their own file; in the bundle they are rewritten
// to the same file's location found at run time from the bundle's place (dist/server → the checkout), so
// REPO_ROOT, the frameworks directory and the worker entry resolve as they do under tsx, wherever the
// checkout lives.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const root = path.resolve(import.meta.dirname, '..');
export const outdir = path.join(root, 'dist/server');
/** what the bundle is built from: newer files here mean a rebuild */
export const SERVER_SOURCES = ['src/server', 'src/shared', 'src/cli', 'frameworks', 'package.json', 'scripts/build-server.mjs'];

function newest(p) {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...fs.readdirSync(p).map((f) => newest(path.join(p, f))));
}

/** true when `built` is missing or older than any file under `sources` (paths in the checkout; missing ones are passed over) */
export function staleAgainst(built, sources) {
  if (!fs.existsSync(built)) return true;
  const present = sources.map((p) => path.join(root, p)).filter((p) => fs.existsSync(p));
  return Math.max(...present.map(newest)) > fs.statSync(built).mtimeMs;
}

/** true when dist/server/main.js is missing or older than any of its sources */
export const serverStale = () => staleAgainst(path.join(outdir, 'main.js'), SERVER_SOURCES);

const importMetaPlugin = {
  name: 'kaoping-import-meta',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/].*\.tsx?$/ }, async (args) => {
      let contents = await fs.promises.readFile(args.path, 'utf8');
      if (contents.includes('import.meta.')) {
        const rel = path.relative(root, args.path).split(path.sep).join('/');
        contents = contents
          .replaceAll('import.meta.dirname', `__kpSource(${JSON.stringify(path.posix.dirname(rel))})`)
          .replaceAll('import.meta.filename', `__kpSource(${JSON.stringify(rel)})`)
          .replaceAll('import.meta.url', `__kpSourceUrl(${JSON.stringify(rel)})`);
      }
      return { contents, loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
    });
  },
};

/** left in node_modules: native addons, optional natives, packages that read files beside their code */
const EXTERNAL = ['better-sqlite3', '@node-rs/argon2', '@resvg/resvg-js', 'pg-native', '@fastify/swagger-ui', 'tsx', 'esbuild', 'vite', 'exceljs'];

const banner = [
  "import { createRequire as __kpCreateRequire } from 'node:module';",
  'const require = __kpCreateRequire(import.meta.url);',
  "import { fileURLToPath as __kpToPath, pathToFileURL as __kpToUrl } from 'node:url';",
  "import __kpPath from 'node:path';",
  "const __kpRoot = __kpPath.resolve(__kpPath.dirname(__kpToPath(import.meta.url)), '../..');",
  'const __kpSource = (rel) => __kpPath.join(__kpRoot, rel);',
  'const __kpSourceUrl = (rel) => __kpToUrl(__kpPath.join(__kpRoot, rel)).href;',
].join('\n');

/**
 * Bundle entry points as the server is built (the same esbuild settings; `npm run bench:api` builds its own server
 * entry this way, so it measures the code `npm start` runs). `dir` must lie two levels below the checkout (as
 * dist/server does): the bundle finds the checkout from its own place.
 */
export async function bundleServer(entryPoints, dir) {
  if (path.dirname(path.dirname(path.resolve(dir))) !== root) throw new Error(`bundleServer: ${dir} is not two levels below ${root}`);
  const esbuild = await import('esbuild');
  fs.rmSync(dir, { recursive: true, force: true });
  await esbuild.build({
    absWorkingDir: root,
    entryPoints,
    outdir: dir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // node_modules are bundled too (one file loads far faster than thousands), except native addons and
    // packages that read their own files at run time
    external: EXTERNAL,
    // smaller text parses faster at every start; names are kept for readable stack traces. The .map files
    // are written beside (NODE_OPTIONS=--enable-source-maps maps traces to the sources, at a cost at start)
    minifyWhitespace: true,
    minifySyntax: true,
    sourcemap: 'linked',
    chunkNames: 'chunk-[hash]',
    banner: { js: banner },
    plugins: [importMetaPlugin],
    logLevel: 'warning',
  });
}

export const buildServer = () => bundleServer({ main: 'src/server/main.ts', cli: 'src/cli/main.ts' }, outdir);

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const t0 = performance.now();
  await buildServer();
  console.log(`服务端已构建到 dist/server（${Math.round(performance.now() - t0)} 毫秒）`);
}
