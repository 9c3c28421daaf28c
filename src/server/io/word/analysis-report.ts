/**
 * 质量分析报告 (.docx) on the document kit: the office's report for a half-year as a 公文 — each section with the
 * office's own text, then the generated summary, tables and charts (PNG from the shared chart definitions). Pure
 * builder over the report's view. A draft prints with a grey 草稿 mark and the 文号 placeholder (×××〔2024〕×号), as every
 * other 公文 downloaded before it is numbered.
 */
import { dayText } from '../../../shared/deadline';
import { figureCaptions, type ReportView } from '../../../shared/contracts/analysis';
import { renderChartSpecPng } from '../charts';
import { docNoOrPlaceholder, gongwenDocx, membersAddressee, type Block } from '../document-kit/gongwen';

const NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export async function analysisReportDocx(r: ReportView, today: string): Promise<Buffer> {
  const body: Block[] = [
    { kind: 'p', text: `根据《质量强市（区、县）创建和评价规范》（DB43）关于定期分析质量状况、每年发布质量分析报告2次以上的要求，现将${r.region.name}${r.periodLabel}质量状况分析如下。本报告的数据取自质量工作平台（截至${dayText(r.refreshedAt)}）。` },
  ];
  const captions = figureCaptions(r.sections);
  r.sections.forEach((s, i) => {
    body.push({ kind: 'h1', text: `${NUMBERS[i] ?? String(i + 1)}、${s.title}` });
    for (const para of s.text.split(/\n+/).map((x) => x.trim()).filter(Boolean)) body.push({ kind: 'p', text: para });
    // the platform's summary is dense with figures: flush left, as justified 「…中华老字号（完成序时进度的22.22%，低于」 spread
    // character by character before 「95%）；」, which may not be broken (the office's own words above stay justified)
    for (const para of s.data.summary.split(/\n+/).map((x) => x.trim()).filter(Boolean)) if (s.key !== 'outlook' || !s.text.trim()) body.push({ kind: 'p', text: para, align: 'left' });
    for (const t of s.data.tables) {
      body.push({ kind: 'flush', text: t.title });
      body.push({ kind: 'table', header: t.header, rows: t.rows.length ? t.rows : [t.header.map(() => '—')], size: 18 });
    }
    s.data.charts.forEach((ch, j) => body.push({ kind: 'image', png: renderChartSpecPng(ch.spec as never, 1.5), width: ch.spec.width, height: ch.spec.height, caption: captions[i]![j]! }));
  });
  return gongwenDocx({
    issuer: `${r.office.name}文件`,
    docNo: docNoOrPlaceholder(r.docNo, today),
    title: `${r.title}`,
    mark: r.status === 'draft' ? '草稿：本报告尚未印发' : null,
    addressee: membersAddressee(r.region.name, r.region.name === '湖南省'),
    body,
    signature: r.office.name,
    // a draft is not dated: its 成文日期 and 印发日期 are written in when it is issued
    date: r.issuedOn,
    note: r.status === 'issued' ? '（此件主动公开）' : null,
    printedBy: r.office.name,
    printedOn: r.issuedOn,
  });
}
