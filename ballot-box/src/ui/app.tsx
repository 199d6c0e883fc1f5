// The box's display: the state in one colour and one title that a voter reads from a step away,
// the reason and what to do next, a line for the assessor. It only shows what the backend says.
import { useEffect, useState } from 'preact/hooks';
import { createGuardedClient } from '@ovs/web-guard/client';
import type { DisplayView } from '../machine/display.ts';

export interface DisplayState {
  seq: number;
  view: DisplayView;
  /** Before opening the assessor confirms, on this screen, that the box is empty (decree art. 14). */
  canConfirmEmpty: boolean;
}

// The box-empty button goes with the session's token (the web guard refuses a change without it).
const http = createGuardedClient();

async function next(after: number): Promise<DisplayState | null> {
  try {
    const res = await http.get(`/api/display?after=${after}`);
    return res.ok ? ((await res.json()) as DisplayState) : null;
  } catch {
    return null;
  }
}

const LIGHT_LABEL: Record<DisplayView['light'], string> = { red: 'rood licht', green: 'groen licht', 'red-blink': 'rood knipperlicht' };

export function App() {
  const [state, setState] = useState<DisplayState | null>(null);
  const [lost, setLost] = useState(false);

  useEffect(() => {
    let alive = true;
    let seq = -1;
    const loop = async (): Promise<void> => {
      while (alive) {
        const s = await next(seq);
        if (!alive) return;
        if (s === null) {
          setLost(true);
          await new Promise((r) => setTimeout(r, 1000));
          continue;
        }
        setLost(false);
        seq = s.seq;
        setState(s);
      }
    };
    void loop();
    return () => {
      alive = false;
    };
  }, []);

  if (state === null) return <main class="tone-wait"><h1>Stembus start op…</h1></main>;
  const v = state.view;
  return (
    <main class={`tone-${v.tone}`} data-reason={v.reason ?? ''}>
      <header>
        <div class={`light light-${v.light}`} role="img" aria-label={LIGHT_LABEL[v.light]} />
        <h1>{v.title}</h1>
      </header>
      <p class="text">{v.text}</p>
      {v.instruction && <p class="instruction">{v.instruction}</p>}
      {v.notice && (
        <p class="notice" role="status">
          {v.notice}
        </p>
      )}
      <footer>
        <span class="status">{lost ? 'Scherm heeft geen verbinding met de stembus' : v.status}</span>
        {state.canConfirmEmpty && (
          <button type="button" onClick={() => void http.post('/api/box-empty').catch(() => undefined)}>
            Stembus is leeg
          </button>
        )}
      </footer>
    </main>
  );
}
