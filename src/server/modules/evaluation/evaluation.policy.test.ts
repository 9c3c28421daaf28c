/** The evaluation's pure predicates, unit by unit (the routes' behaviour is in evaluation.test.ts). */
import { describe, expect, it } from 'vitest';
import { APPLICATION_WORKFLOW, type ApplicationStatus } from '../../../shared/workflow/evaluation';
import { keptAcceptConcerns, laterStepRefusal, mayReadAcceptConcerns, type RoundAccess, type RoundRelation } from './evaluation.policy';
import type { ApplicationRow } from './evaluation.queries';

const RELATIONS: RoundRelation[] = ['organiser', 'leader', 'applicant', 'department', 'expert'];
const STATUSES = Object.keys(APPLICATION_WORKFLOW.states) as ApplicationStatus[];

describe('the concerns an application was accepted over (acceptConcerns)', () => {
  const readers = (status: ApplicationStatus) => RELATIONS.filter((as) => mayReadAcceptConcerns({ as }, { status }));

  it('never a consulted department; the applicant only once decided; the organiser, a leader and the panel', () => {
    // while 受理审查中 the concerns are being weighed: the organiser's, not yet the applicant's
    expect(readers('submitted')).toEqual(['organiser', 'leader', 'expert']);
    for (const status of STATUSES.filter((s) => s !== 'submitted')) expect([status, readers(status)]).toEqual([status, ['organiser', 'leader', 'applicant', 'expert']]);
  });

  it('once decided, those kept with a 受理 over them; none without a written reason', () => {
    const concerns = ['省生态环境厅尚未回复征求意见'];
    expect(keptAcceptConcerns({ accept_reason: '经核实不影响受理', accept_concerns_json: JSON.stringify(concerns) })).toEqual(concerns);
    expect(keptAcceptConcerns({ accept_reason: '经核实不影响受理', accept_concerns_json: null })).toEqual([]);
    expect(keptAcceptConcerns({ accept_reason: null, accept_concerns_json: JSON.stringify(concerns) })).toEqual([]);
  });
});

describe('公示 (laterStepRefusal): what the organiser is told', () => {
  const organiser = { as: 'organiser', user: { role: 'office' } } as unknown as RoundAccess;
  const app = (status: ApplicationStatus, passed: boolean | null) =>
    ({ status, consolidation_json: passed === null ? null : JSON.stringify({ passed }), publicity_end: null }) as unknown as ApplicationRow;
  it('not evaluated yet is told its state and what comes first, not that it failed', () => {
    expect(laterStepRefusal(organiser, app('reviewing', null), 'publicise', '2026-12-05')?.message).toBe('该申请当前为「评审中」，综合评价确认且达到通过分数后方可公示');
    expect(laterStepRefusal(organiser, app('consolidated', false), 'publicise', '2026-12-05')?.message).toBe('未通过评价的申请不能公示');
    expect(laterStepRefusal(organiser, app('consolidated', true), 'publicise', '2026-12-05')).toBeNull();
  });
});
