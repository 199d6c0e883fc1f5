// The hoofdbureau's database (SQLite through better-sqlite3). Three kinds of table:
//   - what the hoofdbureau knows before election night: the package and its polling stations;
//   - what it counted: one row per imported polling station, its votes — one row per election
//     of each ballot, under a vote id that links it to no other row (db/vote-rows.ts), WITHOUT
//     ROWID and written in vote-id order, so neither the ballot, nor the order of slots, of
//     casting or of insertion survives — its tallies and the materialised totals per election, and
//     a snapshot of the intermediate result after every import — all written by one transaction
//     per stick;
//   - the attempt log: every import attempt and its outcome (refused sticks, identical copies,
//     mismatches), the only table a refused stick may add a row to.
// Counts are never derived from the attempt log. The signed ballots are not stored: they join a
// ballot's elections together, and they are on the two sticks the hoofdbureau keeps sealed.

import { PAPER_SCHEMA } from './paper-schema.ts';
import { STAFF_SCHEMA } from './staff-schema.ts';

/**
 * 1: one `ballot` row per ballot with the signed bytes and the whole vote.
 * 2: one `vote` row per election of a ballot, unlinked (issue 11). A version-1 database is refused.
 * 3: staff accounts, sessions, the audit log, and the paper counts (issue 12). A version-2
 *    database gets the new tables (UPGRADE_2_TO_3) and keeps everything it holds.
 */
export const SCHEMA_VERSION = 3;

/** What a schema-2 database lacks: only new tables, so the upgrade cannot change a count. */
export const UPGRADE_2_TO_3 = STAFF_SCHEMA + PAPER_SCHEMA;

export const SCHEMA =
  `
CREATE TABLE package (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  hash BLOB NOT NULL CHECK (length(hash) = 32),
  short_hash TEXT NOT NULL,
  bytes BLOB NOT NULL,
  signature BLOB NOT NULL CHECK (length(signature) = 64),
  organiser_public_key BLOB NOT NULL CHECK (length(organiser_public_key) = 32),
  loaded_at TEXT NOT NULL
);

CREATE TABLE station (
  number INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  deelgebied TEXT NOT NULL,
  registered_voters INTEGER NOT NULL
);

-- At most one import per polling station: the primary key is the duplicate rule's last line.
CREATE TABLE import (
  station INTEGER PRIMARY KEY REFERENCES station(number),
  seq INTEGER NOT NULL UNIQUE,
  source TEXT NOT NULL CHECK (source IN ('stick', 'kopie', 'herscan')),
  imported_at TEXT NOT NULL,
  path TEXT,
  ballots INTEGER NOT NULL,
  session_certificate BLOB NOT NULL,
  closing_hash BLOB,
  closing_short_hash TEXT,
  store_hash BLOB,
  store_short_hash TEXT,
  closing_json BLOB,
  closing_sig BLOB,
  session_json BLOB,
  session_sig BLOB,
  label BLOB,
  events_log BLOB,
  rescan_json TEXT,
  note TEXT
);

-- One row per election of each ballot: the choice for that election only, under its vote id
-- (first 16 bytes of SHA-256("ovs:hoofdbureau-vote\\0" ‖ election ‖ ballot id)). Clustered by
-- station, election, vote id: a station's votes of one election sit together (an import writes a
-- few dozen pages) in no order but their ids', which is unrelated from one election to the next.
-- Nothing is shared between the rows of one ballot but the station. A vote id is unique within
-- its station and election by this key; the same ballot always gives the same ids (duplicates).
CREATE TABLE vote (
  station INTEGER NOT NULL REFERENCES import(station),
  election TEXT NOT NULL,
  vote_id BLOB NOT NULL CHECK (length(vote_id) = 16),
  vote TEXT NOT NULL,
  PRIMARY KEY (station, election, vote_id)
) WITHOUT ROWID;

CREATE TABLE tally (
  station INTEGER NOT NULL REFERENCES import(station),
  election TEXT NOT NULL,
  ballots INTEGER NOT NULL,
  blank INTEGER NOT NULL,
  PRIMARY KEY (station, election)
) WITHOUT ROWID;

CREATE TABLE list_tally (
  station INTEGER NOT NULL REFERENCES import(station),
  election TEXT NOT NULL,
  list INTEGER NOT NULL,
  stemcijfer INTEGER NOT NULL,
  top_box_only INTEGER NOT NULL,
  with_candidates INTEGER NOT NULL,
  top_box_and_candidates INTEGER NOT NULL,
  PRIMARY KEY (station, election, list)
) WITHOUT ROWID;

CREATE TABLE candidate_tally (
  station INTEGER NOT NULL REFERENCES import(station),
  election TEXT NOT NULL,
  list INTEGER NOT NULL,
  position INTEGER NOT NULL,
  votes INTEGER NOT NULL,
  PRIMARY KEY (station, election, list, position)
) WITHOUT ROWID;

-- Materialised sums of the tallies over the imported stations, updated in the same transaction.
CREATE TABLE total (
  election TEXT PRIMARY KEY,
  stations INTEGER NOT NULL,
  ballots INTEGER NOT NULL,
  blank INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE list_total (
  election TEXT NOT NULL,
  list INTEGER NOT NULL,
  stemcijfer INTEGER NOT NULL,
  top_box_only INTEGER NOT NULL,
  with_candidates INTEGER NOT NULL,
  top_box_and_candidates INTEGER NOT NULL,
  PRIMARY KEY (election, list)
) WITHOUT ROWID;

CREATE TABLE candidate_total (
  election TEXT NOT NULL,
  list INTEGER NOT NULL,
  position INTEGER NOT NULL,
  votes INTEGER NOT NULL,
  PRIMARY KEY (election, list, position)
) WITHOUT ROWID;

-- The intermediate result after each imported polling station (seed 000: "doorsturen van
-- tussentijdse resultaten per stembureau"): totals per election as JSON.
CREATE TABLE intermediate (
  seq INTEGER PRIMARY KEY REFERENCES import(seq),
  station INTEGER NOT NULL,
  at TEXT NOT NULL,
  stations_imported INTEGER NOT NULL,
  totals_json TEXT NOT NULL
);

CREATE TABLE attempt (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('import', 'herscan')),
  path TEXT,
  station INTEGER,
  station_verified INTEGER NOT NULL CHECK (station_verified IN (0, 1)),
  outcome TEXT NOT NULL CHECK (outcome IN ('ingelezen', 'identiek', 'verschil', 'geweigerd')),
  code TEXT,
  file TEXT,
  record TEXT,
  message TEXT NOT NULL,
  closing_short_hash TEXT,
  store_short_hash TEXT,
  details_json TEXT
);
CREATE INDEX attempt_station ON attempt(station);
` + UPGRADE_2_TO_3;

/** Every table whose content a refused stick must leave exactly as it was. */
export const COUNTED_TABLES = ['package', 'station', 'import', 'vote', 'tally', 'list_tally', 'candidate_tally', 'total', 'list_total', 'candidate_total', 'intermediate'] as const;
