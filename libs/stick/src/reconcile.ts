// Bringing two sticks of one session to the same content after a crash, a pulled stick or a
// replacement stick. The rules follow from the write protocol (A, fsync, B, fsync, then
// acknowledge), under which only the last write can be missing or torn on one stick:
//   - a file or record present on one stick only is completed on the other;
//   - a torn last event record is cut off (then completed from the other stick if it has it);
//   - a slot valid on one stick and empty or torn on the other gets the valid content;
//   - a slot torn on one stick and empty on the other was never acknowledged: it is emptied;
//   - two different valid contents for one thing is a conflict: reported, never repaired.
// Nothing is ever dropped that is valid on either stick, and nothing is duplicated.
import { err, ok, type Result } from '@ovs/basics';
import { bytesEqual, concatList, type Verifier } from '@ovs/crypto';
import { openSignedBallot, type BallotContext } from '@ovs/ballot';
import { FILES, type StickPort } from './files.ts';
import type { StickIo } from './io.ts';
import type { InspectedStick } from './inspect.ts';
import { parseEventLog } from './event-log.ts';
import { openSlot, slotOffset, slotState, type SlotHeader } from './slot-file.ts';
import { ioProblem, type PairProblem } from './pair-problem.ts';

export interface Side {
  port: StickPort;
  io: StickIo;
  stick: InspectedStick;
}

export interface ReconcileKeys {
  sessionId: Uint8Array;
  macKey: Uint8Array;
  /** Undefined once the secrets are erased (after closing): slots can then only be compared. */
  ballotKey: Uint8Array | undefined;
  /** The readable sealed secrets, to be on both sticks; undefined after closing. */
  secretsFile: Uint8Array | undefined;
  sessionVerifier: Verifier;
  context: BallotContext;
  station: number;
  /** Lines the console holds in memory that may not have reached either stick yet. */
  memoryLines?: readonly Uint8Array[];
}

export interface Completion {
  to: StickPort;
  files: number;
  events: number;
  ballots: number;
  slotsEmptied: number;
  tornEventBytes: number;
}

export interface ReconcileOutcome {
  completions: Completion[];
  /** Slot indexes whose ballot was completed from one stick of the session to the other (the write in flight). */
  completedSlots: number[];
  /** The union log, line by line. */
  lines: Uint8Array[];
  slots: Uint8Array;
}

type Reconciled = Result<ReconcileOutcome, PairProblem>;

function validBallot(h: SlotHeader, keys: ReconcileKeys, index: number, slot: Uint8Array): boolean {
  if (!keys.ballotKey) return false;
  const opened = openSlot(h, keys.sessionId, index, keys.ballotKey, slot);
  if (!opened.ok) return false;
  const ballot = openSignedBallot(keys.context, opened.value, keys.station, [keys.sessionVerifier]);
  return ballot.ok && !ballot.value.ballot.test;
}

/** The longest log of the two sticks and the console's memory, when every other is a prefix of it. */
interface UnionLog {
  lines: Uint8Array[];
  torn: Record<StickPort, number>;
  valid: Record<StickPort, number>;
}

function unionLog(a: Side, b: Side, keys: ReconcileKeys): Result<UnionLog, PairProblem> {
  const parsed: Partial<Record<StickPort, { lines: Uint8Array[]; validBytes: number; tornBytes: number }>> = {};
  for (const side of [a, b]) {
    const log = parseEventLog(side.stick.eventsBytes ?? new Uint8Array(0), keys.sessionId, keys.macKey);
    if (!log.ok) {
      return err({ code: 'corrupt', file: FILES.events, record: `regel ${log.error.line}`, message: `Stick ${side.port}, ${FILES.events}, regel ${log.error.line}: ${log.error.why}.` });
    }
    parsed[side.port] = { lines: log.value.lines, validBytes: log.value.validBytes, tornBytes: log.value.tornBytes };
  }
  const la = parsed.A?.lines ?? [];
  const lb = parsed.B?.lines ?? [];
  const memory = keys.memoryLines ?? [];
  const candidates: Array<[string, readonly Uint8Array[]]> = [
    ['stick A', la],
    ['stick B', lb],
    ['het geheugen van de console', memory],
  ];
  let longest: readonly Uint8Array[] = [];
  for (const [, lines] of candidates) if (lines.length > longest.length) longest = lines;
  for (const [where, lines] of candidates) {
    for (let i = 0; i < lines.length; i++) {
      if (!bytesEqual(lines[i] as Uint8Array, longest[i] as Uint8Array)) {
        return err({ code: 'conflict', file: FILES.events, record: `regel ${i + 1}`, message: `${FILES.events}, regel ${i + 1}: ${where} heeft een ander record dan de andere stick.` });
      }
    }
  }
  return ok({
    lines: [...longest],
    torn: { A: parsed.A?.tornBytes ?? 0, B: parsed.B?.tornBytes ?? 0 },
    valid: { A: la.length, B: lb.length },
  });
}

function unionSlots(a: Side, b: Side, keys: ReconcileKeys): Result<{ slots: Uint8Array; completed: number[] }, PairProblem> {
  const h = a.stick.header;
  const sa = a.stick.slots;
  const sb = b.stick.slots;
  if (bytesEqual(sa, sb)) return ok({ slots: new Uint8Array(sa), completed: [] });
  const out = new Uint8Array(sa);
  const completed: number[] = [];
  for (let i = 0; i < h.capacity; i++) {
    const off = slotOffset(h, i);
    const x = sa.subarray(off, off + h.slotSize);
    const y = sb.subarray(off, off + h.slotSize);
    if (bytesEqual(x, y)) continue;
    const vx = validBallot(h, keys, i, x);
    const vy = validBallot(h, keys, i, y);
    if (vx && vy) {
      return err({ code: 'conflict', file: FILES.slots, record: `vak ${i}`, message: `${FILES.slots}, vak ${i}: de twee sticks hebben er een verschillend geldig stembiljet in.` });
    }
    if (!keys.ballotKey) {
      return err({ code: 'conflict', file: FILES.slots, record: `vak ${i}`, message: `${FILES.slots}, vak ${i}: de sticks verschillen na de afsluiting.` });
    }
    if (vx) {
      completed.push(i);
    } else if (vy) {
      out.set(y, off);
      completed.push(i);
    } else {
      // Torn on one side, empty (or torn) on the other: a write that was never acknowledged.
      out.fill(0, off, off + h.slotSize);
    }
  }
  // The header is never written after preparation; the sticks were checked to agree on it.
  return ok({ slots: out, completed });
}

/** Decides the union of two sticks of one session and writes it to whichever lacks it. */
export async function reconcileSides(a: Side, b: Side, keys: ReconcileKeys): Promise<Reconciled> {
  const unionedLog = unionLog(a, b, keys);
  if (!unionedLog.ok) return unionedLog;
  const log = unionedLog.value;
  const unionedSlots = unionSlots(a, b, keys);
  if (!unionedSlots.ok) return unionedSlots;
  const slots = unionedSlots.value;

  const closingA = a.stick.closing;
  const closingB = b.stick.closing;
  if (closingA && closingB && !bytesEqual(closingA.bytes, closingB.bytes)) {
    return err({ code: 'conflict', file: FILES.closingJson, message: `${FILES.closingJson}: de twee sticks hebben een verschillende afsluiting.` });
  }
  const closing = closingA ?? closingB;
  const session = a.stick.session ?? b.stick.session;
  if (!session) throw new Error('reconcileSides: needs a session');
  const secrets = keys.secretsFile;

  const completions: Completion[] = [];
  for (const side of [a, b]) {
    const c: Completion = { to: side.port, files: 0, events: 0, ballots: 0, slotsEmptied: 0, tornEventBytes: 0 };
    const io = side.io;
    const step = async (r: ReturnType<StickIo['sync']>): Promise<PairProblem | undefined> => {
      const done = await r;
      return done.ok ? undefined : ioProblem(side.port, done.error);
    };
    if (!side.stick.session) {
      if (secrets && !closing) {
        const p = await step(io.replace(FILES.secrets, secrets));
        if (p) return err(p);
      }
      for (const [name, bytes] of [
        [FILES.sessionSig, session.signatureFile],
        [FILES.sessionJson, session.bytes],
      ] as const) {
        const p = await step(io.replace(name, bytes));
        if (p) return err(p);
        c.files++;
      }
    } else if (!closing && secrets && (!side.stick.secrets || !bytesEqual(side.stick.secrets, secrets))) {
      const p = await step(io.replace(FILES.secrets, secrets));
      if (p) return err(p);
      c.files++;
    }

    const valid = log.valid[side.port];
    const torn = log.torn[side.port];
    if (torn > 0) {
      const p = await step(io.truncate(FILES.events, logLength(log.lines, valid)));
      if (p) return err(p);
      c.tornEventBytes = torn;
    }
    if (log.lines.length > valid) {
      const missing = log.lines.slice(valid);
      const p = (await step(io.append(FILES.events, concatList(missing)))) ?? (await step(io.sync(FILES.events)));
      if (p) return err(p);
      c.events = missing.length;
    }

    const h = side.stick.header;
    let wrote = false;
    for (let i = 0; i < h.capacity; i++) {
      const off = slotOffset(h, i);
      const mine = side.stick.slots.subarray(off, off + h.slotSize);
      const want = slots.slots.subarray(off, off + h.slotSize);
      if (bytesEqual(mine, want)) continue;
      const p = await step(io.writeAt(FILES.slots, off, want));
      if (p) return err(p);
      wrote = true;
      if (slotState(want) === 'empty') c.slotsEmptied++;
      else c.ballots++;
    }
    if (wrote) {
      const p = await step(io.sync(FILES.slots));
      if (p) return err(p);
    }

    if (closing && !side.stick.closing) {
      for (const [name, bytes] of [
        [FILES.closingSig, closing.signatureFile],
        [FILES.closingJson, closing.bytes],
      ] as const) {
        const p = await step(io.replace(name, bytes));
        if (p) return err(p);
        c.files++;
      }
    }
    if (c.files + c.events + c.ballots + c.slotsEmptied + c.tornEventBytes > 0) completions.push(c);
  }
  // Only between two sticks of the session is a completed slot "the write in flight"; a blank
  // replacement stick gets every ballot and none of them is more recent than another.
  const inFlight = a.stick.session && b.stick.session ? slots.completed : [];
  return ok({ completions, completedSlots: inFlight, lines: log.lines, slots: slots.slots });
}

const logLength = (lines: readonly Uint8Array[], count: number): number => lines.slice(0, count).reduce((n, l) => n + l.length, 0);

