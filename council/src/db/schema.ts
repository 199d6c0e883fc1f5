// The council's database. The secret vote is two tables with nothing in common but the round:
// `has_voted` (who voted, for the count of "x van y hebben gestemd" and the member's "uw stem is
// opgeslagen") and `secret_ballot` (what was voted, keyed by the hash of a random key that only
// the member's tablet holds, so the member can change the vote until closing). Both are WITHOUT
// ROWID tables ordered by their keys (member id, random hash): no row number, no timestamp, no
// order of arrival. The database runs in rollback-journal mode with secure_delete, and a secret
// round's close rebuilds the file (VACUUM), so no journal, free page or cell layout keeps the
// order in which votes came in (README.md, "Secret votes").
export const SCHEMA_VERSION = 1;

export const SCHEMA = `
CREATE TABLE meeting (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  body TEXT NOT NULL,
  title TEXT NOT NULL,
  date TEXT NOT NULL,
  pointer INTEGER,
  projector_key TEXT NOT NULL
);
CREATE TABLE item (
  id INTEGER PRIMARY KEY,
  position INTEGER NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  third_convocation INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE member (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  fraction TEXT NOT NULL,
  weight INTEGER NOT NULL,
  present INTEGER NOT NULL,
  leader INTEGER NOT NULL,
  position INTEGER NOT NULL
);
CREATE TABLE account (
  username TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('voorzitter', 'secretariaat', 'raadslid')),
  member_id TEXT REFERENCES member(id),
  salt BLOB NOT NULL,
  hash BLOB NOT NULL,
  kdf TEXT NOT NULL
);
CREATE TABLE login (
  token_hash BLOB PRIMARY KEY,
  username TEXT NOT NULL REFERENCES account(username),
  created TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE ballot (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES item(id),
  spec TEXT NOT NULL
);
CREATE TABLE round (
  id INTEGER PRIMARY KEY,
  ballot_id INTEGER NOT NULL REFERENCES ballot(id),
  number INTEGER NOT NULL,
  kind TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('open', 'closed', 'released', 'reset')),
  entry TEXT NOT NULL CHECK (entry IN ('digitaal', 'manueel')),
  opened_at TEXT,
  closes_at TEXT,
  closed_at TEXT,
  electorate TEXT NOT NULL,
  result TEXT
);
CREATE TABLE has_voted (
  round_id INTEGER NOT NULL REFERENCES round(id),
  member_id TEXT NOT NULL,
  PRIMARY KEY (round_id, member_id)
) WITHOUT ROWID;
CREATE TABLE public_vote (
  round_id INTEGER NOT NULL REFERENCES round(id),
  member_id TEXT NOT NULL,
  vote TEXT NOT NULL,
  PRIMARY KEY (round_id, member_id)
) WITHOUT ROWID;
CREATE TABLE secret_ballot (
  round_id INTEGER NOT NULL REFERENCES round(id),
  key_hash BLOB NOT NULL,
  vote TEXT NOT NULL,
  PRIMARY KEY (round_id, key_hash)
) WITHOUT ROWID;
CREATE TABLE audit (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  username TEXT NOT NULL,
  role TEXT NOT NULL,
  action TEXT NOT NULL,
  detail TEXT NOT NULL
);
`;
