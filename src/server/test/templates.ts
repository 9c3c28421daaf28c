/**
 * Template databases for tests: migrate (and seed) once per test run, then give every test file a cheap copy,
 * instead of running every migration and the seed again in every file.
 *
 * - SQLite: the template is a database file; a copy is an in-memory database deserialized from it.
 * - PostgreSQL: the template is a schema `kp_tmpl_<run>_<name>`; a copy is a new schema in which the statements
 *   the migrations ran (recorded while the template was built) are replayed, then the template's rows are copied.
 *   Replaying skips the migrator's bookkeeping (its own tables and its look-ups of them) and keeps the
 *   exact DDL: constraint and index names, functions and triggers.
 *
 * Templates are built on first use, by whichever test file asks first (a lock file for SQLite, an advisory lock
 * for PostgreSQL), so a run that needs none pays nothing. The vitest global setup (global-setup.ts) provides the
 * run's directory and id and drops the templates at the end; without it (another runner) every file migrates
 * and seeds as before.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Kysely, Migrator, sql, type Migration } from 'kysely';
import pg from 'pg';
import { DEMO_PASSWORD, REPO_ROOT } from '../config';
import { connect, type Db } from '../db/connection';
import { migrateToLatest } from '../db/migrate';
import { OwnSchemaPostgresDialect } from '../db/own-schema';
import { MIGRATIONS } from '../db/migrations/index';
import { seedIfEmpty } from '../seed/seed';
import { importFrameworks, loadFrameworkDir } from '../modules/frameworks';

/** migrated: the schema only; seeded: plus the org tree, the demo accounts and the frameworks; demo: plus the demo cycles */
export type TemplateName = 'migrated' | 'seeded' | 'demo';

/** What the global setup hands to every test file. */
export interface TemplateRun {
  dir: string;
  runId: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    kaopingTemplates: TemplateRun;
  }
}

/** The content of a template beyond the schema: what makeTestApp used to seed in every file. */
async function fill(db: Db, name: TemplateName): Promise<void> {
  if (name === 'migrated') return;
  // in the order main.ts runs them: the demo evaluation round copies its score sheet from the imported frameworks
  await importFrameworks(db.db, loadFrameworkDir(path.join(REPO_ROOT, 'frameworks')));
  await seedIfEmpty(db.db, { demo: true, demoPassword: DEMO_PASSWORD, assessment: name === 'demo' });
}

/** Build and fill a database the slow way (also the fallback without a template run). */
export async function migrateAndFill(db: Db, name: TemplateName, schema?: string): Promise<void> {
  await migrateToLatest(db, schema);
  await fill(db, name);
}

// ---------- SQLite ----------

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The template's file, built by the first caller of the run; the others wait for it. */
async function sqliteTemplate(run: TemplateRun, name: TemplateName): Promise<string> {
  const file = path.join(run.dir, `${name}.sqlite`);
  const lock = `${file}.lock`;
  for (let waited = 0; ; waited += 50) {
    if (fs.existsSync(file)) return file;
    let fd: number | undefined;
    try {
      fd = fs.openSync(lock, 'wx');
    } catch {
      if (waited > 120_000) throw new Error(`等待测试模板数据库 ${file} 超时`);
      await sleep(50);
      continue;
    }
    try {
      const db = connect({ url: ':memory:' });
      try {
        await migrateAndFill(db, name);
        const tmp = `${file}.${process.pid}.tmp`;
        await sql`VACUUM INTO ${sql.lit(tmp)}`.execute(db.db);
        fs.renameSync(tmp, file);
      } finally {
        await db.close();
      }
      return file;
    } finally {
      fs.closeSync(fd);
    }
  }
}

/** A fresh in-memory SQLite database with the template's content. */
export async function sqliteFromTemplate(run: TemplateRun, name: TemplateName): Promise<Db> {
  const image = fs.readFileSync(await sqliteTemplate(run, name));
  return connect({ url: ':memory:', image });
}

// ---------- PostgreSQL ----------

interface Statement {
  sql: string;
  parameters: readonly unknown[];
}
/** How to make a copy of a template in an empty schema (run with search_path set to that schema). */
interface PgRecipe {
  statements: Statement[];
}

export const templateSchema = (run: TemplateRun, name: TemplateName) => `kp_tmpl_${run.runId}_${name}`;

const q = (ident: string) => `"${ident.replace(/"/g, '""')}"`;

async function buildPgTemplate(url: string, schema: string, name: TemplateName): Promise<PgRecipe> {
  // Migrate with a Kysely that records what the migrations themselves run (not the migrator's bookkeeping).
  const recorded: Statement[] = [];
  let recording = false;
  const pool = new pg.Pool({ connectionString: url, max: 1, options: `-c search_path=${schema}` });
  const kysely = new Kysely<any>({
    dialect: new OwnSchemaPostgresDialect({ pool }),
    log: (e) => {
      if (recording && e.level === 'query') recorded.push({ sql: e.query.sql, parameters: e.query.parameters });
    },
  });
  try {
    await sql.raw(`CREATE SCHEMA ${q(schema)}`).execute(kysely);
    const migrations: Record<string, Migration> = Object.fromEntries(
      Object.entries(MIGRATIONS).map(([key, m]) => [
        key,
        {
          ...m,
          up: async (db: Kysely<any>) => {
            recording = true;
            try {
              await m.up(db);
            } finally {
              recording = false;
            }
          },
        },
      ]),
    );
    const result = await new Migrator({ db: kysely, provider: { getMigrations: async () => migrations }, migrationTableSchema: schema }).migrateToLatest();
    if (result.error) throw result.error;
  } finally {
    await kysely.destroy();
  }

  const db = connect({ url, schema, poolSize: 1 });
  const count = async (t: string) =>
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.raw(`${q(schema)}.${q(t)}`)}`.execute(db.db)).rows[0]!.n;
  try {
    const tables = (
      await sql<{ name: string }>`SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = ${schema} AND c.relkind = 'r' ORDER BY c.oid`.execute(db.db)
    ).rows.map((r) => r.name);
    // rows the migrations themselves wrote (e.g. the audit chain's anchor) are replaced by the template's
    const written = new Set<string>();
    for (const t of tables) if (!t.startsWith('kysely_') && (await count(t)) > 0) written.add(t);
    await fill(db, name);
    const edges = (
      await sql<{ child: string; parent: string }>`SELECT c.relname AS child, p.relname AS parent FROM pg_constraint k
        JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid JOIN pg_namespace n ON n.oid = k.connamespace
        WHERE n.nspname = ${schema} AND k.contype = 'f' AND k.conrelid <> k.confrelid`.execute(db.db)
    ).rows;
    // parents before children, so the copies satisfy the foreign keys
    const ordered: string[] = [];
    const visit = (t: string, seen: Set<string>) => {
      if (ordered.includes(t) || seen.has(t)) return;
      seen.add(t);
      for (const e of edges) if (e.child === t) visit(e.parent, seen);
      ordered.push(t);
    };
    for (const t of tables) visit(t, new Set());

    const statements: Statement[] = [...recorded];
    for (const t of ordered) {
      const from = `${q(schema)}.${q(t)}`;
      // the migrator's own tables were not recorded: copy their shape
      if (t.startsWith('kysely_')) statements.push({ sql: `CREATE TABLE ${q(t)} (LIKE ${from} INCLUDING ALL)`, parameters: [] });
      if (written.has(t)) {
        // past the append-only triggers, which are the table's own (user) triggers
        statements.push({ sql: `ALTER TABLE ${q(t)} DISABLE TRIGGER USER`, parameters: [] });
        statements.push({ sql: `DELETE FROM ${q(t)}`, parameters: [] });
        statements.push({ sql: `ALTER TABLE ${q(t)} ENABLE TRIGGER USER`, parameters: [] });
      }
      if ((await count(t)) > 0) statements.push({ sql: `INSERT INTO ${q(t)} SELECT * FROM ${from}`, parameters: [] });
    }
    // identity columns continue after the copied rows
    const identities = (
      await sql<{ table: string; column: string }>`SELECT c.relname AS table, a.attname AS column FROM pg_attribute a
        JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = ${schema} AND a.attidentity IN ('a', 'd')`.execute(db.db)
    ).rows;
    for (const { table, column } of identities) {
      const r = await sql<{ m: number | null }>`SELECT max(${sql.ref(column)})::bigint AS m FROM ${sql.raw(`${q(schema)}.${q(table)}`)}`.execute(db.db);
      const max = r.rows[0]?.m;
      if (max != null) statements.push({ sql: `ALTER TABLE ${q(table)} ALTER COLUMN ${q(column)} RESTART WITH ${Number(max) + 1}`, parameters: [] });
    }
    return { statements };
  } finally {
    await db.close();
  }
}

/** The recipe for a copy of the named template, built by the first caller of the run (under an advisory lock). */
async function pgRecipe(run: TemplateRun, url: string, name: TemplateName): Promise<PgRecipe> {
  const file = path.join(run.dir, `pg-${name}.json`);
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as PgRecipe;
  const key = crypto.createHash('sha256').update(`kaoping-template:${run.runId}:${name}`).digest().readBigInt64BE(0);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [key.toString()]);
    if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as PgRecipe;
    const recipe = await buildPgTemplate(url, templateSchema(run, name), name);
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(recipe));
    fs.renameSync(tmp, file);
    return recipe;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [key.toString()]).catch(() => {});
    await client.end();
  }
}

/** Fill the empty schema `schema` with a copy of the template: one transaction on one connection. */
export async function pgFromTemplate(run: TemplateRun, url: string, schema: string, name: TemplateName): Promise<void> {
  const recipe = await pgRecipe(run, url, name);
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    await client.query('BEGIN');
    for (const s of recipe.statements) await client.query(s.sql, s.parameters as unknown[]);
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}
