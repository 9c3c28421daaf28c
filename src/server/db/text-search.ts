/**
 * Text filters that answer the same on SQLite and PostgreSQL. Plain LIKE does not: SQLite's ignores the case of Latin
 * letters and has no escape character unless told, PostgreSQL's is case-sensitive and escapes with a backslash.
 * Here the column and the text are both lower-cased, and %, _ and \ in the text match themselves (ESCAPE '\').
 */
import { sql, type Expression, type SqlBool } from 'kysely';

const escapeLike = (text: string) => text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);

/** `column` contains `text` (any case of Latin letters). */
export const containsText = (column: string, text: string): Expression<SqlBool> => sql<SqlBool>`lower(${sql.ref(column)}) like ${`%${escapeLike(text)}%`} escape '\\'`;

/** `column` starts with `text` (any case of Latin letters). */
export const startsWithText = (column: string, text: string): Expression<SqlBool> => sql<SqlBool>`lower(${sql.ref(column)}) like ${`${escapeLike(text)}%`} escape '\\'`;
