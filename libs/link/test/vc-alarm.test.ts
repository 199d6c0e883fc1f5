// A voting computer's alarm for the console (HARDWARE.md "Alarm": on screen and at the console):
// signed with the opening's session key, bound to the package and the station, dated to the hour,
// once per id. A forged, altered, foreign, stale or replayed alarm is refused.
import t from 'tap';
import fc from 'fast-check';
import { generateSigningKeyPair, randomBytes, Signer, Verifier } from '@ovs/crypto';
import { encodeVcAlarm, encodeVcSoftware, MAX_VC_ALARM_BYTES, verifyVcAlarm, type VcAlarmCheck } from '../src/index.ts';

const pair = generateSigningKeyPair();
const session = new Signer(pair.privateKey);
const verifier = Verifier.from(pair.publicKey)!;
const binding = { hashPrefix: new Uint8Array(8).fill(9), station: 3 };
const at = new Date('2024-10-13T09:41:17.000Z');
const check = (over: Partial<VcAlarmCheck> = {}): VcAlarmCheck => ({ ...binding, session: verifier, now: at, seen: new Set(), ...over });
const alarm = (over: { machine?: string; signer?: Signer; station?: number; at?: Date } = {}): Uint8Array =>
  encodeVcAlarm({ kind: 'paper-out', machine: over.machine ?? 'stemcomputer 2', id: randomBytes(16), at: over.at ?? at }, { ...binding, station: over.station ?? 3 }, over.signer ?? session);

t.test('HARDWARE.md "Alarm": an alarm signed by the session key is taken, once', async (t) => {
  const bytes = alarm();
  const r = verifyVcAlarm(bytes, check());
  t.ok(r.ok);
  if (!r.ok) return;
  t.same({ kind: r.value.kind, machine: r.value.machine }, { kind: 'paper-out', machine: 'stemcomputer 2' });
  t.same(verifyVcAlarm(bytes, check({ seen: new Set([r.value.id]) })), { ok: false, error: 'replayed' }, 'the same alarm again is not a second alarm');
  t.notMatch(Buffer.from(bytes).toString('latin1'), /09:41|41:17/, 'no time finer than the hour on the wire');
  t.ok(verifyVcAlarm(alarm({ at: new Date('2024-10-13T08:59:59.000Z') }), check()).ok, 'raised in the hour before: still taken');
});

t.test('a forged, foreign, stale or altered alarm is refused', async (t) => {
  const stranger = new Signer(generateSigningKeyPair().privateKey);
  t.same(verifyVcAlarm(alarm({ signer: stranger }), check()), { ok: false, error: 'bad-signature' }, 'a device without the session key');
  t.same(verifyVcAlarm(alarm({ station: 4 }), check()), { ok: false, error: 'wrong-station' });
  t.same(verifyVcAlarm(alarm(), check({ hashPrefix: new Uint8Array(8) })), { ok: false, error: 'wrong-package' });
  t.same(verifyVcAlarm(alarm({ at: new Date('2024-10-13T07:30:00.000Z') }), check()), { ok: false, error: 'stale' }, 'recorded two hours ago and replayed');
  t.same(verifyVcAlarm(alarm({ machine: 'stem<script>' }), check()), { ok: false, error: 'malformed' }, 'a name the screen would not show as it is');
  t.throws(() => alarm({ machine: 'x'.repeat(41) }), 'a name too long is a programmer error at the sender');
  const good = alarm();
  fc.assert(
    fc.property(fc.nat(good.length - 1), fc.integer({ min: 1, max: 255 }), (i, x) => {
      const bad = good.slice();
      bad[i] = (bad[i] as number) ^ x;
      return !verifyVcAlarm(bad, check()).ok;
    }),
    { numRuns: 500 },
  );
  for (let n = 0; n < good.length; n++) t.notOk(verifyVcAlarm(good.subarray(0, n), check()).ok, `truncated to ${n}`);
  t.notOk(verifyVcAlarm(new Uint8Array(MAX_VC_ALARM_BYTES + 1), check()).ok, 'too long');
});

t.test('decree art. 4 §3: the software report carries the machine\'s hash, signed like an alarm', async (t) => {
  const sha256 = randomBytes(32);
  const report = encodeVcSoftware({ machine: 'stemcomputer 2', id: randomBytes(16), at, sha256 }, binding, session);
  const r = verifyVcAlarm(report, check());
  t.ok(r.ok && r.value.kind === 'software' && Buffer.from(r.value.sha256).equals(Buffer.from(sha256)), 'the hash as sent');
  const changed = report.slice();
  changed[report.length - 65] = (changed[report.length - 65] as number) ^ 1;
  t.same(verifyVcAlarm(changed, check()), { ok: false, error: 'bad-signature' }, 'a changed hash breaks the signature');
  const asAlarm = report.slice();
  asAlarm[1] = 0;
  t.same(verifyVcAlarm(asAlarm, check()), { ok: false, error: 'malformed' }, 'an alarm kind with a hash attached is no alarm');
  const unknown = report.slice();
  unknown[1] = 4;
  t.same(verifyVcAlarm(unknown, check()), { ok: false, error: 'malformed' }, 'no kind beyond the software report');
  t.ok(report.length <= MAX_VC_ALARM_BYTES);
  t.throws(() => encodeVcSoftware({ machine: 'x', id: randomBytes(16), at, sha256: randomBytes(31) }, binding, session));
});
