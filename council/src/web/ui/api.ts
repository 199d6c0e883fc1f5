// The browser's side of the API: reads as they are, every change through the web guard's client
// (same-origin JSON with the CSRF token), and one live stream per screen (Server-Sent Events,
// which reconnect by themselves; the server sends the whole view again on every (re)connect).
import { createGuardedClient } from '@ovs/web-guard/client';

export type { ControlView, MemberView, ProjectorView, ResultDisplay, RoundView, BallotView, Stage } from '../../views.ts';

export interface Me {
  username: string;
  name: string;
  role: 'voorzitter' | 'secretariaat' | 'raadslid';
  memberId: string | null;
}

const http = createGuardedClient();

type Answer<T> = { ok: true; value: T } | { ok: false; message: string };

async function read<T>(res: Response): Promise<Answer<T>> {
  try {
    const body = (await res.json()) as { ok?: boolean; value?: T; message?: string };
    return body.ok ? { ok: true, value: body.value as T } : { ok: false, message: body.message ?? `Fout ${res.status}` };
  } catch {
    return { ok: false, message: `De server antwoordde onverwacht (${res.status}). Probeer opnieuw.` };
  }
}

export async function post<T = unknown>(path: string, body: unknown = {}): Promise<Answer<T>> {
  try {
    return await read<T>(await http.post(path, body));
  } catch {
    return { ok: false, message: 'Geen verbinding met de server: uw actie werd niet uitgevoerd. Probeer opnieuw.' };
  }
}

export async function get<T>(path: string): Promise<Answer<T>> {
  try {
    return await read<T>(await http.get(path));
  } catch {
    return { ok: false, message: 'Geen verbinding met de server.' };
  }
}

/** One live stream: `onView` for every view, `onState` when the connection drops or returns. */
export function stream<T>(path: string, onView: (v: T) => void, onState: (connected: boolean) => void): () => void {
  const source = new EventSource(path);
  source.onmessage = (e: MessageEvent<string>) => {
    onState(true);
    onView(JSON.parse(e.data) as T);
  };
  source.onerror = () => onState(false);
  return () => source.close();
}

/** The difference between the server's clock and ours, for countdowns. */
export const skewOf = (serverNow: string): number => new Date(serverNow).getTime() - Date.now();
