// The console's memory of a session, rebuilt from the reconciled sticks: the log (HMACs and chain
// checked), every stored ballot opened and verified, the id index, the free slots and the
// per-election counts. Pure: bytes in, state or the problem out.
import { err, ok, type Result } from '@ovs/basics';
import { concatList, toHex, type Verifier } from '@ovs/crypto';
import { openSignedBallot, type BallotContext } from '@ovs/ballot';
import { FILES } from './files.ts';
import { parseEventLog, type StickEvent } from './event-log.ts';
import type { PairProblem } from './pair-problem.ts';
import { openSlot, slotOffset, SLOT_USED, type SlotHeader } from './slot-file.ts';
import { FreeSlots } from './slot-choice.ts';

export interface LoadInput {
  lines: Uint8Array[];
  slots: Uint8Array;
  header: SlotHeader;
  sessionId: Uint8Array;
  macKey: Uint8Array;
  /** Undefined once the secrets are erased (closed): the ballots are not opened then. */
  ballotKey: Uint8Array | undefined;
  context: BallotContext;
  station: number;
  sessionVerifier: Verifier;
  elections: readonly string[];
}

export interface PairMemory {
  lines: Uint8Array[];
  events: StickEvent[];
  slots: Uint8Array;
  free: FreeSlots;
  /** Ballot ids (hex) and per-election counts; undefined without the ballot key. */
  ids: Set<string> | undefined;
  perElection: Record<string, number> | undefined;
  /** Slot index → ballot id, to tell which ballot a reconciliation completed. */
  idBySlot: Map<number, string>;
}

export function loadMemory(x: LoadInput): Result<PairMemory, PairProblem> {
  const parsed = parseEventLog(concatList(x.lines), x.sessionId, x.macKey);
  if (!parsed.ok || parsed.value.tornBytes > 0) return err({ code: 'corrupt', file: FILES.events, message: `${FILES.events}: het logboek is beschadigd.` });
  const ids = new Set<string>();
  const idBySlot = new Map<number, string>();
  const used: number[] = [];
  const perElection: Record<string, number> = Object.fromEntries(x.elections.map((id) => [id, 0]));
  const h = x.header;
  for (let i = 0; i < h.capacity; i++) {
    const off = slotOffset(h, i);
    if (x.slots[off] !== SLOT_USED) continue;
    used.push(i);
    if (!x.ballotKey) continue;
    const opened = openSlot(h, x.sessionId, i, x.ballotKey, x.slots.subarray(off, off + h.slotSize));
    const ballot = opened.ok ? openSignedBallot(x.context, opened.value, x.station, [x.sessionVerifier]) : undefined;
    if (!ballot?.ok || ballot.value.ballot.test) {
      return err({ code: 'corrupt', file: FILES.slots, record: `vak ${i}`, message: `${FILES.slots}, vak ${i}: onleesbaar op beide sticks.` });
    }
    const id = toHex(ballot.value.ballot.ballotId);
    if (ids.has(id)) return err({ code: 'corrupt', file: FILES.slots, record: `vak ${i}`, message: `${FILES.slots}, vak ${i}: stembiljet staat twee keer op de sticks.` });
    ids.add(id);
    idBySlot.set(i, id);
    for (const ev of ballot.value.ballot.vote.elections) perElection[ev.election] = (perElection[ev.election] ?? 0) + 1;
  }
  const withKey = x.ballotKey !== undefined;
  return ok({ lines: x.lines, events: parsed.value.events, slots: x.slots, free: new FreeSlots(h.capacity, used), ids: withKey ? ids : undefined, perElection: withKey ? perElection : undefined, idBySlot });
}
