export type { BallotBox, BallotBoxEvent, BallotBoxResult, BallotBoxStatus, FlapCloseReason, FlapState, LedMode } from './ballot-box.ts';
export { createBallotBox, type BallotBoxConfig, type SimulatedBallotBox } from './create-ballot-box.ts';
export { SerialBallotBox } from './serial-ballot-box.ts';
export { BallotBoxControllerEmulator, type ControllerEmulatorOptions } from './controller-emulator.ts';
export { MAX_OPEN_MS, MIN_OPEN_MS } from './protocol.ts';
