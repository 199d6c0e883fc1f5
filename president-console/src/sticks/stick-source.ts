// Where the console finds its two sticks. One interface, two implementations: configured
// mount points (real USB ports, mounted by udev rules, see HARDWARE.md) and two folders
// (simulator). Nothing else in the console knows which it got.
import type { StickIo, StickPort } from '@ovs/stick';

export type StickPresence = { kind: 'absent' } | { kind: 'present'; path: string };

export interface StickSource {
  readonly kind: 'mount-points' | 'simulated';
  presence(port: StickPort): Promise<StickPresence>;
  /** I/O on the stick now in `port` (a fresh one for every insertion). */
  io(port: StickPort): StickIo;
}

export { PORTS } from '@ovs/stick';
