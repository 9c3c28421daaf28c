import { describe, expect, it } from 'vitest';
import { domainRadarChart, rankingChart, yearOnYearChart } from '../../../shared/charts';
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
    ['radar', radar, ['湘西土家族苗族自治州', '各市州平均', '质量治理（25分）']],
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
