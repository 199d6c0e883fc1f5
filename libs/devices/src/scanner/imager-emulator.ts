// An imager's firmware behaviour on the OVS link: the reference next to HARDWARE.md and the
// device the imager driver is tested against over MockBinding.

import { done, err, ok } from '@ovs/basics';
import { DeviceLink } from '../serial/link-device.ts';
import { DeviceClass, NakCode } from '../serial/link-codes.ts';
import type { DeviceIdentity } from '../self-test.ts';
import type { Timers } from '../timers.ts';
import { Command, encodeImagerStatus, Event, symbologyCode, type SymbologyName } from './protocol.ts';

export class ImagerEmulator {
  private readonly link: DeviceLink;
  private enabled = true;
  fault = false;
  readonly beeps: number[] = [];

  constructor(send: (bytes: Uint8Array) => void, options: { readonly timers: Timers; readonly identity?: DeviceIdentity }) {
    this.link = new DeviceLink(send, {
      deviceClass: DeviceClass.imager,
      identity: options.identity ?? { model: 'OVS-IMG-EMU', firmware: '1.0.0', serial: 'EMU-0003' },
      timers: options.timers,
      // A 3 KB scan takes ~260 ms on the wire at 115200 baud: do not resend before the ACK can come.
      eventResendMs: 500,
      status: () => encodeImagerStatus({ enabled: this.enabled, fault: this.fault }),
      handle: (type, p) => {
        switch (type) {
          case Command.getStatus:
            return ok(encodeImagerStatus({ enabled: this.enabled, fault: this.fault }));
          case Command.setEnabled:
            if (p.length !== 1 || (p[0] ?? 9) > 1) return err(NakCode.badPayload);
            this.enabled = p[0] === 1;
            return done;
          case Command.beep:
            if (p.length !== 1) return err(NakCode.badPayload);
            this.beeps.push(p[0] ?? 0);
            return done;
          default:
            return err(NakCode.unknownCommand);
        }
      },
    });
  }

  get isEnabled(): boolean {
    return this.enabled;
  }

  receive(bytes: Uint8Array): void {
    this.link.receive(bytes);
  }

  /** A barcode is held under the imager. Ignored while disabled, as the real one would. */
  scan(bytes: Uint8Array, symbology: SymbologyName = 'qr'): boolean {
    if (!this.enabled || this.fault) return false;
    this.link.emit(Event.decoded, Uint8Array.of(symbologyCode(symbology), ...bytes));
    return true;
  }

  stop(): void {
    this.link.stop();
  }
}
