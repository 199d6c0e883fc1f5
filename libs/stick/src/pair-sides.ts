// Both sticks read whole and inspected with public keys, and checked to belong together: the
// same station, the same package, the same slot layout. Opening and reattaching start here.
import { err, ok, type Result } from '@ovs/basics';
import { bytesEqual } from '@ovs/crypto';
import { PORTS, type StickPort } from './files.ts';
import type { StickIo } from './io.ts';
import { inspectStickFiles } from './inspect.ts';
import { ioProblem, type PairProblem } from './pair-problem.ts';
import { readStickFiles } from './read.ts';
import type { Side } from './reconcile.ts';

export type ReadSides = Result<[Side, Side], PairProblem>;

export async function readSides(ios: Record<StickPort, StickIo>, organiserPublicKey: Uint8Array, station: number, packageHash: Uint8Array | undefined): Promise<ReadSides> {
  const sides: Side[] = [];
  for (const port of PORTS) {
    const io = ios[port];
    const read = await readStickFiles(io);
    if (!read.ok) return err(ioProblem(port, read.error.io));
    const inspected = inspectStickFiles(read.value, { organiserPublicKey });
    if (!inspected.ok) return err({ code: 'stick', port, problem: inspected.error, message: `Stick ${port}: ${inspected.error.message}` });
    const stick = inspected.value;
    if (stick.station.number !== station) {
      return err({ code: 'wrong-station', port, found: stick.station.number, message: `Stick ${port} is voor stembureau ${stick.station.name}, niet voor dit stembureau.` });
    }
    if (packageHash && !bytesEqual(stick.pkg.hash, packageHash)) {
      return err({ code: 'different-sticks', message: `Stick ${port} heeft een ander verkiezingspakket.` });
    }
    sides.push({ port, io, stick });
  }
  const [a, b] = sides as [Side, Side];
  if (!bytesEqual(a.stick.pkg.hash, b.stick.pkg.hash)) return err({ code: 'different-sticks', message: 'De twee sticks hebben een verschillend verkiezingspakket.' });
  const ha = a.stick.header;
  const hb = b.stick.header;
  if (ha.slotSize !== hb.slotSize || ha.capacity !== hb.capacity) {
    return err({ code: 'different-sticks', message: 'De twee sticks werden verschillend voorbereid (ander aantal vakken).' });
  }
  return ok([a, b]);
}

