// The one way to get the ballot box's controller: hardware on a serial port, or the
// simulator, which is the same driver talking to the controller emulator over an
// in-memory line (so the demo exercises the driver's safety rules too).

import { openSerialChannel, type SerialBinding } from '../serial/channel.ts';
import { createPipe } from '../serial/pipe.ts';
import { realTimers, type Timers } from '../timers.ts';
import type { BallotBox } from './ballot-box.ts';
import { BallotBoxControllerEmulator } from './controller-emulator.ts';
import { SerialBallotBox } from './serial-ballot-box.ts';

export type BallotBoxConfig =
  | { readonly kind: 'simulated'; readonly flapTravelMs?: number }
  | { readonly kind: 'serial'; readonly path: string; readonly baudRate: number; readonly binding?: SerialBinding };

export interface SimulatedBallotBox extends BallotBox {
  /** The controller's physical side: deposit a ballot, open the cover, jam the flap. */
  readonly controller: BallotBoxControllerEmulator;
  /** Cut and mend the cable between host and controller. */
  pullCable(): void;
  plugCable(): void;
}

export function createBallotBox(config: { kind: 'simulated'; flapTravelMs?: number }, timers?: Timers): SimulatedBallotBox;
export function createBallotBox(config: BallotBoxConfig, timers?: Timers): BallotBox;
export function createBallotBox(config: BallotBoxConfig, timers: Timers = realTimers()): BallotBox {
  switch (config.kind) {
    case 'simulated': {
      const pipe = createPipe();
      const controller = new BallotBoxControllerEmulator((b) => pipe.device.send(b), { timers, flapTravelMs: config.flapTravelMs });
      pipe.device.onReceive((b) => controller.receive(b));
      const driver = new SerialBallotBox(pipe.host, timers, { implementation: 'simulated' });
      return Object.assign(driver, {
        controller,
        pullCable: () => pipe.cut(),
        plugCable: () => pipe.mend(),
      });
    }
    case 'serial':
      return new SerialBallotBox(openSerialChannel({ path: config.path, baudRate: config.baudRate, binding: config.binding }, timers), timers);
    default:
      return config satisfies never;
  }
}
