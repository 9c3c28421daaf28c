/**
 * 附件 of one plan-indicator value or task report, loaded from the server with whether the caller may change
 * them now (the owning module's rule): the shared file list. `owner` null: not saved yet.
 */
import { useEffect, useState } from 'react';
import { Typography } from 'antd';
import type { AttachmentItem } from '../../shared/contracts/attachments';
import { errorMessage } from '../api/client';
import { attachmentStore, listAttachments, type AttachmentOwnerRef } from '../api/attachments';
import FileList from './FileList';

export default function Attachments({ owner, editable = true }: { owner: AttachmentOwnerRef | null; editable?: boolean }) {
  const [items, setItems] = useState<AttachmentItem[]>([]);
  const [canWrite, setCanWrite] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const type = owner?.ownerType;
  const id = owner?.ownerId;
  useEffect(() => {
    if (!type || !id) return;
    listAttachments({ ownerType: type, ownerId: id }).then(
      (r) => {
        setItems(r.items);
        setCanWrite(r.canWrite);
      },
      (e) => setError(errorMessage(e)),
    );
  }, [type, id]);
  if (error) return <Typography.Text type="danger">{error}</Typography.Text>;
  return (
    <FileList
      items={items}
      store={attachmentStore(type && id ? { ownerType: type, ownerId: id } : null)}
      editable={editable && (!owner || canWrite)}
      onChange={setItems}
      noun="附件"
      testId="attachments"
    />
  );
}
