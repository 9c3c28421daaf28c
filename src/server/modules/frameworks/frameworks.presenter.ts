/** Framework rows → response shapes; the stored framework JSON → a validated framework. */
import { z } from 'zod';
import { AppError } from '../../core/errors';
import type { Framework } from '../../../shared/scoring/framework-schema';
import { frameworkOf } from './framework-cache';
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
 * The stored framework, validated with the shared framework schema (not cast), once per stored text (frameworkOf:
 * the object is shared and frozen). The row was written from a validated file, so a failure means the database was
 * changed by hand: a 503 that names the fix, not a 500.
 */
export const parseStoredFramework = (row: { id: string; content_json: string }): Framework =>
  frameworkOf(row.content_json, () => new AppError(503, 'framework_invalid', `指标体系「${row.id}」在数据库中的内容已损坏，请联系系统管理员重新启动服务以从 frameworks 目录重新导入`));
