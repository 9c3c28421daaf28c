/** Year-on-year change: per unit, last cycle's published total beside this one, with the change (SVG). */
import { fmt, niceMax } from './chartKit';

export interface YoyRow {
  name: string;
  previous: number | null;
  current: number | null;
}

const WIDTH = 720;
const HEIGHT = 280;
const TOP = 24;
const BOTTOM = 56;
const LEFT = 36;

export default function YearOnYearChart({ rows, previousYear, year }: { rows: YoyRow[]; previousYear: number; year: number }) {
  const max = niceMax(rows.flatMap((r) => [r.previous ?? 0, r.current ?? 0]));
  const plotH = HEIGHT - TOP - BOTTOM;
  const slot = (WIDTH - LEFT - 8) / Math.max(1, rows.length);
  const bw = Math.min(14, slot / 3);
  const y = (v: number) => TOP + plotH - (v / max) * plotH;
  return (
    <svg role="img" aria-label="与上年度比较" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" style={{ maxWidth: WIDTH, fontSize: 11 }}>
      <title>{`${previousYear} 与 ${year} 年度总分比较`}</title>
      {[0, 0.5, 1].map((f) => (
        <g key={f}>
          <line x1={LEFT} x2={WIDTH - 8} y1={y(f * max)} y2={y(f * max)} stroke="#f0f0f0" />
          <text x={LEFT - 4} y={y(f * max) + 4} textAnchor="end" fill="#8c8c8c">
            {fmt(f * max, 0)}
          </text>
        </g>
      ))}
      {rows.map((r, i) => {
        const cx = LEFT + slot * i + slot / 2;
        const delta = r.previous !== null && r.current !== null ? r.current - r.previous : null;
        return (
          <g key={r.name}>
            {r.previous !== null && (
              <rect x={cx - bw - 1} y={y(r.previous)} width={bw} height={y(0) - y(r.previous)} fill="#bfbfbf">
                <title>{`${r.name} ${previousYear}年度：${fmt(r.previous)}`}</title>
              </rect>
            )}
            {r.current !== null && (
              <rect x={cx + 1} y={y(r.current)} width={bw} height={y(0) - y(r.current)} fill="#1677ff">
                <title>{`${r.name} ${year}年度：${fmt(r.current)}`}</title>
              </rect>
            )}
            {delta !== null && (
              <text x={cx} y={y(Math.max(r.previous!, r.current!)) - 4} textAnchor="middle" fill={delta >= 0 ? '#389e0d' : '#cf1322'}>
                {delta >= 0 ? '+' : ''}
                {fmt(delta)}
              </text>
            )}
            <text x={cx} y={HEIGHT - BOTTOM + 14} textAnchor="end" transform={`rotate(-40 ${cx} ${HEIGHT - BOTTOM + 14})`} fill="#262626">
              {r.name}
            </text>
          </g>
        );
      })}
      <g transform={`translate(${WIDTH - 200}, 10)`}>
        <rect width={10} height={10} fill="#bfbfbf" />
        <text x={14} y={9}>
          {previousYear}年度
        </text>
        <rect x={80} width={10} height={10} fill="#1677ff" />
        <text x={94} y={9}>
          {year}年度
        </text>
      </g>
    </svg>
  );
}
