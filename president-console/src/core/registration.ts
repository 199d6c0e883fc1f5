// The registration service for the ballot box: check the scanned ballot again (the console
// trusts no one with its sticks), then store it. Every outcome is a value for the link.
import type { Verifier } from '@ovs/crypto';
import { openSignedBallot, type BallotContext, type OpenError } from '@ovs/ballot';
import type { RegisterOutcome, RejectReason } from '@ovs/link';
import type { RegisterWrite, StickPair } from '@ovs/stick';

export function rejectReasonFor(error: OpenError): { reason: RejectReason; detail?: string } {
  switch (error) {
    case 'wrong-package':
      return { reason: 'wrong-package' };
    case 'wrong-station':
      return { reason: 'wrong-station' };
    case 'bad-signature':
      return { reason: 'bad-signature' };
    case 'too-short':
    case 'bad-version':
    case 'bad-flags':
    case 'unknown-station':
    case 'no-election':
    case 'index-out-of-range':
    case 'empty-list-vote':
    case 'nonzero-padding':
    case 'bad-length':
      return { reason: 'malformed', detail: error };
  }
}

export type Gate = 'preparation' | 'open' | 'closed' | 'halted';

export interface RegistrationContext {
  gate: Gate;
  context: BallotContext;
  station: number;
  sessionVerifier: Verifier;
  pair: StickPair;
}

export type RegistrationResult = { outcome: RegisterOutcome; write?: Extract<RegisterWrite, { outcome: 'failed' | 'full' }> };

export async function registerScannedBallot(c: RegistrationContext, bytes: Uint8Array): Promise<RegistrationResult> {
  if (c.gate === 'closed') return { outcome: { outcome: 'rejected', reason: 'voting-closed' } };
  if (c.gate === 'halted') return { outcome: { outcome: 'rejected', reason: 'stick-unavailable' } };
  const opened = openSignedBallot(c.context, bytes, c.station, [c.sessionVerifier]);
  if (!opened.ok) return { outcome: { outcome: 'rejected', ...rejectReasonFor(opened.error) } };
  // A test ballot is named as such even before opening: it must never go in the box.
  if (opened.ballot.test) return { outcome: { outcome: 'rejected', reason: 'test-ballot' } };
  if (c.gate === 'preparation') return { outcome: { outcome: 'rejected', reason: 'voting-not-open' } };
  // The scanned bytes are exactly payload ‖ signature (openSignedBallot decoded every byte).
  const w = await c.pair.registerBallot(bytes, opened.ballot);
  switch (w.outcome) {
    case 'stored':
      return { outcome: { outcome: 'registered' } };
    case 'duplicate':
      return { outcome: { outcome: 'duplicate', mostRecent: w.mostRecent } };
    case 'closed':
      return { outcome: { outcome: 'rejected', reason: 'voting-closed' } };
    case 'full':
      return { outcome: { outcome: 'rejected', reason: 'stick-full' }, write: w };
    case 'failed':
      return { outcome: { outcome: 'rejected', reason: 'stick-unavailable' }, write: w };
  }
}
