/**
 * No developer word reaches a user through a label table: every status, kind, role, rule type and audit code the
 * data can hold has a Chinese label, and no label carries an English word. (Messages are checked where they are
 * made; this covers the tables the pages and the server's presenters read.)
 */
import { describe, expect, it } from 'vitest';
import { ACTION_FAMILY_LABELS, ACTION_LABELS, ENTITY_LABELS, EVENT_ACTIONS, OUTCOME_LABELS } from '../shared/audit-labels';
import { CYCLE_WORKFLOW, DECLARATION_WORKFLOW, OBJECTION_WORKFLOW, SCHEME_WORKFLOW, SCORE_SUBMISSION_WORKFLOW } from '../shared/workflow/assessment';
import * as analysisFlows from '../shared/workflow/analysis';
import * as assessmentFlows from '../shared/workflow/assessment';
import * as evaluationFlows from '../shared/workflow/evaluation';
import * as honoursFlows from '../shared/workflow/honours';
import * as indicatorFlows from '../shared/workflow/indicators';
import * as rectificationFlows from '../shared/workflow/rectification';
import * as workplanFlows from '../shared/workflow/workplan';
import type { Workflow } from '../shared/workflow/workflow';
import { ORG_KIND_LABELS, ORG_KINDS, ROLE_LABELS, ROLES } from '../shared/roles';
import { EVIDENCE_OWNER_LABELS, EVIDENCE_OWNER_TYPES } from '../shared/contracts/evidence';
import { ATTACHMENT_OWNER_LABELS, ATTACHMENT_OWNER_TYPES } from '../shared/contracts/attachments';
import { FIELD_LABELS } from '../shared/contracts/field-labels';
import { USER_STATUS_LABELS, userSummary } from '../shared/contracts/users';
import { framework, nodeRole, rule } from '../shared/scoring/framework-schema';
import { KIND_LABELS, SECTION_ROLE_LABELS, sectionNumber } from './pages/frameworks/frameworkLabels';
import { RULE_HINT } from './pages/assessment/scoring/engine';

/** Chinese, with no English word in it (single letters such as the grades A–D and units such as % may stay). */
function expectChinese(label: string | undefined, what: string) {
  expect(label, `${what} has no label`).toBeDefined();
  expect(label, what).toMatch(/[\u3400-\u9fff]/);
  expect(label, what).not.toMatch(/[A-Za-z]{2,}/);
}

function expectCovers(labels: Record<string, string>, codes: readonly string[], what: string) {
  for (const code of codes) expectChinese(labels[code], `${what} ${code}`);
}

describe('label tables: every code has a Chinese label', () => {
  it('the states and moves of every workflow', () => {
    for (const wf of [CYCLE_WORKFLOW, DECLARATION_WORKFLOW, SCHEME_WORKFLOW, SCORE_SUBMISSION_WORKFLOW, OBJECTION_WORKFLOW]) {
      for (const [state, label] of Object.entries(wf.states)) expectChinese(label, `${wf.name} state ${state}`);
      for (const t of wf.transitions) expectChinese(t.label, `${wf.name} event ${t.event}`);
    }
  });

  it('every move of every workflow has its audit action labelled (transition() audits it as workflow.event)', () => {
    const flows = [analysisFlows, assessmentFlows, evaluationFlows, honoursFlows, indicatorFlows, rectificationFlows, workplanFlows]
      .flatMap((m) => Object.values(m))
      .filter((v): v is Workflow<string, string> => typeof v === 'object' && v !== null && 'transitions' in v && 'name' in v);
    expect(flows.length).toBeGreaterThan(10);
    for (const wf of flows) for (const t of wf.transitions) expectChinese(ACTION_LABELS[`${wf.name}.${t.event}`], `audit action ${wf.name}.${t.event}`);
  });

  it('roles, organisation kinds, user states, evidence owners', () => {
    expectCovers(ROLE_LABELS, ROLES, 'role');
    expectCovers(ORG_KIND_LABELS, ORG_KINDS, 'org kind');
    expectCovers(USER_STATUS_LABELS, userSummary.shape.status.options, 'user status');
    expectCovers(EVIDENCE_OWNER_LABELS, EVIDENCE_OWNER_TYPES, 'evidence owner');
    expectCovers(ATTACHMENT_OWNER_LABELS, ATTACHMENT_OWNER_TYPES, 'attachment owner');
  });

  it('framework kinds, section kinds (bonus / deduction / veto) and rule types', () => {
    expectCovers(KIND_LABELS, framework.shape.kind.options, 'framework kind');
    expectCovers(SECTION_ROLE_LABELS, nodeRole.options, 'section kind');
    expectCovers(RULE_HINT, rule.options.map((o) => o.shape.type.value), 'rule type');
  });

  it('audit actions, their families, object types, outcomes; request fields', () => {
    for (const [code, label] of Object.entries(ACTION_LABELS)) expectChinese(label, `audit action ${code}`);
    for (const code of new Set(Object.keys(ACTION_LABELS).map((a) => a.split('.')[0]))) expectChinese(ACTION_FAMILY_LABELS[code], `audit family ${code}`);
    for (const [code, label] of Object.entries(ENTITY_LABELS)) expectChinese(label, `audit object ${code}`);
    for (const [code, label] of Object.entries(OUTCOME_LABELS)) expectChinese(label, `audit outcome ${code}`);
    for (const [code, label] of Object.entries(FIELD_LABELS)) expectChinese(label, `field ${code}`);
    // an event action (shown as one 记录内容) is an action the log names
    for (const code of EVENT_ACTIONS) expectChinese(ACTION_LABELS[code], `audit event ${code}`);
  });
});

describe('section numbers: the data codes of the seed (D1…, BONUS, DEDUCTION, VETO) are never shown', () => {
  it('numbers base domains 一、二…, names the other sections, keeps a standard\'s own numbers', () => {
    const hunan = ['D1', 'D2', 'BONUS', 'DEDUCTION', 'VETO'].map((code, i) => ({ code, role: (['base', 'base', 'bonus', 'deduction', 'veto'] as const)[i] }));
    expect(hunan.map((_, i) => sectionNumber(hunan, i))).toEqual(['一', '二', '加分项', '减分项', '否决项']);
    const db43 = ['1', '2', '11'].map((code) => ({ code, role: 'base' as const }));
    expect(db43.map((_, i) => sectionNumber(db43, i))).toEqual(['1', '2', '11']);
  });
});
