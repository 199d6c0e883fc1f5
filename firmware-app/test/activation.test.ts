// Activation on a running machine (simulated card terminal, HTTP API): the code typed on the
// keypad, wrong codes, the card erased afterwards, the erased card refused elsewhere and
// accepted as the president's alarm key, and the code nowhere after it was typed.
import t from 'tap';
import { toHex } from '@ovs/crypto';
import { readActivationCard, readErasedActivationCard } from '@ovs/card';
import { parseCardImage, type SimulatedCard } from '@ovs/devices';
import { MAX_CODE_ATTEMPTS, planActivationCode } from '../src/index.ts';
import { startMachine, type Machine } from './support-machine.ts';

/** The payload in the card's memory, read as the terminal's driver reads it. */
const payloadOf = (chip: SimulatedCard): Uint8Array => {
  const parsed = parseCardImage(chip.memory);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value.payload;
};

async function machine(t: { teardown: (fn: () => Promise<void>) => void }, station = 1): Promise<Machine> {
  const m = await startMachine({ station });
  t.teardown(() => m.stop());
  return m;
}

const wrongCode = (code: string): string => code.slice(0, 15) + String((Number(code[15]) + 1) % 10);

t.test('right code: activated, and the card no longer holds the sealed key', async (t) => {
  const m = await machine(t);
  const voter = m.handle.voter();
  const card = await m.kit.activationCard();
  const chip = m.insert(card.bytes);
  const asked = await voter.waitFor('activation-code');
  t.ok(asked.screen.body.kind === 'activation-code' && asked.screen.body.attemptsLeft === MAX_CODE_ATTEMPTS, 'the certificate checked out: the keypad asks for the code');
  t.notOk(m.handle.computer.activated, 'not activated before the code');
  const done = await m.typeCode(card.code);
  t.same(done.screen.body, { kind: 'activated', after: 'activation', card: 'erased', cardPresent: true });
  t.ok(m.handle.computer.activated);

  const memory = toHex(chip.memory);
  const sealedKey = toHex(card.bytes.subarray(138));
  const salt = toHex(card.bytes.subarray(3, 19));
  t.notOk(memory.includes(sealedKey), 'the sealed key is gone from the card');
  t.notOk(memory.includes(salt), 'and so is its salt');
  const after = payloadOf(chip);
  t.same(readActivationCard(after, { hashPrefix: m.kit.context.hashPrefix, station: 1, stembureauPublicKey: m.kit.stembureau.publicKey }), { ok: false, error: 'not-an-activation-card' });
  const erased = readErasedActivationCard(after, { hashPrefix: m.kit.context.hashPrefix, station: 1 });
  t.ok(erased.ok && erased.value.why === 'activated', 'it is an erased activation card now, the president’s alarm key');
  t.ok(m.log.some((l) => l.event === 'card-erased'));
  m.remove();
  await voter.waitFor('insert-card');
});

t.test('wrong code: said so, with the attempts left; the right one still works', async (t) => {
  const m = await machine(t);
  const voter = m.handle.voter();
  const card = await m.kit.activationCard();
  const chip = m.insert(card.bytes);
  const wrong = await m.typeCode(wrongCode(card.code));
  t.same(wrong.screen.body, { kind: 'activation-code', digits: '', length: 16, attemptsLeft: MAX_CODE_ATTEMPTS - 1, wrong: true, alarm: false });
  t.notOk(m.handle.computer.activated);
  t.same(payloadOf(chip), card.bytes, 'a wrong code leaves the card as it was');
  const right = await m.typeCode(card.code);
  t.equal(right.screen.body.kind, 'activated');
  t.ok(m.handle.computer.activated);
  m.remove();
  await voter.waitFor('insert-card');
});

t.test('too many wrong codes: the card is refused and erased; re-inserted, here or elsewhere, it activates nothing', async (t) => {
  const m = await machine(t);
  const voter = m.handle.voter();
  const card = await m.kit.activationCard();
  const chip = m.insert(card.bytes);
  let s = await voter.waitFor('activation-code');
  for (let i = 0; i < MAX_CODE_ATTEMPTS; i++) s = await m.typeCode(wrongCode(card.code));
  t.same(s.screen.body, { kind: 'not-activated', refusal: 'too-many-codes' });
  t.notOk(m.handle.computer.activated);
  const voided = readErasedActivationCard(payloadOf(chip), { hashPrefix: m.kit.context.hashPrefix, station: 1 });
  t.same(voided, { ok: true, value: { why: 'refused' } }, 'erased, with no key of any kind');
  m.remove();
  await voter.waitFor('not-activated');
  m.insert(chip);
  await m.handle.computer.settle();
  s = await voter.screen();
  t.same(s.screen.body, { kind: 'not-activated', refusal: 'void' });
  t.notOk(m.log.some((l) => JSON.stringify(l).includes(card.code)), 'the codes typed are in no log line');
});

t.test('the card cannot be erased (write-protected): activated, and the screen says to keep the card and note it', async (t) => {
  const m = await machine(t);
  const voter = m.handle.voter();
  const card = await m.kit.activationCard();
  const chip = m.insert(card.bytes);
  chip.writeProtected = true;
  const s = await m.typeCode(card.code);
  t.same(s.screen.body, { kind: 'activated', after: 'activation', card: 'not-erased', cardPresent: true });
  t.ok(m.handle.computer.activated);
  m.remove();
  const out = await voter.waitFor('activated');
  t.same(out.screen.body, { kind: 'activated', after: 'activation', card: 'not-erased', cardPresent: false }, 'the warning stays until the president touches "Begrepen"');
  await voter.touch({ type: 'done' });
  await voter.waitFor('insert-card');

  // Too many wrong codes on a card that cannot be erased: this machine remembers it.
  const m2 = await machine(t);
  const voter2 = m2.handle.voter();
  m2.insert(chip);
  let r = await voter2.waitFor('activation-code');
  for (let i = 0; i < MAX_CODE_ATTEMPTS; i++) r = await m2.typeCode(wrongCode(card.code));
  t.same(r.screen.body, { kind: 'not-activated', refusal: 'too-many-codes-kept' });
  m2.remove();
  await m2.handle.computer.settle();
  m2.insert(chip);
  await m2.handle.computer.settle();
  r = await voter2.screen();
  t.same(r.screen.body, { kind: 'not-activated', refusal: 'too-many-codes-kept' }, 'refused at once when it comes back');
});

t.test('the erased card at a second stemcomputer: refused; at an activated one of the session: the alarm key', async (t) => {
  const first = await machine(t);
  const erased = await first.activate();
  const second = await machine(t);
  const voter = second.handle.voter();
  second.insert(erased);
  await second.handle.computer.settle();
  const s = await voter.screen();
  t.same(s.screen.body, { kind: 'not-activated', refusal: 'erased' }, 'it no longer activates anything');
  t.notOk(second.handle.computer.activated);
  second.remove();

  // Back at the first machine, in an alarm: it stops it.
  const v1 = first.handle.voter();
  first.insert(first.kit.voterCard(['G']));
  await v1.waitFor('election-intro');
  first.remove();
  await v1.waitFor('alarm');
  first.insert(erased);
  const reset = await v1.waitFor('activated');
  t.same(reset.screen.body, { kind: 'activated', after: 'alarm-reset', card: 'alarm-key', cardPresent: true });
  t.same(first.handle.devices.alarm.status(), { kind: 'quiet' });
  first.remove();
  await v1.waitFor('insert-card');
});

t.test('a card taken out while its code is checked is never written, nor the card put in its place', async (t) => {
  const m = await machine(t);
  const voter = m.handle.voter();
  const card = await m.kit.activationCard();
  const chip = m.insert(card.bytes);
  await voter.waitFor('activation-code');
  const touches = planActivationCode(card.code);
  await voter.touchAll(touches.slice(0, -1));
  const before = (await voter.screen()).seq;
  const submitted = m.handle.client.act(before, { type: 'code-submit' });
  // The president pulls the card at once and a voter card goes in, while scrypt runs.
  m.remove();
  const voterCard = m.insert(m.kit.voterCard(['G']));
  const image = toHex(voterCard.memory);
  await submitted;
  await m.handle.computer.settle();
  await m.handle.computer.settle();
  t.equal(toHex(voterCard.memory), image, 'the voter card is untouched');
  t.same(payloadOf(chip), card.bytes, 'the activation card too');
  t.notOk(m.handle.computer.activated);
  t.equal((await voter.screen()).screen.body.kind, 'not-activated');
});

t.test('after activation the code is nowhere: not in the state, the screen, the log', async (t) => {
  const m = await machine(t);
  const card = await m.kit.activationCard();
  m.insert(card.bytes);
  await m.typeCode(card.code);
  const places = [JSON.stringify(m.handle.computer.inspect()), JSON.stringify(m.handle.computer.screen()), JSON.stringify(m.log)];
  for (const p of places) t.notOk(p.includes(card.code) || p.includes(card.code.slice(0, 8)), 'no trace of the code');
  t.match(m.handle.computer.inspect(), { offered: 'absent', opened: 'absent', session: 'present' });
});
