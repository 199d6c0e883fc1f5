// The files of a stick. Both sticks of a polling station hold exactly the same files with
// exactly the same bytes; the format of each is described byte by byte in ../README.md.

export const FILES = {
  label: 'OVS-STICK.json',
  packageJson: 'election.json',
  packageSig: 'election.sig',
  slots: 'ballots.slots',
  sessionJson: 'session.json',
  sessionSig: 'session.sig',
  secrets: 'secrets.bin',
  events: 'events.log',
  closingJson: 'closing.json',
  closingSig: 'closing.sig',
  addendumJson: 'addendum.json',
  addendumSig: 'addendum.sig',
} as const;

export type StickFile = (typeof FILES)[keyof typeof FILES];

/** Which of the two sticks; A is always written first. */
/** The console's two stick ports, in the order every write goes: A, then B. */
export const PORTS = ['A', 'B'] as const;
export type StickPort = (typeof PORTS)[number];

export const LABEL_FORMAT = 'ovs-stick/1';
export const SESSION_FORMAT = 'ovs-stick-session/1';
export const CLOSING_FORMAT = 'ovs-stick-closing/1';
