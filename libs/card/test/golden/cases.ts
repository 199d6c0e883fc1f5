// The golden activation cards: every input drawn from a seeded source, so the bytes are fixed.
// Their encodings are committed in cards.json; `npx tsx libs/card/test/golden/update.ts`
// rewrites it — only for a deliberate format change, with a new version byte.
import { demoKeyMaterial, SeededRandom, sha256, Signer, utf8 } from '@ovs/crypto';
import { issueSessionCertificate } from '@ovs/ballot';
import { alarmKeyOf, erasedActivationCard, issueActivationCard, newActivationCode, TEST_ACTIVATION_KDF } from '../../src/index.ts';

export const GOLDEN_STATION = 7;
export const goldenHashPrefix = (): Uint8Array => sha256(utf8('golden package')).slice(0, 8);
export const goldenStembureau = (): Signer => new Signer(demoKeyMaterial('card-golden', 'stembureau'));

export interface GoldenCards {
  code: string;
  activation: Uint8Array;
  erasedAfterActivation: Uint8Array;
  erasedAfterRefusal: Uint8Array;
  sessionPublicKey: Uint8Array;
}

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
  };
}
