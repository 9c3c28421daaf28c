import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { RectificationNotice } from '../../../shared/contracts/rectification';
import { rectificationNoticeDocx } from './rectification-notice';

const notice: RectificationNotice = {
  issuer: { name: '湖南省质量强省领导小组办公室', shortName: '省质强办', region: { name: '湖南省', province: true } },
  docNumber: null,
  date: '2026-12-20',
  asOf: '2026-12-20',
  counts: { open: 0, overdue: 0, supervised: 0, closed: 0 },
  sources: [],
  replies: [],
};

async function text(buf: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(buf);
  return (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
}

describe('整改事项落实情况通报', () => {
  it('lists the 督办单 answered with the 逾期原因 each gave, or plainly that it gave none; the heading counts the replies', async () => {
    const replies = [
      { owner: '岳阳市', title: '质量工作考核失分项目整改', periodLabel: '2026年11月', dueOn: '2026-12-10', orderedOn: '2026-12-17', reportedOn: '2026-12-18', daysLate: 8, lateReason: '整改方案须经市政府常务会议审议。' },
      { owner: '湘西州', title: '否决事项整改', periodLabel: '2026年11月', dueOn: '2026-12-10', orderedOn: '2026-12-15', reportedOn: '2026-12-19', daysLate: 9, lateReason: null },
    ];
    const t = await text(await rectificationNoticeDocx({ ...notice, replies }));
    expect(t).toContain('以下责任单位收到督办单后已报送整改进展（2份）：');
    expect(t).toContain('岳阳市：“质量工作考核失分项目整改”2026年11月进展应于2026年12月10日前报送，2026年12月17日下发督办单后于2026年12月18日报送，逾期8天；逾期原因：“整改方案须经市政府常务会议审议”。');
    // a report of before the 逾期原因 was asked has none: said so, and the heading does not claim every reply explained itself
    expect(t).toContain('湘西州：“否决事项整改”2026年11月进展应于2026年12月10日前报送，2026年12月15日下发督办单后于2026年12月19日报送，逾期9天；未说明逾期原因。');
    expect(t).not.toContain('并说明逾期原因');
    // no 督办单 answered: no heading
    expect(await text(await rectificationNoticeDocx(notice))).not.toContain('收到督办单后');
  });
});
