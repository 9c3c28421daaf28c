/**
 * The audit log export as it prints: a user name and a role name are short words an auditor reads whole; the
 * colleague's print of the demo log (its accounts' names) broke 「yueyang.offi|ce」 and 「质强办工作人|员」 across lines.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/contracts/audit';
import { LANDSCAPE_UNITS, SHRINK_ALLOWANCE, wrappedLines } from '../document-kit/table';
import { auditLogXlsx } from './audit-log';

const entry = (id: number, username: string | null, role: string | null, ip: string | null): AuditEntry => ({
  id,
  at: '2026-12-02T01:02:03.000Z',
  userId: id,
  username,
  role,
  ip,
  userAgent: null,
  action: 'auth.login',
  method: 'POST',
  path: '/api/auth/login',
  entityType: 'user',
  entityId: String(id),
  before: null,
  after: null,
  outcome: 'ok',
  actionLabel: '登录',
  object: `用户「${username ?? ''}」`,
  contentHidden: true,
});

describe('the audit log export (.xlsx)', () => {
  it('prints each user name, role name, source address and object on one line, the table still one A4 page wide', async () => {
    const entries = [
      entry(1, 'yueyang.office', 'office', '::ffff:127.0.0.1'),
      entry(2, 'xiangxi', 'unit', '192.168.100.200'),
      entry(3, 'dept.samr', 'department', null),
      entry(4, null, null, null),
    ];
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await auditLogXlsx(entries, '时间：全部', new Date('2026-12-02T02:00:00Z'))) as never);
    const ws = wb.getWorksheet('审计日志')!;
    expect((ws.getRow(3).values as unknown[]).slice(1, 8)).toEqual(['编号', '时间', '用户', '角色', '来源地址', '操作', '对象']);
    const broken: string[] = [];
    for (let r = 4; r < 4 + entries.length; r++)
      // 对象 too: at 20 units 用户「yueyang.office」 broke after 用户
      for (const c of [3, 4, 5, 7]) {
        const text = String(ws.getCell(r, c).value ?? '');
        if (text && wrappedLines(text, ws.getColumn(c).width!) > 1) broken.push(`${text}（宽 ${ws.getColumn(c).width}）`);
      }
    expect(broken).toEqual([]);
    const total = Array.from({ length: 9 }, (_, i) => ws.getColumn(i + 1).width!).reduce((a, b) => a + b, 0);
    expect(total).toBeLessThanOrEqual(LANDSCAPE_UNITS.A4 * SHRINK_ALLOWANCE);
  });

  it('writes what an event recorded (a download) as its 记录内容, as the page does, and a change as 修改前 / 修改后', async () => {
    const download: AuditEntry = {
      ...entry(5, 'office', 'office', '127.0.0.1'),
      action: 'download',
      entityType: 'assessment_cycle',
      actionLabel: '下载文件',
      object: '考核周期「2022年度考核」',
      contentHidden: false,
      after: { fileName: '2022年度考核结果通报.docx' },
    };
    const change: AuditEntry = {
      ...entry(6, 'office', 'office', '127.0.0.1'),
      action: 'cycle.update',
      entityType: 'assessment_cycle',
      actionLabel: '修改考核',
      contentHidden: false,
      before: { title: '旧标题' },
      after: { title: '新标题' },
    };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await auditLogXlsx([download, change], '时间：全部', new Date('2026-12-02T02:00:00Z'))) as never);
    const ws = wb.getWorksheet('审计日志')!;
    const downloaded = String(ws.getCell(4, 9).value);
    expect(downloaded).toMatch(/^记录内容：/);
    expect(downloaded).toContain('2022年度考核结果通报.docx');
    expect(downloaded).not.toContain('修改');
    const changed = String(ws.getCell(5, 9).value);
    expect(changed).toMatch(/^修改前：.*旧标题\n修改后：.*新标题$/s);
  });
});
