/**
 * One chart from a definition in src/shared/charts, drawn by ECharts as SVG (the same option the server renders
 * to PNG for documents). ECharts loads lazily, on the first chart; the chart follows its container's width.
 */
import { useEffect, useRef, useState } from 'react';
import type { ChartSpec } from '../../shared/charts';

type Chart = ReturnType<(typeof import('./echarts'))['init']>;

export default function EChart({ spec, label }: { spec: ChartSpec; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [chart, setChart] = useState<Chart | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let gone = false;
    let instance: Chart | null = null;
    let observer: ResizeObserver | null = null;
    import('./echarts')
      .then(({ init }) => {
        if (gone || !ref.current) return;
        instance = init(ref.current, null, { renderer: 'svg' });
        observer = new ResizeObserver(() => instance?.resize());
        observer.observe(ref.current);
        setChart(instance);
      })
      .catch(() => !gone && setFailed(true));
    return () => {
      gone = true;
      observer?.disconnect();
      instance?.dispose();
    };
  }, []);

  const option = JSON.stringify(spec.option);
  useEffect(() => {
    if (!chart) return;
    chart.setOption(JSON.parse(option) as Record<string, unknown>, true);
    chart.resize();
  }, [chart, option, spec.height]);

  if (failed) return <div role="alert">图表加载失败，请刷新页面重试</div>;
  return <div ref={ref} role="img" aria-label={label} style={{ width: '100%', maxWidth: spec.width, height: spec.height }} />;
}
