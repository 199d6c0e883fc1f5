import { useEffect, useState } from 'preact/hooks';
import { api, type StationDetail } from './api.ts';
import { SOURCE, STATE, time } from './format.ts';

export function StationPage({ number, version }: { number: number; version: number }) {
  const [d, setD] = useState<StationDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.station(number).then(setD, (e: Error) => setError(e.message));
  }, [number, version]);
  if (error) return <div class="problem">{error}</div>;
  if (!d) return <p>Laden…</p>;
  const closing = d.closing as null | { registeredBallots: number; annulledBallots: number; testBallots: number; openedAt: string | null; closedAt: string };
  return (
    <section>
      <h2>
        Stembureau {d.number} — {d.name}
      </h2>
      <p>
        Deelgebied {d.deelgebied}; {d.registeredVoters} ingeschreven kiezers. Toestand: <span class={`state ${d.state}`}>{STATE[d.state]}</span>
      </p>
      {d.warning && <div class="problem">{d.warning}</div>}
      {d.imported && (
        <>
          <p>
            Ingelezen {time(d.imported.at)} van de {SOURCE[d.imported.source]}: <b>{d.imported.ballots}</b> stembiljetten. Controlecode stembiljetten <span class="hash">{d.imported.storeShortHash ?? '—'}</span>
          </p>
          {d.imported.note && <div class="note">{d.imported.note}</div>}
        </>
      )}
      {closing && (
        <p class="muted">
          Geopend {time(closing.openedAt)}, afgesloten {time(closing.closedAt)}; geannuleerd {closing.annulledBallots}; teststembiljetten {closing.testBallots}.
        </p>
      )}
      {d.results.map((r) => (
        <div key={r.election}>
          <h3>
            {r.title}: {r.ballots} stembiljetten, {r.blank} blanco
          </h3>
          <table>
            <tbody>
              {r.lists.map((l) => (
                <tr key={l.number}>
                  <td>{l.number}</td>
                  <td>{l.name}</td>
                  <td class="n">{l.stemcijfer}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
      <h3>Pogingen</h3>
      {d.attempts.length === 0 && <p class="muted">Nog geen stick aangeboden.</p>}
      <table>
        <tbody>
          {d.attempts.map((a) => (
            <tr key={a.id}>
              <td>{time(a.at)}</td>
              <td>{a.outcome}</td>
              <td>{a.message}</td>
              <td class="muted">{a.path}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
