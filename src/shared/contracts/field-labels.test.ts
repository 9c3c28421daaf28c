import { describe, expect, it } from 'vitest';
import { fieldKeys, fieldLabel, FIELD_LABELS, labelledUnder } from './field-labels';

describe('fieldLabel', () => {
  it('names fields as the forms do, array positions counted from 1, unknown keys kept', () => {
    expect(fieldLabel(['displayName'])).toBe('姓名');
    expect(fieldLabel(['sections', 2, 'title'])).toBe('考核领域 第3项 标题');
    expect(fieldLabel(fieldKeys('(整体)'))).toBe('整体');
    expect(fieldLabel(fieldKeys(''))).toBe('整体');
    expect(fieldLabel(['somethingNew'])).toBe('somethingNew');
  });

  it('names a row with a name of its own as the form titles it: 第3条指标, not 指标 第3项', () => {
    expect(fieldLabel(['indicators', 2])).toBe('第3条指标');
    expect(fieldLabel(['indicators', 2, 'item'])).toBe('第3条指标 考核内容');
    expect(fieldLabel(['content', 'bonuses', 0, 'project'])).toBe('申报内容 第1条加分项 加分项目');
    // a declared key point's 要点考核内容 is a row of its own; a framework's criteria are not
    expect(fieldLabel(['indicators', 0, 'criteria', 1, 'points'])).toBe('第1条指标 第2项要点考核内容 分值');
    expect(fieldLabel(['sections', 0, 'items', 0, 'criteria', 1, 'points'])).toBe('考核领域 第1项 评分项 第1项 要点考核内容 第2项 分值');
    // the row's name alone, without its position, is the key's
    expect(fieldLabel(['indicators'])).toBe('指标');
  });

  it('names a key by the object it sits in where the bare key means something else', () => {
    expect(fieldLabel(['framework', 'sections', 0, 'role'])).toBe('方案内容 考核领域 第1项 类别');
    expect(fieldLabel(['role'])).toBe('角色');
    expect(fieldLabel(['framework', 'sections', 0, 'items', 1, 'method'])).toBe('方案内容 考核领域 第1项 评分项 第2项 考核评分方法');
    expect(fieldLabel(['from'])).toBe('起始日期');
    // a key holding an object: an evaluation plan's schedule is its 评审日程, a work plan's schedule field its 报送周期
    expect(fieldLabel(['schedule', 'documentReviewStart'])).toBe('评审日程 资料评审开始日期');
    expect(fieldLabel(['schedule'])).toBe('报送周期');
  });

  // a plan's 同级城市比较 is keyed by its criterion, a key holding dots: split on every dot, "peers.5.2.a.0.value" read
  // 「同级城市比较 第6项 第3项 a 第1项 数值」
  it('reads a key holding dots as one key when given the keys, and shows a key with no name as it is', () => {
    expect(fieldLabel(['peers', '5.2.a', 0, 'value'])).toBe('同级城市比较 5.2.a 第1项 数值');
    expect(fieldLabel(['peers', '5.2.a'])).toBe('同级城市比较 5.2.a');
    // a record's key of digits is a key, not a position; the dotted text still counts digits as positions
    expect(fieldLabel(['peers', '12', 0, 'name'])).toBe('同级城市比较 12 第1项 名称');
    expect(fieldLabel(['indicators', 2, 'title'])).toBe(fieldLabel(fieldKeys('indicators.2.title')));
    expect(fieldLabel([])).toBe('整体');
    expect(labelledUnder(['target', 'bound'])).toBe(true);
    expect(labelledUnder(['peers', '5.2.a', 0, 'accept'])).toBe(false);
  });

  it('takes the keys only: a field’s dotted text is read into keys by fieldKeys, digits as positions', () => {
    expect(fieldKeys('peers.12.0.name')).toEqual(['peers', 12, 0, 'name']);
    expect(fieldKeys('(整体)')).toEqual([]);
    // @ts-expect-error dotted text is no path: it would run a key holding dots ("5.2.a") into three
    expect(() => fieldLabel('indicators.2.title')).toThrow();
  });

  it('names no key by what every object has', () => {
    expect(fieldLabel(['peers', 'constructor', 0, 'value'])).toBe('同级城市比较 constructor 第1项 数值');
    expect(fieldLabel(['toString'])).toBe('toString');
    expect(labelledUnder(['peers', 'constructor'])).toBe(false);
  });

  it('has a Chinese label for every key', () => {
    for (const [k, v] of Object.entries(FIELD_LABELS)) expect(v, k).toMatch(/^[\u3400-\u9fff]/);
  });
});
