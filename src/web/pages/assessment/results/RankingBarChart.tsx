/** Ranking bar chart: one horizontal bar per unit, in rank order, coloured by grade (SVG). */
import { fmt, gradeColor, niceMax } from './chartKit';

export interface RankingBar {
  name: string;
  total: number;
  rank: number | null;
  grade: string | null;
  veto: boolean;
}

const ROW = 26;
/** room for "14. 湘西土家族苗族自治州" */
const LEFT = 170;
const RIGHT = 64;
const WIDTH = 720;

export default function RankingBarChart({ bars, title = '总分排名' }: { bars: RankingBar[]; title?: string }) {
  const sorted = [...bars].sort((a, b) => (a.rank ?? 999) - (b.rank ?? 999));
  const max = niceMax(sorted.map((b) => b.total));
  const plot = WIDTH - LEFT - RIGHT;
  const height = 30 + sorted.length * ROW + 24;
  const x = (v: number) => LEFT + (v / max) * plot;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * max);
  return (
    <svg role="img" aria-label={title} viewBox={`0 0 ${WIDTH} ${height}`} width="100%" style={{ maxWidth: WIDTH, fontSize: 12 }}>
      <title>{title}</title>
      {ticks.map((t) => (
        <g key={t}>
          <line x1={x(t)} x2={x(t)} y1={24} y2={height - 20} stroke="#f0f0f0" />
          <text x={x(t)} y={height - 6} textAnchor="middle" fill="#8c8c8c">
            {fmt(t, 0)}
          </text>
        </g>
      ))}
      {sorted.map((b, i) => {
        const y = 28 + i * ROW;
        return (
          <g key={b.name}>
            <text x={LEFT - 8} y={y + 13} textAnchor="end" fill="#262626">
              {b.rank ?? '—'}. {b.name}
            </text>
            <rect x={LEFT} y={y} width={Math.max(1, x(b.total) - LEFT)} height={ROW - 8} rx={3} fill={gradeColor(b.grade)} opacity={b.veto ? 0.45 : 0.85}>
              <title>{`${b.name}：${fmt(b.total)} 分，${b.grade ?? '—'} 级${b.veto ? '（否决）' : ''}`}</title>
            </rect>
            <text x={x(b.total) + 6} y={y + 13} fill="#262626">
              {fmt(b.total)} {b.grade ?? ''}
              {b.veto ? ' 否决' : ''}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
