/**
 * Demo honours roll (荣誉名录, issue 12) on a fresh data directory: a plausible roll across the 14 cities and 2020–2024,
 * every entry marked 演示数据 (demo = 1, the note and the source document say so). The seeds name no winner (searched
 * for 鲁班奖, 老字号, 质量奖, 大禹奖, 督查激励: only the kinds and the bonus points are stated), so every awardee here is an
 * invented name of the form "<city><word><trade>有限公司" or "<city><project>工程", never a real enterprise.
 *
 * The entries of the counted kinds (plan indicators 4–8) and of the 督查激励 are written out below, so the golden
 * counts in demo-honours.test.ts can be checked by reading this file; the other kinds are spread over the cities by
 * a fixed rule (no randomness).
 */
import type { Insertable, Transaction } from 'kysely';
import type { Database, HonourTable } from '../db/schema';
import { HONOUR_KINDS, honourKind } from '../../shared/honours/kinds';

const DEMO = '演示数据';
const WORDS = ['恒通', '华宇', '湘江', '瑞丰', '金源', '天成', '宏达', '永兴', '盛华', '鑫源', '嘉禾', '景明', '博远', '安泰'];
const TRADES = ['机械', '食品', '新材料', '电子', '医药', '纺织', '建材', '化工', '茶业', '农业科技'];

/** [kind, city code, year, awardee (without the city), county code or null] */
type Entry = [string, string, number, string, string | null];

/** the counted kinds (专栏1 indicators 4–8) and the 督查激励, written out */
export const DEMO_LISTED: readonly Entry[] = [
  // 5 鲁班奖
  ['luban', '430100', 2020, '国际会展中心二期工程', null],
  ['luban', '430100', 2021, '湘江新区综合交通枢纽工程', null],
  ['luban', '430600', 2021, '城陵矶港区综合码头工程', null],
  ['luban', '430200', 2022, '市民中心工程', null],
  ['luban', '430100', 2023, '滨江文化园工程', null],
  ['luban', '430300', 2024, '高新区科技大厦工程', null],
  // 6 国家优质工程奖
  ['national-quality-project', '430100', 2020, '地铁三号线工程', null],
  ['national-quality-project', '430400', 2020, '南岳大道改扩建工程', null],
  ['national-quality-project', '430600', 2021, '洞庭湖大桥接线工程', null],
  ['national-quality-project', '430700', 2022, '柳叶湖生态治理工程', null],
  ['national-quality-project', '431000', 2022, '高铁站综合枢纽工程', null],
  ['national-quality-project', '430100', 2023, '机场改扩建航站区工程', null],
  ['national-quality-project', '430500', 2024, '资江风光带工程', null],
  // 7 中国质量奖 (its 提名奖 counted too: the 2020 baseline 6 is 1 award + 5 提名奖)
  ['china-quality-award', '430100', 2021, '恒通机械有限公司', null],
  ['china-quality-award-nomination', '430200', 2021, '华宇电子有限公司', null],
  ['china-quality-award-nomination', '430600', 2023, '湘江化工有限公司', null],
  ['china-quality-award', '430200', 2023, '瑞丰新材料有限公司', null],
  // 8 大禹奖
  ['dayu', '430700', 2021, '西洞庭湖灌区改造工程', null],
  ['dayu', '431200', 2023, '五强溪水库加固工程', null],
  // 4 中华老字号
  ['china-time-honoured', '430100', 2020, '金源食品有限公司', null],
  ['china-time-honoured', '430600', 2020, '天成茶业有限公司', null],
  ['china-time-honoured', '433100', 2022, '宏达食品有限公司', null],
  ['china-time-honoured', '430400', 2023, '永兴医药有限公司', null],
  ['china-time-honoured', '430100', 2024, '盛华食品有限公司', null],
  // 督查激励: 国办, 省政府, and a county honoured by the province (its city gains 0.2). A year's entries are the
  // evidence of that year's assessment bonus (附件4 第21项: "2022年度…受国办督查激励和省政府督查激励的市州进行加分"), so
  // the 2022 ones agree with the published 2022 demo results (长沙 +1, 株洲 +0.5 +0.2, no other city a bonus)
  ['inspection-incentive-state', '430100', 2022, '人民政府', null],
  ['inspection-incentive-province', '430200', 2022, '人民政府', null],
  ['inspection-incentive-county', '430200', 2022, '人民政府', '430281'],
  ['inspection-incentive-state', '430600', 2023, '人民政府', null],
  ['inspection-incentive-province', '430600', 2023, '人民政府', null],
  ['inspection-incentive-province', '430700', 2023, '人民政府', null],
  ['inspection-incentive-province', '430300', 2023, '人民政府', null],
  ['inspection-incentive-county', '430600', 2023, '人民政府', '430681'],
  ['inspection-incentive-county', '430100', 2023, '人民政府', '430181'],
];

/** the other kinds, spread by a fixed rule: kind k, city c, year y gets an entry when (k + 3c + 5y) % 7 === 0 */
const SPREAD_KINDS = HONOUR_KINDS.filter((k) => !k.planIndicator && !k.inspectionBonus && k.code !== 'china-quality-award-nomination').map((k) => k.code);
export const DEMO_YEARS = [2020, 2021, 2022, 2023, 2024];

export async function seedDemoHonours(trx: Transaction<Database>): Promise<number> {
  const places = await trx.selectFrom('org_unit').select(['id', 'code', 'name', 'kind', 'parent_id', 'sort_order']).where('kind', 'in', ['city', 'county']).orderBy('code').execute();
  const byCode = new Map(places.map((p) => [p.code, p]));
  const cities = places.filter((p) => p.kind === 'city');
  const shortOf = (name: string) => name.replace(/(市|土家族苗族自治州)$/, '');
  const at = new Date().toISOString();
  const rows: Insertable<HonourTable>[] = [];
  const add = (kind: string, cityCode: string, year: number, awardee: string, countyCode: string | null) => {
    const city = byCode.get(cityCode);
    const county = countyCode ? byCode.get(countyCode) : undefined;
    if (!city || (countyCode && !county)) return;
    const k = honourKind(kind)!;
    const name = k.awardee === 'region' ? `${(county ?? city).name}${awardee}` : `${shortOf(city.name)}${awardee}`;
    rows.push({
      kind,
      awardee: name,
      year,
      city_org_id: city.id,
      county_org_id: county?.id ?? null,
      source_doc: `${DEMO}：${year}年度${k.name}名单（非真实文件）`,
      note: DEMO,
      demo: 1,
      created_by: null,
      created_at: at,
      updated_at: at,
      version: 1,
    });
  };
  for (const [kind, city, year, awardee, county] of DEMO_LISTED) add(kind, city, year, awardee, county);
  SPREAD_KINDS.forEach((kind, k) => {
    cities.forEach((city, c) => {
      for (const year of DEMO_YEARS) {
        if ((k + 3 * c + 5 * year) % 7 !== 0) continue;
        const word = WORDS[(k + c + year) % WORDS.length]!;
        const trade = TRADES[(k * 3 + c + year) % TRADES.length]!;
        const awardee = kind === 'service-cluster' ? `${word}现代服务业集聚区` : kind === 'geographical-indication' || kind === 'hunan-famous-brand' ? `${word}${trade === '茶业' ? '茶' : trade}产品` : `${word}${trade}有限公司`;
        add(kind, city.code, year, awardee, null);
      }
    });
  });
  for (let i = 0; i < rows.length; i += 100) await trx.insertInto('honour').values(rows.slice(i, i + 100)).execute();
  return rows.length;
}
