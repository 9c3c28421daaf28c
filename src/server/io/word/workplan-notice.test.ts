import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { WorkplanNotice } from '../../../shared/contracts/workplan';
import { workplanNoticeDocx } from './workplan-notice';

const notice: WorkplanNotice = {
  plan: { id: 2, title: '岳阳市2026年质量强市工作要点', year: 2026 },
  issuer: { name: '岳阳市质量强市领导小组办公室', shortName: '岳阳市质强办', region: { name: '岳阳市', province: false } },
  period: { code: '2026-Q3', label: '2026年第三季度', dueOn: '2026-10-10' },
  asOf: '2026-11-28',
  lights: { done: 0, red: 1, yellow: 0, green: 1 },
  tasks: [
    { number: 1, title: '提升检验检测能力水平', lead: '岳阳市', progress: 85, light: 'green', lightLabel: '正常', statusLabel: '办理中', line: '本季度各单位按方案推进。', linePeriod: '2026年第三季度', duePeriod: '2026年第三季度' },
    { number: 5, title: '推动制造业高质量发展', lead: '岳阳市', progress: null, light: 'red', lightLabel: '逾期', statusLabel: '办理中', line: null, linePeriod: null, duePeriod: '2026年上半年' },
  ],
  overdue: [],
  extensions: [],
  closed: [],
};

async function text(buf: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(buf);
  return (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
}

describe('工作要点落实情况通报', () => {
  it('says in words that a task has no progress reported, not “进度—”', async () => {
    const t = await text(await workplanNoticeDocx(notice));
    expect(t).toContain('1. 提升检验检测能力水平（岳阳市牵头，进度85%，正常）：本季度各单位按方案推进。');
    expect(t).toContain('5. 推动制造业高质量发展（岳阳市牵头，尚未报告进度，逾期）：2026年上半年汇总报告尚未报送。');
    expect(t).not.toContain('进度—');
  });
});
