// What the voting computer prints after the last confirmation: the signed barcode bytes and
// the text, both derived from one decoding of the signed payload, and checked against the
// vote the voter confirmed. If anything differs, nothing is printed.
import type { Signer } from '@ovs/crypto';
import type { Language } from '@ovs/election';
import type { BallotContext } from './context.ts';
import { decodeBallot, type Ballot } from './codec.ts';
import { encodeSignedBallot, SIGNATURE_BYTES } from './signed.ts';
import { renderBallotText, type TextLine } from './text.ts';
import { sameVote } from './validity.ts';

export type PrintPreparation =
  | { ok: true; barcode: Uint8Array; text: TextLine[]; decoded: Ballot }
  | { ok: false; error: string };

export function prepareBallotPrint(context: BallotContext, ballot: Ballot, session: Signer, language: Language): PrintPreparation {
  const signed = encodeSignedBallot(context, ballot, session);
  if (!signed.ok) return { ok: false, error: `${signed.error}: ${signed.detail}` };
  const decoded = decodeBallot(context, signed.payload.subarray(0, signed.payload.length - SIGNATURE_BYTES));
  if (!decoded.ok) return { ok: false, error: `decode-after-encode: ${decoded.error}` };
  if (!sameVote(decoded.ballot.vote, ballot.vote) || decoded.ballot.test !== ballot.test || decoded.ballot.pollingStation !== ballot.pollingStation) {
    return { ok: false, error: 'decoded ballot differs from the confirmed vote' };
  }
  return { ok: true, barcode: signed.payload, text: renderBallotText(context.pkg, decoded.ballot, language), decoded: decoded.ballot };
}
