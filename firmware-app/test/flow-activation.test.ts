// Activation in the pure flow: the sealed card, the code on the keypad, the check, the erased
// card, the president's key for the alarm.
import t from 'tap';
import { MAX_CODE_ATTEMPTS, type FlowEvent } from '../src/flow/index.ts';
import { FlowDriver, flowContext, TEST_CODE } from './support.ts';

const ctx = flowContext();
const sealed = (attemptsLeft = MAX_CODE_ATTEMPTS): FlowEvent => ({ type: 'activation-card', card: { kind: 'sealed', attemptsLeft }, printer: 'ready' });
const alarmKey: FlowEvent = { type: 'activation-card', card: { kind: 'alarm-key' }, printer: 'ready' };

function body(d: FlowDriver) {
  return d.screen.body;
}

t.test('a sealed card asks for the code; the keypad types, erases, refuses a 17th digit', (t) => {
  const d = new FlowDriver(ctx);
  d.send(sealed());
  let b = body(d);
  t.ok(b.kind === 'activation-code' && b.digits === '' && b.length === 16 && b.attemptsLeft === 3 && !b.wrong && !b.alarm);
  t.equal(d.act({ type: 'code-submit' }).rejected, 'not-now', 'nothing to submit yet');
  t.equal(d.act({ type: 'code-erase' }).rejected, 'not-now', 'nothing to erase');
  for (const digit of [1, 2, 3]) d.act({ type: 'code-digit', digit });
  b = body(d);
  t.ok(b.kind === 'activation-code' && b.digits === '123', 'the digits as typed');
  d.act({ type: 'code-erase' });
  b = body(d);
  t.ok(b.kind === 'activation-code' && b.digits === '12', 'the erase key takes the last one back');
  for (const digit of [10, -1, 1.5, Number.NaN]) t.equal(d.act({ type: 'code-digit', digit }).rejected, 'not-now', `no digit ${digit}`);
  t.equal(d.act({ type: 'start-election' }).rejected, 'not-now', 'no voter touch here');
  for (let i = 0; i < 14; i++) d.act({ type: 'code-digit', digit: 7 });
  t.equal(d.act({ type: 'code-digit', digit: 7 }).rejected, 'not-now', 'sixteen digits, not seventeen');
  const r = d.act({ type: 'code-submit' });
  t.same(r.effects, [{ kind: 'check-code', code: '1277777777777777', last: false }], 'only the effect carries the code to the backend');
  t.equal(d.kind, 'checking-code');
  t.notMatch(JSON.stringify(d.state), /1277/, 'the state holds no digit any more');
  t.notMatch(JSON.stringify(d.screen), /1277/, 'nor the screen');
  t.equal(d.act({ type: 'code-digit', digit: 1 }).rejected, 'not-now', 'no typing while it is checked');
  t.end();
});

t.test('right code: the key is adopted, the card erased, then taken out', (t) => {
  const d = new FlowDriver(ctx);
  const r = d.activate();
  t.same(r.effects, [{ kind: 'adopt-session' }]);
  t.same(body(d), { kind: 'activated', after: 'activation', card: 'erased', cardPresent: true });
  t.notMatch(JSON.stringify(d.state), new RegExp(TEST_CODE.slice(0, 6)));
  d.send({ type: 'card-removed' });
  t.equal(d.kind, 'insert-card');
  t.end();
});

t.test('right code but the card could not be erased: the warning waits for the president', (t) => {
  const d = new FlowDriver(ctx);
  d.send(sealed());
  d.typeCode(TEST_CODE, true, false);
  t.same(body(d), { kind: 'activated', after: 'activation', card: 'not-erased', cardPresent: true });
  t.equal(d.act({ type: 'done' }).rejected, 'not-now', 'not before the card is out');
  d.send({ type: 'card-removed' });
  t.same(body(d), { kind: 'activated', after: 'activation', card: 'not-erased', cardPresent: false }, 'still shown with the card out');
  d.act({ type: 'done' });
  t.equal(d.kind, 'insert-card');
  t.end();
});

t.test('wrong codes: retry with the attempts left, then the card is refused (and erased, or not)', (t) => {
  for (const erased of [true, false]) {
    const d = new FlowDriver(ctx);
    d.send(sealed());
    for (let left = MAX_CODE_ATTEMPTS; left > 1; left--) {
      for (const a of [...'0000000000000000'].map((c) => ({ type: 'code-digit' as const, digit: Number(c) }))) d.act(a);
      t.same(d.act({ type: 'code-submit' }).effects, [{ kind: 'check-code', code: '0000000000000000', last: false }]);
      d.send({ type: 'code-checked', ok: false, erased: false });
      const b = body(d);
      t.ok(b.kind === 'activation-code' && b.wrong && b.attemptsLeft === left - 1 && b.digits === '', `wrong: ${left - 1} left, the keypad empty`);
    }
    for (let i = 0; i < 16; i++) d.act({ type: 'code-digit', digit: 0 });
    t.same(d.act({ type: 'code-submit' }).effects, [{ kind: 'check-code', code: '0000000000000000', last: true }], 'the last attempt says so: the backend erases on failure');
    const r = d.send({ type: 'code-checked', ok: false, erased });
    t.same(r.effects, [], 'no key adopted');
    t.same(body(d), { kind: 'not-activated', refusal: erased ? 'too-many-codes' : 'too-many-codes-kept' });
  }
  t.end();
});

t.test('a card this machine refused before, or told to have no attempts left, is refused at once', (t) => {
  const d = new FlowDriver(ctx);
  d.send(sealed(0));
  t.same(body(d), { kind: 'not-activated', refusal: 'too-many-codes-kept' });
  t.end();
});

t.test('cancel, or the card pulled while typing or checking: not activated, and a late answer changes nothing', (t) => {
  const d = new FlowDriver(ctx);
  d.send(sealed());
  d.act({ type: 'code-digit', digit: 5 });
  d.act({ type: 'code-cancel' });
  t.same(body(d), { kind: 'not-activated', refusal: 'cancelled' });
  d.send({ type: 'card-removed' });
  d.send(sealed());
  d.act({ type: 'code-digit', digit: 5 });
  d.send({ type: 'card-removed' });
  t.same(body(d), { kind: 'not-activated', refusal: undefined });
  d.send(sealed());
  for (let i = 0; i < 16; i++) d.act({ type: 'code-digit', digit: 4 });
  d.act({ type: 'code-submit' });
  d.send({ type: 'card-removed' });
  t.same(body(d), { kind: 'not-activated', refusal: undefined });
  const late = d.send({ type: 'code-checked', ok: true, erased: true });
  t.same(late.effects, [], 'the answer for a card no longer there adopts nothing');
  t.equal(d.kind, 'not-activated');
  t.end();
});

t.test('an erased card: refused by a machine that is not activated, the alarm key of one that is', (t) => {
  const fresh = new FlowDriver(ctx);
  fresh.send(alarmKey);
  t.same(body(fresh), { kind: 'not-activated', refusal: 'erased' }, 'reused at a second stemcomputer: it activates nothing');
  fresh.send({ type: 'card-removed' });
  fresh.send({ type: 'activation-card', card: { kind: 'refused', refusal: 'void' }, printer: 'ready' });
  t.same(body(fresh), { kind: 'not-activated', refusal: 'void' });

  const d = FlowDriver.activated(ctx);
  t.same(d.send(alarmKey).effects, [], 'at rest: nothing adopted');
  t.same(body(d), { kind: 'activated', after: 'already-activated', card: 'alarm-key', cardPresent: true });
  d.send({ type: 'card-removed' });
  t.same(d.send(sealed()).effects, []);
  t.same(body(d), { kind: 'activated', after: 'already-activated', card: 'unused', cardPresent: true }, 'a new card is left for a machine that needs it');
  d.send({ type: 'card-removed' });
  t.equal(d.kind, 'insert-card');
  t.end();
});

t.test('alarm: the erased card stops it; so does a new activation card with its code', (t) => {
  const d = FlowDriver.activated(ctx);
  d.insert(['G']);
  d.send({ type: 'card-removed' });
  t.equal(d.kind, 'alarm');
  t.same(d.send(alarmKey).effects, [{ kind: 'alarm', sounding: false }]);
  t.same(body(d), { kind: 'activated', after: 'alarm-reset', card: 'alarm-key', cardPresent: true });
  d.send({ type: 'card-removed' });

  d.insert(['G']);
  d.send({ type: 'card-removed' });
  d.send(sealed());
  let b = body(d);
  t.ok(b.kind === 'activation-code' && b.alarm, 'the keypad, to stop the alarm');
  d.act({ type: 'code-cancel' });
  b = body(d);
  t.ok(b.kind === 'alarm' && b.reason === 'card-pulled' && b.cardPresent && b.refusal === undefined, 'cancel: the alarm as it was');
  d.send({ type: 'card-removed' });
  d.send(sealed());
  for (let i = 0; i < MAX_CODE_ATTEMPTS; i++) d.typeCode('0000000000000000', false, i === MAX_CODE_ATTEMPTS - 1);
  b = body(d);
  t.ok(b.kind === 'alarm' && b.reason === 'card-pulled' && b.refusal === 'too-many-codes', 'too many wrong codes: the alarm stays and says why');
  d.send({ type: 'card-removed' });
  d.send(sealed());
  const r = d.typeCode(TEST_CODE, true);
  t.same(r.effects, [{ kind: 'adopt-session' }, { kind: 'alarm', sounding: false }]);
  t.same(body(d), { kind: 'activated', after: 'alarm-reset', card: 'erased', cardPresent: true });
  t.end();
});

t.test('during a vote no activation card is read', (t) => {
  const d = FlowDriver.activated(ctx);
  d.insert(['G']);
  for (const e of [sealed(), alarmKey, { type: 'code-checked', ok: true, erased: true } as FlowEvent]) {
    t.same(d.send(e).effects, []);
    t.equal(d.kind, 'election-intro');
  }
  t.end();
});
