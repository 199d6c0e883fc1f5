// The audit log (issue 12): every check, import, entry, correction, lock and PV with the operator.
// Shown in the app and summarised in the PV. Details name stations and telbureaus, never a vote.
import type Database from 'better-sqlite3';
import type { Action, Operator, Role } from './permissions.ts';

export interface AuditEntry {
  seq: number;
  at: string;
  username: string;
  role: Role;
  action: Action;
  detail: string;
}

export function recordAudit(sqlite: Database.Database, operator: Operator, action: Action, detail: string, at: Date = new Date()): void {
  sqlite
    .prepare('INSERT INTO audit_log (at, username, role, action, detail) VALUES (?, ?, ?, ?, ?)')
    .run(at.toISOString(), operator.username, operator.role, action, detail);
}

export function readAudit(sqlite: Database.Database): AuditEntry[] {
  return sqlite.prepare('SELECT seq, at, username, role, action, detail FROM audit_log ORDER BY seq').all() as AuditEntry[];
}
