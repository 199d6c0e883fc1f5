// Why a pair of sticks cannot be used (opened, reconciled, written), for the console screen.
import type { StickFile, StickPort } from './files.ts';
import type { IoError } from './io.ts';
import type { StickProblem } from './problems.ts';

export type PairProblem =
  | { code: 'io'; port: StickPort; error: IoError; message: string }
  | { code: 'stick'; port: StickPort; problem: StickProblem; message: string }
  | { code: 'wrong-station'; port: StickPort; found: number; message: string }
  | { code: 'different-sticks'; message: string }
  | { code: 'different-sessions'; message: string }
  | { code: 'wrong-stembureau-key'; message: string }
  | { code: 'secrets'; message: string }
  /** The sticks disagree in a way no crash can explain: never repaired automatically. */
  | { code: 'conflict'; file: StickFile; record?: string; message: string }
  /** Both sticks agree, but on something invalid. */
  | { code: 'corrupt'; file: StickFile; record?: string; message: string };

export const IO_MESSAGES: Record<IoError['code'], string> = {
  absent: 'is niet (meer) aanwezig',
  'not-found': 'mist een bestand',
  'read-only': 'is alleen-lezen',
  full: 'is vol',
  io: 'geeft een leesfout of schrijffout',
  'not-regular': 'bevat iets dat geen gewoon bestand is',
  'too-large': 'bevat een bestand dat groter is dan het formaat toelaat',
  timeout: 'antwoordt niet',
};

/** Codes whose detail is a whole sentence naming the file: said as well. */
const SAID: ReadonlySet<IoError['code']> = new Set(['not-regular', 'too-large', 'timeout']);

export const ioProblem = (port: StickPort, error: IoError): PairProblem => ({
  code: 'io',
  port,
  error,
  message: `Stick ${port} ${IO_MESSAGES[error.code]}.${SAID.has(error.code) ? ` ${error.detail}` : ''}`,
});
