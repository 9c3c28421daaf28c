/** The organiser's yearly peer tables (同级比较表) for the rank criteria of the creation evaluation. */
import type { CreatePeerTableBody, PeerTableSummary, PeerTableView, UpdatePeerTableBody } from '../../shared/contracts/evaluation';
import { api } from './client';

export const listPeerTables = () => api.get<{ items: PeerTableSummary[] }>('/api/peer-tables').then((r) => r.items);
export const getPeerTable = (id: number) => api.get<{ table: PeerTableView }>(`/api/peer-tables/${id}`).then((r) => r.table);
export const createPeerTable = (body: CreatePeerTableBody) => api.post<{ table: PeerTableView }>('/api/peer-tables', body).then((r) => r.table);
export const updatePeerTable = (id: number, body: UpdatePeerTableBody) => api.put<{ table: PeerTableView }>(`/api/peer-tables/${id}`, body).then((r) => r.table);
/** Replace every unit's value with the honours roll's count of the table's year (notes name the entries counted). */
export const fillPeerTableFromHonours = (id: number, version: number) => api.post<{ table: PeerTableView }>(`/api/peer-tables/${id}/fill-from-honours`, { version }).then((r) => r.table);
