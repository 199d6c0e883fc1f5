// The voting computer's log: events with outcomes, never a vote, a card's bytes, a ballot id
// or a key (STYLE.md). The type allows only flat primitive details, so a vote or a byte array
// cannot be passed by accident; the no-trace test reads every line back.
// An event of one voter's visit (card in, refused, printed, visualised, an alarm or a failure
// during it) is dated to the hour only, like the voter events on the president console's sticks
// (@ovs/stick VOTER_EVENT_TYPES): a line to the millisecond could be matched to the aanstiplijst.
export type LogDetail = Record<string, string | number | boolean>;

export type Logger = (event: string, detail: LogDetail) => void;

export interface LogLine {
  at: string;
  event: string;
  detail: LogDetail;
}

export const silentLog: Logger = () => undefined;

/** The events of one voter's visit at the machine. */
export const VOTER_LOG_EVENTS: ReadonlySet<string> = new Set(['session-started', 'card-refused', 'ballot-printed', 'visualised', 'alarm', 'print-failed', 'card-mark-failed', 'alarm-output-failed']);

const HOUR_MS = 3_600_000;

/** The time a line gets: the start of the hour for a voter's event, else exact. */
export function logTime(event: string, now: Date = new Date()): string {
  return VOTER_LOG_EVENTS.has(event) ? new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS).toISOString() : now.toISOString();
}

/** JSON lines on stderr, tagged with the machine's name. */
export function stderrLog(name: string): Logger {
  return (event, detail) => {
    process.stderr.write(`${JSON.stringify({ at: logTime(event), machine: name, event, ...detail })}\n`);
  };
}

/** Keeps lines in memory (tests read them back). */
export function memoryLog(lines: LogLine[]): Logger {
  return (event, detail) => {
    lines.push({ at: logTime(event), event, detail: { ...detail } });
  };
}
