// The camera under the glass: ten frames a second, a ballot in many of them. One presentation is
// one scan; a ballot left lying on the glass after the flap closed does not reopen it until it is
// lifted and laid down again (the voter's re-scan, seed 001 §XIV.3); a damaged code is refused
// once, and only when no good read follows within the grace period.
import t from 'tap';
import type { GrayImage } from '@ovs/devices';
import { asFrame, ballot, ballotPhoto, SeededRandom, sign } from './support/election.ts';
import { openDay, waitFor, type DayRig } from './support/rig.ts';
import { damagedPng } from './support/scans.ts';
import { pngToGray } from '@ovs/devices';
import { photographBallot } from '@ovs/barcode/degrade';

const FRAME_MS = 100;

function emptyGlass(): GrayImage {
  const data = new Uint8Array(1280 * 960);
  for (let i = 0; i < data.length; i++) data[i] = 100 + ((i * 7919) % 23);
  return { width: 1280, height: 960, data };
}

/** Feeds `frames` one per 100 ms of the box's clock, cycling through them, for `ms`. */
async function film(day: DayRig, frames: GrayImage[], ms: number): Promise<void> {
  for (let at = 0, i = 0; at < ms; at += FRAME_MS, i++) {
    day.box.simulated!.scanner.feedImage(frames[i % frames.length]!);
    await day.timers.run(FRAME_MS);
    await day.box.until((b) => b.state !== 'verifying' && b.state !== 'registering' && b.state !== 'opening');
  }
}

t.test('a ballot lying on the glass is one scan; lifted and laid down again after the flap closed, it reopens the flap', async (t) => {
  const day = await openDay(t, { box: { scan: { unreadableGraceMs: 800 } } });
  const sim = day.box.simulated!;
  const signed = sign(day.session, ballot(new SeededRandom('camera')));
  const photos = [1, 2, 3].map((seed) => ballotPhoto(signed, seed));
  const empty = [emptyGlass()];
  await film(day, empty, 300);
  await film(day, photos, 1000);
  t.equal(day.box.snapshot().state, 'flap-open');
  t.equal(day.registered(), 1);
  t.equal(sim.ballotBox.controller.openCommands, 1, 'ten frames of one ballot: one opening');
  await film(day, photos, 5000); // the voter leaves it on the glass; the flap times out
  t.equal(sim.ballotBox.controller.state.flap, 'closed');
  t.equal(sim.ballotBox.controller.openCommands, 1, 'still lying there: the flap does not open by itself');
  await film(day, empty, 400); // lifted
  await film(day, photos, 500); // and laid down again
  t.equal(day.box.snapshot().state, 'flap-open', 'the re-scan reopens it');
  t.equal(sim.ballotBox.controller.openCommands, 2);
  t.equal(day.registered(), 1, 'counted once');
});

t.test('a damaged code is refused once per presentation, and not at all when a good read follows quickly', async (t) => {
  const day = await openDay(t, { box: { scan: { unreadableGraceMs: 800 } } });
  const random = new SeededRandom('torn');
  const tornPng = pngToGray(damagedPng(sign(day.session, ballot(random))));
  if (!tornPng.ok) throw new Error('png');
  const torn = [1, 2].map((seed) => asFrame(photographBallot(tornPng.value, { seed })));
  const refusals = (): number => day.box.log().filter((r) => r.entry.kind === 'refused' && r.entry.reason === 'unreadable').length;
  await film(day, torn, 3000);
  t.equal(refusals(), 1, 'three seconds of a torn ballot: one refusal');
  t.equal(day.box.snapshot().reason, 'unreadable');
  await waitFor(() => day.alerts().some((m) => m.includes('kan de barcode niet lezen')));
  await film(day, [emptyGlass()], 300);
  // Laid down crooked (unreadable for a moment), then straight: no refusal, the flap opens.
  const signed = sign(day.session, ballot(random));
  await film(day, torn, 300);
  await film(day, [ballotPhoto(signed, 5)], 300);
  t.equal(refusals(), 1, 'no second refusal');
  t.equal(day.box.snapshot().state, 'flap-open');
  t.equal(day.registered(), 1);
});
