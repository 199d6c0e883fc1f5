// What the console holds, as one value: before the password (the package learned from a good
// stick, the attempts left) or the session the password opened. Everything else is derived.
import type { Signer, Verifier } from '@ovs/crypto';
import type { VerifiedPackage } from '@ovs/election';
import type { BallotContext } from '@ovs/ballot';
import type { StickPair } from '@ovs/stick';

/** The election package as read from the sticks, checked against the organiser's key. */
export interface Opening {
  pkg: VerifiedPackage;
  context: BallotContext;
}

export interface Session {
  opening: Opening;
  /** The stembureau key, unsealed with the envelope password: signs cards, the link's handshakes and receipts. */
  signer: Signer;
  pair: StickPair;
  /** Kept in memory after closing (the sticks' copy is erased) so the box hears "closed". */
  linkKey: Uint8Array | undefined;
  /** The session certificate's key: ballots must verify under it. */
  sessionVerifier: Verifier | undefined;
}

export type CoreState =
  | { kind: 'locked'; opening: Opening | undefined; attemptsLeft: number }
  | { kind: 'session'; session: Session };
