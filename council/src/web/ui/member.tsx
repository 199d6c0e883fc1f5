// A council member's tablet: the ballot appears by itself when a round opens; a click votes and
// the screen says when the vote is stored; the vote can change until the round closes. After a
// dropped connection the stream comes back with the current round and whether the vote is stored.
// A secret round: the tablet makes a random key (kept in this browser only) that lets it change
// its own anonymous ballot; the server keeps only the key's hash with the ballot, never with the member.
import { useEffect, useState } from 'preact/hooks';
import type { Vote } from '@ovs/council-rules';
import { post, skewOf, stream, type Me, type MemberView } from './api.ts';
import { Agenda, BallotHead, Countdown, Result } from './shared.tsx';

const keyName = (roundId: number): string => `council-key-${roundId}`;
const choiceName = (roundId: number): string => `council-choice-${roundId}`;

function roundKey(roundId: number): string {
  const stored = localStorage.getItem(keyName(roundId));
  if (stored) return stored;
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const key = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  localStorage.setItem(keyName(roundId), key);
  return key;
}

/** Keys and remembered choices of rounds that are no longer open are forgotten. */
function forgetOther(roundId: number | null): void {
  for (const k of Object.keys(localStorage)) {
    if ((k.startsWith('council-key-') || k.startsWith('council-choice-')) && !k.endsWith(`-${roundId}`)) localStorage.removeItem(k);
  }
}

const describe = (v: Vote | null, names: Map<string, string>): string =>
  !v ? '' : v.kind === 'standaard' ? { ja: 'ja', nee: 'nee', onthouding: 'onthouding', blanco: 'blanco' }[v.choice] : v.candidates.length === 0 ? 'blanco' : v.candidates.map((id) => names.get(id) ?? id).join(', ');

export function MemberScreen({ me, onLogout }: { me: Me; onLogout: () => void }) {
  const [view, setView] = useState<MemberView | null>(null);
  const [connected, setConnected] = useState(true);
  const [message, setMessage] = useState<{ good: boolean; text: string } | null>(null);
  const [picked, setPicked] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  useEffect(() => stream<MemberView>('/api/events', setView, setConnected), []);
  const s = view?.stage;
  const roundId = s?.kind === 'round' ? s.round.id : null;
  const loaded = view !== null;
  useEffect(() => {
    // Not before the first view: a reloaded tablet must keep the key of the round still open.
    if (loaded) forgetOther(roundId);
    setMessage(null);
    setPicked([]);
  }, [roundId, loaded]);

  const send = async (vote: Vote): Promise<void> => {
    if (roundId === null || s?.kind !== 'round') return;
    setBusy(true);
    const r = await post<string>(`/api/rounds/${roundId}/vote`, { vote, ...(s.ballot.secret ? { key: roundKey(roundId) } : {}) });
    setBusy(false);
    if (r.ok) {
      if (s.ballot.secret) localStorage.setItem(choiceName(roundId), JSON.stringify(vote));
      setMessage({ good: true, text: r.value === 'gewijzigd' ? 'Uw stem is gewijzigd en opgeslagen.' : 'Uw stem is opgeslagen.' });
    } else setMessage({ good: false, text: r.message });
  };

  const mine = view?.mine;
  let own: Vote | null = mine?.vote ?? null;
  if (!own && roundId !== null && s?.kind === 'round' && s.ballot.secret) {
    const remembered = localStorage.getItem(choiceName(roundId));
    own = remembered ? (JSON.parse(remembered) as Vote) : null;
  }
  const names = new Map(s?.kind === 'round' && s.ballot.choices.kind === 'kandidaten' ? s.ballot.choices.candidates.map((c) => [c.id, c.name] as [string, string]) : []);

  return (
    <>
      <header>
        <h1>{view?.title ?? 'Gemeenteraad'}</h1>
        <span class="who">
          {me.name}
          {view?.me ? ` (${view.me.fraction})` : ''}
        </span>
        <button onClick={onLogout}>Afmelden</button>
      </header>
      <main>
        {!connected && (
          <div class="problem" data-testid="offline">
            De verbinding met de server is verbroken. Het toestel verbindt opnieuw; uw opgeslagen stem blijft bewaard.
          </div>
        )}
        {!view && <p>Laden…</p>}
        {view && s?.kind === 'round' && (
          <section data-testid="ballot">
            <BallotHead ballot={s.ballot} />
            <Countdown closesAt={s.round.closesAt} skew={skewOf(view.serverNow)} />
            {mine && !mine.eligible && <div class="problem">{mine.reason}</div>}
            {mine?.eligible && s.ballot.choices.kind === 'standaard' && (
              <div>
                {s.ballot.choices.options.map((o) => (
                  <button key={o.id} class="choice" disabled={busy} aria-pressed={own?.kind === 'standaard' && own.choice === o.id ? 'true' : 'false'} onClick={() => void send({ kind: 'standaard', choice: o.id as 'ja' })}>
                    {o.label}
                  </button>
                ))}
              </div>
            )}
            {mine?.eligible && s.ballot.choices.kind === 'kandidaten' && (
              <div>
                <p>
                  Kies ten hoogste {s.ballot.choices.max} {s.ballot.choices.max === 1 ? 'kandidaat' : 'kandidaten'}; niemand kiezen is blanco.
                </p>
                {s.ballot.choices.candidates.map((c) => (
                  <label key={c.id} class="choice">
                    <input
                      type="checkbox"
                      checked={picked.includes(c.id)}
                      onChange={(e) => setPicked((p) => ((e.target as HTMLInputElement).checked ? [...p, c.id] : p.filter((x) => x !== c.id)))}
                    />{' '}
                    {c.name}
                  </label>
                ))}
                <button class="primary" disabled={busy} onClick={() => void send({ kind: 'kandidaten', candidates: picked })}>
                  Stem uitbrengen
                </button>
              </div>
            )}
            {message && (
              <div class={message.good ? 'good' : 'problem'} data-testid="vote-message">
                {message.text}
              </div>
            )}
            {mine?.voted && (
              <p class="good" data-testid="vote-status">
                Uw stem is opgeslagen{own ? `: ${describe(own, names)}` : ''}. U kunt ze wijzigen tot de stemronde sluit.
              </p>
            )}
            {mine?.eligible && !mine.voted && <p data-testid="vote-status">U hebt nog niet gestemd.</p>}
          </section>
        )}
        {view && s?.kind === 'result' && s.round.result && (
          <section data-testid="stage-result">
            <h2>{s.ballot.title}</h2>
            <Result result={s.round.result} />
          </section>
        )}
        {view && s?.kind === 'idle' && <p data-testid="idle">Er loopt nu geen stemming. De stembrief verschijnt vanzelf wanneer de voorzitter een stemronde opent.</p>}
        {view && (
          <section>
            <h2>Dagorde</h2>
            <Agenda agenda={view.agenda} />
          </section>
        )}
      </main>
    </>
  );
}
