// Host driver for the card terminal on the OVS serial link. Reads take one snapshot of the
// whole layout; writes are read back and compared; the used mark is a compare-and-write in
// the terminal, so two voting computers can never both use one card.

import { done, err } from '@ovs/basics';
import type { ByteChannel } from '../serial/channel.ts';
import { DeviceClass } from '../serial/link-codes.ts';
import { HostLink, type CommandError, type LinkTiming } from '../serial/link-host.ts';
import { check, report, type SelfTestCheck, type SelfTestOptions, type SelfTestReport } from '../self-test.ts';
import type { Timers } from '../timers.ts';
import {
  encodeCardImage,
  encodeUsedMark,
  LAYOUT_BYTES,
  MAX_PAYLOAD,
  parseCardImage,
  parseUsed,
  USED_BYTES,
  USED_OFFSET,
  USED_TAG_BYTES,
} from './card-layout.ts';
import type { CardAccessError, CardReader, CardReaderEvent, CardReaderStatus, CardReadResult, CardWriteResult, MarkUsedResult } from './card-reader.ts';
import { Command, decodeTerminalStatus, Event, Nak, u16, type TerminalStatus } from './protocol.ts';

/**
 * A WRITE carries the whole card image and is acknowledged only after the terminal wrote
 * and verified it (EEPROM pages take ~5 ms each): allow a second per command.
 */
export const CARD_LINK_TIMING: LinkTiming = { ackTimeoutMs: 1000, retries: 2, heartbeatMs: 500, silenceMs: 2500 };

export class SerialCardReader implements CardReader {
  readonly implementation: 'real' | 'simulated';
  private readonly link: HostLink;
  private slotStatus: TerminalStatus | null = null;
  private readonly listeners = new Set<(e: CardReaderEvent) => void>();

  constructor(
    channel: ByteChannel,
    timers: Timers,
    options: { readonly timing?: LinkTiming; readonly implementation?: 'real' | 'simulated' } = {},
  ) {
    this.implementation = options.implementation ?? 'real';
    this.link = new HostLink(channel, DeviceClass.cardTerminal, timers, options.timing ?? CARD_LINK_TIMING);
    this.link.onHeartbeat((b) => this.remember(b));
    this.link.onEvent((type) => this.onTerminalEvent(type));
    let up = false;
    this.link.onState((s) => {
      switch (s.kind) {
        case 'up':
          void this.link.command(Command.getStatus).then((r) => {
            if (r.ok) this.remember(r.value);
          });
          if (!up) this.emit({ kind: 'reader-found' });
          up = true;
          break;
        case 'down':
          this.slotStatus = null;
          if (up) this.emit({ kind: 'reader-lost' });
          up = false;
          break;
        case 'starting':
          break;
        default:
          s satisfies never;
      }
    });
  }

  status(): CardReaderStatus {
    const s = this.link.state;
    switch (s.kind) {
      case 'starting':
        return { kind: 'no-reader', reason: 'starting' };
      case 'down':
        return { kind: 'no-reader', reason: s.reason };
      case 'up': {
        const t = this.slotStatus;
        if (t === null) return { kind: 'no-reader', reason: 'starting' };
        switch (t.slot) {
          case 'empty':
            return { kind: 'empty' };
          case 'card-present':
            return { kind: 'card-present', capacity: t.capacity, writeProtected: t.writeProtected };
          case 'card-error':
            return { kind: 'card-error' };
          default:
            return t.slot satisfies never;
        }
      }
      default:
        return s satisfies never;
    }
  }

  onEvent(listener: (event: CardReaderEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async read(): Promise<CardReadResult> {
    const r = await this.link.command(Command.read, Uint8Array.of(...u16(0), ...u16(LAYOUT_BYTES)));
    if (!r.ok) return err(accessError(r.error));
    if (r.value.length !== LAYOUT_BYTES) return err('card-error');
    return parseCardImage(r.value);
  }

  async write(payload: Uint8Array): Promise<CardWriteResult> {
    if (payload.length < 1 || payload.length > MAX_PAYLOAD) return err('too-large');
    const t = this.slotStatus;
    if (t?.slot === 'card-present' && t.capacity < LAYOUT_BYTES) return err('card-too-small');
    const image = encodeCardImage(payload);
    // Payload first, then the used area: a write torn in between leaves the old mark (or a
    // bad CRC), so a half-initialised card can never vote.
    const w1 = await this.link.command(Command.write, Uint8Array.of(...u16(0), ...image));
    if (!w1.ok) return err(writeError(w1.error));
    const w2 = await this.link.command(Command.write, Uint8Array.of(...u16(USED_OFFSET), ...new Uint8Array(USED_BYTES).fill(0xff)));
    if (!w2.ok) return err(writeError(w2.error));
    const back = await this.link.command(Command.read, Uint8Array.of(...u16(0), ...u16(LAYOUT_BYTES)));
    if (!back.ok) return err(accessError(back.error));
    const expected = new Uint8Array(LAYOUT_BYTES).fill(0xff);
    expected.set(image, 0);
    return equal(back.value, expected) ? done : err('verify-failed');
  }

  async markUsed(tag: Uint8Array = new Uint8Array(USED_TAG_BYTES)): Promise<MarkUsedResult> {
    if (tag.length > USED_TAG_BYTES) return err('write-failed');
    const mark = encodeUsedMark(tag);
    const r = await this.link.command(Command.markUsed, Uint8Array.of(...u16(USED_OFFSET), ...mark));
    if (!r.ok) {
      if (r.error.code === 'nak' && r.error.nak === Nak.alreadyUsed) return err('already-used');
      return err(writeError(r.error));
    }
    const back = await this.link.command(Command.read, Uint8Array.of(...u16(USED_OFFSET), ...u16(USED_BYTES)));
    if (!back.ok) return err(accessError(back.error));
    const used = parseUsed(back.value);
    return used.kind === 'used' && equal(used.tag, mark.slice(4)) ? done : err('verify-failed');
  }

  async selfTest(options: SelfTestOptions): Promise<SelfTestReport> {
    const checks: SelfTestCheck[] = [];
    const link = this.link.state;
    if (link.kind !== 'up') {
      checks.push(check('link', 'Card terminal answers', 'fail', 'no answer: check cable and power'));
      return report('card-reader', this.implementation, options.phase, null, checks);
    }
    checks.push(check('link', 'Card terminal answers', 'pass', `${link.identity.model} firmware ${link.identity.firmware}`));
    const st = this.status();
    if (st.kind !== 'card-present') {
      checks.push(check('test-card', 'Test card inserted', 'fail', 'insert a technician test card (it will be overwritten) and run again'));
      return report('card-reader', this.implementation, options.phase, link.identity, checks);
    }
    const payload = new TextEncoder().encode('OVS TECHNICIAN TEST CARD');
    const w = await this.write(payload);
    checks.push(check('write', 'Write and verify', w.ok ? 'pass' : 'fail', w.ok ? `${payload.length} bytes written and read back` : w.error));
    const m = w.ok ? await this.markUsed() : null;
    if (m) checks.push(check('mark-used', 'Mark used', m.ok ? 'pass' : 'fail', m.ok ? 'marked and verified' : m.error));
    const again = m?.ok ? await this.markUsed() : null;
    if (again) checks.push(check('mark-once', 'A used card cannot be marked again', !again.ok && again.error === 'already-used' ? 'pass' : 'fail', again.ok ? 'second mark accepted' : again.error));
    if (w.ok) await this.write(payload); // leave the test card unused for the next run
    return report('card-reader', this.implementation, options.phase, link.identity, checks);
  }

  async close(): Promise<void> {
    await this.link.close();
  }

  private remember(bytes: Uint8Array): void {
    const s = decodeTerminalStatus(bytes);
    if (s !== null) this.slotStatus = s;
  }

  private onTerminalEvent(type: number): void {
    switch (type) {
      case Event.inserted:
        this.emit({ kind: 'inserted' });
        break;
      case Event.removed:
        this.slotStatus = { slot: 'empty', capacity: 0, writeProtected: false };
        this.emit({ kind: 'removed' });
        break;
      case Event.cardError:
        this.emit({ kind: 'card-error' });
        break;
      default:
        return;
    }
    // The event says what happened; the status says what is there now.
    void this.link.command(Command.getStatus).then((r) => {
      if (r.ok) this.remember(r.value);
    });
  }

  private emit(e: CardReaderEvent): void {
    for (const l of this.listeners) l(e);
  }
}

function accessError(e: CommandError): CardAccessError {
  switch (e.code) {
    case 'link-down':
      return 'no-reader';
    case 'timeout':
      return 'timeout';
    case 'nak':
      switch (e.nak) {
        case Nak.noCard:
          return 'no-card';
        case Nak.cardRemoved:
          return 'card-removed';
        default:
          return 'card-error';
      }
    default:
      return e satisfies never;
  }
}

function writeError(e: CommandError): CardAccessError | 'write-protected' | 'write-failed' {
  if (e.code === 'nak' && e.nak === Nak.writeProtected) return 'write-protected';
  if (e.code === 'nak' && (e.nak === Nak.writeFailed || e.nak === Nak.outOfRange)) return 'write-failed';
  return accessError(e);
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
