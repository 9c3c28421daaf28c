/**
 * 佐证材料's own refusals (who may read and write a file follows its owner: assessment.policy's evidence section).
 * Pure: each returns the Chinese refusal.
 */
import { concealed, conflict, type AppError } from '../../core/errors';

/** The file was removed meanwhile (a double click, another tab of the uploader, the only one who may): a 409, nothing audited twice. */
export const alreadyRemoved = (fileName: string): AppError => conflict(`佐证材料「${fileName}」已经删除，无需再删；请刷新页面查看现有材料`);

/**
 * A file (or an owner) the caller may not read does not exist for them: answered as `missing`, the 404 of a missing id
 * word for word, so ids cannot be probed for existence across units; recorded as a denied attempt with `reason`.
 */
export const hiddenRefusal = (missing: AppError, reason: string): AppError => concealed(missing, reason);
