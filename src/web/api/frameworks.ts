import type { Framework } from '../../shared/scoring/framework-schema';
import { api } from './client';

export interface FrameworkSummary {
  id: string;
  version: string;
  title: string;
  kind: Framework['kind'];
  totalPoints: string;
}

export const listFrameworks = () => api.get<{ items: FrameworkSummary[] }>('/api/frameworks').then((r) => r.items);
export const getFramework = (id: string) => api.get<Framework>(`/api/frameworks/${encodeURIComponent(id)}`);
