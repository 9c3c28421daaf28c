import type { DeclarationStatus } from '../../../../shared/workflow/assessment';

export const STATUS_COLOR: Record<DeclarationStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'warning',
  accepted: 'success',
};

/** Start a file download from an API URL (same-origin cookies carry the session). */
export function downloadUrl(url: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}
