// Preparing blank sticks for a polling station (what the hoofdbureau does before election
// day): the package, a preallocated slot file of zeros, and the label — written last, so a
// stick whose preparation was interrupted is never taken for a voting stick.
import { err, ok, type Err, type Result } from '@ovs/basics';
import { findStation, verifyPackage } from '@ovs/election';
import { createBallotContext, maxPayloadBytes, SIGNATURE_BYTES } from '@ovs/ballot';
import { FILES, LABEL_FORMAT } from './files.ts';
import { createNodeStickIo, type IoError, type StickIo } from './io.ts';
import { encodeLabel } from './label.ts';
import { encodeSignatureFile } from './signature-file.ts';
import { encodeSlotHeader, MAX_CAPACITY, slotFileBytes, slotSizeFor } from './slot-file.ts';

export interface PrepareOptions {
  packageBytes: Uint8Array;
  packageSignature: Uint8Array;
  organiserPublicKey: Uint8Array;
  station: number;
  /** Number of ballot slots; by default twice the registered voters, at least 1024. */
  capacity?: number;
}

export type PrepareError =
  | { code: 'package-invalid'; message: string }
  | { code: 'unknown-station'; message: string }
  | { code: 'bad-capacity'; message: string }
  | { code: 'not-blank'; message: string }
  | { code: 'full'; message: string }
  | { code: 'io'; error: IoError; message: string };

/** What was written: the slot file's layout and size. */
export interface PreparedStick {
  capacity: number;
  slotSize: number;
  /** Bytes of ballots.slots. */
  bytes: number;
}

export type PrepareResult = Result<PreparedStick, PrepareError>;

/** Room kept free for the event log and the closing record. */
export const RESERVE_BYTES = 4 * 1024 * 1024;

export const defaultCapacity = (registeredVoters: number): number => Math.max(1024, 2 * registeredVoters);

export async function prepareStick(target: string | StickIo, options: PrepareOptions): Promise<PrepareResult> {
  const io = typeof target === 'string' ? createNodeStickIo(target) : target;
  try {
    return await prepare(io, options);
  } finally {
    if (typeof target === 'string') await io.close();
  }
}

async function prepare(io: StickIo, options: PrepareOptions): Promise<PrepareResult> {
  const verified = verifyPackage(options.packageBytes, options.packageSignature, options.organiserPublicKey);
  if (!verified.ok) return err({ code: 'package-invalid', message: verified.error.message });
  const pkg = verified.value;
  const station = findStation(pkg.election, options.station);
  if (!station) return err({ code: 'unknown-station', message: `Stembureau ${options.station} staat niet in het verkiezingspakket.` });
  const capacity = options.capacity ?? defaultCapacity(station.registeredVoters);
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > MAX_CAPACITY) {
    return err({ code: 'bad-capacity', message: `Een stick heeft tussen 1 en ${MAX_CAPACITY} vakken, niet ${capacity}.` });
  }
  const layouts = createBallotContext(pkg).stations.get(station.number) ?? [];
  const slotSize = slotSizeFor(maxPayloadBytes(layouts) + SIGNATURE_BYTES);

  // Never wipe a stick that holds a session: it may hold the votes of a polling station.
  for (const name of [FILES.sessionJson, FILES.events, FILES.closingJson]) {
    const exists = await io.exists(name);
    if (!exists.ok) return ioFailure(exists.error);
    if (exists.value) return err({ code: 'not-blank', message: `Deze stick werd al gebruikt (${name} staat erop); hij wordt niet gewist.` });
  }
  const probe = await io.probeWritable();
  if (!probe.ok) return ioFailure(probe.error);
  const size = slotFileBytes({ slotSize, capacity });
  const free = await io.freeBytes();
  if (!free.ok) return ioFailure(free.error);
  const needed = size + options.packageBytes.length + RESERVE_BYTES;
  if (free.value < needed) {
    return err({ code: 'full', message: `Er is ${Math.floor(free.value / 1024)} kB vrij op de stick; er is ${Math.ceil(needed / 1024)} kB nodig.` });
  }

  for (const name of [FILES.label, FILES.secrets, FILES.sessionSig, FILES.closingSig]) {
    const gone = await io.erase(name);
    if (!gone.ok) return ioFailure(gone.error);
  }
  const steps: Array<() => ReturnType<StickIo['replace']>> = [
    () => io.replace(FILES.packageJson, options.packageBytes),
    () => io.replace(FILES.packageSig, encodeSignatureFile(options.packageSignature)),
    () => io.createZeroed(FILES.slots, size),
    () => io.writeAt(FILES.slots, 0, encodeSlotHeader({ station: station.number, packageHash: pkg.hash, slotSize, capacity })),
    () => io.sync(FILES.slots),
    () =>
      io.replace(
        FILES.label,
        encodeLabel({
          format: LABEL_FORMAT,
          station: station.number,
          stationName: station.name,
          electionDate: pkg.election.electionDate,
          packageHash: pkg.hash,
        }),
      ),
  ];
  for (const step of steps) {
    const r = await step();
    if (!r.ok) return ioFailure(r.error);
  }
  return ok({ capacity, slotSize, bytes: size });
}

function ioFailure(error: IoError): Err<PrepareError> {
  switch (error.code) {
    case 'full':
      return err({ code: 'full', message: `De stick is vol (${error.detail}).` });
    case 'read-only':
      return err({ code: 'io', error, message: `De stick is alleen-lezen (${error.detail}).` });
    case 'absent':
    case 'not-found':
    case 'io':
    case 'not-regular':
    case 'too-large':
    case 'timeout':
      return err({ code: 'io', error, message: `De stick kan niet beschreven worden (${error.detail}).` });
  }
}

