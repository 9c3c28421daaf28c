/**
 * Bad input to the 整改事项 and honours routes is told in Chinese: every field of their bodies, queries and addresses
 * has a label in FIELD_LABELS ("查询条件有误 — light：…" named the 指示灯 by its key).
 */
import { describe, expect, it } from 'vitest';
import { fieldLabel } from '../../../shared/contracts/field-labels';
import { unlabelledFields } from '../../test/unlabelled-fields';
import { honourRoutes, policyRoutes } from '../honours';
import { rectificationRoutes } from '.';

describe('the rectification and honours routes name every input field in Chinese', () => {
  it('has a label for each body, query and address field', () => {
    expect(unlabelledFields([...rectificationRoutes, ...honourRoutes, ...policyRoutes])).toEqual([]);
  });

  it('names a policy rule’s amount kind as the form does', () => {
    expect(fieldLabel(['rules', 0, 'amount', 'type'])).toBe('奖励规则 第1项 金额 类型');
  });
});
