// The ballot box's flap, LEDs, deposit sensor and cover switch, as the ballot-box app sees
// them. The flap opens only when the app calls openFlap(); every doubt ends closed.

import type { Result } from '@ovs/basics';
import type { SelfTestOptions, SelfTestReport } from '../self-test.ts';
import type { FlapCloseReason, FlapState, LedMode } from './protocol.ts';

export type { FlapCloseReason, FlapState, LedMode } from './protocol.ts';

export type BallotBoxStatus =
  | { readonly kind: 'disconnected'; readonly reason: 'starting' | 'no-port' | 'silent' | 'wrong-device' | 'closed' }
  | {
      readonly kind: 'connected';
      readonly flap: FlapState;
      readonly red: LedMode;
      readonly green: LedMode;
      readonly cover: 'closed' | 'open';
      readonly depositSensor: 'clear' | 'blocked';
      readonly deposits: number;
    };

export type BallotBoxEvent =
  | { readonly kind: 'deposit'; readonly count: number }
  | { readonly kind: 'flap-opened' }
  | { readonly kind: 'flap-closed'; readonly reason: FlapCloseReason }
  | { readonly kind: 'flap-jammed'; readonly while: 'opening' | 'closing' }
  | { readonly kind: 'cover-opened' }
  | { readonly kind: 'cover-closed' }
  | { readonly kind: 'controller-restarted' }
  | { readonly kind: 'connection-lost' }
  | { readonly kind: 'connection-restored' };

export type BallotBoxResult = Result<void, 'disconnected' | 'timeout' | 'cover-open' | 'flap-jammed' | 'refused'>;

export interface BallotBox {
  readonly implementation: 'simulated' | 'real';
  status(): BallotBoxStatus;
  onEvent(listener: (event: BallotBoxEvent) => void): () => void;
  /** Opens for at most `ms` (500..30000); the controller closes it on a deposit or at the end. */
  openFlap(ms: number): Promise<BallotBoxResult>;
  closeFlap(): Promise<BallotBoxResult>;
  setLeds(leds: { readonly red: LedMode; readonly green: LedMode }): Promise<BallotBoxResult>;
  selfTest(options: SelfTestOptions): Promise<SelfTestReport>;
  close(): Promise<void>;
}
