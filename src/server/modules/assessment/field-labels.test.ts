/**
 * Bad input to the yearly assessment's routes is told in Chinese: every field of their bodies, queries and
 * addresses has a label in FIELD_LABELS, so a refusal never names a field by its English key
 * ("填写的内容有误 — response：…").
 */
import { describe, expect, it } from 'vitest';
import { fieldLabel } from '../../../shared/contracts/field-labels';
import { unlabelledFields } from '../../test/unlabelled-fields';
import { cycleRoutes, declarationRoutes, objectionRoutes, resultRoutes, schemeRoutes, scoringRoutes } from '.';
import { evidenceRoutes } from '../evidence';

describe('the assessment routes name every input field in Chinese', () => {
  it('has a label for each body, query and address field', () => {
    expect(unlabelledFields([...cycleRoutes, ...declarationRoutes, ...schemeRoutes, ...scoringRoutes, ...resultRoutes, ...objectionRoutes, ...evidenceRoutes])).toEqual([]);
  });

  it('names a field deep in a scheme as the editor does (a refused draft save)', () => {
    expect(fieldLabel(['framework', 'sections', 0, 'items', 0, 'criteria', 0, 'points'])).toBe('方案内容 考核领域 第1项 评分项 第1项 要点考核内容 第1项 分值');
  });
});
