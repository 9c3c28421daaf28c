import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { readdirSync } from 'node:fs';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';

// The server's layers (docs/architecture.md): core ← io ← modules ← the edges (routes.ts, app.ts, main.ts, seed,
// cli, backup). Every folder under src/server/modules is a module; it may import its own files and the index.ts
// of another module, nothing else of it. New modules are picked up here without editing this file.
const MODULES = readdirSync(new URL('./src/server/modules', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);
const MODULE_INDEX = '**/src/server/modules/*/index.ts';
const moduleZones = MODULES.map((m) => ({
  target: `./src/server/modules/${m}/**`,
  from: './src/server/modules/*/**',
  except: [`**/src/server/modules/${m}/**`, MODULE_INDEX],
  message: `模块之间只能通过对方的 index.ts 引用（src/server/modules/<模块>/index.ts）`,
}));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'test-results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Layers and import circles. Type-only imports do not count as a circle (they vanish at run time).
    files: ['src/**/*.{ts,tsx}', 'e2e/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.{ts,mjs}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}', 'e2e/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.{ts,mjs}'],
    // Tests may reach a module's internals (to plant a fault, read a private helper).
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './src/server/core',
              from: ['./src/server/modules', './src/server/seed', './src/server/io', './src/server/backup', './src/cli',
                './src/server/routes.ts', './src/server/app.ts', './src/server/main.ts'],
              message: 'src/server/core 是请求机制，不能引用模块或外层代码',
            },
            {
              // io/ builds and reads files (Excel, Word, charts, zip checks) from plain inputs: a library under the modules
              target: './src/server/io',
              from: ['./src/server/modules', './src/server/seed', './src/server/backup', './src/cli', './src/server/routes.ts', './src/server/app.ts', './src/server/main.ts'],
              message: 'src/server/io 只做文件的生成与解析（纯输入 → 文件），不能引用模块或外层代码',
            },
            {
              // the edges call modules, never the reverse: a module's data (frameworks/*.json) is read by the module itself
              target: './src/server/modules',
              from: ['./src/server/seed', './src/server/backup', './src/cli', './src/server/routes.ts', './src/server/app.ts', './src/server/main.ts'],
              message: '模块不能引用外层代码（seed、backup、cli、routes.ts、app.ts、main.ts）：外层调用模块，反之不行',
            },
            ...moduleZones,
            {
              target: ['./src/server/!(modules)/**', './src/server/*.ts', './src/cli/**', './e2e/**', './bench/**', './scripts/**'],
              from: './src/server/modules/*/**',
              except: [MODULE_INDEX],
              message: '模块外的代码只能通过模块的 index.ts 引用它',
            },
          ],
        },
      ],
    },
  },
  {
    // A module's SQL lives in its <domain>.queries.ts files (docs/architecture.md): commands, policies, presenters and
    // routes call named queries, so every statement of a domain is found in one place.
    files: ['src/server/modules/**/*.ts'],
    ignores: ['**/*.queries.ts', '**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name=/^(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto|selectNoFrom)$/]",
          message: '模块的 SQL 写在 <领域>.queries.ts 中（见 docs/architecture.md），此处调用具名查询',
        },
        { selector: "TaggedTemplateExpression[tag.name='sql']", message: '模块的 SQL 写在 <领域>.queries.ts 中（见 docs/architecture.md），此处调用具名查询' },
      ],
    },
  },
  {
    files: ['src/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    // src/shared runs in the browser and on the server: keep it pure.
    files: ['src/shared/**/*.ts'],
    ignores: ['src/shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'os', 'crypto'], message: 'src/shared 不能依赖 Node 内置模块' },
            { group: ['kysely', 'fastify', '@fastify/*', 'pg', 'better-sqlite3'], message: 'src/shared 不能依赖服务端库' },
            { group: ['react', 'react-dom', 'antd', '@ant-design/*'], message: 'src/shared 不能依赖前端库' },
            { group: ['**/server/**', '**/web/**'], message: 'src/shared 不能引用 server 或 web 代码' },
          ],
        },
      ],
    },
  },
);
