/** The list of migrations, in order. Each file is frozen once shipped; add new ones at the end. */
import type { Migration } from 'kysely';
import * as m20261124T0900 from './2026-11-24T0900-foundation';
import * as m20261124T1300 from './2026-11-24T1300-assessment';
import * as m20261128T1000 from './2026-11-28T1000-account-security';
import * as m20261128T1100 from './2026-11-28T1100-audit-chain';
import * as m20261128T1200 from './2026-11-28T1200-audit-request-id';
import * as m20261128T1320 from './2026-11-28T1320-preliminary-results';
import * as m20261128T1530 from './2026-11-28T1530-evaluation';
import * as m20261128T1540 from './2026-11-28T1540-evaluation-plan';
import * as m20261128T1550 from './2026-11-28T1550-rectification';
import * as m20261128T1600 from './2026-11-28T1600-indicators';
import * as m20261128T1610 from './2026-11-28T1610-peer-tables';
import * as m20261128T1620 from './2026-11-28T1620-honours';
import * as m20261128T1630 from './2026-11-28T1630-workplan';
import * as m20261128T1730 from './2026-11-28T1730-analysis-reports';
import * as m20261128T1700 from './2026-11-28T1700-attachments';
import * as m20261128T1710 from './2026-11-28T1710-indicator-thresholds';
import * as m20261128T1720 from './2026-11-28T1720-rectification-supervision';
import * as m20261129T1000 from './2026-11-29T1000-rectification-report-draft';
import * as m20261129T1100 from './2026-11-29T1100-session-last-seen-index';
import * as m20261129T1200 from './2026-11-29T1200-evaluation-accept-reason';
import * as m20261129T1300 from './2026-11-29T1300-indicator-value-confirmed';
import * as m20261130T0900 from './2026-11-30T0900-doc-no-unique';
import * as m20261130T1000 from './2026-11-30T1000-indicator-period-unique';
import * as m20261130T1100 from './2026-11-30T1100-cycle-notice-no-unique';
import * as m20261130T1200 from './2026-11-30T1200-doc-number-register';
import * as m20261130T1300 from './2026-11-30T1300-attachment-part';
import * as m20261130T1441 from './2026-11-30T1441-password-issued-for';
import * as m20261130T1443 from './2026-11-30T1443-self-assessment-return';
import * as m20261130T1502 from './2026-11-30T1502-doc-number-naming';
import * as m20261130T2100 from './2026-11-30T2100-self-assessment-checked';
import * as m20261202T1200 from './2026-12-02T1200-cycle-base-framework';
import * as m20261203T0900 from './2026-12-03T0900-org-sibling-name-unique';
import * as m20261207T0900 from './2026-12-07T0900-site-finding-recorder';
import * as m20261207T1300 from './2026-12-07T1300-task-report-returned-at';
import * as m20261207T1600 from './2026-12-07T1600-task-report-late-reason';
import * as m20261207T1800 from './2026-12-07T1800-rectification-report-late-reason';

export const MIGRATIONS: Record<string, Migration> = {
  '2026-11-24T0900-foundation': m20261124T0900,
  '2026-11-24T1300-assessment': m20261124T1300,
  '2026-11-28T1000-account-security': m20261128T1000,
  '2026-11-28T1100-audit-chain': m20261128T1100,
  '2026-11-28T1200-audit-request-id': m20261128T1200,
  '2026-11-28T1320-preliminary-results': m20261128T1320,
  '2026-11-28T1530-evaluation': m20261128T1530,
  '2026-11-28T1540-evaluation-plan': m20261128T1540,
  '2026-11-28T1550-rectification': m20261128T1550,
  '2026-11-28T1600-indicators': m20261128T1600,
  '2026-11-28T1610-peer-tables': m20261128T1610,
  '2026-11-28T1620-honours': m20261128T1620,
  '2026-11-28T1630-workplan': m20261128T1630,
  '2026-11-28T1700-attachments': m20261128T1700,
  '2026-11-28T1710-indicator-thresholds': m20261128T1710,
  '2026-11-28T1720-rectification-supervision': m20261128T1720,
  '2026-11-28T1730-analysis-reports': m20261128T1730,
  '2026-11-29T1000-rectification-report-draft': m20261129T1000,
  '2026-11-29T1100-session-last-seen-index': m20261129T1100,
  '2026-11-29T1200-evaluation-accept-reason': m20261129T1200,
  '2026-11-29T1300-indicator-value-confirmed': m20261129T1300,
  '2026-11-30T0900-doc-no-unique': m20261130T0900,
  '2026-11-30T1000-indicator-period-unique': m20261130T1000,
  '2026-11-30T1100-cycle-notice-no-unique': m20261130T1100,
  '2026-11-30T1200-doc-number-register': m20261130T1200,
  '2026-11-30T1300-attachment-part': m20261130T1300,
  '2026-11-30T1441-password-issued-for': m20261130T1441,
  '2026-11-30T1443-self-assessment-return': m20261130T1443,
  '2026-11-30T1502-doc-number-naming': m20261130T1502,
  '2026-11-30T2100-self-assessment-checked': m20261130T2100,
  '2026-12-02T1200-cycle-base-framework': m20261202T1200,
  '2026-12-03T0900-org-sibling-name-unique': m20261203T0900,
  '2026-12-07T0900-site-finding-recorder': m20261207T0900,
  '2026-12-07T1300-task-report-returned-at': m20261207T1300,
  '2026-12-07T1600-task-report-late-reason': m20261207T1600,
  '2026-12-07T1800-rectification-report-late-reason': m20261207T1800,
};
