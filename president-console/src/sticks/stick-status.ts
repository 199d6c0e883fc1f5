// What the console shows for each port, and how a stick that is present is judged before
// anyone types a password: readable, writable, a voting stick of this polling station with a
// valid package, room to write.
import { FILES, inspectStickFiles, readStickFiles, type StickIo } from '@ovs/stick';
import type { PollingStation } from '@ovs/election';

export type StickErrorReason = 'unreadable' | 'not-a-voting-stick' | 'wrong-polling-station' | 'bad-package' | 'damaged' | 'full' | 'other-session';

export type StickStatus =
  | { kind: 'absent' }
  | { kind: 'ready'; path: string; station: Pick<PollingStation, 'number' | 'name'>; state: 'blank' | 'in-use' | 'closed' }
  | { kind: 'read-only'; path: string }
  | { kind: 'error'; path: string; reason: StickErrorReason; message: string };

/** Room the event log and closing record need for a day. */
export const MIN_FREE_BYTES = 2 * 1024 * 1024;

export async function judgeStick(io: StickIo, path: string, options: { organiserPublicKey: Uint8Array; station: number }): Promise<StickStatus> {
  const read = await readStickFiles(io);
  if (!read.ok) {
    return read.error.io.code === 'absent' ? { kind: 'absent' } : { kind: 'error', path, reason: 'unreadable', message: `De stick kan niet gelezen worden (${read.error.file}).` };
  }
  const inspected = inspectStickFiles(read.value, { organiserPublicKey: options.organiserPublicKey });
  if (!inspected.ok) {
    const p = inspected.error;
    if (p.file === FILES.label && p.code === 'missing-file') return { kind: 'error', path, reason: 'not-a-voting-stick', message: 'Dit is geen stemstick: hij werd niet door het hoofdbureau voorbereid.' };
    if (p.code === 'package-invalid') return { kind: 'error', path, reason: 'bad-package', message: `Het verkiezingspakket op deze stick is ongeldig of gewijzigd. ${p.message}` };
    return { kind: 'error', path, reason: 'damaged', message: `De stick is beschadigd of gewijzigd: ${p.message}` };
  }
  const stick = inspected.value;
  if (stick.station.number !== options.station) {
    return { kind: 'error', path, reason: 'wrong-polling-station', message: `Deze stick is voor stembureau ${stick.station.name}, niet voor dit stembureau.` };
  }
  const writable = await io.probeWritable();
  if (!writable.ok) {
    if (writable.error.code === 'read-only') return { kind: 'read-only', path };
    if (writable.error.code === 'absent') return { kind: 'absent' };
    if (writable.error.code !== 'full') return { kind: 'error', path, reason: 'unreadable', message: 'Er kan niet op de stick geschreven worden.' };
  }
  const free = await io.freeBytes();
  if (!writable.ok || (free.ok && free.value < MIN_FREE_BYTES && !stick.closing)) {
    return { kind: 'error', path, reason: 'full', message: 'De stick is vol: er is geen plaats voor het logboek van de dag.' };
  }
  const state = stick.closing ? 'closed' : stick.session ? 'in-use' : 'blank';
  return { kind: 'ready', path, station: { number: stick.station.number, name: stick.station.name }, state };
}
