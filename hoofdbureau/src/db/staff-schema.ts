// The staff tables (issue 12): accounts, sessions, the audit log and the bureau's composition.
// Filled by the accounts work; part of schema 3 (db/schema.ts), also added to a schema-2 database.
export const STAFF_SCHEMA = ``;
