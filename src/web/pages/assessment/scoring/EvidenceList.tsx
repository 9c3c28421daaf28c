/** 佐证材料 of one score, self-report or objection: the shared file list (components/FileList) on the evidence store. */
import type { EvidenceItem, EvidenceOwnerType } from '../../../../shared/contracts/evidence';
import FileList from '../../../components/FileList';
import { evidenceStore } from '../../../api/evidence';

interface Props {
  items: EvidenceItem[];
  /** null: the owner is not saved yet */
  owner: { cycleId: number; ownerType: EvidenceOwnerType; ownerId: number } | null;
  editable: boolean;
  onChange: (items: EvidenceItem[]) => void;
}

export default function EvidenceList({ items, owner, editable, onChange }: Props) {
  return <FileList items={items} store={evidenceStore(owner)} editable={editable} onChange={onChange} />;
}
