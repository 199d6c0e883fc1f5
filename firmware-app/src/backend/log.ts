// The voting computer's log: events with outcomes, never a vote, a card's bytes, a ballot id
// or a key (STYLE.md). The type allows only flat primitive details, so a vote or a byte array
// cannot be passed by accident; the no-trace test reads every line back.
export type LogDetail = Record<string, string | number | boolean>;

export type Logger = (event: string, detail: LogDetail) => void;

export interface LogLine {
  at: string;
  event: string;
  detail: LogDetail;
}

export const silentLog: Logger = () => undefined;

/** JSON lines on stderr, tagged with the machine's name. */
export function stderrLog(name: string): Logger {
  return (event, detail) => {
    process.stderr.write(`${JSON.stringify({ at: new Date().toISOString(), machine: name, event, ...detail })}\n`);
  };
}

/** Keeps lines in memory (tests read them back). */
export function memoryLog(lines: LogLine[]): Logger {
  return (event, detail) => {
    lines.push({ at: new Date().toISOString(), event, detail: { ...detail } });
  };
}
