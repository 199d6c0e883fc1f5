// The staff tables (issue 12): accounts, the audit log and the bureau's composition.
// Part of schema 3 (db/schema.ts), also added to a schema-2 database. The login sessions are
// not here: they live in the server's memory beside the web guard's secret (staff/sessions.ts),
// which a restart replaces anyway, so no session token is ever written to disk.
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

-- One row per person who may log in. The password is kept only as its scrypt key (with its salt
-- and parameters, so they can be raised later); a temporary password must be changed at the
-- first login. eid_key: the public authentication key of the person's e-ID card (SPKI, DER).
CREATE TABLE staff_account (
  username TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('voorzitter', 'gemachtigde', 'secretaris', 'bijzitter', 'invoerder', 'beheerder')),
  password_key BLOB,
  password_salt BLOB,
  password_params TEXT,
  must_change INTEGER NOT NULL CHECK (must_change IN (0, 1)),
  eid_key BLOB,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);

-- The bureau as it sits (seed 000: configured by the voorzitter or the gemachtigde, printed on
-- the PV): its voorzitter, secretaris and bijzitters, and the witnesses of each list.
CREATE TABLE bureau_member (
  seq INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('voorzitter', 'secretaris', 'bijzitter', 'getuige')),
  name TEXT NOT NULL,
  election TEXT,
  list INTEGER,
  CHECK ((kind = 'getuige') = (election IS NOT NULL AND list IS NOT NULL))
);
`;
