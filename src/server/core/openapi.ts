import { z } from 'zod';
import { errorBody } from '../../shared/contracts/common';
import { PERMISSIONS } from '../../shared/permissions';
import type { RouteDef } from './route';

const json = (schema: z.ZodType, io: 'input' | 'output') => {
  try {
    return z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  } catch {
    return {};
  }
};

/** OpenAPI 3.1 document built from the route declarations and their zod contracts. */
export function buildOpenApi(routes: RouteDef<any, any, any>[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.url.replace(/:([A-Za-z]+)/g, '{$1}');
    const parameters: unknown[] = [];
    for (const [where, schema] of [['path', r.params], ['query', r.query]] as const) {
      if (!schema) continue;
      const s = json(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, prop] of Object.entries(s.properties ?? {})) {
        parameters.push({ name, in: where, required: where === 'path' || (s.required ?? []).includes(name), schema: prop });
      }
    }
    const access =
      r.access === 'public' ? '无需登录' : r.access === 'authenticated' ? '任意已登录用户' : `权限${r.access}（${PERMISSIONS[r.access].label}）：${PERMISSIONS[r.access].roles.join('、')}`;
    (paths[path] ??= {})[r.method.toLowerCase()] = {
      summary: r.summary,
      description: `访问控制：${access}`,
      tags: r.tags,
      parameters,
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: json(r.body, 'input') } } } } : {}),
      responses: {
        [String(r.status ?? 200)]: {
          description: '成功',
          ...(r.response ? { content: { 'application/json': { schema: json(r.response, 'output') } } } : {}),
        },
        '4XX': { description: '输入有误、未登录、无权限、冲突等（中文说明）', content: { 'application/json': { schema: json(errorBody, 'output') } } },
      },
      'x-permission': r.access,
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: '考评 Kaoping API', version: '0.1.0', description: '质量工作考核与评价平台接口。状态变更请求须带 x-csrf-token 请求头（登录后由 /api/auth/me 返回）。' },
    paths,
  };
}
