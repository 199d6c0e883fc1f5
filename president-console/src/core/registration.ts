// The registration service for the ballot box: check the scanned ballot again (the console
// trusts no one with its sticks), then store it. Every outcome is a value for the link.
import { toHex, type Verifier } from '@ovs/crypto';
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
  /** Ballot id (hex) → the attempt id of the request that stored it, since this console started. */
  attempts: Map<string, string>;
  /**
   * Ids (hex) of ballots on stick A only: B failed while they were written. They are in the
   * store but not yet acknowledged (decree art. 22, DESIGN: acknowledged only when on both
   * sticks); reconciliation completes them when B is back.
   */
  onOneStick: ReadonlySet<string>;
  /** The president armed the annul mode (decree art. 17 §2): the next valid ballot is recorded as annulled, not registered. */
  annulMode: boolean;
}

export type RegistrationResult = {
  outcome: RegisterOutcome;
  write?: Extract<RegisterWrite, { outcome: 'failed' | 'full' }>;
  /** Set when this ballot went to A and B failed: the console keeps it in `onOneStick` until B is back. */
  storedOnA?: string;
  /** The ballot scanned in annul mode was recorded as annulled (`true`), or could not be (a stick failed). */
  annulled?: boolean;
};

/** The console's word on who stored a duplicate: only what it knows from this run. */
function attemptOf(c: RegistrationContext, id: string, attemptId: string): { attempt?: 'same' | 'other' } {
  const stored = c.attempts.get(id);
  return stored === undefined ? {} : { attempt: stored === attemptId ? 'same' : 'other' };
}

export async function registerScannedBallot(c: RegistrationContext, bytes: Uint8Array, attemptId: string): Promise<RegistrationResult> {
  if (c.gate === 'closed') return { outcome: { outcome: 'rejected', reason: 'voting-closed' } };
  const opened = openSignedBallot(c.context, bytes, c.station, [c.sessionVerifier]);
  if (c.gate === 'halted') {
    // A box that resends a registration whose answer was lost must hear "duplicate" for a ballot
    // that is stored, even while a stick is missing: otherwise the voter holds a counted ballot
    // that cannot go in the box. Safe because a duplicate answer opens the flap only for this
    // very ballot (the box checks the answer is bound to its request), and only a ballot already
    // durably on BOTH sticks gets it: one on A alone waits for the reconciliation. Everything else
    // waits for the sticks, as before.
    if (opened.ok && !opened.value.ballot.test && c.pair.hasBallot(opened.value.ballot.ballotId) && !c.onOneStick.has(toHex(opened.value.ballot.ballotId))) {
      return { outcome: { outcome: 'duplicate', mostRecent: c.pair.isMostRecent(opened.value.ballot.ballotId), ...attemptOf(c, toHex(opened.value.ballot.ballotId), attemptId) } };
    }
    return { outcome: { outcome: 'rejected', reason: 'stick-unavailable' } };
  }
  if (!opened.ok) return { outcome: { outcome: 'rejected', ...rejectReasonFor(opened.error) } };
  // A test ballot is named as such even before opening: it must never go in the box.
  if (opened.value.ballot.test) return { outcome: { outcome: 'rejected', reason: 'test-ballot' } };
  if (c.gate === 'preparation') return { outcome: { outcome: 'rejected', reason: 'voting-not-open' } };
  const ballotId = opened.value.ballot.ballotId;
  // Decree art. 17 §2: an annulled ballot never goes in, however often it is scanned.
  if (c.pair.isAnnulled(ballotId)) return { outcome: { outcome: 'rejected', reason: 'annulled' } };
  if (c.annulMode && !c.pair.hasBallot(ballotId)) {
    const a = await c.pair.annulBallot(ballotId);
    return a.ok ? { outcome: { outcome: 'rejected', reason: 'annulled' }, annulled: true } : { outcome: { outcome: 'rejected', reason: 'stick-unavailable' }, write: { outcome: 'failed', failure: a.error.failure, storedOnA: false }, annulled: false };
  }
  // The scanned bytes are exactly payload ‖ signature (openSignedBallot decoded every byte).
  const w = await c.pair.registerBallot(bytes, opened.value.ballot);
  const id = toHex(opened.value.ballot.ballotId);
  if (w.outcome === 'stored' || (w.outcome === 'failed' && w.storedOnA)) c.attempts.set(id, attemptId);
  switch (w.outcome) {
    case 'stored':
      return { outcome: { outcome: 'registered' } };
    case 'duplicate':
      return { outcome: { outcome: 'duplicate', mostRecent: w.mostRecent, ...attemptOf(c, id, attemptId) } };
    case 'closed':
      return { outcome: { outcome: 'rejected', reason: 'voting-closed' } };
    case 'full':
      return { outcome: { outcome: 'rejected', reason: 'stick-full' }, write: w };
    case 'failed':
      return { outcome: { outcome: 'rejected', reason: 'stick-unavailable' }, write: w, ...(w.storedOnA ? { storedOnA: id } : {}) };
  }
}
