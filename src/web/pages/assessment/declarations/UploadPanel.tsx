/** Upload the filled .xlsx template: a refused file shows every problem (sheet, row, column, reason). */
import { useState } from 'react';
import { Alert, App, Button, Table, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { DeclarationDetail } from '../../../../shared/contracts/declarations';
import { errorMessage, isApiError } from '../../../api/client';
import { problemRows, uploadDeclaration, type ProblemRow } from '../../../api/declarations';

export default function UploadPanel({
  declaration,
  disabled,
  onUploaded,
}: {
  declaration: DeclarationDetail;
  disabled: boolean;
  onUploaded: (d: DeclarationDetail) => void;
}) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<ProblemRow[] | null>(null);
  const [title, setTitle] = useState<string>('');
  const [warnings, setWarnings] = useState<ProblemRow[]>([]);

  const upload = async (file: File) => {
    setBusy(true);
    setProblems(null);
    setWarnings([]);
    try {
      const r = await uploadDeclaration(declaration.id, declaration.version, file);
      message.success('申报表已导入');
      setWarnings(problemRows(r.warnings));
      onUploaded(r.declaration);
    } catch (err) {
      if (isApiError(err) && err.fields.length) {
        setTitle(err.message);
        setProblems(problemRows(err.fields));
      } else message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const columns = [
    { title: '工作表', dataIndex: 'sheet', width: 130 },
    { title: '行', dataIndex: 'row', width: 70, render: (r: number | null) => r ?? '—' },
    { title: '列', dataIndex: 'column', width: 150 },
    { title: '原因', dataIndex: 'reason' },
  ];
  return (
    <>
      <Upload
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        showUploadList={false}
        disabled={disabled || busy}
        beforeUpload={(file) => {
          void upload(file);
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} loading={busy} disabled={disabled}>
          上传填写好的 Excel
        </Button>
      </Upload>
      {problems && (
        <Alert
          style={{ marginTop: 12 }}
          type="error"
          showIcon
          closable
          onClose={() => setProblems(null)}
          message={title}
          description={<Table size="small" rowKey="key" pagination={false} dataSource={problems} columns={columns} scroll={{ y: 320 }} />}
        />
      )}
      {warnings.length > 0 && (
        <Alert
          style={{ marginTop: 12 }}
          type="warning"
          showIcon
          closable
          message="已导入。以下问题需在提交前修改："
          description={<Table size="small" rowKey="key" pagination={false} dataSource={warnings} columns={columns} />}
        />
      )}
    </>
  );
}
