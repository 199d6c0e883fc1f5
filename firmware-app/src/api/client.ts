// A client of the voting computer's API, for the kiosk page (relative URLs) and for Node
// (the headless driver: simulation, tests, benchmarks). Uses only fetch, through the web
// guard's client: every touch goes with the session's CSRF token, which it gets from the
// machine's own GET /session as the page does (no way around the guard for programs).
import type { Language } from '@ovs/election';
import { createGuardedClient } from '@ovs/web-guard/client';
import type { ScreenKind, VoterAction } from '../flow/index.ts';
import type { TechnicianAction } from '../technician/view.ts';
import type { ActionResponse, ScreenMessage, TechnicianResponse } from './protocol.ts';

export interface VotingClient {
  /** The current screen. */
  screen(): Promise<ScreenMessage>;
  /** Waits until the screen numbered `after` has been replaced (server holds ≤ 25 s). */
  next(after: number, signal?: AbortSignal): Promise<ScreenMessage>;
  /** One touch on screen `seq`. */
  act(seq: number, action: VoterAction): Promise<ActionResponse>;
  /** One touch on the technician screen `seq` (test mode). */
  technician(seq: number, action: TechnicianAction): Promise<TechnicianResponse>;
  /** Gets the session of the web guard now (the kiosk page, when it loads). */
  ready(): Promise<void>;
}

export function createVotingClient(baseUrl = ''): VotingClient {
  const http = createGuardedClient(baseUrl);
  const json = async <T>(response: Response): Promise<T> => {
    if (!response.ok) throw new Error(`voting computer: HTTP ${response.status}`);
    return (await response.json()) as T;
  };
  return {
    screen: async () => json<ScreenMessage>(await http.get('/api/screen')),
    next: async (after, signal) => json<ScreenMessage>(await http.get(`/api/screen?after=${after}`, signal ? { signal } : {})),
    act: async (seq, action) => json<ActionResponse>(await http.post('/api/action', { seq, action })),
    technician: async (seq, action) => json<TechnicianResponse>(await http.post('/api/technician', { seq, action })),
    ready: () => http.ready(),
  };
}

/** Failure of the headless driver: the screen it found, and why it stopped. */
export class DriverError extends Error {
  constructor(
    message: string,
    readonly last: ScreenMessage,
  ) {
    super(`${message} (screen: ${last.screen.body.kind})`);
  }
}

/**
 * The headless voter's hands: touches in order, each on the screen it was meant for, and
 * waits for device-driven screens. Every touch must be accepted, or it throws.
 */
export class HeadlessVoter {
  private current: ScreenMessage | undefined;

  constructor(readonly client: VotingClient) {}

  async screen(): Promise<ScreenMessage> {
    this.current = await this.client.screen();
    return this.current;
  }

  /** Waits (long-polling) until the screen is of one of `kinds`; gives up after `maxChanges` screens. */
  async waitFor(kinds: ScreenKind | readonly ScreenKind[], maxChanges = 50): Promise<ScreenMessage> {
    const wanted = typeof kinds === 'string' ? [kinds] : kinds;
    let m = await this.screen();
    for (let i = 0; !wanted.includes(m.screen.body.kind); i++) {
      if (i >= maxChanges) throw new DriverError(`waited for ${wanted.join('/')}`, m);
      m = await this.client.next(m.seq);
      this.current = m;
    }
    return m;
  }

  async touch(action: VoterAction): Promise<ScreenMessage> {
    const seq = this.current?.seq ?? (await this.screen()).seq;
    const r = await this.client.act(seq, action);
    this.current = { seq: r.seq, screen: r.screen };
    if (!r.ok) throw new DriverError(r.error === 'stale' ? `${action.type}: stale screen` : `${action.type}: refused (${r.rejection})`, this.current);
    return this.current;
  }

  async touchAll(actions: readonly VoterAction[]): Promise<ScreenMessage> {
    let m = this.current ?? (await this.screen());
    for (const a of actions) m = await this.touch(a);
    return m;
  }

  /** The language the screens speak now. */
  get language(): Language | undefined {
    return this.current?.screen.language;
  }
}
