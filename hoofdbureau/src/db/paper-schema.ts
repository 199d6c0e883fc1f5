// The paper-count tables (issue 12): telbureaus, the stations they count, and the typed-in
// tables with their two entries. Part of schema 3 (db/schema.ts), also added to a schema-2 database.
// A station is counted on paper when it is in paper_station (the hoofdbureau's configuration):
// a stick of such a station is refused, and a station with an import cannot be declared paper.
export const PAPER_SCHEMA = `
CREATE TABLE paper_station (
  station INTEGER PRIMARY KEY REFERENCES station(number)
) WITHOUT ROWID;

-- Telbureaus G (gemeenteraad and the other municipal councils) and P (provincieraad), seed 001 §V.4.
CREATE TABLE telbureau (
  id TEXT PRIMARY KEY,
  series TEXT NOT NULL CHECK (series IN ('G', 'P')),
  number INTEGER NOT NULL CHECK (number >= 1),
  locked_at TEXT,
  locked_by TEXT,
  UNIQUE (series, number)
) WITHOUT ROWID;

-- Each paper station is counted by one telbureau of each series.
CREATE TABLE telbureau_station (
  series TEXT NOT NULL,
  station INTEGER NOT NULL REFERENCES paper_station(station),
  telbureau TEXT NOT NULL REFERENCES telbureau(id),
  PRIMARY KEY (series, station)
) WITHOUT ROWID;

-- Who types in a telbureau now: one person at a time (seed 000), until release, logout or time-out.
CREATE TABLE telbureau_claim (
  telbureau TEXT PRIMARY KEY REFERENCES telbureau(id),
  username TEXT NOT NULL,
  expires_at TEXT NOT NULL
) WITHOUT ROWID;

-- The double-entry state of one telbureau's table for one election (@ovs/paper-count EntryState).
CREATE TABLE paper_entry (
  telbureau TEXT NOT NULL REFERENCES telbureau(id),
  election TEXT NOT NULL,
  state_json TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (telbureau, election)
) WITHOUT ROWID;

-- The intermediate result each time a telbureau's tables are all definitive (seed 000).
CREATE TABLE paper_intermediate (
  seq INTEGER PRIMARY KEY,
  telbureau TEXT NOT NULL,
  at TEXT NOT NULL,
  totals_json TEXT NOT NULL
);
`;
