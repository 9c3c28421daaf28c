/**
 * Immutable edits of a scheme draft in the browser. After each edit base items and domains take the sum of
 * their key points (recomputeTotals, shared with the server), so the office only ever sets key points.
 */
import { recomputeTotals } from '../../../../shared/contracts/schemes';
import type { Criterion, Framework, Item, Section } from '../../../../shared/scoring/framework-schema';

export type Path = { s: number; i?: number; c?: number };

function mutate(fw: Framework, fn: (draft: Framework) => void): Framework {
  const out = structuredClone(fw);
  fn(out);
  return recomputeTotals(out);
}

export const roleOf = (s: Section) => s.role ?? 'base';

export function setCriterion(fw: Framework, p: Required<Path>, patch: Partial<Criterion>): Framework {
  return mutate(fw, (d) => {
    const c = d.sections[p.s].items[p.i].criteria[p.c];
    Object.assign(c, patch);
    // the scheme's words for the 评价部门 (相关成员单位) no longer describe departments chosen by hand
    if (patch.evaluators) delete c.evaluatorsText;
  });
}

export function setItem(fw: Framework, p: { s: number; i: number }, patch: Partial<Pick<Item, 'title' | 'points'>>): Framework {
  return mutate(fw, (d) => Object.assign(d.sections[p.s].items[p.i], patch));
}

export function setSection(fw: Framework, s: number, patch: Partial<Pick<Section, 'title' | 'points'>>): Framework {
  return mutate(fw, (d) => Object.assign(d.sections[s], patch));
}

const nextLetter = (item: Item) => {
  const used = new Set(item.criteria.map((c) => c.code));
  for (let k = 0; k < 26; k++) {
    const l = String.fromCharCode(97 + k);
    if (!used.has(l)) return l;
  }
  return null;
};

function newCriterion(role: string, code: string): Criterion {
  return {
    code,
    title: role === 'veto' ? '新否决情形' : '新考核要点',
    points: 0,
    rule: role === 'bonus' || role === 'veto' ? { type: 'boolean' } : { type: 'direct', min: 0 },
    evaluators: [],
  };
}

/** Adds a key point to an item; null when the item already has 26 (a–z). */
export function addCriterion(fw: Framework, p: { s: number; i: number }): Framework | null {
  const code = nextLetter(fw.sections[p.s].items[p.i]);
  if (!code) return null;
  return mutate(fw, (d) => d.sections[p.s].items[p.i].criteria.push(newCriterion(roleOf(d.sections[p.s]), code)));
}

export function addItem(fw: Framework, s: number): Framework {
  const codes = fw.sections.flatMap((x) => x.items.map((i) => Number(i.code))).filter(Number.isFinite);
  const code = String(Math.max(0, ...codes) + 1);
  return mutate(fw, (d) => {
    const role = roleOf(d.sections[s]);
    d.sections[s].items.push({ code, title: '新考核内容', points: 0, criteria: [newCriterion(role, 'a')] });
  });
}

/** Removes a key point (and its item when it was the last one); a string says why it cannot. */
export function removeCriterion(fw: Framework, p: Required<Path>): Framework | string {
  const item = fw.sections[p.s].items[p.i];
  if (item.criteria.length > 1) return mutate(fw, (d) => d.sections[p.s].items[p.i].criteria.splice(p.c, 1));
  return removeItem(fw, p);
}

export function removeItem(fw: Framework, p: { s: number; i: number }): Framework | string {
  const s = fw.sections[p.s];
  if (s.items.length <= 1) return `「${s.title}」至少保留一项考核内容`;
  return mutate(fw, (d) => d.sections[p.s].items.splice(p.i, 1));
}
