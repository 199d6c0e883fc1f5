// The staff tables (issue 12): accounts, sessions, the audit log and the bureau's composition.
// Part of schema 3 (db/schema.ts), also added to a schema-2 database.
export const STAFF_SCHEMA = `
-- Every action that reads the stick, changes the count or makes a document, with who took it.
-- One row per action, never per ballot: the times say when a station was handled, not a vote.
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  username TEXT NOT NULL,
  role TEXT NOT NULL,
  action TEXT NOT NULL,
  detail TEXT NOT NULL
);
`;
