// The box's verdict on scanned bytes, before it asks the console anything: the signature chain
// (ballot → session key certified by the stembureau key in the organiser-signed package), the
// package, the polling station, and not a test ballot. Pure; the hoofdbureau's re-scan uses the
// same function, so both read a ballot the same way.
import { toHex, type Verifier } from '@ovs/crypto';
import { openSignedBallot, type Ballot, type BallotContext, type OpenError } from '@ovs/ballot';

export type BallotFault = 'malformed' | 'wrong-package' | 'wrong-station' | 'bad-signature' | 'test-ballot';

export type BallotCheck =
  | {
      ok: true;
      ballot: Ballot;
      /** Exactly the scanned bytes (payload ‖ signature): what the console stores. */
      signed: Uint8Array;
      /** The ballot id in hex: the unique code that stops double counting. Memory only, never logged. */
      id: string;
    }
  | { ok: false; fault: BallotFault; detail: OpenError | 'test-flag' };

/** Which refusal each of @ovs/ballot's errors is, for the person at the box. */
export function faultOf(error: OpenError): BallotFault {
  switch (error) {
    case 'wrong-package':
      return 'wrong-package';
    // unknown-station: the number is ours but the package has no such station — a
    // configuration error or a crafted ballot; either way not a ballot of this station.
    case 'wrong-station':
    case 'unknown-station':
      return 'wrong-station';
    case 'bad-signature':
      return 'bad-signature';
    case 'too-short':
    case 'bad-version':
    case 'bad-flags':
    case 'no-election':
    case 'index-out-of-range':
    case 'empty-list-vote':
    case 'nonzero-padding':
    case 'bad-length':
      return 'malformed';
    default:
      return error satisfies never;
  }
}

/**
 * Verifies one scanned payload for `station` under the session keys the console certified.
 * With no session key yet, a ballot that is otherwise fine comes back as `bad-signature`;
 * the caller asks the console for its session first (see machine.ts).
 */
export function checkBallot(context: BallotContext, bytes: Uint8Array, station: number, sessionKeys: readonly Verifier[]): BallotCheck {
  const opened = openSignedBallot(context, bytes, station, sessionKeys);
  if (!opened.ok) return { ok: false, fault: faultOf(opened.error), detail: opened.error };
  // Test votes are cast before opening and go in their own envelope (decree art. 23 §1);
  // they are signed by the same session key, so only the flag tells them apart.
  if (opened.value.ballot.test) return { ok: false, fault: 'test-ballot', detail: 'test-flag' };
  return { ok: true, ballot: opened.value.ballot, signed: new Uint8Array(bytes), id: toHex(opened.value.ballot.ballotId) };
}
