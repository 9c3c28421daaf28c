import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { AUDIT_FIELD_LABELS, AUDIT_STATES, auditChangeLines } from './audit-change';
import { USER_STATUS_LABELS, userSummary } from './contracts/users';

const text = (value: unknown, entityType: string | null) => auditChangeLines(value, entityType).map((l) => `${'  '.repeat(l.depth)}${l.label}${l.text ? `：${l.text}` : ''}`);

describe('audit before / after in words', () => {
  it('names an organisation change in Chinese, version included (no {"version": 1})', () => {
    expect(text({ id: 3, code: '430100', name: '长沙市', shortName: null, kind: 'city', parentId: 1, sortOrder: 1, version: 1 }, 'org_unit')).toEqual([
      '编号：3',
      '代码：430100',
      '名称：长沙市',
      '简称：—',
      '类型：市州',
      '上级单位：1',
      '排序：1',
      '版本号：1',
    ]);
  });

  it('names an evaluation plan\'s schedule 评审日程, not a work plan\'s 报送周期', () => {
    expect(text({ schedule: { documentReviewStart: '2024-05-06' } }, 'evaluation_plan')).toEqual(['评审日程', '  资料评审开始日期：2024-05-06']);
    expect(text({ schedule: 'quarterly' }, 'work_plan')).toEqual(['报送周期：每季度']);
  });

  it('tells a unit\'s id from its name (not 所属单位 twice)', () => {
    expect(text({ orgUnitId: 6, orgUnitName: '岳麓区' }, 'user')).toEqual(['所属单位编号：6', '所属单位：岳麓区']);
  });

  it('shows a score as the scorer wrote it and a status by its workflow', () => {
    expect(text({ unit: '株洲市', criterion: '7.a', answer: { score: 13.8 }, comment: '抽查合格率未达目标', version: 2 }, 'score')).toEqual([
      '被考核单位：株洲市',
      '考核要点：7.a',
      '评分：13.8分',
      '扣分理由：抽查合格率未达目标',
      '版本号：2',
    ]);
    expect(text({ status: 'submitted' }, 'declaration')).toEqual(['状态：已提交']);
    expect(text({ status: 'open' }, 'objection')).toEqual(['状态：待答复']);
    expect(text({ role: 'office', status: 'active', lockedUntil: null }, 'user')).toEqual(['角色：质强办工作人员', '状态：启用', '锁定至：—']);
  });

  it('names the state of every record a workflow moves, by the table the modules’ transitions name (no 状态：answered)', () => {
    const root = path.resolve(__dirname, '../server/modules');
    const files = fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    const tables = new Set<string>();
    for (const f of files) {
      const src = fs.readFileSync(path.join(root, f), 'utf8');
      for (const m of src.matchAll(/workflow: [A-Z_]+WORKFLOW,\s*table: '([a-z_]+)'|table: '([a-z_]+)',[^}]{0,200}?workflow: [A-Z_]+WORKFLOW/g)) tables.add(m[1] ?? m[2]!);
    }
    // the read found the modules' transitions (the assessment's, the evaluation's, the work plan's, …)
    expect(tables.size).toBeGreaterThanOrEqual(20);
    for (const t of tables) expect(AUDIT_STATES[t], t).toBeDefined();
    expect(text({ status: 'answered' }, 'rectification')).toEqual(['状态：已答复整改情况']);
    expect(text({ status: 'submitted' }, 'work_task_report')).toEqual([`状态：${AUDIT_STATES.work_task_report!.submitted}`]);
  });

  it('shows a rectification’s 整改情况 and a consultation’s 回复意见 as written, not as a score (评分："…")', () => {
    expect(text({ status: 'answered', answer: '已更换检测设备并复检合格', answered_by: 12 }, 'rectification')).toEqual(['状态：已答复整改情况', '整改情况：已更换检测设备并复检合格', '填报人：12']);
    expect(text({ answer: '经核查，不存在该情形' }, 'eligibility_consultation')).toEqual(['回复意见：经核查，不存在该情形']);
    // a score's answer is still a score
    expect(text({ answer: { score: 13.8 } }, 'score')).toEqual(['评分：13.8分']);
  });

  it('names an account’s state from the one table the users page reads (USER_STATUS_LABELS), every state of the contract', () => {
    expect(Object.keys(USER_STATUS_LABELS).sort()).toEqual([...userSummary.shape.status.options].sort());
    for (const s of userSummary.shape.status.options) expect(text({ status: s }, 'user')).toEqual([`状态：${USER_STATUS_LABELS[s]}`]);
    expect(USER_STATUS_LABELS).toEqual({ active: '启用', disabled: '停用', pending: '待审核' });
  });

  it('indents lists of rows (a declaration) and joins lists of names; leaves out a cycle’s abilities', () => {
    expect(text({ indicators: [{ item: '实施质量强省战略', points: 3, criteria: [{ text: '有部署', points: 3 }] }], departments: ['ndrc', 'samr'], abilities: { as: 'office' } }, 'declaration')).toEqual([
      '指标：共1项',
      '  第1项',
      '    考核内容：实施质量强省战略',
      '    分值：3',
      '    要点考核内容：共1项',
      '      第1项',
      '        内容：有部署',
      '        分值：3',
      '成员单位：ndrc、samr',
    ]);
  });

  it('marks a field missing from the table instead of hiding it; every label is Chinese', () => {
    expect(text({ somethingNew: 1 }, null)).toEqual(['其他字段somethingNew：1']);
    expect(text(null, null)).toEqual([]);
    for (const [k, v] of Object.entries(AUDIT_FIELD_LABELS)) expect(v, k).toMatch(/^[\u3400-\u9fff]/);
  });
});
