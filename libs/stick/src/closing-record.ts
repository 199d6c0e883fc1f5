// closing.json + closing.sig: the key figures of the polling station (decree art. 21), signed
// by the stembureau key when voting is closed. It fixes the ballot store (SHA-256 of
// ballots.slots, the hash the kerncijferrapport prints) and the event log (its head), so
// nothing on the stick can change afterwards without the hoofdbureau seeing it.
import { ok } from '@ovs/basics';
import { toHex } from '@ovs/crypto';
import { CLOSING_FORMAT } from './files.ts';
import { ANNUL_REASONS, type AnnulReason } from './event-log.ts';
import { bad, countMap, encodeJson, exactKeys, hexBytes, int, isoTime, object, parseJsonObject, type FieldResult } from './json.ts';

export const CLOSING_SIGNATURE_DOMAIN = 'stick-closing';

/** The president's counts from the envelopes (annulled and test ballots): what the console accepts and the pair writes. */
export const MAX_CLOSE_COUNT = 100_000;
export const validCloseCount = (n: number): boolean => Number.isInteger(n) && n >= 0 && n <= MAX_CLOSE_COUNT;

export interface ClosingRecord {
  format: typeof CLOSING_FORMAT;
  station: number;
  packageHash: Uint8Array;
  sessionId: Uint8Array;
  /** When voting was declared open; null when the station closed without opening. */
  openedAt: string | null;
  closedAt: string;
  registeredBallots: number;
  /** Every election of the station, in legal order, with the ballots that carry it. */
  registeredPerElection: Record<string, number>;
  cards: {
    /** Voter cards per voter category, proxies and replacements included. */
    perCategory: Record<string, number>;
    proxyPerCategory: Record<string, number>;
    replacement: number;
    test: number;
    activation: number;
  };
  /** Annulled ballots as counted in the envelope and entered by the president. */
  annulledBallots: number;
  /** Annulments recorded at the console during the day, per reason (art. 17 §2). */
  annulledByReason: Record<AnnulReason, number>;
  /** Test ballots as counted in their envelope and entered by the president. */
  testBallots: number;
  store: { sha256: Uint8Array; slotSize: number; capacity: number };
  eventLog: { records: number; head: Uint8Array };
  software: Uint8Array;
}

export function encodeClosingRecord(c: ClosingRecord): Uint8Array {
  return encodeJson({
    format: c.format,
    station: c.station,
    packageHash: toHex(c.packageHash),
    sessionId: toHex(c.sessionId),
    openedAt: c.openedAt,
    closedAt: c.closedAt,
    registeredBallots: c.registeredBallots,
    registeredPerElection: c.registeredPerElection,
    cards: c.cards,
    annulledBallots: c.annulledBallots,
    annulledByReason: c.annulledByReason,
    testBallots: c.testBallots,
    store: { sha256: toHex(c.store.sha256), slotSize: c.store.slotSize, capacity: c.store.capacity },
    eventLog: { records: c.eventLog.records, head: toHex(c.eventLog.head) },
    software: toHex(c.software),
  });
}

/** Strict decoding; `elections` and `categories` are the station's, from the package. */
export function decodeClosingRecord(bytes: Uint8Array, elections: readonly string[], categories: readonly string[]): FieldResult<ClosingRecord> {
  const parsed = parseJsonObject(bytes);
  if (!parsed.ok) return parsed;
  const o = parsed.value;
  const keys = exactKeys(o, [
    'format', 'station', 'packageHash', 'sessionId', 'openedAt', 'closedAt', 'registeredBallots', 'registeredPerElection',
    'cards', 'annulledBallots', 'annulledByReason', 'testBallots', 'store', 'eventLog', 'software',
  ]);
  if (!keys.ok) return keys;
  if (o.format !== CLOSING_FORMAT) return bad('format', `niet "${CLOSING_FORMAT}"`);
  const station = int(o, 'station', 1, 999);
  if (!station.ok) return station;
  const packageHash = hexBytes(o, 'packageHash', 32);
  if (!packageHash.ok) return packageHash;
  const sessionId = hexBytes(o, 'sessionId', 16);
  if (!sessionId.ok) return sessionId;
  const openedAt = o.openedAt === null ? ok(null) : isoTime(o, 'openedAt');
  if (!openedAt.ok) return openedAt;
  const closedAt = isoTime(o, 'closedAt');
  if (!closedAt.ok) return closedAt;
  const registeredBallots = int(o, 'registeredBallots', 0, 1 << 20);
  if (!registeredBallots.ok) return registeredBallots;
  const perElection = countMap(o, 'registeredPerElection', elections);
  if (!perElection.ok) return perElection;
  const cardsObj = object(o, 'cards');
  if (!cardsObj.ok) return cardsObj;
  const ck = exactKeys(cardsObj.value, ['perCategory', 'proxyPerCategory', 'replacement', 'test', 'activation'], [], 'cards.');
  if (!ck.ok) return ck;
  const perCategory = countMap(cardsObj.value, 'perCategory', categories, 'cards.');
  if (!perCategory.ok) return perCategory;
  const proxyPerCategory = countMap(cardsObj.value, 'proxyPerCategory', categories, 'cards.');
  if (!proxyPerCategory.ok) return proxyPerCategory;
  const replacement = int(cardsObj.value, 'replacement', 0, 1 << 20, 'cards.');
  if (!replacement.ok) return replacement;
  const test = int(cardsObj.value, 'test', 0, 1 << 20, 'cards.');
  if (!test.ok) return test;
  const activation = int(cardsObj.value, 'activation', 0, 1 << 20, 'cards.');
  if (!activation.ok) return activation;
  const annulledBallots = int(o, 'annulledBallots', 0, 1 << 20);
  if (!annulledBallots.ok) return annulledBallots;
  const annulledByReason = countMap(o, 'annulledByReason', ANNUL_REASONS);
  if (!annulledByReason.ok) return annulledByReason;
  const testBallots = int(o, 'testBallots', 0, 1 << 20);
  if (!testBallots.ok) return testBallots;
  const storeObj = object(o, 'store');
  if (!storeObj.ok) return storeObj;
  const sk = exactKeys(storeObj.value, ['sha256', 'slotSize', 'capacity'], [], 'store.');
  if (!sk.ok) return sk;
  const storeHash = hexBytes(storeObj.value, 'sha256', 32, 'store.');
  if (!storeHash.ok) return storeHash;
  const slotSize = int(storeObj.value, 'slotSize', 1, 1 << 16, 'store.');
  if (!slotSize.ok) return slotSize;
  const capacity = int(storeObj.value, 'capacity', 1, 1 << 20, 'store.');
  if (!capacity.ok) return capacity;
  const logObj = object(o, 'eventLog');
  if (!logObj.ok) return logObj;
  const lk = exactKeys(logObj.value, ['records', 'head'], [], 'eventLog.');
  if (!lk.ok) return lk;
  const records = int(logObj.value, 'records', 0, 1 << 24, 'eventLog.');
  if (!records.ok) return records;
  const head = hexBytes(logObj.value, 'head', 32, 'eventLog.');
  if (!head.ok) return head;
  const software = hexBytes(o, 'software', 32);
  if (!software.ok) return software;
  return ok({
    format: CLOSING_FORMAT,
    station: station.value,
    packageHash: packageHash.value,
    sessionId: sessionId.value,
    openedAt: openedAt.value,
    closedAt: closedAt.value,
    registeredBallots: registeredBallots.value,
    registeredPerElection: perElection.value,
    cards: {
      perCategory: perCategory.value,
      proxyPerCategory: proxyPerCategory.value,
      replacement: replacement.value,
      test: test.value,
      activation: activation.value,
    },
    annulledBallots: annulledBallots.value,
    annulledByReason: annulledByReason.value as Record<AnnulReason, number>,
    testBallots: testBallots.value,
    store: { sha256: storeHash.value, slotSize: slotSize.value, capacity: capacity.value },
    eventLog: { records: records.value, head: head.value },
    software: software.value,
  });
}
