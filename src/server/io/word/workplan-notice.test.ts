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
  replies: [],
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
  it('lists the 督办单 answered with the 逾期原因 each gave (or that it gave none), and then does not say every unit reported on time', async () => {
    const replies = [
      { taskNumber: 3, taskTitle: '深入推进质量基础设施“一站式”服务', org: '岳阳楼区', periodLabel: '2026年第三季度', dueOn: '2026-10-10', orderedOn: '2026-10-17', reportedOn: '2026-10-20', daysLate: 10, lateReason: '设备招标结果10月中旬才公示。' },
      { taskNumber: 4, taskTitle: '加强产品质量安全监管', org: '汨罗市', periodLabel: '2026年第三季度', dueOn: '2026-10-10', orderedOn: '2026-10-17', reportedOn: '2026-10-18', daysLate: 8, lateReason: null },
    ];
    const t = await text(await workplanNoticeDocx({ ...notice, replies }));
    expect(t).toContain('截至2026年11月28日，无逾期未报送情况。');
    expect(t).not.toContain('均已按期报送');
    expect(t).toContain('以下单位收到督办单后已报送进展（2份）：');
    expect(t).toContain('第3项“深入推进质量基础设施“一站式”服务”：岳阳楼区2026年第三季度进展应于2026年10月10日前报送，2026年10月17日下发督办单后于2026年10月20日报送，逾期10天；逾期原因：“设备招标结果10月中旬才公示”。');
    expect(t).toContain('第4项“加强产品质量安全监管”：汨罗市2026年第三季度进展应于2026年10月10日前报送，2026年10月17日下发督办单后于2026年10月18日报送，逾期8天；未说明逾期原因。');
    // the heading counts the replies, not replies that all explained themselves: 汨罗市's (a report of before the
    // 逾期原因 was asked) gave none
    expect(t).not.toContain('并说明逾期原因');
    expect(await text(await workplanNoticeDocx(notice))).toContain('各承办单位均已按期报送进展，无逾期未报送情况。');
  });
});
