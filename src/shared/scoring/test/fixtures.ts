/**
 * Small inline frameworks for the engine's tests, and a synthetic DB43-shaped framework (11 sections, 50
 * items, 1060 points, every rule type) for the benchmark when frameworks/db43-quality-city.json is absent.
 * Not part of the public API (not exported from index.ts).
 */
import { framework as frameworkSchema, type Framework, type FrameworkInput } from '../framework-schema';

/** 160 points: every rule type, bonus (cap 1), deduction (cap 5), veto. */
export const MINI_INPUT: FrameworkInput = {
  id: 'mini',
  title: '测试用指标体系',
  version: '1',
  kind: 'assessment',
  totalPoints: 160,
  source: { seed: 'test', table: 'test' },
  vetoGrade: 'D',
  sections: [
    {
      code: '1',
      title: '规划',
      points: 80,
      items: [
        {
          code: '1.1',
          title: '制定规划',
          points: 20,
          criteria: [
            { code: 'a', title: '规划', points: 20, rule: { type: 'levels', levels: [20, 10, 0], labels: ['已出台', '制定中', '未着手'] } },
          ],
        },
        {
          code: '1.2',
          title: '组织保障',
          points: 30,
          criteria: [
            { code: 'a', title: '联席会议制度', points: 10, rule: { type: 'boolean' } },
            { code: 'b', title: '每年召开会议', points: 10, rule: { type: 'boolean' } },
            { code: 'c', title: '主要负责人任组长', points: 10, rule: { type: 'boolean' } },
          ],
        },
        {
          code: '1.3',
          title: '经费保障',
          points: 30,
          criteria: [
            {
              code: 'a',
              title: '专项经费占一般预算收入比例',
              points: 30,
              rule: {
                type: 'threshold',
                unit: '‰',
                steps: [
                  { bound: 1, points: 30 },
                  { bound: 0.6, points: 20 },
                  { bound: 0.3, points: 10 },
                ],
              },
            },
          ],
        },
      ],
    },
    {
      code: '2',
      title: '工程',
      points: 70,
      items: [
        {
          code: '2.1',
          title: '大中型工程一次验收合格率',
          points: 15,
          criteria: [
            {
              code: 'a',
              title: '合格率',
              points: 15,
              rule: { type: 'linear', unit: '%', target: 100, step: 0.5, deduct: 1, valueRange: [0, 100] },
            },
          ],
        },
        {
          code: '2.2',
          title: '其他工程一次验收合格率',
          points: 20,
          criteria: [
            { code: 'a', title: '合格率', points: 20, rule: { type: 'linear', unit: '%', target: 98, step: 0.5, deduct: 1 } },
          ],
        },
        {
          code: '2.3',
          title: '获奖企业数',
          points: 20,
          criteria: [
            { code: 'a', title: '获奖企业数居省内同级城市前列', points: 15, rule: { type: 'rank', unit: '个', tiers: [15, 8, 3] } },
            {
              code: 'b',
              title: '口岸核心能力达标',
              points: 5,
              rule: { type: 'boolean' },
              notApplicable: '无口岸的城市，此项为合理缺项',
            },
          ],
        },
        {
          code: '2.4',
          title: '投诉平台',
          points: 15,
          criteria: [
            { code: 'a', title: '投诉平台（方法最高 25 分）', points: 15, rule: { type: 'levels', levels: [25, 15, 5, 0] } },
          ],
        },
      ],
    },
    {
      code: '3',
      title: '重点工作',
      points: 10,
      items: [
        {
          code: '3.1',
          title: '部门评分',
          points: 10,
          criteria: [{ code: 'a', title: '部门评分', points: 10, rule: { type: 'direct' } }],
        },
      ],
    },
    {
      code: 'BONUS',
      title: '加分项',
      role: 'bonus',
      points: 1,
      items: [
        {
          code: '4',
          title: '督查激励',
          points: 1,
          criteria: [
            { code: 'a', title: '国办督查激励', points: 1, rule: { type: 'boolean' } },
            { code: 'b', title: '省政府督查激励', points: 0.5, rule: { type: 'boolean' } },
            { code: 'c', title: '县市区获表彰', points: 0.2, rule: { type: 'boolean' } },
          ],
        },
      ],
    },
    {
      code: 'DEDUCTION',
      title: '减分项',
      role: 'deduction',
      points: 5,
      items: [
        {
          code: '5',
          title: '较大质量安全事故',
          points: 5,
          criteria: [{ code: 'a', title: '较大事故', points: 5, rule: { type: 'direct' } }],
        },
      ],
    },
    {
      code: 'VETO',
      title: '否决项',
      role: 'veto',
      points: 0,
      items: [
        {
          code: '6',
          title: '重大质量安全事故',
          points: 0,
          criteria: [{ code: 'a', title: '发生重大质量安全事故', points: 0, rule: { type: 'boolean' } }],
        },
      ],
    },
  ],
};

export const MINI: Framework = frameworkSchema.parse(MINI_INPUT);

/** A complete answer set for MINI (full marks except where noted). */
export function miniAnswers(): Record<string, Record<string, unknown>> {
  return {
    '1.1': { a: { level: 20 } },
    '1.2': { a: true, b: true, c: true },
    '1.3': { a: { value: 1 } },
    '2.1': { a: { value: 100 } },
    '2.2': { a: { value: 98 } },
    '2.3': { a: { value: 10 }, b: true },
    '2.4': { a: { level: 15 } },
    '3.1': { a: { score: 10 } },
    '4': { a: false, b: false, c: false },
    '5': { a: { score: 0 } },
    '6': { a: false },
  };
}

/**
 * A synthetic framework shaped like DB43 table A.1: 11 sections, 50 items, 1060 points, with threshold,
 * linear, rank, levels, boolean and direct rules, an evaluation with pass mark 800 and prorating.
 */
export function syntheticDb43(): Framework {
  // points per section (sum 1060) and items per section (sum 50)
  const sectionPoints = [80, 90, 100, 110, 110, 90, 95, 95, 30, 105, 155];
  const itemCounts = [3, 6, 5, 6, 4, 4, 6, 6, 1, 4, 5];
  const sections: FrameworkInput['sections'] = [];
  let kindCycle = 0;
  for (let s = 0; s < sectionPoints.length; s++) {
    const n = itemCounts[s];
    const base = Math.floor(sectionPoints[s] / n / 5) * 5;
    const items: FrameworkInput['sections'][number]['items'] = [];
    let left = sectionPoints[s];
    for (let i = 0; i < n; i++) {
      const pts = i === n - 1 ? left : base;
      left -= pts;
      const code = `${s + 1}.${i + 1}`;
      const k = kindCycle++ % 6;
      let criteria: FrameworkInput['sections'][number]['items'][number]['criteria'];
      if (k === 0) {
        // booleans that add up (e.g. 1.2)
        const parts = [Math.floor(pts / 2), pts - Math.floor(pts / 2)];
        criteria = parts.map((p, j) => ({ code: 'abc'[j], title: `要点${j + 1}`, points: p, rule: { type: 'boolean' as const } }));
      } else if (k === 1) {
        criteria = [
          {
            code: 'a',
            title: '档次',
            points: pts,
            rule: { type: 'levels', levels: [pts, pts * 0.8, pts * 0.6, 0] },
          },
        ];
      } else if (k === 2) {
        criteria = [
          {
            code: 'a',
            title: '比例',
            points: pts,
            rule: {
              type: 'threshold',
              unit: '‰',
              steps: [
                { bound: 1, points: pts },
                { bound: 0.6, points: pts * 0.6 },
                { bound: 0.3, points: pts * 0.2 },
              ],
            },
          },
        ];
      } else if (k === 3) {
        criteria = [
          { code: 'a', title: '合格率', points: pts, rule: { type: 'linear', unit: '%', target: 100, step: 0.5, deduct: 1, valueRange: [0, 100] } },
        ];
      } else if (k === 4) {
        const half = Math.floor(pts / 2);
        criteria = [
          { code: 'a', title: '居同级前列', points: half, rule: { type: 'rank', unit: '个', tiers: [half, Math.floor(half / 2), 0] } },
          { code: 'b', title: '制度', points: pts - half, rule: { type: 'boolean' }, notApplicable: '无口岸的城市为合理缺项' },
        ];
      } else {
        criteria = [
          { code: 'a', title: '专家打分', points: pts - 5, rule: { type: 'direct' } },
          { code: 'b', title: '制度', points: 5, rule: { type: 'boolean' } },
        ];
      }
      items.push({ code, title: `指标内容 ${code}`, points: pts, criteria });
    }
    sections.push({ code: String(s + 1), title: `指标项 ${s + 1}`, points: sectionPoints[s], items });
  }
  return frameworkSchema.parse({
    id: 'synthetic-db43',
    title: '合成的 DB43 形评分表（基准测试用）',
    version: '1',
    kind: 'evaluation',
    totalPoints: 1060,
    passMark: 800,
    notApplicablePolicy: 'prorate',
    source: { seed: 'synthetic', table: 'A.1-shaped' },
    ineligibility: [
      { code: 'I1', text: '近三年发生重大产品质量安全事故' },
      { code: 'I2', text: '近三年出现重大安全生产等问题' },
    ],
    sections,
  } satisfies FrameworkInput);
}
