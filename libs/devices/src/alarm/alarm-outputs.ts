// The alarm's outputs: a simulated lamp, a GPIO line or LED exposed as a sysfs file
// (/sys/class/gpio/gpioN/value, /sys/class/leds/NAME/brightness), and an alarm module on
// the OVS serial link.

import { writeFile } from 'node:fs/promises';
import { done, err } from '@ovs/basics';
import { DeviceClass } from '../serial/link-codes.ts';
import { HostLink } from '../serial/link-host.ts';
import type { ByteChannel } from '../serial/channel.ts';
import type { Timers } from '../timers.ts';
import { AlarmBase } from './alarm-state.ts';
import type { AlarmResult } from './alarm.ts';

export class SimulatedAlarm extends AlarmBase {
  readonly implementation = 'simulated' as const;
  /** What a person in the polling station would see and hear. */
  sounding = false;
  private broken = false;

  /** Make the output fail (a cut wire), to test how the app copes. */
  setBroken(broken: boolean): void {
    this.broken = broken;
  }

  protected drive(on: boolean): Promise<AlarmResult> {
    if (this.broken) return Promise.resolve(err('write-failed'));
    this.sounding = on;
    return Promise.resolve(done);
  }

  close(): Promise<void> {
    this.sounding = false;
    return Promise.resolve();
  }
}

export class GpioFileAlarm extends AlarmBase {
  readonly implementation = 'real' as const;

  constructor(
    timers: Timers,
    private readonly path: string,
    private readonly activeLow = false,
  ) {
    super(timers);
  }

  protected async drive(on: boolean): Promise<AlarmResult> {
    try {
      await writeFile(this.path, on !== this.activeLow ? '1\n' : '0\n');
      return done;
    } catch {
      return err('write-failed');
    }
  }

  async close(): Promise<void> {
    await this.drive(false);
  }
}

/** Alarm module command: SET_ALARM [0 = off, 1 = on]. Its PING status byte echoes the output. */
export const SET_ALARM = 0x02;

export class SerialAlarm extends AlarmBase {
  readonly implementation = 'real' as const;
  private readonly link: HostLink;

  constructor(channel: ByteChannel, timers: Timers) {
    super(timers);
    this.link = new HostLink(channel, DeviceClass.alarmModule, timers);
    // A module that restarts comes back quiet: put it back in the state the app wants.
    this.link.onState((s) => {
      if (s.kind === 'up') void this.drive(this.status().kind !== 'quiet');
    });
  }

  protected async drive(on: boolean): Promise<AlarmResult> {
    const r = await this.link.command(SET_ALARM, Uint8Array.of(on ? 1 : 0));
    if (r.ok) return done;
    return err(r.error.code === 'nak' ? 'write-failed' : 'disconnected');
  }

  async close(): Promise<void> {
    await this.link.close();
  }
}
