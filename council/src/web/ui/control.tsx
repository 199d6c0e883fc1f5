// The control screen (regietool) of the chair and the secretariat: presence and quorum, the
// agenda with its ballots, and per ballot: open a round (with a time limit if wanted), close,
// release (the chair), re-initialise, the paper ballot as PDF and the count of an offline round.
import { useEffect, useState } from 'preact/hooks';
import { get, post, skewOf, stream, type ControlView, type Me } from './api.ts';
import { Countdown, Result } from './shared.tsx';
import { NewBallot } from './new-ballot.tsx';

type Ballots = ControlView['items'][number]['ballots'];

export function ControlScreen({ me, onLogout }: { me: Me; onLogout: () => void }) {
  const [view, setView] = useState<ControlView | null>(null);
  const [connected, setConnected] = useState(true);
  const [message, setMessage] = useState<{ good: boolean; text: string } | null>(null);
  useEffect(() => stream<ControlView>('/api/events', setView, setConnected), []);

  const act = async (path: string, body: unknown, done: string): Promise<boolean> => {
    const r = await post(path, body);
    setMessage(r.ok ? { good: true, text: done } : { good: false, text: r.message });
    return r.ok;
  };
  if (!view) return <main>{connected ? 'Laden…' : 'Geen verbinding met de server.'}</main>;
  const open = view.openRound;
  return (
    <>
      <header>
        <h1>Regietool — {view.title}</h1>
        <span>{view.date}</span>
        <span class="who">
          {me.name} ({me.role})
        </span>
        <button onClick={onLogout}>Afmelden</button>
      </header>
      <main>
        {!connected && <div class="problem">De verbinding met de server is verbroken; het scherm verbindt opnieuw.</div>}
        {message && (
          <div class={message.good ? 'good' : 'problem'} data-testid="message">
            {message.text}
          </div>
        )}
        <section>
          <p data-testid="quorum" class={view.quorum.met ? '' : 'problem'}>
            {view.quorum.text}
          </p>
          <p>
            Projectiescherm: <a href={view.projectorPath} target="_blank" rel="noreferrer" data-testid="projector-link">{view.projectorPath}</a> · Export:{' '}
            <a href="/export/stemmingen.csv">stemmingen (csv)</a> · <a href="/export/stemmingen.pdf">stemmingen (pdf)</a>
          </p>
        </section>
        {open && (
          <section data-testid="open-round">
            <h2>
              Open: {open.label} — <span data-testid="open-progress">{open.progress}</span>
            </h2>
            <Countdown closesAt={open.closesAt} skew={skewOf(view.serverNow)} />
            <button class="primary" onClick={() => void act(`/api/rounds/${open.id}/close`, {}, 'De stemronde is gesloten. Geef het resultaat vrij wanneer de raad het mag zien.')}>
              Stemronde sluiten
            </button>
            <button onClick={() => void act(`/api/rounds/${open.id}/reset`, {}, 'De stemronde is opnieuw geïnitialiseerd: alle stemmen van deze ronde zijn gewist.')}>Opnieuw initialiseren</button>
            <p class="muted">Nog niet gestemd: {view.members.filter((m) => m.present && !m.voted).map((m) => m.name).join(', ') || 'niemand'}</p>
          </section>
        )}
        <section>
          <h2>Dagorde</h2>
          {view.items.map((item) => (
            <div key={item.id} data-item={item.id}>
              <h3>
                {item.position}. {item.title} {view.agenda.find((a) => a.id === item.id)?.current ? '◀ aanwijzer' : ''}
              </h3>
              <button onClick={() => void act('/api/pointer', { itemId: item.id }, 'De aanwijzer staat op dit agendapunt.')}>Aanwijzer hierheen</button>
              <BallotList ballots={item.ballots} act={act} chair={me.role === 'voorzitter'} />
              {me.role !== 'raadslid' && <NewBallot itemId={item.id} act={act} />}
            </div>
          ))}
        </section>
        <Audit />
        <section>
          <h2>Raadsleden</h2>
          <table>
            <tbody>
              {view.members.map((m) => (
                <tr key={m.id} data-member={m.id}>
                  <td>{m.name}</td>
                  <td>
                    {m.fraction}
                    {m.leader ? ' (fractievoorzitter)' : ''}
                  </td>
                  <td class="n">gewicht {m.weight}</td>
                  <td>
                    <label>
                      <input type="checkbox" checked={m.present} onChange={(e) => void act(`/api/members/${m.id}/presence`, { present: (e.target as HTMLInputElement).checked }, `${m.name}: aanwezigheid bijgewerkt.`)} /> aanwezig
                    </label>
                  </td>
                  <td>{open ? (m.voted ? 'gestemd' : '') : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </main>
    </>
  );
}

function BallotList({ ballots, act, chair }: { ballots: Ballots; act: (path: string, body: unknown, done: string) => Promise<boolean>; chair: boolean }) {
  const [limit, setLimit] = useState('');
  return (
    <>
      {ballots.map(({ ballot, locked, rounds, fractionsWithoutLeader }) => (
        <div key={ballot.id} class="ballot" data-ballot={ballot.id}>
          <p>
            <b>Stembrief: {ballot.title}</b> <span class="base">({ballot.parameters}; {ballot.base})</span>
          </p>
          {fractionsWithoutLeader.length > 0 && <p class="problem">Zonder aanwezige fractievoorzitter (kunnen niet stemmen): {fractionsWithoutLeader.join(', ')}</p>}
          <label>
            Tijdslimiet (seconden, leeg = geen){' '}
            <input size={5} value={limit} onInput={(e) => setLimit((e.target as HTMLInputElement).value)} data-testid={`limit-${ballot.id}`} />
          </label>
          <button
            class="primary"
            onClick={() => {
              const seconds = limit.trim() === '' ? null : Number(limit);
              void act(`/api/ballots/${ballot.id}/open`, { limitSeconds: seconds }, 'De stemronde is geopend: de stembrief staat op de schermen van de raadsleden.');
            }}
          >
            Stemronde openen
          </button>
          <a href={`/api/ballots/${ballot.id}/stembrief.pdf`} target="_blank" rel="noreferrer">
            stembrief (pdf)
          </a>{' '}
          {!locked && <button onClick={() => void act(`/api/ballots/${ballot.id}/delete`, {}, 'De stembrief is verwijderd.')}>Verwijderen</button>}
          <Manual ballotId={ballot.id} candidates={ballot.choices.kind === 'kandidaten' ? ballot.choices.candidates : null} secret={ballot.secret} act={act} />
          {rounds.map((r) => (
            <div key={r.id} data-round={r.id} class="round">
              <p>
                {r.label}: {{ open: 'open', closed: 'gesloten, niet vrijgegeven', released: 'vrijgegeven', reset: 'opnieuw geïnitialiseerd' }[r.state]} — {r.progress}
              </p>
              {r.state === 'closed' && chair && (
                <button class="primary" onClick={() => void act(`/api/rounds/${r.id}/release`, {}, 'Het resultaat is vrijgegeven.')}>
                  Resultaat vrijgeven
                </button>
              )}
              {r.state === 'closed' && <button onClick={() => void act(`/api/rounds/${r.id}/reset`, {}, 'De stemronde is opnieuw geïnitialiseerd.')}>Opnieuw initialiseren</button>}
              {(r.state === 'closed' || r.state === 'released') && r.result && <Result result={r.result} />}
            </div>
          ))}
        </div>
      ))}
    </>
  );
}

function Manual({ ballotId, candidates, secret, act }: { ballotId: number; candidates: Array<{ id: string; name: string }> | null; secret: boolean; act: (path: string, body: unknown, done: string) => Promise<boolean> }) {
  const [shown, setShown] = useState(false);
  const [values, setValues] = useState<Record<string, string>>({});
  if (!shown) return <button onClick={() => setShown(true)}>Offline resultaat invoeren</button>;
  const n = (k: string): number => (values[k] === undefined || values[k] === '' ? Number.NaN : Number(values[k]));
  const field = (k: string, label: string) => (
    <label key={k}>
      {label} <input size={4} value={values[k] ?? ''} onInput={(e) => setValues({ ...values, [k]: (e.target as HTMLInputElement).value })} />
    </label>
  );
  const submit = (): void => {
    const counts = candidates
      ? { kind: 'kandidaten', votes: Object.fromEntries(candidates.map((c) => [c.id, n(c.id)])), blanco: n('blanco'), valid: n('valid') }
      : { kind: 'standaard', ja: n('ja'), nee: n('nee'), onthouding: n('onthouding'), blanco: secret ? n('blanco') : 0 };
    void act(`/api/ballots/${ballotId}/manual`, { counts }, 'Het resultaat van de offline ronde is ingevoerd.').then((okay) => okay && setShown(false));
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {candidates ? [...candidates.map((c) => field(c.id, c.name)), field('valid', 'Geldige stembrieven'), field('blanco', 'Blanco')] : [field('ja', 'Ja'), field('nee', 'Nee'), field('onthouding', 'Onthouding'), ...(secret ? [field('blanco', 'Blanco')] : [])]}
      <button class="primary" type="submit">
        Resultaat opslaan
      </button>
    </form>
  );
}

interface AuditLine {
  seq: number;
  at: string;
  username: string;
  role: string;
  action: string;
  detail: string;
}

/** The last 200 lines of the audit log, on request. */
function Audit() {
  const [lines, setLines] = useState<AuditLine[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const load = (): void => void get<AuditLine[]>('/api/audit').then((r) => (r.ok ? (setLines(r.value), setProblem(null)) : setProblem(r.message)));
  return (
    <section>
      <h2>Auditlogboek</h2>
      <button onClick={load}>{lines ? 'Vernieuwen' : 'Tonen'}</button>
      {problem && <div class="problem">{problem}</div>}
      {lines && (
        <table data-testid="audit">
          <tbody>
            {lines.map((l) => (
              <tr key={l.seq}>
                <td>{new Date(l.at).toLocaleTimeString('nl-BE')}</td>
                <td>
                  {l.username} ({l.role})
                </td>
                <td>{l.action}</td>
                <td>{l.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
