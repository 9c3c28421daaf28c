/**
 * 评分表 (.xlsx): download the department's sheet prefilled, fill it offline, upload it back. A refused file shows
 * every problem (row, column, what to fix); nothing is imported then.
 */
import { useState } from 'react';
import { Alert, App, Button, Space, Table, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { errorMessage, isApiError } from '../../../api/client';
import { problemRows, type ProblemRow } from '../../../api/declarations';
import { scoringSheetUrl, uploadScoringSheet } from '../../../api/scoring';

export default function SheetPanel({ cycleId, onUploaded }: { cycleId: number; onUploaded: () => void }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<{ title: string; rows: ProblemRow[] } | null>(null);

  const upload = async (file: File) => {
    setBusy(true);
    setProblems(null);
    try {
      const r = await uploadScoringSheet(cycleId, file);
      message.success(r.saved ? `评分表已导入：保存${r.saved}项评分${r.unchanged ? `，${r.unchanged}项未变` : ''}` : '评分表中没有需要保存的修改');
      onUploaded();
    } catch (err) {
      if (isApiError(err) && err.fields.length) setProblems({ title: err.message, rows: problemRows(err.fields) });
      else message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Space wrap>
        <Button icon={<DownloadOutlined />} href={scoringSheetUrl(cycleId)} download>
          下载评分表（Excel）
        </Button>
        <Upload
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          showUploadList={false}
          disabled={busy}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={busy}>
            上传评分表
          </Button>
        </Upload>
      </Space>
      {problems && (
        <Alert
          style={{ marginTop: 8 }}
          type="error"
          showIcon
          closable
          onClose={() => setProblems(null)}
          message={problems.title}
          description={
            <Table
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={problems.rows}
              scroll={{ y: 320 }}
              columns={[
                { title: '行', dataIndex: 'row', width: 70, render: (r: number | null) => r ?? '—' },
                { title: '列', dataIndex: 'column', width: 110 },
                { title: '原因', dataIndex: 'reason' },
              ]}
            />
          }
        />
      )}
    </>
  );
}
