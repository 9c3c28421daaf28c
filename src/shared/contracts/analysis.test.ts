import { describe, expect, it } from 'vitest';
import { figureCaptions } from './analysis';

const chart = (caption: string) => ({ caption, spec: { width: 1, height: 1, option: {} } });

describe('figureCaptions', () => {
  it('numbers the figures in order across the sections, a section without one skipped', () => {
    const sections = [{ data: { charts: [chart('13. 森林覆盖率——目标路径与确认值'), chart('22. 国控断面')] } }, { data: { charts: [] } }, { data: { charts: [chart('2023年度考核总分排名')] } }];
    expect(figureCaptions(sections)).toEqual([['图1 13. 森林覆盖率——目标路径与确认值', '图2 22. 国控断面'], [], ['图3 2023年度考核总分排名']]);
  });
  it('drops the 「图：」 of a caption stored before the numbering began', () => {
    expect(figureCaptions([{ data: { charts: [chart('图：2022年度考核总分排名'), chart('图:13. 森林覆盖率')] } }])).toEqual([['图1 2022年度考核总分排名', '图2 13. 森林覆盖率']]);
  });
});
