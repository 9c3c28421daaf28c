/**
 * Reading a task's parenthesis into units. How the seed's forms are read:
 *
 * - "X牵头，Y、Z配合" (also "…按职责分工配合"): X leads, Y and Z cooperate. Several leads are allowed ("X、W牵头").
 * - "X，Y、Z，W配合" — no 牵头 (task 8: "省住房城乡建设厅，省交通运输厅、省水利厅，各州市配合"): the unit before the
 *   first "，" leads, as in every other parenthesis; the rest cooperate. A warning says Y and Z may be meant as
 *   co-leads (the task names 建筑、公路、水利 as its three fields) so that the office decides on the draft.
 * - "X、Y按职责分工负责" (task 9): nobody leads; every unit is responsible for its own share (role 'responsible')
 *   and the issuing office consolidates. A warning says so.
 *
 * Names: 各市州 / 各州市 → 'all-cities' (各州市 warned as a variant); 成员单位 / 各成员单位 → 'all-departments';
 * 相关成员单位 → 'related-departments' (warned: not named); a department by its name, short name or alias; a name
 * without its "省" ("市场监管局") is read as the province's department, with a warning.
 */
import type { TaskUnit, UnitRole } from './schema';

export interface DepartmentName {
  code: string;
  name: string;
  shortName?: string;
  aliases?: string[];
}

export interface UnitsReading {
  units: TaskUnit[];
  warnings: string[];
  errors: string[];
}

const GROUPS: Record<string, string> = {
  各市州: 'all-cities',
  各州市: 'all-cities',
  成员单位: 'all-departments',
  各成员单位: 'all-departments',
  相关成员单位: 'related-departments',
  各相关成员单位: 'related-departments',
};

function resolve(name: string, departments: readonly DepartmentName[], warnings: string[], errors: string[]): string | null {
  const group = GROUPS[name];
  if (group) {
    if (name === '各州市') warnings.push('“各州市”按“各市州”（14个市州）理解');
    if (group === 'related-departments') warnings.push(`“${name}”未具体列明，导入时不指派具体单位；如需成员单位承办，质强办可在草稿中（发布后以修订）添加`);
    return group;
  }
  const byName = (n: string) => departments.find((d) => d.name === n || d.shortName === n || (d.aliases ?? []).includes(n));
  const exact = byName(name);
  if (exact) return exact.code;
  const withProvince = name.startsWith('省') ? undefined : byName(`省${name}`);
  if (withProvince) {
    warnings.push(`“${name}”未写“省”字，按“${withProvince.name}”理解`);
    return withProvince.code;
  }
  errors.push(`单位“${name}”不在成员单位名单中`);
  return null;
}

const split = (s: string) => s.split(/[、，,]/).map((x) => x.trim()).filter(Boolean);

/** Reads "省质强办牵头，各市州、成员单位配合" into units with roles; warnings where the reading is a choice. */
export function parseUnitsText(text: string, departments: readonly DepartmentName[]): UnitsReading {
  const warnings: string[] = [];
  const errors: string[] = [];
  const t = text.trim();
  let groups: { names: string[]; role: UnitRole }[];
  let m: RegExpExecArray | null;
  if ((m = /^(.+?)牵头[，,](.+?)(?:按职责分工)?配合$/.exec(t))) {
    groups = [
      { names: split(m[1]!), role: 'lead' },
      { names: split(m[2]!), role: 'cooperating' },
    ];
  } else if ((m = /^(.+?)按职责分工负责$/.exec(t))) {
    groups = [{ names: split(m[1]!), role: 'responsible' }];
    warnings.push('括号中没有牵头单位，各单位按职责分工负责，由发文的质强办汇总');
  } else if ((m = /^([^，,、]+)[，,](.+)配合$/.exec(t))) {
    const rest = split(m[2]!);
    groups = [
      { names: [m[1]!.trim()], role: 'lead' },
      { names: rest, role: 'cooperating' },
    ];
    const named = rest.filter((n) => !GROUPS[n]);
    warnings.push(
      `括号中未写“牵头”：按首个单位“${m[1]!.trim()}”牵头、其余配合理解${named.length ? `；${named.join('、')}也可能是共同牵头单位，请质强办确认` : ''}`,
    );
  } else {
    return { units: [], warnings, errors: [`无法识别的牵头、配合单位写法：“${text}”`] };
  }
  const units: TaskUnit[] = [];
  for (const g of groups) {
    for (const name of g.names) {
      const ref = resolve(name, departments, warnings, errors);
      if (ref === null) continue;
      if (units.some((u) => u.ref === ref)) {
        warnings.push(`“${name}”与前面的单位重复，只计一次`);
        continue;
      }
      units.push({ name, ref, role: g.role });
    }
  }
  return { units, warnings, errors };
}
