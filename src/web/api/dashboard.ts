import type { DashboardView } from '../../shared/contracts/dashboard';
import { api } from './client';

export const getDashboard = () => api.get<DashboardView>('/api/dashboard');
