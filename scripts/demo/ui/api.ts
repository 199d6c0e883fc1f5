// The page's only way to the room: read the state, ask the hands to do something. Every move
// goes with the session's CSRF token (@ovs/web-guard/client).
import { createGuardedClient } from '@ovs/web-guard/client';
import type { ActionAnswer, DemoState } from '../types.ts';

const http = createGuardedClient();

export async function getState(): Promise<DemoState> {
  const r = await http.get('/demo/api/state');
  if (!r.ok) throw new Error(`HTTP ${r.status}`);
  return (await r.json()) as DemoState;
}

export async function post(path: string, body: unknown = {}): Promise<ActionAnswer> {
  const r = await http.post(`/demo/api/${path}`, body);
  const answer = (await r.json()) as Partial<ActionAnswer>;
  if (!answer.state) throw new Error(answer.message ?? `HTTP ${r.status}`);
  return answer as ActionAnswer;
}

/**
 * A device's page under the name this page was opened with (127.0.0.1 or localhost): the
 * devices' session cookies are SameSite, so a frame must be the same site as the page.
 */
export function onThisHost(url: string): string {
  const u = new URL(url);
  if (location.hostname === 'localhost') u.hostname = 'localhost';
  return u.href;
}
