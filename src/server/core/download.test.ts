import { describe, expect, it } from 'vitest';
import { rfc5987 } from './download';

describe('rfc5987: a file name for Content-Disposition filename*=', () => {
  it("encodes what encodeURIComponent leaves but the header does not allow (' ( ) * !)", () => {
    expect(rfc5987("张三's报告(终稿)*!.pdf")).toBe('%E5%BC%A0%E4%B8%89%27s%E6%8A%A5%E5%91%8A%28%E7%BB%88%E7%A8%BF%29%2A%21.pdf');
    expect(decodeURIComponent(rfc5987("a'b(c).xlsx"))).toBe("a'b(c).xlsx");
    expect(rfc5987('考核结果-2023.xlsx')).toBe(encodeURIComponent('考核结果-2023.xlsx'));
  });
});
