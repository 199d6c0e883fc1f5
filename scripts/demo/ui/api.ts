// The page's only way to the room: read the state, ask the hands to do something.
import type { ActionAnswer, DemoState } from '../types.ts';

export async function getState(): Promise<DemoState> {
  const r = await fetch('/demo/api/state', { cache: 'no-store' });
  if (!r.ok) throw new Error(`HTTP ${r.status}`);
  return (await r.json()) as DemoState;
}

export async function post(path: string, body: unknown = {}): Promise<ActionAnswer> {
  const r = await fetch(`/demo/api/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const answer = (await r.json()) as Partial<ActionAnswer>;
  if (!answer.state) throw new Error(answer.message ?? `HTTP ${r.status}`);
  return answer as ActionAnswer;
}
