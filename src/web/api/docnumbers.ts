/** The 文号 register (文号登记): the office's entries, one 公文's registered 文号 (to prefill a download), 作废. */
import type { DocKind, DocNumberView } from '../../shared/contracts/docnumbers';
import { api } from './client';

export type { DocKind, DocNumberView };

export const listDocNumbers = () => api.get<{ items: DocNumberView[] }>('/api/doc-numbers');
export const currentDocNumber = (kind: DocKind, subject: string) =>
  api.get<{ docNo: string | null }>('/api/doc-numbers/current', { kind, subject });
export const voidDocNumber = (id: number, version: number, reason: string) => api.post<DocNumberView>(`/api/doc-numbers/${id}/void`, { version, reason });
