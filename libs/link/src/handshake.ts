// The handshake that opens a link session (protocol 2).
//
// - The box proves it was paired with this opening: its hello carries an HMAC under the link
//   key, which it took from the koppelticket.
// - The console proves it is this station's console: it signs the hello it answers, the session
//   id and its own ephemeral key with the stembureau key — unsealed with the envelope password,
//   never on the cable or on a ticket. The box checks that signature against the stembureau key
//   in the organiser-signed package. A device on the cable that holds the link key (a reprinted
//   koppelticket) can therefore not pass for the console.
// - Both derive the session's two keys from an ephemeral X25519 agreement and the link key:
//   a passive tap learns nothing even if it holds the link key, and the keys of one session say
//   nothing about another.
import { err, ok, type Result } from '@ovs/basics';
import { bytesEqual, concatBytes, deriveSharedKey, generateAgreementKeyPair, hkdfSha256, hmacSha256, sha256, Verifier, withDomain, type AgreementKeyPair, type Signer } from '@ovs/crypto';
import { acceptBody, encodeAccept, encodeHello, type Frame } from './frames.ts';

export interface SessionKeys {
  sessionId: Uint8Array;
  /** Encrypts requests (box → console). */
  boxToConsole: Uint8Array;
  /** Encrypts responses (console → box). */
  consoleToBox: Uint8Array;
}

/** Who the two ends expect to talk to: this station of this package. */
export interface LinkBinding {
  station: number;
  /** The first 8 bytes of SHA-256 of election.json (as ballots and the pairing code carry it). */
  hashPrefix: Uint8Array;
}

const helloMac = (linkKey: Uint8Array, unsigned: Uint8Array): Uint8Array => hmacSha256(linkKey, withDomain('link-hello', unsigned));

const acceptMessage = (hello: Uint8Array, sessionId: Uint8Array, ephemeral: Uint8Array): Uint8Array => withDomain('link-accept', hello, acceptBody(sessionId, ephemeral));

function sessionKeys(agreed: Uint8Array, linkKey: Uint8Array, hello: Uint8Array, sessionId: Uint8Array, consoleEphemeral: Uint8Array): SessionKeys {
  const transcript = sha256(hello, sessionId, consoleEphemeral);
  const keys = hkdfSha256(concatBytes(agreed, linkKey), transcript, 'ovs-link/2 session keys', 64);
  return { sessionId, boxToConsole: keys.slice(0, 32), consoleToBox: keys.slice(32) };
}

/**
 * The box's side: a hello to send, and how to finish the handshake with the console's accept.
 * `ephemeral` is fresh for every handshake; only the committed test vectors pass one.
 */
export function startHandshake(
  binding: LinkBinding,
  linkKey: Uint8Array,
  ephemeral: AgreementKeyPair = generateAgreementKeyPair(),
): { hello: Uint8Array; finish(accept: Extract<Frame, { type: 'accept' }>, stembureauPublicKey: Uint8Array): SessionKeys | undefined } {
  const own = ephemeral;
  const hello = encodeHello(binding.station, binding.hashPrefix, own.publicKey, (unsigned) => helloMac(linkKey, unsigned));
  return {
    hello,
    finish(accept, stembureauPublicKey) {
      const verifier = Verifier.from(stembureauPublicKey);
      if (!verifier?.verify(acceptMessage(hello, accept.sessionId, accept.ephemeral), accept.signature)) return undefined;
      const agreed = deriveSharedKey(own.privateKey, accept.ephemeral, 'ovs-link/2 agreement');
      return agreed ? sessionKeys(agreed, linkKey, hello, accept.sessionId, accept.ephemeral) : undefined;
    },
  };
}

export type AnswerHello = Result<{ accept: Uint8Array; keys: SessionKeys }, 'bad-hello'>;

/** The console's side: check the box's hello, answer it, and derive the session keys. */
export function answerHello(
  hello: Extract<Frame, { type: 'hello' }>,
  binding: LinkBinding,
  linkKey: Uint8Array,
  stembureau: Signer,
  sessionId: Uint8Array,
  ephemeral: AgreementKeyPair = generateAgreementKeyPair(),
): AnswerHello {
  // The MAC covers station and package, so a box paired for another station or election fails here.
  if (!bytesEqual(hello.mac, helloMac(linkKey, hello.bytes.subarray(0, 44)))) return err('bad-hello');
  if (hello.station !== binding.station || !bytesEqual(hello.hashPrefix, binding.hashPrefix.subarray(0, 8))) return err('bad-hello');
  const own = ephemeral;
  const agreed = deriveSharedKey(own.privateKey, hello.ephemeral, 'ovs-link/2 agreement');
  if (!agreed) return err('bad-hello');
  const signature = stembureau.sign(acceptMessage(hello.bytes, sessionId, own.publicKey));
  return ok({ accept: encodeAccept(sessionId, own.publicKey, signature), keys: sessionKeys(agreed, linkKey, hello.bytes, sessionId, own.publicKey) });
}
