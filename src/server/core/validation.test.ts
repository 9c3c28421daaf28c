/** parseOr400's summary names each field: by the contract's own title where it gives one, else by FIELD_LABELS. */
import { describe, expect, it } from 'vitest';
import { moveValueBody } from '../../shared/contracts/indicator-reporting';
import { putScoreBody } from '../../shared/contracts/scoring';
import { rectificationDecideExtensionBody } from '../../shared/contracts/rectification';
import { declarationContent } from '../../shared/contracts/declarations';
import { z } from '../../shared/contracts/common';
import { parseOr400 } from './validation';

const refusal = (schema: z.ZodType, body: unknown) => {
  try {
    parseOr400(schema, body, 'body');
  } catch (e) {
    return { message: (e as Error).message, fields: (e as { fields?: unknown }).fields };
  }
  throw new Error('accepted');
};

describe('parseOr400 names a field as its form does', () => {
  it('gives the shared key `comment` the name its contract gives it: 扣分理由 on a score, 退回意见 on a returned value', () => {
    expect(refusal(putScoreBody, { answer: { score: 1 }, version: null, comment: '理'.repeat(1001) })).toEqual({
      message: '填写的内容有误 — 扣分理由：扣分理由不超过1000字',
      fields: [{ field: 'comment', message: '扣分理由不超过1000字' }],
    });
    expect(refusal(moveValueBody, { event: 'return', version: 1, comment: '理'.repeat(1001) })).toEqual({
      message: '填写的内容有误 — 退回意见：退回意见不能超过1000个字',
      fields: [{ field: 'comment', message: '退回意见不能超过1000个字' }],
    });
  });

  it('falls back to FIELD_LABELS for a field its contract does not name, and to the neutral 说明 for `comment` elsewhere', () => {
    expect(refusal(z.strictObject({ comment: z.string({ error: '请填写' }) }), {}).message).toBe('填写的内容有误 — 说明：请填写');
    expect(refusal(putScoreBody, { answer: { score: 1 } }).message).toBe('填写的内容有误 — 版本号：缺少版本号（新建时为 null，修改时为读取到的版本号）');
  });

  it('names a field the form does not have by where it was sent, not by the label the key has on another form', () => {
    // `accept` is 审核意见 on a 销号 decision; sent to a 延期 decision it is only a field this form does not take
    expect(refusal(rectificationDecideExtensionBody, { version: 1, extensionId: 2, approve: true, accept: true })).toEqual({
      message: '填写的内容有误 — 不允许的字段：accept',
      fields: [{ field: 'accept', message: '不允许的字段：accept' }],
    });
    // nested, it is named by the row it was sent in
    const r = refusal(declarationContent, { indicators: [{ extra: 1 }], bonuses: [] });
    expect(r.message).toMatch(/不允许的字段：extra/);
    expect(r.message).not.toMatch(/^填写的内容有误 — 不允许的字段/);
  });
});
