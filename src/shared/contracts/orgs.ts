import { choiceOf, id, int32, text, versionOf, z } from './common';
import { ORG_KIND_LABELS, ORG_KINDS } from '../roles';

export const orgUnit = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  kind: z.enum(ORG_KINDS),
  parentId: z.number().nullable(),
  sortOrder: z.number(),
  version: z.number(),
});
export type OrgUnit = z.infer<typeof orgUnit>;

const code = text()
  .trim()
  .min(2, { error: '机构代码至少2个字符' })
  .max(40, { error: '机构代码不超过40个字符' })
  .regex(/^[A-Za-z0-9._-]+$/, { error: '机构代码只能包含字母、数字、点、下划线和连字符' });

export const createOrgBody = z.strictObject({
  code,
  name: text().trim().min(2, { error: '机构名称至少2个字' }).max(60, { error: '机构名称不超过60个字' }),
  shortName: text().trim().max(30).nullable().optional(),
  kind: choiceOf(ORG_KIND_LABELS, '机构类型'),
  parentId: id('上级机构编号须为正整数').nullable(),
  sortOrder: int32('排序号须为整数', 0, 100000).optional(),
});
export type CreateOrgBody = z.infer<typeof createOrgBody>;

export const updateOrgBody = z.strictObject({
  name: createOrgBody.shape.name.optional(),
  shortName: createOrgBody.shape.shortName,
  sortOrder: createOrgBody.shape.sortOrder,
  version: versionOf(),
});

/**
 * The office that issues a 公文 (a notice or report) and the region it serves: its 主送 is that region's members
 * and the level below (membersAddressee in the document kit), whoever downloads it.
 */
export interface NoticeIssuer {
  name: string;
  shortName: string;
  region: { name: string; province: boolean };
}
