// The voting computers' alarms at the console (HARDWARE.md "Alarm": "on screen and at the
// console"; seed 002 II.C.3.2): posted over the station's network to the link listener, signed
// with the session key of an activation card. The president sees it, the PV has it with the hour
// only; an alarm from a device without that key changes nothing.
import t from 'tap';
import { generateSigningKeyPair, randomBytes, shortHash, Signer } from '@ovs/crypto';
import { HASH_PREFIX_BYTES } from '@ovs/ballot';
import { encodeVcAlarm, encodeVcSoftware, VC_ALARM_PATH, type VcAlarm } from '@ovs/link';
import { buildReport } from '../src/index.ts';
import { context, openForVoting, startRig, STATION } from './support.ts';

const post = async (url: string, bytes: Uint8Array): Promise<number> => (await fetch(new URL(VC_ALARM_PATH, url), { method: 'POST', body: Buffer.from(bytes) })).status;

t.test('HARDWARE.md "Alarm": a voting computer\'s alarm reaches the console and the PV; a forged one does not', async (t) => {
  const rig = await startRig(t);
  const { session } = await openForVoting(rig);
  const core = rig.handle.core;
  const binding = { hashPrefix: context().hashPrefix.subarray(0, HASH_PREFIX_BYTES), station: STATION };
  const alarm = (kind: VcAlarm, signer: Signer, id = randomBytes(16)): Uint8Array => encodeVcAlarm({ kind, machine: 'stemcomputer 2', id, at: new Date() }, binding, signer);

  const forged = alarm('paper-out', new Signer(generateSigningKeyPair().privateKey));
  t.equal(await post(rig.handle.linkUrl, forged), 400, 'a device without the session key is refused');
  t.equal(await post(rig.handle.linkUrl, new Uint8Array(4000)), 400, 'and so is anything too long');
  t.same(core.snapshot().alerts, [], 'no alert');
  t.notOk(core.reportData()?.events.some((e) => e.type === 'vc-alarm'), 'nothing on the sticks');

  const id = randomBytes(16);
  const real = alarm('paper-out', session, id);
  t.equal(await post(rig.handle.linkUrl, real), 204, 'signed by the session key of the activation card');
  t.equal(await post(rig.handle.linkUrl, real), 400, 'the same alarm replayed is not a second one');
  t.equal(await post(rig.handle.linkUrl, alarm('printer', session)), 204);
  t.match(
    core.snapshot().alerts.map((a) => a.message),
    [/^Alarm op stemcomputer 2: papier op\. Ga naar het stemhokje/, /^Alarm op stemcomputer 2: storing van de printer/],
  );
  const events = core.reportData()?.events.filter((e) => e.type === 'vc-alarm') ?? [];
  t.equal(events.length, 2, 'both on the sticks');
  t.ok(events.every((e) => Date.parse(e.at) % 3_600_000 === 0), 'with the hour only');
  const pv = buildReport('pv', core.reportData()!)!.blocks.map((b) => ('label' in b ? `${b.label}: ${'value' in b ? String(b.value) : ''}` : '')).join('\n');
  t.match(pv, /Alarm stemcomputer 2 \(\d\d u\): papier op/);
  t.match(pv, /Alarm stemcomputer 2 \(\d\d u\): storing van de printer/);
  t.same(rig.log.filter((e) => e.event === 'vc-alarm-refused').map((e) => e.detail), ['bad-signature', 'replayed'], 'every refusal of a readable alarm logged');
});

t.test('HARDWARE.md: on hardware the alarms have a listener of their own, on the voting computers\' network, that serves nothing else', async (t) => {
  const rig = await startRig(t, { alarms: { host: '127.0.0.1', port: 0 } });
  const { session } = await openForVoting(rig);
  const url = rig.handle.alarmsUrl ?? '';
  const binding = { hashPrefix: context().hashPrefix.subarray(0, HASH_PREFIX_BYTES), station: STATION };
  t.equal(await post(url, encodeVcAlarm({ kind: 'card', machine: 'stemcomputer 3', id: randomBytes(16), at: new Date() }, binding, session)), 204);
  t.equal((await fetch(new URL('/link/v2', url), { method: 'POST', body: 'x' })).status, 404, 'the box\'s link is not on this listener');
  t.match(rig.handle.core.snapshot().alerts.at(-1)?.message, /^Alarm op stemcomputer 3: probleem met de chipkaart/);
});

t.test('decree art. 4 §3: each voting computer\'s software report is on the sticks once and in the PV', async (t) => {
  const rig = await startRig(t);
  const { session } = await openForVoting(rig);
  const core = rig.handle.core;
  const binding = { hashPrefix: context().hashPrefix.subarray(0, HASH_PREFIX_BYTES), station: STATION };
  const sha256 = new Uint8Array(32).fill(0x33);
  const report = (machine: string, signer = session): Uint8Array => encodeVcSoftware({ machine, id: randomBytes(16), at: new Date(), sha256 }, binding, signer);
  t.equal(await post(rig.handle.linkUrl, report('stemcomputer 1', new Signer(generateSigningKeyPair().privateKey))), 400, 'not from a device without the session key');
  t.equal(await post(rig.handle.linkUrl, report('stemcomputer 1')), 204);
  t.equal(await post(rig.handle.linkUrl, report('stemcomputer 1')), 204, 'a second activation of the same machine …');
  t.equal(await post(rig.handle.linkUrl, report('stemcomputer 2')), 204);
  const events = core.reportData()?.events.filter((e) => e.type === 'vc-software') ?? [];
  t.same(events.map((e) => e.type === 'vc-software' && e.machine), ['stemcomputer 1', 'stemcomputer 2'], '… is recorded once per machine and software');
  t.same(core.snapshot().alerts, [], 'a development package: no alarm, the line says ONTWIKKELVERSIE');
  const pv = buildReport('pv', core.reportData()!)!.blocks.map((b) => ('label' in b ? `${b.label}: ${'value' in b ? String(b.value) : ''}` : '')).join('\n');
  t.ok(pv.includes(`Software van stemcomputer 1: ${shortHash(sha256)} — ONTWIKKELVERSIE`), 'in the PV');
  t.ok(pv.includes(`Software van stemcomputer 2: ${shortHash(sha256)} — ONTWIKKELVERSIE`));
});
