/**
 * The 激励政策 part of the 待办 state (src/shared/workflow/todos.ts warns near and past the expiry): the current
 * policies with an expiry date that the viewer keeps, by policyWriteRefusal — the rule that lets them repeal,
 * supersede or extend it — so the to-do goes to whoever can act on it. Two queries.
 */
import type { Kysely } from 'kysely';
import type { PolicyState } from '../../../../shared/workflow/todos';
import type { SessionUser } from '../../../core/session';
import type { Database } from '../../../db/schema';
import { mayManagePolicies, policyWriteRefusal } from '../honours.policy';
import { orgsByIds } from '../honours.queries';
import { currentPolicies } from './policies.queries';

export async function loadPolicyTodoState(db: Kysely<Database>, user: SessionUser): Promise<PolicyState[]> {
  if (!mayManagePolicies(user)) return [];
  const rows = await currentPolicies(db);
  const regions = await orgsByIds(db, rows.map((r) => r.region_org_id));
  return rows.flatMap((r) => {
    const region = regions.get(r.region_org_id);
    return region && policyWriteRefusal(user, region) === null ? [{ id: r.id, title: r.title, docNo: r.doc_no, status: r.status, expiresOn: r.expires_on }] : [];
  });
}
