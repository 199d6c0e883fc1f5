// events.log: what happened in the polling station, for the PV and for the hoofdbureau —
// opening, cards issued, annulled ballots, incidents, interruptions — and never a ballot id,
// a vote, or anything that orders ballots (registrations are not events).
//
// One record per line: the record as compact JSON, a tab, an HMAC-SHA256 (base64), "\n".
//   {"seq":1,"prev":"<hex>","at":"<ISO time>","type":"…",…fields of the type}
// `prev` chains the records: SHA-256 of the previous line (its bytes including "\n"), and for
// the first record SHA-256("ovs:stick-log-genesis\0" ‖ session id). The HMAC, under a key
// derived from the stembureau key, lets the console trust its own log after a restart; the
// hoofdbureau checks the chain, whose head the signed closing record fixes.
//
// `at` is exact, except for the events about one voter (VOTER_EVENT_TYPES): those carry only the
// hour they fell in, so the log cannot be laid next to the aanstiplijst or a witness's notes.
import { createHmac, hash, hkdfSync } from 'node:crypto';
import { err, ok, type Result } from '@ovs/basics';
import { bytesEqual, concatBytes, fromBase64, fromHex, sha256, toBase64, toHex, withDomain, type Signer } from '@ovs/crypto';
import { PORTS, type StickPort } from './files.ts';
import { bool, exactKeys, int, isoTime, str, type FieldResult, bad } from './json.ts';

/** Decree art. 17 §2, 1°–5°. */
export const ANNUL_REASONS = ['shown', 'damaged', 'visualisation-impossible', 'voter-request', 'unreadable-by-box'] as const;
export type AnnulReason = (typeof ANNUL_REASONS)[number];

/** Seed 002 II.B.5 and II.C.4–5. */
export const INCIDENT_KINDS = ['defect', 'assistance', 'witness-remark', 'expert-visit', 'not-on-list', 'other'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

/** Why voting was interrupted: a stick pulled, failing, read-only or full. */
export const INTERRUPTION_REASONS = ['removed', 'write-failed', 'read-only', 'full'] as const;
export type InterruptionReason = (typeof INTERRUPTION_REASONS)[number];

export const MAX_TEXT = 2000;

/**
 * Why a voter gets a new card without an annulment (card-balance.ts): the card was damaged
 * before it was used, the voting computer marked it used but printed no ballot, or the card's
 * write failed (the voting computer cannot read it). `annulment`: the new card of an annulment
 * whose own card could not be written in the same step.
 */
export const REPLACEMENT_REASONS = ['damaged-card', 'not-printed', 'write-failed', 'annulment'] as const;
export type ReplacementReason = (typeof REPLACEMENT_REASONS)[number];

/** Why a test card is made once voting is open (seed 002 II.C.3.1 pt 5, II.C.4.1). */
export const TEST_CARD_REASONS = ['expert-visit', 'visualisation-complaint'] as const;
export type TestCardReason = (typeof TEST_CARD_REASONS)[number];

/** The voting hours (decree art. 15: 8 to 15 h) overridden by the president, and why. */
export const HOURS_OVERRIDES = ['before-8', 'after-15'] as const;
export type HoursOverride = (typeof HOURS_OVERRIDES)[number];

/** A voting computer's alarm the console received over the local link. */
export const VC_ALARM_KINDS = ['paper-out', 'card', 'printer'] as const;
export type VcAlarmKind = (typeof VC_ALARM_KINDS)[number];

/** The keyed hash of an annulled ballot's id that `ballot-annul-scanned` carries (never the id itself). */
export const annulTag = (macKey: Uint8Array, ballotId: Uint8Array): string => toHex(mac(macKey, withDomain('annulled-ballot', ballotId)).subarray(0, 16));

/** A name on the PV (an expert, a member of the bureau, a witness, a voter who was assisted). */
export const MAX_NAME = 100;

/** Seed 002 II.B.1.c: up to five bijzitters (with the president and the secretary). */
export const MAX_ASSESSORS = 5;

/** Witnesses: one per list in the station's elections, at most (a generous bound). */
export const MAX_WITNESSES = 60;

/** Seed 002 III.2 b, II.B.1.c: a bijzitter present, absent, late or replaced by a voter present. */
export const PRESENCES = ['present', 'absent', 'late', 'replaced'] as const;
export type Presence = (typeof PRESENCES)[number];

export interface Assessor {
  name: string;
  presence: Presence;
  /** When late: the hour of arrival; when replaced: by whom. Free text, may be empty. */
  note: string;
}

export interface Witness {
  name: string;
  /** The list that designated the witness (its number and name as the president writes them). */
  list: string;
}

/** A difference of the closing reconciliation and the president's explanation of it, typed at closing. */
export interface Explanation {
  subject: string;
  text: string;
}

export type EventBody =
  | { type: 'session-started'; station: number; sessionId: string; software: string }
  | { type: 'unlocked'; failedAttempts: number; resumed: boolean }
  | { type: 'sticks-reconciled'; stick: StickPort; ballots: number; events: number; files: number }
  | { type: 'activation-card' }
  /** `reason`: required once voting is open (absent before opening, and in older logs). */
  | { type: 'test-card'; category: string; reason?: TestCardReason }
  /** `reason`: a replacement card issued on its own, without the annulment's step (absent otherwise and in older logs). */
  | { type: 'voter-card'; category: string; proxy: boolean; replacement: boolean; reason?: ReplacementReason }
  /**
   * `category`: the voter's, whose replacement card follows (to compare cards with ballots per
   * election, card-balance.ts). Absent in logs written before it was recorded: still valid.
   */
  | { type: 'ballot-annulled'; reason: AnnulReason; category?: string }
  /** The console printed the koppelticket (its QR holds the link key): every copy is in the PV. */
  | { type: 'pairing-printed' }
  /** A device on the cable completed the link's handshake (it held the link key): every pairing is in the PV. */
  | { type: 'box-paired' }
  /** The software a paired box reported it runs: the SHA-256 (hex) of its bundle (decree art. 4 §3). */
  | { type: 'box-software'; sha256: string }
  | { type: 'box-empty' }
  | { type: 'box-refusal'; reason: string }
  /** The box reported something the president must see: cover opened, a device fault. */
  | { type: 'box-alert'; kind: string; detail: string }
  | { type: 'voting-opened' }
  /** The president overrode the voting hours (art. 15): opening before 8 h, or voters still queuing at 15 h. */
  | { type: 'hours-override'; moment: HoursOverride; note: string }
  /** A copy of the sticks for the college of experts (art. 12): who took it and which files it holds. */
  | { type: 'expert-copy'; expert: string; note: string; files: number; ballots: boolean }
  /**
   * A readable annulled ballot scanned in annul mode at the box (decree art. 17 §2): `tag` is a
   * keyed hash of its ballot id (16 bytes, hex) under the session's log key, never the id, so
   * that the console refuses that ballot for the rest of the day, also after a restart.
   */
  | { type: 'ballot-annul-scanned'; tag: string }
  /** A voting computer's alarm (paper out, card problem, printer fault), received signed by the session key. */
  | { type: 'vc-alarm'; kind: VcAlarmKind; machine: string }
  /** The software a voting computer reported after its activation: the SHA-256 (hex) of its bundle (decree art. 4 §3). */
  | { type: 'vc-software'; machine: string; sha256: string }
  | { type: 'interruption'; stick: StickPort; reason: InterruptionReason; from: string; to: string }
  | {
      type: 'incident';
      id: number;
      kind: IncidentKind;
      description: string;
      calledAt: string | null;
      repairedAt: string | null;
    }
  | { type: 'voting-closed' }
  /**
   * The bureau as it sat (seed 002 II.B.1.c; III.2 b): the president, the secretary, the
   * bijzitters (absent, late, replaced), the witnesses with their list, and what was found on the
   * sealed envelopes when they were opened (seed 002 I.4.1; empty: nothing irregular). The
   * latest record wins.
   */
  | { type: 'bureau'; president: string; secretary: string; assessors: Assessor[]; witnesses: Witness[]; envelopes: string }
  /**
   * Decree art. 20, seed 002 II.C.5.1: the names of the voter and of the person who assisted
   * them go in the PV; when a member of the bureau disputed the need, the bureau's reasoned
   * decision. A voter event: dated to the hour only.
   */
  | { type: 'assisted-voter'; voter: string; assistant: string; disputed: boolean; decision: string }
  /**
   * Typed by the president at closing (seed 002 III.3–5): the voters ticked on the aanstiplijsten,
   * in person and by proxy, and an explanation for every difference of the reconciliation.
   */
  | { type: 'closing-statement'; tickedInPerson: number; tickedByProxy: number; explanations: Explanation[] };

export type EventType = EventBody['type'];

/**
 * Events about one voter: a card handed out (test, voter, proxy, replacement), a ballot annulled,
 * a ballot the box refused. The PV and the hoofdbureau need only how many there were; a time to
 * the second would tell which voter each one was. Opening, closing, incidents, interruptions and
 * alerts keep their exact time: the PV needs it and it concerns no voter. A voting computer's
 * alarm (paper out while a ballot printed, a card pulled) falls in one voter's session: hour only.
 */
export const VOTER_EVENT_TYPES: ReadonlySet<EventType> = new Set(['test-card', 'voter-card', 'ballot-annulled', 'box-refusal', 'vc-alarm', 'ballot-annul-scanned', 'assisted-voter']);

/** A voter event is dated to the start of its hour (UTC: a whole hour in Belgium too). */
export const VOTER_EVENT_GRANULARITY_MS = 3_600_000;

/** The start of the hour `now` falls in, as the ISO time a voter event carries. */
export const voterEventTime = (now: Date): string => new Date(Math.floor(now.getTime() / VOTER_EVENT_GRANULARITY_MS) * VOTER_EVENT_GRANULARITY_MS).toISOString();

/** The `at` a record of this type gets when it happens at `now`. */
export const eventTime = (type: EventType, now: Date): string => (VOTER_EVENT_TYPES.has(type) ? voterEventTime(now) : now.toISOString());

export type StickEvent = EventBody & { seq: number; prev: string; at: string };

export const EVENT_MAC_BYTES = 32;

export function eventMacKey(stembureau: Signer, packageHash: Uint8Array, station: number, sessionId: Uint8Array): Uint8Array {
  const binding = concatBytes(packageHash, new Uint8Array([station >> 8, station & 0xff]), sessionId);
  const ikm = stembureau.sign(withDomain('stick-event-key', binding));
  return new Uint8Array(hkdfSync('sha256', ikm, sessionId, 'ovs-stick-events/1', 32));
}

const mac = (key: Uint8Array, body: Uint8Array): Uint8Array =>
  new Uint8Array(createHmac('sha256', key).update(withDomain('stick-event', body)).digest());

export const genesisHash = (sessionId: Uint8Array): string => toHex(sha256(withDomain('stick-log-genesis', sessionId)));

/** SHA-256 of a line in hex (one call per record when a log is read: node's one-shot hash). */
export const lineHash = (line: Uint8Array): string => hash('sha256', line, 'hex');

/** One line of the log, ready to append. */
export function encodeEventLine(event: StickEvent, key: Uint8Array): Uint8Array {
  const body = new TextEncoder().encode(JSON.stringify(event));
  return concatBytes(body, new TextEncoder().encode(`\t${toBase64(mac(key, body))}\n`));
}

const oneOf = <T extends string>(o: Record<string, unknown>, key: string, values: readonly T[]): FieldResult<T> =>
  typeof o[key] === 'string' && (values as readonly string[]).includes(o[key] as string) ? ok(o[key] as T) : bad(key, `niet een van ${values.join(', ')}`);

const word = (o: Record<string, unknown>, key: string): FieldResult<string> =>
  typeof o[key] === 'string' && /^[a-z][a-z0-9-]{0,39}$/.test(o[key] as string) ? ok(o[key] as string) : bad(key, 'geen code');

const timeOrNull = (o: Record<string, unknown>, key: string): FieldResult<string | null> => (o[key] === null ? ok(null) : isoTime(o, key));

/** An array of at most `max` objects with exactly the given string (or enum) fields. */
function records(fields: Record<string, (o: Record<string, unknown>, key: string) => Check>, max: number) {
  return (o: Record<string, unknown>, key: string): Check => {
    const v = o[key];
    if (!Array.isArray(v) || v.length > max) return bad(key, `geen lijst van hoogstens ${max}`);
    for (const [i, item] of v.entries()) {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) return bad(`${key}.${i}`, 'geen JSON-object');
      const r = item as Record<string, unknown>;
      const keys = exactKeys(r, Object.keys(fields), [], `${key}.${i}.`);
      if (!keys.ok) return keys;
      for (const [k, check] of Object.entries(fields)) {
        const c = check(r, k);
        if (!c.ok) return bad(`${key}.${i}.${c.error.field}`, c.error.why);
      }
    }
    return ok(v);
  };
}

const name = (o: Record<string, unknown>, k: string): Check => str(o, k, MAX_NAME);
const longText = (o: Record<string, unknown>, k: string): Check => str(o, k, MAX_TEXT);

type Check = FieldResult<unknown>;

/** Per type: the fields it has and how each is checked. */
const FIELDS: { [K in EventType]: Record<string, (o: Record<string, unknown>, key: string) => Check> } = {
  'session-started': { station: (o, k) => int(o, k, 1, 999), sessionId: (o, k) => hexString(o, k, 16), software: (o, k) => hexString(o, k, 32) },
  unlocked: { failedAttempts: (o, k) => int(o, k, 0, 1000), resumed: bool },
  'sticks-reconciled': { stick: (o, k) => oneOf(o, k, PORTS), ballots: (o, k) => int(o, k, 0, 1 << 20), events: (o, k) => int(o, k, 0, 1 << 24), files: (o, k) => int(o, k, 0, 100) },
  'activation-card': {},
  'test-card': { category: word, reason: (o, k) => oneOf(o, k, TEST_CARD_REASONS) },
  'voter-card': { category: word, proxy: bool, replacement: bool, reason: (o, k) => oneOf(o, k, REPLACEMENT_REASONS) },
  'ballot-annulled': { reason: (o, k) => oneOf(o, k, ANNUL_REASONS), category: word },
  'pairing-printed': {},
  'box-paired': {},
  'box-software': { sha256: (o, k) => hexString(o, k, 32) },
  'box-empty': {},
  'box-refusal': { reason: word },
  'box-alert': { kind: word, detail: (o, k) => str(o, k, 500) },
  'voting-opened': {},
  'hours-override': { moment: (o, k) => oneOf(o, k, HOURS_OVERRIDES), note: (o, k) => str(o, k, MAX_TEXT) },
  'expert-copy': { expert: (o, k) => str(o, k, MAX_NAME), note: (o, k) => str(o, k, MAX_TEXT), files: (o, k) => int(o, k, 0, 100), ballots: bool },
  'vc-alarm': { kind: (o, k) => oneOf(o, k, VC_ALARM_KINDS), machine: (o, k) => str(o, k, 40) },
  'vc-software': { machine: (o, k) => str(o, k, 40), sha256: (o, k) => hexString(o, k, 32) },
  'ballot-annul-scanned': { tag: (o, k) => hexString(o, k, 16) },
  interruption: { stick: (o, k) => oneOf(o, k, PORTS), reason: (o, k) => oneOf(o, k, INTERRUPTION_REASONS), from: isoTime, to: isoTime },
  incident: {
    id: (o, k) => int(o, k, 1, 100_000),
    kind: (o, k) => oneOf(o, k, INCIDENT_KINDS),
    description: (o, k) => str(o, k, MAX_TEXT),
    calledAt: timeOrNull,
    repairedAt: timeOrNull,
  },
  'voting-closed': {},
  bureau: {
    president: name,
    secretary: name,
    assessors: records({ name, presence: (o, k) => oneOf(o, k, PRESENCES), note: name }, MAX_ASSESSORS),
    witnesses: records({ name, list: name }, MAX_WITNESSES),
    envelopes: longText,
  },
  'assisted-voter': { voter: name, assistant: name, disputed: bool, decision: longText },
  'closing-statement': {
    tickedInPerson: (o, k) => int(o, k, 0, 1 << 20),
    tickedByProxy: (o, k) => int(o, k, 0, 1 << 20),
    explanations: records({ subject: (o, k) => str(o, k, 500), text: longText }, 50),
  },
};

function hexString(o: Record<string, unknown>, key: string, bytes: number): Check {
  const v = o[key];
  const b = typeof v === 'string' ? fromHex(v) : undefined;
  return b && b.length === bytes ? ok(v) : bad(key, `geen ${bytes} bytes in hexadecimale vorm`);
}

// One decoder for every line: a log of a thousand records is read many times at the hoofdbureau.
const utf8Strict = new TextDecoder('utf-8', { fatal: true });

/** Strict UTF-8; ASCII (what the console writes, but for free text) read without the decoder's overhead. */
function text(bytes: Uint8Array): string {
  for (let i = 0; i < bytes.length; i++) if ((bytes[i] as number) >= 0x80) return utf8Strict.decode(bytes);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/** Fields a record may lack: added later, so that older logs stay valid. */
const OPTIONAL: Partial<Record<EventType, readonly string[]>> = { 'ballot-annulled': ['category'], 'test-card': ['reason'], 'voter-card': ['reason'] };

/** Per type, every key a record of it has: the common four and its own fields. */
const KEYS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  Object.entries(FIELDS).map(([type, fields]) => [type, ['seq', 'prev', 'at', 'type', ...Object.keys(fields)]]),
);

/** exactKeys, with the common case (exactly the keys, as written) answered without allocating. */
function sameKeys(obj: Record<string, unknown>, type: EventType): FieldResult<true> {
  const keys = KEYS[type] ?? [];
  let own = 0;
  for (const k in obj) if (Object.hasOwn(obj, k)) own++;
  if (own === keys.length && keys.every((k) => Object.hasOwn(obj, k))) return ok(true);
  const optional = OPTIONAL[type] ?? [];
  return exactKeys(obj, keys.filter((k) => !optional.includes(k)), optional);
}

/** Strict check of one record's JSON (no MAC, no chain). */
export function decodeEventBody(body: Uint8Array): FieldResult<StickEvent> {
  return decodeEvent(body, undefined);
}

/**
 * decodeEventBody; with `expectedPrev` (the chain's previous hash, 64 lowercase hex digits) a
 * `prev` equal to it is known to be well-formed without decoding it again.
 */
function decodeEvent(body: Uint8Array, expectedPrev: string | undefined): FieldResult<StickEvent> {
  let o: unknown;
  try {
    o = JSON.parse(text(body));
  } catch {
    return bad('(root)', 'geen geldige JSON');
  }
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return bad('(root)', 'geen JSON-object');
  const obj = o as Record<string, unknown>;
  const type = obj.type;
  if (typeof type !== 'string' || !Object.hasOwn(FIELDS, type)) return bad('type', 'onbekend soort gebeurtenis');
  const fields = FIELDS[type as EventType];
  const keys = sameKeys(obj, type as EventType);
  if (!keys.ok) return keys;
  const seq = int(obj, 'seq', 1, 2 ** 31);
  if (!seq.ok) return seq;
  if (expectedPrev === undefined || obj.prev !== expectedPrev) {
    const prev = hexString(obj, 'prev', 32);
    if (!prev.ok) return prev;
  }
  const at = isoTime(obj, 'at');
  if (!at.ok) return at;
  if (VOTER_EVENT_TYPES.has(type as EventType) && Date.parse(at.value) % VOTER_EVENT_GRANULARITY_MS !== 0) return bad('at', 'een gebeurtenis over een kiezer draagt enkel het uur, geen fijner tijdstip');
  for (const k in fields) {
    if (!Object.hasOwn(obj, k)) continue; // an optional field (sameKeys checked the others are there)
    const r = (fields as Record<string, (o: Record<string, unknown>, key: string) => Check>)[k]!(obj, k);
    if (!r.ok) return r;
  }
  return ok(obj as unknown as StickEvent);
}

/** The MAC text of a line, bytes from … to (without "\n"): 43 base64 characters and "=". */
function macTextOk(line: Uint8Array, from: number, to: number): boolean {
  if (to - from !== 44 || line[to - 1] !== 0x3d) return false;
  for (let i = from; i < to - 1; i++) {
    const c = line[i] as number;
    if (!((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2f)) return false;
  }
  return true;
}

export interface ParsedLog {
  events: StickEvent[];
  /** The exact bytes of each valid line, including its "\n". */
  lines: Uint8Array[];
  /** Bytes of the valid prefix. */
  validBytes: number;
  /** SHA-256 of the last valid line (the genesis hash for an empty log). */
  head: string;
  /** Bytes after the valid prefix: a last record torn by a crash or a pulled stick. */
  tornBytes: number;
}

export type LogProblem = { line: number; why: string };

export type ParseLogResult = Result<ParsedLog, LogProblem>;

/**
 * Reads the log. Only the last line may be incomplete or fail its check (a torn append);
 * anything wrong before it is corruption. `macKey` is the console's key; the hoofdbureau
 * passes undefined and relies on the chain and the signed closing record.
 */
export function parseEventLog(bytes: Uint8Array, sessionId: Uint8Array, macKey: Uint8Array | undefined): ParseLogResult {
  const events: StickEvent[] = [];
  const lines: Uint8Array[] = [];
  let prev = genesisHash(sessionId);
  let offset = 0;
  let lineNo = 0;
  let why: string | undefined;
  // No closure per line: this runs once per voter of every station.
  while (offset < bytes.length) {
    lineNo++;
    let end = offset;
    while (end < bytes.length && bytes[end] !== 0x0a) end++;
    if (end === bytes.length) end = -1;
    why = lineProblem(bytes, offset, end, macKey, prev, lineNo, events, lines);
    if (why !== undefined) {
      const isLast = end < 0 || end === bytes.length - 1;
      return isLast ? ok({ events, lines, validBytes: offset, head: prev, tornBytes: bytes.length - offset }) : err({ line: lineNo, why });
    }
    prev = lineHash(lines[lines.length - 1]!);
    offset = end + 1;
  }
  return ok({ events, lines, validBytes: offset, head: prev, tornBytes: 0 });
}

/** Checks the line at offset … end ("\n"); adds it to events and lines, or says what is wrong. */
function lineProblem(bytes: Uint8Array, offset: number, end: number, macKey: Uint8Array | undefined, prev: string, lineNo: number, events: StickEvent[], lines: Uint8Array[]): string | undefined {
  if (end < 0) return 'regel zonder einde';
  let at = end;
  while (at >= offset && bytes[at] !== 0x09) at--;
  if (at < offset) return 'geen tab tussen record en controlecode';
  const line = bytes.subarray(offset, end + 1);
  const tab = at - offset;
  const body = line.subarray(0, tab);
  if (!macTextOk(line, tab + 1, line.length - 1)) return 'controlecode onleesbaar';
  if (macKey) {
    const code = fromBase64(Buffer.from(line.buffer, line.byteOffset + tab + 1, line.length - tab - 2).toString('latin1'));
    if (!code || code.length !== EVENT_MAC_BYTES || !bytesEqual(code, mac(macKey, body))) return 'controlecode klopt niet (record gewijzigd)';
  }
  const decoded = decodeEvent(body, prev);
  if (!decoded.ok) return `veld ${decoded.error.field}: ${decoded.error.why}`;
  const event = decoded.value;
  if (event.seq !== lineNo) return `volgnummer ${event.seq} waar ${lineNo} verwacht werd`;
  if (event.prev !== prev) return 'ketting verbroken: verwijst niet naar het vorige record';
  events.push(event);
  lines.push(line);
  return undefined;
}

/** What the closing record's figures are recounted from. */
export interface EventCounts {
  cardsPerCategory: Record<string, number>;
  proxyPerCategory: Record<string, number>;
  replacementCards: number;
  /** Replacement cards issued on their own (no annulment in the same step), per reason; included in replacementCards. */
  replacementsByReason: Record<ReplacementReason, number>;
  testCards: number;
  /** Test cards made while voting was open (with their reason); included in testCards. */
  testCardsDuringVoting: Record<TestCardReason, number>;
  activationCards: number;
  annulledByReason: Record<AnnulReason, number>;
}

export function countEvents(events: readonly StickEvent[], categories: readonly string[]): EventCounts {
  const zero = (): Record<string, number> => Object.fromEntries(categories.map((c) => [c, 0]));
  const counts: EventCounts = {
    cardsPerCategory: zero(),
    proxyPerCategory: zero(),
    replacementCards: 0,
    replacementsByReason: Object.fromEntries(REPLACEMENT_REASONS.map((r) => [r, 0])) as Record<ReplacementReason, number>,
    testCards: 0,
    testCardsDuringVoting: Object.fromEntries(TEST_CARD_REASONS.map((r) => [r, 0])) as Record<TestCardReason, number>,
    activationCards: 0,
    annulledByReason: Object.fromEntries(ANNUL_REASONS.map((r) => [r, 0])) as Record<AnnulReason, number>,
  };
  for (const e of events) {
    switch (e.type) {
      case 'voter-card':
        counts.cardsPerCategory[e.category] = (counts.cardsPerCategory[e.category] ?? 0) + 1;
        if (e.proxy) counts.proxyPerCategory[e.category] = (counts.proxyPerCategory[e.category] ?? 0) + 1;
        if (e.replacement) counts.replacementCards++;
        if (e.reason !== undefined) counts.replacementsByReason[e.reason]++;
        break;
      case 'test-card':
        counts.testCards++;
        if (e.reason !== undefined) counts.testCardsDuringVoting[e.reason]++;
        break;
      case 'activation-card':
        counts.activationCards++;
        break;
      case 'ballot-annulled':
        counts.annulledByReason[e.reason]++;
        break;
      case 'session-started':
      case 'unlocked':
      case 'sticks-reconciled':
      case 'pairing-printed':
      case 'box-paired':
      case 'box-software':
      case 'box-empty':
      case 'box-refusal':
      case 'box-alert':
      case 'voting-opened':
      case 'hours-override':
      case 'expert-copy':
      case 'vc-alarm':
      case 'vc-software':
      case 'ballot-annul-scanned':
      case 'interruption':
      case 'incident':
      case 'voting-closed':
      case 'bureau':
      case 'assisted-voter':
      case 'closing-statement':
        break;
      default: {
        const never: never = e;
        throw new Error(`countEvents: ${String(never)}`);
      }
    }
  }
  return counts;
}

/** Where the session stands according to its log. */
export type LogPhase = 'preparation' | 'open' | 'closing';

export function phaseOf(events: readonly StickEvent[]): LogPhase {
  if (events.some((e) => e.type === 'voting-closed')) return 'closing';
  if (events.some((e) => e.type === 'voting-opened')) return 'open';
  return 'preparation';
}

/** The latest version of every incident, in order of first report. */
export function incidentsOf(events: readonly StickEvent[]): Array<Extract<StickEvent, { type: 'incident' }>> {
  const byId = new Map<number, Extract<StickEvent, { type: 'incident' }>>();
  for (const e of events) if (e.type === 'incident') byId.set(e.id, e);
  return [...byId.values()];
}
