import { describe, it, expect } from 'vitest';
import { HUNAN_DIVISIONS, type Division } from './hunan-divisions';

const byLevel = (level: Division['level']) => HUNAN_DIVISIONS.filter((d) => d.level === level);
const byCode = new Map(HUNAN_DIVISIONS.map((d) => [d.code, d]));

describe('HUNAN_DIVISIONS', () => {
  it('has 1 province, 14 cities and 122 counties', () => {
    expect(byLevel('province')).toHaveLength(1);
    expect(byLevel('city')).toHaveLength(14);
    expect(byLevel('county')).toHaveLength(122);
    expect(HUNAN_DIVISIONS).toHaveLength(137);
  });

  it('has unique 6-digit codes and unique names within each parent', () => {
    const codes = HUNAN_DIVISIONS.map((d) => d.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) expect(c).toMatch(/^43\d{4}$/);
    const keys = HUNAN_DIVISIONS.map((d) => `${d.parentCode}/${d.name}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('has a consistent hierarchy', () => {
    const [province] = byLevel('province');
    expect(province).toEqual({ code: '430000', name: '湖南省', level: 'province', parentCode: null });
    for (const city of byLevel('city')) {
      expect(city.parentCode).toBe('430000');
      expect(city.code).toMatch(/^43\d{2}00$/);
    }
    for (const county of byLevel('county')) {
      const parent = byCode.get(county.parentCode ?? '');
      expect(parent?.level, county.name).toBe('city');
      expect(parent!.code.slice(0, 4)).toBe(county.code.slice(0, 4));
      expect(county.code.slice(4)).not.toBe('00');
      // no non-administrative management areas (xxxx7x)
      expect(county.code[4]).not.toBe('7');
    }
  });

  it('has the expected number of county-level divisions per city', () => {
    const expected: Record<string, [string, number]> = {
      '430100': ['长沙市', 9],
      '430200': ['株洲市', 9],
      '430300': ['湘潭市', 5],
      '430400': ['衡阳市', 12],
      '430500': ['邵阳市', 12],
      '430600': ['岳阳市', 9],
      '430700': ['常德市', 9],
      '430800': ['张家界市', 4],
      '430900': ['益阳市', 6],
      '431000': ['郴州市', 11],
      '431100': ['永州市', 11],
      '431200': ['怀化市', 12],
      '431300': ['娄底市', 5],
      '433100': ['湘西土家族苗族自治州', 8],
    };
    const actual: Record<string, [string, number]> = {};
    for (const city of byLevel('city')) {
      actual[city.code] = [city.name, byLevel('county').filter((c) => c.parentCode === city.code).length];
    }
    expect(actual).toEqual(expected);
  });

  it('breaks down into 36 districts, 19 county-level cities, 60 counties, 7 autonomous counties', () => {
    const counties = byLevel('county');
    const districts = counties.filter((c) => c.name.endsWith('区'));
    const cities = counties.filter((c) => c.name.endsWith('市'));
    const autonomous = counties.filter((c) => c.name.endsWith('自治县'));
    const plain = counties.filter((c) => c.name.endsWith('县') && !c.name.endsWith('自治县'));
    expect(districts).toHaveLength(36);
    expect(cities).toHaveLength(19);
    expect(plain).toHaveLength(60);
    expect(autonomous).toHaveLength(7);
    expect(districts.length + cities.length + plain.length + autonomous.length).toBe(122);
    // county-level cities use the 8x / 01 (自治州) code ranges
    for (const c of cities) expect(c.code.slice(4) === '01' || c.code[4] === '8').toBe(true);
    expect(autonomous.map((c) => c.name).sort()).toEqual(
      ['城步苗族自治县', '江华瑶族自治县', '麻阳苗族自治县', '新晃侗族自治县', '芷江侗族自治县', '靖州苗族侗族自治县', '通道侗族自治县'].sort(),
    );
  });

  it('passes spot checks', () => {
    const spot: Array<[string, string, string]> = [
      ['430100', '长沙市', '430000'],
      ['433100', '湘西土家族苗族自治州', '430000'],
      ['430102', '芙蓉区', '430100'],
      ['430111', '雨花区', '430100'],
      ['430112', '望城区', '430100'],
      ['430121', '长沙县', '430100'],
      ['430181', '浏阳市', '430100'],
      ['430182', '宁乡市', '430100'],
      ['430212', '渌口区', '430200'],
      ['430412', '南岳区', '430400'],
      ['430582', '邵东市', '430500'],
      ['430781', '津市市', '430700'],
      ['431181', '祁阳市', '431100'],
      ['431229', '靖州苗族侗族自治县', '431200'],
      ['433101', '吉首市', '433100'],
      ['433130', '龙山县', '433100'],
    ];
    for (const [code, name, parentCode] of spot) {
      expect(byCode.get(code), code).toMatchObject({ name, parentCode });
    }
    // superseded codes must not appear
    for (const old of ['430221', '430124', '430521', '431121']) expect(byCode.has(old), old).toBe(false);
  });
});
