import dayjs from 'dayjs';
import { chinaDate } from '../../shared/deadline';

export const formatDateTime = (iso: string | null | undefined): string => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');
export const formatDate = (iso: string | null | undefined): string => (iso ? dayjs(iso).format('YYYY-MM-DD') : '—');

/** today in China (the day the platform's rules and documents use), whatever the browser's time zone */
export const chinaToday = () => dayjs(chinaDate(new Date()));
