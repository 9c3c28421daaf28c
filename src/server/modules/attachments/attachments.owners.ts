/**
 * The registry of attachment owner kinds. Each owning module exports its kind through its own index.ts
 * (indicators/reporting: indicator_value; workplan: work_report) and decides there, in its policy, who may read
 * and write its owners; this module knows none of them. The edge (src/server/routes.ts) registers them with the
 * routes, since the owners may not import this module at run time (it reaches them back through evidence →
 * assessment → todos).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { SessionUser } from '../../core/session';
import type { AttachmentOwnerType } from '../../../shared/contracts/attachments';

/** One owner (a value, a report) as the attachment routes need it. */
export interface AttachmentOwner {
  /** e.g. 2024年度岳阳市「制造业产品质量合格率」 */
  label: string;
  /** the unit the owner belongs to */
  orgId: number;
  /** why nobody may add or remove files now (submitted, accepted, task closed …), or null */
  locked: string | null;
  /**
   * the owner's parts a file is attached to, code → label (a 自评: its items, 1.1 → 第 1.1 项); a file of an owner
   * with parts names one, a file of an owner without (undefined) names none
   */
  parts?: ReadonlyMap<string, string>;
  /** may be asynchronous: a kind whose rule depends on the caller's place (an expert's 回避 declaration) asks the database */
  canRead(me: SessionUser): boolean | Promise<boolean>;
  /**
   * the caller is who attaches and removes (own) files of this owner, the lock aside: writeRefusal asks this first,
   * so a caller who never writes here gets a 403 and is not told the owner's state (`locked`, a 409, is for the writer)
   */
  isWriter(me: SessionUser): boolean;
  /**
   * why this file stays although the owner may be written (the files a confirmed figure was confirmed with, while its
   * correction is under way and the figure still in force), or null; absent: every file goes with its owner's lock
   */
  keeps?(file: { uploadedAt: string }): string | null;
}

export interface AttachmentOwnerKind {
  type: AttachmentOwnerType;
  /** 规划指标数据, 任务进展报告 */
  label: string;
  /**
   * The owner, or undefined when it does not exist; `today` is the request's day (core/clock.ts), for a kind whose
   * lock depends on a date; `lock` (inside a transaction) locks its row FOR UPDATE.
   */
  load(db: Kysely<Database>, id: number, today: string, lock?: boolean): Promise<AttachmentOwner | undefined>;
}

const KINDS = new Map<AttachmentOwnerType, AttachmentOwnerKind>();

/** Called once per kind by src/server/routes.ts. */
export function registerAttachmentOwner(kind: AttachmentOwnerKind): void {
  KINDS.set(kind.type, kind);
}

export function ownerKind(type: AttachmentOwnerType): AttachmentOwnerKind {
  const kind = KINDS.get(type);
  if (!kind) throw new Error(`attachment owner kind ${type} is not registered`);
  return kind;
}
