/**
 * Kysely table types. Both dialects store: timestamps as ISO-8601 text (UTC), booleans as 0/1 integers,
 * JSON as text, exact decimals as text. The driver decides runtime types, so these stay portable.
 */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface OrgUnitTable {
  id: Generated<number>;
  code: string;
  name: string;
  short_name: string | null;
  kind: 'province' | 'city' | 'county' | 'department' | 'office';
  parent_id: number | null;
  sort_order: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface AppUserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: string;
  org_unit_id: number;
  phone: string | null;
  password_hash: string;
  status: 'active' | 'disabled';
  failed_attempts: number;
  locked_until: string | null;
  must_change_password: number;
  last_login_at: string | null;
  password_changed_at: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface SessionTable {
  id: string; // SHA-256 of the cookie token
  user_id: number;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  user_id: number | null;
  username: string | null;
  role: string | null;
  ip: string | null;
  user_agent: string | null;
  action: string;
  method: string | null;
  path: string | null;
  entity_type: string | null;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
  outcome: 'ok' | 'denied' | 'failed';
}

export interface TodoTable {
  id: Generated<number>;
  /** addressed to one user, or to every user of a role in an org unit */
  user_id: number | null;
  org_unit_id: number | null;
  role: string | null;
  kind: string;
  title: string;
  detail: string | null;
  link: string | null;
  due_at: string | null;
  source_type: string | null;
  source_id: string | null;
  status: 'open' | 'done';
  created_at: string;
  done_at: string | null;
  done_by: number | null;
}

export interface FrameworkTable {
  id: string;
  version: string;
  title: string;
  kind: 'assessment' | 'evaluation';
  total_points: string;
  content_json: string;
  content_sha256: string;
  imported_at: string;
}

export interface Database {
  org_unit: OrgUnitTable;
  app_user: AppUserTable;
  session: SessionTable;
  audit_log: AuditLogTable;
  todo: TodoTable;
  framework: FrameworkTable;
}

export type OrgUnitRow = Selectable<OrgUnitTable>;
export type AppUserRow = Selectable<AppUserTable>;
export type NewAppUser = Insertable<AppUserTable>;
export type AppUserUpdate = Updateable<AppUserTable>;
export type TodoRow = Selectable<TodoTable>;
export type AuditRow = Selectable<AuditLogTable>;
