/** Radar of a unit's domain scores as a share of each domain's points (score / points), against the average (SVG). */
import { fmt } from './chartKit';

export interface RadarSeries {
  name: string;
  /** per domain: score / points, 0..1 */
  values: number[];
  color: string;
  dashed?: boolean;
}

const SIZE = 360;
/** room on both sides for the axis labels ("环境质量（10）") */
const WIDTH = SIZE + 160;
const CX = WIDTH / 2;
const C = SIZE / 2;
const R = 120;

export default function DomainRadar({ axes, series }: { axes: { title: string; points: string }[]; series: RadarSeries[] }) {
  const n = axes.length;
  if (n < 3) return null;
  const point = (i: number, r: number) => {
    const a = -Math.PI / 2 + (2 * Math.PI * i) / n;
    return [CX + Math.cos(a) * r, C + Math.sin(a) * r] as const;
  };
  const ring = (f: number) => axes.map((_, i) => point(i, R * f).join(',')).join(' ');
  return (
    <svg role="img" aria-label="各考核领域得分率雷达图" viewBox={`0 0 ${WIDTH} ${SIZE + 24}`} width="100%" style={{ maxWidth: WIDTH, fontSize: 12 }}>
      <title>各考核领域得分率</title>
      {[0.25, 0.5, 0.75, 1].map((f) => (
        <polygon key={f} points={ring(f)} fill="none" stroke="#e8e8e8" />
      ))}
      {axes.map((a, i) => {
        const [x, y] = point(i, R);
        const [lx, ly] = point(i, R + 22);
        return (
          <g key={a.title}>
            <line x1={CX} y1={C} x2={x} y2={y} stroke="#e8e8e8" />
            <text x={lx} y={ly} textAnchor={Math.abs(lx - CX) < 4 ? 'middle' : lx > CX ? 'start' : 'end'} dominantBaseline="middle" fill="#595959">
              {a.title}（{a.points}）
            </text>
          </g>
        );
      })}
      {series.map((s) => (
        <polygon
          key={s.name}
          points={s.values.map((v, i) => point(i, R * Math.max(0, Math.min(1, v))).join(',')).join(' ')}
          fill={s.dashed ? 'none' : s.color}
          fillOpacity={0.18}
          stroke={s.color}
          strokeWidth={2}
          strokeDasharray={s.dashed ? '4 3' : undefined}
        >
          <title>{`${s.name}：${s.values.map((v, i) => `${axes[i].title} ${fmt(v * 100, 1)}%`).join('，')}`}</title>
        </polygon>
      ))}
      {series.map((s, i) => (
        <g key={`legend-${s.name}`} transform={`translate(${16 + i * 120}, ${SIZE + 8})`}>
          <line x1={0} x2={18} y1={0} y2={0} stroke={s.color} strokeWidth={2} strokeDasharray={s.dashed ? '4 3' : undefined} />
          <text x={24} y={4} fill="#262626">
            {s.name}
          </text>
        </g>
      ))}
    </svg>
  );
}
