import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Writes a brotli (.br, quality 11) and a gzip (.gz) copy beside every text file of the build over 1 kB; the
 * server sends them as they are (@fastify/static preCompressed), so no asset is compressed per request.
 */
function precompress(): Plugin {
  let outDir = 'dist/web';
  return {
    name: 'kaoping-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    writeBundle() {
      const walk = (dir: string): string[] =>
        fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
      for (const file of walk(outDir)) {
        if (!/\.(js|css|html|svg|json|txt|map)$/.test(file)) continue;
        const data = fs.readFileSync(file);
        if (data.length < 1024) continue;
        fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } }));
        fs.writeFileSync(`${file}.gz`, zlib.gzipSync(data, { level: 9 }));
      }
    },
  };
}

/**
 * The web client. Pages are lazy chunks named after their files (LoginPage-*.js, UsersPage-*.js …); React
 * and the router form one long-cached vendor chunk. antd is left to Rollup so that a page only pulls the
 * components it uses (the login page must not download Table/Tree).
 */
export default defineConfig({
  root: '.',
  plugins: [react(), precompress()],
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 900,
    rollupOptions: {
      // zod ships /*@__PURE__*/ comments in places Rollup cannot use; the warning says nothing about our code.
      onwarn(warning, warn) {
        if (warning.code === 'INVALID_ANNOTATION' && /node_modules[\\/]zod[\\/]/.test(warning.id ?? '')) return;
        warn(warning);
      },
      output: {
        manualChunks(id) {
          if (/[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|@remix-run)[\\/]/.test(id)) {
            return 'react-vendor';
          }
          if (/[\\/]node_modules[\\/]zod[\\/]/.test(id)) return 'zod';
          return undefined;
        },
        // Shared chunks of packages are mostly called "index" (antd/es/table/index.js): name them after
        // their folder instead, so the build output and the network log say what they hold.
        chunkFileNames(chunk) {
          let name = chunk.name;
          const main = chunk.facadeModuleId ?? chunk.moduleIds[chunk.moduleIds.length - 1];
          if (name === 'index' && main) name = main.split(/[\\/]/).slice(-2, -1)[0] ?? name;
          return `assets/${name}-[hash].js`;
        },
      },
    },
  },
  server: {
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
});
