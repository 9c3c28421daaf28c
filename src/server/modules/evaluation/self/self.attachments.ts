/**
 * The attachment owner kind `self_assessment` (自评资料: the materials behind an application's 自评, which DB43's
 * 资料评审 reviews with it), owner id the application, one part per item of sheet A.1 so that an expert finds the
 * evidence beside the item it scores. Read as the 自评 is (the applicant, the organiser, leaders, experts of the plan
 * in force who declared no conflict: materialReadRefusal); written by the applicant while the 自评 may be changed
 * (selfLock: not once submitted, nor after the review). Registered with the attachments module by src/server/routes.ts.
 */
import type { Transaction } from 'kysely';
import { ATTACHMENT_OWNER_LABELS } from '../../../../shared/contracts/attachments';
import type { Database } from '../../../db/schema';
import { AppError } from '../../../core/errors';
import type { AttachmentOwnerKind } from '../../attachments';
import { isApplicantUser, selfLock } from '../evaluation.policy';
import { frameworkOfRound } from '../evaluation.presenter';
import { applicationAccess, findApplication, findRound, lockApplication, orgById } from '../evaluation.queries';
import { materialReadRefusal } from './self.access';
import { selfOf } from './self.queries';

const LOCKS = { over: '：评审已结束，附件不能再增删', submitted: '已提交，附件不能再增删' } as const;

export const selfMaterialAttachments: AttachmentOwnerKind = {
  type: 'self_assessment',
  label: ATTACHMENT_OWNER_LABELS.self_assessment,
  async load(db, id, _today, lock) {
    const app = lock ? await lockApplication(db as Transaction<Database>, id) : await findApplication(db, id);
    const round = app && (await findRound(db, app.round_id));
    if (!app || !round) return undefined;
    const [self, applicant] = await Promise.all([selfOf(db, id), orgById(db, app.applicant_org_id)]);
    const locked = selfLock(app, self);
    return {
      label: `${applicant?.name ?? ''}${round.year}年度创建评价的自评`,
      orgId: app.applicant_org_id,
      locked: locked && LOCKS[locked],
      parts: new Map(frameworkOfRound(round).sections.flatMap((s) => s.items.map((i) => [i.code, `第${i.code}项`] as const))),
      async canRead(me) {
        try {
          const { a, app: seen } = await applicationAccess(db, me, id);
          return (await materialReadRefusal(db, a, seen, '自评')) === null;
        } catch (e) {
          if (e instanceof AppError) return false; // an application the caller may not see
          throw e;
        }
      },
      isWriter: (me) => isApplicantUser(me, app),
    };
  },
};
