/**
 * 佐证材料's own refusals (who may read and write a file follows its owner: assessment.policy's evidence section).
 * Pure: each returns the Chinese refusal.
 */
import { conflict, type AppError } from '../../core/errors';

/** The file was removed meanwhile (a double click, another tab of the uploader, the only one who may): a 409, nothing audited twice. */
export const alreadyRemoved = (fileName: string): AppError => conflict(`佐证材料「${fileName}」已经删除，无需再删；请刷新页面查看现有材料`);
