// The state machine alone: the rules as plain unit tests, and a property test that drives it
// with random sequences of scans, console answers (right, late, lost, for other tickets),
// controller events and timers, and checks the invariants the box exists for.
import t from 'tap';
import fc from 'fast-check';
import { generateSigningKeyPair, sha256, Signer, toBase64, toHex } from '@ovs/crypto';
import type { LinkCall, LinkError, LinkStatus, RegisterOutcome } from '@ovs/link';
import { issuePairingCode } from '@ovs/link';
import type { BallotBoxEvent, BallotBoxResult, BallotBoxStatus } from '@ovs/devices';
import { DEFAULT_TIMING, displayOf, initialModel, ledsFor, stationKeys, step, type BoxModel, type Command, type Input, type MachineConfig } from '../src/index.ts';
import { ballot, context, demo, SeededRandom, session, sign, STATION, stembureau } from './support/election.ts';

const random = new SeededRandom('machine');
const s = await session();
const keys = stationKeys(context(), sha256(demo().bytes), STATION)!;
const config: MachineConfig = { ...DEFAULT_TIMING, context: context(), keys, flapOpenMs: 5000 };
const pairing = issuePairingCode(keys.hashPrefix, STATION, new Uint8Array(32).fill(7), await stembureau());
const status = (phase: LinkStatus['phase']): LinkCall<LinkStatus> => ({
  ok: true,
  value: { phase, station: STATION, packageHash: toHex(sha256(demo().bytes)), sessionCertificate: toBase64(s.certificate), boxEmptyRecorded: true },
});
const connected: BallotBoxStatus = { kind: 'connected', flap: 'closed', red: 'on', green: 'off', cover: 'closed', depositSensor: 'clear', deposits: 0 };

/** Runs inputs through the machine; returns the final model and every command with the input that caused it. */
function run(inputs: Input[], start: BoxModel = initialModel(false), t0 = 0): { model: BoxModel; log: Array<{ input: Input; commands: Command[]; before: BoxModel }> } {
  let model = start;
  const log: Array<{ input: Input; commands: Command[]; before: BoxModel }> = [];
  inputs.forEach((input, i) => {
    const r = step(config, model, input, t0 + i * 100);
    log.push({ input, commands: r.commands, before: model });
    model = r.model;
  });
  return { model, log };
}

const ready = (): BoxModel =>
  run([
    { kind: 'controller-status', status: connected },
    { kind: 'decoded', bytes: pairing },
    { kind: 'status', ticket: null, result: status('open') },
  ]).model;

const pendingTicket = (m: BoxModel): number => {
  const st = m.state;
  if (st.kind === 'registering' || st.kind === 'opening' || st.kind === 'flap-open') return st.pending.ticket;
  if (st.kind === 'verifying') return st.ticket;
  throw new Error(`no pending ticket in ${st.kind}`);
};


t.test('a valid ballot: register, then open the flap on "registered", green only while open', async (t) => {
  const good = sign(s.signer, ballot(random));
  let m = ready();
  let r = step(config, m, { kind: 'decoded', bytes: good }, 1000);
  t.equal(r.model.state.kind, 'registering');
  t.same(r.commands.filter((c) => c.kind === 'register').length, 1);
  m = r.model;
  r = step(config, m, { kind: 'register-answer', ticket: pendingTicket(m), result: { ok: true, value: { outcome: 'registered' } } }, 1010);
  t.equal(r.model.state.kind, 'opening');
  t.same(r.commands.find((c) => c.kind === 'open-flap'), { kind: 'open-flap', ticket: pendingTicket(m), ms: 5000 });
  t.same(ledsFor(r.model.state), { red: 'on', green: 'off' }, 'still red until the controller confirms');
  m = r.model;
  r = step(config, m, { kind: 'flap-answer', ticket: pendingTicket(m), result: { ok: true, value: undefined } }, 1020);
  t.equal(r.model.state.kind, 'flap-open');
  t.same(r.commands.find((c) => c.kind === 'set-leds'), { kind: 'set-leds', red: 'off', green: 'blink' });
});

t.test('the duplicate rule: reopen only for the box\'s own registration or the most recent ballot not seen going in', async (t) => {
  const good = sign(s.signer, ballot(random));
  const dup = (mostRecent: boolean, attempt?: 'same' | 'other'): Input => ({ kind: 'register-answer', ticket: 0, result: { ok: true, value: { outcome: 'duplicate', mostRecent, ...(attempt ? { attempt } : {}) } } });
  const scanAndAnswer = (m: BoxModel, answer: Input): BoxModel => {
    const scanned = step(config, m, { kind: 'decoded', bytes: good }, 0).model;
    return step(config, scanned, { ...answer, ticket: pendingTicket(scanned) } as Input, 0).model;
  };
  t.equal(scanAndAnswer(ready(), dup(true)).state.kind, 'opening', 'most recent, unknown to this box (restarted): reopen');
  t.equal(scanAndAnswer(ready(), dup(false)).state.kind, 'refused', 'not the most recent: refused');
  const id = toHex(good.subarray(12, 28));
  t.equal(scanAndAnswer({ ...ready(), last: { id, deposited: true } }, dup(true)).state.kind, 'refused', 'most recent but the box saw it go in: refused');
  t.equal(scanAndAnswer({ ...ready(), last: { id, deposited: false } }, dup(false)).state.kind, 'opening', 'the box\'s last ballot, never deposited (console restarted): reopen');
  t.equal(scanAndAnswer(ready(), dup(false, 'same')).state.kind, 'opening', 'stored by this very attempt (the console says so): reopen');
  t.equal(scanAndAnswer({ ...ready(), last: { id, deposited: true } }, dup(true, 'same')).state.kind, 'refused', 'the box saw it go in: refused whatever the console says');

  // An unresolved ballot scanned again is sent under its first claim (the same attempt id).
  const unresolved = { ...ready(), unresolved: [{ id, claim: 7 }] };
  const rescanned = step(config, unresolved, { kind: 'decoded', bytes: good }, 0);
  t.match(rescanned.commands.find((c) => c.kind === 'register'), { kind: 'register', claim: 7 }, 'the earlier claim');
  t.equal(scanAndAnswer(unresolved, dup(false, 'same')).state.kind, 'opening', 'its lost request stored it: reopen');
  t.equal(scanAndAnswer(unresolved, dup(false, 'other')).state.kind, 'refused', 'stored, but by another request (a copy): refused');
  t.equal(scanAndAnswer(unresolved, dup(false)).state.kind, 'opening', 'the console restarted and cannot tell: counted once, let in');
});

t.test('in doubt after a lost answer: a copy of the ballot just deposited, or one another request stored, stays out', async (t) => {
  const good = sign(s.signer, ballot(random));
  const id = toHex(good.subarray(12, 28));
  // The box let this ballot in and saw it deposited; then a copy of it is scanned and the first answer is lost.
  let m = step(config, { ...ready(), last: { id, deposited: true } }, { kind: 'decoded', bytes: good }, 0).model;
  const ticket = pendingTicket(m);
  const sent = m.state.kind === 'registering' ? m.state.pending.claim : -1;
  m = step(config, m, { kind: 'register-answer', ticket, result: { ok: false, error: 'timeout' } }, 10).model;
  t.match(m.state, { kind: 'registering', inDoubt: true, waiting: true });
  const retried = step(config, m, { kind: 'timer', timer: 'retry', ticket }, 2000);
  t.match(retried.commands.find((c) => c.kind === 'register'), { kind: 'register', claim: sent }, 'the resend keeps the attempt');
  const r = step(config, retried.model, { kind: 'register-answer', ticket, result: { ok: true, value: { outcome: 'duplicate', mostRecent: true, attempt: 'same' } } }, 2010);
  t.equal(r.model.state.kind, 'refused', 'the box saw this ballot go in: refused');
  t.notOk(r.commands.some((c) => c.kind === 'open-flap'), 'the flap stays shut');

  // A ballot this box never let in, in doubt after a lost answer.
  const other = sign(s.signer, ballot(random));
  const inDoubt = (answer: RegisterOutcome): string => {
    let n = step(config, ready(), { kind: 'decoded', bytes: other }, 0).model;
    const tk = pendingTicket(n);
    n = step(config, n, { kind: 'register-answer', ticket: tk, result: { ok: false, error: 'timeout' } }, 10).model;
    n = step(config, n, { kind: 'timer', timer: 'retry', ticket: tk }, 2000).model;
    return step(config, n, { kind: 'register-answer', ticket: tk, result: { ok: true, value: answer } }, 2010).model.state.kind;
  };
  t.equal(inDoubt({ outcome: 'duplicate', mostRecent: false, attempt: 'same' }), 'opening', 'stored by the lost request: in');
  t.equal(inDoubt({ outcome: 'duplicate', mostRecent: false, attempt: 'other' }), 'refused', 'stored by another request: a copy, refused');
  t.equal(inDoubt({ outcome: 'duplicate', mostRecent: false }), 'opening', 'the console cannot tell (restarted): counted once, let in');
});

t.test('the backstop: no flap-closed event in time, the box closes the flap itself', async (t) => {
  const good = sign(s.signer, ballot(random));
  let m = step(config, ready(), { kind: 'decoded', bytes: good }, 0).model;
  const ticket = pendingTicket(m);
  m = step(config, m, { kind: 'register-answer', ticket, result: { ok: true, value: { outcome: 'registered' } } }, 10).model;
  const opened = step(config, m, { kind: 'flap-answer', ticket, result: { ok: true, value: undefined } }, 20);
  t.same(opened.commands.find((c) => c.kind === 'start-timer'), { kind: 'start-timer', timer: 'backstop', ticket, ms: 5000 + DEFAULT_TIMING.flapBackstopMs });
  const r = step(config, opened.model, { kind: 'timer', timer: 'backstop', ticket }, 7000);
  t.ok(r.commands.some((c) => c.kind === 'close-flap'));
  t.equal(r.model.state.kind, 'idle');
  t.equal(r.model.notice?.notice.kind, 'rescan');
  t.same(r.model.last, { id: toHex(good.subarray(12, 28)), deposited: false }, 'the voter may still re-scan');
});

t.test('before the console is heard from, a ballot is held until the session key is known; a forged one is refused then', async (t) => {
  const forged = sign(new Signer(generateSigningKeyPair().privateKey), ballot(random));
  let m = run([{ kind: 'controller-status', status: connected }, { kind: 'decoded', bytes: pairing }]).model;
  const r = step(config, m, { kind: 'decoded', bytes: forged }, 0);
  t.equal(r.model.state.kind, 'verifying');
  m = step(config, r.model, { kind: 'status', ticket: pendingTicket(r.model), result: status('open') }, 10).model;
  t.equal(m.state.kind, 'refused');
  t.equal(m.state.kind === 'refused' && m.state.reason, 'bad-signature');
});

t.test('an answer that is not the console\'s is an alarm: the flap stays shut, the screen says so, the console is told if it can hear', async (t) => {
  const good = sign(s.signer, ballot(random));
  for (const error of ['bad-receipt', 'not-authentic'] as const) {
    const m = step(config, ready(), { kind: 'decoded', bytes: good }, 0).model;
    const r = step(config, m, { kind: 'register-answer', ticket: pendingTicket(m), result: { ok: false, error } }, 10);
    t.match(r.model.state, { kind: 'refused', reason: 'link-alarm' }, error);
    t.notOk(r.commands.some((c) => c.kind === 'open-flap'), `${error}: no flap`);
    t.ok(r.commands.some((c) => c.kind === 'tell-console' && c.event.kind === 'fault' && c.event.device === 'link'), `${error}: an alert for the president`);
    t.same(ledsFor(r.model.state), { red: 'blink', green: 'off' });
  }
  const m = run([{ kind: 'controller-status', status: connected }, { kind: 'decoded', bytes: pairing }]).model;
  const held = step(config, m, { kind: 'decoded', bytes: good }, 0).model;
  const r = step(config, held, { kind: 'status', ticket: pendingTicket(held), result: { ok: false, error: 'not-authentic' } }, 10);
  t.match(r.model.state, { kind: 'refused', reason: 'link-alarm' }, 'an impostor at the first status: refused with the alarm');
  t.match(r.model.link, { kind: 'failed', error: 'not-authentic' });
});

t.test('a pairing code of another station is refused and changes nothing', async (t) => {
  const other = issuePairingCode(keys.hashPrefix, 4, new Uint8Array(32).fill(1), await stembureau(4));
  const r = step(config, initialModel(false), { kind: 'decoded', bytes: other }, 0);
  t.equal(r.model.paired, false);
  t.equal(r.commands.some((c) => c.kind === 'use-link-key'), false);
  t.equal(r.model.notice?.notice.kind, 'pairing-refused');
});

// ---- the property ------------------------------------------------------------------------------

const valid = Array.from({ length: 8 }, () => sign(s.signer, ballot(random)));
const refusable = [
  sign(s.signer, ballot(random, { test: true })),
  sign(s.signer, ballot(random, { station: 4 })),
  sign(new Signer(generateSigningKeyPair().privateKey), ballot(random)),
  new Uint8Array([1, 2, 3]),
];
const validHex = new Set(valid.map((b) => toHex(b)));
const ids = [...valid, ...refusable].filter((b) => b.length > 28).map((b) => toHex(b.subarray(12, 28)));

const linkError = fc.constantFrom<LinkError>('unreachable', 'timeout', 'not-ready', 'unauthenticated', 'not-authentic', 'bad-receipt', 'bad-response', 'replayed', 'malformed-request', 'wrong-station');
const registerResult: fc.Arbitrary<LinkCall<RegisterOutcome>> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ ok: true as const, value: { outcome: 'registered' as const } }) },
  fc.boolean().map((mostRecent) => ({ ok: true as const, value: { outcome: 'duplicate' as const, mostRecent } })),
  fc.tuple(fc.boolean(), fc.constantFrom('same' as const, 'other' as const)).map(([mostRecent, attempt]) => ({ ok: true as const, value: { outcome: 'duplicate' as const, mostRecent, attempt } })),
  fc.constantFrom('voting-closed', 'stick-unavailable', 'bad-signature', 'voting-not-open').map((reason) => ({ ok: true as const, value: { outcome: 'rejected' as const, reason: reason as 'voting-closed' } })),
  linkError.map((error) => ({ ok: false as const, error })),
);
const flapResult: fc.Arbitrary<BallotBoxResult> = fc.oneof(fc.constant({ ok: true as const, value: undefined }), fc.constantFrom('disconnected', 'timeout', 'cover-open', 'flap-jammed', 'refused').map((error) => ({ ok: false as const, error: error as 'timeout' })));
const controllerEvent: fc.Arbitrary<BallotBoxEvent> = fc.oneof(
  fc.constant({ kind: 'deposit' as const, count: 1 }),
  fc.constantFrom('command', 'deposit', 'timeout', 'watchdog', 'cover-opened', 'power-up').map((reason) => ({ kind: 'flap-closed' as const, reason: reason as 'timeout' })),
  fc.constantFrom<BallotBoxEvent>({ kind: 'flap-opened' }, { kind: 'flap-jammed', while: 'closing' }, { kind: 'cover-opened' }, { kind: 'cover-closed' }, { kind: 'controller-restarted' }, { kind: 'connection-lost' }, { kind: 'connection-restored' }),
);
/** `null` ticket: the one the machine is waiting for right now (a timely answer); a number: a stale or stray one. */
const ticket = fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 40 }) });
type Action = { input: Input; current: boolean };
const phase = fc.oneof({ weight: 12, arbitrary: fc.constant('open' as const) }, { weight: 1, arbitrary: fc.constantFrom('preparation' as const, 'halted' as const, 'closed' as const) });
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...valid).map((bytes) => ({ input: { kind: 'decoded', bytes } as Input, current: false })) },
  { weight: 2, arbitrary: fc.constantFrom(...refusable, pairing).map((bytes) => ({ input: { kind: 'decoded', bytes } as Input, current: false })) },
  { weight: 1, arbitrary: fc.constantFrom<Input>({ kind: 'unreadable' }, { kind: 'multiple-codes' }, { kind: 'confirm-box-empty' }, { kind: 'scanner-fault', detail: 'x' }).map((input) => ({ input, current: false })) },
  { weight: 3, arbitrary: fc.tuple(ticket, fc.oneof({ weight: 3, arbitrary: phase.map(status) }, { weight: 1, arbitrary: linkError.map((error) => ({ ok: false as const, error })) })).map(([tk, result]) => ({ input: { kind: 'status', ticket: tk ?? 0, result } as Input, current: tk === null })) },
  { weight: 8, arbitrary: fc.tuple(ticket, registerResult).map(([tk, result]) => ({ input: { kind: 'register-answer', ticket: tk ?? 0, result } as Input, current: tk === null })) },
  { weight: 5, arbitrary: fc.tuple(ticket, flapResult).map(([tk, result]) => ({ input: { kind: 'flap-answer', ticket: tk ?? 0, result } as Input, current: tk === null })) },
  { weight: 3, arbitrary: controllerEvent.map((event) => ({ input: { kind: 'controller-event', event } as Input, current: false })) },
  { weight: 1, arbitrary: fc.constantFrom<BallotBoxStatus>(connected, connected, connected, { kind: 'disconnected', reason: 'silent' }, { ...connected, cover: 'open' }).map((st) => ({ input: { kind: 'controller-status', status: st } as Input, current: false })) },
  { weight: 4, arbitrary: fc.tuple(ticket, fc.constantFrom('retry', 'backstop', 'refusal', 'notice')).map(([tk, timer]) => ({ input: { kind: 'timer', timer: timer as 'retry', ticket: tk ?? 0 } as Input, current: tk === null })) },
);

function currentTicket(m: BoxModel, input: Input): number | undefined {
  const st = m.state;
  if (input.kind === 'timer' && input.timer === 'refusal') return st.kind === 'refused' ? st.ticket : undefined;
  if (input.kind === 'timer' && input.timer === 'notice') return m.notice?.ticket;
  switch (st.kind) {
    case 'verifying':
      return st.ticket;
    case 'registering':
    case 'opening':
    case 'flap-open':
      return st.pending.ticket;
    case 'idle':
    case 'refused':
      return undefined;
  }
}

t.test('property: the flap opens only on a registration of a valid ballot; never twice per answer; green only with the flap open; no id in a log', async (t) => {
  // How often the flap opened, and why: a property that never opens the flap proves nothing.
  const seen = { opens: 0, registered: 0, reopened: 0, liveMissed: 0 };
  await fc.assert(
    // A quarter of the days start with a box not yet paired; the days are long enough for several voters.
    fc.property(fc.oneof({ weight: 1, arbitrary: fc.constant(true) }, { weight: 3, arbitrary: fc.constant(false) }), fc.array(action, { minLength: 20, maxLength: 60 }), (fresh, actions) => {
      // Mostly a box already paired with an open console, so that ballots get far.
      let m = fresh ? step(config, initialModel(false), { kind: 'controller-status', status: connected }, 0).model : ready();
      let now = 0;
      for (const a of actions) {
        now += 137;
        let input = a.input;
        if (a.current) {
          const tk = currentTicket(m, input);
          if (tk === undefined) continue;
          input = { ...input, ticket: tk } as Input;
        }
        const before = m;
        const r = step(config, m, input, now);
        m = r.model;
        const opens = r.commands.filter((c) => c.kind === 'open-flap');
        seen.opens += opens.length;
        // Liveness: a timely "registered" for the pending ballot with a healthy controller opens the flap.
        const timelyRegistered = input.kind === 'register-answer' && input.result.ok && input.result.value.outcome === 'registered' && before.state.kind === 'registering' && !before.state.waiting && before.state.pending.ticket === input.ticket;
        if (timelyRegistered && before.controller.connected && before.controller.cover === 'closed' && !before.controller.jammed && opens.length === 0) seen.liveMissed++;
        if (opens.length > 0) {
          if (input.kind === 'register-answer' && input.result.ok) seen[input.result.value.outcome === 'registered' ? 'registered' : 'reopened']++;
          // Only a timely register answer that is a registration (or an accepted duplicate) opens.
          if (opens.length !== 1) return false;
          if (input.kind !== 'register-answer' || !input.result.ok || input.result.value.outcome === 'rejected') return false;
          if (before.state.kind !== 'registering' || before.state.pending.ticket !== input.ticket) return false;
          if (!validHex.has(toHex(before.state.pending.signed))) return false;
          // Never again for a ballot this box saw go in.
          if (input.result.value.outcome === 'duplicate' && before.last?.id === before.state.pending.id && before.last.deposited) return false;
        }
        for (const c of r.commands) {
          if (c.kind === 'register' && !validHex.has(toHex(c.signed))) return false;
          if (c.kind === 'set-leds' && c.green !== 'off' && m.state.kind !== 'flap-open') return false;
          if (c.kind === 'log' || c.kind === 'tell-console') {
            const text = JSON.stringify(c);
            if (ids.some((id) => text.includes(id))) return false;
          }
        }
        if (m.state.kind === 'flap-open' && before.state.kind !== 'flap-open' && before.state.kind !== 'opening') return false;
        // After closing, no new ballot is sent to the console (a retry of one already sent may be).
        if ((before.closedForDay || m.closedForDay) && (input.kind === 'decoded' || input.kind === 'status') && r.commands.some((c) => c.kind === 'register')) return false;
      }
      return true;
    }),
    { numRuns: 3000, seed: 0x5eed },
  );
  t.pass('3000 random days');
  t.ok(seen.opens >= 1000, `the flap opened ${seen.opens} times`);
  t.ok(seen.registered >= 700 && seen.reopened >= 150, `${seen.registered} times on "registered", ${seen.reopened} on an accepted duplicate`);
  t.equal(seen.liveMissed, 0, 'and never failed to open on a timely "registered" with a healthy controller');
});

t.test('seed 001 §XIV.3 (a pulled stick): the display never says "onderbroken" under a status line that says "open"', async (t) => {
  const consistent = (m: BoxModel): boolean => {
    const d = displayOf(m);
    return !(d.title === 'Stemming onderbroken' && d.status.includes('stemming open'));
  };
  let m = ready();
  let r = step(config, m, { kind: 'decoded', bytes: sign(s.signer, ballot(random)) }, 1000);
  m = r.model;
  r = step(config, m, { kind: 'register-answer', ticket: pendingTicket(m), result: { ok: true, value: { outcome: 'rejected', reason: 'stick-unavailable' } } }, 1010);
  m = r.model;
  t.equal(displayOf(m).title, 'Stemming onderbroken', 'the console said a stick is missing');
  t.ok(consistent(m), `status line: ${displayOf(m).status}`);
  t.match(displayOf(m).status, /stemming onderbroken/);
  m = step(config, m, { kind: 'status', ticket: null, result: status('halted') }, 1020).model;
  t.ok(consistent(m));
  // The stick is back: the console's next status says open, and the display follows at once.
  m = step(config, m, { kind: 'status', ticket: null, result: status('open') }, 1030).model;
  t.ok(consistent(m), `after the stick came back: ${displayOf(m).title} / ${displayOf(m).status}`);
  t.equal(displayOf(m).title, 'Scan uw stembiljet');
  t.match(displayOf(m).status, /stemming open/);
  // A refusal while the cached status still said open (the stick pulled between two polls), then the next status: open.
  m = ready();
  m = step(config, m, { kind: 'decoded', bytes: sign(s.signer, ballot(random)) }, 2000).model;
  m = step(config, m, { kind: 'register-answer', ticket: pendingTicket(m), result: { ok: true, value: { outcome: 'rejected', reason: 'stick-unavailable' } } }, 2010).model;
  m = step(config, m, { kind: 'status', ticket: null, result: status('open') }, 2020).model;
  t.ok(consistent(m), 'a resumed console clears the refusal');
});

t.test('decree art. 17 §2: a ballot the console says is annulled is refused for the president, the flap shut', async (t) => {
  let m = ready();
  m = step(config, m, { kind: 'decoded', bytes: sign(s.signer, ballot(random)) }, 1000).model;
  const r = step(config, m, { kind: 'register-answer', ticket: pendingTicket(m), result: { ok: true, value: { outcome: 'rejected', reason: 'annulled' } } }, 1010);
  t.notOk(r.commands.some((c) => c.kind === 'open-flap'), 'never opens');
  t.same(r.commands.find((c) => c.kind === 'tell-console'), { kind: 'tell-console', event: { kind: 'refused', reason: 'annulled' } }, 'the president hears it');
  t.equal(displayOf(r.model).title, 'Geannuleerd stembiljet');
  t.match(displayOf(r.model).instruction, /omslag voor geannuleerde stembiljetten/);
});
