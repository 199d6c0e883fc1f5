// The voter's chip card (decree art. 16 §1): it lets its holder vote once in exactly the
// elections of their voter category. It carries no identity and no vote; the console does not
// record which nonce went to which voter.
//
//   byte 0        version (1)
//   byte 1        card type (1 = voter)
//   byte 2        flags: bit 0 = test card (test votes before opening); bits 1–7 zero
//   bytes 3–10    package hash prefix
//   bytes 11–12   polling station, big-endian
//   byte 13       elections: bit i (LSB first) = the i-th election of the station in legal order
//   bytes 14–29   random nonce
//   bytes 30–93   stembureau signature over bytes 0–29
import { err, ok, type Result } from '@ovs/basics';
import type { Signer, Verifier} from '@ovs/crypto';
import { bytesEqual, concatBytes, withDomain } from '@ovs/crypto';
import { electionsForStation, type ElectionPackage } from '@ovs/election';

export const CARD_HASH_PREFIX_BYTES = 8;
export const VOTER_CARD_BYTES = 94;
export const CARD_NONCE_BYTES = 16;
const SIGNED_BYTES = 30;

export const CARD_TYPE_VOTER = 1;
export const CARD_TYPE_ACTIVATION = 2;

export interface VoterCard {
  test: boolean;
  pollingStation: number;
  /** Election ids in legal order. */
  elections: string[];
  nonce: Uint8Array;
}

export function issueVoterCard(
  pkg: ElectionPackage,
  hashPrefix: Uint8Array,
  card: VoterCard,
  stembureau: Signer,
): Uint8Array {
  const stationElections = electionsForStation(pkg, card.pollingStation).map((e) => e.id);
  let bitmap = 0;
  for (const id of card.elections) {
    const i = stationElections.indexOf(id);
    if (i < 0) throw new Error(`issueVoterCard: election ${id} is not held at polling station ${card.pollingStation}`);
    bitmap |= 1 << i;
  }
  if (bitmap === 0) throw new Error('issueVoterCard: a card needs at least one election');
  if (card.nonce.length !== CARD_NONCE_BYTES) throw new Error('issueVoterCard: nonce must be 16 bytes');
  const body = concatBytes(
    new Uint8Array([1, CARD_TYPE_VOTER, card.test ? 1 : 0]),
    hashPrefix.subarray(0, CARD_HASH_PREFIX_BYTES),
    new Uint8Array([card.pollingStation >> 8, card.pollingStation & 0xff, bitmap]),
    card.nonce,
  );
  return concatBytes(body, stembureau.sign(withDomain('voter-card', body)));
}

export type VoterCardError =
  | 'bad-length'
  | 'bad-version'
  | 'not-a-voter-card'
  | 'bad-flags'
  | 'wrong-package'
  | 'wrong-station'
  | 'bad-elections'
  | 'bad-signature';

export type VoterCardResult = Result<VoterCard, VoterCardError>;

export interface CardExpectation {
  pkg: ElectionPackage;
  hashPrefix: Uint8Array;
  station: number;
  stembureau: Verifier;
}

/** Checks a card read from the reader. Never throws. */
export function verifyVoterCard(bytes: Uint8Array, expected: CardExpectation): VoterCardResult {
  if (bytes.length < 2) return err('bad-length');
  if (bytes[0] !== 1) return err('bad-version');
  if (bytes[1] !== CARD_TYPE_VOTER) return err('not-a-voter-card');
  if (bytes.length !== VOTER_CARD_BYTES) return err('bad-length');
  if (((bytes[2] as number) & 0xfe) !== 0) return err('bad-flags');
  if (!bytesEqual(bytes.subarray(3, 11), expected.hashPrefix.subarray(0, CARD_HASH_PREFIX_BYTES))) return err('wrong-package');
  const station = ((bytes[11] as number) << 8) | (bytes[12] as number);
  if (station !== expected.station) return err('wrong-station');
  if (!expected.stembureau.verify(withDomain('voter-card', bytes.subarray(0, SIGNED_BYTES)), bytes.subarray(SIGNED_BYTES))) {
    return err('bad-signature');
  }
  const stationElections = electionsForStation(expected.pkg, station).map((e) => e.id);
  const bitmap = bytes[13] as number;
  if (bitmap === 0 || bitmap >> stationElections.length !== 0) return err('bad-elections');
  const elections = stationElections.filter((_, i) => (bitmap >> i) & 1);
  return ok({ test: ((bytes[2] as number) & 1) === 1, pollingStation: station, elections, nonce: bytes.slice(14, 30) });
}

/** What the voting computer shows for each refusal, in Dutch. */
export const VOTER_CARD_MESSAGES: Record<VoterCardError, string> = {
  'bad-length': 'Deze kaart kan niet gelezen worden. Geef de kaart aan de voorzitter.',
  'bad-version': 'Deze kaart is niet voor deze verkiezing. Geef de kaart aan de voorzitter.',
  'not-a-voter-card': 'Dit is geen stemkaart. Geef de kaart aan de voorzitter.',
  'bad-flags': 'Deze kaart kan niet gelezen worden. Geef de kaart aan de voorzitter.',
  'wrong-package': 'Deze kaart is niet voor deze verkiezing. Geef de kaart aan de voorzitter.',
  'wrong-station': 'Deze kaart is van een ander stembureau. Geef de kaart aan de voorzitter.',
  'bad-elections': 'Deze kaart is ongeldig. Geef de kaart aan de voorzitter.',
  'bad-signature': 'Deze kaart is niet door dit stembureau uitgegeven. Geef de kaart aan de voorzitter.',
};
