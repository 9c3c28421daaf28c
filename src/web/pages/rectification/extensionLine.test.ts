import { describe, expect, it } from 'vitest';
import { pendingExtensionLine } from './extensionLine';

describe('a pending extension on the 整改事项 page', () => {
  it('says, for one asked late, that lateness is judged against the missed deadline, not an unnamed 原期限 beside 由X延至Y', () => {
    const line = pendingExtensionLine({ late: true, fromDueOn: '2026-10-31', newDueOn: '2026-12-31', reason: '资金到位推迟' });
    expect(line).toBe('逾期后申请延期（整改期限届满后提出；同意后是否逾期仍按所误的期限2026-10-31判定）：由2026-10-31延至2026-12-31。理由：资金到位推迟');
    expect(line).not.toContain('原期限');
    expect(pendingExtensionLine({ late: false, fromDueOn: '2026-10-31', newDueOn: '2026-12-31', reason: '资金到位推迟' })).toBe('延期申请：由2026-10-31延至2026-12-31。理由：资金到位推迟');
  });
});
