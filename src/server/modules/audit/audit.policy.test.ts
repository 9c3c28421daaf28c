import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ACTION_LABELS, actionLabel, ENTITY_LABELS, objectLabel } from '../../../shared/audit-labels';
import { CYCLE_WORKFLOW, DECLARATION_WORKFLOW, OBJECTION_WORKFLOW, SCHEME_WORKFLOW, SCORE_SUBMISSION_WORKFLOW } from '../../../shared/workflow/assessment';
import { auditCategory, showsAuditContent } from './audit.policy';

const SERVER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    // security-headers.ts has helmet's `xFrameOptions: { action: 'deny' }`, which is not an audit action
    const skip = e.name.endsWith('.test.ts') || e.name === 'security-headers.ts' || p.includes(`${path.sep}migrations${path.sep}`);
    return e.name.endsWith('.ts') && !skip ? [p] : [];
  });
}

/** Every action the server writes: `action: '…'` literals, both arms of `action: x ? '…' : '…'`, actions passed to saveDeclaration, workflow events. */
function writtenActions(): Set<string> {
  const found = new Set<string>();
  for (const file of sources(SERVER)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/action:\s*([^,}\n]+)/g)) for (const lit of m[1].matchAll(/'([A-Za-z][\w.]*)'/g)) found.add(lit[1]);
    // `user.${decision}` (approve / reject) in users.routes.ts
    for (const m of text.matchAll(/action:\s*`user\.\$\{decision\}`/g)) if (m) for (const d of ['approve', 'reject']) found.add(`user.${d}`);
    for (const m of text.matchAll(/saveDeclaration\([^)]*'([A-Za-z][\w.]*)'\)/g)) found.add(m[1]);
    for (const m of text.matchAll(/entityType:\s*'([a-z_]+)'/g)) found.add(`entity:${m[1]}`);
  }
  for (const wf of [CYCLE_WORKFLOW, DECLARATION_WORKFLOW, SCHEME_WORKFLOW, SCORE_SUBMISSION_WORKFLOW, OBJECTION_WORKFLOW]) {
    for (const t of wf.transitions) found.add(`${wf.name}.${t.event}`);
  }
  return found;
}

describe('audit labels', () => {
  const written = writtenActions();

  it('finds the actions the server writes (the grep itself works)', () => {
    for (const a of ['auth.login', 'user.create', 'result.freeze', 'score.update', 'selfReport.create', 'declaration.save', 'cycle.openReview', 'download', 'entity:assessment_cycle']) {
      expect(written, a).toContain(a);
    }
  });

  it('has a Chinese label for every action and object type written anywhere in src/server', () => {
    const actions = [...written].filter((a) => !a.startsWith('entity:'));
    expect(actions.filter((a) => !ACTION_LABELS[a])).toEqual([]);
    const entities = [...written].filter((a) => a.startsWith('entity:')).map((a) => a.slice(7));
    expect(entities.filter((e) => !ENTITY_LABELS[e])).toEqual([]);
  });

  it('never shows a bare code: unregistered actions say so in Chinese', () => {
    expect(actionLabel('result.freeze')).toBe('固化考核结果');
    expect(actionLabel('result.recompute')).toBe('考核结果：未登记的操作（result.recompute）');
    expect(actionLabel('zzz')).toBe('未登记的操作（zzz）');
    expect(objectLabel('assessment_cycle', '2', '2022年度质量工作考核')).toBe('考核周期「2022年度质量工作考核」');
    expect(objectLabel('assessment_cycle', '2')).toBe('考核周期 #2');
    expect(objectLabel('route', 'GET /api/users')).toBe('接口「GET /api/users」');
    expect(objectLabel('widget', '3')).toBe('未登记的对象类型（widget） #3');
    expect(objectLabel(null, null)).toBe('—');
  });
});

describe('audit content policy', () => {
  it('classifies administrative, read and business actions; unknown ones count as business', () => {
    expect(['auth.login', 'user.role', 'org.update', 'access.denied', 'system.backup', 'audit.export'].map(auditCategory)).toEqual(Array(6).fill('administrative'));
    expect(auditCategory('download')).toBe('read');
    expect(['selfReport.update', 'score.create', 'objection.raise', 'result.freeze', 'todo.done', 'whatever.new'].map(auditCategory)).toEqual(Array(6).fill('business'));
  });

  it('shows the auditor administrative and read content but no business content', () => {
    const auditor = { kind: 'auditor' } as const;
    expect(showsAuditContent(auditor, { action: 'user.update', cycle_id: null })).toBe(true);
    expect(showsAuditContent(auditor, { action: 'download', cycle_id: 4 })).toBe(true);
    expect(showsAuditContent(auditor, { action: 'selfReport.update', cycle_id: 4 })).toBe(false);
    expect(showsAuditContent(auditor, { action: 'score.create', cycle_id: null })).toBe(false);
  });

  it('shows the office business content of its own cycles only, and no administrative content', () => {
    const office = { kind: 'office', cycleIds: new Set([4]) } as const;
    expect(showsAuditContent(office, { action: 'selfReport.update', cycle_id: 4 })).toBe(true);
    expect(showsAuditContent(office, { action: 'download', cycle_id: 4 })).toBe(true);
    expect(showsAuditContent(office, { action: 'selfReport.update', cycle_id: 5 })).toBe(false);
    expect(showsAuditContent(office, { action: 'score.create', cycle_id: null })).toBe(false);
    expect(showsAuditContent(office, { action: 'user.update', cycle_id: 4 })).toBe(false);
  });
});
