// A voting computer on simulated devices, started the way `npm start` and the simulation
// start it, with helpers to insert and take out cards and to read what was printed.
import { openSignedBallot, type Ballot } from '@ovs/ballot';
import { decodeQr } from '@ovs/barcode';
import { SimulatedCard, type SimulatedTicket } from '@ovs/devices';
import { ManualTimers } from '@ovs/devices/testing';
import type { WebGuardOptions } from '@ovs/web-guard';
import { memoryLog, planActivationCode, readerReady, startVotingComputer, type LogLine, type ScreenMessage, type SimulatedDevices, type SimulationOptions, type VotingComputerHandle } from '../src/index.ts';
import { stationKit, type PackageOptions, type StationKit } from './support.ts';

export interface Machine {
  kit: StationKit;
  handle: VotingComputerHandle<SimulatedDevices>;
  log: LogLine[];
  timers: ManualTimers | undefined;
  /** A card written with these bytes, or a card taken out before. */
  insert(card: Uint8Array | SimulatedCard): SimulatedCard;
  remove(): void;
  /** A new activation card in, its code typed on the keypad, the card out: the machine is ready for voters. Returns the card (erased by then). */
  activate(): Promise<SimulatedCard>;
  /** Types a code on the keypad screen and waits for the next screen that is not the keypad's or the check's. */
  typeCode(code: string): Promise<ScreenMessage>;
  stop(): Promise<void>;
}

export async function startMachine(
  options: PackageOptions & { station?: number; simulate?: SimulationOptions; manualTimers?: boolean; guard?: WebGuardOptions; console?: { url: string; machine: string } } = {},
): Promise<Machine> {
  const { station = 1, simulate, manualTimers, guard, console, ...packageOptions } = options;
  const kit = await stationKit(packageOptions, station);
  const log: LogLine[] = [];
  const timers = manualTimers ? new ManualTimers() : undefined;
  const r = await startVotingComputer({
    verifiedPackage: kit.demo.verified,
    station,
    ...(simulate ? { simulate } : {}),
    ...(timers ? { timers } : {}),
    ...(guard ? { guard } : {}),
    ...(console ? { console } : {}),
    log: memoryLog(log),
  });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  const handle = r.handle;
  await readerReady(handle.devices.cardReader);
  const terminal = handle.devices.cardReader.terminal;
  const m: Machine = {
    kit,
    handle,
    log,
    timers,
    insert(card) {
      const chip = card instanceof SimulatedCard ? card : SimulatedCard.initialised(card);
      terminal.insert(chip);
      return chip;
    },
    remove() {
      terminal.remove();
    },
    async activate() {
      const voter = handle.voter();
      const card = await kit.activationCard();
      const chip = m.insert(card.bytes);
      await voter.waitFor('activation-code');
      await m.typeCode(card.code);
      await voter.waitFor('activated');
      m.remove();
      await voter.waitFor('insert-card');
      return chip;
    },
    async typeCode(code) {
      const voter = handle.voter();
      await voter.waitFor('activation-code');
      await voter.touchAll(planActivationCode(code));
      return voter.waitFor(['activated', 'activation-code', 'not-activated', 'alarm']);
    },
    stop: () => handle.stop(),
  };
  return m;
}

/** The ballot in a printed ticket: its PNG decoded by zxing-wasm, then verified and decoded. */
export async function readTicket(kit: StationKit, ticket: SimulatedTicket): Promise<Ballot> {
  const scanned = await decodeQr(ticket.png());
  if (!scanned.ok) throw new Error(`barcode: ${scanned.error}`);
  const opened = openSignedBallot(kit.context, scanned.value, kit.station, [kit.sessionVerifier]);
  if (!opened.ok) throw new Error(`ballot: ${opened.error}`);
  return opened.value.ballot;
}

/** Whether a used mark has been written to the simulated card. */
export const cardUsed = (card: SimulatedCard): boolean => !card.memory.subarray(0x420, 0x430).every((b) => b === 0xff);
