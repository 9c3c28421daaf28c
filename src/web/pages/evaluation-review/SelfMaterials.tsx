/**
 * 自评资料: the files the applicant attached to the items of its 自评 (DB43 资料评审 reviews them with it), loaded once
 * per page and shown beside each item — with upload and delete on the applicant's 自评 page while the server says it
 * may still change them (canWrite), as download links on an expert's score sheet.
 */
import { useEffect, useState } from 'react';
import { Typography } from 'antd';
import type { AttachmentItem } from '../../../shared/contracts/attachments';
import { errorMessage } from '../../api/client';
import { attachmentStore, listAttachments } from '../../api/attachments';
import FileList from '../../components/FileList';

export interface SelfMaterialsState {
  items: AttachmentItem[];
  canWrite: boolean;
  error: string | null;
  set: (items: AttachmentItem[]) => void;
}

/** The 自评's files of application `appId`; `enabled` false (the caller may not read the 自评): none, not loaded. */
export function useSelfMaterials(appId: number, enabled: boolean, reloadKey?: unknown): SelfMaterialsState {
  const [items, setItems] = useState<AttachmentItem[]>([]);
  const [canWrite, setCanWrite] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!enabled || !Number.isFinite(appId)) return;
    listAttachments({ ownerType: 'self_assessment', ownerId: appId }).then(
      (r) => {
        setItems(r.items);
        setCanWrite(r.canWrite);
        setError(null);
      },
      (e) => setError(errorMessage(e)),
    );
  }, [appId, enabled, reloadKey]);
  return { items, canWrite, error, set: setItems };
}

/** The files of one item; `editable`: the page lets the applicant change them (the server's canWrite decides too). */
export function ItemMaterials({ appId, itemCode, materials, editable }: { appId: number; itemCode: string; materials: SelfMaterialsState; editable: boolean }) {
  const mine = materials.items.filter((a) => a.part === itemCode);
  const write = editable && materials.canWrite;
  if (materials.error) return <Typography.Text type="danger">{materials.error}</Typography.Text>;
  if (!write && mine.length === 0) return null;
  return (
    <div style={{ margin: '4px 0 8px' }}>
      <Typography.Text type="secondary">自评资料</Typography.Text>
      <FileList
        items={mine}
        store={attachmentStore({ ownerType: 'self_assessment', ownerId: appId, part: itemCode })}
        editable={write}
        onChange={(next) => materials.set([...materials.items.filter((a) => a.part !== itemCode), ...next])}
        noun="资料"
        testId={`self-materials-${itemCode}`}
      />
    </div>
  );
}
