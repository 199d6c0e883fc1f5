// The screen's only way to the console: fetch the snapshot, post an action.
import type { ConsoleSnapshot } from '../core/snapshot.ts';

export interface ActionAnswer {
  ok: boolean;
  message?: string;
  /** Only in the answer to a new activation card. */
  activationCode?: string;
  snapshot: ConsoleSnapshot;
}

export async function getState(): Promise<ConsoleSnapshot> {
  const r = await fetch('/api/state');
  return (await r.json()) as ConsoleSnapshot;
}

export async function post(path: string, body: unknown = {}): Promise<ActionAnswer> {
  const r = await fetch(`/api/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return (await r.json()) as ActionAnswer;
}
