import { describe, expect, it } from 'vitest';
import { bareClause, joinClauses, REFRESH_TO_SEE, refreshDone } from './text';

describe('clauses of one line', () => {
  it('are joined by ；, the empty ones left out, and a clause ending in 。！？； gets no second mark', () => {
    expect(joinClauses(['理由：年度任务随之顺延。', '审批意见：同意'])).toBe('理由：年度任务随之顺延。审批意见：同意');
    expect(joinClauses(['理由：顺延', null, '', false, '审批意见：同意', '是否逾期仍按原期限判定'])).toBe('理由：顺延；审批意见：同意；是否逾期仍按原期限判定');
    expect(joinClauses(['理由：顺延！ ', '审批意见：同意？', '留档；', '完'])).toBe('理由：顺延！审批意见：同意？留档；完');
    expect(joinClauses([null, '  '])).toBe('');
  });
});

describe('typed text quoted in a line that closes it itself', () => {
  it('loses the marks it ends with, and keeps those inside it', () => {
    expect(bareClause(' 一起超标排放案件已结案。 ')).toBe('一起超标排放案件已结案');
    expect(bareClause('已整改；，.')).toBe('已整改');
    expect(bareClause('第一，已整改；第二，已复查')).toBe('第一，已整改；第二，已复查');
    expect(bareClause('属实！')).toBe('属实！');
    expect(`理由：${bareClause('无口岸。')}。`).toBe('理由：无口岸。');
  });
});

describe('refreshDone', () => {
  it('drops the 请刷新后查看 of a lost race for a page that has loaded the latest itself, and leaves other words alone', () => {
    expect(refreshDone(`同级比较表已由张三（省质强办）于2026-12-07 15:30修改数值${REFRESH_TO_SEE}`)).toBe('同级比较表已由张三（省质强办）于2026-12-07 15:30修改数值');
    expect(refreshDone('同级比较表已被他人修改，请刷新后查看')).toBe('同级比较表已被他人修改');
    expect(refreshDone('比较指标须填写')).toBe('比较指标须填写');
  });
});
