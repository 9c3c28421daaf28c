/**
 * Bad input to any route is told in Chinese: every top-level field of every route's body, query and address has a
 * name in FIELD_LABELS, so a refusal never names a field by its English key ("organisation：…", "asOf：…"). The
 * modules' own field-labels tests check theirs; this one catches a route of any module.
 */
import { describe, expect, it } from 'vitest';
import { fieldLabel } from '../shared/contracts/field-labels';
import { ALL_ROUTES } from './routes';
import { unlabelledFields } from './test/unlabelled-fields';

describe('every route names its input fields in Chinese', () => {
  it('has a label for each body, query and address field of every route', () => {
    expect(unlabelledFields(ALL_ROUTES)).toEqual([]);
  });

  it('names a key by the object it sits in where the bare key means something else', () => {
    expect(fieldLabel(['conditions', 2, 'statement'])).toBe('不予受理情形 第3项 情况说明');
    expect(fieldLabel(['statement'])).toBe('声明');
    // nested rows are read too: a declaration's row said 「申报内容 指标 第 1 项 domain」, and is now named as its card (第1条指标)
    expect(fieldLabel(['content', 'indicators', 0, 'domain'])).toBe('申报内容 第1条指标 考核领域');
    expect(fieldLabel(['content', 'indicators', 0, 'item'])).toBe('申报内容 第1条指标 考核内容');
  });
});
