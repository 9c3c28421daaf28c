import { describe, expect, it } from 'vitest';
import { asciiFileName, attachmentDisposition, rfc5987 } from './download';

describe('rfc5987: a file name for Content-Disposition filename*=', () => {
  it("encodes what encodeURIComponent leaves but the header does not allow (' ( ) * !)", () => {
    expect(rfc5987("张三's报告(终稿)*!.pdf")).toBe('%E5%BC%A0%E4%B8%89%27s%E6%8A%A5%E5%91%8A%28%E7%BB%88%E7%A8%BF%29%2A%21.pdf');
    expect(decodeURIComponent(rfc5987("a'b(c).xlsx"))).toBe("a'b(c).xlsx");
    expect(rfc5987('考核结果-2023.xlsx')).toBe(encodeURIComponent('考核结果-2023.xlsx'));
  });
});

describe('the ASCII filename="…" before filename*= (RFC 6266 §4.3)', () => {
  it('keeps a plain ASCII name as it is', () => {
    expect(asciiFileName('ranking-2023.xlsx')).toBe('ranking-2023.xlsx');
    expect(asciiFileName('Report (final) v2.docx')).toBe('Report (final) v2.docx');
  });

  it('names a Chinese file kaoping-<its ASCII words>, keeping the extension', () => {
    expect(asciiFileName('2023年度考核结果排名（最终）.xlsx')).toBe('kaoping-2023.xlsx');
    expect(asciiFileName('2023 年度湖南省政府质量工作考核要点（第2版）.xlsx')).toBe('kaoping-2023-2.xlsx');
    expect(asciiFileName('岳阳市抽检报告.pdf')).toBe('kaoping-download.pdf');
    expect(asciiFileName('长沙市创建评价报告.docx')).toBe('kaoping-download.docx');
    // no extension, or one that is not a plain word, is not kept
    expect(asciiFileName('说明')).toBe('kaoping-download');
    expect(asciiFileName('报告.p"df')).toBe('kaoping-p-df');
  });

  it('never holds a quote, a backslash, a slash, a percent sign, CR/LF or another control character', () => {
    for (const name of ['a"b.pdf', 'a\\b.pdf', '../x/y.pdf', '100%.pdf', 'a\r\nSet-Cookie: x=1.pdf', 'tab\there.pdf', 'nul\u0000.pdf', '"""', '\u007f.pdf', `${'a'.repeat(300)}.pdf`, `${'报'.repeat(119)}😀.pdf`]) {
      const ascii = asciiFileName(name);
      expect(ascii, name).toMatch(/^[\x20-\x7e]+$/);
      expect(ascii, name).not.toMatch(/["\\/%]/);
      expect(ascii.length, name).toBeLessThanOrEqual(170);
    }
    expect(asciiFileName('a"b\\c.pdf')).toBe('a_b_c.pdf');
    expect(asciiFileName('a\r\nSet-Cookie: x=1.pdf')).toBe('kaoping-a-Set-Cookie-x-1.pdf');
  });

  it('puts the ASCII name before the UTF-8 one in the header', () => {
    expect(attachmentDisposition('2023年度考核初步结果公示.docx')).toBe(`attachment; filename="kaoping-2023.docx"; filename*=UTF-8''${encodeURIComponent('2023年度考核初步结果公示.docx')}`);
    expect(attachmentDisposition('plan.xlsx')).toBe(`attachment; filename="plan.xlsx"; filename*=UTF-8''plan.xlsx`);
  });
});
