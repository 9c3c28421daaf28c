import { describe, expect, it } from 'vitest';
import { parseClipboard } from '../assessment/scoring/gridKeys';
import { applyPaste, readValue, type PeerRow } from './peerPaste';

const rows = (): PeerRow[] => [
  { orgId: 1, name: '长沙市', value: null, note: null },
  { orgId: 2, name: '株洲市', value: 3, note: null },
  { orgId: 3, name: '湘西土家族苗族自治州', value: null, note: null },
];

describe('pasting a peer table from Excel', () => {
  it('reads counts with separators and blanks; refuses text', () => {
    expect([readValue('1,234'), readValue(' 12.5 '), readValue(''), readValue('—'), readValue('12家'), readValue('-3')]).toEqual([1234, 12.5, null, null, undefined, undefined]);
  });

  it('fills a column of values (with notes beside) downward from the row pasted into', () => {
    const r = applyPaste(rows(), 1, parseClipboard('14\t含省长质量奖2家\r\n\r\n'));
    expect(r.problems).toEqual([]);
    expect(r.rows.map((x) => [x.value, x.note])).toEqual([
      [null, null],
      [14, '含省长质量奖2家'],
      [null, null],
    ]);
  });

  it('fills named rows, by full or short name, in any order', () => {
    const r = applyPaste(rows(), 0, parseClipboard('湘西州\t2\n长沙\t30\n'));
    expect(r.problems).toEqual([]);
    expect(r.rows.map((x) => x.value)).toEqual([30, 3, 2]);
  });

  it('applies nothing when a row is wrong, and says which', () => {
    const bad = applyPaste(rows(), 0, parseClipboard('长沙市\t三十\n益阳市\t7\n'));
    expect(bad.problems).toEqual(['第1行（长沙市）：“三十”不是数字', '第2行：本表没有“益阳市”']);
    expect(bad.rows).toEqual(rows());
    expect(applyPaste(rows(), 2, parseClipboard('1\n2\n')).problems).toEqual(['第2行：超出本表的3个单位']);
  });
});
