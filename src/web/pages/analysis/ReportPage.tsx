/**
 * One quality analysis report: each section side by side — the platform's data (summary, tables, charts) on the
 * left, the office's own text on the right (saved with its version; a concurrent change is refused). The office
 * refreshes the data (its text stays) and issues the report as a 公文 (文号, date); then it is frozen. Anyone who
 * may read it downloads the .docx.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Input, Modal, Row, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useParams } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { getReport, issueReport, refreshReport, reportDocxUrl, saveSection, type ReportView } from '../../api/analysis';
import { figureCaptions } from '../../../shared/contracts/analysis';
import { halfYear, issuableOn } from '../../../shared/analysis/periods';
import EChart from '../../components/EChart';
import PageHeader from '../../components/PageHeader';
import { useAction } from '../../lib/useAction';
import { PageLoading } from '../../components/PageLoading';
import { chinaToday, formatDate } from '../../lib/format';
import { useCaretOnOpen } from '../../lib/useCaretOnOpen';

type Section = ReportView['sections'][number];

const CHAPTER_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

function SectionData({ s, captions }: { s: Section; captions: string[] }) {
  return (
    <>
      {s.data.summary.split('\n').map((p, i) => (
        <Typography.Paragraph key={i}>{p}</Typography.Paragraph>
      ))}
      {s.data.tables.map((t) => (
        <Table
          key={t.title}
          title={() => t.title}
          size="small"
          pagination={false}
          scroll={{ x: true }}
          rowKey={(r) => r.join('|')}
          dataSource={t.rows}
          columns={t.header.map((h, i) => ({ title: h, key: String(i), render: (_: unknown, r: string[]) => r[i] }))}
          style={{ marginBottom: 12 }}
        />
      ))}
      {s.data.charts.map((c, j) => (
        <EChart key={c.caption} spec={c.spec} label={captions[j]!} />
      ))}
    </>
  );
}

function SectionText({ report, s, onSaved, onUnsaved }: { report: ReportView; s: Section; onSaved: (r: ReportView) => void; onUnsaved: (key: string, unsaved: boolean) => void }) {
  const { message } = App.useApp();
  const [text, setText] = useState(s.text);
  // the section's text as saved when this page last read it: what a save stands on, and what the box follows
  const [base, setBase] = useState(s.text);
  const [busy, setBusy] = useState(false);
  // another writer's text for this section, arrived with a save of another section: taken only when nothing is typed
  // here; typed text keeps its base, so that its save is refused (naming who changed the section) rather than overwrite
  useEffect(() => {
    if (text !== base && text !== s.text) return;
    setText(s.text);
    setBase(s.text);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [s.text]);
  // the page asks before issuing: an issued report is frozen, and text typed but not saved would be lost with it
  const unsaved = report.abilities.edit && text !== s.text;
  useEffect(() => onUnsaved(s.key, unsaved), [onUnsaved, s.key, unsaved]);
  if (!report.abilities.edit) return s.text ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{s.text}</Typography.Paragraph> : <Typography.Text type="secondary">（未填写）</Typography.Text>;
  const save = async () => {
    setBusy(true);
    try {
      const saved = await saveSection(report.id, s.key, report.version, text, base);
      setBase(text);
      onSaved(saved);
      message.success(`已保存“${s.title}”`);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Input.TextArea value={text} onChange={(e) => setText(e.target.value)} autoSize={{ minRows: 5, maxRows: 16 }} placeholder="质强办撰写的分析与说明（印发时排在本章数据之前）" data-testid={`section-text-${s.key}`} maxLength={20000} />
      <Button onClick={() => void save()} loading={busy} disabled={text === s.text} data-testid={`section-save-${s.key}`}>
        保存本章文字
      </Button>
    </Space>
  );
}

export default function ReportPage() {
  const id = Number(useParams().id);
  const [report, setReport] = useState<ReportView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [issuing, setIssuing] = useState(false);
  const [docNo, setDocNo] = useState('');
  const caret = useCaretOnOpen();
  const [issuedOn, setIssuedOn] = useState<string>(() => chinaToday().format('YYYY-MM-DD'));
  const { busy, run: act } = useAction<ReportView>(setReport);
  // the sections whose text is typed but not saved (SectionText tells): 印发 waits until they are saved
  const [unsaved, setUnsaved] = useState<ReadonlySet<string>>(new Set());
  const onUnsaved = useCallback((key: string, is: boolean) => setUnsaved((u) => (u.has(key) === is ? u : is ? new Set(u).add(key) : new Set([...u].filter((k) => k !== key)))), []);
  const load = useCallback(() => getReport(id).then(setReport, (err) => setError(errorMessage(err))), [id]);
  useEffect(() => {
    void load();
  }, [load]);
  if (error) return <Alert type="error" message={error} showIcon />;
  if (!report) return <PageLoading />;
  const captions = figureCaptions(report.sections);
  const chapterTitle = (i: number) => `${CHAPTER_NUMBERS[i]}、${report.sections[i]!.title}`;
  const unsavedChapters = report.sections.flatMap((s, i) => (unsaved.has(s.key) ? [`“${chapterTitle(i)}”`] : []));

  return (
    <>
      <PageHeader title={report.title} tags={<Tag color={report.status === 'issued' ? 'green' : 'default'}>{report.statusLabel}</Tag>} names={{ '/analysis/:id': report.title }} />
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="编写单位">{report.office.name}</Descriptions.Item>
        <Descriptions.Item label="数据截至">{formatDate(report.refreshedAt)}</Descriptions.Item>
        <Descriptions.Item label="文号">{report.docNo ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="印发日期">{report.issuedOn ?? '—'}</Descriptions.Item>
      </Descriptions>
      <Space wrap style={{ marginBottom: 16 }}>
        {report.abilities.edit && (
          <Button onClick={() => void act(() => refreshReport(report.id, report.version), '数据已刷新，已写的文字保留')} loading={busy} data-testid="analysis-refresh">
            刷新数据
          </Button>
        )}
        {report.abilities.issue && (
          <Button type="primary" onClick={() => setIssuing(true)} data-testid="analysis-issue">
            印发
          </Button>
        )}
        {report.abilities.edit && !report.abilities.issue && (
          <Typography.Text type="secondary" data-testid="analysis-issuable-on">
            {report.periodLabel}至{halfYear(report.period).endOn}结束，其质量分析报告自{issuableOn(report.period)}起方可印发
          </Typography.Text>
        )}
        <Button href={reportDocxUrl(report.id)} download data-testid="analysis-docx">
          下载 .docx
        </Button>
      </Space>
      {report.sections.map((s, i) => (
        <Card key={s.key} size="small" title={chapterTitle(i)} style={{ marginBottom: 16 }} data-testid={`section-${s.key}`}>
          <Row gutter={16}>
            <Col xs={24} lg={14}>
              <Typography.Text type="secondary">平台数据</Typography.Text>
              <SectionData s={s} captions={captions[i]!} />
            </Col>
            <Col xs={24} lg={10}>
              <Typography.Text type="secondary">质强办撰写</Typography.Text>
              <SectionText report={report} s={s} onSaved={(r) => setReport(r)} onUnsaved={onUnsaved} />
            </Col>
          </Row>
        </Card>
      ))}
      <Modal
        afterOpenChange={caret.afterOpenChange}
        title="印发质量分析报告"
        open={issuing}
        onCancel={() => setIssuing(false)}
        okText="印发"
        okButtonProps={{ disabled: unsavedChapters.length > 0 }}
        confirmLoading={busy}
        onOk={async () => {
          if (await act(() => issueReport(report.id, report.version, docNo, issuedOn), '已印发，报告不能再修改')) setIssuing(false);
        }}
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          {unsavedChapters.length > 0 && (
            <Alert
              type="warning"
              showIcon
              data-testid="issue-unsaved"
              message={`${unsavedChapters.join('、')}的文字尚未保存`}
              description="印发后报告不能再修改，未保存的文字不会印入报告。请先关闭本窗口，点该章的「保存本章文字」（或撤销改动）后再印发。"
            />
          )}
          <Input ref={caret.ref} placeholder="文号，如湘质强办发〔2024〕3号" value={docNo} onChange={(e) => setDocNo(e.target.value)} data-testid="issue-docno" />
          <DatePicker value={dayjs(issuedOn)} onChange={(d) => d && setIssuedOn(d.format('YYYY-MM-DD'))} allowClear={false} data-testid="issue-date" />
          <Typography.Text type="secondary">印发后报告冻结，发布登记显示本单位已印发。</Typography.Text>
        </Space>
      </Modal>
    </>
  );
}
