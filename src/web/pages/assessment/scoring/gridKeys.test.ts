import { describe, expect, it } from 'vitest';
import { moveFrom, parseClipboard, pasteTargets, scoreReasonBlock } from './gridKeys';

describe('the grid keyboard: where a key moves the active cell', () => {
  const rows = 14;
  const cols = 6;
  it('Enter goes down the column, Shift+Enter up, wrapping to the next / previous column', () => {
    expect(moveFrom({ row: 0, col: 2 }, 'Enter', false, rows, cols)).toEqual({ row: 1, col: 2 });
    expect(moveFrom({ row: 13, col: 2 }, 'Enter', false, rows, cols)).toEqual({ row: 0, col: 3 });
    expect(moveFrom({ row: 13, col: 5 }, 'Enter', false, rows, cols)).toBeNull();
    expect(moveFrom({ row: 1, col: 2 }, 'Enter', true, rows, cols)).toEqual({ row: 0, col: 2 });
    expect(moveFrom({ row: 0, col: 2 }, 'Enter', true, rows, cols)).toEqual({ row: 13, col: 1 });
  });
  it('Tab goes right, Shift+Tab left, wrapping to the next / previous row', () => {
    expect(moveFrom({ row: 3, col: 0 }, 'Tab', false, rows, cols)).toEqual({ row: 3, col: 1 });
    expect(moveFrom({ row: 3, col: 5 }, 'Tab', false, rows, cols)).toEqual({ row: 4, col: 0 });
    expect(moveFrom({ row: 3, col: 0 }, 'Tab', true, rows, cols)).toEqual({ row: 2, col: 5 });
    expect(moveFrom({ row: 0, col: 0 }, 'Tab', true, rows, cols)).toBeNull();
  });
  it('arrows move one cell and stop at the edges', () => {
    expect(moveFrom({ row: 3, col: 3 }, 'ArrowUp', false, rows, cols)).toEqual({ row: 2, col: 3 });
    expect(moveFrom({ row: 3, col: 3 }, 'ArrowDown', false, rows, cols)).toEqual({ row: 4, col: 3 });
    expect(moveFrom({ row: 3, col: 3 }, 'ArrowLeft', false, rows, cols)).toEqual({ row: 3, col: 2 });
    expect(moveFrom({ row: 3, col: 3 }, 'ArrowRight', false, rows, cols)).toEqual({ row: 3, col: 4 });
    expect(moveFrom({ row: 0, col: 0 }, 'ArrowUp', false, rows, cols)).toBeNull();
    expect(moveFrom({ row: 13, col: 5 }, 'ArrowRight', false, rows, cols)).toBeNull();
    expect(moveFrom({ row: 0, col: 0 }, 'ArrowDown', false, 0, 0)).toBeNull();
  });
});

describe('pasting from Excel', () => {
  it('splits a column, a row and a block as Excel copies them (CRLF, trailing line break)', () => {
    expect(parseClipboard('13.5\r\n14\r\n12\r\n')).toEqual([['13.5'], ['14'], ['12']]);
    expect(parseClipboard('是\t否\t0.5')).toEqual([['是', '否', '0.5']]);
    expect(parseClipboard('1\t2\n3\t4\n')).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(parseClipboard('1\t\t3\n')).toEqual([['1', '', '3']]);
    expect(parseClipboard('13.5')).toEqual([['13.5']]);
  });
  it('keeps a quoted cell with a line break, a tab or a quote in one piece', () => {
    expect(parseClipboard('"第一行\n第二行"\t2\r\n')).toEqual([['第一行\n第二行', '2']]);
    expect(parseClipboard('"说""明"\n')).toEqual([['说"明']]);
    expect(parseClipboard('"未闭合\n1')).toEqual([['"未闭合'], ['1']]);
  });
  it('fills cells from the active one, clipped to the grid', () => {
    expect(pasteTargets({ row: 12, col: 5 }, [['1'], ['2'], ['3']], 14, 6)).toEqual({
      targets: [
        { pos: { row: 12, col: 5 }, text: '1' },
        { pos: { row: 13, col: 5 }, text: '2' },
      ],
      clipped: 1,
    });
    expect(pasteTargets({ row: 0, col: 4 }, [['a', 'b', 'c']], 14, 6).clipped).toBe(1);
  });
});

describe('pasting scores with their 扣分理由 (two columns from Excel)', () => {
  const numbers = (t: string) => /^\d+(\.\d+)?$/.test(t);
  it('reads score and reason pairs when the second column is text the next criterion would refuse', () => {
    const block = parseClipboard('5\t一站式服务覆盖不足\r\n5.5\t\r\n"4"\t"未建立制度\n未开展检查"\r\n');
    expect(scoreReasonBlock(block, numbers)).toEqual([
      { score: '5', reason: '一站式服务覆盖不足' },
      { score: '5.5', reason: '' },
      { score: '4', reason: '未建立制度\n未开展检查' },
    ]);
  });
  it('reads the second column as reasons when no criterion follows, even if it looks like a number', () => {
    expect(scoreReasonBlock([['3', '12']], null)).toEqual([{ score: '3', reason: '12' }]);
  });
  it('leaves two columns of scores, one column, wider blocks and an empty second column to fill cells as before', () => {
    expect(scoreReasonBlock([['5', '14'], ['5.5', '13']], numbers)).toBeNull();
    expect(scoreReasonBlock([['5'], ['5.5']], numbers)).toBeNull();
    expect(scoreReasonBlock([['5', '理由', '3']], numbers)).toBeNull();
    expect(scoreReasonBlock([['5', ''], ['4', '  ']], null)).toBeNull();
    expect(scoreReasonBlock([], null)).toBeNull();
  });
  it('reads a ragged block (a row whose reason cell was empty and dropped) as pairs', () => {
    expect(scoreReasonBlock([['5', '覆盖不足'], ['6']], numbers)).toEqual([
      { score: '5', reason: '覆盖不足' },
      { score: '6', reason: '' },
    ]);
  });
});
