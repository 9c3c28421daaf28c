/** A chart in a card, with downloads of the chart (the ECharts SVG inside) as PNG (for Word/WPS reports) and SVG (lossless). */
import { useRef, type ReactNode } from 'react';
import { App, Button, Card, Space } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';

function save(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The drawn size: the viewBox when there is one, else the rendered size (ECharts sizes its svg to the container). */
function sizeOf(svg: SVGSVGElement): { width: number; height: number } {
  const box = svg.viewBox.baseVal;
  if (box && box.width > 0 && box.height > 0) return { width: box.width, height: box.height };
  const r = svg.getBoundingClientRect();
  return { width: Math.round(r.width), height: Math.round(r.height) };
}

function svgText(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const box = sizeOf(svg);
  copy.setAttribute('width', String(box.width));
  copy.setAttribute('height', String(box.height));
  copy.style.fontFamily = getComputedStyle(svg).fontFamily;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}`;
}

async function toPng(svg: SVGSVGElement): Promise<Blob> {
  const box = sizeOf(svg);
  const scale = 2;
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText(svg))}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = box.width * scale;
  canvas.height = box.height * scale;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('图片生成失败'))), 'image/png'));
}

export default function ChartCard({ title, fileName, extra, children }: { title: string; fileName: string; extra?: ReactNode; children: ReactNode }) {
  const { message } = App.useApp();
  const ref = useRef<HTMLDivElement>(null);
  const svg = () => ref.current?.querySelector('svg') ?? null;
  const download = async (kind: 'png' | 'svg') => {
    const el = svg();
    if (!el) return;
    try {
      if (kind === 'svg') save(new Blob([svgText(el)], { type: 'image/svg+xml' }), `${fileName}.svg`);
      else save(await toPng(el), `${fileName}.png`);
    } catch (err) {
      message.error(`下载图表失败：${(err as Error).message}`);
    }
  };
  return (
    <Card
      size="small"
      title={title}
      extra={
        <Space size={4}>
          {extra}
          <Button size="small" icon={<DownloadOutlined />} onClick={() => download('png')} aria-label={`下载${title}图片`}>
            PNG
          </Button>
          <Button size="small" onClick={() => download('svg')} aria-label={`下载${title} SVG`}>
            SVG
          </Button>
        </Space>
      }
    >
      <div ref={ref}>{children}</div>
    </Card>
  );
}
