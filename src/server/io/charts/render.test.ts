import { describe, expect, it } from 'vitest';
import { domainRadarChart, domainRates, rankingChart, resultsRadarChart, resultsRankingChart, resultsYearOnYearChart, yearOnYearChart } from '../../../shared/charts';
import { unit, view } from '../../test/results.fixture';
import { renderChartPng, renderChartSpecPng, renderChartSvg } from './render';

const CITIES = ['长沙市', '株洲市', '湘潭市', '衡阳市', '邵阳市', '岳阳市', '常德市', '张家界市', '益阳市', '郴州市', '永州市', '怀化市', '娄底市', '湘西土家族苗族自治州'];
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** width and height from the IHDR chunk */
const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

const ranking = rankingChart(CITIES.map((name, i) => ({ name, total: 95 - i * 1.3, rank: i + 1, grade: i < 3 ? 'A' : 'B', veto: false })));
const yoy = yearOnYearChart(
  CITIES.map((name, i) => ({ name, previous: 80 + i, current: 82 + i * 0.7 })),
  2022,
  2023,
);
const radar = domainRadarChart(
  ['质量发展', '质量安全', '质量基础', '质量治理'].map((title) => ({ title, points: '25' })),
  [
    { name: '湘西土家族苗族自治州', values: [0.9, 0.8, 0.7, 0.6], color: '#1677ff' },
    { name: '各市州平均', values: [0.8, 0.8, 0.8, 0.8], color: '#fa8c16', dashed: true },
  ],
);

describe('server-side chart rendering (ECharts SVG → PNG)', () => {
  it.each([
    ['ranking', ranking, CITIES.map((c, i) => `${i + 1}. ${c}`)],
    ['year-on-year', yoy, CITIES],
    ['radar', radar, ['湘西土家族苗族自治州', '各市州平均', '质量治理', '（25分）']],
  ] as const)('%s: the SVG holds every name whole and the title; the PNG is a PNG of the asked size ×2', (_name, spec, names) => {
    const svg = renderChartSvg(spec.option, spec.width, spec.height);
    expect(svg.startsWith('<svg')).toBe(true);
    for (const n of names) expect(svg).toContain(`>${n}<`);
    expect(svg).toContain('Noto Sans CJK SC');
    expect(svg).toContain(`>${(spec.option as { title: { text: string } }).title.text}<`);
    const png = renderChartSpecPng(spec);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(pngSize(png)).toEqual({ width: spec.width * 2, height: spec.height * 2 });
    // drawn, not blank: a chart with text and bars compresses to well over a few kB
    expect(png.length).toBeGreaterThan(20_000);
  });

  it('year-on-year: the lowest value-axis tick is not 0', () => {
    const svg = renderChartSvg(yoy.option, yoy.width, yoy.height);
    const ticks = [...svg.matchAll(/>(\d+)<\/text>/g)].map((m) => Number(m[1]));
    expect(ticks).toContain(75);
    expect(ticks).not.toContain(0);
  });

  it('renderChartPng draws at the given size and scale', () => {
    const png = renderChartPng(radar.option, 400, 300, 1);
    expect(pngSize(png)).toEqual({ width: 400, height: 300 });
  });
});

describe('the charts of a results view (what the results tab draws and a city report embeds)', () => {
  const sections = (a: string, b: string, c: string) => [
    { code: 'D1', title: '宏观质量', role: 'base' as const, score: a, maximum: '40' },
    { code: 'D2', title: '产品质量', role: 'base' as const, score: b, maximum: '40' },
    { code: 'D3', title: '工程质量', role: 'base' as const, score: c, maximum: '20' },
  ];
  const v = view(
    [
      unit({ unitId: 1, unitCode: '430100', unitName: '长沙市', total: '90', rank: 1, sections: sections('36', '36', '18') }),
      unit({ unitId: 14, unitCode: '433100', unitName: '湘西土家族苗族自治州', total: '70', rank: 2, grade: 'C', veto: true, sections: sections('28', '28', '14') }),
      unit({ unitId: 3, unitCode: '430300', unitName: '湘潭市', total: null, rank: null, sections: [] }),
    ],
    {
      domains: [
        { code: 'D1', title: '宏观质量', points: '40' },
        { code: 'D2', title: '产品质量', points: '40' },
        { code: 'D3', title: '工程质量', points: '20' },
      ],
    },
  );

  it('ranking of the units with a total; the radar of one unit against the average; no year-on-year without a previous cycle', () => {
    const ranking = resultsRankingChart(v)!.option as any;
    expect(ranking.yAxis.data).toEqual(['1. 长沙市', '2. 湘西土家族苗族自治州']);
    const radar = resultsRadarChart(v, 14)!;
    const data = (radar.option as any).series[0].data;
    expect(data.map((d: any) => d.name)).toEqual(['湘西土家族苗族自治州', '各市州平均']);
    expect(data[0].value).toEqual([70, 70, 70]);
    expect(data[1].value).toEqual([80, 80, 80]);
    expect(domainRates(v, v.units[0])).toEqual([0.9, 0.9, 0.9]);
    expect(resultsYearOnYearChart(v)).toBeNull();
    const png = renderChartSpecPng(radar, 1);
    expect(pngSize(png)).toEqual({ width: radar.width, height: radar.height });
  });

  it('year-on-year from the base cycle, matched by unit code', () => {
    const yoy = resultsYearOnYearChart({ ...v, previous: { cycleId: 9, year: 2021, units: [{ unitCode: '433100', total: '75', rank: 1, grade: 'B' }] } })!;
    const o = yoy.option as any;
    expect(o.xAxis.data).toEqual(['长沙市', '湘西土家族苗族自治州']);
    expect(o.series[0].data).toEqual(['-', 75]);
    expect(o.series[1].data[1].label.formatter).toBe('-5');
    expect(o.yAxis.min).toBe(65);
  });
});
