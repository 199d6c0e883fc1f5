// The projector in the room: read-only, by a link with a random key. The agenda with the
// pointer; during a round the ballot and "18 van 31 stemgerechtigden hebben gestemd"; after the
// chair's release the result (names or fractions for a public vote, only counts for a secret one).
import { useEffect, useState } from 'preact/hooks';
import { skewOf, stream, type ProjectorView } from './api.ts';
import { Agenda, BallotHead, Countdown, Result } from './shared.tsx';

export function Projector({ projectorKey }: { projectorKey: string }) {
  const [view, setView] = useState<ProjectorView | null>(null);
  const [connected, setConnected] = useState(true);
  useEffect(() => stream<ProjectorView>(`/api/projectie/${encodeURIComponent(projectorKey)}/events`, setView, setConnected), [projectorKey]);
  useEffect(() => document.documentElement.classList.add('projector'), []);
  if (!view) return <main>{connected ? 'Laden…' : 'Geen verbinding met de server.'}</main>;
  const s = view.stage;
  return (
    <>
      <header>
        <h1>{view.title}</h1>
        <span>{view.date}</span>
        {!connected && <span class="who">verbinding verbroken — opnieuw verbinden…</span>}
      </header>
      <main>
        <section>
          <h2>Dagorde</h2>
          <Agenda agenda={view.agenda} />
        </section>
        {s.kind === 'round' && (
          <section data-testid="stage-round">
            <BallotHead ballot={s.ballot} />
            {s.ballot.choices.kind === 'kandidaten' && <p>Kandidaten: {s.ballot.choices.candidates.map((c) => c.name).join(', ')}</p>}
            <p class="progress" data-testid="progress">
              {s.round.progress}
            </p>
            <Countdown closesAt={s.round.closesAt} skew={skewOf(view.serverNow)} />
          </section>
        )}
        {s.kind === 'result' && s.round.result && (
          <section data-testid="stage-result">
            <h2>{s.ballot.title}</h2>
            <Result result={s.round.result} />
          </section>
        )}
      </main>
    </>
  );
}
