// The virtual polling station: the devices side by side (each app's real screen in a frame),
// the hands of the people in the room as buttons, and the day as numbered steps. The page
// shows the room's state and nothing else; it is read again twice a second and after every
// action, so whatever happens on a device's own screen shows up here by itself.
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ActionAnswer, DemoState } from '../types.ts';
import { getState, post } from './api.ts';
import { Booths, Box, ConsolePanel, Hand, HoofdbureauPanel } from './devices.tsx';
import { Guide } from './guide.tsx';

export type Act = (path: string, body?: unknown) => Promise<ActionAnswer | undefined>;

export function App() {
  const [state, setState] = useState<DemoState | undefined>(undefined);
  const [lost, setLost] = useState(false);
  const [message, setMessage] = useState<{ text: string; ok: boolean } | undefined>(undefined);
  const [focus, setFocus] = useState<string | undefined>(undefined);

  useEffect(() => {
    let alive = true;
    const tick = async (): Promise<void> => {
      try {
        const s = await getState();
        if (!alive) return;
        setState(s);
        setLost(false);
      } catch {
        if (alive) setLost(true);
      }
    };
    void tick();
    const timer = setInterval(() => void tick(), 500);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, []);

  const act: Act = useCallback(async (path, body) => {
    try {
      const r = await post(path, body);
      setState(r.state);
      setMessage({ text: r.message, ok: r.ok });
      return r;
    } catch (e) {
      setMessage({ text: (e as Error).message, ok: false });
      return undefined;
    }
  }, []);

  if (!state) return <p class="loading">{lost ? 'Het virtuele stembureau antwoordt niet. Draait npm start nog?' : 'Het virtuele stembureau wordt geladen…'}</p>;
  const toggle = (id: string) => setFocus((f) => (f === id ? undefined : id));
  return (
    <div class="demo">
      <header class="top">
        <div>
          <h1>Virtueel stembureau</h1>
          <p class="sub">
            {state.station.name} — elk toestel is de echte software op gesimuleerde hardware. Speel de dag met de stappen links; de knoppen in het geel zijn de handen van de mensen in het lokaal.
          </p>
        </div>
        <div class="envelope" aria-label="Verzegelde enveloppe">
          <span>Paswoord uit de verzegelde enveloppe (alleen in de demo zichtbaar)</span>
          <code data-testid="password">{state.password}</code>
        </div>
      </header>
      {lost ? <div class="banner bad">Geen verbinding met npm start.</div> : null}
      {message ? (
        <div class={message.ok ? 'banner ok' : 'banner bad'} role="status" data-testid="message">
          {message.text}
        </div>
      ) : null}
      <div class="layout">
        <Guide state={state} act={act} />
        <main class="room">
          <div class="row first">
            <ConsolePanel state={state} act={act} focused={focus === 'console'} onFocus={() => toggle('console')} />
            <Box state={state} act={act} focused={focus === 'box'} onFocus={() => toggle('box')} />
          </div>
          <Booths state={state} act={act} focus={focus} onFocus={toggle} />
          <div class="row last">
            <Hand state={state} act={act} />
            <HoofdbureauPanel state={state} act={act} focused={focus === 'hoofdbureau'} onFocus={() => toggle('hoofdbureau')} />
          </div>
          {state.messages.length > 0 ? (
            <section class="panel log" aria-label="Wat er gebeurde">
              <h2>Wat er gebeurde</h2>
              <ul>
                {state.messages.map((m, i) => (
                  <li key={`${i}-${m}`}>{m}</li>
                ))}
              </ul>
            </section>
          ) : null}
        </main>
      </div>
    </div>
  );
}
