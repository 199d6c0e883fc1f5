// The screen's only way to the console: fetch the snapshot, post an action. Every action goes
// with the session's CSRF token (@ovs/web-guard/client), which the client fetches itself and
// renews after a restart of the console, so the president is never left with a dead screen.
import { createGuardedClient } from '@ovs/web-guard/client';
import type { ConsoleSnapshot } from '../core/snapshot.ts';

export interface ActionAnswer {
  ok: boolean;
  message?: string;
  /** The refusal's code (ActionError), when not ok. */
  error?: string;
  /** Only in the answer to a new activation card. */
  activationCode?: string;
  /** Only in the answer to a returned card read in the writer. */
  categories?: string[];
  snapshot: ConsoleSnapshot;
}

const client = createGuardedClient();

export async function getState(): Promise<ConsoleSnapshot> {
  const r = await client.get('/api/state');
  return (await r.json()) as ConsoleSnapshot;
}

export async function post(path: string, body: unknown = {}): Promise<ActionAnswer> {
  const r = await client.post(`/api/${path}`, body);
  const answer = (await r.json()) as Partial<ActionAnswer>;
  // A refusal of the guard carries a message but no snapshot: show it over the current state.
  return answer.snapshot ? (answer as ActionAnswer) : { ok: false, message: answer.message ?? 'De voorzitterscomputer weigerde de opdracht.', snapshot: await getState() };
}
