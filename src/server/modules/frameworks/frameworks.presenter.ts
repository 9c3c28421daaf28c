/** Framework rows → response shapes; the stored framework JSON → a validated framework. */
import { z } from 'zod';
import { AppError } from '../../core/errors';
import { framework as frameworkSchema, type Framework } from '../../../shared/scoring/framework-schema';
import type { FrameworkTable } from '../../db/schema';

export const frameworkSummary = z.object({
  id: z.string(),
  version: z.string(),
  title: z.string(),
  kind: z.enum(['assessment', 'evaluation']),
  totalPoints: z.string(),
});

export const presentSummary = (r: Pick<FrameworkTable, 'id' | 'version' | 'title' | 'kind' | 'total_points'>): z.infer<typeof frameworkSummary> => ({
  id: r.id,
  version: r.version,
  title: r.title,
  kind: r.kind,
  totalPoints: r.total_points,
});

/**
 * The stored framework, validated with the shared framework schema (not cast). The row was written from a
 * validated file, so a failure means the database was changed by hand: a 503 that names the fix, not a 500.
 */
export function parseStoredFramework(row: { id: string; content_json: string }): Framework {
  let raw: unknown;
  try {
    raw = JSON.parse(row.content_json);
  } catch {
    raw = undefined;
  }
  const parsed = frameworkSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError(503, 'framework_invalid', `指标体系「${row.id}」在数据库中的内容已损坏，请联系系统管理员重新启动服务以从 frameworks 目录重新导入`);
  }
  return parsed.data;
}
