// Property: whatever a voter (or a fault, or the president at the keypad) does, in any order, a
// ballot that gets printed says exactly what the last confirmation screen of each election
// showed — in the barcode (the signed payload, decoded again) and in the printed words. And the
// activation code: typed digits never outlive the keypad screen, no card gets more than
// MAX_CODE_ATTEMPTS checks, and no key is adopted but after a right code.
import t from 'tap';
import fc from 'fast-check';
import { demoKeyMaterial, randomBytes, Signer } from '@ovs/crypto';
import { createBallotContext, describePrintPreparationError, prepareBallotPrint, sameVote, toLatin1, type ElectionVote } from '@ovs/ballot';
import { electionsForStation, type Language } from '@ovs/election';
import { initialState, MAX_CODE_ATTEMPTS, screenOf, step, type FlowContext, type FlowEvent, type FlowState, type Screen, type VoterAction } from '../src/flow/index.ts';
import { demoPackage, TEST_CODE } from './support.ts';

const session = new Signer(demoKeyMaterial('firmware-tests', 'session'));

type Move =
  /** A sensible touch on the current screen, picked by index from what it offers. */
  | { kind: 'touch'; pick: number }
  /** Any action at all, sensible or not, with arbitrary parameters. */
  | { kind: 'any'; action: VoterAction }
  | { kind: 'device'; event: 'card-removed' | 'inactivity-warning' | 'inactivity-timeout' | 'reset' | 'insert' | 'scan' | 'activation-card' | 'power-cut' }
  /** Outcome for the next card mark / print, when one is pending. */
  | { kind: 'outcome'; ok: boolean; partial: boolean };

const LANGS: Language[] = ['nl', 'fr', 'de'];

const arbAction: fc.Arbitrary<VoterAction> = fc.oneof(
  fc.constantFrom<VoterAction>(
    { type: 'confirm-language' },
    { type: 'change-language' },
    { type: 'start-election' },
    { type: 'choose-blank' },
    { type: 'toggle-top-box' },
    { type: 'back-to-lists' },
    { type: 'review' },
    { type: 'confirm' },
    { type: 'restart-election' },
    { type: 'still-here' },
    { type: 'done' },
    { type: 'code-erase' },
    { type: 'code-submit' },
    { type: 'code-cancel' },
  ),
  fc.integer({ min: -1, max: 11 }).map((digit): VoterAction => ({ type: 'code-digit', digit })),
  fc.constantFrom(...LANGS).map((language): VoterAction => ({ type: 'choose-language', language })),
  fc.integer({ min: -1, max: 12 }).map((list): VoterAction => ({ type: 'choose-list', list })),
  fc.integer({ min: -1, max: 30 }).map((position): VoterAction => ({ type: 'toggle-candidate', position })),
  fc.constantFrom('normal', 'high', 'weird').map((contrast) => ({ type: 'set-contrast', contrast }) as VoterAction),
  fc.integer({ min: -1, max: 3 }).map((textSize) => ({ type: 'set-text-size', textSize }) as VoterAction),
);

const arbMove: fc.Arbitrary<Move> = fc.oneof(
  { weight: 60, arbitrary: fc.nat({ max: 1000 }).map((pick): Move => ({ kind: 'touch', pick })) },
  { weight: 1, arbitrary: arbAction.map((action): Move => ({ kind: 'any', action })) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('card-removed', 'inactivity-warning', 'inactivity-timeout', 'reset', 'insert', 'scan', 'activation-card', 'power-cut')
      .map((event): Move => ({ kind: 'device', event: event as Extract<Move, { kind: 'device' }>['event'] })),
  },
  { weight: 2, arbitrary: fc.record({ ok: fc.boolean(), partial: fc.boolean() }).map((o): Move => ({ kind: 'outcome', ...o })) },
);

/** The touches a screen offers, as the UI renders them. */
function offered(screen: Screen, pick: number): VoterAction[] {
  const b = screen.body;
  const settings: VoterAction[] = [{ type: 'set-contrast', contrast: 'high' }, { type: 'set-text-size', textSize: 2 }];
  switch (b.kind) {
    case 'language':
      return b.languages.map((language) => ({ type: 'choose-language', language }));
    case 'language-confirm':
      return [{ type: 'confirm-language' }, { type: 'change-language' }];
    case 'election-intro':
      return [{ type: 'start-election' }, ...settings];
    case 'lists':
      return [...b.lists.map((l): VoterAction => ({ type: 'choose-list', list: l.number })), { type: 'choose-blank' }];
    case 'candidates': {
      // Weighted so that sessions go on to the end as often as they wander.
      const n = b.candidates.length;
      return [
        { type: 'toggle-top-box' },
        { type: 'toggle-candidate', position: 1 + ((pick >> 3) % n) },
        { type: 'toggle-candidate', position: 1 + ((pick >> 5) % n) },
        { type: 'review' },
        { type: 'review' },
        { type: 'back-to-lists' },
      ];
    }
    case 'confirm':
      return [{ type: 'confirm' }, { type: 'confirm' }, { type: 'restart-election' }];
    case 'printed':
    case 'visualisation':
      return [{ type: 'done' }];
    case 'activation-code': {
      // Mostly the right next digit, sometimes a slip, the erase key, or giving up.
      if (b.digits.length === b.length) return [{ type: 'code-submit' }, { type: 'code-submit' }, { type: 'code-submit' }, { type: 'code-erase' }, { type: 'code-cancel' }];
      const next: VoterAction = { type: 'code-digit', digit: Number(TEST_CODE[b.digits.length]) };
      const slip: VoterAction = { type: 'code-digit', digit: (pick >> 4) % 10 };
      return [...Array.from({ length: 60 }, () => next), slip, slip, slip, slip, slip, { type: 'code-erase' }, { type: 'code-cancel' }];
    }
    case 'activated':
      return b.cardPresent ? [] : [{ type: 'done' }];
    case 'alarm':
    case 'card-refused':
    case 'checking-code':
    case 'finishing':
    case 'insert-card':
    case 'not-activated':
    case 'technician':
      return [];
  }
}

interface Run {
  ctx: FlowContext;
  hash: Uint8Array;
  cards: string[][];
  moves: Move[];
  /** The president types the code through random touches (slips, erasing, cancelling), or the run starts activated. */
  activateByHand: boolean;
  /** The touches at the keypad at the start of a run activated by hand. */
  opening: Move[];
}

const variants = [{}, { languages: ['nl', 'fr'] as Language[] }, { districts: true }, { ocmw: true, languages: ['nl', 'fr', 'de'] as Language[] }];

const arbRun: fc.Arbitrary<Run> = fc.constantFrom(...variants).chain((options) => {
  const station = 'districts' in options ? 8 : 1;
  const { election: pkg, hash } = demoPackage(options).verified;
  const ids = electionsForStation(pkg, station).map((e) => e.id);
  const arbCard = fc.subarray(ids, { minLength: 1 });
  return fc.record({
    ctx: fc.constant({ pkg, station }),
    hash: fc.constant(hash),
    cards: fc.array(arbCard, { minLength: 1, maxLength: 4 }),
    moves: fc.array(arbMove, { minLength: 5, maxLength: 200 }),
    activateByHand: fc.boolean(),
    opening: fc.array(fc.nat({ max: 1000 }).map((pick): Move => ({ kind: 'touch', pick })), { minLength: 20, maxLength: 80, size: 'max' }),
  });
});

t.test('random action sequences never print anything but the confirmed choices', (t) => {
  let prints = 0;
  let completeBallots = 0;
  const codeChecks = { right: 0, wrong: 0, refused: 0 };
  fc.assert(
    fc.property(arbRun, ({ ctx, hash, cards, moves: afterOpening, activateByHand, opening }) => {
      const moves = activateByHand ? [...opening, ...afterOpening] : afterOpening;
      const ballotContext = createBallotContext({ election: ctx.pkg, hash });
      let state: FlowState = initialState();
      let pendingMark = false;
      let pendingPrint = false;
      /** The code check the backend owes the flow, and how many checks the card in the slot has had. */
      let pendingCheck: { code: string; last: boolean } | undefined;
      let checksOfThisCard = 0;
      let adopted = false;
      let presidentVisits = 0;
      let cardIndex = 0;
      let cardElections: string[] = [];
      // What each confirmation screen showed when the voter touched "confirm".
      let shown: Array<{ vote: ElectionVote; title: string; lines: string[] }> = [];
      const send = (event: FlowEvent) => {
        const before = screenOf(ctx, state);
        const r = step(ctx, state, event);
        if (event.type === 'voter' && event.action.type === 'confirm' && !r.rejected && before.body.kind === 'confirm') {
          shown.push({ vote: { election: before.body.election.id, choice: before.body.choice }, title: before.body.election.title, lines: before.body.lines });
        }
        if (event.type === 'voter-card' && r.state.phase.kind === 'voting') shown = [];
        for (const e of r.effects) {
          switch (e.kind) {
            case 'mark-card-used':
              if (pendingMark || pendingPrint) throw new Error('a second mark while one is pending');
              pendingMark = true;
              break;
            case 'print': {
              if (pendingMark) throw new Error('print before the card was marked');
              if (!adopted) throw new Error('print without a session key');
              pendingPrint = true;
              prints++;
              // The vote to print is exactly what the confirmation screens showed, in card order.
              const expected = { elections: shown.map((s) => s.vote) };
              if (!sameVote(e.ballot.vote, expected)) throw new Error(`printed ${JSON.stringify(e.ballot.vote)} but confirmed ${JSON.stringify(expected)}`);
              if (e.ballot.vote.elections.map((v) => v.election).join() !== cardElections.join()) throw new Error('not every election of the card');
              const prepared = prepareBallotPrint(ballotContext, { test: e.ballot.test, pollingStation: ctx.station, ballotId: randomBytes(16), vote: e.ballot.vote }, session, e.ballot.language);
              if (!prepared.ok) throw new Error(describePrintPreparationError(prepared.error));
              if (!sameVote(prepared.value.decoded.vote, expected)) throw new Error('barcode differs from the confirmation');
              const paper = prepared.value.text.map((l) => l.text);
              // The title as the confirmation screen showed it (in the voter's language), then its lines.
              const screen = shown.flatMap((s) => [s.title, ...s.lines].map(toLatin1));
              const start = paper.indexOf(screen[0]!);
              if (paper.slice(start, start + screen.length).join('\n') !== screen.join('\n') || paper.length !== start + screen.length + 1) {
                throw new Error(`paper text differs from the confirmation screens:\n${paper.join('\n')}\n---\n${screen.join('\n')}`);
              }
              break;
            }
            case 'check-code':
              if (!(event.type === 'voter' && event.action.type === 'code-submit')) throw new Error('a code check nobody asked for');
              if (pendingCheck) throw new Error('a second code check while one is pending');
              if (++checksOfThisCard > MAX_CODE_ATTEMPTS) throw new Error(`check ${checksOfThisCard} of one card`);
              if (e.last !== (checksOfThisCard === MAX_CODE_ATTEMPTS)) throw new Error(`check ${checksOfThisCard}: last = ${e.last}`);
              pendingCheck = { code: e.code, last: e.last };
              break;
            case 'adopt-session':
              if (!(event.type === 'code-checked' && event.ok)) throw new Error('a key adopted without a right code');
              adopted = true;
              break;
            case 'alarm':
              break;
            default:
              return e satisfies never;
          }
        }
        if (r.state.phase.kind !== 'voting' && r.state.phase.kind !== 'finishing') {
          // After a session ends nothing of the vote stays in the state.
          if (/"choice"|"candidates"|"confirmed"/.test(JSON.stringify(r.state))) throw new Error(`vote left in ${r.state.phase.kind}`);
        }
        // Typed digits live on the keypad screen only.
        if (r.state.phase.kind !== 'activation-code' && /"digits"/.test(JSON.stringify(r.state))) throw new Error(`digits left in ${r.state.phase.kind}`);
        if (r.state.phase.kind !== 'checking-code') pendingCheck = undefined;
        state = r.state;
        return r;
      };

      /** The president inserts a new activation card (its certificate checked by the backend). */
      const sealedCard = () => {
        checksOfThisCard = 0;
        send({ type: 'activation-card', card: { kind: 'sealed', attemptsLeft: MAX_CODE_ATTEMPTS }, printer: 'ready' });
      };
      /** The president comes to reset: card out, the erased card (or now and then a new card) in. */
      const president = () => {
        send({ type: 'card-removed' });
        if (presidentVisits++ % 2 === 1) sealedCard();
        else {
          send({ type: 'activation-card', card: { kind: 'alarm-key' }, printer: 'ready' });
          send({ type: 'card-removed' });
        }
      };
      sealedCard();
      if (!activateByHand) {
        for (const a of [...TEST_CODE].map((d): VoterAction => ({ type: 'code-digit', digit: Number(d) }))) send({ type: 'voter', action: a });
        send({ type: 'voter', action: { type: 'code-submit' } });
        send({ type: 'code-checked', ok: true, erased: true });
        send({ type: 'card-removed' });
      }
      const insert = () => {
        cardElections = cards[cardIndex++ % cards.length] as string[];
        send({ type: 'voter-card', result: { ok: true, test: cardIndex % 3 === 0, elections: cardElections }, printer: 'ready' });
      };
      if (!activateByHand) insert();
      for (const move of moves) {
        switch (move.kind) {
          case 'touch': {
            if (pendingCheck) {
              // The backend answers: right only for the code of this card.
              const right = pendingCheck.code === TEST_CODE;
              if (right) codeChecks.right++;
              else if (pendingCheck.last) codeChecks.refused++;
              else codeChecks.wrong++;
              send({ type: 'code-checked', ok: right, erased: move.pick % 13 !== 0 });
              break;
            }
            if (pendingMark || pendingPrint) {
              // The devices answer; now and then with a failure.
              const failure = move.pick % 17 === 0;
              if (pendingMark) {
                pendingMark = false;
                send({ type: 'card-marked', ok: !failure });
              } else {
                pendingPrint = false;
                if (!failure) completeBallots++;
                send({ type: 'printed', result: failure ? { ok: false, reason: 'cover-open', partial: move.pick % 2 === 0 } : { ok: true } });
              }
              break;
            }
            const options = offered(screenOf(ctx, state), move.pick);
            if (options.length > 0) send({ type: 'voter', action: options[move.pick % options.length] as VoterAction });
            else if (state.phase.kind === 'alarm') president();
            else if (state.phase.kind === 'not-activated') {
              send({ type: 'card-removed' });
              sealedCard();
            } else if (state.phase.kind === 'idle' || state.phase.kind === 'card-refused' || state.phase.kind === 'activated') {
              send({ type: 'card-removed' });
              insert();
            }
            break;
          }
          case 'any':
            send({ type: 'voter', action: move.action });
            break;
          case 'device':
            switch (move.event) {
              case 'card-removed':
              case 'inactivity-warning':
              case 'inactivity-timeout':
                send({ type: move.event });
                break;
              case 'reset':
                president();
                break;
              case 'activation-card':
                send({ type: 'card-removed' });
                sealedCard();
                break;
              case 'power-cut':
                // The machine restarts: no key, nothing pending; it must be activated again before it prints.
                state = initialState();
                adopted = false;
                pendingMark = false;
                pendingPrint = false;
                pendingCheck = undefined;
                break;
              case 'insert':
                send({ type: 'card-removed' });
                insert();
                break;
              case 'scan':
                send({ type: 'scanned', visualisation: { ok: false, error: 'unreadable' } });
                break;
              default:
                return move.event satisfies never;
            }
            break;
          case 'outcome':
            if (pendingMark) {
              pendingMark = false;
              send({ type: 'card-marked', ok: move.ok || move.partial });
            } else if (pendingPrint) {
              pendingPrint = false;
              const ok = move.ok || !move.partial;
              if (ok) completeBallots++;
              send({ type: 'printed', result: ok ? { ok: true } : { ok: false, reason: 'paper-out', partial: move.ok } });
            }
            break;
          default:
            return move satisfies never;
        }
        // A card pulled or an alarm cancels whatever was pending.
        if (state.phase.kind !== 'finishing') {
          pendingMark = false;
          pendingPrint = false;
        }
      }
      return true;
    }),
    { numRuns: 2000 },
  );
  // The property must actually reach the printer and the keypad, or it proves nothing.
  t.ok(prints > 150, `ballots printed in the run: ${prints}`);
  t.ok(completeBallots > 75, `complete ballots: ${completeBallots}`);
  t.ok(codeChecks.right > 200 && codeChecks.wrong > 200 && codeChecks.refused > 15, `code checks: ${JSON.stringify(codeChecks)}`);
  t.end();
});
