import dayjs from 'dayjs';
import { chinaDate, chinaDayOf, chinaMoment } from '../../shared/deadline';

/**
 * The one way a page writes a date (src/web/dates.test.ts keeps pages to it): a day 2027-06-01, a moment
 * 2027-06-01 14:30, nothing '—'. The 公文 style 2027年6月1日 (dayText) is for documents only.
 */
/** a moment in China time (chinaMoment), whatever the browser's time zone, as formatDate gives its day */
export const formatDateTime = (iso: string | null | undefined): string => {
  if (!iso) return '—';
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : chinaMoment(at);
};
/** a calendar day as it is; a moment as the day it falls on in China (chinaDayOf), whatever the browser's time zone */
export const formatDate = (iso: string | null | undefined): string => (iso ? chinaDayOf(iso) : '—');

/** today in China (the day the platform's rules and documents use), whatever the browser's time zone */
export const chinaToday = () => dayjs(chinaDate(new Date()));
/** this year in China (the year the platform's forms start from), whatever the browser's clock zone */
export const chinaYear = (): number => Number(chinaDate(new Date()).slice(0, 4));
