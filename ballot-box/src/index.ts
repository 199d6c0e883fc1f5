// @ovs/ballot-box: the stembus. Scan, verify, register at the president console, open the
// flap — only on a registration (decree art. 19). README.md describes the behaviour.
export { startBallotBox, type BallotBoxHandle, type BallotBoxOptions, type BoxDevices, type PresentResult } from './shell/start.ts';
export type { BoxSnapshot, ConsoleLinkOptions } from './shell/box.ts';
export type { DisplayView, Tone } from './machine/display.ts';
export { displayOf, NOTICES } from './machine/display.ts';
export { DEFAULT_TIMING, initialModel, isBusy, ledsFor, step, type BoxModel, type BoxState, type Command, type Input, type LogEntry, type MachineConfig, type Notice } from './machine/machine.ts';
export { checkBallot, faultOf, type BallotCheck, type BallotFault } from './machine/check-ballot.ts';
export { readStatus, stationKeys, type SessionView, type StationKeys } from './machine/console-session.ts';
export { consoleRefusal, FAULT_TEXT, REFUSALS, type FaultCause, type RefusalInfo, type RefusalReason } from './machine/refusals.ts';
export { ScanGate, sightingOf, type GateOutput, type Sighting } from './shell/scan-gate.ts';
export { formatTestReport, runSelfTest, type BoxTestReport, type SelfTestOutcome } from './shell/self-test.ts';
export { createRescanner, rescanBallots, type RescanInput, type RescanOptions, type RescanOutcome, type RescanRefusal, type RescanResult, type Rescanner } from './rescan.ts';
export type { LogRecord } from './shell/box-log.ts';
