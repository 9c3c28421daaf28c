/**
 * The one list of stored files (佐证材料 of a score, self-report or objection; 附件 of a plan-indicator value or a
 * task report): download links; upload and delete (own uploads) while the owner may be changed. Where the files
 * live is the `store` (api/evidence.ts, api/attachments.ts); the rules are the server's.
 */
import { useState } from 'react';
import { App, Button, List, Popconfirm, Tag, Tooltip, Typography, Upload } from 'antd';
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { EVIDENCE_ACCEPT, EVIDENCE_MAX_BYTES, formatBytes } from '../../shared/contracts/evidence';
import { useUser } from '../access';
import { errorMessage } from '../api/client';
import { formatDateTime } from '../lib/format';

/** What the list shows of a stored file (EvidenceItem and AttachmentItem both are). */
export interface FileItem {
  id: number;
  fileName: string;
  sizeBytes: number;
  uploadedBy: number;
  uploadedByName: string | null;
  uploadedAt: string;
  /** why the file stays while its owner is changed (the server refuses its delete), when it does */
  kept?: string | null;
}

/** Where the files of one owner are kept. */
export interface FileStore<T extends FileItem> {
  url: (id: number) => string;
  /** null: the owner is not saved yet (nothing to attach to) */
  upload: ((file: File) => Promise<T>) | null;
  remove: (id: number) => Promise<unknown>;
}

interface Props<T extends FileItem> {
  items: T[];
  store: FileStore<T>;
  editable: boolean;
  onChange: (items: T[]) => void;
  /** 佐证材料 or 附件 */
  noun?: string;
  testId?: string;
}

export default function FileList<T extends FileItem>({ items, store, editable, onChange, noun = '佐证材料', testId }: Props<T>) {
  const user = useUser();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);

  const upload = async (file: File) => {
    if (!store.upload) return;
    if (file.size > EVIDENCE_MAX_BYTES) {
      message.error(`文件过大：${noun}每个文件不超过${formatBytes(EVIDENCE_MAX_BYTES)}`);
      return;
    }
    setBusy(true);
    try {
      const item = await store.upload(file);
      onChange([...items, item]);
      message.success(`已上传「${item.fileName}」`);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (item: T) => {
    try {
      await store.remove(item.id);
      onChange(items.filter((x) => x.id !== item.id));
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <div data-testid={testId}>
      <List
        size="small"
        dataSource={items}
        locale={{ emptyText: `暂无${noun}` }}
        renderItem={(e) => (
          <List.Item
            actions={
              editable && e.uploadedBy === user.id && e.kept
                ? [
                    <Tooltip key="kept" title={e.kept}>
                      <Tag>保留</Tag>
                    </Tooltip>,
                  ]
                : editable && e.uploadedBy === user.id
                ? [
                    <Popconfirm key="del" title={`删除「${e.fileName}」？`} okText="删除" cancelText="取消" onConfirm={() => remove(e)}>
                      <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={`删除${e.fileName}`} />
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <Typography.Text>
              <PaperClipOutlined />{' '}
              <a href={store.url(e.id)} download={e.fileName}>
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
          disabled={!store.upload || busy}
          beforeUpload={(file) => {
            void upload(file);
            return Upload.LIST_IGNORE;
          }}
        >
          <Button size="small" icon={<UploadOutlined />} loading={busy} disabled={!store.upload}>
            {store.upload ? `上传${noun}` : `保存后可上传${noun}`}
          </Button>
        </Upload>
      )}
      {editable && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '4px 0 0' }}>
          支持 PDF、OFD、图片（JPG/PNG）、Word、Excel、ZIP，单个文件不超过{formatBytes(EVIDENCE_MAX_BYTES)}
        </Typography.Paragraph>
      )}
    </div>
  );
}
