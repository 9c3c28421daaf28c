/** A city's own self-report per item (text + evidence), for the departments to see while they score. */
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Empty, Input, Space, Spin, Typography } from 'antd';
import type { SelfReportItem, SelfReportList } from '../../../../shared/contracts/scoring';
import { putSelfReportBody } from '../../../../shared/contracts/scoring';
import { errorMessage, isApiError } from '../../../api/client';
import { listSelfReports, saveSelfReport } from '../../../api/scoring';
import { formatDateTime } from '../../../lib/format';
import EvidenceList from './EvidenceList';

function ItemReport({ cycleId, item, report, editable, onSaved }: { cycleId: number; item: SelfReportList['items'][number]; report: SelfReportItem | undefined; editable: boolean; onSaved: (r: SelfReportItem) => void }) {
  const { message, modal } = App.useApp();
  const [text, setText] = useState(report?.text ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async (version: number | null) => {
    const parsed = putSelfReportBody.shape.text.safeParse(text);
    if (!parsed.success) return setError(parsed.error.issues[0].message);
    setBusy(true);
    setError(null);
    try {
      onSaved(await saveSelfReport(cycleId, item.code, { text: parsed.data, version }));
      message.success(`第${item.code}项自评材料已保存`);
    } catch (e) {
      if (isApiError(e) && e.status === 409) {
        const theirs = e.current as SelfReportItem | null;
        modal.confirm({
          title: e.message,
          content: theirs ? `对方保存的内容（${theirs.updatedBy?.name ?? ''}，${formatDateTime(theirs.updatedAt)}）：${theirs.text}` : '',
          okText: '用我的内容覆盖',
          cancelText: '采用对方的内容',
          onOk: () => save(theirs?.version ?? null),
          onCancel: () => {
            if (theirs) {
              onSaved(theirs);
              setText(theirs.text);
            }
          },
        });
      } else setError(isApiError(e) ? (e.fields.find((f) => f.field === 'text')?.message ?? e.message) : errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={`${item.code}. ${item.title}`} extra={<Typography.Text type="secondary">{item.sectionTitle}</Typography.Text>}>
      <Input.TextArea rows={3} maxLength={5000} value={text} disabled={!editable} onChange={(e) => setText(e.target.value)} placeholder="本项工作的完成情况、数据和亮点" aria-label={`第${item.code}项自评说明`} />
      {error && <Alert style={{ marginTop: 8 }} type="error" showIcon message={error} />}
      <Space style={{ marginTop: 8 }} wrap>
        {editable && (
          <Button size="small" type="primary" loading={busy} disabled={text === (report?.text ?? '')} onClick={() => save(report?.version ?? null)}>
            保存
          </Button>
        )}
        {report && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {report.updatedBy?.name}于{formatDateTime(report.updatedAt)}保存
          </Typography.Text>
        )}
      </Space>
      <div style={{ marginTop: 8 }}>
        <EvidenceList
          items={report?.evidence ?? []}
          owner={report ? { cycleId, ownerType: 'self_report', ownerId: report.id } : null}
          editable={editable}
          onChange={(items) => report && onSaved({ ...report, evidence: items })}
        />
      </div>
    </Card>
  );
}

export default function SelfReportPanel({ cycleId }: { cycleId: number }) {
  const [data, setData] = useState<SelfReportList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => listSelfReports(cycleId).then(setData, (e) => setError(errorMessage(e))), [cycleId]);
  useEffect(() => {
    void load();
  }, [load]);
  if (error) return <Alert type="error" showIcon message={error} />;
  if (!data) return <Spin />;
  if (!data.items.length) return <Empty description="考核方案尚未确定，暂不能填写自评材料" />;
  const byItem = new Map(data.reports.map((r) => [r.itemCode, r]));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Alert
        type="info"
        showIcon
        message={data.editable ? '请按考核内容填写本单位的自评说明并上传佐证材料，评价部门评分时可以看到；结果公示后不能再修改。' : '自评材料已锁定（只读）。'}
      />
      {data.items.map((item) => (
        <ItemReport
          key={item.code}
          cycleId={cycleId}
          item={item}
          report={byItem.get(item.code)}
          editable={data.editable}
          onSaved={(r) => setData((d) => (d ? { ...d, reports: [...d.reports.filter((x) => x.id !== r.id), r] } : d))}
        />
      ))}
    </Space>
  );
}
