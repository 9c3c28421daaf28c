/** 指标申报 (issue 4 §2): the declarations of a cycle, drafts, submission, review, templates and upload. */
import type {
  DeclarationDetail,
  DeclarationList,
  DeclarationTransitionBody,
  ReopenDeclarationBody,
  SaveDeclarationBody,
  UploadResult,
} from '../../shared/contracts/declarations';
import { api } from './client';
import { queryOf, type ListQuery } from '../lib/serverTable';

/** A page of a cycle's declarations (20 by default; a department gets its own only), with the counts of all. */
export const listDeclarations = (cycleId: number, q: Partial<ListQuery> = {}) =>
  api.get<DeclarationList>(`/api/cycles/${cycleId}/declarations`, queryOf({ page: 1, pageSize: 20, ...q }));
export const getDeclaration = (id: number) => api.get<DeclarationDetail>(`/api/declarations/${id}`);
export const saveDeclaration = (id: number, body: SaveDeclarationBody) => api.put<DeclarationDetail>(`/api/declarations/${id}`, body);
export const transitionDeclaration = (id: number, body: DeclarationTransitionBody) => api.post<DeclarationDetail>(`/api/declarations/${id}/transition`, body);
export const reopenDeclaration = (id: number, body: ReopenDeclarationBody) => api.post<DeclarationDetail>(`/api/declarations/${id}/reopen`, body);

export const noticeDocxUrl = (cycleId: number) => `/api/cycles/${cycleId}/notice.docx`;
export const comparisonXlsxUrl = (cycleId: number) => `/api/cycles/${cycleId}/declarations/comparison.xlsx`;
export const templateXlsxUrl = (id: number) => `/api/declarations/${id}/template.xlsx`;
export const templateDocxUrl = (id: number) => `/api/declarations/${id}/template.docx`;

/**
 * Upload a filled .xlsx template (multipart, one file). A refused file throws ApiError whose `fields` list
 * every problem as {field: "指标申报表·第7行·分值", message}; nothing is imported then.
 */
export async function uploadDeclaration(id: number, version: number, file: File): Promise<UploadResult> {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.upload<UploadResult>(`/api/declarations/${id}/upload`, form, { version });
}

export interface ProblemRow {
  key: number;
  sheet: string;
  row: number | null;
  column: string;
  reason: string;
}

/** "指标申报表·第7行·分值" → {sheet, row 7, column 分值}. */
export function problemRows(fields: { field: string; message: string }[]): ProblemRow[] {
  return fields.map((f, key) => {
    const parts = f.field.split('·');
    const rowPart = parts.find((p) => /^第\d+行$/.test(p));
    return {
      key,
      sheet: parts[0] ?? '',
      row: rowPart ? Number(rowPart.slice(1, -1)) : null,
      column: parts.length > (rowPart ? 2 : 1) ? parts[parts.length - 1] : '',
      reason: f.message,
    };
  });
}
