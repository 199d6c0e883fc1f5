// The golden cards — activation cards and voter cards — every input drawn from a seeded source, so the bytes are fixed.
// Their encodings are committed in cards.json; `npx tsx libs/card/test/golden/update.ts`
// rewrites it — only for a deliberate format change, with a new version byte.
import { demoKeyMaterial, SeededRandom, sha256, Signer, utf8 } from '@ovs/crypto';
import { issueSessionCertificate } from '@ovs/ballot';
import { generateDemoElection, type ElectionPackage } from '@ovs/election';
import { alarmKeyOf, erasedActivationCard, issueActivationCard, issueVoterCard, newActivationCode, TEST_ACTIVATION_KDF } from '../../src/index.ts';

export const GOLDEN_STATION = 7;
export const goldenHashPrefix = (): Uint8Array => sha256(utf8('golden package')).slice(0, 8);
export const goldenStembureau = (): Signer => new Signer(demoKeyMaterial('card-golden', 'stembureau'));

export interface GoldenCards {
  code: string;
  activation: Uint8Array;
  erasedAfterActivation: Uint8Array;
  erasedAfterRefusal: Uint8Array;
  sessionPublicKey: Uint8Array;
  /** Station 2 of the demo election (with districts): a Belgian's card, an EU citizen's test card. */
  voterAll: Uint8Array;
  testCardMunicipal: Uint8Array;
}

/** The election the voter cards are for: only its stations' elections matter to the card. */
let pkg: ElectionPackage | undefined;
export const goldenPackage = (): ElectionPackage => (pkg ??= generateDemoElection({ scrypt: { N: 1024, r: 8, p: 1 }, districts: true }).election);
export const GOLDEN_VOTER_STATION = 2;

export async function goldenCards(): Promise<GoldenCards> {
  const random = new SeededRandom('card-golden');
  const seed = random.bytes(32);
  const session = new Signer(seed);
  const certificate = issueSessionCertificate(goldenHashPrefix(), GOLDEN_STATION, session.publicKey, goldenStembureau());
  const code = newActivationCode((n) => random.bytes(n));
  const activation = await issueActivationCard({ certificate, sessionPrivateKey: seed, code, salt: random.bytes(16), nonce: random.bytes(12), kdf: TEST_ACTIVATION_KDF });
  return {
    code,
    activation,
    erasedAfterActivation: erasedActivationCard(goldenHashPrefix(), GOLDEN_STATION, alarmKeyOf(seed)),
    erasedAfterRefusal: erasedActivationCard(goldenHashPrefix(), GOLDEN_STATION, undefined),
    sessionPublicKey: session.publicKey,
    // A stream of their own, so the activation cards above keep their bytes.
    voterAll: issueVoterCard(goldenPackage(), goldenHashPrefix(), { test: false, pollingStation: GOLDEN_VOTER_STATION, elections: ['G', 'D-NOORD', 'P'], nonce: random.fork('voter').bytes(16) }, goldenStembureau()),
    testCardMunicipal: issueVoterCard(goldenPackage(), goldenHashPrefix(), { test: true, pollingStation: GOLDEN_VOTER_STATION, elections: ['G'], nonce: random.fork('test').bytes(16) }, goldenStembureau()),
  };
}
