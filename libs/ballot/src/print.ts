// What the voting computer prints after the last confirmation: the signed barcode bytes and
// the text, both derived from one decoding of the signed payload, and checked against the
// vote the voter confirmed. If anything differs, nothing is printed.
import { err, ok, type Result } from '@ovs/basics';
import type { Signer } from '@ovs/crypto';
import type { Language } from '@ovs/election';
import type { BallotContext } from './context.ts';
import { decodeBallot, type Ballot, type DecodeError, type EncodeFailure } from './codec.ts';
import { encodeSignedBallot, SIGNATURE_BYTES } from './signed.ts';
import { renderBallotText, type TextLine } from './text.ts';
import { sameVote } from './validity.ts';

export interface BallotPrint {
  barcode: Uint8Array;
  text: TextLine[];
  decoded: Ballot;
}

/** The vote cannot be encoded, its encoding does not decode, or it decodes to another vote. */
export type PrintPreparationError = EncodeFailure | { code: 'decode-after-encode'; detail: DecodeError } | { code: 'differs' };

export type PrintPreparation = Result<BallotPrint, PrintPreparationError>;

/** For a log or a technician's check (never a voter's screen). */
export function describePrintPreparationError(e: PrintPreparationError): string {
  return e.code === 'differs' ? 'decoded ballot differs from the confirmed vote' : `${e.code}: ${e.detail}`;
}

export function prepareBallotPrint(context: BallotContext, ballot: Ballot, session: Signer, language: Language): PrintPreparation {
  const signed = encodeSignedBallot(context, ballot, session);
  if (!signed.ok) return signed;
  const decoded = decodeBallot(context, signed.value.subarray(0, signed.value.length - SIGNATURE_BYTES));
  if (!decoded.ok) return err({ code: 'decode-after-encode', detail: decoded.error });
  if (!sameVote(decoded.value.vote, ballot.vote) || decoded.value.test !== ballot.test || decoded.value.pollingStation !== ballot.pollingStation) {
    return err({ code: 'differs' });
  }
  return ok({ barcode: signed.value, text: renderBallotText(context.pkg, decoded.value, language), decoded: decoded.value });
}
