/** 佐证材料 of one score, self-report or objection: download links; upload and delete while the owner may be changed. */
import { useState } from 'react';
import { App, Button, List, Popconfirm, Typography, Upload } from 'antd';
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { EVIDENCE_ACCEPT, EVIDENCE_MAX_BYTES, formatBytes, type EvidenceItem, type EvidenceOwnerType } from '../../../../shared/contracts/evidence';
import { useUser } from '../../../access';
import { errorMessage } from '../../../api/client';
import { deleteEvidence, evidenceUrl, uploadEvidence } from '../../../api/evidence';
import { formatDateTime } from '../../../lib/format';

interface Props {
  items: EvidenceItem[];
  /** null: the owner is not saved yet */
  owner: { cycleId: number; ownerType: EvidenceOwnerType; ownerId: number } | null;
  editable: boolean;
  onChange: (items: EvidenceItem[]) => void;
}

export default function EvidenceList({ items, owner, editable, onChange }: Props) {
  const user = useUser();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);

  const upload = async (file: File) => {
    if (!owner) return;
    if (file.size > EVIDENCE_MAX_BYTES) {
      message.error(`文件过大：佐证材料每个文件不超过 ${formatBytes(EVIDENCE_MAX_BYTES)}`);
      return;
    }
    setBusy(true);
    try {
      const item = await uploadEvidence(owner, file);
      onChange([...items, item]);
      message.success(`已上传「${item.fileName}」`);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (item: EvidenceItem) => {
    try {
      await deleteEvidence(item.id);
      onChange(items.filter((x) => x.id !== item.id));
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <div>
      <List
        size="small"
        dataSource={items}
        locale={{ emptyText: '暂无佐证材料' }}
        renderItem={(e) => (
          <List.Item
            actions={
              editable && e.uploadedBy === user.id
                ? [
                    <Popconfirm key="del" title={`删除「${e.fileName}」？`} okText="删除" cancelText="取消" onConfirm={() => remove(e)}>
                      <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={`删除 ${e.fileName}`} />
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <Typography.Text>
              <PaperClipOutlined />{' '}
              <a href={evidenceUrl(e.id)} download={e.fileName}>
                {e.fileName}
              </a>{' '}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatBytes(e.sizeBytes)} · {e.uploadedByName ?? ''} · {formatDateTime(e.uploadedAt)}
              </Typography.Text>
            </Typography.Text>
          </List.Item>
        )}
      />
      {editable && (
        <Upload
          accept={EVIDENCE_ACCEPT}
          showUploadList={false}
          disabled={!owner || busy}
          beforeUpload={(file) => {
            void upload(file);
            return Upload.LIST_IGNORE;
          }}
        >
          <Button size="small" icon={<UploadOutlined />} loading={busy} disabled={!owner}>
            {owner ? '上传佐证材料' : '保存后可上传佐证材料'}
          </Button>
        </Upload>
      )}
      {editable && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '4px 0 0' }}>
          支持 PDF、OFD、图片（JPG/PNG）、Word、Excel、ZIP，单个文件不超过 {formatBytes(EVIDENCE_MAX_BYTES)}
        </Typography.Paragraph>
      )}
    </div>
  );
}
