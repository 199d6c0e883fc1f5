// The president's screen. It renders the console's snapshot and nothing else; every button
// posts one action and shows the console's answer. The snapshot is fetched every second, so a
// pulled stick or an alert from the ballot box appears without a click.
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ConsoleSnapshot } from '../core/snapshot.ts';
import { getState, post, type ActionAnswer } from './api.ts';
import { Alerts, CountersPanel, Message, StickBadge } from './common.tsx';
import { date, time } from './format.ts';
import { ActivationCode } from './screens/cards.tsx';
import { ClosedScreen, ClosingScreen } from './screens/closing.tsx';
import { ExpertCopy } from './screens/expert.tsx';
import { Incidents } from './screens/incidents.tsx';
import { PreparationScreen } from './screens/preparation.tsx';
import { AssistedForm, BureauForm, PrintPrompt } from './screens/pv-entries.tsx';
import { SticksScreen } from './screens/sticks.tsx';
import { TechnicalTest } from './screens/technical-test.tsx';
import { LockedOutScreen, UnlockScreen } from './screens/unlock.tsx';
import { VotingScreen } from './screens/voting.tsx';

export type Act = (path: string, body?: unknown) => Promise<ActionAnswer>;

const PHASE_LABEL: Record<ConsoleSnapshot['phase']['kind'], string> = {
  sticks: 'Sticks',
  locked: 'Paswoord',
  'locked-out': 'Geblokkeerd',
  preparation: 'Voorbereiding',
  open: 'Stemming open',
  closing: 'Afsluiten',
  closed: 'Afgesloten',
  fatal: 'Storing',
};

export function App() {
  const [snap, setSnap] = useState<ConsoleSnapshot | undefined>(undefined);
  const [message, setMessage] = useState<{ text: string; ok: boolean } | undefined>(undefined);
  const [closing, setClosing] = useState(false);
  const [unreachable, setUnreachable] = useState(false);
  // The activation code lives in this page only: until the next card is made or the president hides it.
  const [activationCode, setActivationCode] = useState<string | undefined>(undefined);

  const refresh = useCallback(async () => {
    try {
      setSnap(await getState());
      setUnreachable(false);
    } catch {
      setUnreachable(true);
    }
  }, []);

  useEffect(() => {
    void refresh();
    const t = setInterval(() => void refresh(), 1000);
    return () => clearInterval(t);
  }, [refresh]);

  const act: Act = useCallback(async (path, body) => {
    const r = await post(path, body ?? {});
    setSnap(r.snapshot);
    // A failed print is shown once, in red, by the print prompt: not again inside a green answer.
    const failed = r.snapshot.prints?.failed;
    const text = r.message && failed ? r.message.replace(failed, '').trim() : r.message;
    // The technician's test password is a success of the test, not a wrong password.
    setMessage(text ? { text, ok: r.ok || r.error === 'test-password' } : undefined);
    if (r.ok && (path.startsWith('cards/') || path === 'annul')) setActivationCode(r.activationCode);
    return r;
  }, []);

  if (!snap) return <main>{unreachable ? 'De voorzitterscomputer antwoordt niet.' : 'Even geduld…'}</main>;
  const names = new Map(snap.categories.map((c) => [c.id, c.name]));
  const phase = snap.phase;
  const unlocked = phase.kind === 'preparation' || phase.kind === 'open' || phase.kind === 'closing' || phase.kind === 'closed';

  let screen;
  switch (phase.kind) {
    case 'sticks':
      screen = <SticksScreen snap={snap} />;
      break;
    case 'locked':
      screen = <UnlockScreen snap={snap} act={act} />;
      break;
    case 'locked-out':
      screen = <LockedOutScreen />;
      break;
    case 'preparation':
      screen = closing ? <ClosingScreen snap={snap} act={act} onCancel={() => setClosing(false)} /> : <PreparationScreen snap={snap} act={act} />;
      break;
    case 'open':
      screen = closing ? <ClosingScreen snap={snap} act={act} onCancel={() => setClosing(false)} /> : <VotingScreen snap={snap} act={act} onClose={() => setClosing(true)} />;
      break;
    case 'closing':
      screen = <ClosingScreen snap={snap} act={act} />;
      break;
    case 'closed':
      screen = <ClosedScreen snap={snap} act={act} />;
      break;
    case 'fatal':
      screen = (
        <main>
          <h1 class="problem">Storing aan de sticks</h1>
          <p>{phase.message}</p>
          <p>Verwittig de technische ondersteuning. Noteer het uur van de oproep in het proces-verbaal.</p>
        </main>
      );
      break;
    default: {
      const never: never = phase;
      screen = <main>{String(never)}</main>;
    }
  }

  return (
    <div class="console">
      <header>
        <div class="title">
          <strong>Voorzitterscomputer</strong> {snap.station ? `— ${snap.station.name}` : ''} {snap.electionDate ? `— ${date(snap.electionDate)}` : ''}
        </div>
        <div class="status">
          <span class="phase">{snap.halt ? 'Onderbroken' : PHASE_LABEL[phase.kind]}</span>
          <StickBadge port="A" status={snap.sticks.A} />
          <StickBadge port="B" status={snap.sticks.B} />
          {unreachable ? <span class="badge bad">geen verbinding</span> : null}
        </div>
      </header>
      {snap.halt ? (
        <div class="halt" role="alertdialog" aria-label="Stemming onderbroken">
          <h1>STEMMING ONDERBROKEN</h1>
          <p>{snap.halt.message}</p>
          <p>Sinds {time(snap.halt.since)}. Er gaat niets verloren: de stemming gaat verder zodra de stick terug in orde is.</p>
        </div>
      ) : null}
      <Alerts alerts={snap.alerts} dismiss={(id) => void act(`alerts/${id}/dismiss`)} />
      <Message text={message?.text} ok={message?.ok ?? true} />
      <PrintPrompt snap={snap} act={act} />
      {activationCode ? <ActivationCode code={activationCode} onHide={() => setActivationCode(undefined)} /> : null}
      <div class="body">
        <div class="main">
          {snap.halt ? (
            <fieldset disabled class="frozen" aria-label="Niet beschikbaar tijdens de onderbreking">
              {screen}
            </fieldset>
          ) : (
            screen
          )}
          {phase.kind === 'open' && !closing ? <AssistedForm snap={snap} act={act} /> : null}
          {unlocked && phase.kind !== 'closed' ? <Incidents snap={snap} act={act} /> : null}
          {unlocked ? <ExpertCopy snap={snap} act={act} /> : null}
          {unlocked && phase.kind !== 'closed' ? <BureauForm snap={snap} act={act} /> : null}
          {phase.kind === 'sticks' || phase.kind === 'locked' || phase.kind === 'locked-out' ? <TechnicalTest snap={snap} act={act} /> : null}
        </div>
        {snap.counters ? <CountersPanel counters={snap.counters} names={names} /> : null}
      </div>
      <footer class="small">
        Software {snap.software} {snap.packageShortHash ? `· pakket ${snap.packageShortHash}` : ''}
      </footer>
    </div>
  );
}
