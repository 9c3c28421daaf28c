/**
 * The OpenAPI document as the tests that walk every route read it (fuzz, query integers, choice messages): its
 * operations with their parameters and JSON body schema, and a signed-in client of a role each operation admits.
 */
import type { FastifyInstance } from 'fastify';
import { PERMISSIONS, type Permission } from '../../shared/permissions';
import type { Role } from '../../shared/roles';
import { DEMO_ACCOUNTS } from '../seed/seed';
import { login, type Client } from './client';

/** the parts of a JSON schema the walks read */
export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  pattern?: string;
  format?: string;
  /** a comma-separated list of states (statesFilter): the codes it takes */
  'x-choices'?: string[];
};

export interface ApiParam {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  schema: JsonSchema;
}

export interface ApiOperation {
  method: string;
  path: string;
  permission: Permission | 'public' | 'authenticated';
  parameters: ApiParam[];
  /** the JSON body's schema, when the route reads a body */
  body?: JsonSchema;
}

type Doc = {
  paths: Record<string, Record<string, { parameters: ApiParam[]; 'x-permission': ApiOperation['permission']; requestBody?: { content: Record<string, { schema: JsonSchema }> } }>>;
};

/** A plausible value for a JSON schema (only a base for single-field mutations; it need not be accepted). */
export function sample(s: JsonSchema | undefined, depth = 0): unknown {
  if (!s || depth > 8) return null;
  if (s.default !== undefined) return s.default;
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  const alt = s.anyOf ?? s.oneOf ?? s.allOf;
  if (alt) return sample(alt.find((x) => x.type !== 'null') ?? alt[0], depth + 1);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'string':
      if (s.format === 'email') return 'a@example.cn';
      if (s.pattern?.includes('\\d{4}-\\d{2}-\\d{2}')) return '2099-01-01';
      if (s.pattern === '^[a-z]$') return 'a';
      if (s.pattern?.includes('a-z0-9')) return 'fuzzuser';
      if (s.pattern?.includes('0-9')) return '12345678';
      return '测试'.padEnd(Math.max(s.minLength ?? 0, 4), '文');
    case 'integer':
    case 'number':
      return s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
    case 'boolean':
      return true;
    case 'array':
      return Array.from({ length: Math.max(s.minItems ?? 0, 1) }, () => sample(s.items, depth + 1));
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(s.properties ?? {})) o[k] = sample(v, depth + 1);
      return o;
    }
    default:
      return true;
  }
}

/** Every operation of /api/openapi.json, read by a signed-in client. */
export async function apiOperations(reader: Client): Promise<ApiOperation[]> {
  const doc = (await reader.request('GET', '/api/openapi.json')).json as Doc;
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      permission: op['x-permission'],
      parameters: op.parameters,
      body: op.requestBody?.content['application/json']?.schema,
    })),
  );
}

/** A client for an operation: a demo account of the first role its permission names (the office for public routes), signed in once. */
export function clientsByRole(app: () => FastifyInstance): (op: ApiOperation) => Promise<Client> {
  const clients = new Map<Role, Client>();
  return async (op) => {
    const role: Role = op.permission === 'public' || op.permission === 'authenticated' ? 'office' : PERMISSIONS[op.permission].roles[0]!;
    if (!clients.has(role)) clients.set(role, await login(app(), DEMO_ACCOUNTS.find((a) => a.role === role)!.username));
    return clients.get(role)!;
  };
}
