/**
 * The 文号 of a 公文 the office downloads (湘质强办〔2026〕12号, printed under the 版头), checked in the browser
 * as the server checks it (docNumber in shared/contracts/common.ts). One input for every download that takes one:
 * the results bulletin, the work-plan notice, the rectification notice.
 */
import { useState } from 'react';
import { Input } from 'antd';
import { docNumber } from '../../shared/contracts/common';
import { chinaYear } from '../lib/format';

/** an example in this year's numbering, for placeholders and hints */
export const docNumberExample = () => `湘质强办〔${chinaYear()}〕12号`;

/** what is wrong with a typed 文号, or null (an empty one is fine where it is optional) */
export function docNumberError(typed: string | undefined): string | null {
  const t = (typed ?? '').trim();
  return t ? (docNumber.safeParse(t).error?.issues[0]?.message ?? null) : null;
}

/** the same check as a Form.Item rule */
export const docNumberRule = {
  validator: async (_: unknown, v?: string) => {
    const e = docNumberError(v);
    if (e) throw new Error(e);
  },
};

/**
 * An optional 文号 beside a download button: the text to send (undefined when empty), its error, and the input. Left
 * empty, the document prints the placeholder ×××〔年份〕×号 on its 发文字号 line (docNoOrPlaceholder on the server), to
 * replace once the office has numbered it.
 */
export function useDocNumber(testId?: string) {
  const [typed, setTyped] = useState('');
  const error = docNumberError(typed);
  const input = (
    <Input
      style={{ width: 200 }}
      placeholder="文号（未编号可不填）"
      value={typed}
      onChange={(e) => setTyped(e.target.value)}
      status={error ? 'error' : undefined}
      title={error ?? `如 ${docNumberExample()}，印在版头；不填则印“×××〔年份〕×号”，编号后替换`}
      aria-label="通报文号"
      data-testid={testId}
    />
  );
  return { value: typed.trim() || undefined, error, input };
}
